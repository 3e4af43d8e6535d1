//! Fields, their types and constraints, and shared shapes, as the server checks them.

use serde_json::Value;

use super::location::Location;

/// A field's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    String,
    Int64,
    Uint64,
    Float,
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD hh:mm:ss`.
    DateTime,
    /// ISO 8601 with an offset, e.g. `2026-12-01T08:00:00+08:00`.
    DateTimeIso,
    /// Base64 text.
    Binary,
    /// Any JSON value (`"json"`): accepted as it comes.
    Json,
    Array(Box<Ty>),
    /// A shape of the same product.
    Ref(String),
}

impl Ty {
    /// Parses `"string"`, `"json"`, `{"array": T}` or `{"ref": "Shape"}`.
    pub(crate) fn parse(value: &Value) -> Option<Ty> {
        match value {
            Value::String(name) => Some(match name.as_str() {
                "string" => Ty::String,
                "int64" => Ty::Int64,
                "uint64" => Ty::Uint64,
                "float" => Ty::Float,
                "boolean" => Ty::Boolean,
                "date" => Ty::Date,
                "datetime" => Ty::DateTime,
                "datetime_iso" => Ty::DateTimeIso,
                "binary" => Ty::Binary,
                "json" => Ty::Json,
                _ => return None,
            }),
            Value::Object(map) if map.len() == 1 => {
                if let Some(inner) = map.get("array") {
                    Ty::parse(inner).map(|t| Ty::Array(Box::new(t)))
                } else {
                    map.get("ref")?.as_str().map(|s| Ty::Ref(s.to_owned()))
                }
            }
            _ => None,
        }
    }

    /// What a value of this type is, for messages: `a string`, `an integer`.
    pub(crate) fn noun(&self) -> &'static str {
        match self {
            Ty::String | Ty::Binary => "a string",
            Ty::Int64 => "an integer",
            Ty::Uint64 => "a non-negative integer",
            Ty::Float => "a number",
            Ty::Boolean => "a boolean",
            Ty::Date => "a date (YYYY-MM-DD)",
            Ty::DateTime => "a date and time (YYYY-MM-DD hh:mm:ss)",
            Ty::DateTimeIso => "an ISO 8601 date and time with offset",
            Ty::Json => "a JSON value",
            Ty::Array(_) => "a list",
            Ty::Ref(_) => "an object",
        }
    }
}

/// Documented limits of a field.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Constraints {
    pub(crate) min_length: Option<u64>,
    pub(crate) max_length: Option<u64>,
    pub(crate) min_items: Option<u64>,
    pub(crate) max_items: Option<u64>,
    pub(crate) minimum: Option<i64>,
    pub(crate) maximum: Option<i64>,
    pub(crate) forbidden_prefixes: Vec<String>,
    pub(crate) forbidden_substrings: Vec<String>,
}

impl Constraints {
    fn parse(value: Option<&Value>) -> Constraints {
        let Some(c) = value else {
            return Constraints::default();
        };
        let strings = |key: &str| -> Vec<String> {
            c.get(key)
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        Constraints {
            min_length: c.get("min_length").and_then(Value::as_u64),
            max_length: c.get("max_length").and_then(Value::as_u64),
            min_items: c.get("min_items").and_then(Value::as_u64),
            max_items: c.get("max_items").and_then(Value::as_u64),
            minimum: c.get("minimum").and_then(Value::as_i64),
            maximum: c.get("maximum").and_then(Value::as_i64),
            forbidden_prefixes: strings("forbidden_prefixes"),
            forbidden_substrings: strings("forbidden_substrings"),
        }
    }
}

/// A parameter, an output field or a member of a shape.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Field {
    /// The wire name.
    pub(crate) name: String,
    pub(crate) ty: Ty,
    pub(crate) required: bool,
    pub(crate) nullable: bool,
    /// The documented values when the field has a value set.
    pub(crate) values: Option<Vec<Value>>,
    pub(crate) constraints: Constraints,
    /// Sent as one parameter holding its JSON text (`encoding: json`).
    pub(crate) json_text: bool,
    /// Where the member travels in a REST action (`body` for every other field).
    pub(crate) location: Location,
}

impl Field {
    /// Parses a field object; the error says what is missing.
    pub(crate) fn parse(value: &Value) -> Result<Field, String> {
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .ok_or("a field without a string `name`")?;
        let ty = value
            .get("type")
            .and_then(Ty::parse)
            .ok_or_else(|| format!("field `{name}` has no type this server knows"))?;
        Ok(Field {
            name: name.to_owned(),
            ty,
            required: value.get("required").and_then(Value::as_bool) == Some(true),
            nullable: value.get("nullable").and_then(Value::as_bool) == Some(true),
            values: value.get("enum").and_then(|e| values(e.get("values"))),
            constraints: Constraints::parse(value.get("constraints")),
            json_text: value.get("encoding").and_then(Value::as_str) == Some("json"),
            location: Location::parse(value.get("location"))
                .map_err(|e| format!("field `{name}`: {e}"))?,
        })
    }

    /// Parses a list of field objects (`input`, `output`, `fields`); absent is empty.
    pub(crate) fn parse_list(value: Option<&Value>) -> Result<Vec<Field>, String> {
        match value {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items.iter().map(Field::parse).collect(),
            Some(_) => Err("a field list that is not a list".to_owned()),
        }
    }
}

/// The `value` of each entry of a value list.
fn values(list: Option<&Value>) -> Option<Vec<Value>> {
    let items = list?.as_array()?;
    Some(
        items
            .iter()
            .filter_map(|v| v.get("value").cloned())
            .collect(),
    )
}

/// A shared shape: an object with fields, or a value set.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shape {
    Object(Vec<Field>),
    Enum { ty: Ty, values: Vec<Value> },
}

impl Shape {
    /// Parses a shape file.
    pub(crate) fn parse(value: &Value) -> Result<Shape, String> {
        match value.get("kind").and_then(Value::as_str) {
            Some("enum") => Ok(Shape::Enum {
                ty: value.get("type").and_then(Ty::parse).unwrap_or(Ty::String),
                values: values(value.get("values")).unwrap_or_default(),
            }),
            _ => Field::parse_list(value.get("fields")).map(Shape::Object),
        }
    }
}
