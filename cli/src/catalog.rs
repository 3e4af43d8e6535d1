//! What the tool knows about vendors, products and actions: the documented
//! spec of the `cloudapi` crate (its `spec-docs.json`, one JSON object of
//! spec file → content, one file per line), built into the binary by
//! `build.rs` and read by the generator's own loader and model.
//!
//! Only what a command needs is read: vendor and service files are kept as
//! text, each product's actions and shared types as one deflated block
//! (the whole spec packs to about a sixth), unpacked for the product a
//! command names. A call or an action's help then loads the one action and
//! the shared types it reaches, a product's list of actions the whole
//! product, and a list of products their service files only. The bundle was
//! validated when `cargo xtask gen` wrote it, so it is modelled without
//! being validated again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use codegen::load::raw::{ServiceFile, VendorFile};
use codegen::model::{Product, VendorDef};
use serde_json::value::RawValue;

use crate::names;

/// What `build.rs` packed: `PLAIN` (vendor and service files, a line each),
/// `PACKED` (the blocks) and `BLOCKS` (which product each block holds).
mod packed {
    include!(concat!(env!("OUT_DIR"), "/spec_packed.rs"));
    /// The blocks of [`BLOCKS`], one after another.
    pub const PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/spec-packed.bin"));
    /// Vendor and service files, one `"path": {…}` line each.
    pub const PLAIN: &str = include_str!(concat!(env!("OUT_DIR"), "/spec-plain.json"));
}

/// Each block's text once unpacked, for the rest of the process.
static UNPACKED: [OnceLock<Result<String, String>>; packed::BLOCKS.len()] =
    [const { OnceLock::new() }; packed::BLOCKS.len()];

/// A bundle, split into its files (path → JSON text, not yet parsed).
pub struct Catalog {
    /// Files kept as text: every file of a bundle given whole, the vendor
    /// and service files of the built-in one.
    files: Files,
    /// Products whose other files are in a packed block: `vendor/product` → block.
    packed: BTreeMap<&'static str, usize>,
}

/// Spec files: path → JSON text.
type Files = BTreeMap<&'static str, &'static str>;

/// A product as lists show it, from its service file alone.
pub struct ProductEntry {
    /// Folder name, e.g. `ssl`.
    pub name: String,
    /// e.g. `SSL Certificate Service`.
    pub title: String,
    /// API version, e.g. `2019-12-05`.
    pub version: String,
}

/// One product, modelled, with its vendor (common errors, host rule).
pub struct Loaded {
    /// The product's folder name, which names its command (`ssl`).
    pub folder: String,
    pub vendor: VendorDef,
    /// With every action, or only the one a command names (see [`Catalog::load_action`]).
    pub product: Product,
    /// The names of the product's actions left out of `product`.
    pub others: Vec<String>,
}

impl Catalog {
    /// Splits the built-in bundle. It is written and checked by
    /// `cargo xtask gen`, so a failure here is a build defect.
    pub fn builtin() -> Result<Catalog, String> {
        let mut catalog = Catalog::from_bundle(packed::PLAIN)?;
        catalog.packed = packed::BLOCKS
            .iter()
            .enumerate()
            .map(|(block, (product, _, _))| (*product, block))
            .collect();
        Ok(catalog)
    }

    /// Splits a bundle into its files. `cargo xtask gen` writes one file per
    /// line, `"path": {…},`, so the lines are split without reading the
    /// JSON of megabytes (most of a command's start-up otherwise); a bundle
    /// written otherwise is read as the JSON object it is.
    pub fn from_bundle(bundle: &'static str) -> Result<Catalog, String> {
        let by_line: Option<BTreeMap<&str, &str>> = bundle
            .lines()
            .filter(|line| !matches!(*line, "{" | "}" | ""))
            .map(file_line)
            .collect();
        let files = match by_line {
            Some(files) => files,
            None => {
                let files: BTreeMap<&str, &RawValue> = serde_json::from_str(bundle)
                    .map_err(|e| format!("the built-in spec cannot be read: {e}"))?;
                files
                    .into_iter()
                    .map(|(path, text)| (path, text.get()))
                    .collect()
            }
        };
        Ok(Catalog {
            files,
            packed: BTreeMap::new(),
        })
    }

