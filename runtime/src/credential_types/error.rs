//! What went wrong while looking for credentials, without ever saying what
//! the credentials are.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::vendor::Vendor;

/// The credential chain found no usable access key.
///
/// `Display` says what was tried, in order, and why each source failed,
/// e.g. `no Tencent Cloud credentials found; tried: environment variables
/// TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (not set); profile
/// file /home/u/.tencentcloud/credentials (not found)`. It names variables,
/// files and keys; it never contains a secret, a token or a line of a
/// profile file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", Summary(self))]
pub struct CredentialsError {
    vendor: Vendor,
    attempts: Arc<Vec<Attempt>>,
}

impl CredentialsError {
    pub(crate) fn new(vendor: Vendor, attempts: Vec<Attempt>) -> Self {
        CredentialsError {
            vendor,
            attempts: Arc::new(attempts),
        }
    }

    /// One source's failure.
    pub(crate) fn single(vendor: Vendor, source: Source, problem: Problem) -> Self {
        CredentialsError::new(vendor, vec![Attempt { source, problem }])
    }

    /// The failure of a source written by an application (a custom
    /// [`ProvideCredentials`](super::provider::ProvideCredentials)): `source` names it,
    /// `reason` says why it has no credentials. Neither may hold a secret.
    pub fn custom(vendor: Vendor, source: impl Into<String>, reason: impl Into<String>) -> Self {
        CredentialsError::single(
            vendor,
            Source::Custom(source.into()),
            Problem::Refused(reason.into()),
        )
    }

    /// Credentials expired and no refresh was attempted since.
    pub(crate) fn expired(vendor: Vendor) -> Self {
        CredentialsError::single(
            vendor,
            Source::Custom("credentials cache".into()),
            Problem::Refused("the credentials expired and could not be refreshed".into()),
        )
    }

    /// The attempts of several errors, in order, as one error.
    pub(crate) fn merge(
        vendor: Vendor,
        errors: impl IntoIterator<Item = CredentialsError>,
    ) -> Self {
        let attempts = errors
            .into_iter()
            .flat_map(CredentialsError::into_attempts)
            .collect();
        CredentialsError::new(vendor, attempts)
    }

    pub(crate) fn into_attempts(self) -> Vec<Attempt> {
        Arc::try_unwrap(self.attempts)
            .unwrap_or_else(|shared| shared.iter().map(Attempt::copy).collect())
    }

    /// The vendor whose credentials were looked for.
    pub fn vendor(&self) -> Vendor {
        self.vendor
    }

    /// Each source tried, in order. The last one decided the outcome: the
    /// chain stops at the first source with a problem other than "not
    /// found".
    pub fn attempts(&self) -> &[Attempt] {
        &self.attempts
    }

    /// `true` if no source had any credentials at all, as opposed to a
    /// source being misconfigured.
    pub fn is_not_found(&self) -> bool {
        self.attempts
            .iter()
            .all(|attempt| attempt.problem.is_not_found())
    }
}

/// Renders a [`CredentialsError`] without allocating.
struct Summary<'a>(&'a CredentialsError);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        if error.is_not_found() {
            write!(f, "no {} credentials found", error.vendor.title())?;
        } else {
            write!(
                f,
                "{} credentials could not be loaded",
                error.vendor.title()
            )?;
        }
        for (index, attempt) in error.attempts.iter().enumerate() {
            f.write_str(if index == 0 { "; tried: " } else { "; " })?;
            write!(f, "{attempt}")?;
        }
        Ok(())
    }
}

/// One source the chain tried, and why it supplied nothing.
#[derive(Debug)]
#[non_exhaustive]
pub struct Attempt {
    /// Where the chain looked.
    pub source: Source,
    /// Why it found no usable key there.
    pub problem: Problem,
}

impl Attempt {
    /// A copy; an I/O error is kept as its kind and message.
    fn copy(&self) -> Attempt {
        Attempt {
            source: self.source.clone(),
            problem: self.problem.copy(),
        }
    }
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.source, self.problem)
    }
}

