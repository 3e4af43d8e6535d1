//! What the two vendors' STS providers share, so that each vendor's file
//! says only what differs ([`StsVendor`]): assuming a role through the
//! crate's transport (signed with the source key), exchanging an OIDC token
//! anonymously, session names, reading the answers into expiring
//! credentials, and turning failures into credentials errors.
//!
//! Refreshing before expiry is not here: the credentials cache of the client
//! (and, for the source key of a role, the cache of the transport that signs
//! `AssumeRole`) does it for every provider alike.

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use crate::clock::Clock;
use crate::config::{Config, Endpoint, RateLimit, RetryConfig};
use crate::credential_types::error::CredentialsError;
use crate::credential_types::error::{Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::SharedProvider;
use crate::credentials::fetch::{self, REMOTE_TIMEOUT};
use crate::credentials::provider_config::ProviderConfig;
use crate::error::Error;
use crate::error_code::ErrorCode;
use crate::protocol::{Failure, Protocol, RawResponse};
use crate::service::{Action, Service};
use crate::transport::Transport;
use crate::validate::{Validate, Validator};
use crate::vendor::Vendor;

/// What one vendor's STS is; the rest of assuming a role is shared.
pub(super) trait StsVendor: Send + Sync + 'static {
    /// How `AssumeRole` is signed and sent, and how every answer is read.
    type Protocol: Protocol;
    /// The answer of `AssumeRole` and of the OIDC action, in the vendor's
    /// field names.
    type Answer: DeserializeOwned + Send;
    /// The service `AssumeRole` belongs to (host and version).
    const SERVICE: &'static Service;
    /// The region sent with `AssumeRole`, where the official SDKs send one.
    const REGION: Option<&'static str>;
    /// The lifetime asked for unless told otherwise, as the official SDKs ask.
    const DURATION: u32;
    /// The anonymous action that trades an OIDC token for credentials.
    const OIDC_ACTION: &'static str;
    /// What the OIDC action's answer should hold, for the error when it does not.
    const EXPECTED: &'static str;

    /// The credentials of an answer, valid until the expiry it states.
    fn credentials(answer: Self::Answer) -> Result<Credentials, Problem>;

    fn vendor() -> Vendor {
        <Self::Protocol as Protocol>::VENDOR
    }

    /// `https://<host>/`, the vendor's STS unless an endpoint is set.
    fn default_url() -> String {
        format!("https://{}/", Self::SERVICE.endpoints[0].host)
    }
}

pub(super) static ASSUME_ROLE: Action = Action {
    name: "AssumeRole",
    idempotent: true,
    rate_limit_per_second: None,
    secret_outputs: &[],
    http: None,
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

/// A role assumed with the signed `AssumeRole`, through a transport built on
/// first use (so its own cache keeps the source key between refreshes).
pub(super) struct Assume<V: StsVendor> {
    pub(super) source: SharedProvider,
    pub(super) role_arn: String,
    pub(super) session_name: Option<String>,
    pub(super) duration: u32,
    pub(super) policy: Option<String>,
    pub(super) external_id: Option<String>,
    pub(super) config: ProviderConfig,
    transport: OnceLock<Result<Transport<V::Protocol>, String>>,
}

impl<V: StsVendor> Assume<V> {
    pub(super) fn new(source: SharedProvider, role_arn: String, config: ProviderConfig) -> Self {
        Assume {
            source,
            role_arn,
            session_name: None,
            duration: V::DURATION,
            policy: None,
            external_id: None,
            config,
            transport: OnceLock::new(),
        }
    }

    fn transport(&self) -> Result<&Transport<V::Protocol>, Problem> {
        let built = self.transport.get_or_init(|| {
            let mut config = Config::new()
                .credentials_provider(self.source.clone())
                .clock(self.config.clock().clone())
                .rate_limit(RateLimit::Disabled)
                .retry(
                    RetryConfig::default()
                        .max_attempts(3)
                        .budget(Duration::from_secs(30)),
                )
                .timeout(REMOTE_TIMEOUT);
            if let Some(url) = self.config.sts_endpoint() {
                config = config.endpoint(Endpoint::Url(url.to_owned()));
            }
            if let Some(region) = V::REGION {
                config = config.region(region);
            }
            if let Some(http) = self.config.given_http() {
                config = config.http_client(http.clone());
            }
            // The source key signs: no fallback, so no chain inside a chain.
            Transport::with_fallback(V::SERVICE, config, None).map_err(|e| e.to_string())
        });
        built.as_ref().map_err(|e| Problem::Refused(e.clone()))
    }

    pub(super) async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let endpoint = match self.config.sts_endpoint() {
            Some(url) => crate::redact::shown_url(url),
            None => V::default_url(),
        };
        let source = Source::Sts {
            action: ASSUME_ROLE.name,
            endpoint,
        };
        let transport = self
            .transport()
            .map_err(|p| CredentialsError::single(V::vendor(), source.clone(), p))?;
        let name = self
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(self.config.clock()));
        let input = AssumeRoleInput {
            role_arn: &self.role_arn,
            role_session_name: &name,
            duration_seconds: self.duration,
            policy: self.policy.as_deref(),
            external_id: self.external_id.as_deref(),
        };
        let answer: V::Answer = transport
            .call(&ASSUME_ROLE, input)
            .await
            .map_err(|e| from_call(V::vendor(), source.clone(), e))?;
        V::credentials(answer).map_err(|p| CredentialsError::single(V::vendor(), source, p))
    }
}

