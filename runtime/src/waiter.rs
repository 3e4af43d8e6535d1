//! Waiters: call an action again until its answer satisfies a condition,
//! with exponential delays and a deadline (e.g. UploadUpdateCertificateInstance
//! until `DeployRecordId > 0`, as its documentation prescribes).

use std::future::Future;
use std::time::Duration;

use super::error::{Error, WaitFailed, WaitTimeout};
use super::service::Action;
use super::transport::Transport;

/// Defaults a waiter's spec declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitDefaults {
    /// Delay before the second call.
    pub initial_delay_ms: u64,
    /// Largest delay between calls.
    pub max_delay_ms: u64,
    /// Deadline of the whole wait.
    pub timeout_secs: u64,
}

/// What a caller may change; unset fields take the waiter's defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WaitOptions {
    /// Delay before the second call.
    pub initial_delay: Option<Duration>,
    /// Largest delay between calls.
    pub max_delay: Option<Duration>,
    /// Deadline of the whole wait.
    pub timeout: Option<Duration>,
}

impl WaitOptions {
    /// Sets the deadline of the whole wait.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the delays between calls.
    pub fn delays(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_delay = Some(initial);
        self.max_delay = Some(max.max(initial));
        self
    }

    /// These options, completed with `defaults`.
    pub fn or(self, defaults: WaitDefaults) -> WaitPolicy {
        WaitPolicy {
            initial_delay: self
                .initial_delay
                .unwrap_or(Duration::from_millis(defaults.initial_delay_ms)),
            max_delay: self
                .max_delay
                .unwrap_or(Duration::from_millis(defaults.max_delay_ms)),
            timeout: self
                .timeout
                .unwrap_or(Duration::from_secs(defaults.timeout_secs)),
        }
    }
}

/// Resolved waiter settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitPolicy {
    /// Delay before the second call.
    pub initial_delay: Duration,
    /// Largest delay between calls.
    pub max_delay: Duration,
    /// Deadline of the whole wait.
    pub timeout: Duration,
}

impl<P> Transport<P> {
    /// Calls `call` until `done` holds for its answer, an error occurs, the
    /// answer is in a state from which `done` can no longer hold (`failed`
    /// gives the polled field and its value; then `Error::WaitFailed`), or the
    /// deadline passes (then `Error::WaitTimeout`, also if a call is still
    /// running), timing everything on the client's clock. `request_id` reads
    /// an answer's request ID, for the errors.
    pub async fn wait_until<R, E, F, Fut>(
        &self,
        action: &'static Action,
        policy: WaitPolicy,
        mut call: F,
        done: impl Fn(&R) -> bool,
        failed: impl Fn(&R) -> Option<(&'static str, String)>,
        request_id: for<'a> fn(&'a R) -> &'a str,
    ) -> Result<R, Error<E>>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<R, Error<E>>>,
    {
        let clock = self.clock();
        let started = clock.instant();
        let deadline = clock.deadline(policy.timeout);
        let mut delay = policy.initial_delay;
        let mut attempts = 0;
        let mut last_request_id = None;
        loop {
            attempts += 1;
            let answer = match clock.timeout_at(deadline, call()).await {
                Some(answer) => answer?,
                None => break,
            };
            if done(&answer) {
                return Ok(answer);
            }
            if let Some((field, value)) = failed(&answer) {
                return Err(Error::WaitFailed(WaitFailed {
                    action: action.name,
                    field,
                    value,
                    attempts,
                    request_id: request_id(&answer).to_owned(),
                }));
            }
            last_request_id = Some(request_id(&answer).to_owned());
            if clock.deadline(delay) >= deadline {
                break;
            }
            tracing::debug!(
                action = action.name,
                attempts,
                delay_ms = delay.as_millis() as u64,
                "condition not reached yet"
            );
            clock.sleep(delay).await;
            delay = delay.saturating_mul(2).min(policy.max_delay);
        }
        Err(Error::WaitTimeout(WaitTimeout {
            action: action.name,
            attempts,
            elapsed: clock.instant() - started,
            last_request_id,
        }))
    }
}
