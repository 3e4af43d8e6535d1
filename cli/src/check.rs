//! The request checked against the spec before anything is sent: unknown
//! and missing members, types, value sets and documented limits, at any
//! depth, each problem naming the member by its path (`Tags[1].TagKey`).
//!
//! Value sets are closed here, unlike in the generated types (which keep an
//! undocumented value a server sends): a value a person types that the
//! vendor does not document is most likely a typo.

use codegen::model::{Constraints, EnumRepr, Field, Scalar, Ty};
use serde_json::{Map, Value};

use crate::describe::{self, Scope};

/// Every problem of `members` for the action of `scope`; empty if none.
pub fn problems(scope: Scope, members: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    object(scope, &scope.action.input, members, "", &mut problems);
    problems
}

fn object(
    scope: Scope,
    fields: &[Field],
    members: &Map<String, Value>,
    path: &str,
    problems: &mut Vec<String>,
) {
    let at = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    for name in members.keys() {
        if !fields.iter().any(|f| &f.wire_name == name) {
            let known: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
            let near = known
                .iter()
                .find(|k| k.eq_ignore_ascii_case(name))
                .map(|k| format!(" (did you mean {k}?)"))
                .unwrap_or_default();
            problems.push(format!("{}: not a member{near}", at(name)));
        }
    }
    for field in fields {
        match members.get(&field.wire_name) {
            None | Some(Value::Null) if field.required && !field.idempotency_token => {
                problems.push(format!("{}: required", at(&field.wire_name)));
            }
            None | Some(Value::Null) => {}
            Some(value) => member(
                scope,
                field,
                &field.ty,
                value,
                &at(&field.wire_name),
                problems,
            ),
        }
    }
}

fn member(
    scope: Scope,
    field: &Field,
    ty: &Ty,
    value: &Value,
    path: &str,
    problems: &mut Vec<String>,
) {
    let mut fail = |problem: String| problems.push(format!("{path}: {problem}"));
    match (ty, value) {
        (Ty::Json, _) => {}
        (Ty::Array(inner), Value::Array(items)) => {
            let c = &field.constraints;
            let count = items.len() as u64;
            if c.min_items.is_some_and(|min| count < min)
                || c.max_items.is_some_and(|max| count > max)
            {
                fail(format!("{count} items; {}", limits_text(c)));
            }
            for (i, item) in items.iter().enumerate() {
                // Tencent numbers lists from 0, Alibaba's wire from 1; a path is JSON's.
                member(scope, field, inner, item, &format!("{path}[{i}]"), problems);
            }
        }
        (Ty::Object(ident), Value::Object(members)) => match scope.object(ident) {
            Some(shape) => object(scope, &shape.fields, members, path, problems),
            None => fail(format!("the spec has no structure {ident}")),
        },
        (Ty::Enum { ident, .. }, value) => {
            let Some(def) = scope.enum_def(ident) else {
                return;
            };
            let text = match (def.repr, value) {
                (EnumRepr::String, Value::String(s)) => s.clone(),
                (EnumRepr::Integer, Value::Number(n)) if n.is_i64() => n.to_string(),
                (EnumRepr::String, other) => {
                    return fail(format!("expected a string, found {}", kind(other)));
                }
                (EnumRepr::Integer, other) => {
                    return fail(format!("expected an integer, found {}", kind(other)));
                }
            };
            let values = describe::values(def);
            if !values.contains(&text) {
                fail(format!("`{text}` is not one of {}", values.join(", ")));
            }
        }
        (Ty::Scalar(scalar), value) => {
            if let Some(problem) = scalar_problem(*scalar, value, &field.constraints) {
                fail(problem);
            }
        }
        (expected, found) => fail(format!(
            "expected {}, found {}",
            describe::type_name(scope, expected),
            kind(found)
        )),
    }
}

fn scalar_problem(scalar: Scalar, value: &Value, c: &Constraints) -> Option<String> {
    match (scalar, value) {
        (Scalar::Int64, Value::Number(n)) if n.is_i64() => range(n.as_i64(), c),
        (Scalar::Uint64, Value::Number(n)) if n.is_u64() => {
            range(n.as_u64().and_then(|n| i64::try_from(n).ok()), c)
        }
        (Scalar::Float, Value::Number(_)) | (Scalar::Boolean, Value::Bool(_)) => None,
        (
            Scalar::String | Scalar::Date | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Binary,
            Value::String(text),
        ) => text_problem(text, c),
        (Scalar::Int64 | Scalar::Uint64, other) => {
            Some(format!("expected an integer, found {}", kind(other)))
        }
        (Scalar::Float, other) => Some(format!("expected a number, found {}", kind(other))),
        (Scalar::Boolean, other) => Some(format!("expected true or false, found {}", kind(other))),
        (_, other) => Some(format!("expected a string, found {}", kind(other))),
    }
}

fn range(n: Option<i64>, c: &Constraints) -> Option<String> {
    let n = n?;
    let out = c.minimum.is_some_and(|min| n < min) || c.maximum.is_some_and(|max| n > max);
    out.then(|| format!("{n} is out of range; {}", limits_text(c)))
}

fn text_problem(text: &str, c: &Constraints) -> Option<String> {
    let chars = text.chars().count() as u64;
    if c.min_length.is_some_and(|min| chars < min) || c.max_length.is_some_and(|max| chars > max) {
        return Some(format!("{chars} characters; {}", limits_text(c)));
    }
    if let Some(prefix) = c
        .forbidden_prefixes
        .iter()
        .find(|p| text.starts_with(p.as_str()))
    {
        return Some(format!("must not start with `{prefix}`"));
    }
    if let Some(part) = c
        .forbidden_substrings
        .iter()
        .find(|p| text.contains(p.as_str()))
    {
        return Some(format!("must not contain `{part}`"));
    }
    None
}

fn limits_text(c: &Constraints) -> String {
    format!("the spec allows {}", describe::limits(c).join(", "))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Members the vendor sends as JSON text, given as that text (Alibaba's
/// own form, in an input file), read as the JSON they hold, so that they
/// are checked like any other.
pub fn json_text_read(fields: &[Field], members: &mut Map<String, Value>) {
    for field in fields.iter().filter(|f| f.json_text) {
        if let Some(value) = members.get_mut(&field.wire_name)
            && let Value::String(text) = value
            && let Ok(parsed) = serde_json::from_str::<Value>(text)
            && (parsed.is_array() || parsed.is_object())
        {
            *value = parsed;
        }
    }
}

/// The members as the wire takes them: a member the vendor sends as JSON
/// text (Alibaba's `style: json`) becomes that text, at any depth.
pub fn wire_form(scope: Scope, fields: &[Field], members: &mut Map<String, Value>) {
    for field in fields {
        let Some(value) = members.get_mut(&field.wire_name) else {
            continue;
        };
        if let (Ty::Object(ident), Value::Object(inner)) = (&field.ty, &mut *value)
            && let Some(shape) = scope.object(ident)
        {
            wire_form(scope, &shape.fields, inner);
        }
        if let (Ty::Array(inner_ty), Value::Array(items)) = (&field.ty, &mut *value)
            && let Ty::Object(ident) = &**inner_ty
            && let Some(shape) = scope.object(ident)
        {
            for item in items.iter_mut() {
                if let Value::Object(inner) = item {
                    wire_form(scope, &shape.fields, inner);
                }
            }
        }
        if field.json_text && !value.is_string() {
            *value = Value::String(value.to_string());
        }
    }
}
