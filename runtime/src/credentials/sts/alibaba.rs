//! Alibaba Cloud STS: `AssumeRole` and `AssumeRoleWithOIDC` (RRSA).
//!
//! What is Alibaba's own: the host and version, signing with
//! `ACS3-HMAC-SHA256` (`Acs3Rpc`), the role's external ID, the OIDC request
//! sent as a form with the action, version and time in the query, and the
//! answer's `Credentials` carrying their own `Expiration` (RFC 3339).

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::exchange::encode_form;
use super::exchange::{ASSUME_ROLE, Anonymous, Assume, Exchanged, StsVendor, TokenExchange};
use crate::clock::Clock;
use crate::credential_types::error::Problem;
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::credential_types::provider::SharedProvider;
use crate::credentials::fetch;
use crate::credentials::provider_config::ProviderConfig;
use crate::credentials::temporary::AlibabaTemporary;
use crate::protocol::Acs3Rpc;
use crate::service::{EndpointKind, EndpointSpec, Service};

static ALIBABA_STS: Service = Service {
    product: "sts",
    version: "2015-04-01",
    endpoints: &[EndpointSpec {
        host: "sts.aliyuncs.com",
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: false,
    endpoint_rule: None,
    actions: &[&ASSUME_ROLE],
};

/// Alibaba Cloud's STS.
pub(super) struct Alibaba;

impl StsVendor for Alibaba {
    type Protocol = Acs3Rpc;
    type Answer = AlibabaAssumed;
    const SERVICE: &'static Service = &ALIBABA_STS;
    const REGION: Option<&'static str> = None;
    /// One hour.
    const DURATION: u32 = 3600;
    const OIDC_ACTION: &'static str = "AssumeRoleWithOIDC";
    const EXPECTED: &'static str =
        "Credentials with AccessKeyId, AccessKeySecret, SecurityToken and Expiration";

    fn credentials(answer: AlibabaAssumed) -> Result<Credentials, Problem> {
        answer.credentials.credentials()
    }
}

/// Alibaba's STS answer: the expiry is among the credentials.
#[derive(Deserialize)]
pub(super) struct AlibabaAssumed {
    #[serde(rename = "Credentials")]
    credentials: AlibabaTemporary,
}

/// Alibaba Cloud: a RAM role assumed with STS `AssumeRole`
/// (`sts.aliyuncs.com`, version `2015-04-01`), signed with the key `source` provides.
#[derive(Debug)]
pub struct AlibabaAssumeRoleProvider(Assume<Alibaba>);

role_provider!(AlibabaAssumeRoleProvider);

impl AlibabaAssumeRoleProvider {
    /// Assumes `role_arn` (`acs:ram::…:role/…`) with the key of `source`.
    pub fn new(source: impl ProvideCredentials, role_arn: impl Into<String>) -> Self {
        AlibabaAssumeRoleProvider::with_config(source, role_arn, ProviderConfig::default())
    }

    /// Assumes `role_arn` with the key of `source`, through the STS and the
    /// client `config` names.
    pub(crate) fn with_config(
        source: impl ProvideCredentials,
        role_arn: impl Into<String>,
        config: ProviderConfig,
    ) -> Self {
        let source = SharedProvider::new(source);
        AlibabaAssumeRoleProvider(Assume::new(source, role_arn.into(), config))
    }

    /// Sends the role's external ID (for roles that require one).
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.0.external_id = Some(id.into());
        self
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
    exchange: TokenExchange<Alibaba>,
}

exchange_setters!(AlibabaOidcProvider);

impl AlibabaOidcProvider {
    /// The role `role_arn`, for tokens of OIDC provider `provider_arn`, read from `token_file`.
    pub fn new(
        role_arn: impl Into<String>,
        provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        let config = ProviderConfig::default();
        AlibabaOidcProvider::with_config(role_arn, provider_arn, token_file, config)
    }

    /// [`new`](Self::new), through the STS and the client `config` names.
    pub(crate) fn with_config(
        role_arn: impl Into<String>,
        provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
        config: ProviderConfig,
    ) -> Self {
        AlibabaOidcProvider {
            role_arn: role_arn.into(),
            provider_arn: provider_arn.into(),
            policy: None,
            exchange: TokenExchange::new(token_file.into(), config),
        }
    }

    /// Narrows the role's permissions with a policy (JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The request: a form, with the action, format, version and time in the
    /// query and no signature.
    fn request(&self, with: Exchanged<'_>) -> Result<Anonymous, Problem> {
        let duration = with.duration.to_string();
        let mut form = vec![
            ("RoleArn", self.role_arn.as_str()),
            ("OIDCProviderArn", self.provider_arn.as_str()),
            ("OIDCToken", with.token),
            ("RoleSessionName", with.session_name),
            ("DurationSeconds", duration.as_str()),
        ];
        if let Some(policy) = &self.policy {
            form.push(("Policy", policy));
        }
        let mut url = reqwest::Url::parse(&with.url)
            .map_err(|e| Problem::Refused(format!("STS endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("Action", Alibaba::OIDC_ACTION)
            .append_pair("Format", "JSON")
            .append_pair("Version", ALIBABA_STS.version)
            .append_pair("Timestamp", &fetch::rfc3339(with.now));
        Ok(Anonymous {
            url: url.into(),
            headers: vec![("accept", "application/json".to_owned())],
            content_type: "application/x-www-form-urlencoded",
            body: Zeroizing::new(encode_form(&form).into_bytes()),
        })
    }
}

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
        Box::pin(self.exchange.exchange(|with| self.request(with)))
    }
}
