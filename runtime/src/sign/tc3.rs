//! Tencent Cloud `TC3-HMAC-SHA256`.
//!
//! ```text
//! canonical request = method \n uri \n query \n
//!                     (lower(name):lower(trim(value)) \n)* \n
//!                     signed headers \n hex(sha256(payload))
//! string to sign    = TC3-HMAC-SHA256 \n timestamp \n
//!                     date/service/tc3_request \n hex(sha256(canonical request))
//! signing key       = HMAC(HMAC(HMAC("TC3" + secret key, date), service), "tc3_request")
//! signature         = hex(HMAC(signing key, string to sign))
//! ```
//!
//! [`authorization`] is the hot path: it streams the canonical request into a
//! hasher and the string to sign into a pre-keyed MAC, so its only heap
//! allocation is the returned header value. [`sign`] writes the same bytes
//! through the same functions into buffers, for tests and debugging.

use std::fmt;

use hmac::Mac;
use sha2::{Digest, Sha256};

use super::{HmacSha256, Sink, hex32, hmac_sha256, hmac_state, into_string, with_sorted_headers};

/// The algorithm name that opens the string to sign and the header value.
const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The last component of the credential scope.
const TERMINATOR: &str = "tc3_request";

/// Derived key for one (secret key, UTC date, service); cache it, it changes once a day.
///
/// It holds the HMAC state already keyed with the derived key, so signing
/// with it skips both the derivation and the HMAC key schedule.
#[derive(Clone)]
pub struct SigningKey {
    date: String,
    service: String,
    /// `date/service/tc3_request`, precomputed because every signature uses it.
    scope: String,
    mac: HmacSha256,
}

impl SigningKey {
    /// Derives the key for `date` (`YYYY-MM-DD`, UTC; see [`utc_date`]) and `service` (e.g. `cvm`).
    pub fn derive(secret_key: &str, date: &str, service: &str) -> SigningKey {
        let [_, _, signing] = derive_chain(secret_key, date, service);
        SigningKey {
            date: date.to_owned(),
            service: service.to_owned(),
            scope: format!("{date}/{service}/{TERMINATOR}"),
            mac: hmac_state(&signing),
        }
    }

    /// The UTC date (`YYYY-MM-DD`) this key signs for.
    pub fn date(&self) -> &str {
        &self.date
    }

    /// The service name this key signs for.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// Whether this key can sign a request for `service` made at `timestamp`;
    /// when it cannot, derive a new one.
    pub fn covers(&self, timestamp: i64, service: &str) -> bool {
        self.service == service && self.date == utc_date(timestamp)
    }
}

impl fmt::Debug for SigningKey {
    // The key bytes are a credential for a whole day: never print them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("date", &self.date)
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

/// The three keys of the derivation: `SecretDate`, `SecretService`, `SecretSigning`.
fn derive_chain(secret_key: &str, date: &str, service: &str) -> [[u8; 32]; 3] {
    let prefixed = format!("TC3{secret_key}");
    let secret_date = hmac_sha256(prefixed.as_bytes(), date.as_bytes());
    let secret_service = hmac_sha256(&secret_date, service.as_bytes());
    let secret_signing = hmac_sha256(&secret_service, TERMINATOR.as_bytes());
    [secret_date, secret_service, secret_signing]
}

/// The parts of an HTTP request that TC3 signs.
#[derive(Clone, Copy)]
pub struct Tc3Request<'a> {
    /// HTTP method, e.g. `POST`.
    pub method: &'a str,
    /// Path, `/` for the JSON API.
    pub canonical_uri: &'a str,
    /// Query string, empty for `POST`.
    pub canonical_query: &'a str,
    /// The headers to sign, names and values in any case; they are signed as
    /// `lowercase(name):lowercase(trim(value))` sorted by name (ASCII case only).
    pub headers: &'a [(&'a str, &'a str)],
    /// The exact body bytes sent.
    pub payload: &'a [u8],
}

/// Every intermediate of a TC3 signature, for tests and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tc3Signature {
    /// The canonical request text.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// Lowercase hex signature.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

/// Full computation with every intermediate (for tests and debugging).
pub fn sign(
    secret_id: &str,
    key: &SigningKey,
    timestamp: i64,
    request: &Tc3Request,
) -> Tc3Signature {
    let payload_hash = hex32(&Sha256::digest(request.payload).into());
    with_sorted_headers(request.headers, |headers| {
        let mut canonical_request = Vec::new();
        write_canonical_request(&mut canonical_request, request, headers, &payload_hash);
        let hashed = hex32(&Sha256::digest(&canonical_request).into());

        let mut string_to_sign = Vec::new();
        write_string_to_sign(&mut string_to_sign, timestamp, key, &hashed);
        let mut mac = key.mac.clone();
        mac.put(&string_to_sign);
        let signature = hex32(&mac.finalize().into_bytes().into());

        Tc3Signature {
            canonical_request: into_string(canonical_request),
            string_to_sign: into_string(string_to_sign),
            signature: into_string(signature.to_vec()),
            authorization: authorization_value(secret_id, key, headers, &signature),
        }
    })
}

