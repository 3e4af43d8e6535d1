//! The transport every generated client method (and the common client) calls.
//!
//! [`Transport::call`] is the only function generic over the request, and it
//! is thin: validate, encode, then hand the encoded request to `run`, generic
//! over the response only, which passes it to the attempt loop
//! (`retry::send`, generic only over the protocol) and decodes what comes
//! back. Keeping the loop, signing and HTTP out of the per-action part means
//! they are compiled once per protocol, not once per action. A product and an
//! action named at run time (the common client) take the same path after
//! encoding, with owned names instead of the generated statics.
//!
//! The transport knows no vendor: encoding, signing, reading answers and
//! classifying error codes belong to the client's [`Protocol`].

mod classify;
mod endpoint;
mod handle;
mod http;
mod retry;
mod session;

use std::borrow::Cow;
use std::future::Future;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::clock::Clock;
use crate::config::{Config, RetryConfig};
use crate::credential_types::error::CredentialsError;
use crate::credential_types::key::Credentials;
use crate::error::{
    ConfigError, CredentialsFailure, Error, InvalidRequest, MalformedResponse, ServiceError,
    TransportError,
};
use crate::error_code::ErrorCode;
use crate::protocol::{ErrorClass, Failure, Protocol, RawResponse, Success, Target};
use crate::rate_limit::RateLimiters;
use crate::service::{Action, HttpBinding, Service};
use crate::validate::{Validate, Validator};
pub(crate) use endpoint::{Resolved, checked_suffix, is_region_name, parse_url};
use handle::Inner;
pub use handle::Transport;
pub(crate) use handle::{Invocation, Route};
pub use http::http_client_builder;
pub(crate) use session::{FallbackProvider, Session};

impl<P: Protocol> Transport<P> {
    /// A transport for `service`, configured by `config`; `fallback` makes
    /// the credentials provider when the configuration names none.
    /// [`Transport::new`] gives the vendor's default chain.
    pub(crate) fn with_fallback(
        service: &'static Service,
        config: Config,
        fallback: Option<FallbackProvider>,
    ) -> Result<Transport<P>, ConfigError> {
        let session = Session::new(P::VENDOR, config, fallback)?;
        Transport::for_service(Arc::new(session), service)
    }

    /// A transport for `service` that shares `session` with others: a
    /// product described at run time, reached through a common client.
    pub(crate) fn for_service(
        session: Arc<Session>,
        service: &'static Service,
    ) -> Result<Transport<P>, ConfigError> {
        let config = &session.config;
        let endpoint = endpoint::resolve(
            service,
            &config.endpoint,
            session.region.as_deref(),
            config.domain_suffix.as_deref(),
        )?;
        let limiters = RateLimiters::new(service, config.rate_limit)?;
        let route = Route {
            product: Cow::Borrowed(service.product),
            version: Cow::Borrowed(service.version),
            endpoint,
            regional: service.regional,
            region: session.region.clone(),
        };
        Transport::on(session, route, Arc::new(limiters), Some(service))
    }

    /// The same product in `region`: requests carry that region and go to
    /// the host it gives (a regional endpoint, when configured so), on the
    /// same credentials cache, connection pool and rate limiters. Building
    /// one resolves a host and makes the protocol's signer; nothing is sent.
    pub fn in_region(&self, region: &str) -> Result<Transport<P>, ConfigError> {
        check_region(region)?;
        let inner = &self.inner;
        let config = &inner.session.config;
        let Some(service) = inner.service else {
            return Err(ConfigError::InvalidValue {
                what: "region",
                reason: "a product named at run time has no endpoint list to choose a host from; \
                         use ProductClient::in_region"
                    .into(),
            });
        };
        let endpoint = endpoint::resolve(
            service,
            &config.endpoint,
            Some(region),
            config.domain_suffix.as_deref(),
        )?;
        self.on_route(Route {
            product: inner.product.clone(),
            version: inner.version.clone(),
            endpoint,
            regional: service.regional,
            region: Some(region.to_owned()),
        })
    }

