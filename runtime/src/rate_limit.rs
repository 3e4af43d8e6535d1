//! Client-side pacing: each action's requests are spaced evenly at its
//! documented rate, so a burst of 100 calls to a 20/s action goes out at
//! 20 per second instead of failing with `RequestLimitExceeded`.
//!
//! Evenly spaced (a token bucket of depth one) rather than bursty: the
//! vendors count per second, and a full bucket released at once followed by
//! a steady refill would put twice the limit into one second.
//!
//! Written here rather than taken from a rate-limiting crate because it must
//! sleep on the client's [`Clock`] (so tests drive time) and needs a dozen lines.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use super::clock::Clock;
use super::config::RateLimit;
use super::error::ConfigError;
use super::service::Service;

/// The slowest pace a client accepts: one request a day. Slower would be a
/// mistake in the configuration, not a rate limit.
const SLOWEST_PER_SECOND: f64 = 1.0 / 86_400.0;

/// One pacer per rate-limited action of a product.
#[derive(Debug, Default)]
pub struct RateLimiters {
    pacers: HashMap<&'static str, Pacer>,
    /// Actions named at run time, under [`RateLimit::PerSecond`]: a pacer
    /// each, made at the action's first call (none is documented).
    named: Option<Named>,
}

#[derive(Debug)]
struct Pacer {
    interval: Duration,
    /// When the next request may leave. Held while waiting for it, so
    /// callers queue in order (tokio's mutex is fair) and a caller that gives
    /// up (its future dropped, its budget spent) holds no slot.
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    fn new(interval: Duration) -> Pacer {
        Pacer {
            interval,
            next: Mutex::new(None),
        }
    }
}

#[derive(Debug)]
struct Named {
    interval: Duration,
    pacers: std::sync::Mutex<HashMap<String, Arc<Pacer>>>,
}

impl RateLimiters {
    /// Pacers for every action of `service` according to `mode`.
    pub fn new(service: &Service, mode: RateLimit) -> Result<Self, ConfigError> {
        check(mode)?;
        let pacers = service
            .actions
            .iter()
            .filter_map(|action| {
                let per_second = match mode {
                    RateLimit::Documented => f64::from(action.rate_limit_per_second?),
                    RateLimit::PerSecond(rate) => rate,
                    RateLimit::Disabled => return None,
                };
                // A documented limit of 0 means "not documented".
                (per_second >= SLOWEST_PER_SECOND)
                    .then(|| (action.name, Pacer::new(interval(per_second))))
            })
            .collect();
        Ok(RateLimiters {
            pacers,
            named: None,
        })
    }

    /// Pacers for actions named at run time: only [`RateLimit::PerSecond`]
    /// paces them, since no rate is documented for them.
    pub fn named(mode: RateLimit) -> Result<Self, ConfigError> {
        check(mode)?;
        let named = match mode {
            RateLimit::PerSecond(rate) => Some(Named {
                interval: interval(rate),
                pacers: Default::default(),
            }),
            RateLimit::Documented | RateLimit::Disabled => None,
        };
        Ok(RateLimiters {
            pacers: HashMap::new(),
            named,
        })
    }

    /// Waits for `action`'s next slot and takes it. Returns `false`, at once
    /// and without taking a slot, when the slot would come after `deadline`
    /// (the caller then reports its budget spent).
    pub async fn acquire(&self, action: &str, deadline: Instant, clock: &Clock) -> bool {
        let made;
        let pacer = match (self.pacers.get(action), &self.named) {
            (Some(pacer), _) => pacer,
            (None, Some(named)) => {
                made = named.pacer(action);
                &*made
            }
            (None, None) => return true,
        };
        let Some(mut next) = clock.timeout_at(deadline, pacer.next.lock()).await else {
            return false;
        };
        let now = clock.instant();
        let slot = next.map_or(now, |next| next.max(now));
        if slot > deadline {
            return false;
        }
        clock.sleep_until(slot).await;
        *next = Some(slot + pacer.interval);
        true
    }
}

impl Named {
    /// The pacer of `action`, made at its first call; kept while the client
    /// lives, so there is one per distinct action called, not per call.
    fn pacer(&self, action: &str) -> Arc<Pacer> {
        let mut pacers = self.pacers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(pacer) = pacers.get(action) {
            return Arc::clone(pacer);
        }
        let pacer = Arc::new(Pacer::new(self.interval));
        pacers.insert(action.to_owned(), Arc::clone(&pacer));
        pacer
    }
}

