//! The transport every generated client method calls.
//!
//! [`Transport::call`] is the only function generic over the request and
//! response, and it is thin: validate, encode, then hand the encoded request
//! to the attempt loop (`retry::send`, generic only over the protocol) and
//! decode what comes back. Keeping the loop, signing and HTTP out of the
//! per-action part means they are compiled once per protocol, not once per action.
//!
//! The transport knows no vendor: encoding, signing, reading answers and
//! classifying error codes belong to the client's [`Protocol`].

mod classify;
mod endpoint;
mod http;
mod retry;

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ErrorCode;
use crate::clock::Clock;
use crate::config::{Config, RetryConfig};
use crate::credentials::{
    self, Credentials, CredentialsCache, CredentialsError, DefaultChain, ProcessEnvironment,
    SharedProvider,
};
use crate::error::{
    ConfigError, CredentialsFailure, Error, InvalidRequest, MalformedResponse, ServiceError,
    TransportError,
};
use crate::protocol::{ErrorClass, Failure, Protocol, RawResponse, Success, Target};
use crate::rate_limit::RateLimiters;
use crate::service::{Action, Service};
use crate::validate::{Validate, Validator};
pub(crate) use endpoint::is_region_name;
pub use http::http_client_builder;

/// Sends the requests of one product in protocol `P`; shared by clones of a client.
pub struct Transport<P> {
    inner: Arc<Inner<P>>,
    retry: RetryConfig,
}

struct Inner<P> {
    service: &'static Service,
    config: Config,
    http: reqwest::Client,
    base_url: String,
    region: Option<String>,
    credentials: CredentialsCache,
    limiters: RateLimiters,
    protocol: P,
}

impl<P: Protocol> Transport<P> {
    /// A transport for `service`, configured by `config`.
    pub fn new(service: &'static Service, config: Config) -> Result<Transport<P>, ConfigError> {
        let env: Arc<dyn credentials::Environment> = match &config.environment {
            Some(env) => Arc::clone(env),
            None => Arc::new(ProcessEnvironment),
        };
        let region = config
            .region
            .clone()
            .or_else(|| credentials::env_region(P::VENDOR, &*env));
        let endpoint = endpoint::resolve(
            service,
            &config.endpoint,
            region.as_deref(),
            config.domain_suffix.as_deref(),
        )?;
        let protocol = P::new(&Target {
            service,
            base_url: &endpoint.base_url,
            host: &endpoint.host,
            // A global product is not sent the region.
            region: region.as_deref().filter(|_| service.regional),
            language: config.language,
        })?;
        let http = match &config.http_client {
            Some(client) => client.clone(),
            None => http::build_client(&config, &*env)?,
        };
        let limiters = RateLimiters::new(service, config.rate_limit)?;
        let retry = config.retry;
        let credentials = match (&config.credentials, &config.provider) {
            (Some(credentials), _) => {
                CredentialsCache::with_credentials(P::VENDOR, credentials.clone())
            }
            (None, Some(provider)) => CredentialsCache::new(P::VENDOR, provider.clone()),
            (None, None) => CredentialsCache::new(
                P::VENDOR,
                SharedProvider::new(
                    DefaultChain::new(P::VENDOR)
                        .shared_environment(env)
                        .clock(config.clock.clone())
                        .http_client(http.clone()),
                ),
            ),
        };
        Ok(Transport {
            inner: Arc::new(Inner {
                service,
                config,
                http,
                base_url: endpoint.base_url,
                region,
                credentials,
                limiters,
                protocol,
            }),
            retry,
        })
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
        mut request: Req,
    ) -> impl Future<Output = Result<Resp, Error<E>>> + Send + '_
    where
        Req: Serialize + Validate,
        Resp: DeserializeOwned,
        E: ErrorCode,
    {
        // A request carrying an idempotency token is deduplicated by the
        // server: it is filled once per call, and retried like an idempotent one.
        let idempotent = match request.idempotency_token() {
            Some(token) => {
                if token.as_deref().is_none_or(str::is_empty) {
                    *token = Some(new_token());
                }
                true
            }
            None => action.idempotent,
        };
        let encoded = self.encode(action, &request);
        async move {
            let encoded = encoded.map_err(Error::InvalidRequest)?;
            let (outcome, attempts) = retry::send(self, action, &encoded, idempotent).await;
            match outcome {
                Ok(success) => decode(action, success, attempts),
                Err(failure) => Err(failure.into_error(action, attempts, idempotent)),
            }
        }
    }

