//! `cargo xtask import-products [--force] [--products v/p,…] [--cas-api-docs FILE]
//! [--alibaba-vendor DIR]`: the products of `spec/`, re-imported from the
//! vendor metadata at the pinned versions the vendor modules name.
//!
//! Tencent packages are downloaded from PyPI with `pip download` into
//! `target/vendor/` (never by `cargo test`, which reads only `spec/`);
//! Alibaba's metadata is a pinned copy beside the checkout. The versions are
//! recorded in each product's `service.json` (`sources`), and the import
//! report in its `IMPORT.md`. Curation in `overlay/` is never written; the
//! importer reads from it only the names chosen for the types it creates.
//! Re-importing the same versions changes nothing.

mod alibaba;
pub(crate) mod pypi;
mod tencent;

/// The tccli release the Tencent products are imported from.
pub(crate) use tencent::TCCLI;

use std::fs;
use std::path::{Path, PathBuf};

use ::import::{Curation, ImportOptions, ImportReport, write_plan};
use codegen::load::overlay::ActionOverlay;

/// The arguments of `cargo xtask import-products`.
pub const USAGE: &str = "cargo xtask import-products [--force] [--products vendor/product,…] [--cas-api-docs FILE] [--alibaba-vendor DIR]";

/// What `cargo xtask import-products` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Args {
    /// Replace base files that differ from the import.
    pub force: bool,
    /// Only these products (`tencent/dnspod`); all when `None`.
    pub products: Option<Vec<String>>,
    /// The cas api-docs file.
    pub cas_api_docs: Option<PathBuf>,
    /// The folder of Alibaba's pinned metadata.
    pub alibaba_vendor: Option<PathBuf>,
}

/// Reads the words after `import-products`.
pub fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |what: &str| match rest.next() {
            Some(value) if !value.starts_with('-') => Ok(value.to_string()),
            _ => Err(format!("expected {what} after {arg}")),
        };
        match *arg {
            "--force" => parsed.force = true,
            "--cas-api-docs" => parsed.cas_api_docs = Some(PathBuf::from(value("a FILE")?)),
            "--alibaba-vendor" => parsed.alibaba_vendor = Some(PathBuf::from(value("a DIR")?)),
            "--products" => {
                let list = value("a comma-separated list of vendor/product")?;
                let products: Vec<String> = list.split(',').map(|p| p.trim().to_string()).collect();
                if let Some(unknown) = products.iter().find(|p| !known(p)) {
                    return Err(format!(
                        "unknown product `{unknown}`; known: {}",
                        all_products().join(", ")
                    ));
                }
                parsed.products = Some(products);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// Every product this command imports, as `vendor/product`.
pub fn all_products() -> Vec<String> {
    let tencent = tencent::PRODUCTS
        .iter()
        .map(|p| format!("tencent/{}", p.name));
    let alibaba = alibaba::PRODUCTS
        .iter()
        .map(|p| format!("alibaba/{}", p.name));
    tencent.chain(alibaba).collect()
}

fn known(product: &str) -> bool {
    all_products().iter().any(|p| p == product)
}

/// Imports the selected products; returns each product's report.
pub fn run(root: &Path, args: &Args) -> Result<Vec<(String, ImportReport)>, String> {
    let downloads = root.join("target/vendor");
    let spec = root.join(crate::SPEC_LABEL);
    let wanted = |label: &str| {
        args.products
            .as_ref()
            .is_none_or(|p| p.iter().any(|w| w == label))
    };
    let mut reports = Vec::new();
    for product in tencent::PRODUCTS {
        let label = format!("tencent/{}", product.name);
        if wanted(&label) {
            let plan = tencent::plan(&downloads, *product, &options(&spec, &label)?)?;
            reports.push((label, write(&spec, &plan, args.force)?));
        }
    }
    let vendor = args
        .alibaba_vendor
        .clone()
        .unwrap_or_else(|| root.join(alibaba::VENDOR_DIR));
    let paths = alibaba::Paths {
        root,
        downloads: &downloads,
        vendor: &vendor,
        cas_api_docs: args.cas_api_docs.as_deref(),
    };
    for product in alibaba::PRODUCTS {
        let label = format!("alibaba/{}", product.name);
        if wanted(&label) {
            let plan = alibaba::plan(&paths, *product, &options(&spec, &label)?)?;
            reports.push((label, write(&spec, &plan, args.force)?));
        }
    }
    Ok(reports)
}

fn write(spec: &Path, plan: &::import::ImportPlan, force: bool) -> Result<ImportReport, String> {
    write_plan(spec, plan, force).map_err(|e| e.with_spec_label(crate::SPEC_LABEL).to_string())
}

/// The curation of `product` (`vendor/product`) that the importer reads.
fn options(spec: &Path, product: &str) -> Result<ImportOptions, String> {
    let overlay = spec.join(product).join("overlay");
    let mut curation = Curation::default();
    let service = overlay.join("service.json");
    if service.is_file() {
        let text =
            fs::read_to_string(&service).map_err(|e| format!("{}: {e}", service.display()))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", service.display()))?;
        if let Some(names) = value.get("type_names").and_then(|v| v.as_object()) {
            for (from, to) in names {
                if let Some(to) = to.as_str() {
                    curation.type_names.insert(from.clone(), to.to_string());
                }
            }
        }
    }
    curation.curated_types = stems(&overlay.join("types"));
    curation.curated_actions = stems(&overlay.join("actions"));
    for action in &curation.curated_actions {
        let file = overlay.join("actions").join(format!("{action}.json"));
        let bytes = fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed: ActionOverlay =
            codegen::load::parse_file(&file, &bytes).map_err(|e| e.to_string())?;
        if let Some(paging) = parsed.paging {
            curation.paging.insert(action.clone(), paging);
        }
        for field in parsed.input.iter().chain(&parsed.output) {
            if field.value_set == Some(None) {
                curation
                    .without_value_sets
                    .insert((action.clone(), field.name.clone()));
            }
        }
    }
    Ok(ImportOptions {
        actions: None,
        curation,
        report: true,
    })
}

/// The names of the `.json` files in `dir`.
fn stems(dir: &Path) -> std::collections::BTreeSet<String> {
    fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_options_and_says_what_is_wrong() {
        let args = parse_args(&[
            "--force",
            "--cas-api-docs",
            "docs.json",
            "--products",
            "tencent/dnspod, alibaba/alidns",
            "--alibaba-vendor",
            "vendor",
        ])
        .unwrap();
        assert!(args.force);
        assert_eq!(args.cas_api_docs, Some(PathBuf::from("docs.json")));
        assert_eq!(args.alibaba_vendor, Some(PathBuf::from("vendor")));
        assert_eq!(
            args.products,
            Some(vec!["tencent/dnspod".into(), "alibaba/alidns".into()])
        );
        assert_eq!(parse_args(&[]).unwrap(), Args::default());
        for missing in [&["--cas-api-docs"][..], &["--cas-api-docs", "--force"]] {
            let problem = parse_args(missing).unwrap_err();
            assert_eq!(problem, "expected a FILE after --cas-api-docs");
        }
        let unknown = parse_args(&["tencent"]).unwrap_err();
        assert_eq!(unknown, "unknown argument `tencent`");
        let unknown = parse_args(&["--products", "tencent/cvm"]).unwrap_err();
        assert!(
            unknown.starts_with("unknown product `tencent/cvm`; known: tencent/ssl"),
            "{unknown}"
        );
    }
}
