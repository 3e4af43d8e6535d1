//! Alibaba Cloud's credentials URI: a local service (a sidecar, an agent)
//! that answers `GET` with temporary credentials.

use std::fmt;

use serde::Deserialize;

use super::fetch::{self, REMOTE_TIMEOUT};
use super::provider_config::ProviderConfig;
use super::temporary::{self, AlibabaTemporary};
use crate::credential_types::error::CredentialsError;
use crate::credential_types::error::{Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::vendor::Vendor;

/// Temporary credentials from a URL (`ALIBABA_CLOUD_CREDENTIALS_URI` in the
/// default chain), answering `{"AccessKeyId", "AccessKeySecret",
/// "SecurityToken", "Expiration"}`.
pub struct CredentialsUriProvider {
    url: String,
    config: ProviderConfig,
}

impl CredentialsUriProvider {
    /// Asks `url`.
    pub fn new(url: impl Into<String>) -> Self {
        CredentialsUriProvider::with_config(url, ProviderConfig::default())
    }

    /// Asks `url` with the client `config` names.
    pub(crate) fn with_config(url: impl Into<String>, config: ProviderConfig) -> Self {
        CredentialsUriProvider {
            url: url.into(),
            config,
        }
    }

    /// Sends with this client.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.config = self.config.with_http(client);
        self
    }

    async fn fetch(&self) -> Result<Credentials, Problem> {
        let answer = fetch::send(
            self.config.http(),
            reqwest::Method::GET,
            &self.url,
            &[],
            None,
            REMOTE_TIMEOUT,
        )
        .await
        .map_err(|failed| failed.problem(false))?;
        if answer.status != 200 {
            return Err(fetch::status_problem(answer.status));
        }
        let answer: UriAnswer = fetch::json(&answer.body, AlibabaTemporary::EXPECTED)?;
        if let Some(code) = &answer.code {
            temporary::success(code)?;
        }
        answer.credentials.credentials()
    }
}

impl fmt::Debug for CredentialsUriProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsUriProvider")
            .field("url", &crate::redact::shown_url(&self.url))
            .finish()
    }
}

impl ProvideCredentials for CredentialsUriProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            self.fetch().await.map_err(|problem| {
                CredentialsError::single(
                    Vendor::Alibaba,
                    Source::CredentialsUri {
                        url: crate::redact::shown_url(&self.url),
                    },
                    problem,
                )
            })
        })
    }
}

/// The service's answer: the credentials and, optionally, a code.
#[derive(Deserialize)]
struct UriAnswer {
    #[serde(flatten)]
    credentials: AlibabaTemporary,
    #[serde(rename = "Code", default)]
    code: Option<String>,
}