    /// A transport for another route of the same product (another region),
    /// sharing this one's session, rate limiters and retry policy.
    pub(crate) fn on_route(&self, route: Route) -> Result<Transport<P>, ConfigError> {
        let inner = &self.inner;
        let mut transport = Transport::on(
            Arc::clone(&inner.session),
            route,
            Arc::clone(&inner.limiters),
            inner.service,
        )?;
        transport.retry = self.retry;
        Ok(transport)
    }

    /// A transport for `route` that shares `session` with others (the
    /// products of a common client).
    pub(crate) fn on(
        session: Arc<Session>,
        route: Route,
        limiters: Arc<RateLimiters>,
        service: Option<&'static Service>,
    ) -> Result<Transport<P>, ConfigError> {
        let protocol = P::new(&Target {
            product: &route.product,
            version: &route.version,
            base_url: &route.endpoint.base_url,
            host: &route.endpoint.host,
            // A global product is not sent the region.
            region: route.region.as_deref().filter(|_| route.regional),
            language: session.config.language,
        })?;
        let retry = session.config.retry;
        Ok(Transport {
            inner: Arc::new(Inner {
                session,
                product: route.product,
                version: route.version,
                base_url: route.endpoint.base_url,
                limiters,
                protocol,
                service,
                region: route.region,
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
        let invocation = Invocation {
            action: Cow::Borrowed(action.name),
            idempotent,
            secret_outputs: action.secret_outputs,
            http: action.http,
        };
        self.run(invocation, encoded)
    }

    /// Sends an encoded call (or reports why it could not be encoded) and
    /// decodes the answer: everything after encoding, for generated and
    /// named actions alike.
    // Not an `async fn`: its future would have to outlive the borrow of the
    // transport together with `Resp`, which `call`'s callers cannot promise;
    // the `+ '_` bound says the future borrows the transport only.
    #[allow(clippy::manual_async_fn)]
    pub(crate) fn run<Resp, E>(
        &self,
        invocation: Invocation,
        encoded: Result<P::Encoded, InvalidRequest>,
    ) -> impl Future<Output = Result<Resp, Error<E>>> + Send + '_
    where
        Resp: DeserializeOwned,
        E: ErrorCode,
    {
        async move {
            let encoded = encoded.map_err(Error::InvalidRequest)?;
            let (outcome, attempts) = retry::send(self, &invocation, &encoded).await;
            match outcome {
                Ok(success) => decode(&invocation, success, attempts),
                Err(failure) => Err(failure.into_error(&invocation, attempts)),
            }
        }
    }

    /// Checks the documented constraints and turns the request into its wire form.
    fn encode<Req: Serialize + Validate + ?Sized>(
        &self,
        action: &'static Action,
        request: &Req,
    ) -> Result<P::Encoded, InvalidRequest> {
        let problems = Validator::check(request);
        if !problems.is_empty() {
            return Err(InvalidRequest {
                action: Cow::Borrowed(action.name),
                problems,
            });
        }
        self.encode_unchecked(Cow::Borrowed(action.name), action.http, request)
    }

    /// Turns parameters that have no documented constraints (those of an
    /// action named at run time) into their wire form.
    pub(crate) fn encode_unchecked<Req: Serialize + ?Sized>(
        &self,
        action: Cow<'static, str>,
        http: Option<&'static HttpBinding>,
        request: &Req,
    ) -> Result<P::Encoded, InvalidRequest> {
        self.inner
            .protocol
            .encode(http, request)
            .map_err(|reason| InvalidRequest {
                action,
                problems: vec![format!("cannot be encoded: {reason}")],
            })
    }

    /// The request one attempt of an encoded call would send, signed now,
    /// without sending it (a dry run). Credentials come as for a call.
    pub(crate) async fn sign_only<E: ErrorCode>(
        &self,
        invocation: &Invocation,
        encoded: Result<P::Encoded, InvalidRequest>,
    ) -> Result<reqwest::Request, Error<E>> {
        let encoded = encoded.map_err(Error::InvalidRequest)?;
        let signed = match self.credentials().await {
            Ok(credentials) => {
                let now = self.clock().now();
                self.inner
                    .protocol
                    .sign(&invocation.action, &encoded, &credentials, now)
            }
            Err(e) => Err(Failure::Credentials(e)),
        };
        signed.map_err(|failure| failure.into_error(invocation, 0))
    }

    /// Credentials from the session: configured, from its provider, or from
    /// the vendor's default chain.
    async fn credentials(&self) -> Result<Arc<Credentials>, CredentialsError> {
        self.inner.session.credentials().await
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
        &self.inner.session.config
    }

    /// The clock of the configuration.
    pub fn clock(&self) -> &Clock {
        &self.inner.session.config.clock
    }

    /// The base URL requests go to, e.g. `https://ssl.tencentcloudapi.com`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The product's name on the wire, e.g. `ssl`.
    pub fn product(&self) -> &str {
        &self.inner.product
    }

    /// The API version, e.g. `2019-12-05`.
    pub fn version(&self) -> &str {
        &self.inner.version
    }

    /// The region requests are sent for: the configured one (or the
    /// environment's), or the one of [`in_region`](Transport::in_region).
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Whether the product was described by a static service (a generated
    /// client, or a described product), which [`in_region`](Transport::in_region) needs.
    pub(crate) fn described(&self) -> bool {
        self.inner.service.is_some()
    }

    /// Whether `other` shares this transport's credentials cache and
    /// connection pool (a clone, or a transport of another region or
    /// product of the same client).
    pub fn shares_session_with(&self, other: &Transport<P>) -> bool {
        Arc::ptr_eq(&self.inner.session, &other.inner.session)
    }
}

/// Refuses a region that cannot be a host label or a header value.
pub(crate) fn check_region(region: &str) -> Result<(), ConfigError> {
    if is_region_name(region) {
        Ok(())
    } else {
        Err(ConfigError::InvalidValue {
            what: "region",
            reason: format!("expected a region name such as `ap-guangzhou`, found {region:?}"),
        })
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
    let invocation = Invocation {
        action: Cow::Borrowed(action.name),
        idempotent: action.idempotent,
        secret_outputs: action.secret_outputs,
        http: action.http,
    };
    match P::decode(response, action.http) {
        Ok(success) => decode(&invocation, success, 1),
        Err(failure) => Err(failure.into_error(&invocation, 1)),
    }
}

/// The typed response from a successful exchange.
fn decode<Resp: DeserializeOwned, E>(
    invocation: &Invocation,
    success: Success,
    attempts: u32,
) -> Result<Resp, Error<E>> {
    crate::drift::from_str(&invocation.action, success.payload.get()).map_err(|e| {
        let body = success.payload.get().as_bytes();
        Error::MalformedResponse(MalformedResponse {
            action: invocation.action.clone(),
            http_status: success.http_status,
            request_id: success
                .request_id
                .or_else(|| crate::snippet::request_id_in(body)),
            reason: format!(
                "unexpected response shape: {}",
                crate::snippet::without_quoted_values(&e.to_string())
            ),
            snippet: crate::snippet::snippet(body, invocation.secret_outputs),
            body_len: body.len(),
            attempts,
        })
    })
}

impl Failure {
    /// The typed error for a failure that will not be retried.
    fn into_error<E: ErrorCode>(self, invocation: &Invocation, attempts: u32) -> Error<E> {
        let action = invocation.action.clone();
        match self {
            Failure::Credentials(source) => {
                Error::Credentials(CredentialsFailure { action, source })
            }
            Failure::Transport {
                kind,
                may_have_reached_server,
                source,
            } => Error::Transport(TransportError {
                action,
                kind,
                may_have_reached_server,
                idempotent: invocation.idempotent,
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
                action,
                throttled: class == ErrorClass::Throttled,
                code: E::from_code(&code),
                message,
                request_id,
                http_status,
                attempts,
            }),
            Failure::Malformed(mut malformed) => {
                malformed.action = action;
                malformed.attempts = attempts;
                // The protocol cut the snippet without knowing the action;
                // its secret fields are redacted now.
                let secret = invocation.secret_outputs;
                if !secret.is_empty() {
                    malformed.snippet = crate::snippet::redact_fields(&malformed.snippet, secret);
                }
                Error::MalformedResponse(malformed)
            }
        }
    }
}
