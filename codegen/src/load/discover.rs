//! Walks the spec tree in sorted order and parses every file it finds.
//!
//! All problems are collected, so one run shows every broken file.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::files::{Entry, SpecFiles};
use super::merge::{self, Merge};
use super::overlay::{ActionOverlay, ServiceOverlay, ShapeOverlay};
use super::parse::parse_file;
use super::paths::{rel_path, stem};
use super::raw::ErrorCodeSpec;
use super::tree::{Loaded, ProductSpec, SpecTree, VendorSpec};
use crate::error::{Diagnostics, SpecError};

/// Folders directly under the spec root that are not vendors.
const NOT_VENDORS: &[&str] = &["schema"];

/// Loads every spec file under `root`.
pub fn load_tree(root: &Path) -> Result<SpecTree, Diagnostics> {
    load_tree_with(root, &BTreeMap::new())
}

/// Loads the tree under `root` as it will be once `pending` is written: each
/// entry (a path relative to the root, and the file's text) adds a file or
/// replaces the one on disk. Lets a tool validate files before writing any.
pub fn load_tree_with(
    root: &Path,
    pending: &BTreeMap<PathBuf, String>,
) -> Result<SpecTree, Diagnostics> {
    load_tree_changed(root, pending, &BTreeSet::new())
}

/// [`load_tree_with`], with the files in `removed` (relative to the root)
/// left out as if deleted.
pub fn load_tree_changed(
    root: &Path,
    pending: &BTreeMap<PathBuf, String>,
    removed: &BTreeSet<PathBuf>,
) -> Result<SpecTree, Diagnostics> {
    load(&SpecFiles::changed(root, pending, removed))
}

/// Loads a tree held entirely in memory: each entry is a path relative to
/// the spec root and the file's text (e.g. the spec of an earlier commit).
pub fn load_files(files: &BTreeMap<PathBuf, String>) -> Result<SpecTree, Diagnostics> {
    load(&SpecFiles::in_memory(files))
}

fn load(files: &SpecFiles) -> Result<SpecTree, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut tree = SpecTree::default();
    for entry in sorted_entries(files, &[], &mut diagnostics) {
        let Entry { name, is_dir } = entry;
        if NOT_VENDORS.contains(&name.as_str()) {
            continue;
        }
        if !is_dir {
            unexpected_file(&[&name], "a vendor folder", &mut diagnostics);
            continue;
        }
        if let Some(vendor) = load_vendor(files, &name, &mut diagnostics) {
            tree.vendors.push(vendor);
        }
    }
    diagnostics.into_result(tree)
}

