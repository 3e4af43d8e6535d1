//! Roles assumed through the vendors' STS: Tencent Cloud `AssumeRole` and
//! `AssumeRoleWithWebIdentity` (TKE OIDC), Alibaba Cloud `AssumeRole` and
//! `AssumeRoleWithOIDC` (RRSA).
//!
//! The signed actions (`AssumeRole`) go through the crate's own transport,
//! so they are signed, retried, clock-corrected and proxied like any call;
//! the OIDC actions are anonymous (the token is the proof) and are sent as
//! the official SDKs send them.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::error::{Problem, Source};
use super::fetch::{self, REMOTE_TIMEOUT};
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, SharedProvider};
use crate::ErrorCode;
use crate::clock::Clock;
use crate::config::{Config, Endpoint, RateLimit, RetryConfig};
use crate::error::Error;
use crate::protocol::{Acs3Rpc, Failure, Protocol, RawResponse, Tc3Json};
use crate::sensitive::Sensitive;
use crate::service::{Action, EndpointKind, EndpointSpec, Service};
use crate::transport::Transport;
use crate::validate::{Validate, Validator};
use crate::vendor::Vendor;

/// Tencent Cloud STS: host, version and the region the official SDKs send.
const TENCENT_STS_HOST: &str = "sts.tencentcloudapi.com";
const TENCENT_STS_VERSION: &str = "2018-08-13";
const TENCENT_STS_REGION: &str = "ap-guangzhou";
/// Alibaba Cloud STS.
const ALIBABA_STS_HOST: &str = "sts.aliyuncs.com";
const ALIBABA_STS_VERSION: &str = "2015-04-01";

/// Default lifetimes asked for, as the official SDKs ask: 2 h (Tencent), 1 h (Alibaba).
const TENCENT_DURATION: u32 = 7200;
const ALIBABA_DURATION: u32 = 3600;

static ASSUME_ROLE: Action = Action {
    name: "AssumeRole",
    idempotent: true,
    rate_limit_per_second: None,
};

