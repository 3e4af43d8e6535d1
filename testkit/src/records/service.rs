//! What a service's records code is given and gives back, and how it is described to
//! the records that dispatch to it.

use serde_json::{Map, Value};

use super::record::DnsService;
use super::store::Store;
use crate::catalog::Product;
use crate::protocol::Protocol;

/// Why a records action fails: the vendor's code and what the testkit knows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) code: &'static str,
    pub(crate) detail: String,
}

/// An accepted request of a records action: its name, checked parameters and example answer.
pub(crate) struct Call<'a> {
    pub(crate) action: &'a str,
    pub(crate) params: &'a Map<String, Value>,
    pub(crate) example: &'a Value,
}

/// How one service's actions touch its records.
pub(crate) struct Service {
    pub(super) which: DnsService,
    pub(super) protocol: Protocol,
    pub(super) product: &'static str,
    pub(super) default_line: &'static str,
    /// Adds the records of the product's examples to a new store.
    pub(super) seed: fn(&Product, &mut Store),
    /// The answer of a call, or `None` for an action that does not touch records.
    pub(super) answer: fn(&mut Store, &Call<'_>) -> Option<Result<Value, Failure>>,
}
