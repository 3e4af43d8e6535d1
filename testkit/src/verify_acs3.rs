//! ACS3-HMAC-SHA256 verification (Alibaba Cloud V3 signature), rebuilt from the raw request.

use percent_encoding::percent_decode;

use crate::crypto::{hmac_sha256, sha256_hex};
use crate::http::RawRequest;

/// The algorithm name that starts the Authorization header and the string to sign.
pub(crate) const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The parts of an ACS3 Authorization header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Authorization {
    pub(crate) access_key_id: String,
    /// The SignedHeaders value exactly as sent: it is part of the canonical request verbatim.
    pub(crate) signed_headers_raw: String,
    pub(crate) signed_headers: Vec<String>,
    pub(crate) signature: String,
}

/// Parses `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=HEX` (spaces after the
/// commas tolerated); the error text says what is wrong, for the vendor error message.
pub(crate) fn parse_authorization(value: &[u8]) -> Result<Authorization, String> {
    let parts = crate::authorization::split(value, ALGORITHM)?;
    Ok(Authorization {
        access_key_id: parts.credential,
        signed_headers_raw: parts.signed_headers_raw,
        signed_headers: parts.signed_headers,
        signature: parts.signature,
    })
}

/// Splits the raw query on `&` and `=` and percent-decodes names and values; `+` stays a
/// literal plus (RFC 3986 queries, not HTML forms). Empty segments are skipped.
pub(crate) fn decode_query(raw: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    raw.split('&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| {
            let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
            (
                percent_decode(name.as_bytes()).collect(),
                percent_decode(value.as_bytes()).collect(),
            )
        })
        .collect()
}

/// RFC 3986 encoding: only `A-Z a-z 0-9 - _ . ~` stay as they are, everything else becomes
/// an uppercase `%XX` per byte.
pub(crate) fn rfc3986_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The canonical query: decoded pairs re-encoded with [`rfc3986_encode`], sorted by encoded
/// name then value (plain byte order), joined as `name=value` with `&`.
pub(crate) fn canonical_query(raw: &str) -> String {
    let mut pairs: Vec<(String, String)> = decode_query(raw)
        .iter()
        .map(|(n, v)| (rfc3986_encode(n), rfc3986_encode(v)))
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// What the server computes for a request, kept for error messages and tests.
#[derive(Clone, Debug)]
pub(crate) struct Computed {
    pub(crate) canonical_request: Vec<u8>,
    pub(crate) string_to_sign: String,
    pub(crate) signature: String,
}

/// The canonical request: method, path, canonical query, the signed headers sorted by name as
/// `name:trim(value)` (value case kept), a blank line, SignedHeaders as sent, and the value of
/// `x-acs-content-sha256` (the body hash the client declared and signed).
pub(crate) fn canonical_request(req: &RawRequest, auth: &Authorization) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + req.query.len());
    out.extend_from_slice(req.method.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(req.path.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_query(&req.query).as_bytes());
    out.push(b'\n');
    let mut names = auth.signed_headers.clone();
    names.sort();
    for name in &names {
        // An absent signed header canonicalizes as empty, so the signature fails.
        let value = req.header(name).unwrap_or_default();
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        out.extend_from_slice(value.trim_ascii());
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(auth.signed_headers_raw.as_bytes());
    out.push(b'\n');
    let declared = req.header("x-acs-content-sha256").unwrap_or_default();
    out.extend_from_slice(declared.trim_ascii());
    out
}

/// Recomputes the signature of `req` for `secret`.
pub(crate) fn compute(req: &RawRequest, auth: &Authorization, secret: &str) -> Computed {
    let canonical_request = canonical_request(req, auth);
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(&canonical_request));
    let signature = hex::encode(hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()));
    Computed {
        canonical_request,
        string_to_sign,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY_SHA: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn vector_request() -> RawRequest {
        let headers = [
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_SHA),
        ];
        RawRequest {
            method: "POST".into(),
            path: "/".into(),
            query:
                "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
                    .into(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), v.as_bytes().to_vec()))
                .collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn published_vector() {
        let header = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
        let auth = parse_authorization(header.as_bytes()).expect("vector parses");
        assert_eq!(auth.access_key_id, "YourAccessKeyId");
        let computed = compute(&vector_request(), &auth, "YourAccessKeySecret");
        let expected_canonical = format!(
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\nhost:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:{EMPTY_SHA}\nx-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{EMPTY_SHA}"
        );
        assert_eq!(
            String::from_utf8(computed.canonical_request.clone()).expect("ascii"),
            expected_canonical
        );
        assert_eq!(
            sha256_hex(&computed.canonical_request),
            "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(
            computed.string_to_sign,
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
        assert_eq!(computed.signature, auth.signature);
    }

    #[test]
    fn query_order_is_plain_byte_order_of_encoded_names() {
        let q = canonical_query("Tags.2.Key=b&Tags.10.Key=c&Tags.1.Key=a&A=2&A=1");
        assert_eq!(q, "A=1&A=2&Tags.1.Key=a&Tags.10.Key=c&Tags.2.Key=b");
    }

    #[test]
    fn query_values_are_decoded_then_reencoded() {
        // `+` is a literal plus, lowercase escapes become uppercase, `*` and `/` are escaped,
        // unreserved characters escaped by the client are unescaped.
        let q = canonical_query("B=a+b&C=%2a%2F&D=%41~&E=x%20y&F=*/&G&%E4%B8%AD=1");
        assert_eq!(q, "%E4%B8%AD=1&B=a%2Bb&C=%2A%2F&D=A~&E=x%20y&F=%2A%2F&G=");
    }

    #[test]
    fn empty_query_is_empty() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("&&"), "");
    }

    #[test]
    fn malformed_authorizations_are_rejected() {
        let bad = [
            "",
            "ACS3-HMAC-SHA256",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host",
            "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=x",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=Host,Signature=x",
            "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=x,Extra=1",
            "TC3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=x",
        ];
        for header in bad {
            assert!(
                parse_authorization(header.as_bytes()).is_err(),
                "accepted: {header}"
            );
        }
        let spaced = parse_authorization(
            b"ACS3-HMAC-SHA256 Credential=a, SignedHeaders=host;x-acs-date, Signature=ff",
        )
        .expect("spaces after commas are tolerated");
        assert_eq!(spaced.signed_headers, ["host", "x-acs-date"]);
    }
}
