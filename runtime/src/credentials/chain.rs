//! The default chains: every source of a vendor, in the official order.

use std::fmt;
use std::sync::Arc;

use super::cli_config::{self, CliProfile};
use super::env::{self, group, is_true, var};
use super::metadata::CvmRoleProvider;
use super::metadata::EcsRamRoleProvider;
use super::profile::{self, Found};
use super::provider_config::ProviderConfig;
use super::sts::AlibabaAssumeRoleProvider;
use super::sts::AlibabaOidcProvider;
use super::sts::TencentAssumeRoleProvider;
use super::sts::TencentWebIdentityProvider;
use super::uri::CredentialsUriProvider;
use crate::clock::Clock;
use crate::credential_types::error::{Attempt, CredentialsError, Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::environment::Environment;
use crate::vendor::Vendor;

/// A vendor's default chain of sources, usable as a provider; see the
/// [module documentation](super) for the order, the variables and files read.
///
/// Every address it calls can be changed, so the whole chain runs against
/// local servers in tests; [`without_metadata`](Self::without_metadata)
/// keeps it off the instance metadata service.
#[derive(Clone)]
pub struct DefaultChain {
    vendor: Vendor,
    config: ProviderConfig,
    metadata: bool,
}

impl DefaultChain {
    /// The chain of `vendor`, reading the process environment.
    pub fn new(vendor: Vendor) -> Self {
        DefaultChain {
            vendor,
            config: ProviderConfig::default(),
            metadata: true,
        }
    }

    /// Reads variables and the home directory from `env` instead of the process.
    pub fn environment(mut self, env: impl Environment + 'static) -> Self {
        self.config = self.config.with_environment(Arc::new(env));
        self
    }

    pub(crate) fn shared_environment(mut self, env: Arc<dyn Environment>) -> Self {
        self.config = self.config.with_environment(env);
        self
    }

    /// Reads the time from `clock` (signatures of STS calls, session names).
    pub fn clock(mut self, clock: Clock) -> Self {
        self.config = self.config.with_clock(clock);
        self
    }

    /// Sends STS and credentials-URI requests with `client` (its proxy and roots).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.config = self.config.with_http(client);
        self
    }

    /// Sends metadata requests with `client` (by default one without proxy).
    pub fn metadata_http_client(mut self, client: reqwest::Client) -> Self {
        self.config = self.config.with_metadata_http(client);
        self
    }

    /// Sends STS requests to `url` instead of the vendor's STS host.
    pub fn sts_endpoint(mut self, url: impl Into<String>) -> Self {
        self.config = self.config.with_sts_endpoint(url);
        self
    }

    /// Asks the metadata service at `url` instead of the vendor's
    /// (`http://metadata.tencentyun.com/latest/meta-data/`, `http://100.100.100.200`).
    pub fn metadata_endpoint(mut self, url: impl Into<String>) -> Self {
        self.config = self.config.with_metadata_endpoint(url);
        self
    }

    /// Leaves the instance metadata service out of the chain.
    pub fn without_metadata(mut self) -> Self {
        self.metadata = false;
        self
    }

    /// The first credentials a source has; see the [module documentation](super).
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let mut attempts = Vec::new();
        let outcome = match self.vendor {
            Vendor::Tencent => self.tencent(&mut attempts).await,
            Vendor::Alibaba => self.alibaba(&mut attempts).await,
        };
        match outcome {
            Some(Ok((credentials, source))) => {
                tracing::debug!(
                    vendor = self.vendor.title(),
                    %source,
                    temporary = credentials.token().is_some(),
                    "credentials loaded"
                );
                Ok(credentials)
            }
            Some(Err(error)) => {
                let error = CredentialsError::merge(
                    self.vendor,
                    [CredentialsError::new(self.vendor, attempts), error],
                );
                tracing::debug!(vendor = self.vendor.title(), %error, "no credentials");
                Err(error)
            }
            None => {
                let error = CredentialsError::new(self.vendor, attempts);
                tracing::debug!(vendor = self.vendor.title(), %error, "no credentials");
                Err(error)
            }
        }
    }

    /// `Some` with the outcome of the first source that has something,
    /// `None` when none has; sources with nothing are recorded in `attempts`.
    async fn tencent(&self, attempts: &mut Vec<Attempt>) -> Step {
        let env = self.config.env();
        match env::load(Vendor::Tencent, env) {
            Ok((key, source)) => {
                let role = group(
                    env,
                    &["TENCENTCLOUD_ROLE_ARN"],
                    &["TENCENTCLOUD_ROLE_SESSION_NAME"],
                );
                return Some(match role {
                    Ok(Some(values)) => {
                        let (arn, name) =
                            (values[0].clone().unwrap_or_default(), values[1].clone());
                        self.tencent_role(key, arn, name).await.map(|c| (c, source))
                    }
                    Ok(None) => Ok((key, source)),
                    Err(problem) => Err(single(
                        Vendor::Tencent,
                        Source::Variables(vec!["TENCENTCLOUD_ROLE_ARN"]),
                        problem,
                    )),
                });
            }
            Err(attempt) => stop_or_record(attempt, attempts)?,
        }
        match profile::load(Vendor::Tencent, env) {
            Ok((Found::Key(key), source)) => return Some(Ok((key, source))),
            Ok((
                Found::AssumeRole {
                    key,
                    role_arn,
                    session_name,
                    ..
                },
                source,
            )) => {
                return Some(
                    self.tencent_role(key, role_arn, session_name)
                        .await
                        .map(|c| (c, source)),
                );
            }
            Ok((Found::EcsRole { .. }, _)) => {}
            Err(attempt) => stop_or_record(attempt, attempts)?,
        }
        const TKE: [&str; 4] = [
            "TKE_REGION",
            "TKE_PROVIDER_ID",
            "TKE_WEB_IDENTITY_TOKEN_FILE",
            "TKE_ROLE_ARN",
        ];
        let source = Source::Variables(TKE.to_vec());
        match group(env, &TKE, &[]) {
            Ok(Some(v)) => {
                let value = |i: usize| v[i].clone().unwrap_or_default();
                let provider = TencentWebIdentityProvider::with_config(
                    value(0),
                    value(1),
                    value(2),
                    value(3),
                    self.config.clone(),
                );
                return Some(provider.provide_credentials().await.map(|c| (c, source)));
            }
            Ok(None) => attempts.push(Attempt {
                source,
                problem: Problem::NotSet,
            }),
            Err(problem) => return Some(Err(single(Vendor::Tencent, source, problem))),
        }
        if self.metadata {
            let provider = CvmRoleProvider::with_config(self.config.clone());
            return self.last(provider, attempts).await;
        }
        None
    }

    async fn tencent_role(
        &self,
        key: Credentials,
        role_arn: String,
        session_name: Option<String>,
    ) -> Result<Credentials, CredentialsError> {
        let mut provider =
            TencentAssumeRoleProvider::with_config(key, role_arn, self.config.clone());
        if let Some(name) = session_name {
            provider = provider.session_name(name);
        }
        provider.provide_credentials().await
    }

    async fn alibaba(&self, attempts: &mut Vec<Attempt>) -> Step {
        let env = self.config.env();
        match env::load(Vendor::Alibaba, env) {
            Ok((key, source)) => return Some(Ok((key, source))),
            Err(attempt) => stop_or_record(attempt, attempts)?,
        }
        const OIDC: [&str; 3] = [
            "ALIBABA_CLOUD_ROLE_ARN",
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
        ];
        let source = Source::Variables(OIDC.to_vec());
        // The role ARN alone configures other things too: OIDC needs a token file or provider.
        let oidc_named = var(env, OIDC[1]).is_some() || var(env, OIDC[2]).is_some();
        match group(env, &OIDC, &["ALIBABA_CLOUD_ROLE_SESSION_NAME"]) {
            Ok(Some(v)) if oidc_named => {
                let value = |i: usize| v[i].clone().unwrap_or_default();
                let mut provider = self.oidc(value(0), value(1), value(2), None, false);
                if let Some(name) = v[3].clone() {
                    provider = provider.session_name(name);
                }
                let result = provider.provide_credentials().await;
                return Some(result.map(|c| (c, source)));
            }
            Err(problem) if oidc_named => {
                return Some(Err(single(Vendor::Alibaba, source, problem)));
            }
            _ => attempts.push(Attempt {
                source,
                problem: Problem::NotSet,
            }),
        }
        if is_true(env, "ALIBABA_CLOUD_CLI_PROFILE_DISABLED") {
            attempts.push(disabled("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"));
        } else {
            match cli_config::load(env) {
                Ok((profile, source)) => {
                    return Some(Box::pin(self.cli(profile)).await.map(|c| (c, source)));
                }
                Err(attempt) => stop_or_record(attempt, attempts)?,
            }
        }
        match profile::load(Vendor::Alibaba, env) {
            Ok((Found::Key(key), source)) => return Some(Ok((key, source))),
            Ok((
                Found::AssumeRole {
                    key,
                    role_arn,
                    session_name,
                    policy,
                },
                source,
            )) => {
                let provider =
                    self.alibaba_role(key, role_arn, session_name, None, policy, None, None, false);
                return Some(provider.provide_credentials().await.map(|c| (c, source)));
            }
            Ok((Found::EcsRole { role_name }, source)) => {
                return Some(
                    self.ecs(role_name)
                        .provide_credentials()
                        .await
                        .map(|c| (c, source)),
                );
            }
            Err(attempt) => stop_or_record(attempt, attempts)?,
        }
        if is_true(env, "ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
            attempts.push(disabled("ALIBABA_CLOUD_ECS_METADATA_DISABLED"));
        } else if self.metadata {
            let provider = self.ecs(var(env, "ALIBABA_CLOUD_ECS_METADATA"));
            if let Some(found) = self.last(provider, attempts).await {
                return Some(found);
            }
        }
        if let Some(url) = var(env, "ALIBABA_CLOUD_CREDENTIALS_URI") {
            let provider = CredentialsUriProvider::with_config(url.clone(), self.config.clone());
            let source = Source::CredentialsUri {
                url: crate::redact::shown_url(&url),
            };
            return Some(provider.provide_credentials().await.map(|c| (c, source)));
        }
        attempts.push(Attempt {
            source: Source::Variables(vec!["ALIBABA_CLOUD_CREDENTIALS_URI"]),
            problem: Problem::NotSet,
        });
        None
    }

    /// The provider a CLI profile describes.
    async fn cli(&self, profile: CliProfile) -> Result<Credentials, CredentialsError> {
        match profile {
            CliProfile::Key(key) => Ok(key),
            CliProfile::EcsRole { role_name } => self.ecs(role_name).provide_credentials().await,
            CliProfile::Oidc {
                role_arn,
                provider_arn,
                token_file,
                session_name,
                sts_region,
                vpc,
            } => {
                let mut provider = self.oidc(role_arn, provider_arn, token_file, sts_region, vpc);
                if let Some(name) = session_name {
                    provider = provider.session_name(name);
                }
                provider.provide_credentials().await
            }
            CliProfile::AssumeRole {
                source,
                role_arn,
                session_name,
                duration,
                policy,
                external_id,
                sts_region,
                vpc,
            } => {
                let key = Box::pin(self.cli(*source)).await?;
                self.alibaba_role(
                    key,
                    role_arn,
                    session_name,
                    duration,
                    policy,
                    external_id,
                    sts_region,
                    vpc,
                )
                .provide_credentials()
                .await
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn alibaba_role(
        &self,
        key: Credentials,
        role_arn: String,
        session_name: Option<String>,
        duration: Option<u32>,
        policy: Option<String>,
        external_id: Option<String>,
        sts_region: Option<String>,
        vpc: bool,
    ) -> AlibabaAssumeRoleProvider {
        let config = self.config.clone();
        let config = config.with_sts_endpoint(self.config.alibaba_sts(sts_region, vpc));
        let mut provider = AlibabaAssumeRoleProvider::with_config(key, role_arn, config);
        if let Some(name) = session_name {
            provider = provider.session_name(name);
        }
        if let Some(seconds) = duration {
            provider = provider.duration(std::time::Duration::from_secs(seconds.into()));
        }
        if let Some(policy) = policy {
            provider = provider.policy(policy);
        }
        if let Some(id) = external_id {
            provider = provider.external_id(id);
        }
        provider
    }

    /// Alibaba's OIDC role, through the STS the environment or profile names.
    fn oidc(
        &self,
        role_arn: String,
        provider_arn: String,
        token_file: String,
        sts_region: Option<String>,
        vpc: bool,
    ) -> AlibabaOidcProvider {
        let config = self.config.clone();
        let config = config.with_sts_endpoint(self.config.alibaba_sts(sts_region, vpc));
        AlibabaOidcProvider::with_config(role_arn, provider_arn, token_file, config)
    }

    fn ecs(&self, role_name: Option<String>) -> EcsRamRoleProvider {
        let mut provider = EcsRamRoleProvider::with_config(self.config.clone())
            .imdsv1_disabled(is_true(self.config.env(), "ALIBABA_CLOUD_IMDSV1_DISABLED"));
        if let Some(role) = role_name {
            provider = provider.role_name(role);
        }
        provider
    }

    /// A source that may well have nothing (a metadata service): its
    /// "not available" is recorded and the chain moves on.
    async fn last(&self, provider: impl ProvideCredentials, attempts: &mut Vec<Attempt>) -> Step {
        match provider.provide_credentials().await {
            Ok(credentials) => Some(Ok((credentials, Source::Custom("instance role".into())))),
            Err(error) if error.is_not_found() => {
                attempts.extend(error.into_attempts());
                None
            }
            Err(error) => Some(Err(error)),
        }
    }
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultChain")
            .field("vendor", &self.vendor)
            .field(
                "sts_endpoint",
                &self.config.sts_endpoint().map(crate::redact::shown_url),
            )
            .field("metadata", &self.metadata)
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}

/// The outcome of a chain: `None` when no source had anything.
type Step = Option<Result<(Credentials, Source), CredentialsError>>;

/// Records an attempt; `Some(())` to go on when the source simply had
/// nothing, `None` to end the chain when it is misconfigured (the error then
/// lists every attempt, this one last).
fn stop_or_record(attempt: Attempt, attempts: &mut Vec<Attempt>) -> Option<()> {
    let go_on = attempt.problem.is_not_found();
    attempts.push(attempt);
    go_on.then_some(())
}

fn single(vendor: Vendor, source: Source, problem: Problem) -> CredentialsError {
    CredentialsError::single(vendor, source, problem)
}

fn disabled(var: &'static str) -> Attempt {
    Attempt {
        source: Source::Variables(vec![var]),
        problem: Problem::Unavailable(format!("disabled by {var}")),
    }
}

/// Credentials for `vendor` from its default chain with the process
/// environment; see the [module documentation](super) for the sources.
///
/// A source that has nothing passes on to the next; a misconfigured source
/// (for example `TENCENTCLOUD_SECRET_ID` set without
/// `TENCENTCLOUD_SECRET_KEY`, or an unreadable profile file) stops the
/// chain with an error rather than falling through to another key.
pub async fn default_chain(vendor: Vendor) -> Result<Credentials, CredentialsError> {
    DefaultChain::new(vendor).load().await
}

/// [`default_chain`], reading variables and the home directory from `env`
/// instead of the process, and leaving the metadata services out.
pub async fn default_chain_with(
    vendor: Vendor,
    env: impl Environment + 'static,
) -> Result<Credentials, CredentialsError> {
    DefaultChain::new(vendor)
        .environment(env)
        .without_metadata()
        .load()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential_types::error::Problem;
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

    fn run(vendor: Vendor, env: &FakeEnv) -> Result<Credentials, CredentialsError> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(default_chain_with(vendor, env.clone()))
    }

    fn chain_error(vendor: Vendor, env: &FakeEnv) -> CredentialsError {
        match run(vendor, env) {
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
    fn an_sts_region_that_is_not_a_region_name_cannot_choose_the_host() {
        // The chain's sources are built from its provider configuration.
        let chain = |region: &str| {
            let env = FakeEnv::new().with("ALIBABA_CLOUD_STS_REGION", region);
            ProviderConfig::default().with_environment(Arc::new(env))
        };
        assert_eq!(
            chain("cn-hangzhou").alibaba_sts(None, false),
            "https://sts.cn-hangzhou.aliyuncs.com/"
        );
        assert_eq!(
            chain("cn-hangzhou").alibaba_sts(Some("ap-southeast-1".into()), true),
            "https://sts-vpc.ap-southeast-1.aliyuncs.com/"
        );
        for hostile in ["evil.example#", "evil.example/", "a.b", "x@y", "a:443"] {
            assert_eq!(
                chain(hostile).alibaba_sts(None, false),
                "https://sts.aliyuncs.com/"
            );
        }
    }

    #[test]
    fn environment_wins_over_file() {
        let env = FakeEnv::new()
            .with_home()
            .with("TENCENTCLOUD_SECRET_ID", "AKIDenv")
            .with("TENCENTCLOUD_SECRET_KEY", ENV_SECRET);
        tencent_file(&env);
        let credentials = run(Vendor::Tencent, &env).unwrap();
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
        let credentials = run(Vendor::Tencent, &env).unwrap();
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
        let credentials = run(Vendor::Alibaba, &env).unwrap();
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
                 (not found); environment variables TKE_REGION, TKE_PROVIDER_ID, \
                 TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN (not set)",
                path.display()
            )
        );

        let env = FakeEnv::new();
        let error = chain_error(Vendor::Alibaba, &env);
        assert_eq!(
            error.to_string(),
            "no Alibaba Cloud credentials found; tried: environment variables \
             ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set); \
             environment variables ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, \
             ALIBABA_CLOUD_OIDC_TOKEN_FILE (not set); CLI configuration ~/.aliyun/config.json \
             (home directory unknown); profile file ~/.alibabacloud/credentials (home directory \
             unknown); environment variables ALIBABA_CLOUD_CREDENTIALS_URI (not set)"
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
        let text = error.to_string();
        assert!(text.starts_with("Alibaba Cloud credentials could not be loaded; tried: environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set); "), "{text}");
        assert!(
            text.ends_with(&format!(
                "profile file {} (key access_key_id in section [default] is missing or empty)",
                path.display()
            )),
            "{text}"
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
                if let Err(error) = run(vendor, &env) {
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
        let chain = DefaultChain::new(Vendor::Alibaba).without_metadata();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        if let Err(error) = runtime.block_on(chain.load()) {
            assert!(error.to_string().contains("Alibaba Cloud"));
        }
    }
}
