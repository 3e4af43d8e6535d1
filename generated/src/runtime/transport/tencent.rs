//! Tencent Cloud API 3.0: JSON over POST, `TC3-HMAC-SHA256`, answers under `Response`.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::Transport;
use super::classify::snippet;
use super::http::Response;
use super::retry::{Failure, Success};
use crate::runtime::credentials::Credentials;
use crate::runtime::error::MalformedResponse;
use crate::runtime::service::Action;
use crate::runtime::sign::tc3::{self, SigningKey, Tc3Request};

const CONTENT_TYPE: &str = "application/json; charset=utf-8";

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
) -> reqwest::RequestBuilder {
    let inner = &transport.inner;
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    let key = signing_key(transport, credentials, timestamp);
    let host = inner.endpoint.host.as_str();
    // Signing x-tc-action too binds the signature to the action, as Tencent's own examples do.
    let signed = [
        ("content-type", CONTENT_TYPE),
        ("host", host),
        ("x-tc-action", action.name),
    ];
    let request = Tc3Request {
        method: "POST",
        canonical_uri: "/",
        canonical_query: "",
        headers: &signed,
        payload: body,
    };
    let authorization = tc3::authorization(credentials.id(), &key, timestamp, &request);
    let mut builder = inner
        .http
        .post(format!("{}/", inner.endpoint.base_url))
        .header("Host", host)
        .header("Content-Type", CONTENT_TYPE)
        .header("X-TC-Action", action.name)
        .header("X-TC-Version", inner.service.version)
        .header("X-TC-Timestamp", timestamp.to_string())
        .header("X-TC-RequestClient", REQUEST_CLIENT)
        .header("Authorization", authorization);
    if let Some(region) = &inner.region {
        builder = builder.header("X-TC-Region", region.as_str());
    }
    if let Some(token) = credentials.token() {
        builder = builder.header("X-TC-Token", token);
    }
    if let Some(language) = inner.config.language {
        builder = builder.header("X-TC-Language", language.as_str());
    }
    builder.body(body.clone())
}

/// The derived key changes once a day; deriving it costs three HMACs per call otherwise.
fn signing_key(transport: &Transport, credentials: &Credentials, timestamp: i64) -> SigningKey {
    let date = tc3::utc_date(timestamp);
    let service = transport.inner.service.product;
    let mut cached = transport
        .inner
        .signing_key
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    match cached.as_ref() {
        Some(key) if key.date() == date && key.service() == service => key.clone(),
        _ => {
            let key = SigningKey::derive(credentials.secret(), &date, service);
            *cached = Some(key.clone());
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
    let malformed = |reason: String, request_id: Option<String>| {
        Failure::Malformed(MalformedResponse {
            action: "",
            http_status: response.status,
            request_id,
            reason,
            snippet: snippet(&response.body),
            body_len: response.body.len(),
            attempts: 0,
        })
    };
    if response.status != 200 {
        return Err(malformed(
            format!("expected HTTP 200, got {}", response.status),
            None,
        ));
    }
    if response.body.is_empty() {
        return Err(malformed("expected a JSON body, got none".into(), None));
    }
    let envelope: Envelope = serde_json::from_slice(&response.body)
        .map_err(|e| malformed(format!("expected JSON with a `Response` object: {e}"), None))?;
    let probe: Probe = serde_json::from_str(envelope.response.get())
        .map_err(|e| malformed(format!("expected `Response` to be an object: {e}"), None))?;
    if let Some(error) = probe.error {
        return Err(Failure::Service {
            code: error.code,
            message: error.message,
            request_id: probe.request_id,
            http_status: response.status,
        });
    }
    Ok(Success {
        payload: envelope.response,
        http_status: response.status,
        request_id: probe.request_id,
    })
}
