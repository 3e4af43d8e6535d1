//! Reading checked parameters and writing answers, for both services.

use serde_json::{Map, Value};

/// The text parameter `name`.
pub(super) fn text<'a>(params: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    params.get(name)?.as_str()
}

/// The non-negative number parameter `name` (Alibaba sends record IDs as text).
pub(super) fn number(params: &Map<String, Value>, name: &str) -> Option<u64> {
    match params.get(name)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The texts of the list parameter `name` (empty when absent).
pub(super) fn texts<'a>(params: &'a Map<String, Value>, name: &str) -> Vec<&'a str> {
    params
        .get(name)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Whether `value` contains `part`, ignoring ASCII case (the services' fuzzy match).
pub(super) fn contains(value: &str, part: &str) -> bool {
    value
        .to_ascii_lowercase()
        .contains(&part.to_ascii_lowercase())
}

/// The `take` items after the first `skip`.
pub(super) fn window<T>(items: &[T], skip: u64, take: u64) -> &[T] {
    let start = usize::try_from(skip).unwrap_or(usize::MAX).min(items.len());
    let take = usize::try_from(take).unwrap_or(usize::MAX);
    &items[start..start.saturating_add(take).min(items.len())]
}

/// The first item of the list at `path` of `example`: what each listed record starts from.
pub(super) fn first_item(example: &Value, path: &[&str]) -> Map<String, Value> {
    let list = path.iter().try_fold(example, |v, key| v.get(key));
    list.and_then(|l| l.get(0))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// Sets the member at `path` of `answer`, making the objects on the way.
pub(super) fn put(answer: &mut Value, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = answer;
    for key in parents {
        if !at.get(key).is_some_and(Value::is_object) {
            at[key] = Value::Object(Map::new());
        }
        at = &mut at[key];
    }
    if at.is_object() {
        at[last] = value;
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn parameters_windows_and_templates() {
        let params = json!({"Id": "42", "N": 7, "L": ["A", 1, "TXT"]});
        let params = params.as_object().cloned().unwrap_or_default();
        assert_eq!(
            (number(&params, "Id"), number(&params, "N")),
            (Some(42), Some(7))
        );
        assert_eq!(texts(&params, "L"), ["A", "TXT"]);
        assert!(contains("_ACME-challenge", "acme") && !contains("www", "acme"));
        assert_eq!(window(&[1, 2, 3, 4], 1, 2), [2, 3]);
        assert_eq!(window(&[1, 2], 5, 2), [] as [i32; 0]);
        assert_eq!(window(&[1, 2], 1, u64::MAX), [2]);
        let example = json!({"A": {"List": [{"X": 1}, {"X": 2}]}});
        assert_eq!(first_item(&example, &["A", "List"])["X"], 1);
        assert!(first_item(&example, &["B"]).is_empty());
        let mut answer = json!({"A": 1});
        put(&mut answer, &["B", "C"], json!([]));
        put(&mut answer, &["A"], json!(2));
        assert_eq!(answer, json!({"A": 2, "B": {"C": []}}));
    }
}
