//! One entry of `apis` → one action: parameters, response fields, errors,
//! summary, idempotency.

use serde_json::Value;

use super::errors::errors;
use super::source::{DOCS, NO_DESCRIPTION, flag, text};
use super::types::{Builder, Entry, Owner, Scope};
use crate::draft::{ActionDraft, FieldDraft, Side};
use crate::text::split_first_sentence;
use codegen::load::raw::{HttpMethod, HttpSpec, Location};
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
pub(super) fn convert(
    builder: &mut Builder,
    name: &str,
    api: &Value,
    rest: bool,
) -> Result<ActionIr, String> {
    let scope = Scope::Action(name.to_string());
    let base = naming::pascal(name)?;
    let inputs = Owner {
        base: base.clone(),
        side: Side::Input,
        scope: scope.clone(),
        what: format!("action {name}, input"),
    };
    let (entries, form_parameters) = parameters(builder, &inputs, api, rest)?;
    let input = builder.field_list(&inputs, entries, 0)?;
    let outputs = Owner {
        base,
        side: Side::Output,
        scope: scope.clone(),
        what: format!("action {name}, output"),
    };
    let entries = response(builder, &outputs, api, rest);
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
    let (mut reads, mut marking) = idempotency(api);
    if rest && !reads && is_get(api) {
        reads = true;
        marking = format!(
            "{marking}, but it is sent with HTTP GET, which only reads (RFC 9110 calls GET safe)"
        );
    }
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
        http: if rest { Some(http(api)?) } else { None },
    };
    Ok(ActionIr {
        draft,
        form_parameters,
    })
}

/// The parameters of an RPC action: query parameters, and form parameters
/// (an RPC gateway reads both the same way, and sending them in the signed
/// query string is what our client does); anything else (path, body,
/// header) has no place in an RPC call. Of a ROA action: path, query and
/// header parameters where the vendor places them, and the members of the
/// JSON body, each one input (a `$ref` or object body is taken apart, as the
/// vendor's SDKs do for an inline one), or a text body as the whole payload.
/// Also returns the names of the form parameters, reported once per import
/// (whole products document every parameter so).
fn parameters(
    builder: &mut Builder,
    owner: &Owner,
    api: &Value,
    rest: bool,
) -> Result<(Vec<Entry>, Vec<String>), String> {
    let mut entries = Vec::new();
    // Members of the body come last: where the vendor also documents one
    // under the name of a path or query parameter, the parameter wins
    // (the first of a name is kept), as the path cannot be sent without it.
    let mut body = Vec::new();
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
        let place = text(parameter.get("in")).unwrap_or("query");
        let location = match (place, rest) {
            ("query", false) => None,
            ("formData", false) => {
                form.push(name.to_string());
                None
            }
            ("path", true) => Some(Location::Path),
            ("query", true) => Some(Location::Query),
            ("header", true) => Some(Location::Header),
            ("body", true) => {
                body_members(builder, owner, name, &schema, required, &mut body)?;
                continue;
            }
            (other, _) => {
                let call = if rest { "a ROA call" } else { "an RPC call" };
                if required {
                    return Err(format!(
                        "required parameter {name} goes in the {other}, which {call} does not send"
                    ));
                }
                let what = format!("{} {name}", owner.what);
                builder.note(
                    &owner.scope,
                    what,
                    format!("left out: goes in the {other}, which {call} does not send"),
                );
                continue;
            }
        };
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
            required: required || location == Some(Location::Path),
            location,
        });
    }
    entries.append(&mut body);
    Ok((entries, form))
}

