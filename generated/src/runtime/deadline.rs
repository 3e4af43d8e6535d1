//! Deadlines that cannot overflow. A budget or timeout of `Duration::MAX`
//! is a natural way to say "no limit", and `Instant + Duration` panics on it.

use std::time::{Duration, Instant};

/// Far enough to mean "never" for a call, near enough for every clock.
const FAR_FUTURE: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

/// `start + span`, with spans beyond a century treated as a century.
pub(crate) fn after(start: Instant, span: Duration) -> Instant {
    let span = span.min(FAR_FUTURE);
    // A century fits every platform's clock; fall back to an hour if not.
    start
        .checked_add(span)
        .or_else(|| start.checked_add(Duration::from_secs(3600)))
        .unwrap_or(start)
}

/// [`after`] on tokio's clock (which tests may pause).
pub(crate) fn after_tokio(start: tokio::time::Instant, span: Duration) -> tokio::time::Instant {
    tokio::time::Instant::from_std(after(start.into_std(), span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unlimited_span_is_far_but_does_not_panic() {
        let now = Instant::now();
        assert!(after(now, Duration::MAX) > after(now, Duration::from_secs(3600 * 24 * 365)));
        assert_eq!(
            after(now, Duration::from_secs(2)),
            now + Duration::from_secs(2)
        );
        let tokio_now = tokio::time::Instant::now();
        assert!(after_tokio(tokio_now, Duration::MAX) > tokio_now);
    }
}
