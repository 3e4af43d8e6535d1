//! `testkit`: a local stand-in for the Tencent Cloud and Alibaba Cloud API endpoints, to test
//! applications built on the `cloudapi` crate without a cloud account and without mocking
//! HTTP.
//!
//! A [`Server`] listens on `127.0.0.1` and answers like the vendors do: Tencent Cloud API 3.0
//! (`TC3-HMAC-SHA256`, JSON body, every answer HTTP 200 under `Response`) and Alibaba Cloud
//! RPC (`ACS3-HMAC-SHA256`, parameters in the query string, errors as HTTP 4xx/5xx). It
//! knows every action of the spec built into `cloudapi` (or of a spec folder), and checks
//! each request as the real endpoint would:
//!
//! - the signature, recomputed from the raw bytes received with its own verifier (`ring`,
//!   not the client's `hmac`/`sha2`; no code shared with the client, so that a bug in both
//!   cannot make a test pass), the key, the clock skew, Alibaba's nonce reuse;
//! - the product, version and action;
//! - the parameters: required ones present, no unknown ones, each of its type, within its
//!   value set and its documented limits.
//!
//! A request body is read up to [`MAX_BODY_BYTES`], 10 MiB: Tencent Cloud's limit for a
//! TC3-signed POST, far above the largest real requests (a certificate upload with its chain
//! and key is tens of KB, a confirmation letter under 2 MB). A bigger one is refused, Tencent's
//! with `RequestSizeLimitExceeded`, any other with HTTP 413, and the server serves on.
//!
//! A refused request gets the vendor's own error (`MissingParameter`, `UnknownParameter`,
//! `InvalidParameterValue`, `AuthFailure.SignatureFailure`, Alibaba's HTTP 400 with its
//! `Code`), and [`Server::refusals`] lists every refusal and why. A refusal names what is wrong
//! (the header, the part of `Authorization`, the parameter, the rule) and what is expected,
//! and never quotes a value the request carried (a header or a parameter may be a secret):
//! neither the answer, nor [`Server::refusals`], nor the binary's lines do; only the panic
//! message of a test's own answer function is passed on. [`Server::requests`] keeps each
//! request as received, values included. An accepted request gets the spec's example answer
//! with a fresh `RequestId`, or what the test set:
//!
//! - [`Server::respond`], [`Server::fail`], [`Server::respond_with`]: a typed response, a
//!   typed error code, or a function of the typed request, for every later call;
//! - [`Server::script`]: answers for the next calls, in order (a task that does not exist
//!   yet, then does, for a waiter);
//! - [`Server::fault`] and [`Server::push_fault`]: resets, a proxy's 502 page, truncated or
//!   empty bodies, delays, throttling ([`Fault`]); [`Server::set_random_faults`] for soak tests.
//!
//! Actions are named by their client method (`Client::create_certificate`), which gives
//! their request, response and error types; [`Server::received`] returns the typed requests
//! that arrived. The server also keeps a little state, like a service: a certificate it
//! created exists afterwards, and a call naming one that does not answers the vendor's
//! not-found error ([`Server::add_resource`], [`ServerConfig::track_resources`]); DNSPod's
//! and Alibaba Cloud DNS's records are created, listed, described, changed and deleted as
//! the services do it ([`Server::add_dns_record`], [`Server::dns_records`]).
//!
//! Starting a server takes well under a millisecond once the built-in spec is parsed (once
//! per process), so every test can start its own.
//!
//! ```
//! use cloudapi::tencent::ssl::{CertificateOrderSubmitError, CertificateOrderSubmitRequest, Client};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = testkit::Server::start().await?;
//! let client = Client::new(server.config())?; // its URL and the test key
//!
//! let answer = client
//!     .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
//!     .await?;
//! assert_eq!(answer.order_id, "SO8zRv29"); // the spec's example
//!
//! server.fail(
//!     Client::certificate_order_submit,
//!     CertificateOrderSubmitError::FailedOperationCertificateOrderSubmitProcessing,
//! );
//! let error = client
//!     .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
//!     .await
//!     .unwrap_err();
//! assert_eq!(
//!     error.code(),
//!     Some(&CertificateOrderSubmitError::FailedOperationCertificateOrderSubmitProcessing)
//! );
//!
//! let sent = server.received(Client::certificate_order_submit);
//! assert_eq!(sent.len(), 2);
//! assert_eq!(sent[0].cert_id, "Dsqef134");
//! server.assert_no_refusals();
//! # Ok(())
//! # }
//! ```
//!
//! The `testkit` binary serves the same endpoint to programs in any language:
//! `cargo run -p testkit -- --spec spec/ --port 8080` prints each refused request and why.

#![warn(missing_docs)]

mod alibaba;
mod authorization;
mod clock;
mod config;
mod crypto;
mod dispatch;
mod envelope;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod ids;
mod kept;
mod log;
mod params;
mod records;
mod resources;
mod rules;
mod server;
mod spec;
mod state;
mod tencent;
mod typed;
mod verify_acs3;
mod verify_tc3;

#[cfg(test)]
mod selftest;

pub use config::{ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};
pub use faults::{Fault, FaultKind, FaultPlan};
pub use log::{Protocol, Received, Refusal, Stats};
pub use records::{DnsRecord, DnsService};
pub use server::{FAST_POLL, FAST_POLL_MAX, MAX_BODY_BYTES, Server};
