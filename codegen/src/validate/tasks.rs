//! Checks of `task`: the action that reports an asynchronous task exists in
//! the same product and has a waiter, and its request can be made from the
//! starting action's answer alone (each of its required inputs is set, from a
//! text of the answer, into an input that can carry it).

use std::collections::BTreeMap;

use super::refs::ShapeIndex;
use super::reporter::Reporter;
use crate::error::Diagnostics;
use crate::load::raw::{ActionFile, FieldSpec};
use crate::load::type_expr::{Scalar, TypeExpr};
use crate::load::{Loaded, ProductSpec};

/// The name every answer carries besides its documented outputs.
pub(crate) const REQUEST_ID: &str = "RequestId";

pub(super) fn check_tasks(
    product: &ProductSpec,
    shapes: &ShapeIndex,
    diagnostics: &mut Diagnostics,
) {
    let actions: BTreeMap<&str, &Loaded<ActionFile>> = product
        .actions
        .iter()
        .map(|a| (a.value.name.as_str(), a))
        .collect();
    for action in &product.actions {
        let Some(task) = &action.value.task else {
            continue;
        };
        let mut at = Reporter::new(&action.file, diagnostics);
        let Some(reporter) = actions.get(task.reported_by.as_str()) else {
            at.error(
                "$.task.reported_by",
                format!(
                    "expected the name of an action of this product, found `{}`",
                    task.reported_by
                ),
            );
            continue;
        };
        if reporter.value.waiter.is_none() {
            at.error(
                "$.task.reported_by",
                format!(
                    "expected an action with a waiter, found `{}`, which has none",
                    task.reported_by
                ),
            );
        }
        for (i, input) in task.input.iter().enumerate() {
            let path = format!("$.task.input[{i}]");
            match reporter.value.input.iter().find(|f| f.name == input.name) {
                Some(field) => {
                    if let Err(expected) = takes_id(field, input.filter.as_deref(), shapes) {
                        at.error(
                            format!("{path}.name"),
                            format!(
                                "expected {expected}, found `{}` of `{}`",
                                input.name, task.reported_by
                            ),
                        );
                    }
                }
                None => at.error(
                    format!("{path}.name"),
                    format!(
                        "expected an input of `{}`, found `{}`",
                        task.reported_by, input.name
                    ),
                ),
            }
            if input.from != REQUEST_ID {
                match action.value.output.iter().find(|f| f.name == input.from) {
                    Some(field) if is_text(field) => {}
                    Some(_) => at.error(
                        format!("{path}.from"),
                        format!(
                            "expected a text output, found `{}` of another type",
                            input.from
                        ),
                    ),
                    None => at.error(
                        format!("{path}.from"),
                        format!(
                            "expected `{REQUEST_ID}` or an output of this action, found `{}`",
                            input.from
                        ),
                    ),
                }
            }
            if task.input[..i]
                .iter()
                .any(|earlier| earlier.name == input.name)
            {
                at.error(
                    format!("{path}.name"),
                    format!("expected each input once, found `{}` again", input.name),
                );
            }
        }
        for field in reporter.value.input.iter().filter(|f| f.required) {
            if !task.input.iter().any(|input| input.name == field.name) {
                at.error(
                    "$.task.input",
                    format!(
                        "expected every required input of `{}` to be set, `{}` is not",
                        task.reported_by, field.name
                    ),
                );
            }
        }
    }
}

/// Whether the reporting action's input `field` can carry one task ID: a
/// text; a list of texts; with `filter`, a list of filters (a structure
/// whose `Name` is a text and whose `Values` is a list of texts, both
/// required, its other members optional). Else what was expected.
fn takes_id(field: &FieldSpec, filter: Option<&str>, shapes: &ShapeIndex) -> Result<(), String> {
    let text = TypeExpr::Scalar(Scalar::String);
    let plain = field.value_set.is_none() && !field.sensitive;
    match (filter, &field.ty) {
        (None, ty) if *ty == text && plain => Ok(()),
        (None, TypeExpr::Array(item)) if **item == text && plain => Ok(()),
        (None, _) => Err("a text or a list of texts (or, with `filter`, a list of filters)".into()),
        (Some(""), _) => Err("a filter name that is not empty".into()),
        (Some(_), TypeExpr::Array(item)) => {
            let filter_shape = match &**item {
                TypeExpr::Ref(name) => shapes.members(name),
                _ => None,
            };
            let Some(members) = filter_shape else {
                return Err("a list of filters".into());
            };
            let member = |name: &str| members.iter().find(|m| m.name == name);
            let texts = TypeExpr::Array(Box::new(text.clone()));
            let fits = matches!(member("Name"), Some(m) if m.ty == text && m.required)
                && matches!(member("Values"), Some(m) if m.ty == texts && m.required)
                && members
                    .iter()
                    .all(|m| !m.required || m.name == "Name" || m.name == "Values");
            if fits {
                Ok(())
            } else {
                Err("a list of filters, each a required text `Name` and a required list of texts `Values` and nothing else required".into())
            }
        }
        (Some(_), _) => Err("a list of filters".into()),
    }
}

