//! The hand-written runtime under the generated `cloudapi` bindings.
//!
//! The generated crate holds one typed module per product and action; every
//! call goes through this crate, which knows no product:
//!
//! - [`Config`]: credentials, region, endpoint, timeouts, retries, pacing,
//!   HTTP client and [`Clock`];
//! - [`credentials`]: where access keys come from, kept out of every message;
//! - [`sign`]: the vendors' request signatures as pure functions;
//! - wire protocols (`TC3/JSON` for Tencent Cloud, `ACS3/RPC` for Alibaba
//!   Cloud) behind one trait, and a transport that validates, encodes,
//!   signs, paces, sends, retries and decodes without naming a vendor;
//! - [`Error`]: one error type for every call, one variant per kind of failure;
//! - waiters, which poll an action until its answer satisfies a condition;
//! - [`Operation`]: a request type's action, for test tools such as the
//!   `testkit` crate (implemented with the generated crate's `testkit` feature).
//!
//! Applications use it through the generated crate, which re-exports what
//! they need (`cloudapi::Config`, `cloudapi::Error`, …) and the whole crate
//! as `cloudapi::runtime`.
//!
//! # Stability
//!
//! Items hidden from these docs (the transport, the protocols, the static
//! descriptions of products and actions, the validator, the enum macros) are
//! called by generated code only. They are not part of the public API and
//! may change in any release.
//!
//! # Retries
//!
//! Which failures are retried, with exponential backoff and full jitter
//! within [`RetryConfig`]'s attempts and budget:
//! - for every action: throttling answers (Tencent `RequestLimitExceeded*`,
//!   Alibaba `Throttling*`, HTTP 429 pages) and failures to connect, where
//!   the request was not executed;
//! - for idempotent actions only: timeouts, resets, HTML, truncated or empty
//!   answers, HTTP 5xx, and `InternalError*`/`ServiceUnavailable`, where it
//!   may have been.
//!
//! A non-idempotent action (a purchase) is never sent again once it may have
//! reached the server; its error says so.

mod clock;
mod config;
pub mod credentials;
#[doc(hidden)]
pub mod enums;
mod error;
mod operation;
#[doc(hidden)]
pub mod protocol;
#[doc(hidden)]
pub mod query;
mod rate_limit;
mod sensitive;
#[doc(hidden)]
pub mod service;
pub mod sign;
mod snippet;
mod transport;
#[doc(hidden)]
pub mod validate;
mod vendor;
mod waiter;

pub use clock::{Clock, Sleep, TimeSource};
pub use config::{
    Config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Endpoint, Language, RateLimit, RetryConfig,
};
pub use credentials::{Credentials, CredentialsError};
pub use error::{
    ConfigError, CredentialsFailure, Error, InvalidRequest, MalformedResponse, SNIPPET_LIMIT,
    ServiceError, TransportError, TransportKind, WaitTimeout,
};
pub use operation::Operation;
pub use sensitive::{REDACTED, Sensitive};
pub use transport::http_client_builder;
pub use vendor::Vendor;
pub use waiter::{WaitOptions, WaitPolicy};

// For generated code only; see "Stability" above.
#[doc(hidden)]
pub use enums::{error_code, int_enum, string_enum};
#[doc(hidden)]
pub use operation::operation;
#[doc(hidden)]
pub use service::{Action, EndpointKind, EndpointSpec, Service};
#[doc(hidden)]
pub use transport::{Transport, decode_response};
#[doc(hidden)]
pub use validate::{Validate, Validator};
#[doc(hidden)]
pub use waiter::WaitDefaults;

/// How the SDK names itself on the wire (`User-Agent`, Tencent's
/// `X-TC-RequestClient`): after the crate applications depend on, not this one.
pub(crate) const SDK_NAME: &str = "cloudapi";

/// A generated error-code enum: parsed from, and printed as, the wire code.
pub trait ErrorCode: Sized + std::fmt::Debug + Send + Sync + 'static {
    /// Parses the code the server sent; never fails (unknown codes are kept).
    fn from_code(code: &str) -> Self;
    /// The code as sent on the wire.
    fn code(&self) -> &str;
}
