//! The hand-written runtime under the generated `cloudapi` bindings.
//!
//! The generated crate holds one typed module per product and action; every
//! call goes through this crate, which knows no product:
//!
//! - [`Config`]: credentials, region, endpoint, timeouts, retries, pacing,
//!   HTTP client and [`Clock`];
//! - [`credentials`]: where access keys come from, kept out of every message;
//! - [`sign`]: the vendors' request signatures as pure functions;
//! - wire protocols (`TC3/JSON` for Tencent Cloud, `ACS3/RPC` and
//!   `ACS3/ROA` for Alibaba Cloud's RPC and REST styles) behind one trait,
//!   and a transport that validates, encodes,
//!   signs, paces, sends, retries and decodes without naming a vendor;
//! - [`Error`]: one error type for every call, one variant per kind of failure;
//! - waiters, which poll an action until its answer satisfies a condition;
//! - [`paging`]: streams over the pages and items of a listing action.
//! - [`Operation`]: a request type's action, for test tools such as the
//!   `testkit` crate (implemented with the generated crate's `testkit` feature);
//! - [`common`]: a client that calls any action by product, version and
//!   name, for those the generated crate does not have yet.
//!
//! Applications use it through the generated crate, which re-exports what
//! they need (`cloudapi::Config`, `cloudapi::Error`, …) and the whole crate
//! as `cloudapi::runtime`.
//!
//! # Floors
//!
//! Each module builds only on the floors below it, never on its own floor's
//! neighbours in a circle; from the bottom up:
//!
//! 1. Leaves, which need nothing of this crate but each other's plain data:
//!    `vendor`, `sensitive`, `clock`, `environment` (the process environment
//!    and the region it names), `redact` (URLs shown in messages), `cause`
//!    (an error's causes on one line), `snippet` (bounded excerpts of
//!    answers), [`sign`], [`query`], [`validate`], [`service`], [`enums`],
//!    `drift` (decoding that tolerates a server's drift), [`json_text`],
//!    and the plain data of paging and waiters (`paging::style`,
//!    `waiter::options`).
//! 2. The credential types (`credential_types`): the key ([`Credentials`]),
//!    its errors, the provider trait and the shared provider, and the cache
//!    that refreshes temporary keys, knowing no source; beside them,
//!    [`Error`], the one error of every call.
//! 3. Configuration: `proxy` and [`Config`].
//! 4. Wire protocols ([`protocol`]: `tc3_json`, `acs3_rpc`, `acs3_roa`,
//!    each one file behind the `seam`, the two Alibaba styles sharing
//!    `acs3_answer`) and pacing (`rate_limit`).
//! 5. The transport (`transport`: endpoints, the HTTP client, the session
//!    every product of a client shares, the attempt loop), and what runs on
//!    it: [`paging`] and waiters.
//! 6. The credential sources ([`credentials`]), several of which call
//!    through the transport: environment, profile files, the CLI's
//!    configuration, instance metadata, credentials URI, STS roles and OIDC,
//!    and the default chains. The [`credentials`] module is also the public
//!    index of the credential types of floor 2.
//! 7. Where a configuration becomes clients: `connect` (which hands the
//!    transport the default chain when the configuration names no
//!    credentials) and the [`common`] client.
//!
//! # Credentials
//!
//! Each vendor's default chain (environment, files, roles through STS, OIDC
//! tokens, instance metadata, credentials URI) is described, source by
//! source and variable by variable, in [`credentials`]; every source is
//! also usable alone with [`Config::credentials_provider`]. Temporary
//! credentials are refreshed before they expire, once for all concurrent calls.
//!
//! # Endpoints
//!
//! | configuration | Tencent Cloud | Alibaba Cloud |
//! |---|---|---|
//! | [`Endpoint::Default`] | `<product>.tencentcloudapi.com` (nearest access point) | the configured region's endpoint from the product's endpoint map, else the default one; a region the map lacks is a [`ConfigError::UnknownRegion`] naming the known ones |
//! | [`Endpoint::Regional`] (needs a region) | `<product>.<region>.tencentcloudapi.com` | the region's endpoint from the map |
//! | [`Endpoint::International`] | `<product>.intl.tencentcloudapi.com` | — |
//! | [`Config::domain_suffix`] | the vendor's domain replaced in the host | likewise for `aliyuncs.com` |
//! | [`Endpoint::Url`] | as given | as given |
//! | region sent | `X-TC-Region`, only for regional products | — |
//!
//! The rule comes from the vendor's and the product's spec (the generated
//! `SERVICE` statics), not from code per product. The region is
//! [`Config::region`], else `TENCENTCLOUD_REGION` / `ALIBABA_CLOUD_REGION_ID`.
//!
//! # Proxies and roots
//!
//! Requests go through the proxy `HTTPS_PROXY`, `HTTP_PROXY` or `ALL_PROXY`
//! names (lowercase too), except for `NO_PROXY` hosts, or through
//! [`Config::proxy`] (with Basic authentication); metadata services are
//! always reached directly. [`Config::root_certificate`] adds trusted roots.
//!
//! # Decoding
//!
//! Answers are read with drift tolerance decided by each field's type: a
//! number sent as a string and the reverse, a boolean as `0`/`1` or
//! `"true"`, `null` for a list. Each tolerated drift is logged once per
//! action and field at debug level; a value that cannot be read at all is
//! still a [`MalformedResponse`].
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
//! - for every action: throttling answers (Tencent `RequestLimitExceeded`
//!   and its sub-codes such as `.UinLimitExceeded` and
//!   `.GlobalRegionUinLimitExceeded`, Alibaba `Throttling*` or any error
//!   carrying `x-acs-retry-after`, HTTP 429 and 503) and failures to
//!   connect, where the request was not executed;
//! - for idempotent actions only: timeouts, resets, HTML, truncated or empty
//!   answers, HTTP 5xx, and `InternalError*`/`ServiceUnavailable`, where it
//!   may have been.
//!
//! A non-idempotent action (a purchase) is never sent again once it may have
//! reached the server; its error says so, unless its request carries an
//! idempotency token (Tencent `ClientToken`, marked in the spec): the token
//! is filled with a fresh UUID once per call when left unset, the server
//! deduplicates on it, and the call is retried like an idempotent one. A wait the server asks for
//! (`Retry-After` in seconds or as a date, Alibaba's `x-acs-retry-after` in
//! milliseconds) is honoured when longer than the backoff.
//!
//! # Clock skew
//!
//! A signature rejected as expired (Tencent `AuthFailure.SignatureExpire`,
//! Alibaba `InvalidTimeStamp.Expired`) is signed again at once with the
//! server's time, read from the answer's `Date` header; the offset is kept
//! in the [`Clock`], so later calls of every client sharing it are right
//! the first time. This happens once per call, even with retries off.

