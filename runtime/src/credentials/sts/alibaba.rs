//! Alibaba Cloud STS: `AssumeRole` and `AssumeRoleWithOIDC` (RRSA).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::exchange::{ALIBABA_DURATION, ALIBABA_STS, ALIBABA_STS_HOST, ALIBABA_STS_VERSION};
use super::exchange::{
    ASSUME_ROLE, Assume, AssumeRoleInput, TokenExchange, encode_form, from_call, from_failure, raw,
    session_name,
};
use crate::clock::Clock;
use crate::credential_types::error::CredentialsError;
use crate::credential_types::error::{Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::credential_types::provider::SharedProvider;
use crate::credentials::fetch::{self, REMOTE_TIMEOUT};
use crate::credentials::temporary::AlibabaTemporary;
use crate::protocol::{Acs3Rpc, Protocol};
use crate::vendor::Vendor;

/// Alibaba Cloud: a RAM role assumed with STS `AssumeRole`
/// (`sts.aliyuncs.com`, version `2015-04-01`), signed with the key `source` provides.
#[derive(Debug)]
pub struct AlibabaAssumeRoleProvider(Assume<Acs3Rpc>);

role_setters!(AlibabaAssumeRoleProvider);

impl AlibabaAssumeRoleProvider {
    /// Assumes `role_arn` (`acs:ram::…:role/…`) with the key of `source`.
    pub fn new(source: impl ProvideCredentials, role_arn: impl Into<String>) -> Self {
        AlibabaAssumeRoleProvider(Assume::new(
            SharedProvider::new(source),
            role_arn.into(),
            ALIBABA_DURATION,
        ))
    }

    /// Sends the role's external ID (for roles that require one).
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.0.external_id = Some(id.into());
        self
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let a = &self.0;
        let source = Source::Sts {
            action: "AssumeRole",
            endpoint: a.shown_endpoint(ALIBABA_STS_HOST),
        };
        let transport = a
            .transport(&ALIBABA_STS, None)
            .map_err(|p| CredentialsError::single(Vendor::Alibaba, source.clone(), p))?;
        let name = a
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(&a.clock));
        let input = AssumeRoleInput {
            role_arn: &a.role_arn,
            role_session_name: &name,
            duration_seconds: a.duration,
            policy: a.policy.as_deref(),
            external_id: a.external_id.as_deref(),
        };
        let answer: AlibabaAssumed = transport
            .call(&ASSUME_ROLE, input)
            .await
            .map_err(|e| from_call(Vendor::Alibaba, source.clone(), e))?;
        answer
            .credentials()
            .map_err(|p| CredentialsError::single(Vendor::Alibaba, source, p))
    }
}

impl ProvideCredentials for AlibabaAssumeRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// Alibaba's STS answer.
#[derive(Deserialize)]
struct AlibabaAssumed {
    #[serde(rename = "Credentials")]
    credentials: AlibabaTemporary,
}

impl AlibabaAssumed {
    fn credentials(self) -> Result<Credentials, Problem> {
        self.credentials.credentials()
    }
}

/// Alibaba Cloud: a RAM role assumed with an OIDC token, STS
/// `AssumeRoleWithOIDC` (anonymous), as ACK pods with RRSA do with
/// `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
/// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`. The token file is read again for every refresh.
pub struct AlibabaOidcProvider {
    role_arn: String,
    provider_arn: String,
    policy: Option<String>,
    exchange: TokenExchange,
}

impl AlibabaOidcProvider {
    /// The role `role_arn`, for tokens of OIDC provider `provider_arn`, read from `token_file`.
    pub fn new(
        role_arn: impl Into<String>,
        provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        AlibabaOidcProvider {
            role_arn: role_arn.into(),
            provider_arn: provider_arn.into(),
            policy: None,
            exchange: TokenExchange::new(token_file.into(), ALIBABA_DURATION, ALIBABA_STS_HOST),
        }
    }

    /// Narrows the role's permissions with a policy (JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    async fn fetch(&self) -> Result<Credentials, Problem> {
        let token = self.exchange.token()?;
        let name = self.exchange.session_name();
        let duration = self.exchange.duration.to_string();
        let mut form = vec![
            ("RoleArn", self.role_arn.as_str()),
            ("OIDCProviderArn", self.provider_arn.as_str()),
            ("OIDCToken", token.as_str()),
            ("RoleSessionName", name.as_str()),
            ("DurationSeconds", duration.as_str()),
        ];
        if let Some(policy) = &self.policy {
            form.push(("Policy", policy));
        }
        let body = Zeroizing::new(encode_form(&form));
        let timestamp = fetch::rfc3339(self.exchange.clock.now());
        let mut url = reqwest::Url::parse(&self.exchange.url())
            .map_err(|e| Problem::Refused(format!("STS endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("Action", "AssumeRoleWithOIDC")
            .append_pair("Format", "JSON")
            .append_pair("Version", ALIBABA_STS_VERSION)
            .append_pair("Timestamp", &timestamp);
        let answer = fetch::send(
            self.exchange.http(),
            reqwest::Method::POST,
            url.as_str(),
            &[("accept", "application/json")],
            Some((
                "application/x-www-form-urlencoded",
                body.as_bytes().to_vec(),
            )),
            REMOTE_TIMEOUT,
        )
        .await
        .map_err(|failed| failed.problem(false))?;
        let success = Acs3Rpc::decode(raw(answer)).map_err(from_failure)?;
        let assumed: AlibabaAssumed = fetch::json(
            success.payload.get().as_bytes(),
            "Credentials with AccessKeyId, AccessKeySecret, SecurityToken and Expiration",
        )?;
        assumed.credentials()
    }
}

exchange_setters!(AlibabaOidcProvider);

impl fmt::Debug for AlibabaOidcProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlibabaOidcProvider")
            .field("role_arn", &self.role_arn)
            .field("provider_arn", &self.provider_arn)
            .field("token_file", &self.exchange.token_file)
            .field("endpoint", &crate::redact::shown_url(&self.exchange.url()))
            .finish_non_exhaustive()
    }
}

impl ProvideCredentials for AlibabaOidcProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            self.fetch().await.map_err(|problem| {
                CredentialsError::single(
                    Vendor::Alibaba,
                    Source::Sts {
                        action: "AssumeRoleWithOIDC",
                        endpoint: crate::redact::shown_url(&self.exchange.url()),
                    },
                    problem,
                )
            })
        })
    }
}
