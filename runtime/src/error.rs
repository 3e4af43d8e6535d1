//! One error type for every call, with one variant per kind of failure.
//!
//! Flat on purpose: a caller matches `Error::Service(e)` and reads `e.code()`,
//! without the three levels of nesting other SDKs need. Every variant knows
//! its action; `Display` names it and the request ID when there is one.
//! Nothing here holds a secret: bodies are never kept; response snippets are
//! bounded, with private keys and the values of secret-named fields
//! redacted; transport errors leave out the URL (and so an RPC request's
//! parameters).

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use super::cause::cause_chain;
use super::credential_types::error::CredentialsError;
use super::paging::style::Style;

/// Why a call failed. `E` is the action's error-code enum (e.g. `CreateCertificateError`).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request breaks a documented constraint; nothing was sent.
    InvalidRequest(InvalidRequest),
    /// No usable credentials were found; nothing was sent.
    Credentials(CredentialsFailure),
    /// The HTTP exchange failed: connect, timeout, reset.
    Transport(TransportError),
    /// The server answered with an error code.
    Service(ServiceError<E>),
    /// The server's answer could not be understood (a proxy's HTML page, truncated JSON, an empty body).
    MalformedResponse(MalformedResponse),
    /// A waiter's deadline passed before its condition held.
    WaitTimeout(WaitTimeout),
    /// A waiter saw a state from which its condition can no longer hold
    /// (a certificate whose review failed will never be issued).
    WaitFailed(WaitFailed),
    /// A listing's server kept answering the same page: a stream of pages
    /// or items gave up instead of reading it forever.
    RepeatedPage(RepeatedPage),
    /// A listing's next page has an offset or page number past `u64::MAX`
    /// (a listing started near the top of the range, at a server that
    /// answered anyway): a stream of pages or items cannot ask for it.
    PageOutOfRange(PageOutOfRange),
}

impl<E> Error<E> {
    /// The action that failed, e.g. `CreateCertificate`.
    pub fn action(&self) -> &str {
        match self {
            Error::InvalidRequest(e) => &e.action,
            Error::Credentials(e) => &e.action,
            Error::Transport(e) => &e.action,
            Error::Service(e) => &e.action,
            Error::MalformedResponse(e) => &e.action,
            Error::WaitTimeout(e) => e.action,
            Error::WaitFailed(e) => e.action,
            Error::RepeatedPage(e) => e.action,
            Error::PageOutOfRange(e) => e.action,
        }
    }

    /// The server's request ID, when the server answered with one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id.as_deref(),
            Error::MalformedResponse(e) => e.request_id.as_deref(),
            Error::WaitTimeout(e) => e.last_request_id.as_deref(),
            Error::WaitFailed(e) => Some(&e.request_id),
            Error::RepeatedPage(e) => e.request_id.as_deref(),
            Error::PageOutOfRange(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The service error code, for `Error::Service`.
    pub fn code(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(&e.code),
            _ => None,
        }
    }

    /// Whether the request may have been executed by the server. `false`
    /// only when it certainly was not (validation, credentials, connect
    /// failures, throttling answers).
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::InvalidRequest(_) | Error::Credentials(_) => false,
            Error::Transport(e) => e.may_have_reached_server,
            Error::Service(e) => !e.throttled,
            Error::MalformedResponse(_)
            | Error::WaitTimeout(_)
            | Error::WaitFailed(_)
            | Error::RepeatedPage(_)
            | Error::PageOutOfRange(_) => true,
        }
    }
}

impl<E: crate::error_code::ErrorCode> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => e.fmt(f),
            Error::Credentials(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Service(e) => e.fmt(f),
            Error::MalformedResponse(e) => e.fmt(f),
            Error::WaitTimeout(e) => e.fmt(f),
            Error::WaitFailed(e) => e.fmt(f),
            Error::RepeatedPage(e) => e.fmt(f),
            Error::PageOutOfRange(e) => e.fmt(f),
        }
    }
}

impl<E: crate::error_code::ErrorCode> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Credentials(e) => Some(&e.source),
            Error::Transport(e) => e.source.as_deref().map(|s| s as _),
            _ => None,
        }
    }
}

