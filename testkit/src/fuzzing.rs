//! Any bytes as a request, through the server's whole pipeline without sockets: for the fuzz
//! targets and their replay in `cargo test`. Not part of the API.
//!
//! The input's first byte holds flags: bit 0 re-signs the request with the test key and the
//! current time (so that the fuzzer reaches the parameter checks behind the signature); the
//! rest is a request as on the wire: `METHOD TARGET HTTP/1.1`, header lines, a blank line,
//! the body.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;
use tokio::time::Instant;

use crate::catalog;
use crate::config::{ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};
use crate::crypto::sha256_hex;
use crate::dispatch::{self, Outcome};
use crate::http::RawRequest;
use crate::state::Shared;
use crate::{clock, verify_acs3, verify_tc3};

/// What the server did with one input.
#[derive(Debug)]
pub struct Exchange {
    /// The action header's value.
    pub action: String,
    /// The HTTP status, `None` when the connection was closed without an answer.
    pub status: Option<u16>,
    /// The answer's body.
    pub body: Vec<u8>,
    /// The checked parameters, when the request was accepted.
    pub params: Option<Value>,
}

/// Runs `data` through a fresh server state; never panics on any bytes (that is what the fuzz
/// targets check), except on a broken invariant of the answer, which is a bug.
pub fn exchange(data: &[u8]) -> Option<Exchange> {
    let (&flags, rest) = data.split_first()?;
    let mut req = parse(rest)?;
    if flags & 1 == 1 {
        sign(&mut req);
    }
    let spec = catalog::resolve(&catalog::SpecSource::Builtin).ok()?;
    let shared = Shared::new(ServerConfig::new().request_id_seed(7), spec);
    let action = req
        .header_text("x-tc-action")
        .or_else(|| req.header_text("x-acs-action"))
        .unwrap_or_default();
    let vendor = dispatch::protocol_of(&req) != crate::Protocol::Unknown;
    let outcome = dispatch::process(&shared, req, Instant::now());
    let params = shared
        .lock()
        .book
        .received()
        .first()
        .and_then(|r| r.params.clone());
    let (status, body) = match outcome {
        Outcome::Answer { reply, .. } => (Some(reply.status), reply.body),
        Outcome::Drop => (None, Vec::new()),
    };
    if vendor {
        // Without faults every vendor answer is a JSON object carrying a request id.
        let json: Value = serde_json::from_slice(&body).expect("a vendor answer is JSON");
        let request_id = json
            .get("Response")
            .unwrap_or(&json)
            .get("RequestId")
            .and_then(Value::as_str);
        assert!(
            request_id.is_some_and(|id| !id.is_empty()),
            "no RequestId in {json}"
        );
    }
    Some(Exchange {
        action,
        status,
        body,
        params,
    })
}

/// A lenient HTTP/1.1 request parser, for the harness only (the server uses hyper's).
fn parse(data: &[u8]) -> Option<RawRequest> {
    let split = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| (at, at + 4))
        .or_else(|| {
            data.windows(2)
                .position(|w| w == b"\n\n")
                .map(|at| (at, at + 2))
        })?;
    let head = std::str::from_utf8(&data[..split.0]).ok()?;
    let mut lines = head.lines();
    let mut start = lines.next()?.split(' ');
    let method = start.next()?.to_owned();
    let target = start.next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().as_bytes().to_vec()))
        .collect();
    Some(RawRequest {
        method,
        path: path.to_owned(),
        query: query.to_owned(),
        headers,
        body: data[split.1..].to_vec(),
    })
}

fn set(req: &mut RawRequest, name: &str, value: String) {
    req.headers.retain(|(n, _)| n != name);
    req.headers.push((name.to_owned(), value.into_bytes()));
}

