//! The folder of Alibaba Cloud api-docs: `<product>/<version>/api-docs.json`,
//! one file per API version of a product, and what each file's head says
//! (its style, how many actions it documents) without converting it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::workspace::file_name;

/// The file name of the metadata in each version folder.
const API_DOCS: &str = "api-docs.json";

/// The styles our importer converts: RPC (parameters in the query string,
/// `acs3-hmac-sha256-rpc`), ROA and Function Compute's variant of it, FC
/// (REST paths and bodies, `acs3-hmac-sha256-roa`).
pub const CONVERTED: &[&str] = &["RPC", "ROA", "FC"];

/// What a file's `info.style` is when it has none.
pub const NO_STYLE: &str = "(no style)";

/// The API versions of each product folder that hold an `api-docs.json`,
/// oldest first (versions are dates, `YYYY-MM-DD`, so text order is age order).
pub fn discover(dir: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut products = BTreeMap::new();
    for product in subfolders(dir)? {
        let versions: Vec<String> = subfolders(&product)?
            .iter()
            .filter(|v| v.join(API_DOCS).is_file())
            .map(|v| file_name(v))
            .collect();
        if !versions.is_empty() {
            products.insert(file_name(&product), versions);
        }
    }
    Ok(products)
}

/// The file of one product version in the folder `dir`.
pub fn file(dir: &Path, product: &str, version: &str) -> PathBuf {
    dir.join(product).join(version).join(API_DOCS)
}

/// What the head of an api-docs file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// `info.style` (`RPC`, `ROA`, `FC`, …), or [`NO_STYLE`].
    pub style: String,
    /// The actions the file documents (`apis`).
    pub actions: usize,
}

impl Head {
    /// Whether the importer converts this style.
    pub fn is_converted(&self) -> bool {
        CONVERTED.contains(&self.style.as_str())
    }
}

/// Reads the style and the number of actions of one api-docs file; the
/// error says why the file is not a readable api-docs.
pub fn read_head(file: &Path) -> Result<Head, String> {
    #[derive(Deserialize)]
    struct Raw {
        #[serde(default)]
        info: Info,
        // Only the names are counted; the actions themselves are skipped unread.
        #[serde(default)]
        apis: BTreeMap<String, IgnoredAny>,
    }
    #[derive(Deserialize, Default)]
    struct Info {
        #[serde(default)]
        style: Option<String>,
    }
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let raw: Raw = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not an api-docs file ({e})", file.display()))?;
    let style = raw
        .info
        .style
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| NO_STYLE.to_string());
    Ok(Head {
        style,
        actions: raw.apis.len(),
    })
}

/// The folders in `dir`, in name order.
fn subfolders(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut folders: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    Ok(folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> PathBuf {
        crate::workspace_root().join("xtask/tests/fixtures/import-check/api-docs")
    }

    #[test]
    fn finds_every_version_of_every_product_oldest_first() {
        let found = discover(&fixture()).unwrap();
        let versions = |p: &str| found[p].iter().map(String::as_str).collect::<Vec<_>>();
        assert_eq!(
            found.keys().collect::<Vec<_>>(),
            ["broken", "functions", "gallery", "plain", "widgets"]
        );
        assert_eq!(versions("widgets"), ["2023-01-01", "2024-01-01"]);
        assert_eq!(versions("gallery"), ["2022-01-01"]);
    }

    #[test]
    fn classifies_each_file_by_its_style() {
        let head = |product: &str, version: &str| read_head(&file(&fixture(), product, version));
        let rpc = head("widgets", "2024-01-01").unwrap();
        assert_eq!(
            rpc,
            Head {
                style: "RPC".into(),
                actions: 2
            }
        );
        assert!(rpc.is_converted());
        assert_eq!(head("widgets", "2023-01-01").unwrap().actions, 1);
        for (product, version, style, converted) in [
            ("gallery", "2022-01-01", "ROA", true),
            ("functions", "2021-04-06", "FC", true),
            ("plain", "2020-01-01", NO_STYLE, false),
        ] {
            let read = head(product, version).unwrap();
            assert_eq!(read.style, style, "{product}");
            assert_eq!(read.is_converted(), converted, "{product}");
        }
        let broken = head("broken", "2020-01-01").unwrap_err();
        assert!(
            broken.contains("broken/2020-01-01/api-docs.json: not an api-docs file"),
            "{broken}"
        );
    }

    #[test]
    fn a_missing_folder_is_named() {
        let missing = discover(&fixture().join("nowhere")).unwrap_err();
        assert!(missing.contains("nowhere"), "{missing}");
    }
}
