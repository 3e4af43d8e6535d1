//! What the server saw: the request log, the refusals and the counters.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde_json::Value;
use tokio::time::Instant;

use crate::catalog::ActionId;
use crate::faults::FaultKind;
use crate::protocol::Protocol;

/// One request that was read completely, as logged at arrival.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Received {
    /// The vendor API the request spoke.
    pub protocol: Protocol,
    /// The action header's value (empty for [`Protocol::Unknown`]).
    pub action: String,
    /// The parameters, decoded and checked against the spec (Alibaba's query rebuilt into
    /// the same JSON object a Tencent body is); `None` when the request was refused.
    pub params: Option<Value>,
    /// Action and request parameters without signature, date, nonce or timestamp: equal for
    /// the retries of one logical call.
    pub fingerprint: String,
    /// The action's `idempotent` flag from the spec (`false` for unknown actions).
    pub idempotent: bool,
    /// Whether the signature matched the server's computation (with a known key, a body
    /// matching its declared hash and, for Tencent, a scope date matching the timestamp).
    pub signature_valid: bool,
    /// The headers, names lowercase, values as text (invalid UTF-8 replaced).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// The raw, undecoded query string.
    pub query: String,
    /// When the request was fully read, on tokio's clock, which the server's delays sleep
    /// on too: in a test with paused time (`start_paused = true`), the test's own time.
    pub at: Instant,
    /// The fault the request was answered with, `None` for a normal answer.
    pub answered_with: Option<FaultKind>,
    /// The spec action the request resolved to.
    pub(crate) id: Option<ActionId>,
}

/// A request the server refused as the real endpoint would, and why. Like the answer sent, it
/// names what is wrong (the header, the parameter, the rule, the expected form) and never
/// quotes a value the request carried: headers and parameters may hold secrets. The request
/// itself, values included, is in [`crate::Server::requests`] when it was read completely.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Refusal {
    /// The vendor API the request spoke.
    pub protocol: Protocol,
    /// The action header's value when it names an action of the spec, else empty (an unknown
    /// name is the caller's text, quoted nowhere).
    pub action: String,
    /// The vendor's error code, e.g. `MissingParameter` or `AuthFailure.SignatureFailure`.
    pub code: String,
    /// The message sent with it: what is wrong, naming the header or parameter, never its value.
    pub message: String,
    /// The HTTP status sent (Tencent answers every error with 200).
    pub http_status: u16,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = if self.action.is_empty() {
            "(no known action)"
        } else {
            &self.action
        };
        write!(
            f,
            "{action}: {} {}: {}",
            self.http_status, self.code, self.message
        )
    }
}

/// Counters over the server's life.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stats {
    /// Requests read completely (the length of [`crate::Server::requests`]).
    pub requests: u64,
    /// Requests refused by the server's checks (the length of [`crate::Server::refusals`]).
    pub refused: u64,
    /// Faults injected, by kind (`ResetBeforeRead` counts reset connections).
    pub faults: BTreeMap<FaultKind, u64>,
    /// Vendor requests whose signature was not valid (including unknown keys and malformed
    /// Authorization headers).
    pub signature_failures: u64,
    /// Requests of a non-idempotent action whose fingerprint had already been received by a
    /// request the server may have executed (signed correctly and not refused as throttled):
    /// each is a duplicate execution a real vendor might have performed. A retry after a
    /// throttling answer, which a vendor gives before executing anything, is not a duplicate.
    pub non_idempotent_duplicates: u64,
    /// TCP connections accepted.
    pub connections: u64,
}

/// The log, the refusals and the counters, kept together so that all change under one lock.
#[derive(Debug, Default)]
pub(crate) struct Book {
    received: Vec<Received>,
    refusals: Vec<Refusal>,
    stats: Stats,
    /// Fingerprints of requests that may have been executed.
    executed: HashSet<String>,
}

impl Book {
    /// Records a completely read request; `known_action` says whether the spec has it, as only
    /// those can count as non-idempotent duplicates.
    pub(crate) fn record(&mut self, entry: Received, known_action: bool) {
        self.stats.requests += 1;
        if entry.protocol != Protocol::Unknown && !entry.signature_valid {
            self.stats.signature_failures += 1;
        }
        if let Some(kind) = entry.answered_with {
            self.count_fault(kind);
        }
        // A refused request (bad signature, throttled) was not executed: it neither counts as a
        // duplicate nor makes a later copy one.
        let refused = !entry.signature_valid || entry.answered_with == Some(FaultKind::Throttled);
        if !refused {
            let executed_before = !self.executed.insert(entry.fingerprint.clone());
            if executed_before && known_action && !entry.idempotent {
                self.stats.non_idempotent_duplicates += 1;
            }
        }
        self.received.push(entry);
    }

    pub(crate) fn refuse(&mut self, refusal: Refusal) {
        self.stats.refused += 1;
        self.refusals.push(refusal);
    }

    pub(crate) fn count_fault(&mut self, kind: FaultKind) {
        *self.stats.faults.entry(kind).or_default() += 1;
    }

    pub(crate) fn count_connection(&mut self) {
        self.stats.connections += 1;
    }

    pub(crate) fn received(&self) -> &[Received] {
        &self.received
    }

    pub(crate) fn refusals(&self) -> Vec<Refusal> {
        self.refusals.clone()
    }

    pub(crate) fn stats(&self) -> Stats {
        self.stats.clone()
    }
}
