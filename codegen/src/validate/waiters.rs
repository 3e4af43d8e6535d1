//! Checks of `waiter`: the polled field exists (an output, or a member of the
//! items of a list output) and is an integer or a text, the values compared
//! with it are of its kind, and the delays and deadline make sense.

use super::refs::ShapeIndex;
use super::reporter::Reporter;
use crate::load::raw::{ActionFile, FieldSpec, WaitValue, WaiterSpec};
use crate::load::type_expr::{Scalar, TypeExpr};
use crate::model::naming;

/// What kind of values a polled field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer { unsigned: bool },
    Text,
}

pub(super) fn check_waiter(
    at: &mut Reporter,
    action: &ActionFile,
    waiter: &WaiterSpec,
    shapes: &ShapeIndex,
) {
    if let Err(e) = naming::snake(&waiter.name) {
        at.error("$.waiter.name", e);
    }
    let until = &waiter.until;
    if until.greater_than.is_some() == until.equals.is_some() {
        at.error(
            "$.waiter.until",
            "expected exactly one of `greater_than` or `equals`",
        );
    }
    if let Some(kind) = polled(at, &action.output, &until.field, shapes) {
        let values = until
            .equals
            .iter()
            .map(|v| ("$.waiter.until.equals".to_string(), v))
            .chain(
                waiter
                    .fail_on
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("$.waiter.fail_on[{i}]"), v)),
            );
        for (path, value) in values {
            check_value(at, &path, value, kind, &until.field);
        }
        if let Some(n) = until.greater_than {
            match kind {
                Kind::Text => at.error(
                    "$.waiter.until.greater_than",
                    format!(
                        "expected `equals` for `{}`, whose values are text",
                        until.field
                    ),
                ),
                Kind::Integer { unsigned: true } if n < 0 => at.error(
                    "$.waiter.until",
                    format!(
                        "expected a threshold of 0 or more, as `{}` is unsigned (uint64)",
                        until.field
                    ),
                ),
                Kind::Integer { .. } => {}
            }
        }
    }
    if waiter.initial_delay_ms == 0 || waiter.initial_delay_ms > waiter.max_delay_ms {
        at.error("$.waiter", "expected 0 < initial_delay_ms <= max_delay_ms");
    }
    if waiter.timeout_secs == 0 {
        at.error(
            "$.waiter.timeout_secs",
            "expected a positive deadline in seconds",
        );
    }
}

/// The kind of the polled field `path` (`Field` or `List.Member`), or `None`
/// after reporting why it cannot be polled.
fn polled(
    at: &mut Reporter,
    output: &[FieldSpec],
    path: &str,
    shapes: &ShapeIndex,
) -> Option<Kind> {
    let at_field = "$.waiter.until.field";
    let (fields, name) = match path.split_once('.') {
        None => (output, path),
        Some((list, member)) => {
            let Some(field) = output.iter().find(|f| f.name == list) else {
                at.error(
                    at_field,
                    format!("expected `{list}` to be an output of this action, as `{path}` says"),
                );
                return None;
            };
            let members = match &field.ty {
                TypeExpr::Array(item) => match item.as_ref() {
                    TypeExpr::Ref(shape) => shapes.members(shape),
                    _ => None,
                },
                _ => None,
            };
            let Some(members) = members else {
                at.error(
                    at_field,
                    format!("expected `{list}` to be a list of structures, as `{path}` says, found type {}", field.ty),
                );
                return None;
            };
            (members, member)
        }
    };
    let Some(field) = fields.iter().find(|f| f.name == name) else {
        at.error(
            at_field,
            format!("expected the name of an output field of this action (or `List.Member`), found `{path}`"),
        );
        return None;
    };
    let kind = match &field.ty {
        TypeExpr::Scalar(Scalar::Uint64) => Some(Kind::Integer { unsigned: true }),
        TypeExpr::Scalar(s) if s.is_integer() => Some(Kind::Integer { unsigned: false }),
        TypeExpr::Scalar(Scalar::String) if !field.sensitive => Some(Kind::Text),
        ty if shapes.is_integer_enum(ty) => Some(Kind::Integer { unsigned: false }),
        ty if shapes.is_enum(ty) => Some(Kind::Text),
        _ => None,
    };
    if kind.is_none() {
        at.error(
            at_field,
            format!(
                "expected an integer or text field, found `{path}` of type {}",
                field.ty
            ),
        );
    }
    kind
}

