//! What both example tests run, each over one vendor's products (two test
//! binaries, so that the two halves of the per-action code they instantiate
//! compile side by side): every action's documented examples, where
//!
//! - each request example decodes into the action's request type and
//!   encodes back to the same JSON;
//! - each response example decodes into the response type with its values;
//! - the loopback test server answers each action, called through the
//!   generated client with its documented request (or, where the vendor
//!   documents none, one made of its fields' example values), with the
//!   action's example answer, which the client decodes with its values.
//!
//! How many examples went through is checked, product by product, against
//! a count made straight from `spec/`'s files, so an example dropped on the
//! way (by the loader, or by this test) fails it. Values compare as what
//! they say, and integers as integers: two IDs beyond 2^53 that one `f64`
//! holds for both are different IDs.
//!
//! The lists of actions are written from `spec/` by this crate's build script.

use std::future::Future;
use std::pin::Pin;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codegen::load::raw::{ActionFile, FieldSpec, ShapeFile};
use codegen::load::type_expr::{Scalar, TypeExpr};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use testkit::{Server, ServerConfig};

pub type Call<'a> = Pin<Box<dyn Future<Output = Result<Value, String>> + Send + 'a>>;

/// One action, and what a test can do with it.
pub struct Operation {
    pub vendor: &'static str,
    pub product: &'static str,
    pub action: &'static str,
    /// Decodes a request example into the request type and encodes it again.
    pub request: fn(&Value) -> Result<Value, String>,
    /// Decodes a response example into the response type and encodes it again.
    pub response: fn(&Value) -> Result<Value, String>,
    /// Calls the action through the generated client pointed at `server`.
    pub call: for<'a> fn(&'a Server, Value) -> Call<'a>,
}

pub fn roundtrip<T: Serialize + DeserializeOwned>(value: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// A product's shapes, by name.
type Shapes = BTreeMap<String, ShapeFile>;

/// The spec's action files of `vendor`, by (vendor, product), with their product's shapes.
fn spec_actions(vendor_name: &str) -> Vec<((String, String), ActionFile, Arc<Shapes>)> {
    let tree = codegen::load::load_tree(&xtask::workspace_root().join("spec"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut actions = Vec::new();
    for vendor in tree.vendors.iter().filter(|v| v.dir_name == vendor_name) {
        for product in &vendor.products {
            let shapes: Arc<Shapes> = Arc::new(
                product
                    .shapes
                    .iter()
                    .map(|s| (s.value.name.clone(), s.value.clone()))
                    .collect(),
            );
            for action in &product.actions {
                let key = (vendor.dir_name.clone(), product.dir_name.clone());
                actions.push((key, action.value.clone(), Arc::clone(&shapes)));
            }
        }
    }
    actions
}

fn operation<'a>(
    operations: &'a [Operation],
    vendor: &str,
    product: &str,
    action: &str,
) -> &'a Operation {
    operations
        .iter()
        .find(|o| (o.vendor, o.product, o.action) == (vendor, product, action))
        .unwrap_or_else(|| panic!("{vendor}/{product} {action} is not in the generated list"))
}

/// Whether `actual` holds every value of `expected`, at `path`: a `null`
/// (or missing optional) value holds nothing; numbers compare by value, and
/// a number sent as text, or a boolean as 0/1, compares as what it says.
fn holds(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Null, _) => Ok(()),
        (Value::Object(want), Value::Object(got)) => {
            for (key, value) in want {
                if value.is_null() {
                    continue;
                }
                let at = format!("{path}.{key}");
                let got = got.get(key).ok_or_else(|| format!("{at}: missing"))?;
                holds(value, got, &at)?;
            }
            Ok(())
        }
        (Value::Array(want), Value::Array(got)) if want.len() == got.len() => want
            .iter()
            .zip(got)
            .enumerate()
            .try_for_each(|(i, (w, g))| holds(w, g, &format!("{path}[{i}]"))),
        (want, got) if same_scalar(want, got) => Ok(()),
        (want, got) => Err(format!("{path}: expected {want}, found {got}")),
    }
}

