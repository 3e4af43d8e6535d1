//! `wait <waiter>`: a generated waiter's condition, failure states and
//! default delays from the spec, run by the runtime's own wait loop (the
//! same delays, deadline and errors as `<action>_until_<state>`).

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::Duration;

use cloudapi::runtime::common::{CommonCode, ProductClient};
use cloudapi::runtime::protocol::Protocol;
use cloudapi::runtime::{WaitDefaults, WaitOptions};
use codegen::model::{Condition, WaitValue, Waiter};
use serde_json::{Map, Value};

use crate::failure::Failure;
use crate::output::Output;
use crate::send::{Sender, request_id};

/// The polled values of an answer: the field's, or each item's member for a
/// waiter on a list (`List.Member`); an absent one is `None`.
fn polled<'a>(answer: &'a Value, waiter: &Waiter) -> Vec<Option<&'a Value>> {
    let Some(list) = &waiter.list else {
        return vec![answer.get(&waiter.field_wire_name)];
    };
    let member = waiter
        .field_wire_name
        .split_once('.')
        .map_or(waiter.field_wire_name.as_str(), |(_, member)| member);
    let items = answer.get(&list.wire_name).and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .map(|item| item.get(member))
        .collect()
}

/// A value as an integer (some answers send numbers as text).
fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Whether `value` is `expected`: the same integer, or the same text.
fn is(value: &Value, expected: &WaitValue) -> bool {
    match expected {
        WaitValue::Integer(n) => integer(value) == Some(*n),
        WaitValue::Text(text) => value.as_str() == Some(text),
    }
}

/// The condition on every polled value; there must be one at least.
fn holds(condition: &Condition, values: &[Option<&Value>]) -> bool {
    !values.is_empty()
        && values.iter().all(|value| match (condition, value) {
            (Condition::GreaterThan(n), Some(v)) => integer(v).is_some_and(|v| v > *n),
            (Condition::Equals(expected), Some(v)) => is(v, expected),
            (_, None) => false,
        })
}

/// The first polled value in a failure state, as text.
fn failure(waiter: &Waiter, values: &[Option<&Value>]) -> Option<String> {
    values.iter().flatten().find_map(|v| {
        let failed = waiter.fail_on.iter().any(|state| is(v, state));
        failed.then(|| match v {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        })
    })
}

/// Calls `action` until the waiter's condition holds, then prints the last answer.
#[allow(clippy::too_many_arguments)]
pub async fn until<P: Protocol, C: CommonCode>(
    product: &ProductClient<P, C>,
    sender: Sender<'_>,
    waiter: &Waiter,
    name: &str,
    timeout: Option<u64>,
    members: Map<String, Value>,
    output: &Output,
) -> Result<(), Failure> {
    let defaults = WaitDefaults {
        initial_delay_ms: waiter.initial_delay_ms,
        max_delay_ms: waiter.max_delay_ms,
        timeout_secs: waiter.timeout_secs,
    };
    let mut options = WaitOptions::default();
    if let Some(seconds) = timeout {
        options = options.timeout(Duration::from_secs(seconds));
    }
    let transport = product.transport();
    let policy = transport.wait_policy(options, defaults);
    let field: &'static str = Box::leak(waiter.field_wire_name.clone().into_boxed_str());
    let progress = std::io::stderr().is_terminal();
    let attempts = Cell::new(0u32);
    let done = |answer: &Value| {
        let values = polled(answer, waiter);
        attempts.set(attempts.get() + 1);
        if progress {
            let shown: Vec<String> = values
                .iter()
                .map(|v| v.map_or("(absent)".to_owned(), Value::to_string))
                .collect();
            let shown = if shown.is_empty() {
                "(no items)".to_owned()
            } else {
                shown.join(", ")
            };
            eprint!(
                "\rwaiting for {name}: {field} is {shown} (call {})\x1b[K",
                attempts.get()
            );
        }
        holds(&waiter.condition, &values)
    };
    let failed =
        |answer: &Value| failure(waiter, &polled(answer, waiter)).map(|value| (field, value));
    let call = || sender.send(product, &members);
    let outcome = transport
        .wait_until(sender.action, policy, call, done, failed, request_id)
        .await;
    if progress {
        eprintln!();
    }
    output.print(outcome?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn conditions_read_numbers_and_numeric_text() {
        let one = |v: Value| holds(&Condition::Equals(WaitValue::Integer(1)), &[Some(&v)]);
        assert!(one(json!(1)));
        assert!(one(json!("1")));
        assert!(!one(json!(2)));
        let positive = Condition::GreaterThan(0);
        assert!(holds(&positive, &[Some(&json!("7"))]));
        assert!(!holds(&positive, &[None]));
        assert!(!holds(&positive, &[]));
    }

    #[test]
    fn a_list_is_done_when_every_item_is_and_failed_when_one_is() {
        let mut waiter = codegen_waiter();
        waiter.fail_on = vec![WaitValue::Text("fail".into())];
        let answer = |states: &[&str]| {
            let items: Vec<Value> = states.iter().map(|s| json!({"Status": s})).collect();
            json!({ "PurgeLogs": items })
        };
        let done = |a: &Value| holds(&waiter.condition, &polled(a, &waiter));
        assert!(done(&answer(&["done", "done"])));
        assert!(!done(&answer(&["done", "process"])));
        assert!(!done(&answer(&[])), "no items is not done");
        assert_eq!(
            failure(&waiter, &polled(&answer(&["done", "fail"]), &waiter)).as_deref(),
            Some("fail")
        );
        assert_eq!(
            failure(&waiter, &polled(&answer(&["process"]), &waiter)),
            None
        );
    }

    /// A waiter on `PurgeLogs.Status` until `done`.
    fn codegen_waiter() -> Waiter {
        Waiter {
            method: "describe_purge_tasks_until_done".into(),
            state: "done".into(),
            description: "d".into(),
            field_wire_name: "PurgeLogs.Status".into(),
            list: Some(codegen::model::WaitList {
                wire_name: "PurgeLogs".into(),
                ident: "purge_logs".into(),
                optional: true,
            }),
            field: "status".into(),
            field_optional: true,
            field_enum: false,
            field_text: true,
            fail_on: Vec::new(),
            condition: Condition::Equals(WaitValue::Text("done".into())),
            initial_delay_ms: 1,
            max_delay_ms: 1,
            timeout_secs: 1,
        }
    }
}
