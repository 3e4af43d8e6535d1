//! The sources of the default chains, one type per row of the tables in the
//! [module documentation](crate::credentials), each built from the chain's
//! provider configuration when its turn comes.

use std::future::Future;
use std::pin::Pin;

use super::link::{ChainSource, Outcome, OutcomeFuture};
use crate::credential_types::error::{CredentialsError, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::ProvideCredentials;
use crate::credentials::cli_config::{self, CliProfile};
use crate::credentials::env::{self, group, is_true, var};
use crate::credentials::metadata::{CvmRoleProvider, EcsRamRoleProvider};
use crate::credentials::profile::{self, Found};
use crate::credentials::provider_config::ProviderConfig;
use crate::credentials::sts::{
    AlibabaAssumeRoleProvider, AlibabaOidcProvider, TencentAssumeRoleProvider,
    TencentWebIdentityProvider,
};
use crate::credentials::uri::CredentialsUriProvider;
use crate::vendor::Vendor;

/// The key in the vendor's environment variables, and for Tencent Cloud the
/// role those variables name for it to assume (row 3 of its table).
pub(super) struct EnvironmentKey {
    vendor: Vendor,
    /// The role's ARN and session name variables.
    role: Option<(&'static str, &'static str)>,
}

impl EnvironmentKey {
    pub(super) const TENCENT: EnvironmentKey = EnvironmentKey {
        vendor: Vendor::Tencent,
        role: Some(("TENCENTCLOUD_ROLE_ARN", "TENCENTCLOUD_ROLE_SESSION_NAME")),
    };
    pub(super) const ALIBABA: EnvironmentKey = EnvironmentKey {
        vendor: Vendor::Alibaba,
        role: None,
    };
}

impl ChainSource for EnvironmentKey {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(async move {
            let (key, source) = match env::load(self.vendor, config.env()) {
                Ok(found) => found,
                Err(attempt) => return Outcome::Looked(vec![attempt]),
            };
            let Some((arn, session)) = self.role else {
                return Outcome::Found(key, source);
            };
            match group(config.env(), &[arn], &[session]) {
                Ok(Some(values)) => {
                    let role = Role {
                        arn: values[0].clone().unwrap_or_default(),
                        session_name: values[1].clone(),
                        ..Role::default()
                    };
                    Outcome::of(assume(config, self.vendor, key, role).await, source)
                }
                Ok(None) => Outcome::Found(key, source),
                Err(problem) => Outcome::Failed(CredentialsError::single(
                    self.vendor,
                    Source::Variables(vec![arn]),
                    problem,
                )),
            }
        })
    }
}

/// The vendor's profile file: a key, a role to assume with it (Tencent
/// Cloud's row 3), or the instance's role.
pub(super) struct ProfileFile(pub(super) Vendor);

impl ChainSource for ProfileFile {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(async move {
            let vendor = self.0;
            match profile::load(vendor, config.env()) {
                Ok((Found::Key(key), source)) => Outcome::Found(key, source),
                Ok((
                    Found::AssumeRole {
                        key,
                        role_arn,
                        session_name,
                        policy,
                    },
                    source,
                )) => {
                    let role = Role {
                        arn: role_arn,
                        session_name,
                        policy,
                        ..Role::default()
                    };
                    Outcome::of(assume(config, vendor, key, role).await, source)
                }
                // Only Alibaba Cloud's files name an instance role (`ecs_ram_role`).
                Ok((Found::EcsRole { role_name }, source)) => {
                    let result = ecs(config, role_name).provide_credentials().await;
                    Outcome::of(result, source)
                }
                Err(attempt) => Outcome::Looked(vec![attempt]),
            }
        })
    }
}

/// Tencent Cloud's TKE OIDC: a web identity token a pod is given.
pub(super) struct TkeOidc;