fn load_vendor(
    files: &SpecFiles,
    vendor: &str,
    diagnostics: &mut Diagnostics,
) -> Option<VendorSpec> {
    let vendor_file = read_required(files, &[vendor, "vendor.json"], diagnostics);
    let common: &[ErrorCodeSpec] = vendor_file
        .as_ref()
        .map_or(&[], |v: &Loaded<super::raw::VendorFile>| {
            &v.value.common_errors
        });
    let mut products = Vec::new();
    for Entry { name, is_dir } in sorted_entries(files, &[vendor], diagnostics) {
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
        if let Some(product) = load_product(files, vendor, &name, common, diagnostics) {
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
    files: &SpecFiles,
    vendor: &str,
    product: &str,
    common: &[ErrorCodeSpec],
    diagnostics: &mut Diagnostics,
) -> Option<ProductSpec> {
    let service = read_required(files, &[vendor, product, "service.json"], diagnostics);
    let mut actions = Vec::new();
    let mut shapes = Vec::new();
    let mut overlays = Overlays::default();
    for Entry { name, is_dir } in sorted_entries(files, &[vendor, product], diagnostics) {
        match (name.as_str(), is_dir) {
            ("service.json", false) => {}
            ("actions", true) => {
                actions = read_folder(files, &[vendor, product, "actions"], diagnostics)
            }
            ("types", true) => {
                shapes = read_folder(files, &[vendor, product, "types"], diagnostics)
            }
            ("overlay", true) => overlays = read_overlays(files, &[vendor, product], diagnostics),
            _ => unexpected_file(
                &[vendor, product, &name],
                "service.json, actions/, types/ or overlay/",
                diagnostics,
            ),
        }
    }
    let mut product = ProductSpec {
        dir_name: product.to_string(),
        dir: rel_path(&[vendor, product]),
        service: service?,
        actions,
        shapes,
        overlays: Default::default(),
        type_names: Default::default(),
    };
    apply_overlays(&mut product, overlays, common, diagnostics);
    Some(product)
}

/// The files of a product's `overlay/` folder.
#[derive(Default)]
struct Overlays {
    service: Option<Loaded<ServiceOverlay>>,
    actions: Vec<Loaded<ActionOverlay>>,
    shapes: Vec<Loaded<ShapeOverlay>>,
}

fn read_overlays(files: &SpecFiles, product: &[&str], diagnostics: &mut Diagnostics) -> Overlays {
    let dir = [product, &["overlay"]].concat();
    let mut overlays = Overlays::default();
    for Entry { name, is_dir } in sorted_entries(files, &dir, diagnostics) {
        let folder = [dir.as_slice(), &[name.as_str()]].concat();
        match (name.as_str(), is_dir) {
            ("service.json", false) => overlays.service = read(files, &folder, diagnostics),
            ("actions", true) => overlays.actions = read_folder(files, &folder, diagnostics),
            ("types", true) => overlays.shapes = read_folder(files, &folder, diagnostics),
            _ => unexpected_file(&folder, "service.json, actions/ or types/", diagnostics),
        }
    }
    overlays
}

/// Merges every overlay over the base file of the same name; an overlay
/// without one names a file the vendor's metadata no longer has (unless it
/// adds a value set).
fn apply_overlays(
    product: &mut ProductSpec,
    overlays: Overlays,
    common: &[ErrorCodeSpec],
    diagnostics: &mut Diagnostics,
) {
    for overlay in overlays.shapes {
        if let Some(added) = merge::added_shape(&overlay) {
            product.shapes.push(added);
            continue;
        }
        let Some(base) = matching(&mut product.shapes, &overlay, "types", diagnostics) else {
            continue;
        };
        let mut merge = Merge {
            overlay: &overlay.file,
            base: &base.file,
            diagnostics,
            taken: Vec::new(),
        };
        named(&overlay.file, &overlay.value.name, merge.diagnostics);
        merge::shape(&mut base.value, &overlay.value, &mut merge);
        let overlaid = merge.overlaid();
        product.overlays.insert(base.file.clone(), overlaid);
    }
    product
        .shapes
        .sort_by(|a, b| stem(&a.file).cmp(stem(&b.file)));
    if let Some(overlay) = overlays.service {
        let mut merge = Merge {
            overlay: &overlay.file,
            base: &product.service.file,
            diagnostics,
            taken: Vec::new(),
        };
        merge::service(&mut product.service.value, &overlay.value, &mut merge);
        let overlaid = merge.overlaid();
        product.type_names = overlay.value.type_names.clone();
        product
            .overlays
            .insert(product.service.file.clone(), overlaid);
    }
    let published = [product.service.value.errors.as_slice(), common];
    for overlay in overlays.actions {
        let Some(base) = matching(&mut product.actions, &overlay, "actions", diagnostics) else {
            continue;
        };
        let mut merge = Merge {
            overlay: &overlay.file,
            base: &base.file,
            diagnostics,
            taken: Vec::new(),
        };
        named(&overlay.file, &overlay.value.name, merge.diagnostics);
        merge::action(&mut base.value, &overlay.value, &published, &mut merge);
        let overlaid = merge.overlaid();
        product.overlays.insert(base.file.clone(), overlaid);
    }
}

/// The base file in `list` whose name is the overlay's file name.
fn matching<'a, T, O>(
    list: &'a mut [Loaded<T>],
    overlay: &Loaded<O>,
    folder: &str,
    diagnostics: &mut Diagnostics,
) -> Option<&'a mut Loaded<T>> {
    let name = stem(&overlay.file).to_string();
    let found = list.iter_mut().find(|base| stem(&base.file) == name);
    if found.is_none() {
        diagnostics.push(SpecError::new(
            &overlay.file,
            "$",
            format!(
                "expected {folder}/{name}.json beside overlay/, written by the importer from the \
                 vendor's metadata; the vendor no longer has `{name}`, so remove or rename this overlay"
            ),
        ));
    }
    found
}