/// The inputs a ROA body parameter stands for: the members of an object
/// body (through its `$ref`), the whole body for text, else the parameter
/// itself as one member of the JSON body.
fn body_members(
    builder: &mut Builder,
    owner: &Owner,
    name: &str,
    schema: &Value,
    required: bool,
    entries: &mut Vec<Entry>,
) -> Result<(), String> {
    let resolved = builder.resolve(schema)?.clone();
    let kind = resolved.get("type").and_then(Value::as_str);
    if let Some(properties) = resolved.get("properties").and_then(Value::as_object)
        && name == "body"
    {
        entries.extend(properties.iter().map(|(member, member_schema)| Entry {
            name: member.clone(),
            schema: member_schema.clone(),
            style: None,
            // A member the vendor requires is required only if the body is.
            required: required && flag(member_schema.get("required")),
            location: None,
        }));
        return Ok(());
    }
    let location = if kind == Some("string") && name == "body" {
        Some(Location::Payload)
    } else {
        None
    };
    if name == "body" && location.is_none() && kind == Some("object") {
        builder.note(
            &owner.scope,
            format!("{} {name}", owner.what),
            "the body is an object without documented members: kept as one JSON value",
        );
    }
    entries.push(Entry {
        name: name.to_string(),
        schema: schema.clone(),
        style: None,
        required,
        location,
    });
    Ok(())
}

/// Properties of the success response body; outputs are never required, as
/// responses often leave fields out. A ROA answer may also be text (the
/// whole payload) and carry documented headers.
fn response(builder: &mut Builder, owner: &Owner, api: &Value, rest: bool) -> Vec<Entry> {
    let responses = api.get("responses").and_then(Value::as_object);
    let success = responses.and_then(|r| {
        r.get("200")
            .or_else(|| r.iter().find(|(k, _)| k.starts_with('2')).map(|(_, v)| v))
    });
    let mut entries = Vec::new();
    if rest {
        let headers = success
            .and_then(|r| r.get("headers"))
            .and_then(Value::as_object);
        for (name, header) in headers.into_iter().flatten() {
            let schema = header.get("schema").unwrap_or(header).clone();
            entries.push(Entry {
                name: name.clone(),
                schema,
                style: None,
                required: false,
                location: Some(Location::Header),
            });
        }
    }
    let Some(schema) = success.and_then(|r| r.get("schema")) else {
        return entries;
    };
    let body = match builder.resolve(schema) {
        Ok(body) => body.clone(),
        Err(reason) => {
            builder.note(
                &owner.scope,
                owner.what.clone(),
                format!("no outputs: {reason}"),
            );
            return entries;
        }
    };
    let kind = body.get("type").and_then(Value::as_str);
    let Some(properties) = body.get("properties").and_then(Value::as_object) else {
        if rest && kind == Some("string") {
            entries.push(Entry {
                name: "body".into(),
                schema: body.clone(),
                style: None,
                required: false,
                location: Some(Location::Payload),
            });
        } else if kind.is_some_and(|t| t != "object") {
            builder.note(
                &owner.scope,
                owner.what.clone(),
                "no outputs: the response body is not a JSON object",
            );
        }
        return entries;
    };
    entries.extend(properties.iter().map(|(name, schema)| Entry {
        name: name.clone(),
        schema: schema.clone(),
        style: None,
        required: false,
        location: None,
    }));
    entries
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

/// Whether the vendor's SDKs send a ROA action with GET (its first method).
fn is_get(api: &Value) -> bool {
    api.pointer("/methods/0")
        .and_then(Value::as_str)
        .is_some_and(|m| m.eq_ignore_ascii_case("get"))
}

/// The method and path of a ROA action.
fn http(api: &Value) -> Result<HttpSpec, String> {
    let path = text(api.get("path")).ok_or("a ROA action without a path")?;
    let methods: Vec<&str> = api
        .get("methods")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    // The vendor lists every method the gateway accepts; its SDKs send the first.
    let first = methods.first().ok_or("a ROA action without a method")?;
    let method = match first.to_ascii_uppercase().as_str() {
        "GET" => HttpMethod::Get,
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "PATCH" => HttpMethod::Patch,
        "DELETE" => HttpMethod::Delete,
        "HEAD" => HttpMethod::Head,
        other => {
            return Err(format!(
                "the HTTP method `{other}` is not one a client sends"
            ));
        }
    };
    // Some products write a path member as `[name]`, as the CLI's metadata does.
    let path = path.replace('[', "{").replace(']', "}");
    Ok(HttpSpec { method, path })
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
