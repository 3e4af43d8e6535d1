//! `cargo xtask import-products [--force] [--cas-api-docs FILE]`: the two
//! certificate products, re-imported from the vendor metadata at the pinned
//! versions below.
//!
//! The packages are downloaded from PyPI with `pip download` into
//! `target/vendor/` (never by `cargo test`, which reads only `spec/`). The
//! versions are recorded in each product's `service.json` (`sources`), and
//! the import report in its `IMPORT.md`. Curation in `overlay/` is never
//! written; the importer reads from it only the names chosen for the types it
//! creates. Re-importing the same versions changes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use ::import::{Curation, ImportOptions, ImportReport, Input, alibaba, tencent, write_plan};
use codegen::load::overlay::ActionOverlay;
use codegen::load::raw::SourceSpec;
use sha2::{Digest, Sha256};

/// The arguments of `cargo xtask import-products`.
pub const USAGE: &str = "cargo xtask import-products [--force] [--cas-api-docs FILE]";

/// The mainland command line tool's metadata: every action, in Chinese.
const TCCLI: Package = Package {
    name: "tccli",
    version: "3.1.189.1",
};
/// The international tool's metadata: English text.
const TCCLI_INTL: Package = Package {
    name: "tccli-intl-en",
    version: "3.1.193.1",
};
/// The international Python SDK: the products' error codes in English.
const SDK_INTL: Package = Package {
    name: "tencentcloud-sdk-python-intl-en",
    version: "3.1.193",
};
/// Alibaba's Python SDK of `cas`: its client names every action, a check on the api-docs.
const CAS_SDK: Package = Package {
    name: "alibabacloud_cas20200407",
    version: "3.9.4",
};

/// Where the api-docs of `cas` are unless `--cas-api-docs` says otherwise
/// (beside the checkout: Alibaba publishes them on its API portal, not in a
/// package registry).
const CAS_API_DOCS: &str = "../shared/alibaba-cas-2020-04-07-api-docs.json";

#[derive(Debug, Clone, Copy)]
struct Package {
    name: &'static str,
    version: &'static str,
}

/// What `cargo xtask import-products` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Replace base files that differ from the import.
    pub force: bool,
    /// The cas api-docs file.
    pub cas_api_docs: Option<PathBuf>,
}

/// Reads the words after `import-products`.
pub fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut parsed = Args {
        force: false,
        cas_api_docs: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--force" => parsed.force = true,
            "--cas-api-docs" => match rest.next() {
                Some(path) if !path.starts_with('-') => {
                    parsed.cas_api_docs = Some(PathBuf::from(path))
                }
                _ => return Err("expected a FILE after --cas-api-docs".into()),
            },
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(parsed)
}