/// A place the credential chain looks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// A pair of environment variables (plus an optional token variable).
    Environment {
        /// The variable holding the access key ID.
        id_var: &'static str,
        /// The variable holding the secret.
        secret_var: &'static str,
    },
    /// A profile file.
    ProfileFile {
        /// Its path; `~/…` when the home directory is unknown.
        path: PathBuf,
        /// The environment variable that named it, if it is not the
        /// default location.
        named_by: Option<&'static str>,
    },
    /// A set of environment variables that configure a source together
    /// (a role to assume, an OIDC token file, …).
    Variables(Vec<&'static str>),
    /// Alibaba Cloud CLI's `config.json`.
    ConfigFile {
        /// Its path.
        path: PathBuf,
        /// The profile used.
        profile: Option<String>,
    },
    /// An STS action.
    Sts {
        /// e.g. `AssumeRole`.
        action: &'static str,
        /// The URL it was sent to.
        endpoint: String,
    },
    /// An instance metadata service.
    Metadata {
        /// The URL asked.
        url: String,
    },
    /// A URL that answers with credentials (`ALIBABA_CLOUD_CREDENTIALS_URI`).
    CredentialsUri {
        /// The URL, without user information or query.
        url: String,
    },
    /// A source named by an application.
    Custom(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Environment { id_var, secret_var } => {
                write!(f, "environment variables {id_var} and {secret_var}")
            }
            Source::ProfileFile { path, named_by } => {
                write!(f, "profile file {}", path.display())?;
                if let Some(var) = named_by {
                    write!(f, " named by {var}")?;
                }
                Ok(())
            }
            Source::Variables(names) => write!(f, "environment variables {}", names.join(", ")),
            Source::ConfigFile { path, profile } => {
                write!(f, "CLI configuration {}", path.display())?;
                if let Some(profile) = profile {
                    write!(f, " profile {profile}")?;
                }
                Ok(())
            }
            Source::Sts { action, endpoint } => write!(f, "STS {action} at {endpoint}"),
            Source::Metadata { url } => write!(f, "instance metadata service {url}"),
            Source::CredentialsUri { url } => write!(f, "credentials URI {url}"),
            Source::Custom(name) => f.write_str(name),
        }
    }
}

/// Why a source supplied no credentials. `Display` names variables, keys
/// and sections, never their values.
#[derive(Debug)]
#[non_exhaustive]
pub enum Problem {
    /// None of the source's environment variables is set. The chain moves
    /// on.
    NotSet,
    /// The profile file does not exist. The chain moves on.
    FileNotFound,
    /// The home directory is unknown, so the default profile file cannot be
    /// located. The chain moves on.
    NoHomeDir,
    /// One variable of a required pair is set and the other is not.
    HalfSet {
        /// The variable that is set.
        set: &'static str,
        /// The variable that is missing or empty.
        missing: &'static str,
    },
    /// The profile file exists but could not be read (permissions, not a
    /// file, not UTF-8, …).
    Unreadable(std::io::Error),
    /// The profile file is not valid INI.
    Malformed {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// The parser's description, when it quotes nothing from the file.
        detail: Option<&'static str>,
    },
    /// The profile file has no such section.
    MissingSection {
        /// The section looked for, e.g. `default`.
        section: String,
    },
    /// The section lacks a required key, or its value is empty.
    MissingKey {
        /// The section looked in.
        section: String,
        /// The key missing.
        key: &'static str,
    },
    /// The variables exist but are empty (or blank). The chain moves on.
    Empty {
        /// The empty variables.
        vars: Vec<&'static str>,
    },
    /// Some variables a source needs are set, others are missing or empty.
    Incomplete {
        /// The ones that are set.
        set: Vec<&'static str>,
        /// The ones missing or empty.
        missing: Vec<&'static str>,
    },
    /// Nothing answers at the address (no metadata service: not on a cloud
    /// instance), or no role is attached. The chain moves on.
    Unavailable(String),
    /// The request could not be made or got no answer (DNS, refused, TLS, timeout).
    Request(String),
    /// The service refused (an STS error code, an HTTP error status) or the
    /// source is unusable for another stated reason.
    Refused(String),
    /// The answer could not be read (not JSON, fields missing, a bad date).
    BadAnswer(String),
    /// A file the source needs (an OIDC token) could not be read.
    FileUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The profile names a credential type this crate cannot use.
    UnsupportedType {
        /// The type as written, if it looks like a type name; `None` when
        /// it does not (it might be a misplaced secret, so it is not shown).
        kind: Option<String>,
        /// The types that are supported.
        supported: &'static [&'static str],
    },
}

