//! A one-product spec of a made-up vendor `acme`, for the unit tests of the
//! checks that need a whole tree (waiters, tasks): the vendor and service
//! files, and whatever files a test adds.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Value, json};

/// `acme/vendor.json`, `acme/<product>/service.json`, and `files` (paths
/// relative to the product's folder, e.g. `actions/Purge.json`).
pub(super) fn product_files(
    product: &str,
    files: impl IntoIterator<Item = (&'static str, Value)>,
) -> BTreeMap<PathBuf, String> {
    let title = product.to_uppercase();
    let vendor = json!({ "$schema": "../schema/vendor.schema.json", "name": "acme", "title": "Acme",
                         "description": "Acme.", "common_errors": [] });
    let service = json!({ "$schema": "../../schema/service.schema.json", "vendor": "acme", "product": product,
                          "title": title, "description": format!("{title}."), "version": "2024-01-01",
                          "protocol": "tc3-hmac-sha256",
                          "endpoints": [{ "host": format!("{product}.example.com"), "kind": "default" }] });
    [
        ("acme/vendor.json".to_owned(), vendor),
        (format!("acme/{product}/service.json"), service),
    ]
    .into_iter()
    .chain(
        files
            .into_iter()
            .map(|(path, value)| (format!("acme/{product}/{path}"), value)),
    )
    .map(|(path, value)| (PathBuf::from(path), value.to_string()))
    .collect()
}

/// Every problem the validate stage finds in `files`; none when it passes.
pub(super) fn problems(files: &BTreeMap<PathBuf, String>) -> Vec<String> {
    let tree = crate::load::load_files(files).unwrap_or_else(|e| panic!("{e}"));
    match super::validate(&tree) {
        Ok(()) => Vec::new(),
        Err(d) => d.errors.iter().map(|e| e.to_string()).collect(),
    }
}
