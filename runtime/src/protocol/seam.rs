//! The seam every wire protocol implements: the [`Protocol`] trait and the
//! data that crosses it (the target a client addresses, fixed headers, raw
//! answers, and how a failure is classed for retries).

use std::borrow::Cow;
use std::time::SystemTime;

use reqwest::header::{HeaderMap, HeaderValue};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::config::Language;
use crate::credential_types::error::CredentialsError;
use crate::credential_types::key::Credentials;
use crate::error::{ConfigError, MalformedResponse, TransportKind};
use crate::service::HttpBinding;
use crate::vendor::Vendor;

/// One wire protocol; see the [module documentation](crate::protocol).
pub trait Protocol: Sized + Send + Sync + 'static {
    /// The vendor whose credential sources supply the keys.
    const VENDOR: Vendor;

    /// A request in wire form: encoded once per call, signed again for
    /// every attempt.
    type Encoded: Send + Sync;

    /// The protocol's state for one product: the URL and headers that never
    /// change, and anything worth caching between calls.
    fn new(target: &Target<'_>) -> Result<Self, ConfigError>;

    /// Turns a validated request into its wire form; the error says why it
    /// cannot be encoded, without quoting values. `http` is the action's
    /// method, path and member places, which REST protocols need and the
    /// others ignore.
    fn encode<R: Serialize + ?Sized>(
        &self,
        http: Option<&'static HttpBinding>,
        request: &R,
    ) -> Result<Self::Encoded, String>;

    /// Builds one attempt of `action` (its wire name), signed for the
    /// wall-clock time `now`.
    fn sign(
        &self,
        action: &str,
        encoded: &Self::Encoded,
        credentials: &Credentials,
        now: SystemTime,
    ) -> Result<reqwest::Request, Failure>;

    /// Reads an answer: the response object of a success, or why it failed.
    /// `http` says which members of the answer REST protocols read from
    /// its headers or whole body.
    fn decode(
        response: RawResponse,
        http: Option<&'static HttpBinding>,
    ) -> Result<Success, Failure>;

    /// What a service error code means for retrying.
    fn classify(code: &str) -> ErrorClass;

    /// Whether the code rejects a signature as too old or too new: the
    /// transport then learns the server's time from its `Date` header and
    /// signs again once.
    fn is_clock_skew(code: &str) -> bool {
        let _ = code;
        false
    }
}

/// Where a product's requests go, settled when its client is built.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The product's name on the wire, e.g. `ssl`; also the service of
    /// Tencent's credential scope.
    pub product: &'a str,
    /// The API version, e.g. `2019-12-05`.
    pub version: &'a str,
    /// `scheme://authority` without a trailing slash.
    pub base_url: &'a str,
    /// The `Host` header, which is also signed.
    pub host: &'a str,
    /// The region, from the configuration or the environment.
    pub region: Option<&'a str>,
    /// The language of server messages, where the protocol has one.
    pub language: Option<Language>,
}

impl Target<'_> {
    /// `base_url` with the root path, parsed.
    pub fn url(&self) -> Result<reqwest::Url, ConfigError> {
        reqwest::Url::parse(&format!("{}/", self.base_url)).map_err(|e| {
            ConfigError::InvalidEndpoint {
                url: self.base_url.to_owned(),
                reason: e.to_string(),
            }
        })
    }
}

/// Headers sent with every request of a product, checked once.
#[derive(Debug, Default)]
pub struct FixedHeaders(HeaderMap);

impl FixedHeaders {
    /// Adds a header; a value HTTP does not allow is a configuration error.
    pub fn put(&mut self, name: &'static str, value: &str) -> Result<(), ConfigError> {
        let value = HeaderValue::from_str(value).map_err(|_| ConfigError::InvalidValue {
            what: name,
            reason: "contains characters not allowed in an HTTP header".into(),
        })?;
        self.0.insert(name, value);
        Ok(())
    }

    /// A POST request to `url` carrying these headers.
    pub fn request(&self, url: reqwest::Url) -> reqwest::Request {
        self.request_to(reqwest::Method::POST, url)
    }

