//! Alibaba Cloud RPC: parameters in the query string, `ACS3-HMAC-SHA256`,
//! answers as top-level JSON, errors with a 4xx/5xx status.

use rand::RngExt;
use serde::Deserialize;
use serde_json::value::RawValue;

use reqwest::header::{AUTHORIZATION, HeaderName};

use super::Transport;
use super::classify::snippet;
use super::http::Response;
use super::retry::{Failure, Success};
use super::tencent::header;
use crate::runtime::credentials::Credentials;
use crate::runtime::error::MalformedResponse;
use crate::runtime::service::Action;
use crate::runtime::sign::acs3::{self, Acs3Request};

/// SHA-256 of the empty body: RPC requests carry everything in the query.
const EMPTY_BODY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// A signed request, ready to send. `pairs` and `query` are the parameters
/// and their canonical encoding; the URL carries exactly the signed string.
pub(super) fn build(
    transport: &Transport,
    action: &'static Action,
    pairs: &[(String, String)],
    query: &str,
    credentials: &Credentials,
) -> Result<reqwest::Request, Failure> {
    let inner = &transport.inner;
    let date = x_acs_date();
    // A fresh nonce per attempt: the server rejects a reused one as a replay.
    let nonce = hex::encode(rand::rng().random::<[u8; 16]>());
    let mut signed = vec![
        ("host", inner.endpoint.host.as_str()),
        ("x-acs-action", action.name),
        ("x-acs-content-sha256", EMPTY_BODY_SHA256),
        ("x-acs-date", date.as_str()),
        ("x-acs-signature-nonce", nonce.as_str()),
        ("x-acs-version", inner.service.version),
    ];
    if let Some(token) = credentials.token() {
        signed.push(("x-acs-security-token", token));
    }
    let to_sign = Acs3Request {
        method: "POST",
        canonical_uri: "/",
        query: pairs,
        headers: &signed,
        payload_hash: EMPTY_BODY_SHA256,
    };
    let signature = acs3::sign(credentials.id(), credentials.secret(), &to_sign);
    let mut url = inner.fixed.url.clone();
    if !query.is_empty() {
        url.set_query(Some(query));
    }
    let mut request = reqwest::Request::new(reqwest::Method::POST, url);
    let headers = request.headers_mut();
    *headers = inner.fixed.headers.clone();
    for (name, value) in &signed[1..] {
        if *name != "x-acs-version" {
            let mut value = header(value)?;
            value.set_sensitive(*name == "x-acs-security-token");
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    headers.insert(AUTHORIZATION, header(&signature.authorization)?);
    Ok(request)
}

fn x_acs_date() -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::now_utc()
        .format(&format)
        .unwrap_or_default()
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

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
    if !(200..300).contains(&response.status) {
        return match serde_json::from_slice::<ErrorBody>(&response.body) {
            Ok(error) => Err(Failure::Service {
                code: error.code,
                message: error.message,
                request_id: error.request_id.or(response.request_id.clone()),
                http_status: response.status,
            }),
            Err(e) => Err(malformed(
                format!(
                    "expected a JSON error object with `Code` for HTTP {}: {e}",
                    response.status
                ),
                response.request_id.clone(),
            )),
        };
    }
    if response.body.is_empty() {
        return Err(malformed(
            "expected a JSON body, got none".into(),
            response.request_id.clone(),
        ));
    }
    let payload: Box<RawValue> = serde_json::from_slice(&response.body).map_err(|e| {
        malformed(
            format!("expected a JSON object: {e}"),
            response.request_id.clone(),
        )
    })?;
    Ok(Success {
        payload,
        http_status: response.status,
        request_id: response.request_id,
    })
}
