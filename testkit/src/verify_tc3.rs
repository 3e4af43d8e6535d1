//! TC3-HMAC-SHA256 verification (Tencent Cloud API 3.0), rebuilt from the raw request.

use crate::crypto::{hmac_sha256, sha256_hex};
use crate::http::RawRequest;

/// The algorithm name that starts the Authorization header and the string to sign.
pub(crate) const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The parts of a TC3 Authorization header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Authorization {
    pub(crate) secret_id: String,
    pub(crate) date: String,
    pub(crate) service: String,
    /// The SignedHeaders value exactly as sent: it is part of the canonical request verbatim.
    pub(crate) signed_headers_raw: String,
    pub(crate) signed_headers: Vec<String>,
    pub(crate) signature: String,
}

/// Parses `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b,
/// Signature=HEX`; the error text says what is wrong, for the vendor error message.
pub(crate) fn parse_authorization(value: &[u8]) -> Result<Authorization, String> {
    let parts = crate::authorization::split(value, ALGORITHM)?;
    let scope: Vec<&str> = parts.credential.split('/').collect();
    let [secret_id, date, service, terminator] = scope.as_slice() else {
        return Err("Credential must be SecretId/Date/Service/tc3_request".to_owned());
    };
    if *terminator != "tc3_request" || [secret_id, date, service].iter().any(|s| s.is_empty()) {
        return Err("Credential must be SecretId/Date/Service/tc3_request".to_owned());
    }
    Ok(Authorization {
        secret_id: (*secret_id).to_owned(),
        date: (*date).to_owned(),
        service: (*service).to_owned(),
        signed_headers_raw: parts.signed_headers_raw,
        signed_headers: parts.signed_headers,
        signature: parts.signature,
    })
}

/// What the server computes for a request, kept for error messages and tests.
#[derive(Clone, Debug)]
pub(crate) struct Computed {
    pub(crate) canonical_request: Vec<u8>,
    pub(crate) string_to_sign: String,
    pub(crate) signature: String,
}

/// The TC3 key schedule, `[kDate, kService, kSigning]`:
/// kDate = HMAC("TC3" + secret, date), kService = HMAC(kDate, service),
/// kSigning = HMAC(kService, "tc3_request").
pub(crate) fn signing_keys(secret: &str, date: &str, service: &str) -> [Vec<u8>; 3] {
    let date_key = hmac_sha256(format!("TC3{secret}").as_bytes(), date.as_bytes());
    let service_key = hmac_sha256(&date_key, service.as_bytes());
    let signing = hmac_sha256(&service_key, b"tc3_request");
    [date_key, service_key, signing]
}

/// The canonical request: method, path, raw query, the signed headers sorted by name as
/// `name:lowercase(trim(value))`, a blank line, SignedHeaders as sent, hex SHA-256 of the body.
pub(crate) fn canonical_request(req: &RawRequest, auth: &Authorization) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + req.query.len());
    out.extend_from_slice(req.method.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(req.path.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(req.query.as_bytes());
    out.push(b'\n');
    let mut names = auth.signed_headers.clone();
    names.sort();
    for name in &names {
        // A signed header that is absent canonicalizes as empty: the signature then fails,
        // which is what the vendor answers too.
        let value = req.header(name).unwrap_or_default();
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        out.extend_from_slice(&value.trim_ascii().to_ascii_lowercase());
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(auth.signed_headers_raw.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(sha256_hex(&req.body).as_bytes());
    out
}

/// Recomputes the signature of `req` for `secret`, with the raw `X-TC-Timestamp` value.
pub(crate) fn compute(
    req: &RawRequest,
    auth: &Authorization,
    timestamp: &str,
    secret: &str,
) -> Computed {
    let canonical_request = canonical_request(req, auth);
    let string_to_sign = format!(
        "{ALGORITHM}\n{timestamp}\n{}/{}/tc3_request\n{}",
        auth.date,
        auth.service,
        sha256_hex(&canonical_request)
    );
    let [_, _, signing] = signing_keys(secret, &auth.date, &auth.service);
    let signature = hex::encode(hmac_sha256(&signing, string_to_sign.as_bytes()));
    Computed {
        canonical_request,
        string_to_sign,
        signature,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

    fn vector_request() -> RawRequest {
        let headers = [
            ("content-type", "application/json; charset=utf-8"),
            ("host", "cvm.tencentcloudapi.com"),
            ("x-tc-action", "DescribeInstances"),
            ("x-tc-timestamp", "1551113065"),
            ("x-tc-version", "2017-03-12"),
            ("x-tc-region", "ap-guangzhou"),
        ];
        RawRequest {
            method: "POST".into(),
            path: "/".into(),
            query: String::new(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), v.as_bytes().to_vec()))
                .collect(),
            body: PAYLOAD.as_bytes().to_vec(),
        }
    }

    #[test]
    fn payload_is_the_published_one() {
        assert_eq!(PAYLOAD.len(), 86);
        assert_eq!(
            sha256_hex(PAYLOAD.as_bytes()),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
    }

    #[test]
    fn vector_a() {
        let secret = "*".repeat(32);
        let id = format!("AKID{secret}");
        let header = format!(
            "TC3-HMAC-SHA256 Credential={id}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
        let auth = parse_authorization(header.as_bytes()).expect("vector A parses");
        assert_eq!(auth.secret_id, id);
        let computed = compute(&vector_request(), &auth, "1551113065", &secret);
        let expected_canonical = "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
        assert_eq!(
            String::from_utf8(computed.canonical_request.clone()).expect("ascii"),
            expected_canonical
        );
        assert_eq!(
            sha256_hex(&computed.canonical_request),
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
        assert_eq!(
            computed.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
        let [date_key, service_key, signing_key] = signing_keys(&secret, "2019-02-25", "cvm");
        assert_eq!(
            hex::encode(date_key),
            "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0"
        );
        assert_eq!(
            hex::encode(service_key),
            "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f"
        );
        assert_eq!(
            hex::encode(signing_key),
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
        );
        assert_eq!(computed.signature, auth.signature);
    }

    #[test]
    fn vector_b() {
        let header = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
        let auth = parse_authorization(header.as_bytes()).expect("vector B parses");
        assert_eq!(auth.service, "cvm");
        assert_eq!(auth.date, "2019-02-25");
        let computed = compute(
            &vector_request(),
            &auth,
            "1551113065",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        );
        assert_eq!(
            String::from_utf8(computed.canonical_request.clone()).expect("ascii"),
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            sha256_hex(&computed.canonical_request),
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            computed.string_to_sign,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        assert_eq!(
            computed.signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn malformed_authorizations_are_rejected() {
        let bad = [
            "",
            "TC3-HMAC-SHA256",
            "HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3, SignedHeaders=host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/tc3_request, SignedHeaders=host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=Host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host;;x, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host, Signature=",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host, Signature=x, Foo=1",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, Credential=a/b/c/tc3_request, SignedHeaders=host, Signature=x",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request SignedHeaders=host Signature=x",
        ];
        for header in bad {
            assert!(
                parse_authorization(header.as_bytes()).is_err(),
                "accepted: {header}"
            );
        }
        assert!(parse_authorization(b"TC3-HMAC-SHA256 \xff").is_err());
    }
}
