//! [`SignedRequest`]: what a call would send, for a dry run, with what
//! would let a reader replay it or act as the caller taken out.

use std::fmt;

use crate::sensitive::REDACTED;

/// The request a call would send, signed, with its signature and session
/// token replaced by a placeholder: from [`Call::dry_run`](super::Call::dry_run).
///
/// A signature is a credential for as long as the server accepts its
/// timestamp (minutes), and a session token for hours; the key ID in the
/// `Authorization` header names the key and is kept, as the vendors' own
/// tools show it. Parameter values are the caller's own and are kept: a
/// caller that passes secrets in them redacts them before showing the request.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The whole URL, query included.
    pub url: String,
    /// Header names (lower case) and values, in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// The body as text (lossy for bytes that are not UTF-8); empty if none.
    pub body: String,
}

/// Headers that carry a credential of their own, whatever the vendor.
fn is_token_header(name: &str) -> bool {
    name.contains("token") || name == "x-acs-signature"
}

impl SignedRequest {
    pub(super) fn redacted(request: &reqwest::Request) -> SignedRequest {
        let headers = request
            .headers()
            .iter()
            .map(|(name, value)| {
                let name = name.as_str().to_ascii_lowercase();
                let text = String::from_utf8_lossy(value.as_bytes());
                let shown = if name == "authorization" {
                    without_signature(&text)
                } else if is_token_header(&name) {
                    REDACTED.to_owned()
                } else {
                    text.into_owned()
                };
                (name, shown)
            })
            .collect();
        let body = request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default();
        SignedRequest {
            method: request.method().to_string(),
            url: request.url().to_string(),
            headers,
            body,
        }
    }
}

/// An `Authorization` value (`TC3-HMAC-SHA256 Credential=…, SignedHeaders=…,
/// Signature=…`, or ACS3's alike) with the signature's hex replaced.
fn without_signature(value: &str) -> String {
    let parts: Vec<String> = value
        .split(',')
        .map(|part| {
            let trimmed = part.trim_start();
            match trimmed.strip_prefix("Signature=") {
                Some(_) => {
                    let lead = &part[..part.len() - trimmed.len()];
                    format!("{lead}Signature={REDACTED}")
                }
                None => part.to_owned(),
            }
        })
        .collect();
    parts.join(",")
}

/// An HTTP/1.1-style listing: request line, headers, blank line, body.
impl fmt::Display for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if !self.body.is_empty() {
            writeln!(f)?;
            writeln!(f, "{}", self.body)?;
        }
        Ok(())
    }
}

/// Not the body or query: they hold the caller's parameters, which may be secret.
impl fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("url", &crate::redact::shown_url(&self.url))
            .field("headers", &self.headers.len())
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_and_tokens_are_redacted_the_rest_is_kept() {
        let mut request = reqwest::Request::new(
            reqwest::Method::POST,
            "https://ssl.tencentcloudapi.com/?a=1".parse().unwrap(),
        );
        let headers = request.headers_mut();
        headers.insert(
            "authorization",
            "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-12-05/ssl/tc3_request, SignedHeaders=content-type;host, Signature=0123abcd"
                .parse()
                .unwrap(),
        );
        headers.insert("x-tc-token", "session-token".parse().unwrap());
        headers.insert("x-acs-security-token", "sts-token".parse().unwrap());
        headers.insert("x-tc-action", "ApplyCertificate".parse().unwrap());
        *request.body_mut() = Some(r#"{"DomainName":"example.com"}"#.into());
        let signed = SignedRequest::redacted(&request);
        let shown = signed.to_string();
        for secret in ["0123abcd", "session-token", "sts-token"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.starts_with("POST https://ssl.tencentcloudapi.com/?a=1\n"));
        assert!(shown.contains(
            "authorization: TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-12-05/ssl/tc3_request, SignedHeaders=content-type;host, Signature=*** Sensitive Data Redacted ***"
        ), "{shown}");
        assert!(shown.contains("x-tc-action: ApplyCertificate\n"));
        assert!(shown.ends_with("\n{\"DomainName\":\"example.com\"}\n"));
        let debug = format!("{signed:?}");
        assert!(
            !debug.contains("a=1") && !debug.contains("example.com\""),
            "{debug}"
        );
    }
}
