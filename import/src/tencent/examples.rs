//! A tccli `examples.json`: each action's documented calls, as the HTTP
//! request text (headers, a blank line, the JSON body) and the JSON answer.

use std::collections::BTreeMap;

use codegen::load::raw::ExampleSpec;
use serde::Deserialize;
use serde_json::Value;

use crate::error::ImportError;
use crate::plan::Unmapped;

#[derive(Deserialize)]
struct ExamplesFile {
    actions: BTreeMap<String, Vec<RawExample>>,
}

#[derive(Deserialize)]
struct RawExample {
    #[serde(default)]
    title: Option<String>,
    input: String,
    output: String,
}

/// Every action's examples; an example whose request or answer is not
/// readable JSON is left out and reported.
pub(super) fn parse(
    file_name: &str,
    text: &str,
    unmapped: &mut Vec<Unmapped>,
) -> Result<BTreeMap<String, Vec<ExampleSpec>>, ImportError> {
    let file: ExamplesFile = serde_json::from_str(text).map_err(|e| {
        ImportError::format(file_name, "$", format!("a tccli examples.json file ({e})"))
    })?;
    let mut examples = BTreeMap::new();
    for (action, raw) in file.actions {
        let mut parsed = Vec::new();
        for (i, example) in raw.into_iter().enumerate() {
            let mut repaired = Vec::new();
            match read(&example, &mut repaired) {
                Ok((request, response)) => {
                    if !repaired.is_empty() {
                        unmapped.push(Unmapped {
                            what: format!("action {action}, example {}", i + 1),
                            reason: format!(
                                "adjusted: its {} had quotes or commas missing, added",
                                repaired.join(" and ")
                            ),
                        });
                    }
                    parsed.push(ExampleSpec {
                        title: title(example.title.as_deref(), i),
                        request: Some(request),
                        response,
                    });
                }
                Err(reason) => unmapped.push(Unmapped {
                    what: format!("action {action}, example {}", i + 1),
                    reason: format!("left out: {reason}"),
                }),
            }
        }
        examples.insert(action, parsed);
    }
    Ok(examples)
}

/// The JSON body of the request text, and the object under `Response`;
/// `repaired` says which of them needed [`repair`].
fn read(example: &RawExample, repaired: &mut Vec<&'static str>) -> Result<(Value, Value), String> {
    let input = example.input.replace("\r\n", "\n");
    // The body follows a blank line, or (in a few examples) the headers directly.
    let body = match input.split_once("\n\n") {
        Some((_, body)) => body,
        None => input
            .find("\n{")
            .map_or(input.as_str(), |at| &input[at + 1..]),
    }
    .trim();
    let body = if body.is_empty() { "{}" } else { body };
    let request: Value = match query_form(&input) {
        Some(request) => request,
        None => parse_json(body, "request", repaired)
            .map_err(|e| format!("its request body is not JSON ({e})"))?,
    };
    let output: Value = parse_json(example.output.trim(), "answer", repaired)
        .map_err(|e| format!("its answer is not JSON ({e})"))?;
    let response = output
        .get("Response")
        .cloned()
        .ok_or("its answer has no `Response` object")?;
    if !request.is_object() || !response.is_object() {
        return Err("its request or answer is not a JSON object".into());
    }
    if response.get("Error").is_some() {
        return Err("it documents an error answer".into());
    }
    Ok((request, response))
}

/// Parameters every request carries (signature, time, the action), not members.
const COMMON_PARAMETERS: &[&str] = &[
    "Action",
    "Version",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
];

/// A request written in the older GET form (`https://host/?Action=X&Name=v&List.0.Member=v&<common
/// parameters>`, one per line) as the JSON body it stands for: `List.0.Member` becomes
/// `{"List": [{"Member": v}]}`. Values stay text; the reconciliation with the documented
/// types makes numbers of them. `None` if the request is not in that form.
fn query_form(input: &str) -> Option<Value> {
    let first = input.trim_start().lines().next()?;
    if !first.starts_with("https://") && !first.starts_with("http://") {
        return None;
    }
    let query = input.trim_start().split_once('?')?.1;
    let mut request = Value::Object(Default::default());
    for pair in query.split('&').map(str::trim) {
        // `<公共请求参数>`, `<Common request parameters>`.
        if pair.is_empty() || pair.starts_with('<') {
            continue;
        }
        let (name, value) = pair.split_once('=')?;
        if COMMON_PARAMETERS.contains(&name) {
            continue;
        }
        let value = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
        let path: Vec<&str> = name.split('.').collect();
        insert(&mut request, &path, Value::String(value.into_owned()))?;
    }
    Some(request)
}

/// Puts `value` at `path` under `at`, making the objects and lists on the
/// way (a numeric segment is a list index); `None` if the path contradicts
/// what an earlier parameter made.
fn insert(at: &mut Value, path: &[&str], value: Value) -> Option<()> {
    let Some((head, rest)) = path.split_first() else {
        *at = value;
        return Some(());
    };
    let next = match head.parse::<usize>() {
        Ok(index) => {
            if at.is_null() {
                *at = Value::Array(Vec::new());
            }
            let items = at.as_array_mut()?;
            if items.len() <= index {
                items.resize(index + 1, Value::Null);
            }
            &mut items[index]
        }
        Err(_) => {
            if at.is_null() {
                *at = Value::Object(Default::default());
            }
            at.as_object_mut()?
                .entry(head.to_string())
                .or_insert(Value::Null)
        }
    };
    insert(next, rest, value)
}

