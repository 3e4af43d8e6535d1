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

pub use discover::{load_files, load_tree, load_tree_changed, load_tree_with};
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
    /// Each base file an overlay was merged over, and that overlay's file.
    pub overlays: BTreeMap<PathBuf, PathBuf>,
    /// `type_names` of `overlay/service.json`: for the importer, and checked
    /// by the validate stage.
    pub type_names: BTreeMap<String, String>,
}

/// Joins path components with `/` whatever the platform, so messages and
/// generated headers are identical everywhere.
pub(crate) fn rel_path(parts: &[&str]) -> PathBuf {
    PathBuf::from(parts.join("/"))
}

/// The file stem (`CreateCertificate` for `actions/CreateCertificate.json`).
pub(crate) fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}
