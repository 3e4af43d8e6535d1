//! The environment-variable source.

use zeroize::Zeroizing;

use crate::credential_types::error::{Attempt, Problem, Source};
use crate::credential_types::key::Credentials;
use crate::environment::Environment;
use crate::vendor::Vendor;

/// One pair of variables holding a key, and the variables that may hold its token.
pub(super) struct Pair {
    /// Access key ID.
    pub(super) id: &'static str,
    /// Secret.
    pub(super) secret: &'static str,
    /// Token variables, in the order they are read.
    pub(super) tokens: &'static [&'static str],
}

/// The variables a vendor's tools read.
pub(super) struct EnvNames {
    /// The key pairs, in the order they are tried.
    pub(super) pairs: &'static [Pair],
    /// Override of the profile file's path.
    pub(super) profile_file: &'static str,
}

const TENCENT_PAIRS: &[Pair] = &[
    Pair {
        id: "TENCENTCLOUD_SECRET_ID",
        secret: "TENCENTCLOUD_SECRET_KEY",
        // The SDKs read the first, the CLI the second.
        tokens: &["TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_TOKEN"],
    },
    // What serverless functions (SCF) are given.
    Pair {
        id: "TENCENTCLOUD_SECRETID",
        secret: "TENCENTCLOUD_SECRETKEY",
        tokens: &["TENCENTCLOUD_SESSIONTOKEN"],
    },
];

const ALIBABA_PAIRS: &[Pair] = &[Pair {
    id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    tokens: &["ALIBABA_CLOUD_SECURITY_TOKEN"],
}];

pub(super) fn names(vendor: Vendor) -> EnvNames {
    match vendor {
        Vendor::Tencent => EnvNames {
            pairs: TENCENT_PAIRS,
            profile_file: "TENCENTCLOUD_CREDENTIALS_FILE",
        },
        Vendor::Alibaba => EnvNames {
            pairs: ALIBABA_PAIRS,
            profile_file: "ALIBABA_CLOUD_CREDENTIALS_FILE",
        },
    }
}

/// A variable as found: unset, set to nothing but blanks, or a value.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Var {
    Unset,
    Empty,
    Value(String),
}

impl Var {
    pub(super) fn value(self) -> Option<String> {
        match self {
            Var::Value(value) => Some(value),
            _ => None,
        }
    }
}

/// A variable, trimmed. The untrimmed copy is zeroed.
pub(super) fn lookup(env: &dyn Environment, name: &str) -> Var {
    let Some(raw) = env.var(name) else {
        return Var::Unset;
    };
    let raw = Zeroizing::new(raw);
    match raw.trim() {
        "" => Var::Empty,
        value => Var::Value(value.to_owned()),
    }
}

/// A variable's value, trimmed; `None` if unset or blank.
pub(super) fn var(env: &dyn Environment, name: &str) -> Option<String> {
    lookup(env, name).value()
}

