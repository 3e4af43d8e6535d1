//! What the tool knows about vendors, products and actions: the documented
//! spec built into the `cloudapi` crate (`cloudapi::SPEC_DOCS`, one JSON
//! object of spec file → content, one file per line), read by the
//! generator's own loader and model.
//!
//! Only what a command needs is parsed: the bundle is split into its files
//! without reading them, then one product's files are loaded and modelled
//! (a few milliseconds), and the other products' service files only when a
//! list of products is shown.

use std::collections::BTreeMap;
use std::path::PathBuf;

use codegen::load::raw::{ServiceFile, VendorFile};
use codegen::model::{Product, VendorDef};
use serde_json::value::RawValue;

/// The bundle, split into its files.
pub struct Catalog {
    files: BTreeMap<&'static str, &'static RawValue>,
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
    pub vendor: VendorDef,
    pub product: Product,
}

impl Catalog {
    /// Splits the built-in bundle. It is written and checked by
    /// `cargo xtask gen`, so a failure here is a build defect.
    pub fn builtin() -> Result<Catalog, String> {
        Catalog::from_bundle(cloudapi::SPEC_DOCS)
    }

    pub fn from_bundle(bundle: &'static str) -> Result<Catalog, String> {
        let files = serde_json::from_str(bundle)
            .map_err(|e| format!("the built-in spec cannot be read: {e}"))?;
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

    /// One product, loaded, checked and modelled as `cargo xtask gen` does.
    pub fn load(&self, vendor: &str, product: &str) -> Result<Loaded, String> {
        let vendor_file = format!("{vendor}/vendor.json");
        let prefix = format!("{vendor}/{product}/");
        let mut texts = BTreeMap::new();
        for (path, text) in &self.files {
            if *path == vendor_file || path.starts_with(&prefix) {
                texts.insert(PathBuf::from(path), text.get().to_owned());
            }
        }
        let tree = codegen::load::load_files(&texts).map_err(|d| d.to_string())?;
        let model = codegen::build_model(&tree).map_err(|d| d.to_string())?;
        let mut vendor = model
            .vendors
            .into_iter()
            .next()
            .ok_or_else(|| format!("no vendor `{vendor}`"))?;
        if vendor.products.len() != 1 {
            return Err(format!("no product `{product}` of `{}`", vendor.module));
        }
        let product = vendor.products.remove(0);
        Ok(Loaded { vendor, product })
    }

    fn parse<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T, String> {
        let text = self
            .files
            .get(path)
            .ok_or_else(|| format!("the built-in spec has no `{path}`"))?;
        serde_json::from_str(text.get()).map_err(|e| format!("{path}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            }
        }
        assert!(catalog.load("tencent", "nothing").is_err());
    }
}