mod cause;
mod clock;
pub mod common;
mod config;
mod connect;
mod credential_types;
pub mod credentials;
mod drift;
#[doc(hidden)]
pub mod enums;
mod environment;
mod error;
mod error_code;
mod identity;
#[doc(hidden)]
pub mod json_text;
mod operation;
pub mod paging;
#[doc(hidden)]
pub mod protocol;
mod proxy;
#[doc(hidden)]
pub mod query;
mod rate_limit;
mod redact;
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
pub use credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use error::{
    ConfigError, CredentialsFailure, Error, InvalidRequest, MalformedResponse, PageOutOfRange,
    RepeatedPage, SNIPPET_LIMIT, ServiceError, TransportError, TransportKind, WaitFailed,
    WaitTimeout,
};
pub use operation::Operation;
pub use proxy::Proxy;
pub use sensitive::{REDACTED, Sensitive};
pub use transport::http_client_builder;
pub use vendor::Vendor;
pub use waiter::{WaitOptions, WaitPolicy, every_item, task_id};

/// The stream traits a caller needs to read the streams of listing actions
/// (`while let Some(item) = items.try_next().await?`).
pub mod stream {
    pub use futures_util::stream::{Stream, StreamExt, TryStreamExt};
}

// For generated code only; see "Stability" above.
#[doc(hidden)]
pub use enums::{error_code, int_enum, string_enum};
#[doc(hidden)]
pub use operation::operation;
#[doc(hidden)]
pub use service::{
    Action, EndpointKind, EndpointRule, EndpointSpec, HttpBinding, Location, Service,
};
#[doc(hidden)]
pub use transport::{Transport, decode_response};
#[doc(hidden)]
pub use validate::{Validate, Validator};
#[doc(hidden)]
pub use waiter::WaitDefaults;

pub use error_code::ErrorCode;
