//! The `type` of a field: `"string"`, `"json"`, `{"array": T}` or `{"ref": "Shape"}`.
//!
//! Deserialized by hand because serde's untagged enums only say "did not
//! match any variant"; a maintainer needs to hear which forms are allowed.
//! Serialized by hand to the same forms.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A scalar wire type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// UTF-8 text.
    String,
    /// Signed 64-bit integer.
    Int64,
    /// Unsigned 64-bit integer.
    Uint64,
    /// 64-bit floating point number.
    Float,
    /// `true` or `false`.
    Boolean,
    /// A date as text, `YYYY-MM-DD`.
    Date,
    /// A date and time as text, `YYYY-MM-DD hh:mm:ss`.
    DateTime,
    /// A date and time as text in ISO 8601 with offset.
    DateTimeIso,
    /// Binary data as base64 text.
    Binary,
}

impl Scalar {
    /// Every scalar with its spelling in spec files.
    pub const ALL: [(Scalar, &'static str); 9] = [
        (Scalar::String, "string"),
        (Scalar::Int64, "int64"),
        (Scalar::Uint64, "uint64"),
        (Scalar::Float, "float"),
        (Scalar::Boolean, "boolean"),
        (Scalar::Date, "date"),
        (Scalar::DateTime, "datetime"),
        (Scalar::DateTimeIso, "datetime_iso"),
        (Scalar::Binary, "binary"),
    ];

    /// Parses the spelling used in spec files.
    pub fn from_name(name: &str) -> Option<Scalar> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(s, _)| *s)
    }

    /// The spelling used in spec files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map(|(_, n)| *n)
            .unwrap_or("string")
    }

    /// Whether values travel as JSON strings.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Scalar::String | Scalar::Date | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Binary
        )
    }

    /// Whether values are integers.
    pub fn is_integer(self) -> bool {
        matches!(self, Scalar::Int64 | Scalar::Uint64)
    }
}

/// The type of a field as written in a spec file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeExpr {
    /// A scalar such as `"string"`.
    Scalar(Scalar),
    /// `"json"`: any JSON value, where the vendor documents no structure
    /// (Alibaba's `any`, an object without documented properties); the
    /// value is kept as it arrives, never dropped or coerced.
    Json,
    /// `{"array": T}`: zero or more values of `T` (the docs' `.N` suffix).
    Array(Box<TypeExpr>),
    /// `{"ref": "Shape"}`: a shared shape of the same product.
    Ref(String),
}

impl TypeExpr {
    /// The spelling of [`TypeExpr::Json`] in spec files.
    pub const JSON: &'static str = "json";

    /// The innermost non-array type.
    pub fn element(&self) -> &TypeExpr {
        match self {
            TypeExpr::Array(inner) => inner.element(),
            other => other,
        }
    }
}

/// The spelling used in spec files, e.g. `"int64"` or `{"array": {"ref": "Tags"}}`.
impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Scalar(s) => write!(f, "\"{}\"", s.name()),
            TypeExpr::Json => write!(f, "\"{}\"", TypeExpr::JSON),
            TypeExpr::Array(inner) => write!(f, "{{\"array\": {inner}}}"),
            TypeExpr::Ref(name) => write!(f, "{{\"ref\": \"{name}\"}}"),
        }
    }
}

impl Serialize for TypeExpr {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            TypeExpr::Scalar(s) => serializer.serialize_str(s.name()),
            TypeExpr::Json => serializer.serialize_str(TypeExpr::JSON),
            TypeExpr::Array(inner) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("array", inner)?;
                map.end()
            }
            TypeExpr::Ref(name) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("ref", name)?;
                map.end()
            }
        }
    }
}

const EXPECTED: &str = "a scalar type name (string, int64, uint64, float, boolean, date, datetime, \
     datetime_iso, binary), \"json\" (any JSON value), {\"array\": <type>} or {\"ref\": \"<ShapeName>\"}";

