//! Credentials: where an access key comes from, how temporary keys are kept
//! fresh, and how they are kept secret.
//!
//! Every source is a [`ProvideCredentials`], usable alone or as one link of
//! the vendor's default chain ([`DefaultChain`]). A client asks its
//! [`Config`](crate::Config) for credentials through a cache that refreshes
//! temporary keys before they expire, once for all concurrent callers, and
//! keeps serving the old keys while a refresh fails, until they actually expire.
//!
//! # The default chains
//!
//! Tried in this order; the first source that has a key wins.
//!
//! | # | Tencent Cloud | what it reads |
//! |---|---|---|
//! | 1 | environment | `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` with token `TENCENTCLOUD_SESSION_TOKEN` or `TENCENTCLOUD_TOKEN`; else the serverless runtime's `TENCENTCLOUD_SECRETID`, `TENCENTCLOUD_SECRETKEY`, `TENCENTCLOUD_SESSIONTOKEN` |
//! | 2 | profile file | `TENCENTCLOUD_CREDENTIALS_FILE`, else `~/.tencentcloud/credentials`, else `/etc/tencentcloud/credentials`; section `[default]`: `secret_id`, `secret_key`, optional `token`, optional `role_arn` and `role_session_name` (then the key assumes that role) |
//! | 3 | assume role | the key of 1 or 2 assumes `TENCENTCLOUD_ROLE_ARN` (session `TENCENTCLOUD_ROLE_SESSION_NAME`), or the profile's `role_arn` (`role_session_name`): STS `AssumeRole` |
//! | 4 | TKE OIDC | `TKE_REGION`, `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`: STS `AssumeRoleWithWebIdentity` |
//! | 5 | CVM instance role | the metadata service, `http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/` |
//!
//! | # | Alibaba Cloud | what it reads |
//! |---|---|---|
//! | 1 | environment | `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, optional `ALIBABA_CLOUD_SECURITY_TOKEN` |
//! | 2 | OIDC (RRSA) | `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, optional `ALIBABA_CLOUD_ROLE_SESSION_NAME`: STS `AssumeRoleWithOIDC` |
//! | 3 | CLI configuration | `ALIBABA_CLOUD_CONFIG_FILE`, else `~/.aliyun/config.json`; profile `ALIBABA_CLOUD_PROFILE`, else `current`; modes `AK`, `StsToken`, `RamRoleArn`, `EcsRamRole`, `ChainableRamRoleArn`, `OIDC` (skipped when `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`) |
//! | 4 | profile file | `ALIBABA_CLOUD_CREDENTIALS_FILE`, else `~/.alibabacloud/credentials`; section `ALIBABA_CLOUD_PROFILE`, else `[default]`; `type` = `access_key`, `sts`, `ram_role_arn` or `ecs_ram_role` |
//! | 5 | ECS RAM role | the metadata service at `http://100.100.100.200`, with an IMDSv2 session token first (IMDSv1 only if `ALIBABA_CLOUD_IMDSV1_DISABLED` is not `true`); role `ALIBABA_CLOUD_ECS_METADATA`, else the one attached; skipped when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` |
//! | 6 | credentials URI | `ALIBABA_CLOUD_CREDENTIALS_URI` |
//!
//! STS endpoints: Tencent `sts.tencentcloudapi.com` (version `2018-08-13`);
//! Alibaba `sts.aliyuncs.com` (version `2015-04-01`), or
//! `sts.<ALIBABA_CLOUD_STS_REGION>.aliyuncs.com` (`sts-vpc.` with
//! `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`). Every address can be changed
//! ([`DefaultChain`]'s setters and each source's), which is how the tests
//! run every source against a local server.
//!
//! # When the chain stops
//!
//! A source that has *nothing* (variables unset or empty, file absent,
//! home directory unknown, no metadata service, no role attached) passes on
//! to the next one. Any other problem stops the chain and is reported, even
//! if a later source would have had a key: one variable of a pair set
//! without the other, a file that cannot be read or parsed, a missing key,
//! an unsupported credential type, an STS or metadata service that refuses
//! or answers something unreadable. A half-configured source is a mistake to
//! fix, and quietly signing with some other key would hide it. The error
//! lists every source tried and why each gave nothing.
//!
//! # Secrecy
//!
//! Secrets and tokens are held in [`Sensitive`](crate::Sensitive), so `Debug` never prints
//! them. Errors name sources, files, variables, URLs and keys, never values,
//! and never quote a line of a file or a body of an answer. File contents
//! and parsed values are zeroed once the key has been extracted (best
//! effort: the process environment and the parsers' temporaries are out of reach).

pub use crate::environment::{Environment, ProcessEnvironment};

pub(crate) mod chain;
mod cli_config;
pub(crate) mod env;
mod fetch;
mod metadata;
mod profile;
mod provider_config;
mod sts;
mod temporary;
#[cfg(test)]
mod testing;
mod uri;

pub use crate::environment::env_region;
pub use chain::{DefaultChain, default_chain, default_chain_with};
// The credential types, which sit below the transport, are indexed here with the sources.
pub use crate::credential_types::error::{Attempt, CredentialsError, Problem, Source};
pub use crate::credential_types::key::Credentials;
pub use crate::credential_types::provider::{
    CredentialsFuture, ProvideCredentials, SharedProvider,
};
pub use metadata::{CvmRoleProvider, EcsRamRoleProvider};
pub use sts::{
    AlibabaAssumeRoleProvider, AlibabaOidcProvider, TencentAssumeRoleProvider,
    TencentWebIdentityProvider,
};
pub use uri::CredentialsUriProvider;
