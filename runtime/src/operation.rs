//! [`Operation`]: what a test tool needs to know about the action whose
//! request type this is, so that it can answer and inspect calls by type.
//!
//! Generated crates implement it for each action's request type behind
//! their `testkit` cargo feature, where requests are also `Deserialize` and
//! responses `Serialize`: applications that do not test against a local
//! endpoint compile none of it. The response and error types come with the
//! client method a test names (`Client::create_certificate`).

use crate::service::{Action, Service};

/// The action a request type belongs to.
///
/// Implemented by generated code only, with the generated crate's `testkit`
/// feature.
pub trait Operation: Sized + Send + Sync + 'static {
    /// The action: wire name, idempotency, rate limit.
    const ACTION: &'static Action;
    /// The product (and API version) the action belongs to.
    const SERVICE: &'static Service;
}

/// Implements [`Operation`] for an action module's request type when the
/// calling crate's `testkit` feature is on; expects the module's `ACTION`
/// static and the product's `super::SERVICE`.
#[doc(hidden)]
#[macro_export]
macro_rules! __cloudapi_operation {
    ($request:ident) => {
        // Evaluated in the crate that calls the macro: its feature, not the runtime's.
        #[cfg(feature = "testkit")]
        impl $crate::Operation for $request {
            const ACTION: &'static $crate::Action = &ACTION;
            const SERVICE: &'static $crate::Service = &super::SERVICE;
        }
    };
}

pub use crate::__cloudapi_operation as operation;
