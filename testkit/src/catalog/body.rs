//! A product's body: its actions and shapes, parsed from its files (a folder's all at once,
//! a bundle's product by product on first use).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::http::HttpBinding;
use super::types::{Field, Shape, Ty};

/// One action: inputs, outputs, errors and the default answer.
#[derive(Clone, Debug)]
pub(crate) struct Action {
    pub(crate) name: String,
    pub(crate) idempotent: bool,
    pub(crate) inputs: Vec<Field>,
    /// The documented example answer, or one built from the outputs when there is none.
    pub(crate) example_response: Value,
    /// Documented error codes: message and (Alibaba) HTTP status.
    pub(crate) errors: BTreeMap<String, ErrorDoc>,
    /// Example values of the inputs, as documented (for seeding resources).
    pub(crate) example_request: Value,
    /// The method, path and member places of a REST action; `None` for the others.
    pub(crate) http: Option<HttpBinding>,
}

/// What the spec says about an error code.
#[derive(Clone, Debug, Default)]
pub(crate) struct ErrorDoc {
    pub(crate) message: String,
    pub(crate) http_status: Option<u16>,
}

/// What is parsed on first use.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub(crate) actions: BTreeMap<String, Action>,
    pub(crate) shapes: BTreeMap<String, Shape>,
}

/// Parses a product's action and shape files (all under one `vendor/product/` folder); a
/// file that does not parse is left out with an error in the log (bundles are written from
/// a validated spec, so that would be a bug).
pub(crate) fn parse_body(files: &[(&'static str, &'static str)]) -> Body {
    let mut values = BTreeMap::new();
    for (path, json) in files {
        match serde_json::from_str::<Value>(json) {
            Ok(value) => {
                values.insert((*path).to_owned(), value);
            }
            Err(e) => tracing::error!(%path, error = %e, "testkit cannot parse a spec file"),
        }
    }
    let prefix = files
        .first()
        .and_then(|(path, _)| path.rsplitn(3, '/').nth(2))
        .map(|p| format!("{p}/"))
        .unwrap_or_default();
    body(&values, &prefix).unwrap_or_else(|e| {
        tracing::error!(error = %e, "testkit cannot read a product of its spec");
        Body::default()
    })
}

/// The files of `files` in the folder `prefix` + `folder`.
fn in_folder<'a>(
    files: &'a BTreeMap<String, Value>,
    prefix: &str,
    folder: &str,
) -> impl Iterator<Item = (&'a String, &'a Value)> {
    let start = format!("{prefix}{folder}/");
    files
        .range(start.clone()..)
        .take_while(move |(p, _)| p.starts_with(&start))
}

/// The actions and shapes of the product folder `prefix`.
pub(super) fn body(files: &BTreeMap<String, Value>, prefix: &str) -> Result<Body, String> {
    let mut shapes = BTreeMap::new();
    for (file, value) in in_folder(files, prefix, "types") {
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let shape = Shape::parse(value).map_err(|e| format!("{file}: {e}"))?;
        shapes.insert(name.to_owned(), shape);
    }
    let mut actions = BTreeMap::new();
    for (file, value) in in_folder(files, prefix, "actions") {
        let action = action(value, &shapes).map_err(|e| format!("{file}: {e}"))?;
        actions.insert(action.name.clone(), action);
    }
    Ok(Body { actions, shapes })
}

fn action(value: &Value, shapes: &BTreeMap<String, Shape>) -> Result<Action, String> {
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .ok_or("missing string field `name`")?;
    let inputs = Field::parse_list(value.get("input"))?;
    let outputs = Field::parse_list(value.get("output"))?;
    let http = HttpBinding::parse(value.get("http"), &outputs)?;
    // The documented examples: the first answer is the default one, the
    // first request the one a test can copy (Alibaba documents answers only).
    let examples = value
        .get("examples")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let example_response = examples
        .iter()
        .find_map(|e| e.get("response"))
        .cloned()
        .unwrap_or_else(|| placeholder_object(&outputs, shapes, 0));
    Ok(Action {
        name: name.to_owned(),
        // Unknown idempotency is treated as "not idempotent": the safe assumption for retries.
        idempotent: value.get("idempotent").and_then(Value::as_bool) == Some(true),
        inputs,
        example_response,
        errors: error_docs(value.get("errors")),
        example_request: examples
            .iter()
            .find_map(|e| e.get("request"))
            .cloned()
            .unwrap_or(Value::Null),
        http,
    })
}

pub(super) fn error_docs(list: Option<&Value>) -> BTreeMap<String, ErrorDoc> {
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
        // Any JSON value decodes; null is the most neutral.
        Ty::Json => Value::Null,
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
