//! Waiters: call an action again until its answer satisfies a condition,
//! with exponential delays and a deadline (e.g. UploadUpdateCertificateInstance
//! until `DeployRecordId > 0`, as its documentation prescribes).

pub(crate) mod options;

use std::future::Future;

pub use options::{WaitDefaults, WaitOptions, WaitPolicy};

use super::error::{Error, WaitFailed, WaitTimeout};
use super::service::Action;
use super::transport::Transport;

impl<P> Transport<P> {
    /// A waiter's delays and deadline: the call's `options`, then the
    /// configuration's [`wait_options`](crate::Config::wait_options), then
    /// the waiter's `defaults` from the spec.
    pub fn wait_policy(&self, options: WaitOptions, defaults: WaitDefaults) -> WaitPolicy {
        options.with_fallback(self.config().waits).or(defaults)
    }

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