    /// Checks the documented constraints and turns the request into its wire form.
    fn encode<Req: Serialize + Validate + ?Sized>(
        &self,
        action: &'static Action,
        request: &Req,
    ) -> Result<P::Encoded, InvalidRequest> {
        let invalid = |problems| InvalidRequest {
            action: action.name,
            problems,
        };
        let problems = Validator::check(request);
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        self.inner
            .protocol
            .encode(request)
            .map_err(|reason| invalid(vec![format!("cannot be encoded: {reason}")]))
    }

    /// Credentials from the configuration, its provider, or the vendor's
    /// default chain; cached, and refreshed before they expire.
    async fn credentials(&self) -> Result<Arc<Credentials>, CredentialsError> {
        self.inner.credentials.get(&self.inner.config.clock).await
    }
}

impl<P> Transport<P> {
    /// The same transport (connections, credentials, rate limiters) with another retry policy.
    pub fn with_retry(&self, retry: RetryConfig) -> Transport<P> {
        Transport {
            inner: Arc::clone(&self.inner),
            retry,
        }
    }

    /// The configuration the transport was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The clock of the configuration.
    pub fn clock(&self) -> &Clock {
        &self.inner.config.clock
    }

    /// The base URL requests go to, e.g. `https://ssl.tencentcloudapi.com`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }
}

impl<P> Clone for Transport<P> {
    fn clone(&self) -> Self {
        self.with_retry(self.retry)
    }
}

impl<P> fmt::Debug for Transport<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("product", &self.inner.service.product)
            .field("version", &self.inner.service.version)
            .field("endpoint", &self.inner.base_url)
            .field("region", &self.inner.region)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// A fresh idempotency token: a random (version 4) UUID.
fn new_token() -> String {
    use rand::RngExt;
    let mut bytes: [u8; 16] = rand::rng().random();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Decodes a raw answer exactly as a call in protocol `P` does (status,
/// envelope, service error, typed response), without sending anything. For
/// replaying recorded responses in tests, and for fuzzing the decoders.
pub fn decode_response<P, Resp, E>(
    action: &'static Action,
    status: u16,
    body: &[u8],
) -> Result<Resp, Error<E>>
where
    P: Protocol,
    Resp: DeserializeOwned,
    E: ErrorCode,
{
    let response = RawResponse {
        status,
        headers: Default::default(),
        body: bytes::Bytes::copy_from_slice(body),
    };
    match P::decode(response) {
        Ok(success) => decode(action, success, 1),
        Err(failure) => Err(failure.into_error(action, 1, action.idempotent)),
    }
}

/// The typed response from a successful exchange.
fn decode<Resp: DeserializeOwned, E>(
    action: &'static Action,
    success: Success,
    attempts: u32,
) -> Result<Resp, Error<E>> {
    crate::drift::from_str(action.name, success.payload.get()).map_err(|e| {
        let body = success.payload.get().as_bytes();
        Error::MalformedResponse(MalformedResponse {
            action: action.name,
            http_status: success.http_status,
            request_id: success
                .request_id
                .or_else(|| crate::snippet::request_id_in(body)),
            reason: format!(
                "unexpected response shape: {}",
                crate::snippet::without_quoted_values(&e.to_string())
            ),
            snippet: crate::snippet::snippet(body, action.secret_outputs),
            body_len: body.len(),
            attempts,
        })
    })
}

impl Failure {
    /// The typed error for a failure that will not be retried.
    fn into_error<E: ErrorCode>(
        self,
        action: &'static Action,
        attempts: u32,
        idempotent: bool,
    ) -> Error<E> {
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
                idempotent,
                attempts,
                source,
            }),
            Failure::Service {
                code,
                class,
                message,
                request_id,
                http_status,
            } => Error::Service(ServiceError {
                action: action.name,
                throttled: class == ErrorClass::Throttled,
                code: E::from_code(&code),
                message,
                request_id,
                http_status,
                attempts,
            }),
            Failure::Malformed(mut malformed) => {
                malformed.action = action.name;
                malformed.attempts = attempts;
                // The protocol cut the snippet without knowing the action;
                // its secret fields are redacted now.
                if !action.secret_outputs.is_empty() {
                    malformed.snippet =
                        crate::snippet::redact_fields(&malformed.snippet, action.secret_outputs);
                }
                Error::MalformedResponse(malformed)
            }
        }
    }
}
