//! Stage 1, load: find the spec files and parse each one into its raw form.
//!
//! The tree layout is fixed, so a file's place says what it is:
//!
//! ```text
//! spec/<vendor>/vendor.json
//! spec/<vendor>/<product>/service.json
//! spec/<vendor>/<product>/actions/<Action>.json
//! spec/<vendor>/<product>/types/<Shape>.json
//! spec/<vendor>/<product>/overlay/{service.json, actions/<Action>.json, types/<Shape>.json}
//! ```
//!
//! The first four are what an importer writes from the vendor's metadata (or
//! a person, for a product without metadata); `overlay/` holds the curation
//! that must survive a re-import, merged here over the files of the same
//! name ([`overlay`]), so later stages see one spec.
//!
//! `spec/schema/` holds the generated JSON Schemas and is not read here.
//! Markdown files and dot-files are allowed anywhere; any other file is an error,
//! so that a misnamed spec cannot be silently ignored.

mod discover;
mod merge;
pub mod overlay;
mod parse;
pub mod raw;
pub mod schema;
pub mod type_expr;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use discover::{SpecFiles, load_files, load_tree, load_tree_changed, load_tree_with};
pub use parse::{MAX_SPEC_FILE_BYTES, parse_file};
use raw::{ActionFile, ServiceFile, ShapeFile, VendorFile};

/// A parsed file and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Path relative to the spec root, with `/` separators.
    pub file: PathBuf,
    /// The parsed content.
    pub value: T,
}

/// Everything under one spec root, in a stable (sorted) order.
#[derive(Debug, Clone, Default)]
pub struct SpecTree {
    /// One entry per vendor folder.
    pub vendors: Vec<VendorSpec>,
}

impl SpecTree {
    /// The tree as spec files (path relative to the root, and text), with
    /// overlays already merged: [`load_files`] reads it back to the same tree.
    pub fn to_files(&self) -> BTreeMap<PathBuf, String> {
        let mut files = BTreeMap::new();
        for vendor in &self.vendors {
            files.insert(
                vendor.vendor.file.clone(),
                raw::to_spec_text(&vendor.vendor.value),
            );
            for product in &vendor.products {
                let service = &product.service;
                files.insert(service.file.clone(), raw::to_spec_text(&service.value));
                for action in &product.actions {
                    files.insert(action.file.clone(), raw::to_spec_text(&action.value));
                }
                for shape in &product.shapes {
                    files.insert(shape.file.clone(), raw::to_spec_text(&shape.value));
                }
            }
        }
        files
    }
}

/// A vendor folder.
#[derive(Debug, Clone)]
pub struct VendorSpec {
    /// Folder name, e.g. `tencent`.
    pub dir_name: String,
    /// `vendor.json`.
    pub vendor: Loaded<VendorFile>,
    /// One entry per product folder.
    pub products: Vec<ProductSpec>,
}

/// A product folder.
#[derive(Debug, Clone)]
pub struct ProductSpec {
    /// Folder name, e.g. `ssl`.
    pub dir_name: String,
    /// Folder path relative to the spec root.
    pub dir: PathBuf,
    /// `service.json`.
    pub service: Loaded<ServiceFile>,
    /// `actions/*.json`, sorted by file name.
    pub actions: Vec<Loaded<ActionFile>>,
    /// `types/*.json`, sorted by file name.
    pub shapes: Vec<Loaded<ShapeFile>>,
    /// Each base file an overlay was merged over, and that overlay.
    pub overlays: BTreeMap<PathBuf, Overlaid>,
    /// `type_names` of `overlay/service.json`: for the importer, and checked
    /// by the validate stage.
    pub type_names: BTreeMap<String, String>,
}

/// An overlay merged over a base file, and what of the merged file comes from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlaid {
    /// The overlay file, relative to the spec root.
    pub file: PathBuf,
    /// Each value the overlay set: its JSON path in the merged file, and in
    /// the overlay. A problem found in the merged file is traced back with
    /// these, since the overlay's lists are matched by name, not by index.
    pub values: Vec<(String, String)>,
}

