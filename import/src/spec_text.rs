//! Spec values → the text of a spec file, with keys in the order a person
//! writes them (`name`, `type`, `required`, `description`, …) instead of the
//! alphabetical order of `serde_json::Value`, so imported files read like
//! hand-written ones and review diffs stay small.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

/// Key orders of the spec's objects, as the loader's structs declare them
/// (`load/raw.rs`). An object is written in the order of the first list
/// that names all its keys; the lists are ordered so that the first match
/// is the right object kind (an action has `summary`, a field has `type`…).
const KEY_ORDERS: &[&[&str]] = &[
    // vendor.json
    &["$schema", "name", "title", "description", "common_errors"],
    // service.json
    &[
        "$schema",
        "vendor",
        "product",
        "title",
        "description",
        "version",
        "protocol",
        "endpoints",
    ],
    ACTION,
    // types/*.json, and a field's value set (`enum`)
    &[
        "$schema",
        "name",
        "kind",
        "description",
        "type",
        "fields",
        "values",
    ],
    // a field
    &[
        "name",
        "type",
        "required",
        "description",
        "nullable",
        "sensitive",
        "deprecated",
        "example",
        "default",
        "enum",
        "constraints",
    ],
    // a documented value of a value set
    &["value", "name", "description"],
    // an endpoint
    &["host", "kind", "region"],
    // an error code
    &["code", "description", "http_status"],
    // a waiter and its condition
    &[
        "name",
        "description",
        "until",
        "initial_delay_ms",
        "max_delay_ms",
        "timeout_secs",
    ],
    &["field", "greater_than", "equals"],
    // constraints
    &[
        "min_length",
        "max_length",
        "min_items",
        "max_items",
        "minimum",
        "maximum",
        "forbidden_prefixes",
        "forbidden_substrings",
    ],
    // an action's documented example
    &["title", "request", "response"],
];

/// An action file. Its `example` is spec structure (title, request,
/// response); a field's `example` is vendor data.
const ACTION: &[&str] = &[
    "$schema",
    "name",
    "summary",
    "description",
    "deprecated",
    "rate_limit_per_second",
    "idempotent",
    "idempotency_note",
    "input",
    "output",
    "errors",
    "waiter",
    "example",
];

/// Values that are vendor data, not spec structure: written as they are.
const VERBATIM: &[&str] = &["example", "default", "request", "response"];

/// Spec files are written as pretty JSON with a final newline, like
/// hand-written ones.
pub fn to_spec_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(&Ordered(value)).unwrap_or_default();
    text.push('\n');
    text
}

/// A spec value serialized with its keys in [`KEY_ORDERS`] order.
struct Ordered<'a>(&'a Value);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                let order = key_order(map);
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (key, value) in ordered_entries(map, order) {
                    let structure = key == "example" && order == ACTION;
                    if VERBATIM.contains(&key.as_str()) && !structure {
                        out.serialize_entry(key, value)?;
                    } else {
                        out.serialize_entry(key, &Ordered(value))?;
                    }
                }
                out.end()
            }
            Value::Array(items) => {
                let mut out = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    out.serialize_element(&Ordered(item))?;
                }
                out.end()
            }
            scalar => scalar.serialize(serializer),
        }
    }
}

/// The key order of the kind of object `map` is.
fn key_order(map: &Map<String, Value>) -> &'static [&'static str] {
    let known = |order: &&&[&str]| {
        map.keys()
            .filter(|key| order.contains(&key.as_str()))
            .count()
    };
    // The kind that names every key; failing that, the one naming the most.
    KEY_ORDERS
        .iter()
        .find(|order| known(order) == map.len())
        .or_else(|| KEY_ORDERS.iter().max_by_key(known))
        .copied()
        .unwrap_or(&[])
}

/// The entries of `map`: known keys in `order`, then any others in their
/// existing order.
fn ordered_entries<'a>(
    map: &'a Map<String, Value>,
    order: &[&str],
) -> Vec<(&'a String, &'a Value)> {
    let rank = |key: &str| {
        order
            .iter()
            .position(|known| *known == key)
            .unwrap_or(order.len())
    };
    let mut entries: Vec<_> = map.iter().collect();
    // Stable: keys of equal rank (the unknown ones) keep their order.
    entries.sort_by_key(|(key, _)| rank(key));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(text: &str) -> Vec<String> {
        // Keys at the first level of indentation, in the order written.
        text.lines()
            .filter(|line| line.starts_with("  \"") && !line.starts_with("   "))
            .map(|line| line.trim().split('"').nth(1).unwrap().to_string())
            .collect()
    }

    #[test]
    fn objects_are_written_in_the_order_of_their_kind() {
        let action = json!({
            "waiter": null, "output": [], "name": "A", "input": [], "errors": [],
            "$schema": "s", "summary": "s", "description": "d", "idempotent": true,
            "example": {"title": "t", "request": {}, "response": {}}
        });
        assert_eq!(
            keys(&to_spec_text(&action)),
            [
                "$schema",
                "name",
                "summary",
                "description",
                "idempotent",
                "input",
                "output",
                "errors",
                "waiter",
                "example"
            ]
        );
        let field = json!({"required": false, "enum": {"name": "E", "values": []},
            "description": "d", "example": 1, "type": "int64", "name": "F", "default": 0});
        assert_eq!(
            keys(&to_spec_text(&field)),
            [
                "name",
                "type",
                "required",
                "description",
                "example",
                "default",
                "enum"
            ]
        );
        let shape = json!({"values": [], "kind": "enum", "type": "string", "name": "S", "description": "d"});
        assert_eq!(
            keys(&to_spec_text(&shape)),
            ["name", "kind", "description", "type", "values"]
        );
    }

    #[test]
    fn nested_values_are_ordered_but_vendor_data_is_kept_as_is() {
        let action = json!({
            "name": "A",
            "input": [{"type": "string", "name": "Z", "required": true, "description": "d"}],
            "example": {"title": "t", "request": {"b": 1, "a": 2}, "response": {"name": 1, "code": 2}}
        });
        let text = to_spec_text(&action);
        let field = text.find("\"name\": \"Z\"").unwrap();
        assert!(field < text.find("\"type\": \"string\"").unwrap());
        // An action's example is structure: title first. Its request and
        // response are vendor data and keep their (here alphabetical) order, even
        // where their keys look like spec keys.
        assert!(text.find("\"title\"").unwrap() < text.find("\"request\"").unwrap());
        assert!(text.find("\"a\": 2").unwrap() < text.find("\"b\": 1").unwrap());
        assert!(text.find("\"code\": 2").unwrap() < text.find("\"name\": 1").unwrap());
        let reparsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(reparsed, action, "only the order changes");
    }

    #[test]
    fn unknown_keys_come_last_in_their_order() {
        let odd = json!({"zeta": 1, "name": "A", "alpha": 2});
        assert_eq!(keys(&to_spec_text(&odd)), ["name", "alpha", "zeta"]);
    }
}
