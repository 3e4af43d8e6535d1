//! The transport every generated client method calls.
//!
//! [`Transport::call`] is the only generic function, and it is thin:
//! validate, encode, then hand bytes to the non-generic retry loop
//! (`retry::send`) and decode what comes back. Keeping the loop, signing
//! and HTTP out of the generic part means they are compiled once, not once per action.
//!
//! Which failures are retried:
//! - for every action: throttling answers (`RequestLimitExceeded*`,
//!   `Throttling*`) and connect failures, where the request was not executed;
//! - for idempotent actions only: timeouts, resets, 5xx/HTML/truncated/empty
//!   answers and `InternalError`/`ServiceUnavailable`, where it may have been.
//!
//! A non-idempotent action (a purchase) is never sent again once it may have
//! reached the server; its error says so.

mod alibaba;
mod classify;
mod endpoint;
mod http;
mod prepared;
mod retry;
mod tencent;

use std::fmt;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::config::{Config, RetryConfig};
use super::credentials::{self, Credentials, CredentialsError, ProcessEnvironment};
use super::error::{
    ConfigError, CredentialsFailure, Error, InvalidRequest, MalformedResponse, ServiceError,
    TransportError,
};
use super::rate_limit::RateLimiters;
use super::service::{Action, Protocol, Service};
use super::validate::{Validate, Validator};
use super::{ErrorCode, query};
pub use classify::is_throttling;
pub use http::http_client_builder;
use retry::{Failure, Success};

/// Sends the requests of one product; shared by clones of a client.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
    retry: RetryConfig,
}

struct Inner {
    service: &'static Service,
    config: Config,
    http: reqwest::Client,
    endpoint: endpoint::Resolved,
    region: Option<String>,
    credentials: Mutex<Option<Arc<Credentials>>>,
    limiters: RateLimiters,
    /// The TC3 key of the current UTC day, with its day number; derived once a day.
    signing_key: Mutex<Option<(i64, Arc<super::sign::tc3::SigningKey>)>>,
    /// The URL and headers that are the same for every request of the product.
    fixed: prepared::Fixed,
}

/// A request in its wire form, before signing.
pub(crate) enum Encoded {
    /// Tencent: the JSON body, shared by every attempt.
    Json(bytes::Bytes),
    /// Alibaba RPC: the parameters and their canonical (encoded, sorted) query string.
    Query {
        pairs: Vec<(String, String)>,
        canonical: String,
    },
}

impl Transport {
    /// A transport for `service`, configured by `config`.
    pub fn new(service: &'static Service, config: Config) -> Result<Transport, ConfigError> {
        let vendor = service.protocol.vendor();
        let region = config
            .region
            .clone()
            .or_else(|| credentials::env_region(vendor, &ProcessEnvironment));
        let endpoint = endpoint::resolve(service, &config.endpoint, region.as_deref())?;
        let http = match &config.http_client {
            Some(client) => client.clone(),
            None => http::build_client(&config)?,
        };
        let limiters = RateLimiters::new(service, config.rate_limit)?;
        let retry = config.retry;
        let credentials = Mutex::new(config.credentials.clone().map(Arc::new));
        let fixed = prepared::Fixed::new(service, &endpoint, region.as_deref(), config.language)?;
        Ok(Transport {
            inner: Arc::new(Inner {
                service,
                config,
                http,
                endpoint,
                region,
                credentials,
                limiters,
                signing_key: Mutex::new(None),
                fixed,
            }),
            retry,
        })
    }

    /// The same transport (connections, credentials, rate limiters) with another retry policy.
    pub fn with_retry(&self, retry: RetryConfig) -> Transport {
        Transport {
            inner: Arc::clone(&self.inner),
            retry,
        }
    }

    /// The configuration the transport was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The base URL requests go to, e.g. `https://ssl.tencentcloudapi.com`.
    pub fn base_url(&self) -> &str {
        &self.inner.endpoint.base_url
    }

    /// Validates, signs, sends (with retries and pacing) and decodes one call.
    ///
    /// The request is validated and encoded at once; the returned future
    /// does the rest. A plain function rather than an `async fn` taking the
    /// request: the future's body then depends only on the response and
    /// error types, and generated methods that merely return it need no
    /// coroutine of their own, which halves their share of compile time.
    pub fn call<Req, Resp, E>(
        &self,
        action: &'static Action,
        request: Req,
    ) -> impl Future<Output = Result<Resp, Error<E>>> + Send + '_
    where
        Req: Serialize + Validate,
        Resp: DeserializeOwned,
        E: ErrorCode,
    {
        let encoded = self.encode(action, &request);
        async move {
            let encoded = encoded.map_err(|invalid| Error::InvalidRequest(invalid))?;
            let (outcome, attempts) = retry::send(self, action, &encoded).await;
            match outcome {
                Ok(success) => decode(action, success, attempts),
                Err(failure) => Err(failure.into_error(action, attempts)),
            }
        }
    }