    /// A request with `method` to `url` carrying these headers.
    pub fn request_to(&self, method: reqwest::Method, url: reqwest::Url) -> reqwest::Request {
        let mut request = reqwest::Request::new(method, url);
        *request.headers_mut() = self.0.clone();
        request
    }
}

/// A header value of a request being signed, or a failure before anything
/// was sent. `sensitive` keeps it out of reqwest's and hyper's debug output.
pub fn header_value(value: &str, sensitive: bool) -> Result<HeaderValue, Failure> {
    let mut value = HeaderValue::from_str(value).map_err(|_| Failure::Transport {
        kind: TransportKind::Other,
        may_have_reached_server: false,
        source: Some("a header value contains characters HTTP does not allow".into()),
    })?;
    value.set_sensitive(sensitive);
    Ok(value)
}

/// An answer as it came off the wire.
#[derive(Debug)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// Response headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: bytes::Bytes,
}

/// A successful exchange: the response object, still undecoded.
#[derive(Debug)]
pub struct Success {
    /// The JSON object the action's response type is read from.
    pub payload: Box<RawValue>,
    /// HTTP status.
    pub http_status: u16,
    /// The request ID, when the protocol carries it outside the payload.
    pub request_id: Option<String>,
}

/// What a service error code means for retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The server refused before executing: every action may retry.
    Throttled,
    /// Server-side trouble; the request may or may not have been executed.
    Transient,
    /// The request itself was refused; sending it again changes nothing.
    Final,
}

impl ErrorClass {
    /// The class of `code` given whether the protocol counts it as
    /// throttling; server-side trouble is named alike by both vendors.
    pub fn of(code: &str, throttled: bool) -> ErrorClass {
        if throttled {
            ErrorClass::Throttled
        } else if code == "InternalError"
            || code.starts_with("InternalError.")
            || code == "ServiceUnavailable"
        {
            ErrorClass::Transient
        } else {
            ErrorClass::Final
        }
    }
}

/// A failed attempt, before it is typed for the action.
#[derive(Debug)]
pub enum Failure {
    /// No usable credentials.
    Credentials(CredentialsError),
    /// The HTTP exchange failed.
    Transport {
        /// What happened.
        kind: TransportKind,
        /// Whether the server may have received the request.
        may_have_reached_server: bool,
        /// The underlying error, without URL or parameters.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The server answered with an error code.
    Service {
        /// The code as sent.
        code: String,
        /// What it means for retrying.
        class: ErrorClass,
        /// The server's message.
        message: String,
        /// The server's request ID.
        request_id: Option<String>,
        /// HTTP status.
        http_status: u16,
    },
    /// The answer could not be understood; `action` and `attempts` are
    /// filled in when it becomes an error.
    Malformed(MalformedResponse),
}

impl Failure {
    /// Marks a service error as throttling whatever its code (the server
    /// said when to come back, or that it is unavailable).
    pub fn throttled(mut self) -> Failure {
        if let Failure::Service { class, .. } = &mut self {
            *class = ErrorClass::Throttled;
        }
        self
    }

    /// A service error, classified by protocol `P`.
    pub fn service<P: Protocol>(
        code: String,
        message: String,
        request_id: Option<String>,
        http_status: u16,
    ) -> Failure {
        Failure::Service {
            class: P::classify(&code),
            code,
            message,
            request_id,
            http_status,
        }
    }

    /// An answer that could not be understood, with a redacted snippet of its body.
    pub fn malformed(
        response: &RawResponse,
        request_id: Option<String>,
        reason: String,
    ) -> Failure {
        Failure::Malformed(MalformedResponse {
            action: Cow::Borrowed(""),
            http_status: response.status,
            request_id,
            // Reasons quote the decoder's messages, which quote values.
            reason: crate::snippet::without_quoted_values(&reason),
            snippet: crate::snippet::snippet(&response.body, &[]),
            body_len: response.body.len(),
            attempts: 0,
        })
    }
}
