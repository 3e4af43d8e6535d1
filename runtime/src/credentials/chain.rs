//! The default chain: environment, then profile file.

use super::error::{Attempt, CredentialsError, Source};
use super::{Credentials, Environment, ProcessEnvironment, env, profile};
use crate::vendor::Vendor;

/// One source of the chain.
type Loader = fn(Vendor, &dyn Environment) -> Result<(Credentials, Source), Attempt>;

/// The sources, in the order they are tried.
const SOURCES: [Loader; 2] = [env::load, profile::load];

/// Credentials for `vendor` from the process environment, then the
/// vendor's profile file; see the [module documentation](super) for the
/// variables, files and keys read.
///
/// A source that has nothing passes on to the next; a misconfigured source
/// (for example `TENCENTCLOUD_SECRET_ID` set without
/// `TENCENTCLOUD_SECRET_KEY`, or an unreadable profile file) stops the
/// chain with an error rather than falling through to another key.
pub fn default_chain(vendor: Vendor) -> Result<Credentials, CredentialsError> {
    default_chain_with(vendor, &ProcessEnvironment)
}

/// [`default_chain`], reading variables and the home directory from `env`
/// instead of the process.
pub fn default_chain_with(
    vendor: Vendor,
    env: &dyn Environment,
) -> Result<Credentials, CredentialsError> {
    let mut attempts = Vec::with_capacity(SOURCES.len());
    for load in SOURCES {
        match load(vendor, env) {
            Ok((credentials, source)) => {
                tracing::debug!(
                    vendor = vendor.title(),
                    %source,
                    temporary = credentials.token().is_some(),
                    "credentials loaded"
                );
                return Ok(credentials);
            }
            Err(attempt) => {
                let stop = !attempt.problem.is_not_found();
                attempts.push(attempt);
                if stop {
                    break;
                }
            }
        }
    }
    let error = CredentialsError::new(vendor, attempts);
    tracing::debug!(vendor = vendor.title(), %error, "no credentials");
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::Problem;
    use crate::credentials::testing::{FakeEnv, assert_hidden};

    const ENV_SECRET: &str = "chain-env-secret-3c8e";
    const FILE_SECRET: &str = "chain-file-secret-6d2b";
    const TOKEN: &str = "chain-token-1f7a";
    const ALL: &[&str] = &[ENV_SECRET, FILE_SECRET, TOKEN];

    fn tencent_file(env: &FakeEnv) -> std::path::PathBuf {
        env.write(
            ".tencentcloud/credentials",
            &format!(
                "[default]\nsecret_id = AKIDfile\nsecret_key = {FILE_SECRET}\ntoken = {TOKEN}\n"
            ),
        )
    }

    fn chain_error(vendor: Vendor, env: &FakeEnv) -> CredentialsError {
        match default_chain_with(vendor, env) {
            Ok(credentials) => panic!("expected an error, got {credentials:?}"),
            Err(error) => {
                assert_hidden(&error.to_string(), ALL);
                assert_hidden(&format!("{error:?}"), ALL);
                assert_hidden(&format!("{error:#?}"), ALL);
                error
            }
        }
    }

    #[test]
    fn environment_wins_over_file() {
        let env = FakeEnv::new()
            .with_home()
            .with("TENCENTCLOUD_SECRET_ID", "AKIDenv")
            .with("TENCENTCLOUD_SECRET_KEY", ENV_SECRET);
        tencent_file(&env);
        let credentials = default_chain_with(Vendor::Tencent, &env).unwrap();
        assert_eq!(credentials.id(), "AKIDenv");
        assert_eq!(credentials.secret(), ENV_SECRET);
        // The file's token does not leak into the environment's key.
        assert_eq!(credentials.token(), None);
        assert_hidden(&format!("{credentials:?}"), ALL);
    }

    #[test]
    fn file_used_when_environment_unset() {
        let env = FakeEnv::new().with_home();
        tencent_file(&env);
        let credentials = default_chain_with(Vendor::Tencent, &env).unwrap();
        assert_eq!(credentials.id(), "AKIDfile");
        assert_eq!(credentials.secret(), FILE_SECRET);
        assert_eq!(credentials.token(), Some(TOKEN));
        assert_hidden(&format!("{credentials:?}"), ALL);
    }

    #[test]
    fn alibaba_file_via_override() {
        let env = FakeEnv::new().with_home();
        let path = env.write(
            "custom/ali",
            &format!("[default]\naccess_key_id = LTAIfile\naccess_key_secret = {FILE_SECRET}\n"),
        );
        let env = env.with(
            "ALIBABA_CLOUD_CREDENTIALS_FILE",
            &path.display().to_string(),
        );
        let credentials = default_chain_with(Vendor::Alibaba, &env).unwrap();
        assert_eq!(credentials.id(), "LTAIfile");
        assert_eq!(credentials.secret(), FILE_SECRET);
    }

    #[test]
    fn half_set_environment_stops_the_chain() {
        let env = FakeEnv::new()
            .with_home()
            .with("TENCENTCLOUD_SECRET_ID", "AKIDenv");
        tencent_file(&env);
        let error = chain_error(Vendor::Tencent, &env);
        assert!(!error.is_not_found());
        assert_eq!(error.attempts().len(), 1);
        assert!(matches!(
            error.attempts()[0].problem,
            Problem::HalfSet { .. }
        ));
        assert_eq!(
            error.to_string(),
            "Tencent Cloud credentials could not be loaded; tried: environment variables \
             TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (TENCENTCLOUD_SECRET_ID is set \
             but TENCENTCLOUD_SECRET_KEY is not)"
        );
    }

    #[test]
    fn nothing_found_lists_both_sources() {
        let env = FakeEnv::new().with_home();
        let error = chain_error(Vendor::Tencent, &env);
        assert!(error.is_not_found());
        assert_eq!(error.vendor(), Vendor::Tencent);
        let path = env.home().join(".tencentcloud").join("credentials");
        assert_eq!(
            error.to_string(),
            format!(
                "no Tencent Cloud credentials found; tried: environment variables \
                 TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (not set); profile file {} \
                 (not found)",
                path.display()
            )
        );

        let env = FakeEnv::new();
        let error = chain_error(Vendor::Alibaba, &env);
        assert_eq!(
            error.to_string(),
            "no Alibaba Cloud credentials found; tried: environment variables \
             ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set); profile \
             file ~/.alibabacloud/credentials (home directory unknown)"
        );
    }

    #[test]
    fn broken_file_is_reported_after_unset_environment() {
        let env = FakeEnv::new().with_home();
        let path = env.write(
            ".alibabacloud/credentials",
            &format!("[default]\ntype = ram_role_arn\naccess_key_secret = {FILE_SECRET}\n"),
        );
        let error = chain_error(Vendor::Alibaba, &env);
        assert!(!error.is_not_found());
        assert_eq!(
            error.to_string(),
            format!(
                "Alibaba Cloud credentials could not be loaded; tried: environment variables \
                 ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set); \
                 profile file {} (credential type ram_role_arn is not supported; supported \
                 types: access_key, sts)",
                path.display()
            )
        );
    }

    #[test]
    fn every_error_hides_secrets() {
        let bodies = [
            format!("[default]\n= {FILE_SECRET}\n"),
            format!("[default\nsecret_key = {FILE_SECRET}\n"),
            format!("[default]\nsecret_key = {FILE_SECRET}\ntoken = {TOKEN}\n"),
            format!("[other]\nsecret_id = {FILE_SECRET}\n"),
            format!("secret_id {FILE_SECRET} {TOKEN}\n"),
            format!("[default]\ntype = {FILE_SECRET}\n"),
            format!("[default]\nsecret_id = x\nsecret_key = {FILE_SECRET}\\x12zz\n"),
        ];
        for vendor in [Vendor::Tencent, Vendor::Alibaba] {
            for body in &bodies {
                let env = FakeEnv::new()
                    .with_home()
                    .with("TENCENTCLOUD_CREDENTIALS_FILE", "~/f")
                    .with("ALIBABA_CLOUD_CREDENTIALS_FILE", "~/f");
                env.write("f", body);
                if let Err(error) = default_chain_with(vendor, &env) {
                    assert_hidden(&error.to_string(), ALL);
                    assert_hidden(&format!("{error:?}"), ALL);
                }
            }
            let env = FakeEnv::new()
                .with("TENCENTCLOUD_SECRET_KEY", ENV_SECRET)
                .with("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ENV_SECRET)
                .with("TENCENTCLOUD_TOKEN", TOKEN)
                .with("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
            chain_error(vendor, &env);
        }
    }

    #[test]
    fn process_environment_chain_does_not_panic() {
        // Whatever this machine has, the answer is credentials or an error
        // naming the vendor.
        if let Err(error) = default_chain(Vendor::Alibaba) {
            assert!(error.to_string().contains("Alibaba Cloud"));
        }
    }
}