fn check_value(at: &mut Reporter, path: &str, value: &WaitValue, kind: Kind, field: &str) {
    match (value, kind) {
        (WaitValue::Integer(n), Kind::Integer { unsigned: true }) if *n < 0 => at.error(
            path,
            format!("expected a value of 0 or more, as `{field}` is unsigned (uint64)"),
        ),
        (WaitValue::Integer(_), Kind::Integer { .. }) | (WaitValue::Text(_), Kind::Text) => {}
        (WaitValue::Text(text), Kind::Integer { .. }) => at.error(
            path,
            format!("expected an integer, as `{field}` is one, found the text `{text}`"),
        ),
        (WaitValue::Integer(n), Kind::Text) => at.error(
            path,
            format!("expected a text, as `{field}` is one, found the number {n}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::fixture;

    /// The problems of an action `Purge` answering `Logs` (a list of `Log`,
    /// whose `Status` is text and `Count` an integer) and `Total`, whose
    /// waiter is `waiter`.
    fn problems(waiter: Value) -> Vec<String> {
        let log = json!({ "$schema": "../../../schema/shape.schema.json", "name": "Log", "kind": "object", "description": "A log.",
                          "fields": [
                              { "name": "Status", "type": "string", "required": true, "description": "S." },
                              { "name": "Count", "type": "uint64", "required": true, "description": "C." } ] });
        let purge = json!({ "$schema": "../../../schema/action.schema.json", "name": "Purge", "summary": "S.", "idempotent": true,
                            "errors": [], "input": [],
                            "output": [
                                { "name": "Logs", "type": { "array": { "ref": "Log" } }, "required": true, "description": "L." },
                                { "name": "Total", "type": "int64", "required": true, "description": "T." } ],
                            "waiter": waiter });
        fixture::problems(&fixture::product_files(
            "cdn",
            [("types/Log.json", log), ("actions/Purge.json", purge)],
        ))
    }

    fn waiter(until: Value, fail_on: Value) -> Value {
        json!({ "name": "Done", "description": "d.", "until": until, "fail_on": fail_on,
                "initial_delay_ms": 1000, "max_delay_ms": 5000, "timeout_secs": 60 })
    }

    #[test]
    fn a_list_member_is_polled_with_values_of_its_kind() {
        let text = waiter(
            json!({ "field": "Logs.Status", "equals": "done" }),
            json!(["fail"]),
        );
        assert_eq!(problems(text), Vec::<String>::new());
        let count = waiter(
            json!({ "field": "Logs.Count", "greater_than": 0 }),
            json!([]),
        );
        assert_eq!(problems(count), Vec::<String>::new());
    }

    #[test]
    fn values_of_another_kind_and_paths_that_lead_nowhere_are_refused() {
        for (until, fail_on, path, says) in [
            (
                json!({ "field": "Logs.Status", "equals": 1 }),
                json!([]),
                "$.waiter.until.equals",
                "expected a text",
            ),
            (
                json!({ "field": "Logs.Status", "equals": "done" }),
                json!([2]),
                "$.waiter.fail_on[0]",
                "expected a text",
            ),
            (
                json!({ "field": "Total", "equals": "done" }),
                json!([]),
                "$.waiter.until.equals",
                "expected an integer",
            ),
            (
                json!({ "field": "Logs.Status", "greater_than": 0 }),
                json!([]),
                "$.waiter.until.greater_than",
                "whose values are text",
            ),
            (
                json!({ "field": "Logs.Count", "equals": -1 }),
                json!([]),
                "$.waiter.until.equals",
                "unsigned",
            ),
            (
                json!({ "field": "Total.Status", "equals": 1 }),
                json!([]),
                "$.waiter.until.field",
                "a list of structures",
            ),
            (
                json!({ "field": "Logs.Missing", "equals": 1 }),
                json!([]),
                "$.waiter.until.field",
                "`Logs.Missing`",
            ),
        ] {
            let found = problems(waiter(until.clone(), fail_on));
            assert!(
                found.iter().any(|p| p.contains(path) && p.contains(says)),
                "{until}: {found:?}"
            );
        }
    }
}
