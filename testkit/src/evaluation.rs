//! What a vendor's checks are given and what they return: below the dispatch that
//! calls them, so that `tencent.rs` and `alibaba.rs` need nothing of it.

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::catalog::{ActionId, Spec};
use crate::config::ServerConfig;
use crate::envelope::Envelope;
use crate::rules::ErrorAnswer;

/// What a vendor handler needs: configuration, spec, the (offset) time and the nonces.
pub(crate) struct Ctx<'a> {
    pub(crate) config: &'a ServerConfig,
    pub(crate) spec: &'a Spec,
    pub(crate) now: i64,
    pub(crate) nonces: &'a mut HashSet<String>,
}

/// A vendor handler's verdict on a request, before any fault.
#[derive(Clone, Debug)]
pub(crate) struct Evaluation {
    pub(crate) action: String,
    /// The spec action, when the request names one that exists.
    pub(crate) id: Option<ActionId>,
    pub(crate) fingerprint: String,
    /// Whether the spec defines the action (only those count as duplicates).
    pub(crate) known_action: bool,
    pub(crate) idempotent: bool,
    pub(crate) signature_valid: bool,
    /// The checked parameters, or why the request is refused.
    pub(crate) verdict: Result<Map<String, Value>, ErrorAnswer>,
    pub(crate) envelope: Envelope,
}