impl Problem {
    /// `true` if the source simply has nothing (so the chain moves on), as
    /// opposed to being misconfigured (so the chain stops).
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            Problem::NotSet
                | Problem::FileNotFound
                | Problem::NoHomeDir
                | Problem::Empty { .. }
                | Problem::Unavailable(_)
        )
    }

    fn copy(&self) -> Problem {
        match self {
            Problem::NotSet => Problem::NotSet,
            Problem::FileNotFound => Problem::FileNotFound,
            Problem::NoHomeDir => Problem::NoHomeDir,
            Problem::HalfSet { set, missing } => Problem::HalfSet { set, missing },
            Problem::Unreadable(e) => {
                Problem::Unreadable(std::io::Error::new(e.kind(), e.to_string()))
            }
            Problem::Malformed {
                line,
                column,
                detail,
            } => Problem::Malformed {
                line: *line,
                column: *column,
                detail: *detail,
            },
            Problem::MissingSection { section } => Problem::MissingSection {
                section: section.clone(),
            },
            Problem::MissingKey { section, key } => Problem::MissingKey {
                section: section.clone(),
                key,
            },
            Problem::Empty { vars } => Problem::Empty { vars: vars.clone() },
            Problem::Incomplete { set, missing } => Problem::Incomplete {
                set: set.clone(),
                missing: missing.clone(),
            },
            Problem::Unavailable(s) => Problem::Unavailable(s.clone()),
            Problem::Request(s) => Problem::Request(s.clone()),
            Problem::Refused(s) => Problem::Refused(s.clone()),
            Problem::BadAnswer(s) => Problem::BadAnswer(s.clone()),
            Problem::FileUnreadable { path, reason } => Problem::FileUnreadable {
                path: path.clone(),
                reason: reason.clone(),
            },
            Problem::UnsupportedType { kind, supported } => Problem::UnsupportedType {
                kind: kind.clone(),
                supported,
            },
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotSet => f.write_str("not set"),
            Problem::FileNotFound => f.write_str("not found"),
            Problem::NoHomeDir => f.write_str("home directory unknown"),
            Problem::HalfSet { set, missing } => write!(f, "{set} is set but {missing} is not"),
            Problem::Unreadable(error) => write!(f, "could not be read: {error}"),
            Problem::Malformed {
                line,
                column,
                detail,
            } => {
                write!(f, "not valid INI at line {line}, column {column}")?;
                if let Some(detail) = detail {
                    write!(f, ": {detail}")?;
                }
                Ok(())
            }
            Problem::MissingSection { section } => write!(f, "no [{section}] section"),
            Problem::MissingKey { section, key } => {
                write!(f, "key {key} in section [{section}] is missing or empty")
            }
            Problem::Empty { vars } => match vars.as_slice() {
                [one] => write!(f, "{one} is set but empty"),
                many => write!(f, "{} are set but empty", many.join(" and ")),
            },
            Problem::Incomplete { set, missing } => write!(
                f,
                "{} set but {} missing or empty",
                set.join(", "),
                missing.join(", ")
            ),
            Problem::Unavailable(why) => write!(f, "not available: {why}"),
            Problem::Request(why) => write!(f, "request failed: {why}"),
            Problem::Refused(why) => f.write_str(why),
            Problem::BadAnswer(why) => write!(f, "unreadable answer: {why}"),
            Problem::FileUnreadable { path, reason } => {
                write!(f, "{} could not be read: {reason}", path.display())
            }
            Problem::UnsupportedType { kind, supported } => {
                match kind {
                    Some(kind) => write!(f, "credential type {kind} is not supported")?,
                    None => f.write_str("credential type (value not shown) is not supported")?,
                }
                f.write_str("; supported types: ")?;
                f.write_str(&supported.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_source() -> Source {
        Source::Environment {
            id_var: "TENCENTCLOUD_SECRET_ID",
            secret_var: "TENCENTCLOUD_SECRET_KEY",
        }
    }

    #[test]
    fn not_found_lists_every_source() {
        let error = CredentialsError::new(
            Vendor::Tencent,
            vec![
                Attempt {
                    source: env_source(),
                    problem: Problem::NotSet,
                },
                Attempt {
                    source: Source::ProfileFile {
                        path: PathBuf::from("/home/u/.tencentcloud/credentials"),
                        named_by: None,
                    },
                    problem: Problem::FileNotFound,
                },
            ],
        );
        assert!(error.is_not_found());
        assert_eq!(error.vendor(), Vendor::Tencent);
        assert_eq!(error.attempts().len(), 2);
        assert_eq!(
            error.to_string(),
            "no Tencent Cloud credentials found; tried: environment variables \
             TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (not set); profile file \
             /home/u/.tencentcloud/credentials (not found)"
        );
    }

    #[test]
    fn misconfiguration_is_not_not_found() {
        let error = CredentialsError::new(
            Vendor::Alibaba,
            vec![Attempt {
                source: Source::ProfileFile {
                    path: PathBuf::from("/tmp/creds"),
                    named_by: Some("ALIBABA_CLOUD_CREDENTIALS_FILE"),
                },
                problem: Problem::UnsupportedType {
                    kind: Some("ecs_ram_role".to_owned()),
                    supported: &["access_key", "sts"],
                },
            }],
        );
        assert!(!error.is_not_found());
        assert_eq!(
            error.to_string(),
            "Alibaba Cloud credentials could not be loaded; tried: profile file /tmp/creds \
             named by ALIBABA_CLOUD_CREDENTIALS_FILE (credential type ecs_ram_role is not \
             supported; supported types: access_key, sts)"
        );
    }

    #[test]
    fn every_problem_renders() {
        let problems = [
            (Problem::NotSet, "not set"),
            (Problem::FileNotFound, "not found"),
            (Problem::NoHomeDir, "home directory unknown"),
            (
                Problem::HalfSet {
                    set: "A",
                    missing: "B",
                },
                "A is set but B is not",
            ),
            (
                Problem::Unreadable(std::io::Error::other("denied")),
                "could not be read: denied",
            ),
            (
                Problem::Malformed {
                    line: 3,
                    column: 1,
                    detail: Some("missing key"),
                },
                "not valid INI at line 3, column 1: missing key",
            ),
            (
                Problem::Malformed {
                    line: 2,
                    column: 7,
                    detail: None,
                },
                "not valid INI at line 2, column 7",
            ),
            (
                Problem::MissingSection {
                    section: "default".into(),
                },
                "no [default] section",
            ),
            (
                Problem::MissingKey {
                    section: "default".into(),
                    key: "secret_key",
                },
                "key secret_key in section [default] is missing or empty",
            ),
            (
                Problem::UnsupportedType {
                    kind: None,
                    supported: &["access_key"],
                },
                "credential type (value not shown) is not supported; supported types: access_key",
            ),
        ];
        for (problem, expected) in problems {
            assert_eq!(problem.to_string(), expected);
        }
    }
}
