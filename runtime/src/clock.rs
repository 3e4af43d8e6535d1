//! The one clock of a client: wall time for signatures, monotonic time and
//! sleeping for deadlines, retries, pacing and waiters.
//!
//! Everything that reads the time goes through [`Clock`], which the
//! configuration carries ([`Config::clock`](crate::Config::clock)): tests
//! drive time through one value, and a correction of the wall time (for a
//! server whose clock disagrees) has one place to act.
//!
//! A clock also keeps the offset between this machine's wall time and the
//! servers': when a server rejects a signature as expired, the transport
//! learns the offset from the answer's `Date` header
//! ([`Clock::offset`]) and every later signature of every client sharing
//! the clock carries corrected time.
//!
//! Monotonic time is [`tokio::time::Instant`]. The default clock reads it
//! from tokio, so a test runtime with paused time (`start_paused = true`)
//! controls deadlines, backoffs, pacing and waiters without real waiting.

use std::fmt;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::task::Poll;
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

/// A future that completes when a [`TimeSource`] reaches a deadline.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Where a [`Clock`] gets the time; implement it to control time in tests.
pub trait TimeSource: fmt::Debug + Send + Sync + 'static {
    /// The wall-clock time, which signatures carry and servers check.
    fn now(&self) -> SystemTime;
    /// Monotonic time, for deadlines and intervals.
    fn instant(&self) -> Instant;
    /// Completes once [`instant`](Self::instant) reaches `deadline`.
    fn sleep_until(&self, deadline: Instant) -> Sleep;
}

/// The time source of a client; cheap to clone. The default is
/// [`Clock::system`].
#[derive(Clone)]
pub struct Clock(Arc<dyn TimeSource>, Arc<AtomicI64>);

impl Clock {
    /// The system's wall clock, and tokio's monotonic clock and timers.
    pub fn system() -> Clock {
        Clock::from_source(TokioClock { anchor: None })
    }

    /// A clock whose wall time starts at `start` and advances with tokio's
    /// monotonic clock: with paused tokio time, signatures carry exactly
    /// the timestamps a test expects.
    pub fn starting_at(start: SystemTime) -> Clock {
        Clock::from_source(TokioClock {
            anchor: Some((start, Instant::now())),
        })
    }

    /// A clock reading `source`.
    pub fn from_source(source: impl TimeSource) -> Clock {
        Clock(Arc::new(source), Arc::new(AtomicI64::new(0)))
    }

    /// The wall-clock time, corrected by the learned [`offset`](Self::offset).
    pub fn now(&self) -> SystemTime {
        let offset = self.1.load(Ordering::Relaxed);
        let raw = self.0.now();
        let shifted = if offset >= 0 {
            raw.checked_add(Duration::from_millis(offset.unsigned_abs()))
        } else {
            raw.checked_sub(Duration::from_millis(offset.unsigned_abs()))
        };
        shifted.unwrap_or(raw)
    }

    /// How far the servers' clock is ahead of this machine's (negative:
    /// behind), as learned from a rejected signature; zero until then.
    pub fn offset(&self) -> time::Duration {
        time::Duration::milliseconds(self.1.load(Ordering::Relaxed))
    }

    /// Learns the offset from a server's time (its `Date` header, read when
    /// its answer arrived); later readings of [`now`](Self::now) are shifted by it.
    pub(crate) fn learn_offset(&self, server_time: SystemTime) {
        let raw = self.0.now();
        let millis = match server_time.duration_since(raw) {
            Ok(ahead) => i64::try_from(ahead.as_millis()).unwrap_or(i64::MAX),
            Err(behind) => -i64::try_from(behind.duration().as_millis()).unwrap_or(i64::MAX),
        };
        self.1.store(millis, Ordering::Relaxed);
    }

    /// The monotonic time.
    pub fn instant(&self) -> Instant {
        self.0.instant()
    }

    /// Completes at `deadline`.
    pub fn sleep_until(&self, deadline: Instant) -> Sleep {
        self.0.sleep_until(deadline)
    }

    /// Completes after `span`.
    pub fn sleep(&self, span: Duration) -> Sleep {
        self.sleep_until(self.deadline(span))
    }

    /// The instant `span` from now; a span beyond a century (such as
    /// `Duration::MAX`, "no limit") counts as a century instead of overflowing.
    pub fn deadline(&self, span: Duration) -> Instant {
        deadline_after(self.instant(), span)
    }

