//! Tencent Cloud STS: `AssumeRole` and `AssumeRoleWithWebIdentity` (TKE OIDC).
//!
//! What is Tencent's own: the host, version and region, signing with
//! `TC3-HMAC-SHA256` (`Tc3Json`), the web-identity request sent as JSON
//! with `X-TC-*` headers and `Authorization: SKIP`, and the answer's
//! `Credentials` beside an `ExpiredTime` in Unix seconds.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::exchange::{
    ASSUME_ROLE, Anonymous, Assume, Exchanged, StsVendor, TokenExchange, unix_seconds,
};
use crate::clock::Clock;
use crate::credential_types::error::Problem;
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::credential_types::provider::SharedProvider;
use crate::credentials::provider_config::ProviderConfig;
use crate::credentials::temporary::TencentTemporary;
use crate::protocol::Tc3Json;
use crate::service::{EndpointKind, EndpointSpec, Service};

static TENCENT_STS: Service = Service {
    product: "sts",
    version: "2018-08-13",
    endpoints: &[EndpointSpec {
        host: "sts.tencentcloudapi.com",
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: false,
    endpoint_rule: None,
    actions: &[&ASSUME_ROLE],
};

/// Tencent Cloud's STS.
pub(super) struct Tencent;

impl StsVendor for Tencent {
    type Protocol = Tc3Json;
    type Answer = TencentAssumed;
    const SERVICE: &'static Service = &TENCENT_STS;
    /// The region the official SDKs send.
    const REGION: Option<&'static str> = Some("ap-guangzhou");
    /// Two hours.
    const DURATION: u32 = 7200;
    const OIDC_ACTION: &'static str = "AssumeRoleWithWebIdentity";
    const EXPECTED: &'static str =
        "Credentials with TmpSecretId, TmpSecretKey and Token, and ExpiredTime";

    fn credentials(answer: TencentAssumed) -> Result<Credentials, Problem> {
        answer.credentials.credentials(answer.expired_time)
    }
}

/// Tencent's STS answer (inside `Response`): the expiry stands beside the
/// credentials.
#[derive(Deserialize)]
pub(super) struct TencentAssumed {
    #[serde(rename = "Credentials")]
    credentials: TencentTemporary,
    #[serde(rename = "ExpiredTime")]
    expired_time: i64,
}

/// Tencent Cloud: a role assumed with STS `AssumeRole`
/// (`sts.tencentcloudapi.com`, version `2018-08-13`), signed with the key
/// `source` provides.
#[derive(Debug)]
pub struct TencentAssumeRoleProvider(Assume<Tencent>);

role_provider!(TencentAssumeRoleProvider);

impl TencentAssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/…:roleName/…`) with the key of `source`.
    pub fn new(source: impl ProvideCredentials, role_arn: impl Into<String>) -> Self {
        TencentAssumeRoleProvider::with_config(source, role_arn, ProviderConfig::default())
    }

    /// Assumes `role_arn` with the key of `source`, through the STS and the
    /// client `config` names.
    pub(crate) fn with_config(
        source: impl ProvideCredentials,
        role_arn: impl Into<String>,
        config: ProviderConfig,
    ) -> Self {
        let source = SharedProvider::new(source);
        TencentAssumeRoleProvider(Assume::new(source, role_arn.into(), config))
    }
}

/// Tencent Cloud: a role assumed with an OIDC token, STS
/// `AssumeRoleWithWebIdentity` (anonymous, `Authorization: SKIP`), as TKE
/// pods do with `TKE_REGION`, `TKE_PROVIDER_ID`,
/// `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN`. The token file is read
/// again for every refresh (the cluster rotates it).
pub struct TencentWebIdentityProvider {
    region: String,
    provider_id: String,
    role_arn: String,
    exchange: TokenExchange<Tencent>,
}

exchange_setters!(TencentWebIdentityProvider);

impl TencentWebIdentityProvider {
    /// The role `role_arn`, for tokens of OIDC provider `provider_id`, read
    /// from `token_file`, in `region`.
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Self {
        let config = ProviderConfig::default();
        TencentWebIdentityProvider::with_config(region, provider_id, token_file, role_arn, config)
    }

    /// [`new`](Self::new), through the STS and the client `config` names.
    pub(crate) fn with_config(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
        config: ProviderConfig,
    ) -> Self {
        TencentWebIdentityProvider {
            region: region.into(),
            provider_id: provider_id.into(),
            role_arn: role_arn.into(),
            exchange: TokenExchange::new(token_file.into(), config),
        }
    }

    /// The request: JSON, with the action, version, time and region in
    /// `X-TC-*` headers and no signature.
    fn request(&self, with: Exchanged<'_>) -> Result<Anonymous, Problem> {
        #[derive(Serialize)]
        struct Input<'a> {
            #[serde(rename = "ProviderId")]
            provider_id: &'a str,
            #[serde(rename = "WebIdentityToken")]
            token: &'a str,
            #[serde(rename = "RoleArn")]
            role_arn: &'a str,
            #[serde(rename = "RoleSessionName")]
            session_name: &'a str,
            #[serde(rename = "DurationSeconds")]
            duration: u32,
        }
        let body = serde_json::to_vec(&Input {
            provider_id: &self.provider_id,
            token: with.token,
            role_arn: &self.role_arn,
            session_name: with.session_name,
            duration: with.duration,
        })
        .map_err(|e| Problem::Refused(e.to_string()))?;
        let header = |name: &'static str, value: &str| (name, value.to_owned());
        Ok(Anonymous {
            url: with.url,
            headers: vec![
                header("x-tc-action", Tencent::OIDC_ACTION),
                header("x-tc-version", TENCENT_STS.version),
                header("x-tc-timestamp", &unix_seconds(with.now).to_string()),
                header("x-tc-region", &self.region),
                header("authorization", "SKIP"),
            ],
            content_type: "application/json",
            body: Zeroizing::new(body),
        })
    }
}

impl fmt::Debug for TencentWebIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentWebIdentityProvider")
            .field("region", &self.region)
            .field("provider_id", &self.provider_id)
            .field("token_file", &self.exchange.token_file)
            .field("role_arn", &self.role_arn)
            .field("endpoint", &crate::redact::shown_url(&self.exchange.url()))
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for TencentWebIdentityProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.exchange.exchange(|with| self.request(with)))
    }
}
