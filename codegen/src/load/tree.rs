//! The loaded spec: one tree of vendors, products and their parsed files,
//! overlays already merged. What the load stage returns and later stages read.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::paths::is_within;
use super::raw::{self, ActionFile, ServiceFile, ShapeFile, VendorFile};

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
    /// overlays already merged: [`load_files`](super::load_files) reads it back to the same tree.
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
}
