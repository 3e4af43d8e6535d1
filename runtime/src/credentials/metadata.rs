//! Instance roles from the metadata services: Tencent Cloud CVM and
//! Alibaba Cloud ECS (IMDSv2 session token first).

use std::fmt;

use serde::Deserialize;

use super::fetch::{self, Failed, METADATA_TIMEOUT};
use super::provider_config::ProviderConfig;
use super::temporary::{self, AlibabaTemporary, TencentTemporary};
use crate::credential_types::error::CredentialsError;
use crate::credential_types::error::{Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::CredentialsFuture;
use crate::credential_types::provider::ProvideCredentials;
use crate::sensitive::Sensitive;
use crate::vendor::Vendor;

/// Where the CVM metadata service answers.
pub const CVM_METADATA: &str = "http://metadata.tencentyun.com/latest/meta-data/";
/// Where the ECS metadata service answers.
pub const ECS_METADATA: &str = "http://100.100.100.200";
/// How long an ECS metadata session token is asked to live (6 hours, as the official SDKs ask).
const ECS_TOKEN_TTL_SECONDS: &str = "21600";

/// Tencent Cloud: the CAM role of the CVM instance, from
/// `http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/<role>`.
///
/// When the service does not answer or no role is attached, the error is
/// "not available" ([`CredentialsError::is_not_found`]), so a chain moves on.
pub struct CvmRoleProvider {
    config: ProviderConfig,
    role: Option<String>,
}

impl CvmRoleProvider {
    /// The attached role, from the usual address.
    pub fn new() -> Self {
        CvmRoleProvider::with_config(ProviderConfig::default())
    }

    /// The attached role, from the metadata service and with the client `config` names.
    pub(crate) fn with_config(config: ProviderConfig) -> Self {
        CvmRoleProvider { config, role: None }
    }

    /// Asks the service at `base` (up to `.../meta-data/`) instead.
    pub fn endpoint(mut self, base: impl Into<String>) -> Self {
        self.config = self.config.with_metadata_endpoint(base);
        self
    }

    /// Uses this role instead of asking which one is attached.
    pub fn role_name(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Sends with this client (it should not use a proxy).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.config = self.config.with_metadata_http(client);
        self
    }

    /// The service's address, up to `.../meta-data/`.
    fn base(&self) -> String {
        with_slash(self.config.metadata_endpoint(CVM_METADATA))
    }

    async fn fetch(&self) -> Result<Credentials, (String, Problem)> {
        let http = self.config.metadata_http();
        let roles_url = format!("{}cam/security-credentials/", self.base());
        let (url, body) = role_document(http, &roles_url, self.role.as_deref(), &[], "CAM").await?;
        let answer: CvmAnswer = fetch::json(
            &body,
            "JSON with TmpSecretId, TmpSecretKey, Token and ExpiredTime",
        )
        .map_err(|p| (url.clone(), p))?;
        temporary::success(&answer.code)
            .and_then(|()| answer.credentials.credentials(answer.expired_time))
            .map_err(|p| (url, p))
    }
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        CvmRoleProvider::new()
    }
}

impl fmt::Debug for CvmRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CvmRoleProvider")
            .field("endpoint", &crate::redact::shown_url(&self.base()))
            .field("role", &self.role)
            .finish()
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            self.fetch().await.map_err(|(url, problem)| {
                CredentialsError::single(
                    Vendor::Tencent,
                    Source::Metadata {
                        url: crate::redact::shown_url(&url),
                    },
                    problem,
                )
            })
        })
    }
}

/// The metadata service's answer: the credentials, their expiry and a code,
/// side by side.
#[derive(Deserialize)]
struct CvmAnswer {
    #[serde(flatten)]
    credentials: TencentTemporary,
    #[serde(rename = "ExpiredTime")]
    expired_time: i64,
    #[serde(rename = "Code", default)]
    code: String,
}

/// Alibaba Cloud: the RAM role of the ECS instance, from
/// `http://100.100.100.200/latest/meta-data/ram/security-credentials/<role>`,
/// with a metadata session token (IMDSv2) from `PUT /latest/api/token`
/// first; without one, it asks without a token (IMDSv1) unless
/// [`imdsv1_disabled`](Self::imdsv1_disabled).
///
/// When the service does not answer or no role is attached, the error is
/// "not available", so a chain moves on.
pub struct EcsRamRoleProvider {
    config: ProviderConfig,
    role: Option<String>,
    imdsv1_disabled: bool,
}

impl EcsRamRoleProvider {
    /// The attached role, from the usual address, IMDSv1 allowed as a fallback.
    pub fn new() -> Self {
        EcsRamRoleProvider::with_config(ProviderConfig::default())
    }

    /// The attached role, from the metadata service and with the client
    /// `config` names, IMDSv1 allowed as a fallback.
    pub(crate) fn with_config(config: ProviderConfig) -> Self {
        EcsRamRoleProvider {
            config,
            role: None,
            imdsv1_disabled: false,
        }
    }

    /// Asks the service at `base` (scheme and authority) instead.
    pub fn endpoint(mut self, base: impl Into<String>) -> Self {
        self.config = self.config.with_metadata_endpoint(base);
        self
    }

