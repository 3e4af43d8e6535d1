//! Alibaba Cloud `ACS3-HMAC-SHA256` (the V3 signature).
//!
//! ```text
//! canonical request = method \n uri \n canonical query \n
//!                     (lower(name):trim(value) \n)* \n signed headers \n hex(sha256(body))
//! string to sign    = ACS3-HMAC-SHA256 \n hex(sha256(canonical request))
//! signature         = hex(HMAC(access key secret, string to sign))
//! ```
//!
//! Unlike TC3 the query is signed, so [`canonical_query`] is also what the
//! client sends as the URL query: the server then sees exactly what was signed.

use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::{hmac_sha256, sha256_hex, with_sorted_headers};

/// The algorithm name that opens the string to sign and the header value.
const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// RFC 3986 unreserved characters stay as they are; everything else is escaped.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The parts of an HTTP request that ACS3 signs.
#[derive(Clone, Copy)]
pub struct Acs3Request<'a> {
    /// HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// Path, `/` for RPC-style APIs.
    pub canonical_uri: &'a str,
    /// Raw, unencoded (name, value) query pairs; see [`canonical_query`].
    pub query: &'a [(String, String)],
    /// The headers to sign: `host`, every `x-acs-*`, and `content-type` if
    /// sent. Signed as `lowercase(name):trim(value)` (the value keeps its
    /// case), sorted by name.
    pub headers: &'a [(&'a str, &'a str)],
    /// Lowercase hex SHA-256 of the body (also sent as `x-acs-content-sha256`).
    pub payload_hash: &'a str,
}

/// Every intermediate of an ACS3 signature, for tests and debugging.
#[derive(Clone, PartialEq, Eq)]
pub struct Acs3Signature {
    /// The canonical request text. It holds the query values, which may be
    /// secrets (a private key uploaded as a parameter), so `Debug` omits it.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// Lowercase hex signature.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

impl fmt::Debug for Acs3Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acs3Signature")
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &self.signature)
            .field("authorization", &self.authorization)
            .finish_non_exhaustive()
    }
}

/// Signs `request` with the access key pair.
pub fn sign(access_key_id: &str, access_key_secret: &str, request: &Acs3Request) -> Acs3Signature {
    let (canonical_headers, signed_headers) = with_sorted_headers(request.headers, |headers| {
        let mut canonical = String::new();
        let mut signed = String::new();
        for (name, value) in headers {
            let name = name.to_ascii_lowercase();
            canonical.push_str(&name);
            canonical.push(':');
            canonical.push_str(value.trim());
            canonical.push('\n');
            if !signed.is_empty() {
                signed.push(';');
            }
            signed.push_str(&name);
        }
        (canonical, signed)
    });
    let canonical_request = format!(
        "{method}\n{uri}\n{query}\n{canonical_headers}\n{signed_headers}\n{payload_hash}",
        method = request.method,
        uri = request.canonical_uri,
        query = canonical_query(request.query),
        payload_hash = request.payload_hash,
    );
    let string_to_sign = format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()));
    let signature = hex::encode(hmac_sha256(
        access_key_secret.as_bytes(),
        string_to_sign.as_bytes(),
    ));
    let authorization = format!(
        "{ALGORITHM} Credential={access_key_id},SignedHeaders={signed_headers},Signature={signature}"
    );
    Acs3Signature {
        canonical_request,
        string_to_sign,
        signature,
        authorization,
    }
}

/// RFC 3986 encoding: only `A-Z a-z 0-9 - _ . ~` unescaped (space → `%20`,
/// `*` → `%2A`, `/` → `%2F`, UTF-8 bytes as `%XX` uppercase).
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// Encodes names and values, sorts by encoded name then value (plain byte
/// order: `Tags.1.Key` < `Tags.10.Key` < `Tags.2.Key`), joins `k=v` with `&`.
///
/// The client also uses this exact string as the URL query, so the server
/// sees what was signed.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = pairs
        .iter()
        .map(|(name, value)| (percent_encode(name), percent_encode(value)))
        .collect();
    encoded.sort_unstable();
    let len = encoded
        .iter()
        .map(|(name, value)| name.len() + value.len() + 2)
        .sum();
    let mut out = String::with_capacity(len);
    for (name, value) in &encoded {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn published_vector() {
        let empty_body = sha256_hex(b"");
        assert_eq!(
            empty_body,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let query = pairs(&[
            ("RegionId", "cn-shanghai"),
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
        ]);
        // Deliberately unsorted, in mixed case.
        let headers = [
            ("x-acs-version", "2014-05-26"),
            ("Host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-content-sha256", empty_body.as_str()),
        ];
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query,
            headers: &headers,
            payload_hash: &empty_body,
        };
        let signed = sign("YourAccessKeyId", "YourAccessKeySecret", &request);

        assert_eq!(
            signed.canonical_request,
            format!(
                "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
                 host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:{empty_body}\n\
                 x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
                 x-acs-version:2014-05-26\n\n\
                 host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{empty_body}"
            )
        );
        let hashed = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259";
        assert_eq!(sha256_hex(signed.canonical_request.as_bytes()), hashed);
        assert_eq!(signed.string_to_sign, format!("ACS3-HMAC-SHA256\n{hashed}"));
        assert_eq!(
            signed.signature,
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
        assert_eq!(
            signed.authorization,
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn header_values_keep_their_case_and_are_trimmed() {
        let headers = [("X-Acs-Action", "  RunInstances \t")];
        let request = Acs3Request {
            method: "GET",
            canonical_uri: "/",
            query: &[],
            headers: &headers,
            payload_hash: "",
        };
        let signed = sign("id", "secret", &request);
        assert_eq!(
            signed.canonical_request,
            "GET\n/\n\nx-acs-action:RunInstances\n\nx-acs-action\n"
        );
    }

    #[test]
    fn debug_omits_the_canonical_request() {
        let query = pairs(&[("Key", "-----BEGIN PRIVATE KEY-----")]);
        let request = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query,
            headers: &[],
            payload_hash: "",
        };
        let printed = format!("{:?}", sign("id", "secret", &request));
        assert!(!printed.contains("PRIVATE"), "{printed}");
    }

    #[test]
    fn percent_encoding_is_rfc3986() {
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("a/b"), "a%2Fb");
        assert_eq!(percent_encode("~-_.AZaz09"), "~-_.AZaz09");
        assert_eq!(percent_encode("+=&%"), "%2B%3D%26%25");
        assert_eq!(percent_encode("证书"), "%E8%AF%81%E4%B9%A6");
    }

    #[test]
    fn canonical_query_sorts_encoded_names_bytewise() {
        let query = pairs(&[
            ("Tags.2.Key", "b"),
            ("Tags.10.Key", "c"),
            ("Tags.1.Key", "a b*"),
            ("Action", "证书"),
        ]);
        assert_eq!(
            canonical_query(&query),
            "Action=%E8%AF%81%E4%B9%A6&Tags.1.Key=a%20b%2A&Tags.10.Key=c&Tags.2.Key=b"
        );
    }

    #[test]
    fn canonical_query_orders_repeated_names_by_value() {
        let query = pairs(&[("A", "2"), ("A", "1"), ("a", "0")]);
        assert_eq!(canonical_query(&query), "A=1&A=2&a=0");
        assert_eq!(canonical_query(&[]), "");
    }
}
