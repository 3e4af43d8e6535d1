//! Tencent Cloud API 3.0: JSON over POST, `TC3-HMAC-SHA256`, answers under `Response`.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Transport;
use super::classify::snippet;
use super::http::Response;
use super::retry::{Failure, Success};
use crate::runtime::credentials::Credentials;
use crate::runtime::error::{MalformedResponse, TransportKind};
use crate::runtime::service::Action;
use crate::runtime::sign::tc3::{self, SigningKey, Tc3Request};

pub(super) const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// `X-TC-RequestClient`: which client sent the request, as the official SDKs report theirs.
pub(super) const REQUEST_CLIENT: &str = concat!(
    "SDK_RUST_",
    env!("CARGO_PKG_NAME"),
    "_",
    env!("CARGO_PKG_VERSION")
);

/// A signed request, ready to send.
pub(super) fn build(
    transport: &Transport,
    action: &'static Action,
    body: &bytes::Bytes,
    credentials: &Credentials,
) -> Result<reqwest::Request, Failure> {
    let inner = &transport.inner;
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let key = signing_key(transport, credentials, timestamp);
    // Signing x-tc-action too binds the signature to the action, as Tencent's own examples do.
    let signed = [
        ("content-type", CONTENT_TYPE),
        ("host", inner.endpoint.host.as_str()),
        ("x-tc-action", action.name),
    ];
    let to_sign = Tc3Request {
        method: "POST",
        canonical_uri: "/",
        canonical_query: "",
        headers: &signed,
        payload: body,
    };
    let authorization = tc3::authorization(credentials.id(), &key, timestamp, &to_sign);
    let mut request = reqwest::Request::new(reqwest::Method::POST, inner.fixed.url.clone());
    let headers = request.headers_mut();
    *headers = inner.fixed.headers.clone();
    headers.insert(HeaderName::from_static("x-tc-action"), header(action.name)?);
    headers.insert(
        HeaderName::from_static("x-tc-timestamp"),
        HeaderValue::from(timestamp),
    );
    headers.insert(AUTHORIZATION, header(&authorization)?);
    if let Some(token) = credentials.token() {
        let mut token = header(token)?;
        token.set_sensitive(true);
        headers.insert(HeaderName::from_static("x-tc-token"), token);
    }
    *request.body_mut() = Some(body.clone().into());
    Ok(request)
}

/// A header value, or a failure before anything was sent.
pub(super) fn header(value: &str) -> Result<HeaderValue, Failure> {
    HeaderValue::from_str(value).map_err(|_| Failure::Transport {
        kind: TransportKind::Other,
        may_have_reached_server: false,
        source: Some("a header value contains characters HTTP does not allow".into()),
    })
}

/// The derived key changes once a UTC day; deriving it costs three HMACs, so it is kept.
fn signing_key(
    transport: &Transport,
    credentials: &Credentials,
    timestamp: i64,
) -> Arc<SigningKey> {
    let day = timestamp.div_euclid(86_400);
    let mut cached = transport
        .inner
        .signing_key
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    match cached.as_ref() {
        Some((cached_day, key)) if *cached_day == day => Arc::clone(key),
        _ => {
            let key = Arc::new(SigningKey::derive(
                credentials.secret(),
                &tc3::utc_date(timestamp),
                transport.inner.service.product,
            ));
            *cached = Some((day, Arc::clone(&key)));
            key
        }
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Box<RawValue>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

/// Tencent answers everything, errors included, with HTTP 200 and `{"Response": …}`;
/// any other status or shape comes from something in between (a proxy, a gateway).
pub(super) fn decode(response: Response) -> Result<Success, Failure> {
    let malformed = |reason: String| {
        Failure::Malformed(MalformedResponse {
            action: "",
            http_status: response.status,
            request_id: None,
            reason,
            snippet: snippet(&response.body),
            body_len: response.body.len(),
            attempts: 0,
        })
    };
    if response.status != 200 {
        return Err(malformed(format!(
            "expected HTTP 200, got {}",
            response.status
        )));
    }
    if response.body.is_empty() {
        return Err(malformed("expected a JSON body, got none".into()));
    }
    let envelope: Envelope = serde_json::from_slice(&response.body)
        .map_err(|e| malformed(format!("expected JSON with a `Response` object: {e}")))?;
    // Only a body that mentions "Error" can be an error: successes skip a parse.
    if envelope.response.get().contains("\"Error\"") {
        let probe: Probe = serde_json::from_str(envelope.response.get())
            .map_err(|e| malformed(format!("expected `Response` to be an object: {e}")))?;
        if let Some(error) = probe.error {
            return Err(Failure::Service {
                code: error.code,
                message: error.message,
                request_id: probe.request_id,
                http_status: response.status,
            });
        }
    }
    Ok(Success {
        payload: envelope.response,
        http_status: response.status,
        request_id: None,
    })
}