    /// Uses this role instead of asking which one is attached.
    pub fn role_name(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Fails instead of asking without a session token.
    pub fn imdsv1_disabled(mut self, disabled: bool) -> Self {
        self.imdsv1_disabled = disabled;
        self
    }

    /// Sends with this client (it should not use a proxy).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.config = self.config.with_metadata_http(client);
        self
    }

    /// The service's scheme and authority.
    fn base(&self) -> String {
        let base = self.config.metadata_endpoint(ECS_METADATA);
        base.trim_end_matches('/').to_owned()
    }

    async fn fetch(&self) -> Result<Credentials, (String, Problem)> {
        let http = self.config.metadata_http();
        let base = self.base();
        let token_url = format!("{base}/latest/api/token");
        let token = match fetch::send(
            http,
            reqwest::Method::PUT,
            &token_url,
            &[(
                "x-aliyun-ecs-metadata-token-ttl-seconds",
                ECS_TOKEN_TTL_SECONDS,
            )],
            None,
            METADATA_TIMEOUT,
        )
        .await
        {
            Ok(answer) if answer.status == 200 => Some(Sensitive::new(
                String::from_utf8_lossy(&answer.body).trim().to_owned(),
            )),
            Ok(answer) if self.imdsv1_disabled => {
                return Err((
                    token_url,
                    Problem::Refused(format!(
                        "HTTP {} for a metadata session token, and IMDSv1 is disabled",
                        answer.status
                    )),
                ));
            }
            Err(failed) if self.imdsv1_disabled => return Err((token_url, failed.problem(true))),
            _ => None,
        };
        let headers: Vec<(&'static str, &str)> = match &token {
            Some(token) => vec![("x-aliyun-ecs-metadata-token", token.expose().as_str())],
            None => Vec::new(),
        };
        let roles_url = format!("{base}/latest/meta-data/ram/security-credentials/");
        let (url, body) =
            role_document(http, &roles_url, self.role.as_deref(), &headers, "RAM").await?;
        let answer: EcsAnswer =
            fetch::json(&body, AlibabaTemporary::EXPECTED).map_err(|p| (url.clone(), p))?;
        temporary::success(&answer.code)
            .and_then(|()| answer.credentials.credentials())
            .map_err(|p| (url, p))
    }
}

impl Default for EcsRamRoleProvider {
    fn default() -> Self {
        EcsRamRoleProvider::new()
    }
}

impl fmt::Debug for EcsRamRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcsRamRoleProvider")
            .field("endpoint", &crate::redact::shown_url(&self.base()))
            .field("role", &self.role)
            .field("imdsv1_disabled", &self.imdsv1_disabled)
            .finish()
    }
}

impl ProvideCredentials for EcsRamRoleProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            self.fetch().await.map_err(|(url, problem)| {
                CredentialsError::single(
                    Vendor::Alibaba,
                    Source::Metadata {
                        url: crate::redact::shown_url(&url),
                    },
                    problem,
                )
            })
        })
    }
}

/// The metadata service's answer: the credentials and a code, side by side.
#[derive(Deserialize)]
struct EcsAnswer {
    #[serde(flatten)]
    credentials: AlibabaTemporary,
    #[serde(rename = "Code", default)]
    code: String,
}

/// GET with metadata timeouts: 404 means no role ("not available"); a
/// service that is not there is "not available" too.
async fn get(
    http: &reqwest::Client,
    url: &str,
    headers: &[(&'static str, &str)],
) -> Result<bytes::Bytes, Problem> {
    match fetch::send(
        http,
        reqwest::Method::GET,
        url,
        headers,
        None,
        METADATA_TIMEOUT,
    )
    .await
    {
        Ok(answer) if answer.status == 200 => Ok(answer.body),
        Ok(answer) if answer.status == 404 => Err(Problem::Unavailable(
            "no role is attached to this instance (HTTP 404)".into(),
        )),
        Ok(answer) => Err(fetch::status_problem(answer.status)),
        Err(Failed::Unreachable(why)) => Err(Problem::Unavailable(format!(
            "no metadata service answers ({why})"
        ))),
        Err(other) => Err(other.problem(false)),
    }
}

/// The credentials document of the instance's role under `roles_url`:
/// `role` if the caller named one, else the role the service lists first
/// (a `kind` role: CAM or RAM). Returns the document's URL with it.
async fn role_document(
    http: &reqwest::Client,
    roles_url: &str,
    role: Option<&str>,
    headers: &[(&'static str, &str)],
    kind: &str,
) -> Result<(String, bytes::Bytes), (String, Problem)> {
    let role = match role {
        Some(role) => role.to_owned(),
        None => {
            let answer = get(http, roles_url, headers)
                .await
                .map_err(|p| (roles_url.to_owned(), p))?;
            first_line(&answer).ok_or_else(|| {
                (
                    roles_url.to_owned(),
                    Problem::Unavailable(format!("no {kind} role is attached to this instance")),
                )
            })?
        }
    };
    let url = format!("{roles_url}{}", crate::sign::acs3::percent_encode(&role));
    let body = get(http, &url, headers)
        .await
        .map_err(|p| (url.clone(), p))?;
    Ok((url, body))
}

/// The first non-empty line of a text answer (the role name).
fn first_line(body: &[u8]) -> Option<String> {
    String::from_utf8_lossy(body)
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_owned)
}

fn with_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}