    /// Runs `future` until it completes (`Some`) or `deadline` passes (`None`).
    pub async fn timeout_at<F: Future>(&self, deadline: Instant, future: F) -> Option<F::Output> {
        let mut future = pin!(future);
        let mut expired = self.sleep_until(deadline);
        std::future::poll_fn(|cx| {
            if let Poll::Ready(output) = future.as_mut().poll(cx) {
                return Poll::Ready(Some(output));
            }
            expired.as_mut().poll(cx).map(|()| None)
        })
        .await
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Far enough to mean "never" for a call, near enough for every platform.
const FAR_FUTURE: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

/// `start + span`, with spans beyond a century treated as a century: a
/// budget or timeout of `Duration::MAX` is a natural way to say "no limit",
/// and `Instant + Duration` panics on it.
pub(crate) fn deadline_after(start: Instant, span: Duration) -> Instant {
    let span = span.min(FAR_FUTURE);
    start
        .checked_add(span)
        .or_else(|| start.checked_add(Duration::from_secs(3600)))
        .unwrap_or(start)
}

/// [`Clock::system`] and [`Clock::starting_at`]: tokio's monotonic clock and
/// timers, and the system's wall clock or one anchored to a chosen start.
#[derive(Debug)]
struct TokioClock {
    /// A wall time and the instant it was taken at.
    anchor: Option<(SystemTime, Instant)>,
}

impl TimeSource for TokioClock {
    fn now(&self) -> SystemTime {
        match self.anchor {
            Some((wall, at)) => wall + at.elapsed(),
            None => SystemTime::now(),
        }
    }

    fn instant(&self) -> Instant {
        Instant::now()
    }

    fn sleep_until(&self, deadline: Instant) -> Sleep {
        Box::pin(tokio::time::sleep_until(deadline))
    }
}

/// `at` in UTC as `2026-12-01T15:40:12Z`, the form both vendors sign and
/// send. A time outside the years 1 to 9999 (only a broken `Date` or expiry
/// from a server can lead to one) is clamped to the nearest end instead of
/// panicking; a server refuses such a signature like any other stale one.
pub(crate) fn utc_text(at: SystemTime) -> String {
    const FIRST: i64 = -62_135_596_800; // 0001-01-01T00:00:00Z
    const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let seconds = match at.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(LAST),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(FIRST, |s| -s),
    };
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from_unix_timestamp(seconds.clamp(FIRST, LAST))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .format(&format)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_written_in_utc_and_never_panic_out_of_range() {
        let at = |seconds: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(seconds);
        assert_eq!(utc_text(at(1_764_603_612)), "2025-12-01T15:40:12Z");
        assert_eq!(utc_text(at(u64::MAX / 4)), "9999-12-31T23:59:59Z");
        let long_ago = SystemTime::UNIX_EPOCH - Duration::from_secs(70_000_000_000);
        assert_eq!(utc_text(long_ago), "0001-01-01T00:00:00Z");
    }

    #[test]
    fn a_server_date_far_in_the_future_is_learned_without_breaking_signing_times() {
        let clock = Clock::system();
        clock.learn_offset(SystemTime::UNIX_EPOCH + Duration::from_secs(253_402_300_799));
        assert_eq!(
            utc_text(clock.now() + Duration::from_secs(5)),
            "9999-12-31T23:59:59Z"
        );
    }

    use super::*;

    #[test]
    fn an_unlimited_span_is_far_but_does_not_panic() {
        let now = Instant::now();
        assert!(
            deadline_after(now, Duration::MAX)
                > deadline_after(now, Duration::from_secs(3600 * 24 * 365))
        );
        assert_eq!(
            deadline_after(now, Duration::from_secs(2)),
            now + Duration::from_secs(2)
        );
        assert!(Clock::system().deadline(Duration::MAX) > Instant::now());
    }

    #[tokio::test(start_paused = true)]
    async fn a_fixed_clock_advances_with_paused_time() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_551_113_065);
        let clock = Clock::starting_at(start);
        assert_eq!(clock.now(), start);
        clock.sleep(Duration::from_secs(90)).await;
        assert_eq!(clock.now(), start + Duration::from_secs(90));
    }

    #[tokio::test(start_paused = true)]
    async fn a_learned_offset_shifts_every_clone() {
        let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let clock = Clock::starting_at(start);
        let other = clock.clone();
        clock.learn_offset(start + Duration::from_secs(600));
        assert_eq!(other.now(), start + Duration::from_secs(600));
        assert_eq!(other.offset(), time::Duration::minutes(10));
        clock.learn_offset(start - Duration::from_secs(30));
        assert_eq!(other.now(), start - Duration::from_secs(30));
        // A fresh clock starts without offset.
        assert_eq!(Clock::starting_at(start).now(), start);
    }

    #[tokio::test(start_paused = true)]
    async fn timeouts_end_at_the_deadline_or_with_the_future() {
        let clock = Clock::system();
        let deadline = clock.deadline(Duration::from_secs(5));
        let slow = clock.timeout_at(deadline, clock.sleep(Duration::from_secs(60)));
        assert_eq!(slow.await, None);
        assert_eq!(clock.instant(), deadline);
        let deadline = clock.deadline(Duration::from_secs(5));
        let quick = clock.timeout_at(deadline, async { 7 });
        assert_eq!(quick.await, Some(7));
    }
}
