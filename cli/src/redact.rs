//! A dry run's request with the values of secret members hidden: the
//! runtime already hides the signature and session token; the members the
//! spec marks secret (a private key being uploaded) are the caller's own
//! values, hidden here so that a dry run can be pasted into a bug report.

use cloudapi::runtime::REDACTED;
use cloudapi::runtime::common::SignedRequest;
use serde_json::Value;

/// `request` with the values of members named in `secrets` hidden: in the
/// query (`Name=…`, or a flattened `List.1.Name=…`) and in a JSON body.
pub fn members(mut request: SignedRequest, secrets: &[String]) -> SignedRequest {
    if secrets.is_empty() {
        return request;
    }
    let is_secret = |name: &str| {
        let last = name.rsplit('.').next().unwrap_or(name);
        secrets.iter().any(|s| s == last)
    };
    if let Some((base, query)) = request.url.split_once('?') {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if is_secret(name) => format!("{name}={}", encoded(REDACTED)),
                _ => pair.to_owned(),
            })
            .collect();
        request.url = format!("{base}?{}", pairs.join("&"));
    }
    if let Ok(mut body) = serde_json::from_str::<Value>(&request.body) {
        hide(&mut body, &is_secret);
        request.body = body.to_string();
    } else if request.body.contains('=') {
        // A form body: the same pairs as a query.
        let pairs: Vec<String> = request
            .body
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((name, _)) if is_secret(name) => format!("{name}={}", encoded(REDACTED)),
                _ => pair.to_owned(),
            })
            .collect();
        request.body = pairs.join("&");
    }
    request
}

/// The placeholder as a query value.
fn encoded(text: &str) -> String {
    text.replace(' ', "%20").replace('*', "%2A")
}

fn hide(value: &mut Value, is_secret: &dyn Fn(&str) -> bool) {
    match value {
        Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if is_secret(key) && !member.is_null() {
                    *member = Value::String(REDACTED.to_owned());
                } else {
                    hide(member, is_secret);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| hide(item, is_secret)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_members_are_hidden_in_the_query_and_the_body() {
        let request = SignedRequest {
            method: "POST".into(),
            url: "https://cas.aliyuncs.com/?Name=a&Key=PRIVATE&List.1.Key=PRIVATE2".into(),
            headers: vec![],
            body: r#"{"Cert":"c","Inner":{"Key":"PRIVATE3"}}"#.into(),
        };
        let shown = members(request, &["Key".to_owned()]).to_string();
        assert!(!shown.contains("PRIVATE"), "{shown}");
        assert!(
            shown.contains("Name=a") && shown.contains("\"Cert\":\"c\""),
            "{shown}"
        );
    }
}
