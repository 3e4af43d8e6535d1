//! The "Waiters" part of a product's module documentation: every waiter of
//! the product, what it polls and for which state, where a reader of the
//! product page finds the actions (a waiter's own rustdoc sits on `Client`,
//! among hundreds of methods).

use super::docs::prose;
use crate::model::{
    Action, Condition, EnumDef, EnumValue, Product, ShapeDef, TaskWaiter, Ty, WaitValue, Waiter,
};

/// What every waiter shares, said once above the list.
const INTRO: &str = "Waiters: each calls an action again until its answer reaches a state, as \
`<action>_until_<state>(request, options)`; the delay between calls doubles from the first to \
the largest, up to a deadline. The call's [`WaitOptions`](crate::runtime::WaitOptions) take \
precedence, then the client's [`Config::wait_options`](crate::runtime::Config::wait_options), then the spec's defaults listed here. A \
failure value ends the wait with [`Error::WaitFailed`](crate::runtime::Error::WaitFailed), the \
deadline with [`Error::WaitTimeout`](crate::runtime::Error::WaitTimeout).";

/// The section for `product`, or `None` when none of its actions has a waiter.
pub fn section(product: &Product) -> Option<String> {
    let items: Vec<String> = product
        .actions
        .iter()
        .filter_map(|action| Some(item(product, action, action.waiter.as_ref()?)))
        .collect();
    let tasks: Vec<String> = product
        .actions
        .iter()
        .filter_map(|action| Some(task_item(action, action.task.as_ref()?)))
        .collect();
    if items.is_empty() {
        return None;
    }
    let mut text = format!("{INTRO}\n{}", items.concat());
    if !tasks.is_empty() {
        text.push_str(&format!("\n{TASKS_INTRO}\n{}", tasks.concat()));
    }
    Some(text)
}

/// What the waiters for tasks share, said once above their list.
const TASKS_INTRO: &str = "Tasks: these actions start an asynchronous task that another action \
reports. Each has `<action>_until_<state>(&answer, options)`, which makes the reporting action's \
request from the answer and runs its waiter, with that waiter's states, delays and deadline.";

/// One list item of the tasks: method, reporting action, the inputs it takes.
fn task_item(action: &Action, task: &TaskWaiter) -> String {
    let inputs: Vec<String> = task
        .inputs
        .iter()
        .map(|i| format!("`{}` = `{}`", i.wire_name, i.from_wire_name))
        .collect();
    format!(
        "- [`{method}`](Client::{method}): after [`{name}`](Client::{action_method}), [`{waiter}`](Client::{waiter}) with {inputs}.\n",
        method = task.method,
        name = action.name,
        action_method = action.method,
        waiter = task.reporter_waiter.method,
        inputs = inputs.join(", "),
    )
}

/// One list item: method, polled action, awaited state, failure values, timing.
fn item(product: &Product, action: &Action, waiter: &Waiter) -> String {
    let values = polled_enum(product, action, waiter);
    let value = |v: &WaitValue| {
        let shown = match v {
            WaitValue::Integer(n) => n.to_string(),
            WaitValue::Text(text) => format!("`{text}`"),
        };
        match values.and_then(|def| variant(def, v)) {
            Some(link) => format!("{shown} ({link})"),
            None => shown,
        }
    };
    let field = &waiter.field_wire_name;
    // A list's state is each item's; one item in a failure state fails it.
    let (every, any) = match &waiter.list {
        Some(_) => ("every item's ", "an item's "),
        None => ("", ""),
    };
    let state = match &waiter.condition {
        Condition::Equals(v) => format!("{every}`{field}` is {}", value(v)),
        Condition::GreaterThan(n) => format!("{every}`{field}` is greater than {n}"),
    };
    let fails = if waiter.fail_on.is_empty() {
        String::new()
    } else {
        let values: Vec<String> = waiter.fail_on.iter().map(value).collect();
        format!(" Fails when {any}`{field}` is {}.", values.join(", "))
    };
    format!(
        "- [`{method}`](Client::{method}): calls [`{name}`](Client::{action_method}) until {state}: {description}{fails} First delay {initial}, doubling up to {max}; deadline {deadline}.\n",
        method = waiter.method,
        name = action.name,
        action_method = action.method,
        description = sentence(&prose(waiter.description.trim())),
        initial = millis(waiter.initial_delay_ms),
        max = millis(waiter.max_delay_ms),
        deadline = seconds(waiter.timeout_secs),
    )
}

/// The value set of the polled field, when it is one: declared on the action or shared.
fn polled_enum<'p>(
    product: &'p Product,
    action: &'p Action,
    waiter: &Waiter,
) -> Option<&'p EnumDef> {
    let field = action
        .output
        .iter()
        .find(|f| f.wire_name == waiter.field_wire_name)?;
    let Ty::Enum { ident, shared, .. } = &field.ty else {
        return None;
    };
    if *shared {
        product.shapes.iter().find_map(|shape| match &shape.def {
            ShapeDef::Enum(def) if &def.ident == ident => Some(def),
            _ => None,
        })
    } else {
        action.enums.iter().find(|def| &def.ident == ident)
    }
}