/// `text` as JSON; if it is not, as JSON once [`repair`] added what is missing.
fn parse_json(
    text: &str,
    what: &'static str,
    repaired: &mut Vec<&'static str>,
) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text).or_else(|first| match serde_json::from_str(&repair(text)) {
        Ok(value) => {
            repaired.push(what);
            Ok(value)
        }
        Err(_) => Err(first),
    })
}

/// The two slips the vendor's hand-written examples have: a key without
/// quotes (`Name: "x"`), and a line that ends a value without the comma
/// before the next member. Only lines are looked at, never string contents
/// across lines, so a repair cannot change a value.
fn repair(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let key_len = trimmed
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(0);
            let bare_key = key_len > 0
                && trimmed.starts_with(|c: char| c.is_ascii_alphabetic())
                && trimmed[key_len..].trim_start().starts_with(':');
            if bare_key {
                format!("{indent}\"{}\"{}", &trimmed[..key_len], &trimmed[key_len..])
            } else {
                line.to_string()
            }
        })
        .collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let next = lines[i + 1..]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty());
        let ends_value = line
            .trim_end()
            .ends_with(|c: char| c == '"' || c == ']' || c == '}' || c.is_ascii_digit())
            || ["true", "false", "null"]
                .iter()
                .any(|w| line.trim_end().ends_with(w));
        let starts_member = next.is_some_and(|n| n.starts_with('"') || n.starts_with('{'));
        if ends_value && starts_member && !line.trim_end().ends_with([',', '{', '[']) {
            out.push(',');
        }
        out.push('\n');
    }
    out
}

fn title(raw: Option<&str>, index: usize) -> String {
    match raw.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.split_whitespace().collect::<Vec<_>>().join(" "),
        None => format!("Example {}", index + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_request_in_the_older_get_form_as_its_json_body() {
        let input = "https://clb.tencentcloudapi.com/?Action=DescribeTargets\n&LoadBalancerId=lb-12345678\n&Filters.0.Name=location-id\n&Filters.0.Values.0=loc-1\n&Filters.0.Values.1=loc%2F2\n&Internet.ChargeType=BANDWIDTH\n&<公共请求参数>";
        assert_eq!(
            query_form(input),
            Some(serde_json::json!({
                "LoadBalancerId": "lb-12345678",
                "Filters": [{"Name": "location-id", "Values": ["loc-1", "loc/2"]}],
                "Internet": {"ChargeType": "BANDWIDTH"}
            }))
        );
        assert_eq!(query_form("POST / HTTP/1.1\n\n{}"), None);
        // A name that is both a list and an object is no request.
        assert_eq!(query_form("https://h/?A.0=x&A.B=y"), None);
    }

    #[test]
    fn reads_the_body_after_the_headers_and_the_object_under_response() {
        let text = r#"{"actions": {"ApplyCertificate": [
            {"title": "Apply", "input": "POST / HTTP/1.1\nHost: ssl.tencentcloudapi.com\n<公共请求参数>\n\n{\n \"DomainName\": \"a.com\"\n}",
             "output": "{\"Response\": {\"CertificateId\": \"x\", \"RequestId\": \"r\"}}"},
            {"title": "", "input": "POST / HTTP/1.1\n\n{}", "output": "{\"Response\": {\"Error\": {\"Code\": \"E\"}, \"RequestId\": \"r\"}}"}
        ]}}"#;
        let mut unmapped = Vec::new();
        let examples = parse("examples.json", text, &mut unmapped).unwrap();
        let apply = &examples["ApplyCertificate"];
        assert_eq!(apply.len(), 1);
        assert_eq!(apply[0].title, "Apply");
        assert_eq!(
            apply[0].request,
            Some(serde_json::json!({"DomainName": "a.com"}))
        );
        assert_eq!(apply[0].response["CertificateId"], "x");
        assert_eq!(unmapped.len(), 1);
        assert!(unmapped[0].reason.contains("error answer"), "{unmapped:?}");
    }

    #[test]
    fn missing_quotes_and_commas_are_added_and_reported() {
        let body = "{\n    \"A\": \"x\"\n    B: \"y, z\"\n    \"C\": [\n        1\n    ]\n    \"D\": {\"E\": true}\n}";
        assert!(serde_json::from_str::<Value>(body).is_err());
        let value: Value = serde_json::from_str(&repair(body)).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"A": "x", "B": "y, z", "C": [1], "D": {"E": true}})
        );
        let text = serde_json::json!({"actions": {"X": [{
            "title": "t",
            "input": format!("POST / HTTP/1.1\nX-TC-Action: X\n{body}"),
            "output": "{\"Response\": {\"RequestId\": \"r\"}}"
        }]}})
        .to_string();
        let mut unmapped = Vec::new();
        let examples = parse("examples.json", &text, &mut unmapped).unwrap();
        assert_eq!(examples["X"][0].request.as_ref().unwrap()["B"], "y, z");
        assert!(
            unmapped[0]
                .reason
                .contains("request had quotes or commas missing"),
            "{unmapped:?}"
        );
    }
}
