//! A dry run's members with the values of secret ones hidden: the runtime
//! hides the signature and session token; the members the spec marks
//! secret (a private key being uploaded) are the caller's own values,
//! hidden here, before they are encoded, so that no wire form shows them (a
//! query, a path, a header, JSON text) and a dry run can be pasted into a
//! bug report.

use std::collections::BTreeSet;

use cloudapi::runtime::REDACTED;
use serde_json::{Map, Value};

/// Replaces the value of every member named in `secrets`, at any depth.
pub fn members(members: &mut Map<String, Value>, secrets: &BTreeSet<String>) {
    for (name, value) in members.iter_mut() {
        if secrets.contains(name) {
            *value = hidden(value);
        } else {
            nested(value, secrets);
        }
    }
}

fn nested(value: &mut Value, secrets: &BTreeSet<String>) {
    match value {
        Value::Object(map) => members(map, secrets),
        Value::Array(items) => items.iter_mut().for_each(|item| nested(item, secrets)),
        _ => {}
    }
}

/// The placeholder in the value's shape: a list of secrets stays a list.
fn hidden(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(hidden).collect()),
        _ => Value::String(REDACTED.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_members_are_hidden_at_any_depth() {
        let mut given = json!({
            "Name": "a",
            "Key": "PRIVATE",
            "Keys": ["PRIVATE2"],
            "Inner": [{"Key": "PRIVATE3", "Cert": "c"}]
        });
        let secrets = BTreeSet::from(["Key".to_owned(), "Keys".to_owned()]);
        members(given.as_object_mut().unwrap(), &secrets);
        assert!(!given.to_string().contains("PRIVATE"), "{given}");
        assert_eq!(given["Name"], "a");
        assert_eq!(given["Inner"][0]["Cert"], "c");
        assert_eq!(given["Keys"], json!([REDACTED]));
    }
}