/// Signs `req` as a client with the test key would, now.
fn sign(req: &mut RawRequest) {
    let now = clock::now_unix(0);
    if req.has_header("x-tc-action") {
        let service = req
            .header("authorization")
            .and_then(|v| verify_tc3::parse_authorization(&v).ok())
            .map_or_else(|| "ssl".to_owned(), |a| a.service);
        let Some(date) = clock::utc_date(now) else {
            return;
        };
        set(req, "x-tc-timestamp", now.to_string());
        let mut auth = verify_tc3::Authorization {
            secret_id: TEST_KEY_ID.to_owned(),
            date,
            service,
            signed_headers_raw: "content-type;host".to_owned(),
            signed_headers: vec!["content-type".to_owned(), "host".to_owned()],
            signature: String::new(),
        };
        auth.signature =
            verify_tc3::compute(req, &auth, &now.to_string(), TEST_KEY_SECRET).signature;
        let value = format!(
            "TC3-HMAC-SHA256 Credential={}/{}/{}/tc3_request, SignedHeaders=content-type;host, Signature={}",
            auth.secret_id, auth.date, auth.service, auth.signature
        );
        set(req, "authorization", value);
    } else if req.has_header("x-acs-action") {
        static NONCE: AtomicU64 = AtomicU64::new(0);
        let Ok(date) = time::OffsetDateTime::from_unix_timestamp(now) else {
            return;
        };
        let date = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            date.year(),
            u8::from(date.month()),
            date.day(),
            date.hour(),
            date.minute(),
            date.second()
        );
        set(req, "x-acs-date", date);
        set(
            req,
            "x-acs-signature-nonce",
            NONCE.fetch_add(1, Ordering::Relaxed).to_string(),
        );
        set(req, "x-acs-content-sha256", sha256_hex(&req.body));
        if !req.has_header("x-acs-version") {
            set(req, "x-acs-version", "2020-04-07".to_owned());
        }
        if !req.has_header("host") {
            set(req, "host", "127.0.0.1".to_owned());
        }
        let mut names: Vec<String> = req
            .headers
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| n == "host" || n.starts_with("x-acs-"))
            .collect();
        names.sort();
        names.dedup();
        let mut auth = verify_acs3::Authorization {
            access_key_id: TEST_KEY_ID.to_owned(),
            signed_headers_raw: names.join(";"),
            signed_headers: names,
            signature: String::new(),
        };
        auth.signature = verify_acs3::compute(req, &auth, TEST_KEY_SECRET).signature;
        let value = format!(
            "ACS3-HMAC-SHA256 Credential={},SignedHeaders={},Signature={}",
            auth.access_key_id, auth.signed_headers_raw, auth.signature
        );
        set(req, "authorization", value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_signed_requests_reach_the_parameter_checks() {
        let tencent = b"\x01POST / HTTP/1.1\r\nHost: ssl.tencentcloudapi.com\r\nContent-Type: application/json\r\nX-TC-Action: CertificateOrderSubmit\r\nX-TC-Version: 2019-12-05\r\n\r\n{\"CertId\":\"Dsqef134\"}";
        let answered = exchange(tencent).expect("parsed");
        assert_eq!(
            answered.params,
            Some(serde_json::json!({"CertId": "Dsqef134"}))
        );
        let alibaba = b"\x01POST /?Csr=c&Email=e&Phone=1&Username=Tom&ValidateType=DNS&Tags.1.Key=k HTTP/1.1\r\nHost: cas.aliyuncs.com\r\nx-acs-action: CreateCertificateWithCsrRequest\r\n\r\n";
        let answered = exchange(alibaba).expect("parsed");
        assert_eq!(
            answered.status,
            Some(200),
            "{}",
            String::from_utf8_lossy(&answered.body)
        );
        assert!(answered.params.is_some());
        let unsigned = exchange(&tencent.map(|b| if b == 1 { 0 } else { b })).expect("parsed");
        assert_eq!(unsigned.params, None, "refused without a signature");
        assert!(exchange(b"").is_none() && exchange(b"\x01no blank line").is_none());
    }
}