impl Overlaid {
    /// The JSON path in the overlay of the value at `json_path` of the
    /// merged file, and whether the overlay set all of it (`true`) or only
    /// something inside it (`false`); `None` if the overlay set none of it.
    pub fn origin(&self, json_path: &str) -> Option<(String, bool)> {
        let whole = self
            .values
            .iter()
            .filter(|(merged, _)| is_within(json_path, merged))
            .max_by_key(|(merged, _)| merged.len());
        if let Some((merged, overlay)) = whole {
            return Some((format!("{overlay}{}", &json_path[merged.len()..]), true));
        }
        self.values
            .iter()
            .find(|(merged, _)| is_within(merged, json_path))
            .map(|(_, overlay)| (overlay.clone(), false))
    }
}

/// Whether the JSON path `inner` is `outer` or a path inside it.
pub(crate) fn is_within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Joins path components with `/` whatever the platform, so messages and
/// generated headers are identical everywhere.
pub(crate) fn rel_path(parts: &[&str]) -> PathBuf {
    PathBuf::from(parts.join("/"))
}

/// A file's path inside its product folder (`actions/X.json` for
/// `vendor/product/actions/X.json`), for messages that name another file of
/// the product of the problem's file, which already names the product.
pub(crate) fn in_product(file: &Path) -> String {
    let parts: Vec<_> = file
        .components()
        .skip(2)
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// `source` (relative to the spec root) named from the repository root, with `/`
/// separators on every platform: headers and spec errors name files alike.
pub(crate) fn display_path(label: &str, source: &Path) -> String {
    let source = source.to_string_lossy().replace('\\', "/");
    if source.is_empty() {
        format!("{label}/")
    } else {
        format!("{label}/{source}")
    }
}

/// The file stem (`CreateCertificate` for `actions/CreateCertificate.json`).
pub(crate) fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_path_is_traced_to_the_overlay_value_it_is_in() {
        let overlaid = Overlaid {
            file: PathBuf::from("v/p/overlay/actions/A.json"),
            values: vec![
                ("$.summary".into(), "$.summary".into()),
                (
                    "$.input[3].constraints".into(),
                    "$.input[0].constraints".into(),
                ),
                ("$.input[3].enum".into(), "$.input[0].enum".into()),
                ("$.input[3].enum.name".into(), "$.input[0].enum.name".into()),
            ],
        };
        let origin = |path: &str| overlaid.origin(path);
        assert_eq!(origin("$.summary"), Some(("$.summary".into(), true)));
        // Inside a value the overlay set: the same place inside the overlay's.
        assert_eq!(
            origin("$.input[3].constraints.max_length"),
            Some(("$.input[0].constraints.max_length".into(), true))
        );
        // The most specific record wins.
        assert_eq!(
            origin("$.input[3].enum.name"),
            Some(("$.input[0].enum.name".into(), true))
        );
        // Around a value the overlay set: only part of it is the overlay's.
        assert_eq!(
            origin("$.input[3]"),
            Some(("$.input[0].constraints".into(), false))
        );
        assert_eq!(origin("$"), Some(("$.summary".into(), false)));
        // `[3]` is not `[30]`, nor `summary` `summary_note`.
        assert_eq!(origin("$.input[30].constraints"), None);
        assert_eq!(origin("$.summary_note"), None);
        assert_eq!(origin("$.input[3].description"), None);
    }

    #[test]
    fn in_product_drops_vendor_and_product() {
        assert_eq!(
            in_product(Path::new("tencent/ssl/actions/A.json")),
            "actions/A.json"
        );
        assert_eq!(
            in_product(Path::new("tencent/ssl/overlay/types/T.json")),
            "overlay/types/T.json"
        );
    }
}
