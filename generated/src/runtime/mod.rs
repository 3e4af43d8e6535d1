//! The hand-written runtime that generated code calls: configuration,
//! credentials, signing, transport with retries and pacing, errors, and the
//! helpers behind generated types. The generator never writes this folder.

pub mod config;
pub mod credentials;
mod deadline;
pub mod enums;
pub mod error;
pub mod query;
pub mod rate_limit;
pub mod sensitive;
pub mod service;
pub mod sign;
pub mod transport;
pub mod validate;
pub mod waiter;

pub use config::{Config, Endpoint, Language, RateLimit, RetryConfig};
pub use credentials::{Credentials, CredentialsError};
pub use enums::{error_code, int_enum, string_enum};
pub use error::{
    ConfigError, CredentialsFailure, Error, InvalidRequest, MalformedResponse, ServiceError,
    TransportError, TransportKind, WaitTimeout,
};
pub use sensitive::Sensitive;
pub use service::{Action, EndpointKind, EndpointSpec, Protocol, Service, Vendor};
pub use transport::{Transport, http_client_builder};
pub use validate::{Validate, Validator};
pub use waiter::{WaitDefaults, WaitOptions, WaitPolicy, wait_until};

/// A generated error-code enum: parsed from, and printed as, the wire code.
pub trait ErrorCode: Sized + std::fmt::Debug + Send + Sync + 'static {
    /// Parses the code the server sent; never fails (unknown codes are kept).
    fn from_code(code: &str) -> Self;
    /// The code as sent on the wire.
    fn code(&self) -> &str;
}