/// Refuses a configured rate that is no rate.
fn check(mode: RateLimit) -> Result<(), ConfigError> {
    match mode {
        RateLimit::PerSecond(rate) if !(rate.is_finite() && rate >= SLOWEST_PER_SECOND) => {
            Err(ConfigError::InvalidValue {
                what: "rate_limit",
                reason: format!(
                    "expected at least one request a day ({SLOWEST_PER_SECOND:e} per second) and a finite number, found {rate}; use RateLimit::Disabled for no pacing"
                ),
            })
        }
        _ => Ok(()),
    }
}

fn interval(per_second: f64) -> Duration {
    Duration::from_secs_f64(1.0 / per_second)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Action;

    static LIMITED: Action = Action {
        name: "Limited",
        idempotent: true,
        rate_limit_per_second: Some(20),
        secret_outputs: &[],
        http: None,
    };
    static FREE: Action = Action {
        name: "Free",
        idempotent: true,
        rate_limit_per_second: None,
        secret_outputs: &[],
        http: None,
    };
    static SERVICE: Service = Service {
        product: "x",
        version: "1",
        endpoints: &[],
        regional: true,
        endpoint_rule: None,
        actions: &[&LIMITED, &FREE],
    };

    #[tokio::test(start_paused = true)]
    async fn spaces_calls_at_the_documented_rate() {
        let limiters = RateLimiters::new(&SERVICE, RateLimit::Documented).unwrap();
        let clock = Clock::system();
        let far = Instant::now() + Duration::from_secs(3600);
        let mut departures = Vec::new();
        for _ in 0..41 {
            assert!(limiters.acquire("Limited", far, &clock).await);
            departures.push(Instant::now());
        }
        assert!(
            departures
                .windows(2)
                .all(|pair| pair[1] - pair[0] == Duration::from_millis(50)),
            "20 per second, evenly spaced"
        );
        assert_eq!(departures[40] - departures[0], Duration::from_secs(2));
        let start = Instant::now();
        for _ in 0..1000 {
            assert!(limiters.acquire("Free", far, &clock).await);
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        let off = RateLimiters::new(&SERVICE, RateLimit::Disabled).unwrap();
        assert!(off.pacers.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn a_caller_that_cannot_wait_takes_no_slot() {
        let limiters = RateLimiters::new(&SERVICE, RateLimit::Documented).unwrap();
        let clock = Clock::system();
        let far = Instant::now() + Duration::from_secs(3600);
        assert!(limiters.acquire("Limited", far, &clock).await);
        // The next slot is 50 ms away: a 10 ms budget gives up at once.
        let start = Instant::now();
        for _ in 0..40 {
            let soon = Instant::now() + Duration::from_millis(10);
            assert!(!limiters.acquire("Limited", soon, &clock).await);
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        // A caller dropped while waiting gives its turn back too.
        let waiting = limiters.acquire("Limited", far, &clock);
        assert!(
            tokio::time::timeout(Duration::from_millis(5), waiting)
                .await
                .is_err()
        );
        // None of those reserved anything: the next call leaves 50 ms after the first.
        assert!(limiters.acquire("Limited", far, &clock).await);
        assert_eq!(start.elapsed(), Duration::from_millis(50));
    }

    #[tokio::test(start_paused = true)]
    async fn actions_named_at_run_time_are_paced_only_at_a_configured_rate() {
        let clock = Clock::system();
        let far = Instant::now() + Duration::from_secs(3600);
        let start = Instant::now();
        let documented = RateLimiters::named(RateLimit::Documented).unwrap();
        for _ in 0..100 {
            assert!(documented.acquire("DescribeRegions", far, &clock).await);
        }
        assert_eq!(start.elapsed(), Duration::ZERO, "nothing is documented");
        let paced = RateLimiters::named(RateLimit::PerSecond(10.0)).unwrap();
        for _ in 0..11 {
            assert!(paced.acquire("DescribeRegions", far, &clock).await);
        }
        assert_eq!(start.elapsed(), Duration::from_secs(1), "10 per second");
        // Each action has its own pacer: another one leaves at once.
        assert!(paced.acquire("DescribeZones", far, &clock).await);
        assert_eq!(start.elapsed(), Duration::from_secs(1));
        assert!(RateLimiters::named(RateLimit::PerSecond(f64::NAN)).is_err());
    }

    #[test]
    fn rates_that_are_no_rate_are_refused() {
        for rate in [0.0, -1.0, 1e-300, f64::NAN, f64::INFINITY] {
            let error = RateLimiters::new(&SERVICE, RateLimit::PerSecond(rate)).unwrap_err();
            assert!(error.to_string().contains("rate_limit"), "{error}");
        }
        assert!(RateLimiters::new(&SERVICE, RateLimit::PerSecond(1e9)).is_ok());
    }
}
