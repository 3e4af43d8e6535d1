//! `cargo xtask import-go-errors tencent/<product> --go-sdk DIR --version TAG`:
//! each action's error codes, and descriptions of the product's codes its
//! Python SDK leaves out, from a checkout of the vendor's Go SDK
//! (github.com/TencentCloud/tencentcloud-sdk-go at the release `TAG`),
//! recorded in the product's overlays.
//!
//! The Go SDK is the one place the vendor lists which codes each action may
//! return; it is not a package of a registry this project reaches, so the
//! lists are kept in `overlay/actions/<Action>.json` (`errors`), which
//! imports never write. Codes described in `errorcodes.py` keep that
//! (English) description; the others get the Go SDK's (Chinese) one in
//! `overlay/service.json`, unless a person already described them there.
//! Run it again after a new SDK release to refresh the lists.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ::import::tencent::go_sdk;
use codegen::load::overlay::{ActionOverlay, ErrorOverlay, ServiceOverlay};
use codegen::load::raw::{ServiceFile, VendorFile, to_spec_text};

/// The arguments of `cargo xtask import-go-errors`.
pub const USAGE: &str = "cargo xtask import-go-errors tencent/PRODUCT --go-sdk DIR --version TAG";

/// What `cargo xtask import-go-errors` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// The product folder, e.g. `dnspod`.
    pub product: String,
    /// A checkout of the Go SDK.
    pub go_sdk: PathBuf,
    /// Its release, e.g. `v1.3.166`, recorded in the overlays' notes.
    pub version: String,
}

/// Reads the words after `import-go-errors`.
pub fn parse_args(args: &[&str]) -> Result<Args, String> {
    let Some((product, rest)) = args.split_first() else {
        return Err("expected the product, e.g. tencent/dnspod".into());
    };
    let product = product
        .strip_prefix("tencent/")
        .filter(|p| !p.is_empty() && !p.contains('/'))
        .ok_or_else(|| {
            format!("expected a Tencent Cloud product such as tencent/dnspod, found `{product}`")
        })?;
    let (mut go_sdk, mut version) = (None, None);
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        let value = rest
            .next()
            .filter(|v| !v.starts_with('-'))
            .ok_or_else(|| format!("expected a value after {arg}"))?;
        match *arg {
            "--go-sdk" => go_sdk = Some(PathBuf::from(value)),
            "--version" => version = Some(value.to_string()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        product: product.to_string(),
        go_sdk: go_sdk.ok_or("expected --go-sdk DIR, a checkout of tencentcloud-sdk-go")?,
        version: version.ok_or("expected --version TAG, the checkout's release (e.g. v1.3.166)")?,
    })
}

/// What a run changed.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Action overlays written.
    pub actions: usize,
    /// Error codes listed across those actions.
    pub codes: usize,
    /// Codes described from the Go SDK in `overlay/service.json`.
    pub described: usize,
    /// Actions the SDK has and the spec does not.
    pub not_in_spec: Vec<String>,
    /// Actions of the spec the SDK lists no codes for.
    pub without_codes: Vec<String>,
}

