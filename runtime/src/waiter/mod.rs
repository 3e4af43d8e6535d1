//! Waiters: call an action again until its answer satisfies a condition,
//! with exponential delays and a deadline (e.g. UploadUpdateCertificateInstance
//! until `DeployRecordId > 0`, as its documentation prescribes).

pub(crate) mod options;

use std::borrow::Cow;
use std::future::Future;

pub use options::{WaitDefaults, WaitOptions, WaitPolicy};

use super::error::{Error, InvalidRequest, WaitFailed, WaitTimeout};
use super::service::Action;
use super::transport::Transport;

/// The ID that a task waiter passes from an answer to `reporter`, the
/// action that reports the task. Where the vendor documents the ID as
/// optional (Alibaba documents every answer member so), an answer without
/// it cannot make the reporting request: it is refused as `reporter`'s
/// [`Error::InvalidRequest`] with `problem`, and nothing is sent.
pub fn task_id<'a, T: ?Sized, E>(
    id: Option<&'a T>,
    reporter: &'static Action,
    problem: &str,
) -> Result<&'a T, Error<E>> {
    id.ok_or_else(|| {
        Error::InvalidRequest(InvalidRequest {
            action: Cow::Borrowed(reporter.name),
            problems: vec![problem.to_owned()],
        })
    })
}

/// Whether a waiter on every item of a list has reached its state: the
/// list has items, and `reached` holds for each. An empty list is not done:
/// a task's items may not be listed yet.
pub fn every_item<T>(items: &[T], reached: impl Fn(&T) -> bool) -> bool {
    !items.is_empty() && items.iter().all(reached)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    static REPORTER: Action = Action {
        name: "ListAsynJobs",
        idempotent: true,
        rate_limit_per_second: None,
        secret_outputs: &[],
        http: None,
    };

    #[test]
    fn every_item_needs_items_and_each_of_them() {
        let done = |state: &&str| *state == "Succeeded";
        assert!(!every_item(&[] as &[&str], done), "no items yet");
        assert!(!every_item(&["Succeeded", "Processing"], done));
        assert!(every_item(&["Succeeded", "Succeeded"], done));
    }

    #[test]
    fn a_missing_task_id_refuses_the_reporting_request() {
        let id = String::from("job-1");
        let found: Result<&String, Error<()>> = task_id(Some(&id), &REPORTER, "unused");
        assert_eq!(found.ok(), Some(&id));
        let refused: Result<&String, Error<()>> =
            task_id(None, &REPORTER, "JobIds: the answer names no task");
        match refused {
            Err(Error::InvalidRequest(e)) => {
                assert_eq!(e.action, "ListAsynJobs");
                assert_eq!(e.problems, ["JobIds: the answer names no task"]);
            }
            other => panic!("expected InvalidRequest, got {:?}", other.map(|_| ())),
        }
    }
}
