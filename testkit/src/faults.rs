//! Fault definitions and how the next fault is chosen: queued per action by the test, or drawn
//! from a seeded plan.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

use crate::catalog::ActionId;

/// A misbehaviour to inflict on one request instead of (or before) the normal answer.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// At accept time, close the new connection with a TCP RST without reading anything.
    /// Normally drawn from a [`FaultPlan`]; queued with [`crate::Server::push_fault`] it hits
    /// the next accepted connection, whatever action would have come over it.
    ResetBeforeRead,
    /// Read the whole request (it is logged), then close the connection without answering.
    ResetAfterRead,
    /// HTTP 502 with a proxy's `text/html` error page.
    BadGatewayHtml,
    /// HTTP 200 whose JSON is cut in the middle (Content-Length matches what is sent).
    TruncatedJson,
    /// HTTP 200 with an empty body.
    EmptyBody,
    /// The vendor's throttling error: Tencent `RequestLimitExceeded` (HTTP 200 envelope),
    /// Alibaba `Throttling.User` (HTTP 400).
    Throttled,
    /// Answer normally, after this delay.
    Delay(Duration),
    /// A vendor error with this code and message; Tencent answers HTTP 200 with the error
    /// envelope, Alibaba answers `status` (default 400).
    ServiceError {
        /// The vendor error code, e.g. `InternalError`.
        code: String,
        /// The human-readable message.
        message: String,
        /// The HTTP status for Alibaba (ignored for Tencent, whose errors are all HTTP 200).
        status: Option<u16>,
    },
    /// Not a fault: answer a request that passed every check with this response object
    /// instead of the spec's example (Tencent wraps it in `Response`), e.g. to drive a waiter.
    /// Its `RequestId`, when absent or empty, is a fresh one.
    Respond(serde_json::Value),
}

/// The kind of a [`Fault`], without its data; orders and keys [`crate::Stats::faults`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum FaultKind {
    /// See [`Fault::ResetBeforeRead`].
    ResetBeforeRead,
    /// See [`Fault::ResetAfterRead`].
    ResetAfterRead,
    /// See [`Fault::BadGatewayHtml`].
    BadGatewayHtml,
    /// See [`Fault::TruncatedJson`].
    TruncatedJson,
    /// See [`Fault::EmptyBody`].
    EmptyBody,
    /// See [`Fault::Throttled`].
    Throttled,
    /// See [`Fault::Delay`].
    Delay,
    /// See [`Fault::ServiceError`].
    ServiceError,
    /// See [`Fault::Respond`].
    Respond,
}

impl Fault {
    /// The kind of this fault.
    pub fn kind(&self) -> FaultKind {
        match self {
            Fault::ResetBeforeRead => FaultKind::ResetBeforeRead,
            Fault::ResetAfterRead => FaultKind::ResetAfterRead,
            Fault::BadGatewayHtml => FaultKind::BadGatewayHtml,
            Fault::TruncatedJson => FaultKind::TruncatedJson,
            Fault::EmptyBody => FaultKind::EmptyBody,
            Fault::Throttled => FaultKind::Throttled,
            Fault::Delay(_) => FaultKind::Delay,
            Fault::ServiceError { .. } => FaultKind::ServiceError,
            Fault::Respond(_) => FaultKind::Respond,
        }
    }

    /// The fault a random plan injects for `kind`; a drawn service error is the vendors'
    /// common, retryable `InternalError` (HTTP 500 for Alibaba).
    pub fn from_kind(kind: FaultKind, delay: Duration) -> Fault {
        match kind {
            FaultKind::ResetBeforeRead => Fault::ResetBeforeRead,
            FaultKind::ResetAfterRead => Fault::ResetAfterRead,
            FaultKind::BadGatewayHtml => Fault::BadGatewayHtml,
            FaultKind::TruncatedJson => Fault::TruncatedJson,
            FaultKind::EmptyBody => Fault::EmptyBody,
            FaultKind::Throttled => Fault::Throttled,
            FaultKind::Delay => Fault::Delay(delay),
            FaultKind::ServiceError => Fault::ServiceError {
                code: "InternalError".to_owned(),
                message: "An internal error occurred (injected by testkit).".to_owned(),
                status: Some(500),
            },
            FaultKind::Respond => Fault::Respond(serde_json::Value::Object(Default::default())),
        }
    }
}

/// Seeded random fault injection, for soak tests.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FaultPlan {
    /// Seed of the draws: the same seed and the same sequence of requests give the same faults.
    pub seed: u64,
    /// Probability per request of each kind (`ResetBeforeRead`: per accepted connection);
    /// the remainder is a normal answer.
    pub weights: Vec<(FaultKind, f64)>,
    /// The delay of drawn [`FaultKind::Delay`] faults.
    pub delay: Duration,
    /// Probability per answered request to add `Connection: close`, so clients reconnect often.
    pub close_after_response: f64,
}

impl FaultPlan {
    /// A plan with this seed and no faults yet (add `weights`).
    pub fn new(seed: u64) -> Self {
        Self {
            seed,
            weights: Vec::new(),
            delay: Duration::from_millis(50),
            close_after_response: 0.0,
        }
    }
}

/// A plan in progress. Accepts, requests and closes each draw from their own stream, so that
/// the per-request fault sequence depends only on the request count, not on how many
/// connections the client happened to open.
#[derive(Debug)]
pub(crate) struct RandomFaults {
    plan: FaultPlan,
    accept_rng: StdRng,
    request_rng: StdRng,
    close_rng: StdRng,
}

