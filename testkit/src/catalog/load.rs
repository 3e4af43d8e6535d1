//! Reading a spec: the files of a `spec/` folder, or the same files from a
//! generated crate's `spec.json` bundle (file path → content), into a [`Spec`].

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use super::body::{ErrorDoc, body, error_docs};
use super::products::{Product, Spec};
use crate::protocol::Protocol;

/// Where the server's spec comes from.
#[derive(Clone, Debug)]
pub(crate) enum SpecSource {
    /// The spec the `cloudapi` crate was generated from, embedded in it.
    Builtin,
    /// A `spec/` folder.
    Dir(PathBuf),
    /// A `spec.json` bundle, as another generated crate embeds it.
    Json(&'static str),
}

/// The spec of `source`. Bundles (the built-in one included) are parsed once per process,
/// so that starting a server costs no parsing after the first; folders are read every time,
/// as tests may change them.
pub(crate) fn resolve(source: &SpecSource) -> io::Result<Arc<Spec>> {
    /// Parsed bundles by the address and length of their text.
    type Parsed = HashMap<(usize, usize), Arc<Spec>>;
    static BUNDLES: Mutex<Option<Parsed>> = Mutex::new(None);
    let bundle = match source {
        SpecSource::Dir(dir) => return from_dir(dir).map(Arc::new),
        SpecSource::Builtin => cloudapi::SPEC,
        SpecSource::Json(text) => text,
    };
    // A `&'static str` is the same bundle for the whole process: its address is its key.
    let key = (bundle.as_ptr() as usize, bundle.len());
    let mut cache = BUNDLES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(spec) = cache.as_ref().and_then(|c| c.get(&key)) {
        return Ok(Arc::clone(spec));
    }
    let spec = Arc::new(from_static_bundle(bundle)?);
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key, Arc::clone(&spec));
    Ok(spec)
}