/// A number as a comparison sees it: an integer stays an integer, so two
/// integers beyond 2^53 (IDs, byte counts) that one `f64` would hold for
/// both still differ.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Number {
    Integer(i128),
    Float(f64),
}

impl Number {
    /// A JSON number, a number sent as text, or a boolean as 0/1.
    fn of(value: &Value) -> Option<Number> {
        match value {
            Value::Number(n) => n
                .as_i64()
                .map(i128::from)
                .or_else(|| n.as_u64().map(i128::from))
                .map(Number::Integer)
                .or_else(|| n.as_f64().map(Number::Float)),
            Value::String(s) => {
                let s = s.trim();
                s.parse::<i128>()
                    .map(Number::Integer)
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().map(Number::Float))
            }
            Value::Bool(b) => Some(Number::Integer(i128::from(*b))),
            _ => None,
        }
    }

    /// The same value: an integer equals a float only if the float is
    /// exactly that integer (`1` and `1.0`), never by rounding the integer.
    fn same(self, other: Number) -> bool {
        match (self, other) {
            (Number::Integer(a), Number::Integer(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a == b,
            (Number::Integer(i), Number::Float(f)) | (Number::Float(f), Number::Integer(i)) => {
                // Within ±2^127 the cast is exact for an integral float.
                f.fract() == 0.0 && f.abs() < 1.7e38 && f as i128 == i
            }
        }
    }
}

fn same_scalar(a: &Value, b: &Value) -> bool {
    a == b
        || matches!(
            (a, b),
            (Value::Number(_), _)
                | (_, Value::Number(_))
                | (Value::Bool(_), _)
                | (_, Value::Bool(_))
        ) && matches!((Number::of(a), Number::of(b)), (Some(x), Some(y)) if x.same(y))
        || matches!((a, b), (Value::String(x), Value::Bool(y)) | (Value::Bool(y), Value::String(x)) if x.eq_ignore_ascii_case(&y.to_string()))
}

#[test]
fn integers_compare_as_integers() {
    // 2^53 + 1 and 2^53 are the same f64; they are different integers.
    let (above, at) = (json!(9007199254740993_u64), json!(9007199254740992_u64));
    assert_eq!(above.as_f64(), at.as_f64(), "the f64 comparison would pass");
    assert!(!same_scalar(&above, &at));
    assert!(!same_scalar(&json!("9007199254740993"), &at));
    assert!(!same_scalar(&above, &json!("9007199254740992")));
    assert!(!same_scalar(
        &json!(-9007199254740993_i64),
        &json!(-9007199254740992_i64)
    ));
    assert!(!same_scalar(&above, &json!(9007199254740992.0)));
    assert!(holds(&json!({"Id": above}), &json!({"Id": at}), "r").is_err());
    // What the comparison is for still holds: the same value, written otherwise.
    assert!(same_scalar(&above, &json!("9007199254740993")));
    assert!(same_scalar(&json!(u64::MAX), &json!(u64::MAX.to_string())));
    assert!(same_scalar(&json!(1), &json!(1.0)));
    assert!(same_scalar(&json!(0.5), &json!("0.5")));
    assert!(same_scalar(&json!(true), &json!(1)));
    assert!(same_scalar(&json!("TRUE"), &json!(true)));
    assert!(!same_scalar(&json!(1), &json!(1.5)));
    assert!(!same_scalar(&json!("x"), &json!(0)));
}

/// Per product: actions, request examples and response examples.
type Counts = BTreeMap<(String, String), [usize; 3]>;

/// The examples `spec/` holds, counted from its files as JSON, apart from the
/// generator's loader that the round trip goes through: every action file
/// of every product, with its examples, or its overlay's where the overlay
/// replaces them (as an overlay's `examples` does).
fn examples_in_spec(vendor_name: &str) -> Counts {
    let spec = xtask::workspace_root().join("spec");
    let read = |path: &Path| -> Value {
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let dirs = |dir: &Path| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        found.sort();
        found
    };
    let name = |path: &Path| path.file_name().unwrap().to_string_lossy().into_owned();
    let mut counts = Counts::new();
    for vendor in dirs(&spec)
        .into_iter()
        .filter(|d| d.join("vendor.json").is_file() && name(d) == vendor_name)
    {
        for product in dirs(&vendor)
            .into_iter()
            .filter(|d| d.join("service.json").is_file())
        {
            let count = counts.entry((name(&vendor), name(&product))).or_default();
            for file in dirs(&product.join("actions")) {
                let overlay = product.join("overlay/actions").join(name(&file));
                let replaced = overlay
                    .is_file()
                    .then(|| read(&overlay)["examples"].clone())
                    .filter(|e| !e.is_null());
                let examples = replaced.unwrap_or_else(|| read(&file)["examples"].clone());
                let examples = examples.as_array().cloned().unwrap_or_default();
                count[0] += 1;
                count[1] += examples.iter().filter(|e| !e["request"].is_null()).count();
                count[2] += examples.len();
            }
        }
    }
    counts
}

/// Each request example decodes and encodes back to itself, each response
/// example decodes with its values; and every example of `vendor`'s files
/// went through.
pub fn every_documented_example_round_trips_through_its_types(
    vendor: &str,
    operations: &[Operation],
) {
    let mut failures = Vec::new();
    // Per product, what round-tripped: actions, requests, responses.
    let mut round_tripped = Counts::new();
    for ((vendor, product), action, _) in spec_actions(vendor) {
        let operation = operation(operations, &vendor, &product, &action.name);
        let count = round_tripped
            .entry((vendor.clone(), product.clone()))
            .or_default();
        count[0] += 1;
        for (i, example) in action.examples.iter().enumerate() {
            let at = format!("{vendor}/{product} {} example {}", action.name, i + 1);
            if let Some(request) = &example.request {
                let check = (operation.request)(request).and_then(|encoded| {
                    holds(request, &encoded, "request")?;
                    holds(&encoded, request, "request (encoded)")
                });
                match check {
                    Ok(()) => count[1] += 1,
                    Err(e) => failures.push(format!("{at}: {e}")),
                }
            }
            let check = (operation.response)(&example.response)
                .and_then(|decoded| holds(&example.response, &decoded, "response"));
            match check {
                Ok(()) => count[2] += 1,
                Err(e) => failures.push(format!("{at}: {e}")),
            }
        }
    }
    for ((vendor, product), [actions, requests, responses]) in &round_tripped {
        eprintln!(
            "{vendor}/{product}: {actions} actions, {requests} request and {responses} response examples round-tripped"
        );
    }
    assert!(
        failures.is_empty(),
        "{} examples do not round-trip:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every example spec/ holds went through, product by product: none
    // dropped on the way in, none skipped.
    let in_spec = examples_in_spec(vendor);
    assert!(
        in_spec
            .values()
            .map(|[_, _, responses]| responses)
            .sum::<usize>()
            > 0,
        "spec/ holds no examples: {in_spec:?}"
    );
    assert_eq!(
        round_tripped, in_spec,
        "[actions, request examples, response examples] per product: round-tripped, then in spec/"
    );
    assert_eq!(
        round_tripped
            .values()
            .map(|[actions, _, _]| actions)
            .sum::<usize>(),
        operations.len(),
        "one generated entry per spec action"
    );
}

/// A request for `action`: its first documented one, else one made of the
/// example values its fields document (where a required field documents
/// none, the simplest value of its type, structures built member by member).
fn example_request(action: &ActionFile, shapes: &Shapes) -> (Value, Vec<String>) {
    if let Some(request) = action.examples.iter().find_map(|e| e.request.clone()) {
        return (request, Vec::new());
    }
    let mut made_up = Vec::new();
    let mut request = Map::new();
    for field in &action.input {
        match (&field.example, field.required) {
            (Some(example), _) => {
                request.insert(field.name.clone(), example.clone());
            }
            (None, true) => {
                request.insert(field.name.clone(), simplest(field, shapes, 0));
                made_up.push(field.name.clone());
            }
            (None, false) => {}
        }
    }
    (Value::Object(request), made_up)
}

/// The simplest value `field` accepts: its first documented value, one item
/// of a list, a structure of its required members (or, if none is required,
/// its first), `1`, `false`, an empty object for any JSON value, or text.
fn simplest(field: &FieldSpec, shapes: &Shapes, depth: usize) -> Value {
    if let Some(set) = &field.value_set
        && let Some(first) = set.values.first()
    {
        return match &field.ty {
            TypeExpr::Array(_) => json!([first.value]),
            _ => first.value.clone(),
        };
    }
    of_type(&field.ty, shapes, depth)
}

fn of_type(ty: &TypeExpr, shapes: &Shapes, depth: usize) -> Value {
    match ty {
        TypeExpr::Array(inner) => json!([of_type(inner, shapes, depth + 1)]),
        TypeExpr::Ref(name) => match shapes.get(name) {
            Some(shape) if depth < 6 => structure(shape, shapes, depth + 1),
            _ => json!({}),
        },
        TypeExpr::Scalar(s) if s.is_integer() => json!(1),
        TypeExpr::Scalar(Scalar::Boolean) => json!(false),
        TypeExpr::Scalar(Scalar::Float) => json!(1.0),
        // Any JSON value: an object, which a member sent as JSON text
        // (`encoding: json`) carries as such; text would be sent as written.
        TypeExpr::Json => json!({}),
        _ => json!("example"),
    }
}

/// A value of a shape: an enum's first value, or an object of its members'
/// examples and of made-up values for the required ones.
fn structure(shape: &ShapeFile, shapes: &Shapes, depth: usize) -> Value {
    if let Some(first) = shape.values.as_ref().and_then(|v| v.first()) {
        return first.value.clone();
    }
    let fields = shape.fields.as_deref().unwrap_or_default();
    let mut object = Map::new();
    for field in fields {
        match (&field.example, field.required) {
            (Some(example), _) if !matches!(field.ty, TypeExpr::Array(_)) => {
                object.insert(field.name.clone(), example.clone());
            }
            (_, true) => {
                object.insert(field.name.clone(), simplest(field, shapes, depth));
            }
            _ => {}
        }
    }
    if object.is_empty()
        && let Some(first) = fields.first()
    {
        object.insert(first.name.clone(), simplest(first, shapes, depth));
    }
    Value::Object(object)
}

/// The loopback server answers each action of `vendor`, called through the
/// generated client, with its example answer, which the client decodes.
pub async fn every_action_answers_its_example_through_the_loopback_server(
    vendor: &str,
    operations: &[Operation],
) {
    // Requests made of field examples name resources the server never
    // created; this test is about each action's request and answer.
    let server = Server::start_with(ServerConfig::new().track_resources(false))
        .await
        .unwrap();
    let mut failures = Vec::new();
    let mut made_up = Vec::new();
    let mut answered = 0;
    for ((vendor, product), action, shapes) in spec_actions(vendor) {
        let operation = operation(operations, &vendor, &product, &action.name);
        let at = format!("{vendor}/{product} {}", action.name);
        let (request, invented) = example_request(&action, &shapes);
        if !invented.is_empty() {
            made_up.push(format!("{at}: {}", invented.join(", ")));
        }
        let mut expected = action
            .examples
            .iter()
            .map(|e| &e.response)
            .next()
            .cloned()
            .unwrap_or(Value::Null);
        // The server answers with a fresh request ID each time.
        if let Some(answer) = expected.as_object_mut() {
            answer.remove("RequestId");
        }
        match (operation.call)(&server, request).await {
            Ok(decoded) => match holds(&expected, &decoded, "response") {
                Ok(()) => answered += 1,
                Err(e) => failures.push(format!("{at}: {e}")),
            },
            Err(e) => failures.push(format!("{at}: {e}")),
        }
    }
    eprintln!(
        "{answered} actions answered their example; {} requests needed a made-up value for a required field without a documented example:\n  {}",
        made_up.len(),
        made_up.join("\n  ")
    );
    let refusals: Vec<String> = server.refusals().iter().map(|r| r.to_string()).collect();
    assert!(
        failures.is_empty() && refusals.is_empty(),
        "{} actions failed:\n{}\nrefused by the server:\n{}",
        failures.len(),
        failures.join("\n"),
        refusals.join("\n")
    );
    assert_eq!(answered, operations.len());
}
