//! The access key a request is signed with, and how it is kept secret.

use std::fmt;
use std::time::SystemTime;

use crate::sensitive::Sensitive;

/// An access key: an ID and a secret, plus a token for temporary (STS)
/// credentials.
///
/// `Debug` prints the ID and the expiry, and redacts the secret and the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    id: String,
    secret: Sensitive<String>,
    token: Option<Sensitive<String>>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// A long-term access key: its ID (`SecretId`, `AccessKeyId`) and
    /// secret (`SecretKey`, `AccessKeySecret`).
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials {
            id: id.into(),
            secret: Sensitive::new(secret.into()),
            token: None,
            expiry: None,
        }
    }

    /// The same key, valid until `expiry` (temporary credentials); clients
    /// fetch new ones from their source before then.
    pub fn with_expiry(self, expiry: SystemTime) -> Self {
        Credentials {
            expiry: Some(expiry),
            ..self
        }
    }

    /// When the key stops working, for temporary credentials.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The same key with a security token, which temporary (STS)
    /// credentials require.
    pub fn with_token(self, token: impl Into<String>) -> Self {
        Credentials {
            token: Some(Sensitive::new(token.into())),
            ..self
        }
    }

    /// The access key ID; not a secret, it appears in signed requests.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The secret. Only the signer should call this; keep it out of
    /// messages and logs.
    pub fn secret(&self) -> &str {
        self.secret.expose()
    }

    /// The security token of temporary credentials, if any. It is sent with
    /// every request but is still a secret: keep it out of messages and
    /// logs.
    pub fn token(&self) -> Option<&str> {
        self.token.as_ref().map(|token| token.expose().as_str())
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("id", &self.id)
            .field("secret", &self.secret)
            .field("token", &self.token)
            .field("expiry", &self.expiry.map(crate::clock::utc_text))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sensitive::REDACTED;

    const SECRET: &str = "credentials-mod-test-secret-value";
    const TOKEN: &str = "credentials-mod-test-token-value";

    #[test]
    fn accessors() {
        let plain = Credentials::new("AKIDplain", SECRET);
        assert_eq!(plain.id(), "AKIDplain");
        assert_eq!(plain.secret(), SECRET);
        assert_eq!(plain.token(), None);

        let temporary = plain.clone().with_token(TOKEN);
        assert_eq!(temporary.id(), "AKIDplain");
        assert_eq!(temporary.secret(), SECRET);
        assert_eq!(temporary.token(), Some(TOKEN));
        assert_ne!(plain, temporary);
    }

    #[test]
    fn debug_redacts_secret_and_token() {
        let credentials = Credentials::new("AKIDvisible", SECRET).with_token(TOKEN);
        let text = format!("{credentials:?}");
        assert_eq!(
            text,
            format!(
                "Credentials {{ id: \"AKIDvisible\", secret: {REDACTED}, token: Some({REDACTED}), expiry: None }}"
            )
        );
        assert!(!text.contains(SECRET));
        assert!(!text.contains(TOKEN));

        let pretty = format!("{credentials:#?}");
        assert!(pretty.contains("AKIDvisible"));
        assert!(!pretty.contains(SECRET));
        assert!(!pretty.contains(TOKEN));
    }
}