/// Whether a switch variable says `true` (any case).
pub(super) fn is_true(env: &dyn Environment, name: &str) -> bool {
    var(env, name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Reads a group of variables that configure one source together: `Ok(None)`
/// when none is set (the attempt says whether some were empty), the values
/// when all `required` are set, else [`Problem::Incomplete`]. `optional`
/// values come after the required ones, `None` when unset.
pub(super) fn group(
    env: &dyn Environment,
    required: &[&'static str],
    optional: &[&'static str],
) -> Result<Option<Vec<Option<String>>>, Problem> {
    let mut values = Vec::with_capacity(required.len() + optional.len());
    let (mut set, mut missing, mut empty) = (Vec::new(), Vec::new(), Vec::new());
    for name in required {
        match lookup(env, name) {
            Var::Value(value) => {
                set.push(*name);
                values.push(Some(value));
            }
            Var::Empty => {
                empty.push(*name);
                missing.push(*name);
                values.push(None);
            }
            Var::Unset => {
                missing.push(*name);
                values.push(None);
            }
        }
    }
    if set.is_empty() {
        return match empty.is_empty() {
            true => Ok(None),
            false => Err(Problem::Empty { vars: empty }),
        };
    }
    if !missing.is_empty() {
        return Err(Problem::Incomplete { set, missing });
    }
    values.extend(optional.iter().map(|name| var(env, name)));
    Ok(Some(values))
}

/// Credentials from the environment. Neither variable of any pair set is
/// [`Problem::NotSet`] (or [`Problem::Empty`] when set to nothing); one of a
/// pair set is [`Problem::HalfSet`]. A token variable alone, without ID and
/// secret, is ignored.
pub(super) fn load(
    vendor: Vendor,
    env: &dyn Environment,
) -> Result<(Credentials, Source), Attempt> {
    let pairs = names(vendor).pairs;
    let mut empty = Vec::new();
    for pair in pairs {
        let source = Source::Environment {
            id_var: pair.id,
            secret_var: pair.secret,
        };
        let id = lookup(env, pair.id);
        let secret = lookup(env, pair.secret);
        let (id, secret) = match (id, secret) {
            (Var::Value(id), Var::Value(secret)) => (id, Zeroizing::new(secret)),
            (Var::Value(_), _) => {
                let problem = half_set(pair.id, pair.secret);
                return Err(Attempt { source, problem });
            }
            (_, Var::Value(_)) => {
                let problem = half_set(pair.secret, pair.id);
                return Err(Attempt { source, problem });
            }
            (id, secret) => {
                if id == Var::Empty {
                    empty.push(pair.id);
                }
                if secret == Var::Empty {
                    empty.push(pair.secret);
                }
                continue;
            }
        };
        let credentials = Credentials::new(id, secret.as_str());
        let token = pair.tokens.iter().find_map(|name| var(env, name));
        let credentials = match token.map(Zeroizing::new) {
            Some(token) => credentials.with_token(token.as_str()),
            None => credentials,
        };
        return Ok((credentials, source));
    }
    let first = &pairs[0];
    let source = Source::Environment {
        id_var: first.id,
        secret_var: first.secret,
    };
    let problem = match empty.is_empty() {
        true => Problem::NotSet,
        false => Problem::Empty { vars: empty },
    };
    Err(Attempt { source, problem })
}

fn half_set(set: &'static str, other: &'static str) -> Problem {
    Problem::HalfSet {
        set,
        missing: other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::testing::{FakeEnv, assert_hidden};

    const SECRET: &str = "env-test-secret-7f3a";
    const TOKEN: &str = "env-test-token-9b2c";

    #[test]
    fn tencent_pair_and_token() {
        let env = FakeEnv::new()
            .with("TENCENTCLOUD_SECRET_ID", "  AKIDenv  ")
            .with("TENCENTCLOUD_SECRET_KEY", &format!("\t{SECRET}\n"))
            .with("TENCENTCLOUD_TOKEN", TOKEN);
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
        assert_eq!(credentials.id(), "AKIDenv");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), Some(TOKEN));
        // The SDKs' name wins over the CLI's.
        let env = env.with("TENCENTCLOUD_SESSION_TOKEN", "session");
        assert_eq!(
            load(Vendor::Tencent, &env).unwrap().0.token(),
            Some("session")
        );
    }

    #[test]
    fn tencent_serverless_names() {
        let env = FakeEnv::new()
            .with("TENCENTCLOUD_SECRETID", "AKIDscf")
            .with("TENCENTCLOUD_SECRETKEY", SECRET)
            .with("TENCENTCLOUD_SESSIONTOKEN", TOKEN);
        let (credentials, source) = load(Vendor::Tencent, &env).unwrap();
        assert_eq!(credentials.id(), "AKIDscf");
        assert_eq!(credentials.token(), Some(TOKEN));
        assert_eq!(
            source.to_string(),
            "environment variables TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY"
        );
        // The standard pair wins, and does not take the function's token.
        let env = env
            .with("TENCENTCLOUD_SECRET_ID", "AKIDstd")
            .with("TENCENTCLOUD_SECRET_KEY", SECRET);
        let credentials = load(Vendor::Tencent, &env).unwrap().0;
        assert_eq!(credentials.id(), "AKIDstd");
        assert_eq!(credentials.token(), None);
    }

    #[test]
    fn alibaba_pair_without_token() {
        let env = FakeEnv::new()
            .with("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenv")
            .with("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
            .with("ALIBABA_CLOUD_SECURITY_TOKEN", "   ");
        let credentials = load(Vendor::Alibaba, &env).unwrap().0;
        assert_eq!(credentials.id(), "LTAIenv");
        assert_eq!(credentials.secret(), SECRET);
        assert_eq!(credentials.token(), None);
    }

    #[test]
    fn alibaba_sts_token() {
        let env = FakeEnv::new()
            .with("ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.env")
            .with("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
            .with("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
        let credentials = load(Vendor::Alibaba, &env).unwrap().0;
        assert_eq!(credentials.token(), Some(TOKEN));
    }

    #[test]
    fn unset_and_empty_are_told_apart() {
        let attempt = load(Vendor::Tencent, &FakeEnv::new()).unwrap_err();
        assert!(matches!(attempt.problem, Problem::NotSet));
        assert_eq!(attempt.problem.to_string(), "not set");

        let env = FakeEnv::new().with("TENCENTCLOUD_SECRET_ID", " ");
        let attempt = load(Vendor::Tencent, &env).unwrap_err();
        assert!(attempt.problem.is_not_found());
        assert_eq!(
            attempt.problem.to_string(),
            "TENCENTCLOUD_SECRET_ID is set but empty"
        );

        let env = FakeEnv::new()
            .with("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
            .with("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "");
        let attempt = load(Vendor::Alibaba, &env).unwrap_err();
        assert_eq!(
            attempt.problem.to_string(),
            "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set but empty"
        );
        // A token alone does not make the source half-configured.
        let env = FakeEnv::new().with("TENCENTCLOUD_TOKEN", TOKEN);
        let attempt = load(Vendor::Tencent, &env).unwrap_err();
        assert!(matches!(attempt.problem, Problem::NotSet));
    }

    #[test]
    fn half_set_names_both_variables_and_no_value() {
        let env = FakeEnv::new().with("TENCENTCLOUD_SECRET_ID", "AKIDhalf");
        let attempt = load(Vendor::Tencent, &env).unwrap_err();
        assert_eq!(
            attempt.problem.to_string(),
            "TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not"
        );
        let env = env.with("TENCENTCLOUD_SECRET_KEY", "");
        let attempt = load(Vendor::Tencent, &env).unwrap_err();
        assert!(!attempt.problem.is_not_found());

        let env = FakeEnv::new().with("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
        let attempt = load(Vendor::Alibaba, &env).unwrap_err();
        assert_eq!(
            attempt.problem.to_string(),
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not"
        );
        assert_hidden(&attempt.to_string(), &[SECRET]);
        assert_hidden(&format!("{attempt:?}"), &[SECRET]);
    }

    #[test]
    fn groups_report_incomplete_and_empty() {
        let names = ["A_ROLE", "A_TOKEN_FILE"];
        assert_eq!(group(&FakeEnv::new(), &names, &[]).unwrap(), None);
        let env = FakeEnv::new().with("A_ROLE", "r").with("A_TOKEN_FILE", "");
        let problem = group(&env, &names, &[]).unwrap_err();
        assert_eq!(
            problem.to_string(),
            "A_ROLE set but A_TOKEN_FILE missing or empty"
        );
        let env = FakeEnv::new().with("A_ROLE", "");
        assert_eq!(
            group(&env, &names, &[]).unwrap_err().to_string(),
            "A_ROLE is set but empty"
        );
        let env = FakeEnv::new()
            .with("A_ROLE", "r")
            .with("A_TOKEN_FILE", "f")
            .with("OPT", "o");
        assert_eq!(
            group(&env, &names, &["OPT", "NONE"]).unwrap().unwrap(),
            [Some("r".into()), Some("f".into()), Some("o".into()), None]
        );
    }

    #[test]
    fn region() {
        use crate::environment::env_region;

        let env = FakeEnv::new()
            .with("TENCENTCLOUD_REGION", " ap-guangzhou ")
            .with("ALIBABA_CLOUD_REGION_ID", "");
        assert_eq!(
            env_region(Vendor::Tencent, &env).as_deref(),
            Some("ap-guangzhou")
        );
        assert_eq!(env_region(Vendor::Alibaba, &env), None);
        let env = FakeEnv::new().with("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou");
        assert_eq!(
            env_region(Vendor::Alibaba, &env).as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(env_region(Vendor::Tencent, &env), None);
    }
}