/// An overlay's `name` must be its file name, as for every spec file.
fn named(file: &Path, name: &str, diagnostics: &mut Diagnostics) {
    if stem(file) != name {
        diagnostics.push(SpecError::new(
            file,
            "$.name",
            format!("expected `{}` (the file name), found `{name}`", stem(file)),
        ));
    }
}

fn read_folder<T: DeserializeOwned + Send>(
    files: &SpecFiles,
    dir: &[&str],
    diagnostics: &mut Diagnostics,
) -> Vec<Loaded<T>> {
    let mut names = Vec::new();
    for Entry { name, is_dir } in sorted_entries(files, dir, diagnostics) {
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
        (read(files, &parts, &mut local), local)
    });
    let mut loaded = Vec::with_capacity(results.len());
    for (file, local) in results {
        diagnostics.errors.extend(local.errors);
        loaded.extend(file);
    }
    loaded
}

fn read_required<T: DeserializeOwned>(
    files: &SpecFiles,
    parts: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<T>> {
    if !files.is_file(&rel_path(parts)) {
        diagnostics.push(SpecError::new(
            &rel_path(parts),
            "$",
            "expected this file to exist: every vendor folder has vendor.json and every product folder has service.json",
        ));
        return None;
    }
    read(files, parts, diagnostics)
}

fn read<T: DeserializeOwned>(
    files: &SpecFiles,
    parts: &[&str],
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<T>> {
    let file = rel_path(parts);
    let bytes = match files.bytes(&file) {
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

/// Directory entries sorted by name, without dot-files and Markdown notes.
fn sorted_entries(files: &SpecFiles, dir: &[&str], diagnostics: &mut Diagnostics) -> Vec<Entry> {
    let dir = rel_path(dir);
    let mut entries = files.pending_entries(&dir);
    let read = match files.root {
        Some(root) => fs::read_dir(root.join(&dir)),
        None => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
    };
    match read {
        Ok(read) => {
            for entry in read.flatten() {
                let Ok(name) = entry.file_name().into_string() else {
                    diagnostics.push(SpecError::new(
                        &dir,
                        "$",
                        format!("expected UTF-8 file names, found {:?}", entry.file_name()),
                    ));
                    continue;
                };
                let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
                entries.push(Entry { name, is_dir });
            }
        }
        // A folder that only pending files will create.
        Err(_) if !entries.is_empty() => {}
        Err(e) => {
            diagnostics.push(SpecError::new(
                &dir,
                "$",
                format!("expected a readable folder: {e}"),
            ));
            return Vec::new();
        }
    }
    entries.retain(|e| {
        !e.name.starts_with('.')
            && !e.name.ends_with(".md")
            && !files.removed.contains(&dir.join(&e.name))
    });
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    entries.dedup_by(|a, b| a.name == b.name);
    entries
}

fn unexpected_file(parts: &[&str], expected: &str, diagnostics: &mut Diagnostics) {
    diagnostics.push(SpecError::new(
        &rel_path(parts),
        "$",
        format!("expected {expected} here, found an unexpected file or folder"),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
    }

    #[test]
    fn pending_files_join_the_tree_in_new_folders() {
        let service = fs::read_to_string(spec_root().join("tencent/ssl/service.json")).unwrap();
        let pending = BTreeMap::from([(PathBuf::from("tencent/zeta/service.json"), service)]);
        let tree = load_tree_with(&spec_root(), &pending).unwrap();
        let tencent = tree
            .vendors
            .iter()
            .find(|v| v.dir_name == "tencent")
            .unwrap();
        let products: Vec<&str> = tencent
            .products
            .iter()
            .map(|p| p.dir_name.as_str())
            .collect();
        // The new folder sorts in among the committed products.
        assert_eq!(products.last(), Some(&"zeta"), "{products:?}");
        assert!(products.contains(&"ssl"));
        let zeta = tencent
            .products
            .iter()
            .find(|p| p.dir_name == "zeta")
            .unwrap();
        assert!(zeta.actions.is_empty());
    }

    #[test]
    fn pending_files_replace_files_on_disk() {
        // An action without an overlay: only its own file is broken.
        let file = PathBuf::from("tencent/ssl/actions/CreateCSR.json");
        let pending = BTreeMap::from([(file.clone(), "{}\n".to_string())]);
        let errors = load_tree_with(&spec_root(), &pending).unwrap_err().errors;
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file, file);
        assert!(errors[0].expected.contains("`$schema`"), "{errors:?}");
    }
}
