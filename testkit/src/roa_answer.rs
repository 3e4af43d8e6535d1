//! How an Alibaba ROA product writes a successful answer: the answer's body members as the
//! JSON body itself (no envelope, no `RequestId` in it), the request ID in `x-acs-request-id`,
//! header members as headers, a payload member as the whole body in text, and no body at all
//! (204) for an action that answers nothing.

use serde_json::Value;

use crate::catalog::{HttpBinding, Location};
use crate::http::Reply;
use crate::ids::IdGen;

/// The answer `response` (an example, a test's, a computed one) written as ROA does; the
/// request ID is fresh unless `keep_given` and the response has one (which the typed answers
/// carry as `RequestId`, the member the client fills from the header).
pub(crate) fn success(
    ids: &mut IdGen,
    response: Value,
    keep_given: bool,
    binding: Option<&HttpBinding>,
) -> Reply {
    let mut object = match response {
        Value::Object(object) => object,
        // Only a test's raw answer can be something else: sent as it is.
        other => return Reply::json(200, &other).with_header("x-acs-request-id", ids.upper()),
    };
    let given = object
        .remove("RequestId")
        .and_then(|id| id.as_str().filter(|id| !id.is_empty()).map(str::to_owned));
    let id = match given {
        Some(id) if keep_given => id,
        _ => ids.upper(),
    };
    let mut headers = vec![("x-acs-request-id".to_owned(), id)];
    let Some(binding) = binding else {
        return with_headers(Reply::json(200, &Value::Object(object)), headers);
    };
    for (name, location) in &binding.outputs {
        if *location != Location::Header {
            continue;
        }
        match object.remove(name) {
            None | Some(Value::Null) => {}
            Some(value) => headers.push((name.to_ascii_lowercase(), text(value))),
        }
    }
    let reply = match binding.payload_output() {
        Some(name) => Reply {
            status: 200,
            content_type: "application/octet-stream",
            body: object
                .remove(name)
                .map(text)
                .unwrap_or_default()
                .into_bytes(),
            headers: Vec::new(),
        },
        None if object.is_empty() && !binding.body_output => Reply {
            status: 204,
            content_type: "",
            body: Vec::new(),
            headers: Vec::new(),
        },
        None => Reply::json(200, &Value::Object(object)),
    };
    with_headers(reply, headers)
}

fn with_headers(mut reply: Reply, headers: Vec<(String, String)>) -> Reply {
    reply.headers.extend(headers);
    reply
}

/// A member's value as header or payload text: text as it is, anything else as its JSON.
fn text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::catalog::{Field, Location, Ty};

    fn binding(outputs: &[(&str, Location)]) -> HttpBinding {
        let fields: Vec<Field> = outputs
            .iter()
            .map(|(name, location)| Field {
                name: (*name).to_owned(),
                ty: Ty::String,
                required: false,
                nullable: false,
                values: None,
                constraints: Default::default(),
                json_text: false,
                location: *location,
            })
            .collect();
        let http = json!({"method": "GET", "path": "/x"});
        HttpBinding::parse(Some(&http), &fields)
            .expect("parses")
            .expect("a binding")
    }

    fn header<'r>(reply: &'r Reply, name: &str) -> Option<&'r str> {
        reply
            .headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn body_members_are_the_body_and_header_members_headers() {
        let mut ids = IdGen::new(1);
        let b = binding(&[
            ("domainName", Location::Body),
            ("x-fc-code-checksum", Location::Header),
        ]);
        let response = json!({"domainName": "a", "x-fc-code-checksum": 7, "RequestId": "R-1"});
        let reply = success(&mut ids, response.clone(), false, Some(&b));
        assert_eq!(reply.status, 200);
        let body: Value = serde_json::from_slice(&reply.body).expect("JSON");
        assert_eq!(body, json!({"domainName": "a"}), "no RequestId in the body");
        assert_eq!(header(&reply, "x-fc-code-checksum"), Some("7"));
        let fresh = header(&reply, "x-acs-request-id").expect("an id");
        assert_ne!(fresh, "R-1", "the example's id is not reused");
        let kept = success(&mut ids, response, true, Some(&b));
        assert_eq!(header(&kept, "x-acs-request-id"), Some("R-1"));
    }

    #[test]
    fn a_payload_is_the_body_as_text_and_nothing_is_204() {
        let mut ids = IdGen::new(1);
        let b = binding(&[("body", Location::Payload)]);
        let reply = success(&mut ids, json!({"body": "hello"}), false, Some(&b));
        assert_eq!((reply.status, reply.body.as_slice()), (200, &b"hello"[..]));
        assert_eq!(reply.content_type, "application/octet-stream");
        let nothing = success(&mut ids, json!({}), false, Some(&binding(&[])));
        assert_eq!((nothing.status, nothing.body.len()), (204, 0));
        assert!(header(&nothing, "x-acs-request-id").is_some());
    }
}