static TENCENT_STS: Service = Service {
    product: "sts",
    version: TENCENT_STS_VERSION,
    endpoints: &[EndpointSpec {
        host: TENCENT_STS_HOST,
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: false,
    endpoint_rule: None,
    actions: &[&ASSUME_ROLE],
};

static ALIBABA_STS: Service = Service {
    product: "sts",
    version: ALIBABA_STS_VERSION,
    endpoints: &[EndpointSpec {
        host: ALIBABA_STS_HOST,
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: false,
    endpoint_rule: None,
    actions: &[&ASSUME_ROLE],
};

/// A default session name: `cloudapi-rust-<microseconds>`, as the official
/// SDKs name theirs after themselves.
fn session_name(clock: &Clock) -> String {
    let micros = clock
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("cloudapi-rust-{micros}")
}

/// The STS error code, as received.
#[derive(Debug)]
struct StsCode(String);

impl ErrorCode for StsCode {
    fn from_code(code: &str) -> Self {
        StsCode(code.to_owned())
    }
    fn code(&self) -> &str {
        &self.0
    }
}

/// What the transport's error means for a credential source.
fn from_call(vendor: Vendor, source: Source, error: Error<StsCode>) -> CredentialsError {
    let problem = match error {
        Error::Credentials(failure) => {
            let own = CredentialsError::single(
                vendor,
                source,
                Problem::Refused("no key to assume the role with".into()),
            );
            return CredentialsError::merge(vendor, [failure.source, own]);
        }
        Error::Service(e) => Problem::Refused(format!("{}: {}", e.code.0, e.message)),
        Error::Transport(e) => Problem::Request(e.to_string()),
        Error::MalformedResponse(e) => Problem::BadAnswer(e.reason),
        Error::InvalidRequest(e) => Problem::Refused(e.problems.join("; ")),
        other => Problem::Refused(format!("{other:?}")),
    };
    CredentialsError::single(vendor, source, problem)
}

/// What an anonymous exchange's failure means.
fn from_failure(failure: Failure) -> Problem {
    match failure {
        Failure::Service { code, message, .. } => Problem::Refused(format!("{code}: {message}")),
        Failure::Malformed(m) => Problem::BadAnswer(m.reason),
        Failure::Transport { source, .. } => Problem::Request(source.map_or_else(
            || "no answer".into(),
            |s| crate::error::cause_chain(s.as_ref()),
        )),
        Failure::Credentials(e) => Problem::Refused(e.to_string()),
    }
}

/// What the signed `AssumeRole` providers share: the role, and a transport
/// built on first use.
struct Assume<P> {
    source: SharedProvider,
    role_arn: String,
    session_name: Option<String>,
    duration: u32,
    policy: Option<String>,
    external_id: Option<String>,
    endpoint: Option<String>,
    clock: Clock,
    http: Option<reqwest::Client>,
    transport: OnceLock<Result<Transport<P>, String>>,
}

impl<P: Protocol> Assume<P> {
    fn new(source: SharedProvider, role_arn: String, duration: u32) -> Self {
        Assume {
            source,
            role_arn,
            session_name: None,
            duration,
            policy: None,
            external_id: None,
            endpoint: None,
            clock: Clock::system(),
            http: None,
            transport: OnceLock::new(),
        }
    }

    fn shown_endpoint(&self, default_host: &str) -> String {
        match &self.endpoint {
            Some(url) => fetch::shown_url(url),
            None => format!("https://{default_host}/"),
        }
    }

    fn transport(
        &self,
        service: &'static Service,
        region: Option<&str>,
    ) -> Result<&Transport<P>, Problem> {
        let built = self.transport.get_or_init(|| {
            let mut config = Config::new()
                .credentials_provider(self.source.clone())
                .clock(self.clock.clone())
                .rate_limit(RateLimit::Disabled)
                .retry(
                    RetryConfig::default()
                        .max_attempts(3)
                        .budget(Duration::from_secs(30)),
                )
                .timeout(REMOTE_TIMEOUT);
            if let Some(url) = &self.endpoint {
                config = config.endpoint(Endpoint::Url(url.clone()));
            }
            if let Some(region) = region {
                config = config.region(region);
            }
            if let Some(http) = &self.http {
                config = config.http_client(http.clone());
            }
            Transport::new(service, config).map_err(|e| e.to_string())
        });
        built.as_ref().map_err(|e| Problem::Refused(e.clone()))
    }
}

impl<P> fmt::Debug for Assume<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRole")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("duration_seconds", &self.duration)
            .field("endpoint", &self.endpoint.as_deref().map(fetch::shown_url))
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// The request of both vendors' `AssumeRole`.
#[derive(Serialize)]
struct AssumeRoleInput<'a> {
    #[serde(rename = "RoleArn")]
    role_arn: &'a str,
    #[serde(rename = "RoleSessionName")]
    role_session_name: &'a str,
    #[serde(rename = "DurationSeconds")]
    duration_seconds: u32,
    #[serde(rename = "Policy", skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
    #[serde(rename = "ExternalId", skip_serializing_if = "Option::is_none")]
    external_id: Option<&'a str>,
}

impl Validate for AssumeRoleInput<'_> {
    fn validate(&self, v: &mut Validator) {
        v.non_empty("RoleArn", self.role_arn);
    }
}

/// Builder methods the role providers share.
macro_rules! role_setters {
    ($name:ident) => {
        impl $name {
            /// Names the session (default `cloudapi-rust-<microseconds>`).
            pub fn session_name(mut self, name: impl Into<String>) -> Self {
                self.0.session_name = Some(name.into());
                self
            }
            /// Asks for credentials valid this long.
            pub fn duration(mut self, duration: Duration) -> Self {
                self.0.duration = u32::try_from(duration.as_secs()).unwrap_or(u32::MAX);
                self
            }
            /// Narrows the role's permissions with a policy (JSON).
            pub fn policy(mut self, policy: impl Into<String>) -> Self {
                self.0.policy = Some(policy.into());
                self
            }
            /// Sends to this URL instead of the vendor's STS host.
            pub fn endpoint(mut self, url: impl Into<String>) -> Self {
                self.0.endpoint = Some(url.into());
                self
            }
            /// Reads the time from this clock (signatures, default session names).
            pub fn clock(mut self, clock: Clock) -> Self {
                self.0.clock = clock;
                self
            }
            /// Sends with this client (proxy, roots).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.0.http = Some(client);
                self
            }
        }
    };
}

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

#[derive(Deserialize)]
struct TencentTemporary {
    #[serde(rename = "TmpSecretId")]
    id: String,
    #[serde(rename = "TmpSecretKey")]
    secret: Sensitive<String>,
    #[serde(rename = "Token")]
    token: Sensitive<String>,
}

impl TencentAssumed {
    fn credentials(self) -> Result<Credentials, Problem> {
        let expiry = fetch::unix_time(self.expired_time)?;
        let c = self.credentials;
        Ok(Credentials::new(c.id, c.secret.expose().as_str())
            .with_token(c.token.expose().as_str())
            .with_expiry(expiry))
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
    token_file: PathBuf,
    role_arn: String,
    session_name: Option<String>,
    duration: u32,
    endpoint: Option<String>,
    clock: Clock,
    http: OnceLock<reqwest::Client>,
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
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            session_name: None,
            duration: TENCENT_DURATION,
            endpoint: None,
            clock: Clock::system(),
            http: OnceLock::new(),
        }
    }

    /// Names the session (default `cloudapi-rust-<microseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// Sends to this URL instead of `https://sts.tencentcloudapi.com`.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Reads the time from this clock.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Sends with this client.
    pub fn http_client(self, client: reqwest::Client) -> Self {
        let _ = self.http.set(client);
        self
    }

    fn url(&self) -> String {
        self.endpoint
            .clone()
            .unwrap_or_else(|| format!("https://{TENCENT_STS_HOST}/"))
    }

    async fn fetch(&self) -> Result<Credentials, Problem> {
        let token = read_token(&self.token_file)?;
        let name = self
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(&self.clock));
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
                duration: self.duration,
            })
            .map_err(|e| Problem::Refused(e.to_string()))?,
        );
        let timestamp = unix_seconds(self.clock.now()).to_string();
        let http = self.http.get_or_init(|| fetch::default_client(false));
        let answer = fetch::send(
            http,
            reqwest::Method::POST,
            &self.url(),
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

impl fmt::Debug for TencentWebIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TencentWebIdentityProvider")
            .field("region", &self.region)
            .field("provider_id", &self.provider_id)
            .field("token_file", &self.token_file)
            .field("role_arn", &self.role_arn)
            .field("endpoint", &fetch::shown_url(&self.url()))
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
                        endpoint: fetch::shown_url(&self.url()),
                    },
                    problem,
                )
            })
        })
    }
}

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

