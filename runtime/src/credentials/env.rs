//! The environment-variable source.

use zeroize::Zeroizing;

use super::error::{Attempt, Problem, Source};
use super::{Credentials, Environment};
use crate::vendor::Vendor;

/// The variables a vendor's tools read.
pub(super) struct EnvNames {
    /// Access key ID.
    pub(super) id: &'static str,
    /// Secret.
    pub(super) secret: &'static str,
    /// Optional security token.
    pub(super) token: &'static str,
    /// Default region.
    pub(super) region: &'static str,
    /// Override of the profile file's path.
    pub(super) profile_file: &'static str,
}

pub(super) fn names(vendor: Vendor) -> EnvNames {
    match vendor {
        Vendor::Tencent => EnvNames {
            id: "TENCENTCLOUD_SECRET_ID",
            secret: "TENCENTCLOUD_SECRET_KEY",
            token: "TENCENTCLOUD_TOKEN",
            region: "TENCENTCLOUD_REGION",
            profile_file: "TENCENTCLOUD_CREDENTIALS_FILE",
        },
        Vendor::Alibaba => EnvNames {
            id: "ALIBABA_CLOUD_ACCESS_KEY_ID",
            secret: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            token: "ALIBABA_CLOUD_SECURITY_TOKEN",
            region: "ALIBABA_CLOUD_REGION_ID",
            profile_file: "ALIBABA_CLOUD_CREDENTIALS_FILE",
        },
    }
}

/// A variable's value, trimmed; `None` if unset or blank. The untrimmed
/// copy is zeroed.
pub(super) fn var(env: &dyn Environment, name: &str) -> Option<String> {
    let raw = Zeroizing::new(env.var(name)?);
    let value = raw.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// The region named by the environment (`TENCENTCLOUD_REGION`;
/// `ALIBABA_CLOUD_REGION_ID`), trimmed; `None` if unset or blank.
pub fn env_region(vendor: Vendor, env: &dyn Environment) -> Option<String> {
    var(env, names(vendor).region)
}

/// Credentials from the environment. Neither variable set is
/// [`Problem::NotSet`]; exactly one set is [`Problem::HalfSet`]. The token
/// variable alone, without ID and secret, is ignored.
pub(super) fn load(
    vendor: Vendor,
    env: &dyn Environment,
) -> Result<(Credentials, Source), Attempt> {
    let names = names(vendor);
    let source = Source::Environment {
        id_var: names.id,
        secret_var: names.secret,
    };
    let id = var(env, names.id);
    let secret = var(env, names.secret).map(Zeroizing::new);
    let (id, secret) = match (id, secret) {
        (Some(id), Some(secret)) => (id, secret),
        (None, None) => {
            return Err(Attempt {
                source,
                problem: Problem::NotSet,
            });
        }
        (Some(_), None) => {
            let problem = Problem::HalfSet {
                set: names.id,
                missing: names.secret,
            };
            return Err(Attempt { source, problem });
        }
        (None, Some(_)) => {
            let problem = Problem::HalfSet {
                set: names.secret,
                missing: names.id,
            };
            return Err(Attempt { source, problem });
        }
    };
    let credentials = Credentials::new(id, secret.as_str());
    let credentials = match var(env, names.token).map(Zeroizing::new) {
        Some(token) => credentials.with_token(token.as_str()),
        None => credentials,
    };
    Ok((credentials, source))
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
    fn unset_and_blank_are_not_set() {
        let env = FakeEnv::new().with("TENCENTCLOUD_SECRET_ID", " ");
        let attempt = load(Vendor::Tencent, &env).unwrap_err();
        assert!(matches!(attempt.problem, Problem::NotSet));
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
    fn region() {
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