impl<'de> Deserialize<'de> for TypeExpr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TypeExprVisitor)
    }
}

struct TypeExprVisitor;

impl<'de> Visitor<'de> for TypeExprVisitor {
    type Value = TypeExpr;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<TypeExpr, E> {
        if name == TypeExpr::JSON {
            return Ok(TypeExpr::Json);
        }
        Scalar::from_name(name)
            .map(TypeExpr::Scalar)
            .ok_or_else(|| E::custom(format_args!("unknown type `{name}`, expected {EXPECTED}")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TypeExpr, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::custom(format_args!(
                "empty object, expected {EXPECTED}"
            )));
        };
        let expr = match key.as_str() {
            "array" => TypeExpr::Array(Box::new(map.next_value::<TypeExpr>()?)),
            "ref" => {
                let name: String = map.next_value()?;
                TypeExpr::Ref(name)
            }
            other => {
                return Err(de::Error::custom(format_args!(
                    "unknown key `{other}` in a type, expected {EXPECTED}"
                )));
            }
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format_args!(
                "unexpected second key `{extra}` in a type, expected exactly one of `array` or `ref`"
            )));
        }
        Ok(expr)
    }
}

impl JsonSchema for TypeExpr {
    fn schema_name() -> Cow<'static, str> {
        "TypeExpr".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let scalars: Vec<&str> = Scalar::ALL.iter().map(|(_, n)| *n).collect();
        json_schema!({
            "description": "A scalar type name, \"json\", {\"array\": <type>} or {\"ref\": \"<ShapeName>\"}.",
            "oneOf": [
                { "type": "string", "enum": scalars },
                {
                    "const": TypeExpr::JSON,
                    "description": "Any JSON value, where the vendor documents no structure (Alibaba's `any`, an object without documented properties); generated as `serde_json::Value`."
                },
                {
                    "type": "object",
                    "properties": { "array": { "$ref": "#/$defs/TypeExpr" } },
                    "required": ["array"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "ref": { "type": "string", "description": "Name of a shape in the product's types/ folder." } },
                    "required": ["ref"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<TypeExpr, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn parses_every_form() {
        assert_eq!(parse("\"int64\""), Ok(TypeExpr::Scalar(Scalar::Int64)));
        assert_eq!(parse("\"json\""), Ok(TypeExpr::Json));
        assert_eq!(
            parse(r#"{"array": "json"}"#),
            Ok(TypeExpr::Array(Box::new(TypeExpr::Json)))
        );
        assert_eq!(
            parse(r#"{"array": {"ref": "Tags"}}"#),
            Ok(TypeExpr::Array(Box::new(TypeExpr::Ref("Tags".into()))))
        );
    }

    #[test]
    fn displays_as_written() {
        let json = r#"{"array": {"ref": "Tags"}}"#;
        assert_eq!(parse(json).unwrap().to_string(), json);
        assert_eq!(TypeExpr::Scalar(Scalar::Boolean).to_string(), "\"boolean\"");
        assert_eq!(TypeExpr::Json.to_string(), "\"json\"");
    }

    #[test]
    fn serializes_as_written() {
        for json in [
            r#""int64""#,
            r#""json""#,
            r#"{"array":"json"}"#,
            r#"{"array":{"ref":"Tags"}}"#,
            r#"{"ref":"X"}"#,
        ] {
            let parsed = parse(json).unwrap();
            assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
        }
    }

    #[test]
    fn errors_say_what_is_allowed() {
        let err = parse("\"strng\"").unwrap_err();
        assert!(err.contains("unknown type `strng`"), "{err}");
        assert!(err.contains("{\"array\": <type>}"), "{err}");
        assert!(err.contains("\"json\" (any JSON value)"), "{err}");
        let err = parse(r#"{"array": "int64", "ref": "X"}"#).unwrap_err();
        assert!(err.contains("second key `ref`"), "{err}");
        let err = parse("42").unwrap_err();
        assert!(err.contains("expected a scalar type name"), "{err}");
    }
}