#[derive(Deserialize)]
struct AlibabaTemporary {
    #[serde(rename = "AccessKeyId")]
    id: String,
    #[serde(rename = "AccessKeySecret")]
    secret: Sensitive<String>,
    #[serde(rename = "SecurityToken")]
    token: Sensitive<String>,
    #[serde(rename = "Expiration")]
    expiration: String,
}

impl AlibabaAssumed {
    fn credentials(self) -> Result<Credentials, Problem> {
        let c = self.credentials;
        let expiry = fetch::parse_time(&c.expiration)?;
        Ok(Credentials::new(c.id, c.secret.expose().as_str())
            .with_token(c.token.expose().as_str())
            .with_expiry(expiry))
    }
}

/// Alibaba Cloud: a RAM role assumed with an OIDC token, STS
/// `AssumeRoleWithOIDC` (anonymous), as ACK pods with RRSA do with
/// `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
/// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`. The token file is read again for every refresh.
pub struct AlibabaOidcProvider {
    role_arn: String,
    provider_arn: String,
    token_file: PathBuf,
    session_name: Option<String>,
    duration: u32,
    policy: Option<String>,
    endpoint: Option<String>,
    clock: Clock,
    http: OnceLock<reqwest::Client>,
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
            token_file: token_file.into(),
            session_name: None,
            duration: ALIBABA_DURATION,
            policy: None,
            endpoint: None,
            clock: Clock::system(),
            http: OnceLock::new(),
        }
    }

    /// Names the session (default `cloudapi-rust-<microseconds>`).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// Narrows the role's permissions with a policy (JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// Sends to this URL instead of `https://sts.aliyuncs.com`.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// Reads the time from this clock.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Sends with this client.
    pub fn http_client(self, client: reqwest::Client) -> Self {
        let _ = self.http.set(client);
        self
    }

    fn url(&self) -> String {
        self.endpoint
            .clone()
            .unwrap_or_else(|| format!("https://{ALIBABA_STS_HOST}/"))
    }

    async fn fetch(&self) -> Result<Credentials, Problem> {
        let token = read_token(&self.token_file)?;
        let name = self
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(&self.clock));
        let duration = self.duration.to_string();
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
        let timestamp = fetch::rfc3339(self.clock.now());
        let mut url = reqwest::Url::parse(&self.url())
            .map_err(|e| Problem::Refused(format!("STS endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("Action", "AssumeRoleWithOIDC")
            .append_pair("Format", "JSON")
            .append_pair("Version", ALIBABA_STS_VERSION)
            .append_pair("Timestamp", &timestamp);
        let http = self.http.get_or_init(|| fetch::default_client(false));
        let answer = fetch::send(
            http,
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

impl fmt::Debug for AlibabaOidcProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AlibabaOidcProvider")
            .field("role_arn", &self.role_arn)
            .field("provider_arn", &self.provider_arn)
            .field("token_file", &self.token_file)
            .field("endpoint", &fetch::shown_url(&self.url()))
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
                        endpoint: fetch::shown_url(&self.url()),
                    },
                    problem,
                )
            })
        })
    }
}

/// The OIDC token, trimmed; zeroed when dropped.
fn read_token(path: &PathBuf) -> Result<Zeroizing<String>, Problem> {
    let text = std::fs::read_to_string(path).map_err(|e| Problem::FileUnreadable {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    let text = Zeroizing::new(text);
    match text.trim() {
        "" => Err(Problem::FileUnreadable {
            path: path.clone(),
            reason: "the token file is empty".into(),
        }),
        token => Ok(Zeroizing::new(token.to_owned())),
    }
}

fn encode_form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(&crate::sign::acs3::percent_encode(name));
        out.push('=');
        out.push_str(&crate::sign::acs3::percent_encode(value));
    }
    out
}

fn unix_seconds(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn raw(answer: fetch::Answer) -> RawResponse {
    RawResponse {
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
    }
}
