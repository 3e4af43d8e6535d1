//! Answers a test sets for an action, replacing the spec's example until changed.

use std::fmt;
use std::sync::Arc;

use serde_json::Value;

/// A vendor error to answer with: code, message and (Alibaba) HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ErrorAnswer {
    pub(crate) code: String,
    pub(crate) message: String,
    pub(crate) status: Option<u16>,
}

/// What a test's answer function made of a request.
#[derive(Clone, Debug)]
pub(crate) enum Computed {
    Success(Value),
    Error(ErrorAnswer),
    /// The function could not be run on this request (it did not decode, it panicked):
    /// answered as an internal error and reported as a refusal.
    Broken(String),
}

/// A test's answer function, on the request's checked parameters.
pub(crate) type Compute = Arc<dyn Fn(&Value) -> Computed + Send + Sync>;

/// The standing answer of an action.
#[derive(Clone)]
pub(crate) enum Rule {
    Success(Value),
    Error(ErrorAnswer),
    Compute(Compute),
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Success(v) => f.debug_tuple("Success").field(v).finish(),
            Rule::Error(e) => f.debug_tuple("Error").field(e).finish(),
            Rule::Compute(_) => f.write_str("Compute"),
        }
    }
}