impl<V: StsVendor> fmt::Debug for Assume<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRole")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("duration_seconds", &self.duration)
            .field(
                "endpoint",
                &self.config.sts_endpoint().map(crate::redact::shown_url),
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

/// The public role providers: builder methods and the provider interface,
/// each delegating to the provider's [`Assume`].
macro_rules! role_provider {
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
                self.0.config = self.0.config.with_sts_endpoint(url);
                self
            }
            /// Reads the time from this clock (signatures, default session names).
            pub fn clock(mut self, clock: Clock) -> Self {
                self.0.config = self.0.config.with_clock(clock);
                self
            }
            /// Sends with this client (proxy, roots).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.0.config = self.0.config.with_http(client);
                self
            }
        }

        impl ProvideCredentials for $name {
            fn provide_credentials(&self) -> CredentialsFuture<'_> {
                Box::pin(self.0.fetch())
            }
        }
    };
}

/// What the providers that trade an OIDC token for credentials share: the
/// token file, read again at every refresh (clusters rotate it), the session
/// they ask for, and where and with what they send.
pub(super) struct TokenExchange<V: StsVendor> {
    pub(super) token_file: PathBuf,
    pub(super) session_name: Option<String>,
    pub(super) duration: u32,
    pub(super) config: ProviderConfig,
    vendor: std::marker::PhantomData<fn() -> V>,
}

/// What an OIDC request is made of, fresh at every refresh.
pub(super) struct Exchanged<'a> {
    /// The token, read from its file.
    pub(super) token: &'a str,
    pub(super) session_name: &'a str,
    pub(super) duration: u32,
    pub(super) now: SystemTime,
    /// The STS endpoint.
    pub(super) url: String,
}

/// An anonymous STS request, as one vendor lays it out: sent with `POST`.
pub(super) struct Anonymous {
    pub(super) url: String,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) content_type: &'static str,
    /// It holds the token: zeroed when dropped.
    pub(super) body: Zeroizing<Vec<u8>>,
}

impl<V: StsVendor> TokenExchange<V> {
    pub(super) fn new(token_file: PathBuf, config: ProviderConfig) -> Self {
        TokenExchange {
            token_file,
            session_name: None,
            duration: V::DURATION,
            config,
            vendor: std::marker::PhantomData,
        }
    }

    pub(super) fn url(&self) -> String {
        match self.config.sts_endpoint() {
            Some(url) => url.to_owned(),
            None => V::default_url(),
        }
    }

    /// Credentials for a fresh token, with the request `request` lays out.
    pub(super) async fn exchange(
        &self,
        request: impl FnOnce(Exchanged<'_>) -> Result<Anonymous, Problem>,
    ) -> Result<Credentials, CredentialsError> {
        self.send(request).await.map_err(|problem| {
            let source = Source::Sts {
                action: V::OIDC_ACTION,
                endpoint: crate::redact::shown_url(&self.url()),
            };
            CredentialsError::single(V::vendor(), source, problem)
        })
    }

    async fn send(
        &self,
        request: impl FnOnce(Exchanged<'_>) -> Result<Anonymous, Problem>,
    ) -> Result<Credentials, Problem> {
        let token = read_token(&self.token_file)?;
        let name = self
            .session_name
            .clone()
            .unwrap_or_else(|| session_name(self.config.clock()));
        let request = request(Exchanged {
            token: &token,
            session_name: &name,
            duration: self.duration,
            now: self.config.clock().now(),
            url: self.url(),
        })?;
        let headers: Vec<(&'static str, &str)> = request
            .headers
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        let answer = fetch::send(
            self.config.http(),
            reqwest::Method::POST,
            &request.url,
            &headers,
            Some((request.content_type, request.body.to_vec())),
            REMOTE_TIMEOUT,
        )
        .await
        .map_err(|failed| failed.problem(false))?;
        let success = V::Protocol::decode(raw(answer), None).map_err(from_failure)?;
        let answer: V::Answer = fetch::json(success.payload.get().as_bytes(), V::EXPECTED)?;
        V::credentials(answer)
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
                self.exchange.config = self.exchange.config.with_sts_endpoint(url);
                self
            }
            /// Reads the time from this clock (timestamps, default session names).
            pub fn clock(mut self, clock: Clock) -> Self {
                self.exchange.config = self.exchange.config.with_clock(clock);
                self
            }
            /// Sends with this client (proxy, roots).
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.exchange.config = self.exchange.config.with_http(client);
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

fn raw(answer: fetch::Answer) -> RawResponse {
    RawResponse {
        status: answer.status,
        headers: answer.headers,
        body: answer.body,
    }
}
