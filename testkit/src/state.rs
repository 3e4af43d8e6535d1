//! State shared by the accept loop, the connections and the [`crate::Server`] handle.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::catalog::{ActionId, Spec};
use crate::config::ServerConfig;
use crate::faults::{FaultKind, FaultQueue, RandomFaults};
use crate::ids::IdGen;
use crate::log::Book;
use crate::records::Records;
use crate::resources::Resources;
use crate::rules::Rule;

/// Mutable state; every change happens under one lock so that the log, the counters and the
/// fault draws stay consistent with the arrival order.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) book: Book,
    pub(crate) queue: FaultQueue,
    pub(crate) random: Option<RandomFaults>,
    pub(crate) rules: HashMap<ActionId, Rule>,
    pub(crate) resources: Resources,
    pub(crate) records: Records,
    /// Spent Alibaba signature nonces, as `AccessKeyId\nnonce`.
    pub(crate) nonces: HashSet<String>,
    pub(crate) ids: IdGen,
}

/// Configuration, spec and state of one server.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: ServerConfig,
    pub(crate) spec: Arc<Spec>,
    state: Mutex<State>,
}

impl Shared {
    pub(crate) fn new(config: ServerConfig, spec: Arc<Spec>) -> Self {
        let seed = config.request_id_seed.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64)
        });
        let resources = Resources::new(Arc::clone(&spec), config.track_resources);
        let records = Records::new(config.track_resources);
        Self {
            config,
            spec,
            state: Mutex::new(State {
                book: Book::default(),
                queue: FaultQueue::default(),
                random: None,
                rules: HashMap::new(),
                resources,
                records,
                nonces: HashSet::new(),
                ids: IdGen::new(seed),
            }),
        }
    }

    /// Locks the state; a panic elsewhere while holding the lock must not take the whole
    /// server down, so poisoning is ignored (the state is updated in small consistent steps).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a new connection and says whether to reset it before reading (a queued
    /// `ResetBeforeRead` or a draw of the random plan).
    pub(crate) fn on_accept(&self) -> bool {
        let mut state = self.lock();
        state.book.count_connection();
        // Draw even when a queued reset applies, so the plan's sequence does not shift.
        let drawn = state.random.as_mut().is_some_and(RandomFaults::draw_accept);
        let queued = state.queue.take_accept_reset();
        let reset = drawn || queued;
        if reset {
            state.book.count_fault(FaultKind::ResetBeforeRead);
        }
        reset
    }
}