const TKE: [&str; 4] = [
    "TKE_REGION",
    "TKE_PROVIDER_ID",
    "TKE_WEB_IDENTITY_TOKEN_FILE",
    "TKE_ROLE_ARN",
];

impl ChainSource for TkeOidc {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(async move {
            let source = Source::Variables(TKE.to_vec());
            match group(config.env(), &TKE, &[]) {
                Ok(Some(v)) => {
                    let value = |i: usize| v[i].clone().unwrap_or_default();
                    let provider = TencentWebIdentityProvider::with_config(
                        value(0),
                        value(1),
                        value(2),
                        value(3),
                        config.clone(),
                    );
                    Outcome::of(provider.provide_credentials().await, source)
                }
                Ok(None) => Outcome::not_set(source),
                // Even variables set but empty stop the chain: the pod was meant to use them.
                Err(problem) => {
                    Outcome::Failed(CredentialsError::single(Vendor::Tencent, source, problem))
                }
            }
        })
    }
}

/// The CAM role of the CVM instance.
pub(super) struct CvmInstanceRole;

impl ChainSource for CvmInstanceRole {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(instance_role(CvmRoleProvider::with_config(config.clone())))
    }
}

/// Alibaba Cloud's RRSA: an OIDC token an ACK pod is given.
pub(super) struct RrsaOidc;

const RRSA: [&str; 3] = [
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
];

impl ChainSource for RrsaOidc {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(async move {
            let env = config.env();
            let source = Source::Variables(RRSA.to_vec());
            // The role ARN alone configures other things too: OIDC needs a token file or provider.
            let named = var(env, RRSA[1]).is_some() || var(env, RRSA[2]).is_some();
            match group(env, &RRSA, &["ALIBABA_CLOUD_ROLE_SESSION_NAME"]) {
                Ok(Some(v)) if named => {
                    let value = |i: usize| v[i].clone().unwrap_or_default();
                    let mut provider = oidc(config, value(0), value(1), value(2), None, false);
                    if let Some(name) = v[3].clone() {
                        provider = provider.session_name(name);
                    }
                    Outcome::of(provider.provide_credentials().await, source)
                }
                Err(problem) if named => {
                    Outcome::Failed(CredentialsError::single(Vendor::Alibaba, source, problem))
                }
                _ => Outcome::not_set(source),
            }
        })
    }
}

/// Alibaba Cloud CLI's configuration, whose profile says what to do.
pub(super) struct CliConfiguration;

impl ChainSource for CliConfiguration {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(async move {
            match cli_config::load(config.env()) {
                Ok((profile, source)) => Outcome::of(cli(config, profile).await, source),
                Err(attempt) => Outcome::Looked(vec![attempt]),
            }
        })
    }
}

/// The RAM role of the ECS instance, or the one `ALIBABA_CLOUD_ECS_METADATA` names.
pub(super) struct EcsInstanceRole;

impl ChainSource for EcsInstanceRole {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        let role = var(config.env(), "ALIBABA_CLOUD_ECS_METADATA");
        Box::pin(instance_role(ecs(config, role)))
    }
}

/// The URL `ALIBABA_CLOUD_CREDENTIALS_URI` names.
pub(super) struct CredentialsUri;

impl ChainSource for CredentialsUri {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a> {
        Box::pin(async move {
            let Some(url) = var(config.env(), "ALIBABA_CLOUD_CREDENTIALS_URI") else {
                return Outcome::not_set(Source::Variables(vec!["ALIBABA_CLOUD_CREDENTIALS_URI"]));
            };
            let source = Source::CredentialsUri {
                url: crate::redact::shown_url(&url),
            };
            let provider = CredentialsUriProvider::with_config(url, config.clone());
            Outcome::of(provider.provide_credentials().await, source)
        })
    }
}