fn invalid(what: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

/// Loads the spec folder `dir` as the generator does (every file checked,
/// overlays merged over the imported files), so that it answers exactly as
/// the client generated from it expects.
pub(crate) fn from_dir(dir: &Path) -> io::Result<Spec> {
    let tree = codegen::load::load_tree(dir).map_err(|problems| {
        let shown = problems
            .located(&codegen::load::SpecFiles::on_disk(dir))
            .with_spec_label(dir.to_string_lossy());
        invalid(shown)
    })?;
    let mut files = BTreeMap::new();
    for (path, text) in tree.to_files() {
        let path = path.to_string_lossy().replace('\\', "/");
        // The loader wrote this text from what it parsed: it is JSON.
        let value = serde_json::from_str(&text).map_err(|e| invalid(format!("{path}: {e}")))?;
        files.insert(path, value);
    }
    build(&files).map_err(invalid)
}

/// Loads a `spec.json` bundle: one JSON object from spec file paths to their contents.
pub(crate) fn from_bundle(text: &str) -> io::Result<Spec> {
    let files: BTreeMap<String, Value> =
        serde_json::from_str(text).map_err(|e| invalid(format!("spec bundle: {e}")))?;
    build(&files).map_err(invalid)
}

/// Loads a bundle that lives as long as the process, parsing only its vendor and service
/// files now: actions and shapes are parsed per product, on first use. Relies on the layout
/// `cargo xtask gen` writes (one file per line); any other layout is parsed whole.
pub(crate) fn from_static_bundle(text: &'static str) -> io::Result<Spec> {
    let Some(lines) = bundle_lines(text) else {
        return from_bundle(text);
    };
    let mut heads = BTreeMap::new();
    // Per product folder (`vendor/product/`, a slice of the paths: nothing allocated per file).
    let mut unparsed: BTreeMap<&'static str, Vec<(&'static str, &'static str)>> = BTreeMap::new();
    for (path, json) in lines {
        if path.ends_with("/vendor.json") || path.ends_with("/service.json") {
            let value = serde_json::from_str(json)
                .map_err(|e| invalid(format!("spec bundle: {path}: {e}")))?;
            heads.insert(path.to_owned(), value);
        } else if let Some(folder) = product_folder(path) {
            unparsed.entry(folder).or_default().push((path, json));
        }
    }
    let mut spec = Spec::default();
    for (path, service) in &heads {
        let Some((prefix, protocol)) = service_of(path, service) else {
            continue;
        };
        let files = unparsed.remove(prefix.as_str()).unwrap_or_default();
        let action_names = files
            .iter()
            .filter_map(|(path, _)| {
                let name = path.strip_prefix(&prefix)?.strip_prefix("actions/")?;
                name.strip_suffix(".json").map(str::to_owned)
            })
            .collect();
        let head = product_head(path, service, protocol)?;
        let common_errors = vendor_errors(&heads, &prefix);
        spec.products
            .push(Product::new(head, common_errors, action_names, None, files));
    }
    Ok(spec)
}

/// `vendor/product/` of `vendor/product/<folder>/<file>`.
fn product_folder(path: &str) -> Option<&str> {
    let mut slashes = path.match_indices('/').map(|(at, _)| at);
    let end = slashes.nth(1)?;
    (slashes.count() == 1).then(|| &path[..=end])
}

/// The `(path, JSON)` of each line of a bundle as `cargo xtask gen` writes it:
/// `{`, then `"path": {…},` per file, then `}`; `None` for any other layout.
fn bundle_lines(text: &'static str) -> Option<Vec<(&'static str, &'static str)>> {
    let mut lines = text.lines();
    if lines.next()? != "{" {
        return None;
    }
    let mut entries = Vec::new();
    let mut closed = false;
    for line in lines {
        if closed {
            return None;
        }
        if line == "}" {
            closed = true;
            continue;
        }
        let rest = line.strip_prefix('"')?;
        let (path, json) = rest.split_once("\": ")?;
        // Spec paths are plain: an escape means this is not the expected layout.
        if path.contains('\\') {
            return None;
        }
        entries.push((path, json.strip_suffix(',').unwrap_or(json)));
    }
    closed.then_some(entries)
}

/// The product folder (`vendor/product/`) and protocol of a `service.json`; `None` for other
/// files, and for products of a protocol this server does not imitate.
fn service_of(path: &str, service: &Value) -> Option<(String, Protocol)> {
    let prefix = path.strip_suffix("service.json")?;
    if prefix.split('/').count() != 3 {
        return None;
    }
    let protocol = match service.get("protocol").and_then(Value::as_str) {
        Some("tc3-hmac-sha256") => Protocol::Tc3Json,
        Some("acs3-hmac-sha256-rpc") => Protocol::Acs3Rpc,
        Some("acs3-hmac-sha256-roa") => Protocol::Acs3Roa,
        other => {
            // A protocol this server does not imitate must not stop the others from being served.
            tracing::warn!(?other, %path, "testkit skips a product of an unknown protocol");
            return None;
        }
    };
    Some((prefix.to_owned(), protocol))
}

fn product_head(
    path: &str,
    service: &Value,
    protocol: Protocol,
) -> io::Result<(Protocol, String, String)> {
    let text = |key: &str| {
        service
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| invalid(format!("{path}: missing string field `{key}`")))
    };
    Ok((protocol, text("product")?, text("version")?))
}

/// The codes every action of the product folder `prefix` can answer: its
/// vendor's common ones, and the product's own (`errors` of `service.json`),
/// which describe a code both list.
fn vendor_errors(files: &BTreeMap<String, Value>, prefix: &str) -> BTreeMap<String, ErrorDoc> {
    let vendor = prefix.split('/').next().unwrap_or_default();
    let mut codes = files
        .get(&format!("{vendor}/vendor.json"))
        .map(|v| error_docs(v.get("common_errors")))
        .unwrap_or_default();
    if let Some(service) = files.get(&format!("{prefix}service.json")) {
        codes.extend(error_docs(service.get("errors")));
    }
    codes
}

