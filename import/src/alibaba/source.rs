//! The top level of an `api-docs.json`, and tolerant readers for its values.
//!
//! The metadata is loosely typed: `required` may be `true` or `"true"`,
//! limits and defaults are often strings (`"minimum": "1"`), enum values of
//! integer parameters are strings. Everything below the top level is read
//! through these helpers as `serde_json::Value`, so one odd value costs one
//! field (reported as unmapped), never the whole import.

use codegen::load::type_expr::Scalar;
use serde_json::{Map, Value};

use crate::error::ImportError;
use crate::text::{Dialect, Layout};

/// Used where the vendor gives no text: our validator rejects empty descriptions.
pub(super) const NO_DESCRIPTION: &str = "No description.";

/// How the metadata's descriptions are written: Markdown with site-specific
/// extras (links to document IDs `[text](~~123~~)`, `<props="china">`).
pub(super) const DOCS: Dialect = Dialect {
    layout: Layout::Markdown,
    no_description: NO_DESCRIPTION,
};

/// The JSON document in `input`; `file_name` names it in the error.
pub(super) fn parse_json(file_name: &str, input: &str) -> Result<Value, ImportError> {
    serde_json::from_str(input)
        .map_err(|e| ImportError::format(file_name, "$", format!("a JSON document ({e})")))
}

/// The parts of the file the importer needs.
pub(super) struct ApiDocs<'a> {
    /// ROA-style (REST): each action has a method and path, members travel
    /// in the path, query, headers or body.
    pub rest: bool,
    /// `info.product` as spelled by the vendor, e.g. `cas` or `Ecs`.
    pub product: &'a str,
    /// `info.version`, e.g. `2020-04-07`.
    pub version: &'a str,
    /// `apis`, by action name.
    pub apis: &'a Map<String, Value>,
    /// `components.schemas`, the targets of `$ref`.
    pub components: Map<String, Value>,
    /// `endpoints` as (region, host) pairs, in file order.
    pub endpoints: Vec<(String, String)>,
}

/// Checks the top level of `root` and picks out its parts; `file` names it in errors.
pub(super) fn parse<'a>(file: &str, root: &'a Value) -> Result<ApiDocs<'a>, ImportError> {
    let info = root.get("info").and_then(Value::as_object).ok_or_else(|| {
        ImportError::format(file, "$.info", "an object with style, product and version")
    })?;
    let style = info
        .get("style")
        .and_then(Value::as_str)
        .unwrap_or_default();
    // `FC` is Function Compute's name for its own variant of ROA: the same
    // paths, members and signature.
    let rest = match style {
        "RPC" => false,
        "ROA" | "FC" => true,
        _ => {
            return Err(ImportError::format(
                file,
                "$.info.style",
                format!(
                    "\"RPC\", \"ROA\" or \"FC\": the styles that map to the acs3-hmac-sha256-rpc and \
                     acs3-hmac-sha256-roa protocols; a {style:?}-style product signs or sends its requests otherwise"
                ),
            ));
        }
    };
    let product = text(info.get("product"))
        .ok_or_else(|| ImportError::format(file, "$.info.product", "a non-empty product name"))?;
    let version = text(info.get("version"))
        .ok_or_else(|| ImportError::format(file, "$.info.version", "a non-empty API version"))?;
    let apis = root
        .get("apis")
        .and_then(Value::as_object)
        .ok_or_else(|| ImportError::format(file, "$.apis", "an object of actions by name"))?;
    let components = root
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let endpoints = root
        .get("endpoints")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|e| {
                    Some((
                        text(e.get("regionId"))?.to_string(),
                        text(e.get("endpoint"))?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(ApiDocs {
        rest,
        product,
        version,
        apis,
        components,
        endpoints,
    })
}

/// A string value, trimmed; `None` when absent or blank.
pub(super) fn text(value: Option<&Value>) -> Option<&str> {
    value
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// `true`, `"true"` (any case) → true; everything else false.
pub(super) fn flag(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// An integer written as a number or as a string (`"60"`).
pub(super) fn integer(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A non-negative integer (lengths, item counts).
pub(super) fn count(value: Option<&Value>) -> Option<u64> {
    integer(value).and_then(|n| u64::try_from(n).ok())
}

/// A value converted to the JSON type of the scalar it documents, for
/// `example` and `default`; `None` when it does not fit (`"abc"` for an integer).
pub(super) fn typed(value: Option<&Value>, scalar: Scalar) -> Option<Value> {
    let value = value?;
    let as_text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    if as_text.is_empty() {
        return None;
    }
    match scalar {
        Scalar::Int64 => integer(Some(value)).map(Value::from),
        Scalar::Float => as_text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Scalar::Boolean => match as_text.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => Some(Value::String(match value {
            Value::String(s) => s.clone(),
            _ => as_text,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_loose_values() {
        assert!(flag(Some(&json!("True"))));
        assert!(!flag(Some(&json!(1))));
        assert_eq!(integer(Some(&json!("60"))), Some(60));
        assert_eq!(integer(Some(&json!(3.0))), Some(3));
        assert_eq!(count(Some(&json!(-1))), None);
        assert_eq!(
            typed(Some(&json!("98987582437920968")), Scalar::Int64),
            Some(json!(98987582437920968_i64))
        );
        assert_eq!(typed(Some(&json!("abc")), Scalar::Int64), None);
        assert_eq!(
            typed(Some(&json!("false")), Scalar::Boolean),
            Some(json!(false))
        );
        assert_eq!(typed(Some(&json!(12)), Scalar::String), Some(json!("12")));
    }

    #[test]
    fn rejects_other_styles() {
        let root = json!({"info": {"style": "OSS", "product": "x", "version": "1"}, "apis": {}});
        let err = parse("f.json", &root)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("$.info.style"), "{err}");
    }
}