/// Writes the overlays of `args.product` under `spec`.
pub fn run(spec: &Path, args: &Args) -> Result<Outcome, String> {
    let product_dir = spec.join("tencent").join(&args.product);
    let service: ServiceFile = read_spec(&product_dir.join("service.json"))?;
    let vendor: VendorFile = read_spec(&spec.join("tencent/vendor.json"))?;
    let folder = format!(
        "tencentcloud/{}/v{}",
        args.product,
        service.version.replace('-', "")
    );
    let client = read_text(&args.go_sdk.join(&folder).join("client.go"))?;
    let errors = read_text(&args.go_sdk.join(&folder).join("errors.go"))?;
    let lists = go_sdk::action_errors(&client);
    let source = format!("tencentcloud-sdk-go {}, {folder}", args.version);

    let spec_actions: BTreeSet<String> = stems(&product_dir.join("actions"));
    let mut outcome = Outcome {
        not_in_spec: lists
            .keys()
            .filter(|a| !spec_actions.contains(*a))
            .cloned()
            .collect(),
        without_codes: spec_actions
            .iter()
            .filter(|a| !lists.contains_key(*a))
            .cloned()
            .collect(),
        ..Outcome::default()
    };
    let overlay_dir = product_dir.join("overlay");
    for (action, codes) in lists.iter().filter(|(a, _)| spec_actions.contains(*a)) {
        let path = overlay_dir.join("actions").join(format!("{action}.json"));
        let mut overlay: ActionOverlay = if path.is_file() {
            read_spec(&path)?
        } else {
            ActionOverlay::new(action)
        };
        let described: Vec<ErrorOverlay> = overlay.errors.clone();
        overlay.errors = codes
            .iter()
            .map(|code| {
                described
                    .iter()
                    .find(|e| e.code == *code)
                    .cloned()
                    .unwrap_or(ErrorOverlay {
                        code: code.clone(),
                        description: None,
                        http_status: None,
                    })
            })
            .collect();
        let sentence = format!(
            "errors: the action's list in the vendor's Go SDK ({source}/client.go), described by the product's error codes."
        );
        overlay.note = Some(with_sentence(
            overlay.note.as_deref(),
            "errors: ",
            &sentence,
        ));
        write(&path, &to_spec_text(&overlay))?;
        outcome.actions += 1;
        outcome.codes += codes.len();
    }

    // Codes neither errorcodes.py (service.json) nor the vendor describes.
    let known: BTreeSet<&str> = service
        .errors
        .iter()
        .map(|e| e.code.as_str())
        .chain(vendor.common_errors.iter().map(|e| e.code.as_str()))
        .collect();
    let path = overlay_dir.join("service.json");
    let mut overlay: ServiceOverlay = if path.is_file() {
        read_spec(&path)?
    } else {
        ServiceOverlay::new()
    };
    let before = overlay.errors.len();
    for code in go_sdk::error_descriptions(&errors) {
        if !known.contains(code.code.as_str())
            && !overlay.errors.iter().any(|e| e.code == code.code)
        {
            overlay.errors.push(code);
        }
    }
    outcome.described = overlay.errors.len() - before;
    if outcome.described > 0 {
        overlay.errors.sort_by(|a, b| a.code.cmp(&b.code));
        let sentence = format!(
            "errors: the product's codes that errorcodes.py leaves out, with the vendor's own description from its Go SDK ({source}/errors.go), kept in the vendor's words (Chinese) where no English is published."
        );
        overlay.note = Some(with_sentence(
            overlay.note.as_deref(),
            "errors: ",
            &sentence,
        ));
        write(&path, &to_spec_text(&overlay))?;
    }
    Ok(outcome)
}

/// `note` with its sentence starting `prefix` replaced by `sentence` in
/// place (or `sentence` added at the end).
fn with_sentence(note: Option<&str>, prefix: &str, sentence: &str) -> String {
    let mut parts: Vec<&str> = note
        .unwrap_or_default()
        .split_inclusive(". ")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    match parts.iter().position(|s| s.starts_with(prefix)) {
        Some(at) => parts[at] = sentence,
        None => parts.push(sentence),
    }
    parts.join(" ")
}

fn read_spec<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    codegen::load::parse_file(path, &bytes).map_err(|e| e.to_string())
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e} (is --go-sdk a checkout of tencentcloud-sdk-go?)",
            path.display()
        )
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The names of the `.json` files in `dir`.
fn stems(dir: &Path) -> BTreeSet<String> {
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
    fn reads_its_arguments() {
        let args =
            parse_args(&["tencent/dnspod", "--go-sdk", "sdk", "--version", "v1.3.166"]).unwrap();
        assert_eq!(args.product, "dnspod");
        assert_eq!(args.go_sdk, PathBuf::from("sdk"));
        assert_eq!(args.version, "v1.3.166");
        assert!(
            parse_args(&["alibaba/alidns", "--go-sdk", "x", "--version", "v"])
                .unwrap_err()
                .contains("Tencent Cloud product")
        );
        assert!(
            parse_args(&["tencent/dnspod", "--go-sdk", "x"])
                .unwrap_err()
                .contains("--version")
        );
        assert!(
            parse_args(&["tencent/dnspod", "--go-sdk"])
                .unwrap_err()
                .contains("expected a value")
        );
    }

    #[test]
    fn a_note_keeps_its_other_sentences() {
        let note = with_sentence(
            Some("Hand-written: the name. errors: old list. paging: none."),
            "errors: ",
            "errors: new list.",
        );
        assert_eq!(
            note,
            "Hand-written: the name. errors: new list. paging: none."
        );
        assert_eq!(with_sentence(None, "errors: ", "errors: x."), "errors: x.");
    }
}
