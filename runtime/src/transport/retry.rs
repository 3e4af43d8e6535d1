//! The attempt loop: pace, sign, send, classify, back off, repeat.
//! Generic only over the protocol, so it is compiled once per protocol,
//! not once per action.

use std::time::{Duration, SystemTime};

use rand::RngExt;
use reqwest::header::{HeaderMap, HeaderValue};
use tracing::Instrument;

use super::classify::{self, Retry};
use super::handle::{Invocation, Transport};
use super::http;
use crate::credential_types::key::Credentials;
use crate::error::TransportKind;
use crate::protocol::{Failure, Protocol, Success};

/// Sends `encoded` until it succeeds, fails for good, or the budget is spent.
/// Returns the outcome and the number of attempts made.
pub(super) async fn send<P: Protocol>(
    transport: &Transport<P>,
    invocation: &Invocation,
    encoded: &P::Encoded,
) -> (Result<Success, Failure>, u32) {
    let span = tracing::debug_span!(
        "cloudapi.call",
        product = transport.product(),
        action = &*invocation.action
    );
    attempts(transport, invocation, encoded)
        .instrument(span)
        .await
}

async fn attempts<P: Protocol>(
    transport: &Transport<P>,
    invocation: &Invocation,
    encoded: &P::Encoded,
) -> (Result<Success, Failure>, u32) {
    let action = &*invocation.action;
    let policy = transport.retry;
    let clock = transport.clock();
    let started = clock.instant();
    let deadline = clock.deadline(policy.budget);
    let credentials = match transport.credentials().await {
        Ok(credentials) => credentials,
        Err(e) => return (Err(Failure::Credentials(e)), 0),
    };
    let mut attempt = 0;
    let mut corrected = false;
    loop {
        attempt += 1;
        let paced = transport
            .inner
            .limiters
            .acquire(action, deadline, clock)
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
        let timeout = transport.config().attempt_timeout().min(deadline - now);
        let (outcome, hints) = once(transport, invocation, encoded, &credentials, timeout).await;
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
        // A signature rejected as expired was not executed: learn the server's
        // time from its `Date` and sign again at once, once per call.
        if !corrected
            && let Failure::Service { code, .. } = &failure
            && P::is_clock_skew(code)
            && let Some(server_time) = hints.date
        {
            corrected = true;
            clock.learn_offset(server_time);
            tracing::debug!(
                attempt,
                offset_ms = clock.offset().whole_milliseconds() as i64,
                "the server's clock differs from this machine's; signing again with its time"
            );
            continue;
        }
        let decision = classify::retry(&failure, invocation.idempotent);
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
        // The server's own word on when to come back wins over a shorter backoff.
        let backoff = hints.retry_after.map_or(backoff, |wait| backoff.max(wait));
        if clock.deadline(backoff) >= deadline {
            tracing::debug!(attempt, %reason, "call failed; no budget left to retry");
            return (Err(failure), attempt);
        }
        tracing::debug!(attempt, %reason, backoff_ms = backoff.as_millis() as u64, "retrying");
        clock.sleep(backoff).await;
    }
}

/// What an answer's headers say beyond its body.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Hints {
    /// The server's time (`Date`).
    pub(super) date: Option<SystemTime>,
    /// When to send again (`Retry-After`, Alibaba's `x-acs-retry-after`).
    pub(super) retry_after: Option<Duration>,
}

/// The headers [`Hints`] are read from, kept aside while the body is decoded.
struct HintHeaders([Option<HeaderValue>; 3]);

impl HintHeaders {
    const NAMES: [&str; 3] = ["date", "x-acs-retry-after", "retry-after"];

    fn take(headers: &HeaderMap) -> HintHeaders {
        HintHeaders(Self::NAMES.map(|name| headers.get(name).cloned()))
    }

    fn text(&self, name: &str) -> Option<&str> {
        let at = Self::NAMES.iter().position(|n| *n == name)?;
        self.0[at].as_ref()?.to_str().ok().map(str::trim)
    }
}

impl Hints {
    #[cfg(test)]
    fn read(headers: &HeaderMap, now: SystemTime) -> Hints {
        Hints::parse(&HintHeaders::take(headers), now)
    }

    fn parse(headers: &HintHeaders, now: SystemTime) -> Hints {
        let text = |name: &str| headers.text(name);
        let date = text("date").and_then(|d| httpdate::parse_http_date(d).ok());
        // Alibaba: milliseconds; HTTP: seconds or a date.
        let acs = text("x-acs-retry-after")
            .and_then(|ms| ms.parse::<u64>().ok())
            .filter(|ms| *ms > 0)
            .map(Duration::from_millis);
        let http = text("retry-after").and_then(|value| match value.parse::<u64>() {
            Ok(seconds) => Some(Duration::from_secs(seconds)),
            Err(_) => httpdate::parse_http_date(value)
                .ok()
                .and_then(|at| at.duration_since(date.unwrap_or(now)).ok()),
        });
        Hints {
            date,
            retry_after: acs.or(http),
        }
    }
}

/// One signed exchange, and what the answer's headers say.
async fn once<P: Protocol>(
    transport: &Transport<P>,
    invocation: &Invocation,
    encoded: &P::Encoded,
    credentials: &Credentials,
    timeout: Duration,
) -> (Result<Success, Failure>, Hints) {
    let action = &invocation.action;
    let inner = &transport.inner;
    let now = transport.clock().now();
    let mut request = match inner.protocol.sign(action, encoded, credentials, now) {
        Ok(request) => request,
        Err(failure) => return (Err(failure), Hints::default()),
    };
    *request.timeout_mut() = Some(timeout);
    let response = match http::exchange(&inner.session.http, request).await {
        Ok(response) => response,
        Err(failure) => return (Err(failure), Hints::default()),
    };
    tracing::trace!(
        status = response.status,
        bytes = response.body.len(),
        "answer received"
    );
    // Successes need no hints: the headers are only parsed after a failure.
    let headers = HintHeaders::take(&response.headers);
    let outcome = P::decode(response, invocation.http);
    let hints = match &outcome {
        Ok(_) => Hints::default(),
        Err(_) => Hints::parse(&headers, transport.clock().now()),
    };
    (outcome, hints)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_from_headers() {
        let now = httpdate::parse_http_date("Tue, 01 Dec 2026 15:00:00 GMT").unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("date", "Tue, 01 Dec 2026 15:10:00 GMT".parse().unwrap());
        headers.insert("retry-after", "3".parse().unwrap());
        let hints = Hints::read(&headers, now);
        assert_eq!(hints.date, Some(now + Duration::from_secs(600)));
        assert_eq!(hints.retry_after, Some(Duration::from_secs(3)));
        headers.insert(
            "retry-after",
            "Tue, 01 Dec 2026 15:10:05 GMT".parse().unwrap(),
        );
        assert_eq!(
            Hints::read(&headers, now).retry_after,
            Some(Duration::from_secs(5))
        );
        headers.insert("x-acs-retry-after", "1500".parse().unwrap());
        assert_eq!(
            Hints::read(&headers, now).retry_after,
            Some(Duration::from_millis(1500))
        );
        headers.insert("x-acs-retry-after", "0".parse().unwrap());
        headers.insert("retry-after", "soon".parse().unwrap());
        headers.insert("date", "yesterday".parse().unwrap());
        let hints = Hints::read(&headers, now);
        assert_eq!((hints.date, hints.retry_after), (None, None));
    }
}
