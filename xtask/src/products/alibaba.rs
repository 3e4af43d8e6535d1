//! The Alibaba Cloud products: the OpenAPI metadata (`api-docs.json`), the
//! English request metadata and product list of the official CLI, both
//! pinned copies beside the checkout (cas's English api-docs is in the
//! repository), and each product's Python SDK from PyPI as a check that no
//! action is missed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ::import::{ImportOptions, ImportPlan, Input, alibaba};
use codegen::load::raw::SourceSpec;
use sha2::{Digest, Sha256};

use super::pypi::{self, Package};

/// The copy of Alibaba's metadata for every product, beside the checkout;
/// its README names each folder's source and revision.
pub(super) const VENDOR_DIR: &str = "../shared/vendor/alibaba";

/// Where the api-docs of most products come from (`api-docs/` of the vendor
/// folder is an unmodified copy of this repository's `data/`).
const API_DOCS_ORIGIN: &str =
    "github.com/dew-serverless/acs-sdk-php `data/` (Alibaba Cloud OpenAPI metadata)";
const API_DOCS_REVISION: &str = "commit 2da261e490af93414113673cdeb6bb7305b3212d (2024-06-24)";
/// The official CLI's metadata (`openapi-meta/` of the vendor folder).
const CLI_META_ORIGIN: &str = "github.com/aliyun/aliyun-openapi-meta (metadata of the aliyun CLI)";
const CLI_META_REVISION: &str = "commit 2563691c2 (2026-04-21)";

/// Where a product's api-docs are.
#[derive(Debug, Clone, Copy)]
pub(super) enum ApiDocs {
    /// A file of the repository, from its root (an English edition),
    /// unless `--cas-api-docs` names another.
    Repository(&'static str),
    /// `api-docs/<product>/<version>/api-docs.json` of the vendor folder.
    Vendor,
}

/// One product at one API version.
#[derive(Debug, Clone, Copy)]
pub(super) struct Product {
    /// The product code, lowercase, as the vendor folders name it.
    pub name: &'static str,
    pub version: &'static str,
    pub api_docs: ApiDocs,
    /// Whether the CLI's English request text and product list are merged in.
    pub cli_metadata: bool,
    /// The product's Python SDK, whose client names every action.
    pub sdk: Package,
}

/// The Alibaba Cloud products in `spec/`.
pub(super) const PRODUCTS: &[Product] = &[
    Product {
        name: "cas",
        version: "2020-04-07",
        // Also the importer's test fixture: one copy, the one the spec came from.
        api_docs: ApiDocs::Repository(
            "import/tests/fixtures/alibaba/alibaba-cas-2020-04-07-api-docs.json",
        ),
        cli_metadata: false,
        sdk: Package {
            name: "alibabacloud_cas20200407",
            version: "3.9.4",
        },
    },
    Product {
        name: "alidns",
        version: "2015-01-09",
        api_docs: ApiDocs::Vendor,
        cli_metadata: true,
        sdk: Package {
            name: "alibabacloud_alidns20150109",
            version: "4.6.1",
        },
    },
    Product {
        name: "fc",
        version: "2023-03-30",
        api_docs: ApiDocs::Vendor,
        cli_metadata: true,
        sdk: Package {
            // The last release before the api-docs revision (2024-04-23).
            name: "alibabacloud_fc20230330",
            version: "4.1.0",
        },
    },
    // The delivery products: the last SDK release before the api-docs revision.
    Product {
        name: "cdn",
        version: "2018-05-10",
        api_docs: ApiDocs::Vendor,
        cli_metadata: true,
        sdk: Package {
            name: "alibabacloud_cdn20180510",
            version: "3.3.1",
        },
    },
    Product {
        name: "dcdn",
        version: "2018-01-15",
        api_docs: ApiDocs::Vendor,
        cli_metadata: true,
        sdk: Package {
            name: "alibabacloud_dcdn20180115",
            version: "2.4.0",
        },
    },
    Product {
        name: "slb",
        version: "2014-05-15",
        api_docs: ApiDocs::Vendor,
        cli_metadata: true,
        sdk: Package {
            name: "alibabacloud_slb20140515",
            version: "3.3.26",
        },
    },
    Product {
        name: "alb",
        version: "2020-06-16",
        api_docs: ApiDocs::Vendor,
        cli_metadata: true,
        sdk: Package {
            name: "alibabacloud_alb20200616",
            version: "1.2.0",
        },
    },
];

/// Where the metadata of a run comes from.
pub(super) struct Paths<'a> {
    pub root: &'a Path,
    /// `target/vendor`, for the SDKs.
    pub downloads: &'a Path,
    /// The vendor folder (`VENDOR_DIR` unless given).
    pub vendor: &'a Path,
    /// `--cas-api-docs`.
    pub cas_api_docs: Option<&'a Path>,
}