fn is_text(field: &FieldSpec) -> bool {
    field.ty == TypeExpr::Scalar(Scalar::String) && field.value_set.is_none() && !field.sensitive
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use serde_json::{Value, json};

    use super::super::fixture;
    use crate::model::TaskCarrier;

    /// A product with `Change` (answering `Token`, optional) whose `task` is
    /// `task`, and `Status`, which has a waiter and takes `input`.
    fn files(task: Value, input: Value) -> BTreeMap<PathBuf, String> {
        let status =
            json!({ "name": "State", "type": "int64", "required": true, "description": "State." });
        let change = json!({ "$schema": "../../../schema/action.schema.json", "name": "Change", "summary": "S.", "idempotent": false,
                             "errors": [], "input": [],
                             "output": [{ "name": "Token", "type": "string", "required": false, "description": "T." }],
                             "task": task });
        let reporter = json!({ "$schema": "../../../schema/action.schema.json", "name": "Status", "summary": "S.", "idempotent": true,
                               "errors": [], "input": input, "output": [status],
                               "waiter": { "name": "Done", "description": "the task is done.", "until": { "field": "State", "equals": 0 },
                                           "fail_on": [1], "initial_delay_ms": 1000, "max_delay_ms": 5000, "timeout_secs": 60 } });
        let filter = json!({ "$schema": "../../../schema/shape.schema.json", "name": "Filter", "kind": "object", "description": "F.",
                             "fields": [text("Name", true), texts("Values", true), text("Match", false)] });
        let loose = json!({ "$schema": "../../../schema/shape.schema.json", "name": "Loose", "kind": "object", "description": "L.",
                            "fields": [text("Name", true), texts("Values", false)] });
        fixture::product_files(
            "lb",
            [
                ("actions/Change.json", change),
                ("actions/Status.json", reporter),
                ("types/Filter.json", filter),
                ("types/Loose.json", loose),
            ],
        )
    }

    fn problems(task: Value, input: Value) -> Vec<String> {
        fixture::problems(&files(task, input))
    }

    fn text(name: &str, required: bool) -> Value {
        json!({ "name": name, "type": "string", "required": required, "description": "D." })
    }

    fn texts(name: &str, required: bool) -> Value {
        json!({ "name": name, "type": { "array": "string" }, "required": required, "description": "D." })
    }

    fn filters(name: &str, shape: &str) -> Value {
        json!({ "name": name, "type": { "array": { "ref": shape } }, "required": false, "description": "D." })
    }

    #[test]
    fn a_task_reported_by_a_waiter_from_the_request_id_is_valid_and_generates_a_method() {
        let task = json!({ "reported_by": "Status", "input": [{ "name": "TaskId", "from": "RequestId" }] });
        let input = json!([text("TaskId", true), text("Other", false)]);
        assert_eq!(problems(task.clone(), input.clone()), Vec::<String>::new());
        let tree = crate::load::load_files(&files(task, input)).unwrap();
        let model = crate::build_model(&tree).unwrap_or_else(|e| panic!("{e}"));
        let change = &model.vendors[0].products[0].actions[0];
        let waiter = change.task.as_ref().expect("linked");
        assert_eq!(waiter.method, "change_until_done");
        assert_eq!(waiter.reporter_waiter.method, "status_until_done");
        assert_eq!(
            (
                waiter.inputs[0].ident.as_str(),
                waiter.inputs[0].from.as_str(),
                waiter.inputs[0].required
            ),
            ("task_id", "request_id", true)
        );
    }

    #[test]
    fn an_optional_answer_field_goes_into_a_text_a_list_or_a_filter() {
        let task = json!({ "reported_by": "Status", "input": [
            { "name": "TaskId", "from": "Token" },
            { "name": "TaskIds", "from": "Token" },
            { "name": "Filters", "from": "Token", "filter": "task-id" } ] });
        let input = json!([
            text("TaskId", true),
            texts("TaskIds", false),
            filters("Filters", "Filter")
        ]);
        assert_eq!(problems(task.clone(), input.clone()), Vec::<String>::new());
        let tree = crate::load::load_files(&files(task, input)).unwrap();
        let model = crate::build_model(&tree).unwrap_or_else(|e| panic!("{e}"));
        let waiter = model.vendors[0].products[0].actions[0]
            .task
            .as_ref()
            .expect("linked");
        let carriers: Vec<_> = waiter
            .inputs
            .iter()
            .map(|i| (i.ident.as_str(), &i.carrier, i.from_optional))
            .collect();
        assert_eq!(
            carriers,
            [
                ("task_id", &TaskCarrier::Text, true),
                ("task_ids", &TaskCarrier::List, true),
                (
                    "filters",
                    &TaskCarrier::Filter {
                        shape: "Filter".into(),
                        name: "task-id".into()
                    },
                    true
                ),
            ]
        );
    }

    #[test]
    fn a_task_that_cannot_make_the_reporting_request_is_refused_with_the_reason() {
        let unknown = json!({ "reported_by": "Nothing", "input": [] });
        let found = problems(unknown, json!([]));
        assert!(
            found
                .iter()
                .any(|p| p.contains("$.task.reported_by") && p.contains("`Nothing`")),
            "{found:?}"
        );

        // `Nope` is no output; `Missing` is no input; `Other` is required
        // and unset; `Count` cannot hold an ID; `Loose` is no filter, and a
        // list of filters needs the filter's name.
        let task = json!({ "reported_by": "Status", "input": [
            { "name": "TaskId", "from": "Nope" },
            { "name": "Missing", "from": "RequestId" },
            { "name": "Count", "from": "Token" },
            { "name": "Loose", "from": "Token", "filter": "id" },
            { "name": "Filters", "from": "Token" } ] });
        let count =
            json!({ "name": "Count", "type": "int64", "required": false, "description": "D." });
        let found = problems(
            task,
            json!([
                text("TaskId", true),
                text("Other", true),
                count,
                filters("Loose", "Loose"),
                filters("Filters", "Filter")
            ]),
        );
        for expected in [
            "$.task.input[0].from",
            "$.task.input[1].name",
            "$.task.input[2].name: expected a text or a list of texts",
            "$.task.input[3].name: expected a list of filters, each",
            "$.task.input[4].name: expected a text or a list of texts (or, with `filter`",
            "`Other` is not",
        ] {
            assert!(
                found.iter().any(|p| p.contains(expected)),
                "{expected}: {found:?}"
            );
        }
    }
}
