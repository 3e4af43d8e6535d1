//! Tencent Cloud STS: `AssumeRole` and `AssumeRoleWithWebIdentity` (TKE OIDC).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::exchange::{
    ASSUME_ROLE, Assume, AssumeRoleInput, TokenExchange, from_call, from_failure, raw,
    session_name, unix_seconds,
};
use super::exchange::{
    TENCENT_DURATION, TENCENT_STS, TENCENT_STS_HOST, TENCENT_STS_REGION, TENCENT_STS_VERSION,
};
use crate::clock::Clock;
use crate::credential_types::error::CredentialsError;
use crate::credential_types::error::{Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::credential_types::provider::SharedProvider;
use crate::credentials::fetch::{self, REMOTE_TIMEOUT};
use crate::credentials::temporary::TencentTemporary;
use crate::protocol::{Protocol, Tc3Json};
use crate::vendor::Vendor;

/// Tencent Cloud: a role assumed with STS `AssumeRole`
/// (`sts.tencentcloudapi.com`, version `2018-08-13`), signed with the key
/// `source` provides.
#[derive(Debug)]
pub struct TencentAssumeRoleProvider(Assume<Tc3Json>);

role_setters!(TencentAssumeRoleProvider);

impl TencentAssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/…:roleName/…`) with the key of `source`.
    pub fn new(source: impl ProvideCredentials, role_arn: impl Into<String>) -> Self {
        TencentAssumeRoleProvider(Assume::new(
            SharedProvider::new(source),
            role_arn.into(),
            TENCENT_DURATION,
        ))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let a = &self.0;
        let source = Source::Sts {
            action: "AssumeRole",
            endpoint: a.shown_endpoint(TENCENT_STS_HOST),
        };
        let transport = a
            .transport(&TENCENT_STS, Some(TENCENT_STS_REGION))
            .map_err(|p| CredentialsError::single(Vendor::Tencent, source.clone(), p))?;
        let name = a
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(&a.clock));
        let input = AssumeRoleInput {
            role_arn: &a.role_arn,
            role_session_name: &name,
            duration_seconds: a.duration,
            policy: a.policy.as_deref(),
            external_id: None,
        };
        let answer: TencentAssumed = transport
            .call(&ASSUME_ROLE, input)
            .await
            .map_err(|e| from_call(Vendor::Tencent, source.clone(), e))?;
        answer
            .credentials()
            .map_err(|p| CredentialsError::single(Vendor::Tencent, source, p))
    }
}

impl ProvideCredentials for TencentAssumeRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// Tencent's STS answer (inside `Response`).
#[derive(Deserialize)]
struct TencentAssumed {
    #[serde(rename = "Credentials")]
    credentials: TencentTemporary,
    #[serde(rename = "ExpiredTime")]
    expired_time: i64,
}

impl TencentAssumed {
    fn credentials(self) -> Result<Credentials, Problem> {
        self.credentials.credentials(self.expired_time)
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
    exchange: TokenExchange,
}

impl TencentWebIdentityProvider {
    /// The role `role_arn`, for tokens of OIDC provider `provider_id`, read
    /// from `token_file`, in `region`.
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Self {
        TencentWebIdentityProvider {
            region: region.into(),
            provider_id: provider_id.into(),
            role_arn: role_arn.into(),
            exchange: TokenExchange::new(token_file.into(), TENCENT_DURATION, TENCENT_STS_HOST),
        }
    }

    async fn fetch(&self) -> Result<Credentials, Problem> {
        let token = self.exchange.token()?;
        let name = self.exchange.session_name();
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
        let body = Zeroizing::new(
            serde_json::to_vec(&Input {
                provider_id: &self.provider_id,
                token: &token,
                role_arn: &self.role_arn,
                session_name: &name,
                duration: self.exchange.duration,
            })
            .map_err(|e| Problem::Refused(e.to_string()))?,
        );
        let timestamp = unix_seconds(self.exchange.clock.now()).to_string();
        let answer = fetch::send(
            self.exchange.http(),
            reqwest::Method::POST,
            &self.exchange.url(),
            &[
                ("x-tc-action", "AssumeRoleWithWebIdentity"),
                ("x-tc-version", TENCENT_STS_VERSION),
                ("x-tc-timestamp", &timestamp),
                ("x-tc-region", &self.region),
                ("authorization", "SKIP"),
            ],
            Some(("application/json", body.to_vec())),
            REMOTE_TIMEOUT,
        )
        .await
        .map_err(|failed| failed.problem(false))?;
        let success = Tc3Json::decode(raw(answer)).map_err(from_failure)?;
        let assumed: TencentAssumed = fetch::json(
            success.payload.get().as_bytes(),
            "Credentials with TmpSecretId, TmpSecretKey and Token, and ExpiredTime",
        )?;
        assumed.credentials()
    }
}

exchange_setters!(TencentWebIdentityProvider);

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
        Box::pin(async move {
            self.fetch().await.map_err(|problem| {
                CredentialsError::single(
                    Vendor::Tencent,
                    Source::Sts {
                        action: "AssumeRoleWithWebIdentity",
                        endpoint: crate::redact::shown_url(&self.exchange.url()),
                    },
                    problem,
                )
            })
        })
    }
}