/// The import plan of `product`.
pub(super) fn plan(
    paths: &Paths,
    product: Product,
    options: &ImportOptions,
) -> Result<ImportPlan, String> {
    let (docs_path, docs_source) = match product.api_docs {
        ApiDocs::Repository(file) => {
            let path = paths
                .cas_api_docs
                .map(Path::to_path_buf)
                .unwrap_or_else(|| paths.root.join(file));
            let name = format!(
                "Alibaba Cloud OpenAPI metadata of {} {} (api-docs)",
                product.name, product.version
            );
            (path, (name, None))
        }
        ApiDocs::Vendor => {
            let file = format!("{}/{}/api-docs.json", product.name, product.version);
            (
                paths.vendor.join("api-docs").join(&file),
                (API_DOCS_ORIGIN.to_string(), Some(file)),
            )
        }
    };
    let docs = read(&docs_path)?;
    let (name, vendor_file) = docs_source;
    let api_docs = Input {
        source: match vendor_file {
            Some(file) => SourceSpec {
                name,
                version: API_DOCS_REVISION.into(),
                file: format!("data/{file}"),
                used_for: "structure, text (Chinese), value sets, answers as examples, endpoints"
                    .into(),
            },
            None => SourceSpec {
                name,
                version: format!("sha256:{}", hex::encode(Sha256::digest(docs.as_bytes()))),
                file: docs_path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                used_for: "structure, English text, value sets, answers as examples, endpoints"
                    .into(),
            },
        },
        text: &docs,
    };
    let english_texts = match product.cli_metadata {
        true => english_files(&paths.vendor.join("openapi-meta/en-US").join(product.name))?,
        false => BTreeMap::new(),
    };
    let products_text = match product.cli_metadata {
        true => Some(read(
            &paths.vendor.join("openapi-meta/metadatas/products.json"),
        )?),
        false => None,
    };
    let english = product.cli_metadata.then(|| alibaba::EnglishRequests {
        source: SourceSpec {
            name: CLI_META_ORIGIN.into(),
            version: CLI_META_REVISION.into(),
            file: format!("en-US/{}", product.name),
            used_for: "English summaries of the actions, descriptions of the parameters".into(),
        },
        actions: english_texts
            .iter()
            .filter(|(action, _)| *action != "version")
            .map(|(action, text)| (action.clone(), text.as_str()))
            .collect(),
        summaries: english_texts.get("version").map(String::as_str),
    });
    let products = products_text.as_deref().map(|text| Input {
        source: SourceSpec {
            name: CLI_META_ORIGIN.into(),
            version: CLI_META_REVISION.into(),
            file: "metadatas/products.json".into(),
            used_for: "the global endpoint".into(),
        },
        text,
    });
    let sdk = pypi::fetch(paths.downloads, product.sdk)?;
    let client_file = format!("{}/client.py", product.sdk.name);
    let client = pypi::read(&sdk, &client_file)?;
    let sources = alibaba::Sources {
        api_docs,
        english,
        products,
        sdk_client: Some(Input {
            source: SourceSpec {
                name: product.sdk.name.into(),
                version: product.sdk.version.into(),
                file: client_file,
                used_for: "a check: the actions its client calls".into(),
            },
            text: &client,
        }),
    };
    alibaba::plan_product(&sources, options).map_err(|e| e.to_string())
}

/// Every file of a product's English folder, by name: `<Action>.json`, and
/// `version.json` with the actions' summaries.
fn english_files(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path: PathBuf = entry.map_err(|e| e.to_string())?.path();
        let Some(action) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".json"))
        else {
            continue;
        };
        files.insert(action.to_string(), read(&path)?);
    }
    Ok(files)
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A product whose metadata the repository keeps can be re-imported from
    /// any checkout: the file is where `import-products` looks for it.
    #[test]
    fn the_api_docs_kept_in_the_repository_are_there() {
        let root = crate::workspace_root();
        let kept: Vec<&str> = PRODUCTS
            .iter()
            .filter_map(|p| match p.api_docs {
                ApiDocs::Repository(file) => Some(file),
                ApiDocs::Vendor => None,
            })
            .collect();
        assert!(
            !kept.is_empty(),
            "no product's api-docs is kept in the repository"
        );
        for file in kept {
            assert!(root.join(file).is_file(), "{file} is missing");
        }
    }
}
