//! The attempt loop: pace, sign, send, classify, back off, repeat.
//! Generic only over the protocol, so it is compiled once per protocol,
//! not once per action.

use rand::RngExt;
use tracing::Instrument;

use super::classify::{self, Retry};
use super::{Transport, http};
use crate::credentials::Credentials;
use crate::error::TransportKind;
use crate::protocol::{Failure, Protocol, Success};
use crate::service::Action;

/// Sends `encoded` until it succeeds, fails for good, or the budget is spent.
/// Returns the outcome and the number of attempts made.
pub(super) async fn send<P: Protocol>(
    transport: &Transport<P>,
    action: &'static Action,
    encoded: &P::Encoded,
) -> (Result<Success, Failure>, u32) {
    let span = tracing::debug_span!(
        "cloudapi.call",
        product = transport.inner.service.product,
        action = action.name
    );
    attempts(transport, action, encoded).instrument(span).await
}

async fn attempts<P: Protocol>(
    transport: &Transport<P>,
    action: &'static Action,
    encoded: &P::Encoded,
) -> (Result<Success, Failure>, u32) {
    let policy = transport.retry;
    let clock = transport.clock();
    let started = clock.instant();
    let deadline = clock.deadline(policy.budget);
    let credentials = match transport.credentials().await {
        Ok(credentials) => credentials,
        Err(e) => return (Err(Failure::Credentials(e)), 0),
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let paced = transport
            .inner
            .limiters
            .acquire(action.name, deadline, clock)
            .await;
        let now = clock.instant();
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
                    elapsed_ms = (clock.instant() - started).as_millis() as u64,
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
        if clock.deadline(backoff) >= deadline {
            tracing::debug!(attempt, %reason, "call failed; no budget left to retry");
            return (Err(failure), attempt);
        }
        tracing::debug!(attempt, %reason, backoff_ms = backoff.as_millis() as u64, "retrying");
        clock.sleep(backoff).await;
    }
}

/// One signed exchange.
async fn once<P: Protocol>(
    transport: &Transport<P>,
    action: &'static Action,
    encoded: &P::Encoded,
    credentials: &Credentials,
    timeout: std::time::Duration,
) -> Result<Success, Failure> {
    let inner = &transport.inner;
    let now = transport.clock().now();
    let mut request = inner.protocol.sign(action, encoded, credentials, now)?;
    *request.timeout_mut() = Some(timeout);
    let response = http::exchange(&inner.http, request).await?;
    tracing::trace!(
        status = response.status,
        bytes = response.body.len(),
        "answer received"
    );
    P::decode(response)
}
