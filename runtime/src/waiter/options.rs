//! How long a waiter waits: the spec's defaults, the caller's options and
//! the policy they resolve to. Plain data, so that the configuration can
//! hold options without depending on the waiter itself.

use std::time::Duration;

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

/// What a caller may change: at a waiter call, or for every waiter of a
/// client through [`Config::wait_options`](crate::Config::wait_options).
/// Unset fields fall back in that order, then to the waiter's defaults.
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

    /// These options, with what they leave unset taken from `fallback`.
    pub fn with_fallback(self, fallback: WaitOptions) -> Self {
        WaitOptions {
            initial_delay: self.initial_delay.or(fallback.initial_delay),
            max_delay: self.max_delay.or(fallback.max_delay),
            timeout: self.timeout.or(fallback.timeout),
        }
    }

    /// These options, completed with `defaults`. The largest delay is never
    /// below the first one, whichever source each comes from.
    pub fn or(self, defaults: WaitDefaults) -> WaitPolicy {
        let initial_delay = self
            .initial_delay
            .unwrap_or(Duration::from_millis(defaults.initial_delay_ms));
        WaitPolicy {
            initial_delay,
            max_delay: self
                .max_delay
                .unwrap_or(Duration::from_millis(defaults.max_delay_ms))
                .max(initial_delay),
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

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: WaitDefaults = WaitDefaults {
        initial_delay_ms: 5_000,
        max_delay_ms: 30_000,
        timeout_secs: 600,
    };

    #[test]
    fn a_call_overrides_the_config_which_overrides_the_spec() {
        let config =
            WaitOptions::default().delays(Duration::from_millis(1), Duration::from_millis(20));
        let call = WaitOptions::default().timeout(Duration::from_secs(3));
        let policy = call.with_fallback(config).or(SPEC);
        assert_eq!(policy.initial_delay, Duration::from_millis(1));
        assert_eq!(policy.max_delay, Duration::from_millis(20));
        assert_eq!(policy.timeout, Duration::from_secs(3));

        let call = WaitOptions::default().delays(Duration::from_secs(2), Duration::from_secs(4));
        let policy = call.with_fallback(config).or(SPEC);
        assert_eq!(
            (policy.initial_delay, policy.max_delay),
            (Duration::from_secs(2), Duration::from_secs(4))
        );
        assert_eq!(policy.timeout, Duration::from_secs(600));
    }

    #[test]
    fn the_largest_delay_is_never_below_the_first() {
        let call = WaitOptions {
            initial_delay: Some(Duration::from_secs(60)),
            ..WaitOptions::default()
        };
        let policy = call.or(SPEC);
        assert_eq!(policy.max_delay, Duration::from_secs(60));
    }
}
