//! `Sensitive<T>`: a value that must never be printed.
//!
//! Private keys, key passwords, secret keys and tokens are wrapped in it.
//! `Debug` and `Display` print a fixed placeholder; serialization (the only
//! way the value leaves the process, in a signed request) is transparent;
//! the memory is zeroed on drop.

use std::fmt;

use zeroize::Zeroize;

/// What `Debug` and `Display` print instead of a secret.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A secret value; see the module documentation.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Sensitive<T: Zeroize>(T);

impl<T: Zeroize> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The secret itself. Every call site is a place where the secret is
    /// used on purpose (signing, serialization); keep it out of messages.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> Drop for Sensitive<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T: Zeroize + serde::Serialize> serde::Serialize for Sensitive<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Zeroize + serde::Deserialize<'de>> serde::Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Sensitive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_secret() {
        let key = Sensitive::new("-----BEGIN PRIVATE KEY-----abc".to_string());
        assert_eq!(format!("{key:?}"), REDACTED);
        assert_eq!(format!("{key}"), REDACTED);
        assert_eq!(format!("{:?}", Some(&key)), format!("Some({REDACTED})"));
    }

    #[test]
    fn serializes_transparently() {
        let key = Sensitive::new("pw".to_string());
        assert_eq!(serde_json::to_string(&key).unwrap(), "\"pw\"");
        let back: Sensitive<String> = serde_json::from_str("\"pw\"").unwrap();
        assert_eq!(back.expose(), "pw");
    }
}
