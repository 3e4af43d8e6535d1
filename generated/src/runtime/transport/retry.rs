//! The attempt loop: pace, sign, send, classify, back off, repeat.
//! Not generic, so it is compiled once for every action of every product.

use std::time::Instant;

use rand::RngExt;
use serde_json::value::RawValue;
use tracing::Instrument;

use super::classify::{self, Retry};
use super::{Encoded, Transport, alibaba, http, tencent};
use crate::runtime::credentials::CredentialsError;
use crate::runtime::deadline;
use crate::runtime::error::{MalformedResponse, TransportKind};
use crate::runtime::service::{Action, Protocol};

/// A successful exchange: the response object, still undecoded.
pub(crate) struct Success {
    /// Tencent: the object under `Response`; Alibaba: the whole body.
    pub payload: Box<RawValue>,
    pub http_status: u16,
    pub request_id: Option<String>,
}

/// A failed attempt, before it is typed for the action.
pub(crate) enum Failure {
    Credentials(CredentialsError),
    Transport {
        kind: TransportKind,
        may_have_reached_server: bool,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    Service {
        code: String,
        message: String,
        request_id: Option<String>,
        http_status: u16,
    },
    /// `action` and `attempts` are filled in when it becomes an `Error`.
    Malformed(MalformedResponse),
}

/// Sends `encoded` until it succeeds, fails for good, or the budget is spent.
/// Returns the outcome and the number of attempts made.
pub(super) async fn send(
    transport: &Transport,
    action: &'static Action,
    encoded: &Encoded,
) -> (Result<Success, Failure>, u32) {
    let span = tracing::debug_span!(
        "cloudapi.call",
        product = transport.inner.service.product,
        action = action.name
    );
    attempts(transport, action, encoded).instrument(span).await
}

async fn attempts(
    transport: &Transport,
    action: &'static Action,
    encoded: &Encoded,
) -> (Result<Success, Failure>, u32) {
    let policy = transport.retry;
    let started = Instant::now();
    let deadline = deadline::after(started, policy.budget);
    let credentials = match transport.credentials() {
        Ok(credentials) => credentials,
        Err(e) => return (Err(Failure::Credentials(e)), 0),
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let paced = transport
            .inner
            .limiters
            .acquire(action.name, deadline)
            .await;
        let now = Instant::now();
        if !paced || now >= deadline {
            let failure = Failure::Transport {
                kind: TransportKind::Timeout,
                may_have_reached_server: attempt > 1,
                source: Some(format!("the call's budget of {:?} was spent", policy.budget).into()),
            };
            return (Err(failure), attempt - 1);
        }
        let timeout = transport.inner.config.attempt_timeout().min(deadline - now);
        let outcome = once(transport, action, encoded, &credentials, timeout).await;
        let failure = match outcome {
            Ok(success) => {
                tracing::debug!(
                    attempt,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "call succeeded"
                );
                return (Ok(success), attempt);
            }
            Err(failure) => failure,
        };
        let decision = classify::retry(&failure, action.idempotent);
        let reason = classify::describe(&failure);
        if decision == Retry::No || attempt >= policy.max_attempts {
            tracing::debug!(attempt, %reason, "call failed");
            return (Err(failure), attempt);
        }
        let ceiling = policy
            .initial_backoff
            .saturating_mul(1 << (attempt - 1).min(20))
            .min(policy.max_backoff);
        // Full jitter: spreads retries of many clients over the whole window.
        let backoff = ceiling.mul_f64(rand::rng().random::<f64>());
        if deadline::after(Instant::now(), backoff) >= deadline {
            tracing::debug!(attempt, %reason, "call failed; no budget left to retry");
            return (Err(failure), attempt);
        }
        tracing::debug!(attempt, %reason, backoff_ms = backoff.as_millis() as u64, "retrying");
        tokio::time::sleep(backoff).await;
    }
}

/// One signed exchange.
async fn once(
    transport: &Transport,
    action: &'static Action,
    encoded: &Encoded,
    credentials: &crate::runtime::credentials::Credentials,
    timeout: std::time::Duration,
) -> Result<Success, Failure> {
    let inner = &transport.inner;
    let mut request = match (inner.service.protocol, encoded) {
        (Protocol::Tc3, Encoded::Json(body)) => {
            tencent::build(transport, action, body, credentials)?
        }
        (Protocol::Acs3Rpc, Encoded::Query { pairs, canonical }) => {
            alibaba::build(transport, action, pairs, canonical, credentials)?
        }
        _ => {
            return Err(Failure::Transport {
                kind: TransportKind::Other,
                may_have_reached_server: false,
                source: Some("request encoded for another protocol".into()),
            });
        }
    };
    *request.timeout_mut() = Some(timeout);
    let response = http::exchange(&inner.http, request).await?;
    tracing::trace!(
        status = response.status,
        bytes = response.body.len(),
        "answer received"
    );
    match inner.service.protocol {
        Protocol::Tc3 => tencent::decode(response),
        Protocol::Acs3Rpc => alibaba::decode(response),
    }
}