impl RandomFaults {
    pub(crate) fn new(plan: FaultPlan) -> Self {
        // Distinct constants give the three streams unrelated seeds.
        Self {
            accept_rng: StdRng::seed_from_u64(plan.seed ^ 0x6163_6365_7074_0001),
            request_rng: StdRng::seed_from_u64(plan.seed ^ 0x7265_7175_6573_0002),
            close_rng: StdRng::seed_from_u64(plan.seed ^ 0x636c_6f73_6500_0003),
            plan,
        }
    }

    fn weight(&self, kind: FaultKind) -> f64 {
        self.plan
            .weights
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, w)| w.max(0.0))
            .sum()
    }

    /// Whether the connection just accepted is to be reset.
    pub(crate) fn draw_accept(&mut self) -> bool {
        let p = self.weight(FaultKind::ResetBeforeRead);
        self.accept_rng.random::<f64>() < p
    }

    /// The fault for the next request, if any.
    pub(crate) fn draw_request(&mut self) -> Option<Fault> {
        let u = self.request_rng.random::<f64>();
        let mut acc = 0.0;
        for (kind, w) in &self.plan.weights {
            if *kind == FaultKind::ResetBeforeRead {
                continue;
            }
            acc += w.max(0.0);
            if u < acc {
                return Some(Fault::from_kind(*kind, self.plan.delay));
            }
        }
        None
    }

    /// Whether the next answer carries `Connection: close`.
    pub(crate) fn draw_close(&mut self) -> bool {
        self.close_rng.random::<f64>() < self.plan.close_after_response
    }
}

/// Faults queued by the test: per action name (and, when queued by type, for that product
/// and version only), first in first out, plus resets for the next accepted connections.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    per_action: HashMap<String, VecDeque<(Option<ActionId>, Fault)>>,
    accept_resets: u64,
}

impl FaultQueue {
    pub(crate) fn push(&mut self, action: &str, only: Option<ActionId>, fault: Fault) {
        if fault == Fault::ResetBeforeRead {
            self.accept_resets += 1;
        } else {
            self.per_action
                .entry(action.to_owned())
                .or_default()
                .push_back((only, fault));
        }
    }

    /// The first fault queued for a request of `action` that resolved to `id`.
    pub(crate) fn pop(&mut self, action: &str, id: Option<&ActionId>) -> Option<Fault> {
        let queue = self.per_action.get_mut(action)?;
        let at = queue
            .iter()
            .position(|(only, _)| only.is_none() || only.as_ref() == id)?;
        queue.remove(at).map(|(_, fault)| fault)
    }

    pub(crate) fn take_accept_reset(&mut self) -> bool {
        let queued = self.accept_resets > 0;
        self.accept_resets = self.accept_resets.saturating_sub(1);
        queued
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> FaultPlan {
        FaultPlan {
            seed: 42,
            weights: vec![
                (FaultKind::Throttled, 0.2),
                (FaultKind::EmptyBody, 0.2),
                (FaultKind::ResetBeforeRead, 0.5),
            ],
            delay: Duration::from_millis(1),
            close_after_response: 0.5,
        }
    }

    #[test]
    fn same_seed_same_sequence() {
        let draw = |mut r: RandomFaults| {
            (0..200)
                .map(|_| {
                    (
                        r.draw_request().map(|f| f.kind()),
                        r.draw_accept(),
                        r.draw_close(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let a = draw(RandomFaults::new(plan()));
        assert_eq!(a, draw(RandomFaults::new(plan())));
        let kinds = |k| a.iter().filter(|(f, _, _)| *f == Some(k)).count();
        assert!(kinds(FaultKind::Throttled) > 10 && kinds(FaultKind::EmptyBody) > 10);
        assert!(a.iter().any(|(f, _, _)| f.is_none()));
        assert!(
            a.iter()
                .all(|(f, _, _)| *f != Some(FaultKind::ResetBeforeRead))
        );
        let mut other = plan();
        other.seed = 43;
        assert_ne!(a, draw(RandomFaults::new(other)));
    }

    #[test]
    fn queue_is_fifo_per_action() {
        let mut q = FaultQueue::default();
        q.push("A", None, Fault::EmptyBody);
        q.push("A", None, Fault::Throttled);
        q.push("B", None, Fault::ResetBeforeRead);
        assert_eq!(q.pop("B", None), None);
        assert_eq!(q.pop("A", None), Some(Fault::EmptyBody));
        assert_eq!(q.pop("A", None), Some(Fault::Throttled));
        assert_eq!(q.pop("A", None), None);
        assert!(q.take_accept_reset());
        assert!(!q.take_accept_reset());
    }

    #[test]
    fn a_fault_queued_for_one_product_waits_for_it() {
        let id = |product: &str| ActionId {
            product: product.into(),
            version: "1".into(),
            name: "A".into(),
        };
        let mut q = FaultQueue::default();
        q.push("A", Some(id("x")), Fault::EmptyBody);
        q.push("A", None, Fault::Throttled);
        assert_eq!(q.pop("A", Some(&id("y"))), Some(Fault::Throttled));
        assert_eq!(q.pop("A", Some(&id("y"))), None);
        assert_eq!(q.pop("A", Some(&id("x"))), Some(Fault::EmptyBody));
    }
}
