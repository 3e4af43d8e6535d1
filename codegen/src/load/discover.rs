//! Walks the spec tree in sorted order and parses every file it finds.
//!
//! All problems are collected, so one run shows every broken file.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::{Loaded, ProductSpec, SpecTree, VendorSpec, parse_file, rel_path};
use crate::error::{Diagnostics, SpecError};

/// Folders directly under the spec root that are not vendors.
const NOT_VENDORS: &[&str] = &["schema"];

/// Loads every spec file under `root`.
pub fn load_tree(root: &Path) -> Result<SpecTree, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut tree = SpecTree::default();
    for entry in sorted_entries(root, &[], &mut diagnostics) {
        let Entry { name, is_dir } = entry;
        if NOT_VENDORS.contains(&name.as_str()) {
            continue;
        }
        if !is_dir {
            unexpected_file(&[&name], "a vendor folder", &mut diagnostics);
            continue;
        }
        if let Some(vendor) = load_vendor(root, &name, &mut diagnostics) {
            tree.vendors.push(vendor);
        }
    }
    diagnostics.into_result(tree)
}

fn load_vendor(root: &Path, vendor: &str, diagnostics: &mut Diagnostics) -> Option<VendorSpec> {
    let vendor_file = read_required(root, &[vendor, "vendor.json"], diagnostics);
    let mut products = Vec::new();
    for Entry { name, is_dir } in sorted_entries(root, &[vendor], diagnostics) {
        if name == "vendor.json" {
            continue;
        }
        if !is_dir {
            unexpected_file(
                &[vendor, &name],
                "vendor.json or a product folder",
                diagnostics,
            );
            continue;
        }
        if let Some(product) = load_product(root, vendor, &name, diagnostics) {
            products.push(product);
        }
    }
    Some(VendorSpec {
        dir_name: vendor.to_string(),
        vendor: vendor_file?,
        products,
    })
}

fn load_product(
    root: &Path,
    vendor: &str,
    product: &str,
    diagnostics: &mut Diagnostics,
) -> Option<ProductSpec> {
    let service = read_required(root, &[vendor, product, "service.json"], diagnostics);
    let mut actions = Vec::new();
    let mut shapes = Vec::new();
    for Entry { name, is_dir } in sorted_entries(root, &[vendor, product], diagnostics) {
        match (name.as_str(), is_dir) {
            ("service.json", false) => {}
            ("actions", true) => {
                actions = read_folder(root, &[vendor, product, "actions"], diagnostics)
            }
            ("types", true) => shapes = read_folder(root, &[vendor, product, "types"], diagnostics),
            _ => unexpected_file(
                &[vendor, product, &name],
                "service.json, actions/ or types/",
                diagnostics,
            ),
        }
    }
    Some(ProductSpec {
        dir_name: product.to_string(),
        dir: rel_path(&[vendor, product]),
        service: service?,
        actions,
        shapes,
    })
}

fn read_folder<T: DeserializeOwned + Send>(
    root: &Path,
    dir: &[&str],
    diagnostics: &mut Diagnostics,
) -> Vec<Loaded<T>> {
    let mut names = Vec::new();
    for Entry { name, is_dir } in sorted_entries(root, dir, diagnostics) {
        if is_dir || !name.ends_with(".json") {
            let mut parts = dir.to_vec();
            parts.push(&name);
            unexpected_file(&parts, "`<Name>.json` spec files", diagnostics);
        } else {
            names.push(name);
        }
    }
    // Reading and parsing dominate loading; files are independent.
    let results = crate::parallel::map(&names, |name| {
        let mut parts = dir.to_vec();
        parts.push(name);
        let mut local = Diagnostics::default();
        (read(root, &parts, &mut local), local)
    });
    let mut loaded = Vec::with_capacity(results.len());
    for (file, local) in results {
        diagnostics.errors.extend(local.errors);
        loaded.extend(file);
    }
    loaded
}

fn read_required<T: DeserializeOwned>(
    root: &Path,
    parts: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<T>> {
    if !root.join(rel_path(parts)).is_file() {
        diagnostics.push(SpecError::new(
            &rel_path(parts),
            "$",
            "expected this file to exist: every vendor folder has vendor.json and every product folder has service.json",
        ));
        return None;
    }
    read(root, parts, diagnostics)
}

fn read<T: DeserializeOwned>(
    root: &Path,
    parts: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let file = rel_path(parts);
    let bytes = match read_bounded(&root.join(&file)) {
        Ok(bytes) => bytes,
        Err(reason) => {
            diagnostics.push(SpecError::new(&file, "$", reason));
            return None;
        }
    };
    // Every spec file is one object; a wrapping array would otherwise be read element-wise.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        diagnostics.push(SpecError::new(
            &file,
            "$",
            "expected a JSON object `{ … }` at the top level, found an array",
        ));
        return None;
    }
    match parse_file(&file, &bytes) {
        Ok(value) => Some(Loaded { file, value }),
        Err(error) => {
            diagnostics.push(error);
            None
        }
    }
}

/// Reads at most one byte more than the limit, so a huge file costs no memory.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| format!("expected a readable file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(super::MAX_SPEC_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("expected a readable file: {e}"))?;
    Ok(bytes)
}

struct Entry {
    name: String,
    is_dir: bool,
}

/// Directory entries sorted by name, without dot-files and Markdown notes.
fn sorted_entries(root: &Path, dir: &[&str], diagnostics: &mut Diagnostics) -> Vec<Entry> {
    let path = root.join(rel_path(dir));
    let read = match fs::read_dir(&path) {
        Ok(read) => read,
        Err(e) => {
            diagnostics.push(SpecError::new(
                &rel_path(dir),
                "$",
                format!("expected a readable folder: {e}"),
            ));
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for entry in read.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            diagnostics.push(SpecError::new(
                &rel_path(dir),
                "$",
                format!("expected UTF-8 file names, found {:?}", entry.file_name()),
            ));
            continue;
        };
        if name.starts_with('.') || name.ends_with(".md") {
            continue;
        }
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        entries.push(Entry { name, is_dir });
    }
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries
}

fn unexpected_file(parts: &[&str], expected: &str, diagnostics: &mut Diagnostics) {
    diagnostics.push(SpecError::new(
        &rel_path(parts),
        "$",
        format!("expected {expected} here, found an unexpected file or folder"),
    ));
}