/// A documented constraint the request breaks; found before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    /// The action: borrowed for generated actions, owned for those named at
    /// run time (`CommonClient`).
    pub action: Cow<'static, str>,
    /// Every problem, each naming the field (e.g. `Tags[3].Key: longer than 128 characters`).
    pub problems: Vec<String>,
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: invalid request, not sent: {}",
            self.action,
            self.problems.join("; ")
        )
    }
}

/// No usable credentials.
#[derive(Debug)]
pub struct CredentialsFailure {
    /// The action: borrowed for generated actions, owned for those named at
    /// run time (`CommonClient`).
    pub action: Cow<'static, str>,
    /// What was tried and why it failed.
    pub source: CredentialsError,
}

impl fmt::Display for CredentialsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: not sent: {}", self.action, self.source)
    }
}

/// What went wrong on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// The connection could not be established (refused, DNS, TLS handshake); nothing was sent.
    Connect,
    /// No complete answer within the timeout.
    Timeout,
    /// The connection was reset or closed before a complete answer arrived.
    Reset,
    /// Any other failure of the HTTP exchange.
    Other,
}

/// The HTTP exchange failed.
#[derive(Debug)]
pub struct TransportError {
    /// The action: borrowed for generated actions, owned for those named at
    /// run time (`CommonClient`).
    pub action: Cow<'static, str>,
    /// What happened.
    pub kind: TransportKind,
    /// Whether the server may have received, and executed, the request.
    pub may_have_reached_server: bool,
    /// Whether the action is safe to send again.
    pub idempotent: bool,
    /// How many attempts were made.
    pub attempts: u32,
    /// The underlying error.
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportKind::Connect => "could not connect",
            TransportKind::Timeout => "timed out",
            TransportKind::Reset => "connection reset or closed before the answer was complete",
            TransportKind::Other => "HTTP exchange failed",
        };
        write!(
            f,
            "{}: {what} after {} attempt{}",
            self.action,
            self.attempts,
            plural(self.attempts)
        )?;
        if let Some(source) = &self.source {
            write!(f, " ({})", cause_chain(source.as_ref()))?;
        }
        if !self.may_have_reached_server {
            write!(f, "; the request was not sent")
        } else if self.idempotent {
            write!(f, "; the request may have reached the server")
        } else {
            write!(
                f,
                "; the request may have reached the server, and {} is not idempotent, so it was not sent again: check the current state before calling it again",
                self.action
            )
        }
    }
}

/// The server answered with an error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceError<E> {
    /// The action: borrowed for generated actions, owned for those named at
    /// run time (`CommonClient`).
    pub action: Cow<'static, str>,
    /// The typed code.
    pub code: E,
    /// The server's message.
    pub message: String,
    /// The server's request ID.
    pub request_id: Option<String>,
    /// The HTTP status (Tencent answers errors with 200).
    pub http_status: u16,
    /// Whether the code is a throttling answer (the request was not executed).
    pub throttled: bool,
    /// How many attempts were made.
    pub attempts: u32,
}

impl<E> ServiceError<E> {
    /// The typed code.
    pub fn code(&self) -> &E {
        &self.code
    }

    /// The server's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The server's request ID.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl<E: crate::error_code::ErrorCode> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.action, self.code.code(), self.message)?;
        write!(f, " (HTTP {}", self.http_status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        if self.attempts > 1 {
            write!(f, ", after {} attempts", self.attempts)?;
        }
        write!(f, ")")
    }
}

pub use crate::snippet::SNIPPET_LIMIT;

/// The server's answer could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedResponse {
    /// The action: borrowed for generated actions, owned for those named at
    /// run time (`CommonClient`).
    pub action: Cow<'static, str>,
    /// The HTTP status.
    pub http_status: u16,
    /// The request ID, if one could be read.
    pub request_id: Option<String>,
    /// What was wrong, e.g. `expected JSON: EOF while parsing a string at line 1 column 40`.
    pub reason: String,
    /// The start of the body, at most [`SNIPPET_LIMIT`] bytes, lossily decoded.
    pub snippet: String,
    /// The full body length in bytes.
    pub body_len: usize,
    /// How many attempts were made.
    pub attempts: u32,
}

