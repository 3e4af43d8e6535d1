//! What Alibaba Cloud's answers share in both styles, RPC and ROA: the
//! request ID header, the error answer (a 4xx/5xx status with a JSON body
//! naming the code), and what the codes mean for retrying.

use reqwest::header::HeaderMap;
use serde::Deserialize;

use super::seam::{ErrorClass, Failure, Protocol, RawResponse};

/// The request ID the gateway sends with every answer.
pub(super) fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-acs-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The failure an answer with an error status stands for.
pub(super) fn error<P: Protocol>(response: &RawResponse, request_id: Option<String>) -> Failure {
    // The official SDKs treat an answer naming when to retry as throttling, whatever its code.
    let throttled = response.status == 503 || response.headers.contains_key("x-acs-retry-after");
    match serde_json::from_slice::<ErrorBody>(&response.body) {
        Ok(error) => {
            let failure = Failure::service::<P>(
                error.code,
                error.message,
                error.request_id.or(request_id),
                response.status,
            );
            if throttled {
                failure.throttled()
            } else {
                failure
            }
        }
        Err(e) => Failure::malformed(
            response,
            request_id,
            format!(
                "expected a JSON error object with `Code` for HTTP {}: {e}",
                response.status
            ),
        ),
    }
}

/// What a code means for retrying.
pub(super) fn classify(code: &str) -> ErrorClass {
    let throttled = code == "Throttling" || code.starts_with("Throttling.");
    ErrorClass::of(code, throttled)
}

/// Whether the code rejects the request's date.
pub(super) fn is_clock_skew(code: &str) -> bool {
    code == "InvalidTimeStamp.Expired"
}

/// An error answer. Some products (Function Compute among them) spell the
/// keys in lower camel case.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code", alias = "code")]
    code: String,
    #[serde(rename = "Message", alias = "message", default)]
    message: String,
    #[serde(rename = "RequestId", alias = "requestId")]
    request_id: Option<String>,
}