/// A link to the variant of `def` whose wire value is `value`, if one is documented.
fn variant(def: &EnumDef, value: &WaitValue) -> Option<String> {
    let wire = match value {
        WaitValue::Integer(n) => EnumValue::Integer(*n),
        WaitValue::Text(text) => EnumValue::String(text.clone()),
    };
    let variant = def.variants.iter().find(|v| v.value == wire)?;
    Some(format!(
        "[`{v}`]({e}::{v})",
        v = variant.ident,
        e = def.ident
    ))
}

/// `text` ending with a full stop, so that the next sentence does not run into it.
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// A delay for people: `250 ms`, `5 s`, `1 min`.
fn millis(ms: u64) -> String {
    if ms.is_multiple_of(1000) {
        seconds(ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

/// A duration in whole seconds for people: `30 s`, `5 min`, `1 h`.
fn seconds(s: u64) -> String {
    match s {
        s if s >= 3600 && s.is_multiple_of(3600) => format!("{} h", s / 3600),
        s if s >= 60 && s.is_multiple_of(60) => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use serde_json::{Value, json};

    use super::*;

    /// A product with one action per `(name, output field, waiter)`.
    fn product(actions: &[(&str, Value, Option<Value>)]) -> Product {
        let mut files = vec![
            (
                "acme/vendor.json".to_owned(),
                json!({ "$schema": "../schema/vendor.schema.json", "name": "acme", "title": "Acme", "description": "Acme.", "common_errors": [] }),
            ),
            (
                "acme/shop/service.json".to_owned(),
                json!({ "$schema": "../../schema/service.schema.json", "vendor": "acme", "product": "shop", "title": "Shop", "description": "Shop.",
                        "version": "2024-01-01", "protocol": "tc3-hmac-sha256",
                        "endpoints": [{ "host": "shop.example.com", "kind": "default" }] }),
            ),
        ];
        for (name, output, waiter) in actions {
            let mut action = json!({ "$schema": "../../../schema/action.schema.json", "name": name, "summary": "S.", "idempotent": true,
                                     "errors": [], "input": [], "output": [output] });
            if let Some(waiter) = waiter {
                action["waiter"] = waiter.clone();
            }
            files.push((format!("acme/shop/actions/{name}.json"), action));
        }
        let files: BTreeMap<PathBuf, String> = files
            .into_iter()
            .map(|(path, value)| (PathBuf::from(path), value.to_string()))
            .collect();
        let tree = crate::load::load_files(&files).unwrap_or_else(|e| panic!("{e}"));
        let model = crate::build_model(&tree).unwrap_or_else(|e| panic!("{e}"));
        model.vendors[0].products[0].clone()
    }

    #[test]
    fn lists_each_waiter_with_its_state_failures_and_timing() {
        let status = json!({ "name": "Status", "type": "int64", "required": true, "description": "State.",
            "enum": { "name": "OrderState", "values": [
                { "value": 0, "name": "Pending", "description": "Waiting." },
                { "value": 1, "name": "Shipped", "description": "On its way." },
                { "value": 2, "name": "Lost", "description": "Gone." } ] } });
        let shipped = json!({ "name": "Shipped", "description": "the order has shipped.",
            "until": { "field": "Status", "equals": 1 }, "fail_on": [2, 9],
            "initial_delay_ms": 5000, "max_delay_ms": 60000, "timeout_secs": 3600 });
        let task =
            json!({ "name": "TaskId", "type": "uint64", "required": true, "description": "Task." });
        let started = json!({ "name": "Started", "description": "the task exists",
            "until": { "field": "TaskId", "greater_than": 0 },
            "initial_delay_ms": 250, "max_delay_ms": 10000, "timeout_secs": 300 });
        let product = product(&[
            ("DescribeOrder", status, Some(shipped)),
            ("StartTask", task.clone(), Some(started)),
            ("ListTasks", task, None),
        ]);
        let text = section(&product).expect("two waiters");
        let items: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(
            items,
            [
                "- [`describe_order_until_shipped`](Client::describe_order_until_shipped): calls [`DescribeOrder`](Client::describe_order) until `Status` is 1 ([`Shipped`](OrderState::Shipped)): the order has shipped. Fails when `Status` is 2 ([`Lost`](OrderState::Lost)), 9. First delay 5 s, doubling up to 1 min; deadline 1 h.",
                "- [`start_task_until_started`](Client::start_task_until_started): calls [`StartTask`](Client::start_task) until `TaskId` is greater than 0: the task exists. First delay 250 ms, doubling up to 10 s; deadline 5 min.",
            ]
        );
        assert!(text.starts_with("Waiters: "), "{text}");
    }

    #[test]
    fn a_product_without_waiters_has_no_section() {
        let task =
            json!({ "name": "TaskId", "type": "uint64", "required": true, "description": "Task." });
        assert_eq!(section(&product(&[("ListTasks", task, None)])), None);
    }

    #[test]
    fn durations_read_in_the_largest_whole_unit() {
        assert_eq!(
            [
                millis(250),
                millis(1000),
                millis(1500),
                millis(90_000),
                millis(120_000)
            ],
            ["250 ms", "1 s", "1500 ms", "90 s", "2 min"]
        );
        assert_eq!(
            [seconds(45), seconds(3600), seconds(5400)],
            ["45 s", "1 h", "90 min"]
        );
    }
}