    /// Vendor folder names, sorted: `alibaba`, `tencent`.
    pub fn vendors(&self) -> Vec<&'static str> {
        self.files
            .keys()
            .filter_map(|path| path.strip_suffix("/vendor.json"))
            .filter(|vendor| !vendor.contains('/'))
            .collect()
    }

    /// A vendor's file: its display name (`Tencent Cloud`), common errors.
    pub fn vendor(&self, vendor: &str) -> Result<VendorFile, String> {
        self.parse(&format!("{vendor}/vendor.json"))
    }

    /// A vendor's products, sorted by name, from their service files.
    pub fn products(&self, vendor: &str) -> Result<Vec<ProductEntry>, String> {
        let prefix = format!("{vendor}/");
        let mut products = Vec::new();
        for path in self.files.keys() {
            let Some(rest) = path.strip_prefix(&prefix) else {
                continue;
            };
            if let Some(name) = rest.strip_suffix("/service.json") {
                let service: ServiceFile = self.parse(path)?;
                products.push(ProductEntry {
                    name: name.to_owned(),
                    title: service.title,
                    version: service.version,
                });
            }
        }
        Ok(products)
    }

    /// Whether `vendor` has a product `product`.
    pub fn has_product(&self, vendor: &str, product: &str) -> bool {
        self.files
            .contains_key(format!("{vendor}/{product}/service.json").as_str())
    }

    /// One product, loaded and modelled as `cargo xtask gen` does.
    pub fn load(&self, vendor: &str, product: &str) -> Result<Loaded, String> {
        let files = self.product_files(vendor, product)?;
        self.load_where(vendor, product, &files, |_| true, |_| true)
    }

    /// One product with only the action named `given` (by its wire name or
    /// in kebab-case), its shared types and value sets: what a call or an
    /// action's help needs, at a fraction of the whole product's start-up.
    /// `None` if the product has no such action.
    pub fn load_action(
        &self,
        vendor: &str,
        product: &str,
        given: &str,
    ) -> Option<Result<Loaded, String>> {
        let files = match self.product_files(vendor, product) {
            Ok(files) => files,
            Err(error) => return Some(Err(error)),
        };
        let actions = format!("{vendor}/{product}/actions/");
        let (named, text) = files.iter().find_map(|(path, text)| {
            let name = path.strip_prefix(&actions)?.strip_suffix(".json")?;
            (name == given || names::kebab(name) == given).then_some((name, *text))
        })?;
        let shapes = shapes_reached(&files, vendor, product, text);
        Some(self.load_where(
            vendor,
            product,
            &files,
            |action| action == named,
            |shape| shapes.contains(shape),
        ))
    }

    /// The files of `vendor/product/`: its service file, actions and shared
    /// types, unpacked if they are packed.
    fn product_files(&self, vendor: &str, product: &str) -> Result<Files, String> {
        let prefix = format!("{vendor}/{product}/");
        let mut files: Files = self
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(&prefix))
            .map(|(path, text)| (*path, *text))
            .collect();
        if let Some(block) = self.packed.get(&prefix[..prefix.len() - 1]) {
            for line in unpack(*block)?.lines() {
                let (path, text) = file_line(line).ok_or_else(|| {
                    format!("the built-in spec of {vendor}/{product} has a line that is not a file")
                })?;
                files.insert(path, text);
            }
        }
        Ok(files)
    }

    /// The product with the actions and shared types `keep_action` and
    /// `keep_shape` keep; the other actions by name only.
    fn load_where(
        &self,
        vendor: &str,
        product: &str,
        files: &Files,
        keep_action: impl Fn(&str) -> bool,
        keep_shape: impl Fn(&str) -> bool,
    ) -> Result<Loaded, String> {
        let vendor_file = format!("{vendor}/vendor.json");
        let prefix = format!("{vendor}/{product}/");
        let actions = format!("{prefix}actions/");
        let types = format!("{prefix}types/");
        let mut texts = BTreeMap::new();
        if let Some(text) = self.files.get(vendor_file.as_str()) {
            texts.insert(PathBuf::from(&vendor_file), (*text).to_owned());
        }
        let mut others = Vec::new();
        for (path, text) in files {
            let action = path
                .strip_prefix(&actions)
                .and_then(|name| name.strip_suffix(".json"));
            if let Some(action) = action
                && !keep_action(action)
            {
                others.push(action.to_owned());
                continue;
            }
            let shape = path
                .strip_prefix(&types)
                .and_then(|name| name.strip_suffix(".json"));
            if shape.is_some_and(|shape| !keep_shape(shape)) {
                continue;
            }
            texts.insert(PathBuf::from(path), (*text).to_owned());
        }
        let tree = codegen::load::load_files(&texts).map_err(|d| d.to_string())?;
        // The bundle is the spec `cargo xtask gen` validated when it wrote
        // it (and CI checks it is current), so it is modelled without
        // validating it again: the checks are most of the model's cost.
        let model = codegen::model::build(&tree).map_err(|d| d.to_string())?;
        let mut vendor = model
            .vendors
            .into_iter()
            .next()
            .ok_or_else(|| format!("no vendor `{vendor}`"))?;
        if vendor.products.len() != 1 {
            return Err(format!("no product `{product}` of `{}`", vendor.module));
        }
        let folder = product.to_owned();
        let product = vendor.products.remove(0);
        Ok(Loaded {
            folder,
            vendor,
            product,
            others,
        })
    }

    fn parse<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        let text = self
            .files
            .get(path)
            .ok_or_else(|| format!("the built-in spec has no `{path}`"))?;
        serde_json::from_str(text).map_err(|e| format!("{path}: {e}"))
    }
}

