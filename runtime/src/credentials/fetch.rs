//! HTTP for credential sources: short timeouts, bounded answers, and errors
//! that name the URL and the cause but never a header or a body.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use crate::credential_types::error::Problem;

/// Largest answer a credential source may send.
const MAX_ANSWER: usize = 64 * 1024;

/// Timeout of one request to a metadata service (link-local, answers at once
/// or is not there) and of one request to anything else.
pub(crate) const METADATA_TIMEOUT: Duration = Duration::from_secs(1);
pub(crate) const REMOTE_TIMEOUT: Duration = Duration::from_secs(10);

/// An answer: status and body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: bytes::Bytes,
}

/// Whether a failure means "nothing is there" (connect refused, no such
/// host, timeout while connecting) rather than a broken service.
pub(crate) enum Failed {
    Unreachable(String),
    Other(String),
}

impl Failed {
    /// As a problem: unreachable is "not available" (the chain moves on)
    /// when `absent_is_normal`, as for metadata services off the cloud.
    pub(crate) fn problem(self, absent_is_normal: bool) -> Problem {
        match self {
            Failed::Unreachable(why) if absent_is_normal => Problem::Unavailable(why),
            Failed::Unreachable(why) | Failed::Other(why) => Problem::Request(why),
        }
    }
}

/// A request to `url` with `method`, these headers (values marked sensitive)
/// and body, within `timeout`.
pub(crate) async fn send(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    headers: &[(&'static str, &str)],
    body: Option<(&'static str, Vec<u8>)>,
    timeout: Duration,
) -> Result<Answer, Failed> {
    let url = reqwest::Url::parse(url).map_err(|e| Failed::Other(format!("not a URL: {e}")))?;
    let mut request = reqwest::Request::new(method, url);
    *request.timeout_mut() = Some(timeout);
    for (name, value) in headers {
        let mut value = HeaderValue::from_str(value).map_err(|_| {
            Failed::Other(format!(
                "header {name} holds characters HTTP does not allow"
            ))
        })?;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(HeaderName::from_static(name), value);
    }
    if let Some((content_type, body)) = body {
        request.headers_mut().insert(
            reqwest::header::CONTENT_TYPE,
            HeaderValue::from_static(content_type),
        );
        *request.body_mut() = Some(body.into());
    }
    let mut response = http.execute(request).await.map_err(failed)?;
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        if body.len() + chunk.len() > MAX_ANSWER {
            return Err(Failed::Other(format!(
                "answer larger than {MAX_ANSWER} bytes"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        headers,
        body: body.into(),
    })
}

fn failed(error: reqwest::Error) -> Failed {
    let unreachable = error.is_connect() || (error.is_timeout() && !error.is_body());
    let why = crate::cause::cause_chain(&error.without_url());
    if unreachable {
        Failed::Unreachable(why)
    } else {
        Failed::Other(why)
    }
}

/// Reads a JSON answer into `T`; the error says where it broke, never what
/// the answer held (serde's messages can quote values, which may be secrets).
pub(crate) fn json<T: DeserializeOwned>(body: &[u8], expected: &str) -> Result<T, Problem> {
    serde_json::from_slice(body).map_err(|e| {
        Problem::BadAnswer(format!(
            "expected {expected}; {} at line {} column {}",
            match e.classify() {
                serde_json::error::Category::Io => "read error",
                serde_json::error::Category::Syntax => "not JSON",
                serde_json::error::Category::Data => "a field is missing or has the wrong type",
                serde_json::error::Category::Eof => "the answer ends early",
            },
            e.line(),
            e.column()
        ))
    })
}

/// `HTTP <status>` as a refusal, naming the status only.
pub(crate) fn status_problem(status: u16) -> Problem {
    Problem::Refused(format!("HTTP {status}"))
}

/// Parses an RFC 3339 time (`2026-12-01T15:40:12Z`, with or without
/// fraction or offset), as the vendors write `Expiration`.
pub(crate) fn parse_time(text: &str) -> Result<SystemTime, Problem> {
    let parsed =
        time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
            .map_err(|_| Problem::BadAnswer("expiration is not an RFC 3339 time".into()))?;
    // Through Unix seconds: `SystemTime::from` panics where the platform's
    // time cannot hold the date (before 1601 on Windows, Go's zero time).
    let seconds = parsed.unix_timestamp();
    let at = if seconds >= 0 {
        SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds.unsigned_abs()))
    } else {
        SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs()))
    };
    at.ok_or_else(|| Problem::BadAnswer("expiration out of range".into()))
}

/// A Unix time in seconds.
pub(crate) fn unix_time(seconds: i64) -> Result<SystemTime, Problem> {
    u64::try_from(seconds)
        .ok()
        .and_then(|s| SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(s)))
        .ok_or_else(|| Problem::BadAnswer("expiry time out of range".into()))
}

/// `2026-12-01T15:40:12Z`, for `Debug` output and Alibaba's STS timestamp.
pub(crate) fn rfc3339(at: SystemTime) -> String {
    crate::clock::utc_text(at)
}

/// The HTTP client credential sources use unless given one: the crate's
/// TLS setup, and no proxy when `direct` (metadata services are link-local).
pub(crate) fn default_client(direct: bool) -> reqwest::Client {
    let builder = crate::transport::http_client_builder().connect_timeout(METADATA_TIMEOUT);
    let builder = if direct { builder.no_proxy() } else { builder };
    builder.build().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let t = parse_time("2026-12-01T15:40:12Z").unwrap();
        assert_eq!(rfc3339(t), "2026-12-01T15:40:12Z");
        assert_eq!(parse_time("2026-12-01T23:40:12+08:00").unwrap(), t);
        assert!(parse_time("yesterday").is_err());
        assert_eq!(unix_time(1_796_139_612).unwrap(), t);
        assert!(unix_time(-1).is_err());
    }

    #[test]
    fn json_errors_quote_nothing() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            n: u32,
        }
        let problem = json::<T>(br#"{"n": "secret-value"}"#, "a number").unwrap_err();
        let text = problem.to_string();
        assert!(!text.contains("secret-value"), "{text}");
        assert!(text.contains("expected a number"), "{text}");
    }
}