/// An instance's role from a metadata service, which may well not be there:
/// its "not available" passes on.
async fn instance_role(provider: impl ProvideCredentials) -> Outcome {
    match provider.provide_credentials().await {
        Ok(credentials) => Outcome::Found(credentials, Source::Custom("instance role".into())),
        Err(error) if error.is_not_found() => Outcome::Looked(error.into_attempts()),
        Err(error) => Outcome::Failed(error),
    }
}

/// A role a source names, to assume with the key it found.
#[derive(Default)]
struct Role {
    arn: String,
    session_name: Option<String>,
    duration: Option<u32>,
    policy: Option<String>,
    external_id: Option<String>,
    /// Alibaba Cloud's STS region and VPC host, from a CLI profile.
    sts_region: Option<String>,
    vpc: bool,
}

/// The key of `role` through the vendor's STS `AssumeRole`, signed with `key`.
async fn assume(
    config: &ProviderConfig,
    vendor: Vendor,
    key: Credentials,
    role: Role,
) -> Result<Credentials, CredentialsError> {
    match vendor {
        // Tencent Cloud's sources name no lifetime, policy or external ID.
        Vendor::Tencent => {
            let mut provider =
                TencentAssumeRoleProvider::with_config(key, role.arn, config.clone());
            if let Some(name) = role.session_name {
                provider = provider.session_name(name);
            }
            provider.provide_credentials().await
        }
        Vendor::Alibaba => {
            let sts = config.alibaba_sts(role.sts_region, role.vpc);
            let config = config.clone().with_sts_endpoint(sts);
            let mut provider = AlibabaAssumeRoleProvider::with_config(key, role.arn, config);
            if let Some(name) = role.session_name {
                provider = provider.session_name(name);
            }
            if let Some(seconds) = role.duration {
                provider = provider.duration(std::time::Duration::from_secs(seconds.into()));
            }
            if let Some(policy) = role.policy {
                provider = provider.policy(policy);
            }
            if let Some(id) = role.external_id {
                provider = provider.external_id(id);
            }
            provider.provide_credentials().await
        }
    }
}

/// The credentials a CLI profile describes; a chained profile assumes its
/// role with the key of the profile it names.
fn cli(
    config: &ProviderConfig,
    profile: CliProfile,
) -> Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + '_>> {
    Box::pin(async move {
        match profile {
            CliProfile::Key(key) => Ok(key),
            CliProfile::EcsRole { role_name } => ecs(config, role_name).provide_credentials().await,
            CliProfile::Oidc {
                role_arn,
                provider_arn,
                token_file,
                session_name,
                sts_region,
                vpc,
            } => {
                let mut provider =
                    oidc(config, role_arn, provider_arn, token_file, sts_region, vpc);
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
                let key = cli(config, *source).await?;
                let role = Role {
                    arn: role_arn,
                    session_name,
                    duration,
                    policy,
                    external_id,
                    sts_region,
                    vpc,
                };
                assume(config, Vendor::Alibaba, key, role).await
            }
        }
    })
}

/// Alibaba Cloud's OIDC role, through the STS the environment or profile names.
fn oidc(
    config: &ProviderConfig,
    role_arn: String,
    provider_arn: String,
    token_file: String,
    sts_region: Option<String>,
    vpc: bool,
) -> AlibabaOidcProvider {
    let sts = config.alibaba_sts(sts_region, vpc);
    let config = config.clone().with_sts_endpoint(sts);
    AlibabaOidcProvider::with_config(role_arn, provider_arn, token_file, config)
}

/// The ECS instance's RAM role (`role_name`, else the one attached).
fn ecs(config: &ProviderConfig, role_name: Option<String>) -> EcsRamRoleProvider {
    let imdsv1_disabled = is_true(config.env(), "ALIBABA_CLOUD_IMDSV1_DISABLED");
    let mut provider =
        EcsRamRoleProvider::with_config(config.clone()).imdsv1_disabled(imdsv1_disabled);
    if let Some(role) = role_name {
        provider = provider.role_name(role);
    }
    provider
}