/// Hot path: only the Authorization header value.
pub fn authorization(
    secret_id: &str,
    key: &SigningKey,
    timestamp: i64,
    request: &Tc3Request,
) -> String {
    let payload_hash = hex32(&Sha256::digest(request.payload).into());
    with_sorted_headers(request.headers, |headers| {
        let mut hasher = Sha256::new();
        write_canonical_request(&mut hasher, request, headers, &payload_hash);
        let hashed = hex32(&hasher.finalize().into());

        let mut mac = key.mac.clone();
        write_string_to_sign(&mut mac, timestamp, key, &hashed);
        let signature = hex32(&mac.finalize().into_bytes().into());
        authorization_value(secret_id, key, headers, &signature)
    })
}

/// UTC date "YYYY-MM-DD" of a unix timestamp (use the `time` crate).
///
/// Timestamps outside the calendar `time` supports (beyond year ±9999) are
/// clamped to its first or last day rather than failing.
pub fn utc_date(timestamp: i64) -> String {
    let date = match time::OffsetDateTime::from_unix_timestamp(timestamp) {
        Ok(moment) => moment.date(),
        Err(_) if timestamp < 0 => time::Date::MIN,
        Err(_) => time::Date::MAX,
    };
    // Formatted by hand: infallible, unlike a format description.
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Writes the canonical request; `headers` are already sorted.
fn write_canonical_request(
    sink: &mut impl Sink,
    request: &Tc3Request,
    headers: &[(&str, &str)],
    payload_hash: &[u8; 64],
) {
    for part in [
        request.method,
        request.canonical_uri,
        request.canonical_query,
    ] {
        sink.put(part.as_bytes());
        sink.put(b"\n");
    }
    for (name, value) in headers {
        sink.put_lowercase(name);
        sink.put(b":");
        sink.put_lowercase(value.trim());
        sink.put(b"\n");
    }
    sink.put(b"\n");
    write_signed_headers(sink, headers);
    sink.put(b"\n");
    sink.put(payload_hash);
}

/// Writes `a;b;c`, the lowercase names of the sorted headers.
fn write_signed_headers(sink: &mut impl Sink, headers: &[(&str, &str)]) {
    for (index, (name, _)) in headers.iter().enumerate() {
        if index > 0 {
            sink.put(b";");
        }
        sink.put_lowercase(name);
    }
}

/// Writes the string to sign around the hex hash of the canonical request.
fn write_string_to_sign(sink: &mut impl Sink, timestamp: i64, key: &SigningKey, hashed: &[u8; 64]) {
    let mut digits = [0u8; 20];
    sink.put(ALGORITHM.as_bytes());
    sink.put(b"\n");
    sink.put(decimal(timestamp, &mut digits));
    sink.put(b"\n");
    sink.put(key.scope.as_bytes());
    sink.put(b"\n");
    sink.put(hashed);
}

/// Builds the header value, sized once so it allocates once.
fn authorization_value(
    secret_id: &str,
    key: &SigningKey,
    headers: &[(&str, &str)],
    signature: &[u8; 64],
) -> String {
    let signed_headers_len: usize = headers.iter().map(|(name, _)| name.len() + 1).sum();
    let mut out = Vec::with_capacity(
        ALGORITHM.len()
            + secret_id.len()
            + key.scope.len()
            + signed_headers_len
            + signature.len()
            + 48,
    );
    out.put(ALGORITHM.as_bytes());
    out.put(b" Credential=");
    out.put(secret_id.as_bytes());
    out.put(b"/");
    out.put(key.scope.as_bytes());
    out.put(b", SignedHeaders=");
    write_signed_headers(&mut out, headers);
    out.put(b", Signature=");
    out.put(signature);
    into_string(out)
}

/// Decimal digits of `n` in the tail of `buf` (20 bytes fit `i64::MIN`).
fn decimal(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut pos = buf.len();
    let mut rest = n.unsigned_abs();
    loop {
        pos -= 1;
        buf[pos] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        pos -= 1;
        buf[pos] = b'-';
    }
    &buf[pos..]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMESTAMP: i64 = 1_551_113_065;
    /// The vendor's example body: 86 ASCII bytes with literal `\u` escapes.
    const PAYLOAD: &[u8] =
        br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    const PAYLOAD_HASH: &str = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
    const HEADERS_A: &[(&str, &str)] = &[
        ("Content-Type", "application/json; charset=utf-8"),
        ("Host", "cvm.tencentcloudapi.com"),
        ("X-TC-Action", "DescribeInstances"),
    ];

    fn request(headers: &'static [(&'static str, &'static str)]) -> Tc3Request<'static> {
        Tc3Request {
            method: "POST",
            canonical_uri: "/",
            canonical_query: "",
            headers,
            payload: PAYLOAD,
        }
    }

    fn vector_a_credentials() -> (String, String) {
        (format!("AKID{}", "*".repeat(32)), "*".repeat(32))
    }

    #[test]
    fn payload_is_the_published_one() {
        assert_eq!(PAYLOAD.len(), 86);
        assert_eq!(super::super::sha256_hex(PAYLOAD), PAYLOAD_HASH);
    }

    #[test]
    fn vector_a() {
        let (secret_id, secret_key) = vector_a_credentials();
        let [date, service, signing] = derive_chain(&secret_key, "2019-02-25", "cvm");
        assert_eq!(
            hex::encode(date),
            "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0"
        );
        assert_eq!(
            hex::encode(service),
            "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f"
        );
        assert_eq!(
            hex::encode(signing),
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
        );

        let key = SigningKey::derive(&secret_key, &utc_date(TIMESTAMP), "cvm");
        let signed = sign(&secret_id, &key, TIMESTAMP, &request(HEADERS_A));
        assert_eq!(
            signed.canonical_request,
            format!(
                "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\
                 x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n{PAYLOAD_HASH}"
            )
        );
        let hashed = "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84";
        assert_eq!(
            super::super::sha256_hex(signed.canonical_request.as_bytes()),
            hashed
        );
        assert_eq!(
            signed.string_to_sign,
            format!("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n{hashed}")
        );
        assert_eq!(
            signed.signature,
            "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
        assert_eq!(
            signed.authorization,
            "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host;x-tc-action, \
             Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
    }

    #[test]
    fn vector_b() {
        let key = SigningKey::derive("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "cvm");
        let signed = sign(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            &key,
            TIMESTAMP,
            &request(&HEADERS_A[..2]),
        );
        assert_eq!(
            signed.canonical_request,
            format!(
                "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n\
                 content-type;host\n{PAYLOAD_HASH}"
            )
        );
        let hashed = "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031";
        assert_eq!(
            super::super::sha256_hex(signed.canonical_request.as_bytes()),
            hashed
        );
        assert_eq!(
            signed.string_to_sign,
            format!("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n{hashed}")
        );
        assert_eq!(
            signed.signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        assert_eq!(
            signed.authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn hot_path_matches_full_computation() {
        let (secret_id, secret_key) = vector_a_credentials();
        let key = SigningKey::derive(&secret_key, "2019-02-25", "cvm");
        // Unsorted, mixed case, padded values, and a long header name.
        let many: &[(&str, &str)] = &[
            ("X-TC-Version", " 2017-03-12 "),
            ("X-TC-Region", "ap-guangzhou"),
            ("host", "cvm.tencentcloudapi.com"),
            ("X-TC-Timestamp", "1551113065"),
            ("X-TC-Action", "DescribeInstances"),
            ("Content-Type", "application/json; charset=utf-8"),
            (
                "X-TC-A-Very-Long-Header-Name-That-Spans-More-Than-One-Lowercasing-Chunk",
                "V",
            ),
        ];
        for headers in [HEADERS_A, &HEADERS_A[..2], many] {
            let req = request(headers);
            assert_eq!(
                authorization(&secret_id, &key, TIMESTAMP, &req),
                sign(&secret_id, &key, TIMESTAMP, &req).authorization
            );
        }
        let signed = sign(&secret_id, &key, TIMESTAMP, &request(many));
        assert!(
            signed
                .canonical_request
                .contains("\nx-tc-version:2017-03-12\n")
        );
        assert!(signed.authorization.contains(
            "SignedHeaders=content-type;host;x-tc-a-very-long-header-name-that-spans-more-than-one-lowercasing-chunk;\
             x-tc-action;x-tc-region;x-tc-timestamp;x-tc-version,"
        ));
    }

    #[test]
    fn debug_hides_the_key() {
        let key = SigningKey::derive("secret", "2019-02-25", "cvm");
        let printed = format!("{key:?}");
        assert_eq!(
            printed,
            r#"SigningKey { date: "2019-02-25", service: "cvm", .. }"#
        );
        assert_eq!(key.date(), "2019-02-25");
        assert_eq!(key.service(), "cvm");
    }

    #[test]
    fn key_covers_its_day_and_service_only() {
        let key = SigningKey::derive("secret", &utc_date(TIMESTAMP), "cvm");
        assert!(key.covers(TIMESTAMP, "cvm"));
        assert!(!key.covers(TIMESTAMP, "ssl"));
        assert!(!key.covers(TIMESTAMP + 86_400, "cvm"));
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(TIMESTAMP), "2019-02-25");
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_551_139_199), "2019-02-25");
        assert_eq!(utc_date(1_551_139_200), "2019-02-26");
        assert_eq!(utc_date(i64::MAX), "9999-12-31");
    }

    #[test]
    fn decimal_digits() {
        let mut buf = [0u8; 20];
        for n in [0, 7, 1_551_113_065, -42, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n, &mut buf), n.to_string().as_bytes());
        }
    }
}
