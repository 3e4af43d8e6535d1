//! `wait <waiter>`: a generated waiter's condition, failure states and
//! default delays from the spec, run by the runtime's own wait loop (the
//! same delays, deadline and errors as `<action>_until_<state>`).

use std::cell::Cell;
use std::io::IsTerminal;
use std::time::Duration;

use cloudapi::runtime::common::{CommonCode, ProductClient};
use cloudapi::runtime::protocol::Protocol;
use cloudapi::runtime::{WaitDefaults, WaitOptions};
use codegen::model::{Condition, Waiter};
use serde_json::{Map, Value};

use crate::failure::Failure;
use crate::output::Output;
use crate::send::{Sender, request_id};

/// The polled field's value, as an integer (some answers send numbers as text).
fn polled(answer: &Value, field: &str) -> Option<i64> {
    match answer.get(field)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn holds(condition: Condition, value: Option<i64>) -> bool {
    match (condition, value) {
        (Condition::GreaterThan(n), Some(v)) => v > n,
        (Condition::Equals(n), Some(v)) => v == n,
        (_, None) => false,
    }
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
        let value = polled(answer, field);
        attempts.set(attempts.get() + 1);
        if progress {
            let shown = value.map_or("(absent)".to_owned(), |v| v.to_string());
            eprint!(
                "\rwaiting for {name}: {field} is {shown} (call {})\x1b[K",
                attempts.get()
            );
        }
        holds(waiter.condition, value)
    };
    let failed = |answer: &Value| {
        let value = polled(answer, field)?;
        waiter
            .fail_on
            .contains(&value)
            .then(|| (field, value.to_string()))
    };
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
        assert!(holds(
            Condition::Equals(1),
            polled(&json!({"Status": 1}), "Status")
        ));
        assert!(holds(
            Condition::GreaterThan(0),
            polled(&json!({"Id": "7"}), "Id")
        ));
        assert!(!holds(Condition::GreaterThan(0), polled(&json!({}), "Id")));
    }
}
