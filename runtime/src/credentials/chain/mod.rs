//! The default chains: every source of a vendor, in the official order.

mod link;
mod sources;

use std::fmt;
use std::sync::Arc;

use self::link::Chain;
use self::sources::{
    CliConfiguration, CredentialsUri, CvmInstanceRole, EcsInstanceRole, EnvironmentKey,
    ProfileFile, RrsaOidc, TkeOidc,
};
use crate::clock::Clock;
use crate::credential_types::error::CredentialsError;
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::{CredentialsFuture, ProvideCredentials};
use crate::credentials::provider_config::ProviderConfig;
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
        let vendor = self.vendor.title();
        match sources(self.vendor)
            .run(self.vendor, &self.config, self.metadata)
            .await
        {
            Ok((credentials, source)) => {
                tracing::debug!(
                    vendor,
                    %source,
                    temporary = credentials.token().is_some(),
                    "credentials loaded"
                );
                Ok(credentials)
            }
            Err(error) => {
                tracing::debug!(vendor, %error, "no credentials");
                Err(error)
            }
        }
    }
}

/// The vendor's sources, in the order and under the names of the tables in
/// the [module documentation](super).
fn sources(vendor: Vendor) -> Chain {
    match vendor {
        // Row 3, assume role, is no source of its own: the environment's
        // key and the profile file's assume the role each names.
        Vendor::Tencent => Chain::first_try("environment", EnvironmentKey::TENCENT)
            .or_else("profile file", ProfileFile(Vendor::Tencent))
            .or_else("TKE OIDC", TkeOidc)
            .or_else("CVM instance role", CvmInstanceRole)
            .instance_metadata(),
        Vendor::Alibaba => Chain::first_try("environment", EnvironmentKey::ALIBABA)
            .or_else("OIDC (RRSA)", RrsaOidc)
            .or_else("CLI configuration", CliConfiguration)
            .unless("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")
            .or_else("profile file", ProfileFile(Vendor::Alibaba))
            .or_else("ECS RAM role", EcsInstanceRole)
            .unless("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
            .instance_metadata()
            .or_else("credentials URI", CredentialsUri),
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
    fn the_chains_follow_the_documented_tables() {
        let docs = include_str!("../mod.rs");
        let table = |vendor: &str| -> Vec<String> {
            let header = format!("//! | # | {vendor} |");
            docs.lines()
                .skip_while(|line| !line.starts_with(&header))
                .skip(2)
                .take_while(|line| line.starts_with("//! | "))
                .map(|line| line.split('|').nth(2).unwrap_or_default().trim().to_owned())
                .collect()
        };
        let mut tencent = table("Tencent Cloud");
        assert_eq!(tencent.len(), 5);
        // Row 3 is done by rows 1 and 2, which assume the role they name.
        tencent.retain(|name| name != "assume role");
        assert_eq!(sources(Vendor::Tencent).names(), tencent);
        let alibaba = table("Alibaba Cloud");
        assert_eq!(alibaba.len(), 6);
        assert_eq!(sources(Vendor::Alibaba).names(), alibaba);
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
