//! One entry of `apis` → one action: parameters, response fields, errors,
//! summary, idempotency.

use serde_json::Value;

use super::errors::errors;
use super::source::{DOCS, NO_DESCRIPTION, flag, text};
use super::types::{Builder, Entry, Owner, Scope};
use crate::draft::{ActionDraft, FieldDraft, Side};
use crate::text::split_first_sentence;
use codegen::model::naming;

/// Operation types (`operationType`, `systemTags.operationType`) that only read.
pub const READ_OPERATIONS: &[&str] = &["read", "get", "list", "describe", "query"];

/// An imported action, names of its types still open.
#[derive(Debug, Clone)]
pub(super) struct ActionIr {
    pub draft: ActionDraft,
    /// Parameters documented `in: formData`, sent in the query string.
    pub form_parameters: Vec<String>,
}

/// Converts `api`, or says why the action cannot be represented.
pub(super) fn convert(builder: &mut Builder, name: &str, api: &Value) -> Result<ActionIr, String> {
    let scope = Scope::Action(name.to_string());
    let base = naming::pascal(name)?;
    let inputs = Owner {
        base: base.clone(),
        side: Side::Input,
        scope: scope.clone(),
        what: format!("action {name}, input"),
    };
    let (entries, form_parameters) = parameters(builder, &inputs, api)?;
    let input = builder.field_list(&inputs, entries, 0)?;
    let outputs = Owner {
        base,
        side: Side::Output,
        scope: scope.clone(),
        what: format!("action {name}, output"),
    };
    let entries = response(builder, &outputs, api);
    // Outputs never fail the action: serde skips what the struct does not name.
    let output = builder.field_list(&outputs, entries, 0).unwrap_or_default();
    let (errors, problems) = errors(api);
    for problem in problems {
        builder.note(
            &scope,
            format!("action {name}, errors"),
            format!("left out: {problem}"),
        );
    }
    let (summary, description) = summary_and_description(name, api);
    let (reads, marking) = idempotency(api);
    // As for Tencent Cloud: the server carries out a token once, and the
    // runtime sends every attempt of a call with the same one.
    let client_token = input.iter().any(FieldDraft::is_idempotency_token);
    let idempotency_note = if reads {
        format!("{marking}; repeating it changes nothing.")
    } else if client_token {
        format!(
            "{marking}, but it is idempotent by its `ClientToken`: every attempt of a call carries the same token, and the server carries out a token once."
        )
    } else {
        format!("{marking}, so a call that may have reached the server is never repeated.")
    };
    let idempotent = reads || client_token;
    let draft = ActionDraft {
        name: name.to_string(),
        summary,
        description,
        deprecated: flag(api.get("deprecated")),
        idempotent,
        idempotency_note,
        input,
        output,
        errors,
    };
    Ok(ActionIr {
        draft,
        form_parameters,
    })
}

/// Query parameters, and form parameters: an RPC gateway reads both the same
/// way, and sending them in the signed query string is what our client does.
/// Anything else (path, body, header) has no place in an RPC call.
/// Also returns the names of the form parameters, reported once per import
/// (whole products document every parameter so).
fn parameters(
    builder: &mut Builder,
    owner: &Owner,
    api: &Value,
) -> Result<(Vec<Entry>, Vec<String>), String> {
    let mut entries = Vec::new();
    let mut form = Vec::new();
    for (i, parameter) in api
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(name) = text(parameter.get("name")) else {
            builder.note(
                &owner.scope,
                format!("{} #{i}", owner.what),
                "left out: the parameter has no name",
            );
            continue;
        };
        let schema = parameter.get("schema").cloned().unwrap_or(Value::Null);
        let required = flag(schema.get("required")) || flag(parameter.get("required"));
        let location = text(parameter.get("in")).unwrap_or("query");
        match location {
            "query" => {}
            "formData" => form.push(name.to_string()),
            other if required => {
                return Err(format!(
                    "required parameter {name} goes in the {other}, which an RPC call does not have"
                ));
            }
            other => {
                let what = format!("{} {name}", owner.what);
                builder.note(
                    &owner.scope,
                    what,
                    format!("left out: goes in the {other}, which an RPC call does not have"),
                );
                continue;
            }
        }
        if !schema.is_object() {
            let reason = "the parameter has no schema";
            if required {
                return Err(format!("required parameter {name}: {reason}"));
            }
            builder.note(
                &owner.scope,
                format!("{} {name}", owner.what),
                format!("left out: {reason}"),
            );
            continue;
        }
        let style = text(parameter.get("style")).map(str::to_string);
        entries.push(Entry {
            name: name.to_string(),
            schema,
            style,
            required,
        });
    }
    Ok((entries, form))
}