    /// Checks the documented constraints and turns the request into its wire form.
    fn encode<Req: Serialize + Validate + ?Sized>(
        &self,
        action: &'static Action,
        request: &Req,
    ) -> Result<Encoded, InvalidRequest> {
        let invalid = |problems| InvalidRequest {
            action: action.name,
            problems,
        };
        let problems = Validator::check(request);
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let encoded = match self.inner.service.protocol {
            Protocol::Tc3 => serde_json::to_vec(request)
                .map(|body| Encoded::Json(body.into()))
                .map_err(|e| e.to_string()),
            Protocol::Acs3Rpc => query::to_pairs(request)
                .map(|pairs| Encoded::Query {
                    canonical: super::sign::acs3::canonical_query(&pairs),
                    pairs,
                })
                .map_err(|e| e.to_string()),
        };
        encoded.map_err(|reason| invalid(vec![format!("cannot be encoded: {reason}")]))
    }

    /// Credentials from the configuration, else from the vendor's default
    /// chain (environment, then profile file), looked up once and kept.
    fn credentials(&self) -> Result<Arc<Credentials>, CredentialsError> {
        let mut cached = self
            .inner
            .credentials
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(credentials) = cached.as_ref() {
            return Ok(Arc::clone(credentials));
        }
        let found = Arc::new(credentials::default_chain(
            self.inner.service.protocol.vendor(),
        )?);
        *cached = Some(Arc::clone(&found));
        Ok(found)
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("product", &self.inner.service.product)
            .field("version", &self.inner.service.version)
            .field("endpoint", &self.inner.endpoint.base_url)
            .field("region", &self.inner.region)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Decodes a raw answer exactly as a call does (status, envelope, service
/// error, typed response), without sending anything. For replaying recorded
/// responses in tests, and for fuzzing the decoders.
pub fn decode_response<Resp, E>(
    protocol: Protocol,
    action: &'static Action,
    status: u16,
    body: &[u8],
) -> Result<Resp, Error<E>>
where
    Resp: DeserializeOwned,
    E: ErrorCode,
{
    let response = http::Response {
        status,
        request_id: None,
        body: bytes::Bytes::copy_from_slice(body),
    };
    let decoded = match protocol {
        Protocol::Tc3 => tencent::decode(response),
        Protocol::Acs3Rpc => alibaba::decode(response),
    };
    match decoded {
        Ok(success) => decode(action, success, 1),
        Err(failure) => Err(failure.into_error(action, 1)),
    }
}

/// The typed response from a successful exchange.
fn decode<Resp: DeserializeOwned, E>(
    action: &'static Action,
    success: Success,
    attempts: u32,
) -> Result<Resp, Error<E>> {
    serde_json::from_str(success.payload.get()).map_err(|e| {
        let body = success.payload.get().as_bytes();
        Error::MalformedResponse(MalformedResponse {
            action: action.name,
            http_status: success.http_status,
            request_id: success.request_id.or_else(|| classify::request_id_in(body)),
            reason: format!("unexpected response shape: {e}"),
            snippet: classify::snippet(body),
            body_len: body.len(),
            attempts,
        })
    })
}

impl Failure {
    /// The typed error for a failure that will not be retried.
    fn into_error<E: ErrorCode>(self, action: &'static Action, attempts: u32) -> Error<E> {
        match self {
            Failure::Credentials(source) => Error::Credentials(CredentialsFailure {
                action: action.name,
                source,
            }),
            Failure::Transport {
                kind,
                may_have_reached_server,
                source,
            } => Error::Transport(TransportError {
                action: action.name,
                kind,
                may_have_reached_server,
                idempotent: action.idempotent,
                attempts,
                source,
            }),
            Failure::Service {
                code,
                message,
                request_id,
                http_status,
            } => Error::Service(ServiceError {
                action: action.name,
                throttled: is_throttling(&code),
                code: E::from_code(&code),
                message,
                request_id,
                http_status,
                attempts,
            }),
            Failure::Malformed(mut malformed) => {
                malformed.action = action.name;
                malformed.attempts = attempts;
                Error::MalformedResponse(malformed)
            }
        }
    }
}
