//! Instance roles from the metadata services: Tencent Cloud CVM and
//! Alibaba Cloud ECS (IMDSv2 session token first).

use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use super::error::{Problem, Source};
use super::fetch::{self, Failed, METADATA_TIMEOUT};
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
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
    base: String,
    role: Option<String>,
    http: OnceLock<reqwest::Client>,
}

impl CvmRoleProvider {
    /// The attached role, from the usual address.
    pub fn new() -> Self {
        CvmRoleProvider {
            base: CVM_METADATA.to_owned(),
            role: None,
            http: OnceLock::new(),
        }
    }

    /// Asks the service at `base` (up to `.../meta-data/`) instead.
    pub fn endpoint(mut self, base: impl Into<String>) -> Self {
        self.base = with_slash(base.into());
        self
    }

    /// Uses this role instead of asking which one is attached.
    pub fn role_name(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Sends with this client (it should not use a proxy).
    pub fn http_client(self, client: reqwest::Client) -> Self {
        let _ = self.http.set(client);
        self
    }

    async fn fetch(&self) -> Result<Credentials, (String, Problem)> {
        let http = self.http.get_or_init(|| fetch::default_client(true));
        let roles_url = format!("{}cam/security-credentials/", self.base);
        let role = match &self.role {
            Some(role) => role.clone(),
            None => {
                let answer = get(http, &roles_url, &[])
                    .await
                    .map_err(|p| (roles_url.clone(), p))?;
                first_line(&answer).ok_or_else(|| {
                    (
                        roles_url.clone(),
                        Problem::Unavailable("no CAM role is attached to this instance".into()),
                    )
                })?
            }
        };
        let url = format!("{roles_url}{}", crate::sign::acs3::percent_encode(&role));
        let body = get(http, &url, &[]).await.map_err(|p| (url.clone(), p))?;
        let answer: CvmAnswer = fetch::json(
            &body,
            "JSON with TmpSecretId, TmpSecretKey, Token and ExpiredTime",
        )
        .map_err(|p| (url.clone(), p))?;
        if answer.code != "Success" {
            return Err((
                url,
                Problem::Refused(format!(
                    "the service answered Code {}",
                    shown_code(&answer.code)
                )),
            ));
        }
        let expiry = fetch::unix_time(answer.expired_time).map_err(|p| (url.clone(), p))?;
        Ok(Credentials::new(answer.id, answer.secret.expose().as_str())
            .with_token(answer.token.expose().as_str())
            .with_expiry(expiry))
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
            .field("endpoint", &self.base)
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
                        url: fetch::shown_url(&url),
                    },
                    problem,
                )
            })
        })
    }
}

#[derive(Deserialize)]
struct CvmAnswer {
    #[serde(rename = "TmpSecretId")]
    id: String,
    #[serde(rename = "TmpSecretKey")]
    secret: Sensitive<String>,
    #[serde(rename = "Token")]
    token: Sensitive<String>,
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
    base: String,
    role: Option<String>,
    imdsv1_disabled: bool,
    http: OnceLock<reqwest::Client>,
}

impl EcsRamRoleProvider {
    /// The attached role, from the usual address, IMDSv1 allowed as a fallback.
    pub fn new() -> Self {
        EcsRamRoleProvider {
            base: ECS_METADATA.to_owned(),
            role: None,
            imdsv1_disabled: false,
            http: OnceLock::new(),
        }
    }

    /// Asks the service at `base` (scheme and authority) instead.
    pub fn endpoint(mut self, base: impl Into<String>) -> Self {
        self.base = base.into().trim_end_matches('/').to_owned();
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
    pub fn http_client(self, client: reqwest::Client) -> Self {
        let _ = self.http.set(client);
        self
    }

    async fn fetch(&self) -> Result<Credentials, (String, Problem)> {
        let http = self.http.get_or_init(|| fetch::default_client(true));
        let token_url = format!("{}/latest/api/token", self.base);
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
        let roles_url = format!("{}/latest/meta-data/ram/security-credentials/", self.base);
        let role = match &self.role {
            Some(role) => role.clone(),
            None => {
                let answer = get(http, &roles_url, &headers)
                    .await
                    .map_err(|p| (roles_url.clone(), p))?;
                first_line(&answer).ok_or_else(|| {
                    (
                        roles_url.clone(),
                        Problem::Unavailable("no RAM role is attached to this instance".into()),
                    )
                })?
            }
        };
        let url = format!("{roles_url}{}", crate::sign::acs3::percent_encode(&role));
        let body = get(http, &url, &headers)
            .await
            .map_err(|p| (url.clone(), p))?;
        let answer: EcsAnswer = fetch::json(
            &body,
            "JSON with AccessKeyId, AccessKeySecret, SecurityToken and Expiration",
        )
        .map_err(|p| (url.clone(), p))?;
        if answer.code != "Success" {
            return Err((
                url,
                Problem::Refused(format!(
                    "the service answered Code {}",
                    shown_code(&answer.code)
                )),
            ));
        }
        let expiry = fetch::parse_time(&answer.expiration).map_err(|p| (url.clone(), p))?;
        Ok(Credentials::new(answer.id, answer.secret.expose().as_str())
            .with_token(answer.token.expose().as_str())
            .with_expiry(expiry))
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
            .field("endpoint", &self.base)
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
                        url: fetch::shown_url(&url),
                    },
                    problem,
                )
            })
        })
    }
}

#[derive(Deserialize)]
struct EcsAnswer {
    #[serde(rename = "AccessKeyId")]
    id: String,
    #[serde(rename = "AccessKeySecret")]
    secret: Sensitive<String>,
    #[serde(rename = "SecurityToken")]
    token: Sensitive<String>,
    #[serde(rename = "Expiration")]
    expiration: String,
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

/// The first non-empty line of a text answer (the role name).
fn first_line(body: &[u8]) -> Option<String> {
    String::from_utf8_lossy(body)
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map(str::to_owned)
}

/// A code as sent, if it looks like one (letters, digits, dots); it is not
/// a secret, but anything else might be.
fn shown_code(code: &str) -> String {
    let looks_like_a_code = !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
    if looks_like_a_code {
        code.to_owned()
    } else {
        "(not shown)".to_owned()
    }
}

fn with_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}
