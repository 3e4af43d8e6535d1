//! The request's members, from the options (`--Limit 10`, `--Tags '[…]'`)
//! over `--cli-input-json`; and the skeleton `--generate-cli-skeleton` prints.
//!
//! Option values are read by the member's type: numbers and booleans as
//! such, structures and lists as JSON, a list of plain values also one value
//! per option. Whether the result fits the spec is [`check`](crate::check)'s job.

use std::io::Read;

use clap::ArgMatches;
use codegen::model::{Action, Field, Scalar, Ty};
use serde_json::{Map, Value, json};

use crate::command::{member_id, option_name};
use crate::describe::{self, Scope};
use crate::failure::Failure;

/// The members given, as a JSON object with wire names.
pub fn members(matches: &ArgMatches, scope: Scope) -> Result<Map<String, Value>, Failure> {
    let mut members = match matches.get_one::<String>("cli-input-json") {
        Some(source) => from_json_file(source)?,
        None => Map::new(),
    };
    for field in &scope.action.input {
        let Ok(Some(given)) = matches.try_get_raw(&member_id(field)) else {
            continue;
        };
        let option = option_name(field);
        let texts = given
            .map(|t| from_file(&t.to_string_lossy()))
            .collect::<Result<Vec<String>, String>>()
            .map_err(|problem| Failure::Usage(format!("--{option}: {problem}")))?;
        let value = option_value(scope, field, &texts)
            .map_err(|problem| Failure::Usage(format!("--{option}: {problem}")))?;
        members.insert(field.wire_name.clone(), value);
    }
    Ok(members)
}

/// An option's text, or the contents of the file it names as `file://PATH`
/// (a certificate or a private key, kept out of the command line, where
/// other users' `ps` and the shell's history would see it).
fn from_file(text: &str) -> Result<String, String> {
    match text.strip_prefix("file://") {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}")),
        None => Ok(text.to_owned()),
    }
}

fn from_json_file(source: &str) -> Result<Map<String, Value>, Failure> {
    let text = if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("--cli-input-json -: {e}")))?;
        text
    } else {
        std::fs::read_to_string(source)
            .map_err(|e| Failure::Usage(format!("--cli-input-json {source}: {e}")))?
    };
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Failure::Usage(format!(
            "--cli-input-json {source}: expected a JSON object of members"
        ))),
        Err(e) => Err(Failure::Usage(format!("--cli-input-json {source}: {e}"))),
    }
}

/// The value of one member from the texts given for it.
fn option_value(scope: Scope, field: &Field, texts: &[String]) -> Result<Value, String> {
    match &field.ty {
        Ty::Array(inner) if matches!(**inner, Ty::Scalar(_) | Ty::Enum { .. }) => {
            // `--Ids a --Ids b`, or `--Ids '["a","b"]'`.
            if let [one] = texts
                && one.trim_start().starts_with('[')
            {
                return json_text(one);
            }
            texts
                .iter()
                .map(|t| plain(scope, inner, t))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        ty => {
            let text = texts.last().map(String::as_str).unwrap_or_default();
            plain(scope, ty, text)
        }
    }
}

/// One value of type `ty` written on the command line.
fn plain(scope: Scope, ty: &Ty, text: &str) -> Result<Value, String> {
    match ty {
        Ty::Scalar(Scalar::Int64) => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("expected an integer, found `{text}`")),
        Ty::Scalar(Scalar::Uint64) => text
            .parse::<u64>()
            .map(Value::from)
            .map_err(|_| format!("expected an integer of 0 or more, found `{text}`")),
        Ty::Scalar(Scalar::Float) => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("expected a number, found `{text}`")),
        Ty::Scalar(Scalar::Boolean) => match text.to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("expected true or false, found `{text}`")),
        },
        Ty::Scalar(_) => Ok(Value::String(text.to_owned())),
        Ty::Enum { ident, .. } => match scope.enum_def(ident).map(|d| d.repr) {
            Some(codegen::model::EnumRepr::Integer) => text
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| format!("expected an integer, found `{text}`")),
            _ => Ok(Value::String(text.to_owned())),
        },
        // Any JSON; a bare word is taken as a string.
        Ty::Json => Ok(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.into()))),
        Ty::Array(_) | Ty::Object(_) => json_text(text),
    }
}

fn json_text(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("expected JSON: {e}"))
}

/// Every member of the action with a placeholder of its type, nested
/// structures expanded: what `--generate-cli-skeleton` prints.
pub fn skeleton(scope: Scope, action: &Action) -> Value {
    Value::Object(fields_skeleton(scope, &action.input, 0))
}

fn fields_skeleton(scope: Scope, fields: &[Field], depth: usize) -> Map<String, Value> {
    fields
        .iter()
        .filter(|f| !f.hidden)
        .map(|f| (f.wire_name.clone(), placeholder(scope, &f.ty, depth)))
        .collect()
}

fn placeholder(scope: Scope, ty: &Ty, depth: usize) -> Value {
    match ty {
        Ty::Array(inner) => json!([placeholder(scope, inner, depth)]),
        Ty::Object(ident) if depth < 8 => match scope.object(ident) {
            Some(object) => Value::Object(fields_skeleton(scope, &object.fields, depth + 1)),
            None => json!({}),
        },
        Ty::Enum { ident, .. } => match scope.enum_def(ident) {
            Some(def) => Value::String(describe::values(def).join(" | ")),
            None => Value::String("string".into()),
        },
        other => Value::String(describe::type_name(scope, other)),
    }
}