/// Properties of the success response body; outputs are never required, as
/// responses often leave fields out.
fn response(builder: &mut Builder, owner: &Owner, api: &Value) -> Vec<Entry> {
    let responses = api.get("responses").and_then(Value::as_object);
    let success = responses.and_then(|r| {
        r.get("200")
            .or_else(|| r.iter().find(|(k, _)| k.starts_with('2')).map(|(_, v)| v))
    });
    let Some(schema) = success.and_then(|r| r.get("schema")) else {
        return Vec::new();
    };
    let body = match builder.resolve(schema) {
        Ok(body) => body.clone(),
        Err(reason) => {
            builder.note(
                &owner.scope,
                owner.what.clone(),
                format!("no outputs: {reason}"),
            );
            return Vec::new();
        }
    };
    let Some(properties) = body.get("properties").and_then(Value::as_object) else {
        if body
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t != "object")
        {
            builder.note(
                &owner.scope,
                owner.what.clone(),
                "no outputs: the response body is not a JSON object",
            );
        }
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, schema)| Entry {
            name: name.clone(),
            schema: schema.clone(),
            style: None,
            required: false,
        })
        .collect()
}

/// One sentence of summary; the rest of the summary opens the description.
fn summary_and_description(name: &str, api: &Value) -> (String, Option<String>) {
    let summary = text(api.get("summary"))
        .map(|t| DOCS.clean(t))
        .unwrap_or_default();
    let description = text(api.get("description"))
        .map(|t| DOCS.clean(t))
        .unwrap_or_default();
    let title = text(api.get("title"))
        .filter(|t| *t != name)
        .map(|t| DOCS.clean(t))
        .unwrap_or_default();
    let (first, rest, description) = if !summary.is_empty() {
        let (first, rest) = split_first_sentence(&summary);
        (first, rest, description)
    } else if !description.is_empty() {
        let (first, rest) = split_first_sentence(&description);
        (first, rest, String::new())
    } else {
        let (first, rest) = split_first_sentence(&title);
        (first, rest, String::new())
    };
    let first = if first.is_empty() {
        NO_DESCRIPTION.to_string()
    } else {
        first
    };
    let parts: Vec<String> = [rest, description]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    (first, (!parts.is_empty()).then(|| parts.join("\n\n")))
}

/// True only when every operation type the metadata gives reads; false is
/// always safe (it only stops retries of a call that may have been sent).
/// Also what the metadata says, as the start of a sentence.
fn idempotency(api: &Value) -> (bool, String) {
    let kinds: Vec<String> = [
        api.get("operationType"),
        api.pointer("/systemTags/operationType"),
    ]
    .into_iter()
    .filter_map(|v| text(v))
    .filter(|k| !k.eq_ignore_ascii_case("none"))
    .map(str::to_string)
    .collect();
    let listed = kinds
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    if kinds.is_empty() {
        return (
            false,
            "The metadata does not say whether this action only reads".into(),
        );
    }
    if kinds
        .iter()
        .all(|k| READ_OPERATIONS.contains(&k.to_ascii_lowercase().as_str()))
    {
        return (
            true,
            format!("The metadata marks this action as reading only (operation type {listed})"),
        );
    }
    (
        false,
        format!("The metadata marks this action as changing state (operation type {listed})"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn idempotent_only_when_every_type_reads() {
        assert!(
            idempotency(&json!({"operationType": "read", "systemTags": {"operationType": "list"}}))
                .0
        );
        assert!(idempotency(&json!({"systemTags": {"operationType": "get"}})).0);
        assert!(
            !idempotency(
                &json!({"operationType": "read", "systemTags": {"operationType": "update"}})
            )
            .0
        );
        assert!(!idempotency(&json!({"operationType": "readAndWrite"})).0);
        assert!(!idempotency(&json!({"systemTags": {"operationType": "none"}})).0);
    }

    #[test]
    fn summary_is_one_sentence() {
        let api = json!({"summary": "Creates a thing. It costs money.", "description": "Details."});
        let (summary, description) = summary_and_description("CreateThing", &api);
        assert_eq!(summary, "Creates a thing.");
        assert_eq!(description.as_deref(), Some("It costs money.\n\nDetails."));
        let (summary, description) = summary_and_description("X", &json!({"title": "X"}));
        assert_eq!((summary.as_str(), description), (NO_DESCRIPTION, None));
    }
}
