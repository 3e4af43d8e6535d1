//! Request signers for the two vendors.
//!
//! Both schemes follow the same outline: build a *canonical request* (method,
//! path, query, a chosen set of headers in a fixed form, and the hex SHA-256 of
//! the body), hash it, wrap the hash in a *string to sign*, and HMAC-SHA256 that
//! string into a hex signature carried by the `Authorization` header.
//!
//! - [`tc3`]: Tencent Cloud `TC3-HMAC-SHA256`. The HMAC key is derived from the
//!   secret key through the UTC date and the service name, so it changes once a
//!   day per service and can be cached ([`tc3::SigningKey`]); header values are
//!   lowercased; the string to sign carries the timestamp and credential scope.
//! - [`acs3`]: Alibaba Cloud `ACS3-HMAC-SHA256` (the "V3" signature). The HMAC
//!   key is the access key secret itself; header values keep their case; the
//!   query is part of what is signed, percent-encoded per RFC 3986.
//!
//! Signing is a pure function of the credentials, the time and the request:
//! nothing here reads a clock or draws a nonce, so every value can be pinned
//! in tests against the vendors' published vectors.

pub mod acs3;
pub mod tc3;

use std::cmp::Ordering;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// HMAC-SHA256, the MAC both schemes use.
pub(crate) type HmacSha256 = Hmac<Sha256>;

/// Block size of SHA-256, which is also the HMAC key block size.
const SHA256_BLOCK: usize = 64;

/// How many headers are sorted on the stack before falling back to the heap.
const INLINE_HEADERS: usize = 16;

/// Lowercase hex SHA-256 of `bytes` (the payload hash both schemes sign).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// HMAC-SHA256 of `data` under `key`, as raw bytes.
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = hmac_state(key);
    Mac::update(&mut mac, data);
    mac.finalize().into_bytes().into()
}

/// An HMAC state keyed with `key`, ready to absorb a message.
///
/// Cloning it is how one key signs many messages without redoing the key
/// schedule. HMAC (RFC 2104) zero-pads keys up to the block size and hashes
/// longer ones first; doing that here gives a fixed-size key, so building the
/// state cannot fail and needs no `unwrap`.
pub(crate) fn hmac_state(key: &[u8]) -> HmacSha256 {
    let mut block = [0u8; SHA256_BLOCK];
    if key.len() <= SHA256_BLOCK {
        block[..key.len()].copy_from_slice(key);
    } else {
        block[..32].copy_from_slice(&Sha256::digest(key));
    }
    HmacSha256::new(&block.into())
}

/// Lowercase hex of a 32-byte digest, on the stack (the hot path avoids `String`).
pub(crate) fn hex32(bytes: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    out
}

/// Turns bytes built only from `&str` pieces and ASCII back into a `String`.
///
/// The bytes are valid UTF-8 by construction; the lossy fallback keeps this
/// infallible without an `unwrap`.
pub(crate) fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// Orders header names the way both schemes sort them: by lowercase name.
pub(crate) fn cmp_lowercase(a: &str, b: &str) -> Ordering {
    // Compared byte by byte so sorting allocates nothing.
    a.bytes()
        .map(|b| b.to_ascii_lowercase())
        .cmp(b.bytes().map(|b| b.to_ascii_lowercase()))
}

/// Calls `f` with `headers` sorted by lowercase name (stable, so repeated
/// names keep their order). Up to [`INLINE_HEADERS`] are sorted on the stack.
pub(crate) fn with_sorted_headers<'a, R>(
    headers: &[(&'a str, &'a str)],
    f: impl FnOnce(&[(&'a str, &'a str)]) -> R,
) -> R {
    // Callers usually pass headers in order already: then copy nothing.
    if headers.is_sorted_by(|a, b| cmp_lowercase(a.0, b.0).is_le()) {
        return f(headers);
    }
    let mut inline = [("", ""); INLINE_HEADERS];
    let mut heap = Vec::new();
    let sorted = match inline.get_mut(..headers.len()) {
        Some(slots) => {
            slots.copy_from_slice(headers);
            slots
        }
        None => {
            heap.extend_from_slice(headers);
            heap.as_mut_slice()
        }
    };
    sorted.sort_by(|a, b| cmp_lowercase(a.0, b.0));
    f(sorted)
}

/// Where a canonical request or string to sign is written: a hasher or MAC on
/// the hot path, a byte buffer when the text itself is wanted.
///
/// Writing both through one function keeps the hashed bytes and the
/// debugging text identical by construction.
pub(crate) trait Sink {
    /// Appends bytes.
    fn put(&mut self, bytes: &[u8]);

    /// Appends `s` with ASCII letters lowercased, in stack-sized chunks.
    fn put_lowercase(&mut self, s: &str) {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return self.put(s.as_bytes());
        }
        let mut chunk = [0u8; 64];
        for piece in s.as_bytes().chunks(chunk.len()) {
            let lowered = &mut chunk[..piece.len()];
            lowered.copy_from_slice(piece);
            lowered.make_ascii_lowercase();
            self.put(lowered);
        }
    }
}

impl Sink for Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        Digest::update(self, bytes);
    }
}

impl Sink for HmacSha256 {
    fn put(&mut self, bytes: &[u8]) {
        Mac::update(self, bytes);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_body() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn hmac_matches_rfc4231() {
        // Test case 2: a short key.
        assert_eq!(
            hex::encode(hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block size is hashed first.
        assert_eq!(
            hex::encode(hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn hex32_matches_hex_crate() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37) as u8);
        assert_eq!(hex32(&bytes).as_slice(), hex::encode(bytes).as_bytes());
    }

    #[test]
    fn headers_sort_by_lowercase_name_on_stack_and_heap() {
        let few = [("X-TC-Action", "a"), ("Host", "h"), ("content-type", "c")];
        let names = with_sorted_headers(&few, |h| h.iter().map(|p| p.0).collect::<Vec<_>>());
        assert_eq!(names, ["content-type", "Host", "X-TC-Action"]);

        let many: Vec<String> = (0..INLINE_HEADERS + 3)
            .rev()
            .map(|i| format!("X-{i:02}"))
            .collect();
        let pairs: Vec<(&str, &str)> = many.iter().map(|n| (n.as_str(), "")).collect();
        let sorted = with_sorted_headers(&pairs, |h| h.iter().map(|p| p.0).collect::<Vec<_>>());
        let mut expected: Vec<&str> = many.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
    }

    #[test]
    fn put_lowercase_handles_long_and_non_ascii_text() {
        let text = format!("{}Ünïcode-ABC", "X".repeat(100));
        let mut out = Vec::new();
        out.put_lowercase(&text);
        assert_eq!(into_string(out), format!("{}Ünïcode-abc", "x".repeat(100)));
    }
}
