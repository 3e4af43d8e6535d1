//! What the two vendors' STS providers share: assuming a role through the
//! crate's transport (signed with the source key), exchanging an OIDC token
//! anonymously, session names, and reading the answers and failures into
//! credentials errors.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use zeroize::Zeroizing;

use crate::clock::Clock;
use crate::config::{Config, Endpoint, RateLimit, RetryConfig};
use crate::credential_types::error::CredentialsError;
use crate::credential_types::error::{Problem, Source};
use crate::credential_types::provider::SharedProvider;
use crate::credentials::fetch::{self, REMOTE_TIMEOUT};
use crate::error::Error;
use crate::error_code::ErrorCode;
use crate::protocol::{Failure, Protocol, RawResponse};
use crate::service::{Action, EndpointKind, EndpointSpec, Service};
use crate::transport::Transport;
use crate::validate::{Validate, Validator};
use crate::vendor::Vendor;

/// Tencent Cloud STS: host, version and the region the official SDKs send.
pub(super) const TENCENT_STS_HOST: &str = "sts.tencentcloudapi.com";
pub(super) const TENCENT_STS_VERSION: &str = "2018-08-13";
pub(super) const TENCENT_STS_REGION: &str = "ap-guangzhou";
/// Alibaba Cloud STS.
pub(super) const ALIBABA_STS_HOST: &str = "sts.aliyuncs.com";
pub(super) const ALIBABA_STS_VERSION: &str = "2015-04-01";

/// Default lifetimes asked for, as the official SDKs ask: 2 h (Tencent), 1 h (Alibaba).
pub(super) const TENCENT_DURATION: u32 = 7200;
pub(super) const ALIBABA_DURATION: u32 = 3600;

pub(super) static ASSUME_ROLE: Action = Action {
    name: "AssumeRole",
    idempotent: true,
    rate_limit_per_second: None,
    secret_outputs: &[],
};

pub(super) static TENCENT_STS: Service = Service {
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

pub(super) static ALIBABA_STS: Service = Service {
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
pub(super) fn session_name(clock: &Clock) -> String {
    let micros = clock
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("cloudapi-rust-{micros}")
}

/// The STS error code, as received.
#[derive(Debug)]
pub(super) struct StsCode(String);

impl ErrorCode for StsCode {
    fn from_code(code: &str) -> Self {
        StsCode(code.to_owned())
    }
    fn code(&self) -> &str {
        &self.0
    }
}

/// What the transport's error means for a credential source.
pub(super) fn from_call(vendor: Vendor, source: Source, error: Error<StsCode>) -> CredentialsError {
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
pub(super) fn from_failure(failure: Failure) -> Problem {
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
pub(super) struct Assume<P> {
    pub(super) source: SharedProvider,
    pub(super) role_arn: String,
    pub(super) session_name: Option<String>,
    pub(super) duration: u32,
    pub(super) policy: Option<String>,
    pub(super) external_id: Option<String>,
    pub(super) endpoint: Option<String>,
    pub(super) clock: Clock,
    pub(super) http: Option<reqwest::Client>,
    pub(super) transport: OnceLock<Result<Transport<P>, String>>,
}

impl<P: Protocol> Assume<P> {
    pub(super) fn new(source: SharedProvider, role_arn: String, duration: u32) -> Self {
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

    pub(super) fn shown_endpoint(&self, default_host: &str) -> String {
        match &self.endpoint {
            Some(url) => crate::redact::shown_url(url),
            None => format!("https://{default_host}/"),
        }
    }

    pub(super) fn transport(
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
pub(super) struct AssumeRoleInput<'a> {
    #[serde(rename = "RoleArn")]
    pub(super) role_arn: &'a str,
    #[serde(rename = "RoleSessionName")]
    pub(super) role_session_name: &'a str,
    #[serde(rename = "DurationSeconds")]
    pub(super) duration_seconds: u32,
    #[serde(rename = "Policy", skip_serializing_if = "Option::is_none")]
    pub(super) policy: Option<&'a str>,
    #[serde(rename = "ExternalId", skip_serializing_if = "Option::is_none")]
    pub(super) external_id: Option<&'a str>,
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
pub(super) struct TokenExchange {
    pub(super) token_file: PathBuf,
    pub(super) session_name: Option<String>,
    pub(super) duration: u32,
    pub(super) endpoint: Option<String>,
    /// The vendor's STS host, unless `endpoint` says otherwise.
    pub(super) host: &'static str,
    pub(super) clock: Clock,
    pub(super) http: OnceLock<reqwest::Client>,
}

impl TokenExchange {
    pub(super) fn new(token_file: PathBuf, duration: u32, host: &'static str) -> Self {
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

    pub(super) fn url(&self) -> String {
        self.endpoint
            .clone()
            .unwrap_or_else(|| format!("https://{}/", self.host))
    }

    pub(super) fn token(&self) -> Result<Zeroizing<String>, Problem> {
        read_token(&self.token_file)
    }

    pub(super) fn session_name(&self) -> String {
        self.session_name
            .clone()
            .unwrap_or_else(|| session_name(&self.clock))
    }

    pub(super) fn http(&self) -> &reqwest::Client {
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
pub(super) fn read_token(path: &PathBuf) -> Result<Zeroizing<String>, Problem> {
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

pub(super) fn encode_form(pairs: &[(&str, &str)]) -> String {
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

pub(super) fn unix_seconds(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

pub(super) fn raw(answer: fetch::Answer) -> RawResponse {
    RawResponse {
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
    }
}

// After `role_setters!` and `exchange_setters!`, which they use.