/// Imports `tencent/ssl` and `alibaba/cas`; returns each product's report.
pub fn run(root: &Path, args: &Args) -> Result<Vec<(String, ImportReport)>, String> {
    let vendor_dir = root.join("target/vendor");
    let spec = root.join(crate::SPEC_LABEL);
    let mut reports = Vec::new();

    let tccli = fetch(&vendor_dir, TCCLI)?;
    let intl = fetch(&vendor_dir, TCCLI_INTL)?;
    let sdk = fetch(&vendor_dir, SDK_INTL)?;
    let service_dir = "tccli/services/ssl/v20191205";
    let texts = [
        read(&tccli, &format!("{service_dir}/api.json"))?,
        read(&tccli, &format!("{service_dir}/examples.json"))?,
        read(&intl, &format!("{service_dir}/api.json"))?,
        read(&intl, &format!("{service_dir}/examples.json"))?,
        read(&sdk, "tencentcloud/ssl/v20191205/errorcodes.py")?,
    ];
    let input = |index: usize, package: Package, file: String, used_for: &str| Input {
        source: SourceSpec {
            name: package.name.into(),
            version: package.version.into(),
            file,
            used_for: used_for.into(),
        },
        text: &texts[index],
    };
    let sources = tencent::Sources {
        api: input(
            0,
            TCCLI,
            format!("{service_dir}/api.json"),
            "structure; Chinese text where no English exists",
        ),
        examples: Some(input(
            1,
            TCCLI,
            format!("{service_dir}/examples.json"),
            "examples of actions without English ones",
        )),
        english: Some(input(
            2,
            TCCLI_INTL,
            format!("{service_dir}/api.json"),
            "English text; actions only the international site has",
        )),
        english_examples: Some(input(
            3,
            TCCLI_INTL,
            format!("{service_dir}/examples.json"),
            "examples",
        )),
        error_codes: Some(input(
            4,
            SDK_INTL,
            "tencentcloud/ssl/v20191205/errorcodes.py".into(),
            "the product's error codes, in English",
        )),
    };
    let curation = options(&spec, "tencent/ssl")?;
    let plan = tencent::plan_product(&sources, &curation).map_err(|e| e.to_string())?;
    let report = write_plan(&spec, &plan, args.force)
        .map_err(|e| e.with_spec_label(crate::SPEC_LABEL).to_string())?;
    reports.push(("tencent/ssl".to_string(), report));

    let docs_path = args
        .cas_api_docs
        .clone()
        .unwrap_or_else(|| root.join(CAS_API_DOCS));
    let docs = fs::read_to_string(&docs_path).map_err(|e| {
        format!(
            "{}: {e} (give the file with --cas-api-docs)",
            docs_path.display()
        )
    })?;
    let cas_sdk = fetch(&vendor_dir, CAS_SDK)?;
    let client = read(&cas_sdk, "alibabacloud_cas20200407/client.py")?;
    let sources = alibaba::Sources {
        api_docs: Input {
            source: SourceSpec {
                name: "Alibaba Cloud OpenAPI metadata of cas 2020-04-07 (api-docs)".into(),
                version: format!("sha256:{}", hex::encode(Sha256::digest(docs.as_bytes()))),
                file: "alibaba-cas-2020-04-07-api-docs.json".into(),
                used_for: "structure, English text, value sets, answers as examples, endpoints"
                    .into(),
            },
            text: &docs,
        },
        sdk_client: Some(Input {
            source: SourceSpec {
                name: CAS_SDK.name.into(),
                version: CAS_SDK.version.into(),
                file: "alibabacloud_cas20200407/client.py".into(),
                used_for: "a check: the actions its client calls".into(),
            },
            text: &client,
        }),
    };
    let curation = options(&spec, "alibaba/cas")?;
    let plan = alibaba::plan_product(&sources, &curation).map_err(|e| e.to_string())?;
    let report = write_plan(&spec, &plan, args.force)
        .map_err(|e| e.with_spec_label(crate::SPEC_LABEL).to_string())?;
    reports.push(("alibaba/cas".to_string(), report));
    Ok(reports)
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

/// The unpacked wheel of `package`, downloaded once.
fn fetch(vendor_dir: &Path, package: Package) -> Result<PathBuf, String> {
    let dir = vendor_dir.join(format!("{}-{}", package.name, package.version));
    let unpacked = dir.join("unpacked");
    if unpacked.is_dir() {
        return Ok(unpacked);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    run_command(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--disable-pip-version-check",
                "--dest",
            ])
            .arg(&dir)
            .arg(format!("{}=={}", package.name, package.version)),
    )?;
    let wheel = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .ok_or_else(|| format!("no wheel of {} in {}", package.name, dir.display()))?;
    let partial = dir.join("unpacking");
    let _ = fs::remove_dir_all(&partial);
    run_command(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&wheel)
            .arg(&partial),
    )?;
    fs::rename(&partial, &unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    Ok(unpacked)
}

fn read(dir: &Path, file: &str) -> Result<String, String> {
    let path = dir.join(file);
    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

fn run_command(command: &mut Command) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("{command:?}: {e} (python3 with pip is needed)"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_its_options_and_says_what_is_wrong() {
        let args = parse_args(&["--force", "--cas-api-docs", "docs.json"]).unwrap();
        assert!(args.force);
        assert_eq!(args.cas_api_docs, Some(PathBuf::from("docs.json")));
        assert_eq!(
            parse_args(&[]).unwrap(),
            Args {
                force: false,
                cas_api_docs: None
            }
        );
        for missing in [&["--cas-api-docs"][..], &["--cas-api-docs", "--force"]] {
            let problem = parse_args(missing).unwrap_err();
            assert_eq!(problem, "expected a FILE after --cas-api-docs");
        }
        let unknown = parse_args(&["tencent"]).unwrap_err();
        assert_eq!(unknown, "unknown argument `tencent`");
    }
}
