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

use serde::Serialize;
use zeroize::Zeroizing;

pub use alibaba::{AlibabaAssumeRoleProvider, AlibabaOidcProvider};
pub use tencent::{TencentAssumeRoleProvider, TencentWebIdentityProvider};

use super::error::{Problem, Source};
use super::fetch::{self, REMOTE_TIMEOUT};
use super::{CredentialsError, SharedProvider};
use crate::ErrorCode;
use crate::clock::Clock;
use crate::config::{Config, Endpoint, RateLimit, RetryConfig};
use crate::error::Error;
use crate::protocol::{Failure, Protocol, RawResponse};
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
    secret_outputs: &[],
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
            |s| crate::cause::cause_chain(s.as_ref()),
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
            Some(url) => crate::redact::shown_url(url),
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
            // The source key signs: no fallback, so no chain inside a chain.
            Transport::with_fallback(service, config, None).map_err(|e| e.to_string())
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
            .field(
                "endpoint",
                &self.endpoint.as_deref().map(crate::redact::shown_url),
            )
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

/// What the providers that trade an OIDC token for credentials share: the
/// token file, read again at every refresh (clusters rotate it), the session
/// they ask for, and where and with what they send.
struct TokenExchange {
    token_file: PathBuf,
    session_name: Option<String>,
    duration: u32,
    endpoint: Option<String>,
    /// The vendor's STS host, unless `endpoint` says otherwise.
    host: &'static str,
    clock: Clock,
    http: OnceLock<reqwest::Client>,
}

impl TokenExchange {
    fn new(token_file: PathBuf, duration: u32, host: &'static str) -> Self {
        TokenExchange {
            token_file,
            session_name: None,
            duration,
            endpoint: None,
            host,
            clock: Clock::system(),
            http: OnceLock::new(),
        }
    }

    fn url(&self) -> String {
        self.endpoint
            .clone()
            .unwrap_or_else(|| format!("https://{}/", self.host))
    }

    fn token(&self) -> Result<Zeroizing<String>, Problem> {
        read_token(&self.token_file)
    }

    fn session_name(&self) -> String {
        self.session_name
            .clone()
            .unwrap_or_else(|| session_name(&self.clock))
    }

    fn http(&self) -> &reqwest::Client {
        self.http.get_or_init(|| fetch::default_client(false))
    }
}

/// Builder methods the token-exchange providers share.
macro_rules! exchange_setters {
    ($name:ident) => {
        impl $name {
            /// Names the session (default `cloudapi-rust-<microseconds>`).
            pub fn session_name(mut self, name: impl Into<String>) -> Self {
                self.exchange.session_name = Some(name.into());
                self
            }
            /// Sends to this URL instead of the vendor's STS host.
            pub fn endpoint(mut self, url: impl Into<String>) -> Self {
                self.exchange.endpoint = Some(url.into());
                self
            }
            /// Reads the time from this clock (timestamps, default session names).
            pub fn clock(mut self, clock: Clock) -> Self {
                self.exchange.clock = clock;
                self
            }
            /// Sends with this client (proxy, roots).
            pub fn http_client(self, client: reqwest::Client) -> Self {
                let _ = self.exchange.http.set(client);
                self
            }
        }
    };
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

// After `role_setters!` and `exchange_setters!`, which they use.
mod alibaba;
mod tencent;
