//! How each vendor writes its answers: the success envelope with a fresh `RequestId`, the
//! error envelope, throttling.

use serde_json::{Value, json};

use crate::catalog::HttpBinding;
use crate::http::Reply;
use crate::ids::IdGen;
use crate::roa_answer;
use crate::rules::ErrorAnswer;

/// How a vendor writes its answers.
#[derive(Clone, Debug)]
pub(crate) enum Envelope {
    Tencent,
    Alibaba {
        host: String,
        product: String,
    },
    /// Alibaba's ROA products: errors as RPC's, answers as the body itself, the request ID
    /// and the answer's header members as headers (`binding` says which members those are;
    /// `None` for a request that named no action).
    AlibabaRoa {
        host: String,
        product: String,
        // Boxed: the envelope travels in every answer's decision, most of them not ROA.
        binding: Option<Box<HttpBinding>>,
    },
    Plain,
}

impl Envelope {
    /// A vendor error; `status` only matters where the vendor uses HTTP statuses.
    pub(crate) fn error(&self, ids: &mut IdGen, e: &ErrorAnswer) -> Reply {
        match self {
            Envelope::Tencent => tencent_error(ids, &e.code, &e.message),
            Envelope::Alibaba { host, product } => alibaba_error(
                ids.upper(),
                host,
                product,
                e.status.unwrap_or(400),
                &e.code,
                &e.message,
            ),
            Envelope::AlibabaRoa { host, product, .. } => {
                let id = ids.upper();
                let status = e.status.unwrap_or(400);
                let reply = alibaba_error(id.clone(), host, product, status, &e.code, &e.message);
                // ROA answers carry the request ID as a header, errors included.
                reply.with_header("x-acs-request-id", id)
            }
            Envelope::Plain => Reply::text(e.status.unwrap_or(400), &e.message),
        }
    }

    /// The HTTP status an error gets.
    pub(crate) fn status(&self, e: &ErrorAnswer) -> u16 {
        match self {
            Envelope::Tencent => 200,
            _ => e.status.unwrap_or(400),
        }
    }

    /// A success answer carrying `response` in the vendor's envelope, with a fresh
    /// `RequestId` unless `keep_given` and the response has a non-empty one.
    pub(crate) fn success(&self, ids: &mut IdGen, mut response: Value, keep_given: bool) -> Reply {
        if let Envelope::AlibabaRoa { binding, .. } = self {
            return roa_answer::success(ids, response, keep_given, binding.as_deref());
        }
        if let Value::Object(map) = &mut response {
            let given = map
                .get("RequestId")
                .and_then(Value::as_str)
                .is_some_and(|id| !id.is_empty());
            if !(keep_given && given) {
                let id = match self {
                    Envelope::Tencent => ids.lower(),
                    _ => ids.upper(),
                };
                map.insert("RequestId".to_owned(), Value::String(id));
            }
        }
        match self {
            Envelope::Tencent => Reply::json(200, &serde_json::json!({ "Response": response })),
            _ => Reply::json(200, &response),
        }
    }

    /// The vendor's throttling error.
    pub(crate) fn throttled(&self, ids: &mut IdGen) -> Reply {
        let (code, message, status) = match self {
            Envelope::Tencent => (
                "RequestLimitExceeded",
                "Your request rate exceeds the frequency limit of this action; please reduce the frequency of calls.",
                None,
            ),
            _ => (
                "Throttling.User",
                "Request was denied due to user flow control.",
                Some(400),
            ),
        };
        self.error(
            ids,
            &ErrorAnswer {
                code: code.to_owned(),
                message: message.to_owned(),
                status,
            },
        )
    }
}

/// A Tencent error answer: HTTP 200, `{"Response":{"Error":{..},"RequestId":..}}` with a fresh
/// RequestId.
fn tencent_error(ids: &mut IdGen, code: &str, message: &str) -> Reply {
    let body = json!({
        "Response": {
            "Error": { "Code": code, "Message": message },
            "RequestId": ids.lower(),
        }
    });
    Reply::json(200, &body)
}

/// An Alibaba error answer: `status` and
/// `{"RequestId","HostId","Code","Message","Recommend"}` with a fresh RequestId.
fn alibaba_error(
    request_id: String,
    host: &str,
    product: &str,
    status: u16,
    code: &str,
    message: &str,
) -> Reply {
    let body = json!({
        "RequestId": request_id,
        "HostId": host,
        "Code": code,
        "Message": message,
        "Recommend": format!("https://api.aliyun.com/troubleshoot?q={code}&product={product}"),
    });
    Reply::json(status, &body)
}
