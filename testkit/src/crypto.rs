//! SHA-256 and HMAC-SHA256 from `ring`, deliberately not the `sha2`/`hmac` crates the client
//! uses, so that the verifier does not share the signer's primitives.

use ring::{digest, hmac};

/// Lowercase hex SHA-256 of `data`.
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(digest::digest(&digest::SHA256, data))
}

/// HMAC-SHA256 of `data` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    hmac::sign(&key, data).as_ref().to_vec()
}