/// The names of the product's shared types an action's file reaches,
/// directly or through other types: any string of its JSON naming one
/// (a `ref`, a list's element), so at worst a few more than needed.
fn shapes_reached(
    files: &Files,
    vendor: &str,
    product: &str,
    action: &str,
) -> BTreeSet<&'static str> {
    let types = format!("{vendor}/{product}/types/");
    let known: BTreeMap<&str, &str> = files
        .iter()
        .filter_map(|(path, text)| {
            let name = path.strip_prefix(&types)?.strip_suffix(".json")?;
            Some((name, *text))
        })
        .collect();
    let mut reached = BTreeSet::new();
    let mut queue = vec![action];
    while let Some(text) = queue.pop() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        let mut strings = Vec::new();
        every_string(&value, &mut strings);
        for string in strings {
            // A type expression may wrap a name: `list<Tag>`.
            for word in string.split(|c: char| !c.is_alphanumeric() && c != '_') {
                if let Some((name, text)) = known.get_key_value(word)
                    && reached.insert(*name)
                {
                    queue.push(text);
                }
            }
        }
    }
    reached
}

/// The text of packed block `block`, unpacked on first use.
fn unpack(block: usize) -> Result<&'static str, String> {
    UNPACKED[block]
        .get_or_init(|| {
            let (product, start, end) = packed::BLOCKS[block];
            let bytes = miniz_oxide::inflate::decompress_to_vec(&packed::PACKED[start..end])
                .map_err(|e| format!("the built-in spec of {product} cannot be unpacked: {e}"))?;
            String::from_utf8(bytes)
                .map_err(|e| format!("the built-in spec of {product} is not text: {e}"))
        })
        .as_deref()
        .map_err(Clone::clone)
}

/// Every string of `value`, keys included.
fn every_string<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|i| every_string(i, out)),
        serde_json::Value::Object(map) => {
            for (key, member) in map {
                out.push(key);
                every_string(member, out);
            }
        }
        _ => {}
    }
}

/// One line of a bundle, `"path": {…},` → (path, the file's JSON text);
/// `None` if the line is not one file (a path needing escapes, say).
fn file_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('"')?;
    let (path, text) = rest.split_once("\": ")?;
    if path.contains(['\\', '"']) {
        return None;
    }
    let text = text.strip_suffix(',').unwrap_or(text);
    (text.starts_with('{') && text.ends_with('}')).then_some((path, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `catalog`: its text files and every product's.
    fn every_file(catalog: &Catalog) -> Files {
        let mut files = catalog.files.clone();
        for vendor in catalog.vendors() {
            for product in catalog.products(vendor).unwrap() {
                files.extend(catalog.product_files(vendor, &product.name).unwrap());
            }
        }
        files
    }

    #[test]
    fn the_packed_spec_is_the_bundle_of_the_bindings() {
        let packed = Catalog::builtin().unwrap();
        assert!(
            packed.files.len() < 20,
            "only vendor and service files stay text"
        );
        let bundle = Catalog::from_bundle(cloudapi::SPEC_DOCS).unwrap();
        assert!(bundle.files.len() > 1000);
        assert_eq!(every_file(&packed), bundle.files);
    }

    #[test]
    fn lines_and_json_give_the_same_files() {
        let by_lines = Catalog::from_bundle(cloudapi::SPEC_DOCS).unwrap();
        let text: &'static str = Box::leak(
            serde_json::to_string(
                &serde_json::from_str::<serde_json::Value>(cloudapi::SPEC_DOCS).unwrap(),
            )
            .unwrap()
            .into_boxed_str(),
        );
        let by_json = Catalog::from_bundle(text).unwrap();
        assert_eq!(by_lines.files.len(), by_json.files.len());
        let parsed = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
        for (path, text) in &by_lines.files {
            assert_eq!(parsed(text), parsed(by_json.files[path]), "{path}");
        }
    }

    #[test]
    fn the_builtin_spec_lists_and_loads_every_product() {
        let catalog = Catalog::builtin().unwrap();
        assert_eq!(catalog.vendors(), ["alibaba", "tencent"]);
        for vendor in catalog.vendors() {
            let products = catalog.products(vendor).unwrap();
            assert!(!products.is_empty());
            for entry in products {
                let loaded = catalog.load(vendor, &entry.name).unwrap();
                assert_eq!(loaded.product.name, entry.name);
                assert_eq!(loaded.product.version, entry.version);
                assert!(!loaded.product.actions.is_empty());
                assert!(loaded.others.is_empty());
            }
        }
        let one = catalog
            .load_action("tencent", "ssl", "describe-certificates")
            .unwrap()
            .unwrap();
        assert_eq!(one.product.actions.len(), 1);
        assert_eq!(one.product.actions[0].name, "DescribeCertificates");
        assert_eq!(one.others.len(), 72);
        assert!(
            catalog
                .load_action("tencent", "ssl", "NoSuchAction")
                .is_none()
        );
        assert!(catalog.load("tencent", "nothing").is_err());
    }
}