/// The model of a file map, every product parsed; the error names the file that is wrong.
fn build(files: &BTreeMap<String, Value>) -> Result<Spec, String> {
    let mut spec = Spec::default();
    for (path, service) in files {
        let Some((prefix, protocol)) = service_of(path, service) else {
            continue;
        };
        let head = product_head(path, service, protocol).map_err(|e| e.to_string())?;
        let body = body(files, &prefix)?;
        let action_names = body.actions.keys().cloned().collect();
        let common_errors = vendor_errors(files, &prefix);
        spec.products.push(Product::new(
            head,
            common_errors,
            action_names,
            Some(body),
            Vec::new(),
        ));
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_without_example_answers_with_placeholders_of_its_outputs() {
        let bundle = serde_json::json!({
            "acme/vendor.json": {"name": "acme"},
            "acme/x/service.json": {"product": "x", "version": "1", "protocol": "tc3-hmac-sha256"},
            "acme/x/actions/Get.json": {"name": "Get", "output": [
                {"name": "Count", "type": "int64", "required": true},
                {"name": "Item", "type": {"ref": "Item"}, "required": true},
                {"name": "Note", "type": "string", "required": false},
                {"name": "Gone", "type": "string", "required": true, "nullable": true},
                {"name": "Any", "type": "json", "required": true}
            ]},
            "acme/x/types/Item.json": {"name": "Item", "kind": "object", "fields": [
                {"name": "Kind", "type": {"ref": "Kind"}, "required": true},
                {"name": "Tags", "type": {"array": "string"}, "required": true}
            ]},
            "acme/x/types/Kind.json": {"name": "Kind", "kind": "enum", "type": "string", "values": [{"value": "a"}]},
            "acme/y/service.json": {"product": "y", "version": "1", "protocol": "graphql"}
        });
        let spec = from_bundle(&bundle.to_string()).expect("loads");
        assert_eq!(
            spec.action_names(),
            ["x 1 Get"],
            "the unknown protocol is skipped"
        );
        let get = &spec.products[0].actions()["Get"];
        assert_eq!(
            get.example_response,
            serde_json::json!({"Count": 0, "Item": {"Kind": "a", "Tags": []}, "Gone": null, "Any": null})
        );
    }

    #[test]
    fn the_generated_bundle_is_read_lazily_to_the_same_spec() {
        let lines = bundle_lines(cloudapi::SPEC).expect("the layout `cargo xtask gen` writes");
        assert!(
            lines
                .iter()
                .any(|(path, _)| *path == "tencent/ssl/service.json")
        );
        let lazy = from_static_bundle(cloudapi::SPEC).expect("loads");
        assert!(
            lazy.products.iter().all(|p| p.body.get().is_none()),
            "nothing parsed yet"
        );
        assert!(
            lazy.products
                .iter()
                .any(|p| p.has_action("CertificateOrderSubmit"))
        );
        let eager = from_bundle(cloudapi::SPEC).expect("loads");
        assert_eq!(
            format!("{lazy:?}"),
            format!("{eager:?}"),
            "the same, once parsed"
        );
        assert_eq!(bundle_lines("{\n\"a\": 1\n"), None, "unclosed");
        assert_eq!(bundle_lines("{\"a\": 1}"), None, "one line");
    }

    #[test]
    fn a_broken_file_is_named() {
        let bundle = serde_json::json!({
            "acme/x/service.json": {"product": "x", "version": "1", "protocol": "tc3-hmac-sha256"},
            "acme/x/actions/Get.json": {"name": "Get", "input": [{"name": "A", "type": "int32"}]}
        });
        let error = from_bundle(&bundle.to_string()).unwrap_err().to_string();
        assert!(
            error.contains("acme/x/actions/Get.json") && error.contains("`A`"),
            "{error}"
        );
    }
}
