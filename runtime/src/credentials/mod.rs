//! Credentials: where an access key comes from, and how it is kept secret.
//!
//! [`default_chain`] looks in two places, in order, and returns the first
//! access key it finds:
//!
//! 1. Environment variables.
//!    - Tencent Cloud: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`,
//!      optional `TENCENTCLOUD_TOKEN`.
//!    - Alibaba Cloud: `ALIBABA_CLOUD_ACCESS_KEY_ID`,
//!      `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, optional
//!      `ALIBABA_CLOUD_SECURITY_TOKEN`.
//! 2. The vendor's profile file, an INI file whose `[default]` section
//!    holds the key.
//!    - Tencent Cloud: the file named by `TENCENTCLOUD_CREDENTIALS_FILE`,
//!      else `~/.tencentcloud/credentials`; keys `secret_id`, `secret_key`,
//!      optional `token`.
//!    - Alibaba Cloud: the file named by `ALIBABA_CLOUD_CREDENTIALS_FILE`,
//!      else `~/.alibabacloud/credentials`; `type = access_key` (the
//!      default when `type` is absent) with `access_key_id` and
//!      `access_key_secret`, or `type = sts` with those and
//!      `security_token`. Other types (`ecs_ram_role`, `ram_role_arn`, …)
//!      are reported as not supported.
//!
//! Values are trimmed and an empty value counts as unset.
//!
//! # When the chain stops
//!
//! A source that has *nothing* (variables unset, file absent, home
//! directory unknown) passes on to the next one. Any other problem stops the
//! chain and is reported, even if a later source would have had a key: one
//! variable of a pair set without the other, a file that cannot be read or
//! parsed, a missing `[default]` section or key, an unsupported credential
//! type. A half-configured source is a mistake to fix, and quietly signing
//! with some other key would hide it.
//!
//! # Secrecy
//!
//! Secrets and tokens are held in [`Sensitive`], so `Debug` never prints
//! them. Errors name sources, files, variables and keys, never values, and
//! never quote a line of a profile file. File contents and parsed values
//! are zeroed once the key has been extracted (best effort: the process
//! environment and the INI parser's temporaries are out of reach).

use std::fmt;
use std::path::PathBuf;

use crate::sensitive::Sensitive;

mod chain;
mod env;
mod error;
mod profile;
#[cfg(test)]
mod testing;

pub use chain::{default_chain, default_chain_with};
pub use env::env_region;
pub use error::{Attempt, CredentialsError, Problem, Source};

/// An access key: an ID and a secret, plus a token for temporary (STS)
/// credentials.
///
/// `Debug` prints the ID and redacts the secret and the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    id: String,
    secret: Sensitive<String>,
    token: Option<Sensitive<String>>,
}

impl Credentials {
    /// A long-term access key: its ID (`SecretId`, `AccessKeyId`) and
    /// secret (`SecretKey`, `AccessKeySecret`).
    pub fn new(id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials {
            id: id.into(),
            secret: Sensitive::new(secret.into()),
            token: None,
        }
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
            .finish()
    }
}

/// Where the chain looks: injectable so tests never mutate the process
/// environment.
pub trait Environment: Send + Sync {
    /// The value of an environment variable, or `None` if it is unset (or
    /// not valid Unicode).
    fn var(&self, name: &str) -> Option<String>;

    /// The user's home directory, under which the default profile files
    /// live; `None` if unknown.
    fn home_dir(&self) -> Option<PathBuf>;
}

/// The real process environment: [`std::env::var`], and the home directory
/// from `HOME` (on Windows, `USERPROFILE`, falling back to `HOME`).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnvironment;

impl Environment for ProcessEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn home_dir(&self) -> Option<PathBuf> {
        let names: &[&str] = if cfg!(windows) {
            &["USERPROFILE", "HOME"]
        } else {
            &["HOME"]
        };
        names
            .iter()
            .filter_map(std::env::var_os)
            .find(|value| !value.is_empty())
            .map(PathBuf::from)
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
                "Credentials {{ id: \"AKIDvisible\", secret: {REDACTED}, token: Some({REDACTED}) }}"
            )
        );
        assert!(!text.contains(SECRET));
        assert!(!text.contains(TOKEN));

        let pretty = format!("{credentials:#?}");
        assert!(pretty.contains("AKIDvisible"));
        assert!(!pretty.contains(SECRET));
        assert!(!pretty.contains(TOKEN));
    }

    #[test]
    fn process_environment_reads_real_variables() {
        // Read-only: PATH is set in any sane test environment.
        let env = ProcessEnvironment;
        assert_eq!(env.var("PATH"), std::env::var("PATH").ok());
        assert_eq!(env.var("CLOUDAPI_SURELY_UNSET_VARIABLE_4d1c9e2f"), None);
    }
}