impl fmt::Display for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: malformed response (HTTP {}",
            self.action, self.http_status
        )?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, "): {}; body ({} bytes)", self.reason, self.body_len)?;
        if self.snippet.is_empty() {
            write!(f, " is empty")
        } else {
            write!(f, " starts with {:?}", self.snippet)
        }
    }
}

/// A waiter's deadline passed first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitTimeout {
    /// The polled action.
    pub action: &'static str,
    /// Calls made.
    pub attempts: u32,
    /// Time spent.
    pub elapsed: Duration,
    /// The request ID of the last answer.
    pub last_request_id: Option<String>,
}

impl fmt::Display for WaitTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: condition not reached within {:.1?} after {} call{}",
            self.action,
            self.elapsed,
            self.attempts,
            plural(self.attempts)
        )?;
        if let Some(id) = &self.last_request_id {
            write!(f, " (last request id {id})")?;
        }
        Ok(())
    }
}

/// A waiter's call answered with a state from which its condition can no longer hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitFailed {
    /// The polled action.
    pub action: &'static str,
    /// The polled field, as the vendor names it.
    pub field: &'static str,
    /// Its value in the last answer.
    pub value: String,
    /// Calls made.
    pub attempts: u32,
    /// The request ID of the last answer.
    pub request_id: String,
}

impl fmt::Display for WaitFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} is {}, from which the awaited state can no longer be reached (after {} call{}, request id {})",
            self.action,
            self.field,
            self.value,
            self.attempts,
            plural(self.attempts),
            self.request_id
        )
    }
}

/// A listing's server answered a page that gets the listing no further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedPage {
    /// The listing action.
    pub action: &'static str,
    /// How many pages had been read, this one included.
    pub pages: u64,
    /// What repeated: the same items as the page before, or a page token
    /// seen before.
    pub reason: &'static str,
    /// The request ID of the repeating answer.
    pub request_id: Option<String>,
}

impl fmt::Display for RepeatedPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: gave up listing after {} pages: {}",
            self.action, self.pages, self.reason
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A listing's next page lies past the largest offset or page number a
/// request can carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOutOfRange {
    /// The listing action.
    pub action: &'static str,
    /// How many pages had been read, the last one included.
    pub pages: u64,
    /// Whether the listing pages by offset or by page number.
    pub style: Style,
    /// The offset or page number of the last page read.
    pub position: u64,
    /// The request ID of the last answer.
    pub request_id: Option<String>,
}

impl fmt::Display for PageOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.style {
            Style::Offset => "offset",
            Style::Page | Style::Token => "page number",
        };
        write!(
            f,
            "{}: gave up listing after {} page{}: the next page's {what} would be past {} (the last page read was at {what} {})",
            self.action,
            self.pages,
            plural(self.pages),
            u64::MAX,
            self.position
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

fn plural(n: impl Into<u64>) -> &'static str {
    if n.into() == 1 { "" } else { "s" }
}

/// Problems with the configuration, found when building a client.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The endpoint URL is not usable.
    #[error("endpoint {url:?} is not a usable URL: {reason}")]
    InvalidEndpoint {
        /// The URL as given, without user information.
        url: String,
        /// Why.
        reason: String,
    },
    /// The product has no endpoint of the requested kind.
    #[error("product `{product}` has no {kind} endpoint")]
    NoSuchEndpoint {
        /// The product.
        product: Cow<'static, str>,
        /// The kind asked for.
        kind: &'static str,
    },
    /// The configured region has no endpoint for the product.
    #[error("product `{product}` has no endpoint in region `{region}`; known regions: {}; use Endpoint::Url to name a host", known.join(", "))]
    UnknownRegion {
        /// The product.
        product: Cow<'static, str>,
        /// The region asked for.
        region: String,
        /// The regions the product's endpoints serve.
        known: Vec<&'static str>,
    },
    /// A regional endpoint was asked for without a region.
    #[error(
        "product `{product}`: a regional endpoint needs a region (Config::region, or the vendor's region variable)"
    )]
    MissingRegion {
        /// The product.
        product: Cow<'static, str>,
    },
    /// A configured value cannot be sent.
    #[error("{what}: {reason}")]
    InvalidValue {
        /// Which setting.
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("could not build the HTTP client: {0}")]
    HttpClient(String),
}
