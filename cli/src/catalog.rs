//! What the tool knows about vendors, products and actions: the documented
//! spec built into the `cloudapi` crate (`cloudapi::SPEC_DOCS`, one JSON
//! object of spec file → content, one file per line), read by the
//! generator's own loader and model.
//!
//! Only what a command needs is parsed: the bundle is split into its files
//! without reading them; a call or an action's help loads the one action
//! and the shared types it reaches, a product's list of actions the whole
//! product, and a list of products their service files only. The bundle was
//! validated when `cargo xtask gen` wrote it, so it is modelled without
//! being validated again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use codegen::load::raw::{ServiceFile, VendorFile};
use codegen::model::{Product, VendorDef};
use serde_json::value::RawValue;

use crate::names;

/// The bundle, split into its files (path → JSON text, not yet parsed).
pub struct Catalog {
    files: BTreeMap<&'static str, &'static str>,
}

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
        Catalog::from_bundle(cloudapi::SPEC_DOCS)
    }

    /// Splits a bundle into its files. `cargo xtask gen` writes one file per
    /// line, `"path": {…},`, so the lines are split without reading the
    /// JSON of the 2 MB (most of a command's start-up otherwise); a bundle
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
        Ok(Catalog { files })
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
        self.load_where(vendor, product, |_| true, |_| true)
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
        let actions = format!("{vendor}/{product}/actions/");
        let (named, text) = self.files.iter().find_map(|(path, text)| {
            let name = path.strip_prefix(&actions)?.strip_suffix(".json")?;
            (name == given || names::kebab(name) == given).then_some((name, *text))
        })?;
        let shapes = self.shapes_reached(vendor, product, text);
        Some(self.load_where(
            vendor,
            product,
            |action| action == named,
            |shape| shapes.contains(shape),
        ))
    }

    /// The names of the product's shared types an action's file reaches,
    /// directly or through other types: any string of its JSON naming one
    /// (a `ref`, a list's element), so at worst a few more than needed.
    fn shapes_reached(&self, vendor: &str, product: &str, action: &str) -> BTreeSet<&'static str> {
        let types = format!("{vendor}/{product}/types/");
        let known: BTreeMap<&str, &str> = self
            .files
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

    /// The product with the actions and shared types `keep_action` and
    /// `keep_shape` keep; the other actions by name only.
    fn load_where(
        &self,
        vendor: &str,
        product: &str,
        keep_action: impl Fn(&str) -> bool,
        keep_shape: impl Fn(&str) -> bool,
    ) -> Result<Loaded, String> {
        let vendor_file = format!("{vendor}/vendor.json");
        let prefix = format!("{vendor}/{product}/");
        let actions = format!("{prefix}actions/");
        let types = format!("{prefix}types/");
        let mut texts = BTreeMap::new();
        let mut others = Vec::new();
        for (path, text) in &self.files {
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
            if *path == vendor_file || path.starts_with(&prefix) {
                texts.insert(PathBuf::from(path), (*text).to_owned());
            }
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

    #[test]
    fn lines_and_json_give_the_same_files() {
        let by_lines = Catalog::builtin().unwrap();
        let text: &'static str = Box::leak(
            serde_json::to_string(
                &serde_json::from_str::<serde_json::Value>(cloudapi::SPEC_DOCS).unwrap(),
            )
            .unwrap()
            .into_boxed_str(),
        );
        let by_json = Catalog::from_bundle(text).unwrap();
        assert_eq!(by_lines.files.len(), by_json.files.len());
        assert!(by_lines.files.len() > 400);
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
