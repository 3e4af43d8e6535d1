//! Reading a spec: the files of a `spec/` folder, or the same files from a
//! generated crate's `spec.json` bundle (file path → content), into a [`Spec`].

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::{Map, Value};

use super::{Action, ErrorDoc, Field, Product, Shape, Spec, Ty};
use crate::config::SpecSource;
use crate::log::Protocol;

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
    let spec = Arc::new(from_bundle(bundle)?);
    cache
        .get_or_insert_with(HashMap::new)
        .insert(key, Arc::clone(&spec));
    Ok(spec)
}

fn invalid(what: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

/// Loads every `<vendor>/<product>/service.json` (with its actions and types) under `dir`.
pub(crate) fn from_dir(dir: &Path) -> io::Result<Spec> {
    let mut files = BTreeMap::new();
    for vendor in sorted_dirs(dir)? {
        let vendor_name = file_name(&vendor);
        if vendor_name == "schema" {
            continue;
        }
        read_into(&mut files, dir, &vendor.join("vendor.json"))?;
        for product in sorted_dirs(&vendor)? {
            read_into(&mut files, dir, &product.join("service.json"))?;
            for folder in ["actions", "types"] {
                let folder = product.join(folder);
                if !folder.is_dir() {
                    continue;
                }
                let mut entries: Vec<_> = fs::read_dir(&folder)?
                    .map(|e| e.map(|e| e.path()))
                    .collect::<io::Result<_>>()?;
                entries.sort();
                for file in entries
                    .iter()
                    .filter(|f| f.extension() == Some("json".as_ref()))
                {
                    read_into(&mut files, dir, file)?;
                }
            }
        }
    }
    build(&files).map_err(invalid)
}

/// Loads a `spec.json` bundle: one JSON object from spec file paths to their contents.
pub(crate) fn from_bundle(text: &str) -> io::Result<Spec> {
    let files: BTreeMap<String, Value> =
        serde_json::from_str(text).map_err(|e| invalid(format!("spec bundle: {e}")))?;
    build(&files).map_err(invalid)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Subdirectories of `dir`, sorted so that loading order (and so lookups) is deterministic.
fn sorted_dirs(dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    let mut dirs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Reads `file` (if it exists) under its path relative to `root`.
fn read_into(files: &mut BTreeMap<String, Value>, root: &Path, file: &Path) -> io::Result<()> {
    if !file.is_file() {
        return Ok(());
    }
    let rel = file.strip_prefix(root).unwrap_or(file);
    let rel = rel.to_string_lossy().replace('\\', "/");
    let value = serde_json::from_slice(&fs::read(file)?)
        .map_err(|e| invalid(format!("{}: {e}", file.display())))?;
    files.insert(rel, value);
    Ok(())
}

/// The model of a file map; the error names the file that is wrong.
fn build(files: &BTreeMap<String, Value>) -> Result<Spec, String> {
    let mut spec = Spec::default();
    for (path, service) in files {
        let parts: Vec<&str> = path.split('/').collect();
        let [vendor, product, "service.json"] = parts.as_slice() else {
            continue;
        };
        let protocol = match service.get("protocol").and_then(Value::as_str) {
            Some("tc3-hmac-sha256") => Protocol::Tc3Json,
            Some("acs3-hmac-sha256-rpc") => Protocol::Acs3Rpc,
            other => {
                // A protocol this server does not imitate must not stop the others from being served.
                tracing::warn!(?other, %path, "testkit skips a product of an unknown protocol");
                continue;
            }
        };
        let text = |key: &str| {
            service
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| format!("{path}: missing string field `{key}`"))
        };
        let prefix = format!("{vendor}/{product}/");
        let in_folder = |folder: &str| {
            let start = format!("{prefix}{folder}/");
            files
                .range(start.clone()..)
                .take_while(move |(p, _)| p.starts_with(&start))
        };
        let mut shapes = BTreeMap::new();
        for (file, value) in in_folder("types") {
            let name = value
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let shape = Shape::parse(value).map_err(|e| format!("{file}: {e}"))?;
            shapes.insert(name.to_owned(), shape);
        }
        let common_errors = files
            .get(&format!("{vendor}/vendor.json"))
            .map(|v| error_docs(v.get("common_errors")))
            .unwrap_or_default();
        let mut actions = BTreeMap::new();
        for (file, value) in in_folder("actions") {
            let action = action(value, &shapes).map_err(|e| format!("{file}: {e}"))?;
            actions.insert(action.name.clone(), action);
        }
        spec.products.push(Product {
            protocol,
            name: text("product")?,
            version: text("version")?,
            actions,
            shapes,
            common_errors,
        });
    }
    Ok(spec)
}

fn action(value: &Value, shapes: &BTreeMap<String, Shape>) -> Result<Action, String> {
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .ok_or("missing string field `name`")?;
    let inputs = Field::parse_list(value.get("input"))?;
    let outputs = Field::parse_list(value.get("output"))?;
    let example = value.get("example");
    let example_response = example
        .and_then(|e| e.get("response"))
        .cloned()
        .unwrap_or_else(|| placeholder_object(&outputs, shapes, 0));
    Ok(Action {
        name: name.to_owned(),
        // Unknown idempotency is treated as "not idempotent": the safe assumption for retries.
        idempotent: value.get("idempotent").and_then(Value::as_bool) == Some(true),
        inputs,
        example_response,
        errors: error_docs(value.get("errors")),
        example_request: example
            .and_then(|e| e.get("request"))
            .cloned()
            .unwrap_or(Value::Null),
    })
}

fn error_docs(list: Option<&Value>) -> BTreeMap<String, ErrorDoc> {
    let items = list
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|e| {
            let code = e.get("code")?.as_str()?.to_owned();
            let doc = ErrorDoc {
                message: e
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                http_status: e
                    .get("http_status")
                    .and_then(Value::as_u64)
                    .and_then(|s| u16::try_from(s).ok()),
            };
            Some((code, doc))
        })
        .collect()
}

/// An answer for an action without a documented example: every required output with a
/// neutral value of its type, so that clients decode it.
fn placeholder_object(fields: &[Field], shapes: &BTreeMap<String, Shape>, depth: usize) -> Value {
    let mut object = Map::new();
    for field in fields.iter().filter(|f| f.required) {
        let value = if field.nullable {
            Value::Null
        } else if let Some(first) = field.values.as_ref().and_then(|v| v.first()) {
            first.clone()
        } else {
            placeholder(&field.ty, shapes, depth)
        };
        object.insert(field.name.clone(), value);
    }
    Value::Object(object)
}

fn placeholder(ty: &Ty, shapes: &BTreeMap<String, Shape>, depth: usize) -> Value {
    match ty {
        Ty::String | Ty::Binary => Value::from(""),
        Ty::Int64 | Ty::Uint64 => Value::from(0),
        Ty::Float => Value::from(0.0),
        Ty::Boolean => Value::from(false),
        Ty::Date => Value::from("1970-01-01"),
        Ty::DateTime => Value::from("1970-01-01 00:00:00"),
        Ty::DateTimeIso => Value::from("1970-01-01T00:00:00Z"),
        Ty::Array(_) => Value::Array(Vec::new()),
        // A shape that contains itself (through a required field) stops at some depth.
        Ty::Ref(_) if depth > 8 => Value::Null,
        Ty::Ref(name) => match shapes.get(name) {
            Some(Shape::Object(fields)) => placeholder_object(fields, shapes, depth + 1),
            Some(Shape::Enum { values, ty }) => values
                .first()
                .cloned()
                .unwrap_or_else(|| placeholder(ty, shapes, depth + 1)),
            None => Value::Null,
        },
    }
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
                {"name": "Gone", "type": "string", "required": true, "nullable": true}
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
        let get = &spec.products[0].actions["Get"];
        assert_eq!(
            get.example_response,
            serde_json::json!({"Count": 0, "Item": {"Kind": "a", "Tags": []}, "Gone": null})
        );
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
