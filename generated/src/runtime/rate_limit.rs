//! Client-side pacing: each action's requests are spaced evenly at its
//! documented rate, so a burst of 100 calls to a 20/s action goes out at
//! 20 per second instead of failing with `RequestLimitExceeded`.
//!
//! Evenly spaced (a token bucket of depth one) rather than bursty: the
//! vendors count per second, and a full bucket released at once followed by
//! a steady refill would put twice the limit into one second.
//!
//! Written here rather than taken from a rate-limiting crate because it must
//! sleep on tokio's clock (so paused-time tests work) and needs a dozen lines.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::config::RateLimit;
use super::service::Service;

/// One pacer per rate-limited action of a product.
#[derive(Debug, Default)]
pub struct RateLimiters {
    pacers: HashMap<&'static str, Pacer>,
}

#[derive(Debug)]
struct Pacer {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateLimiters {
    /// Pacers for every action of `service` according to `mode`.
    pub fn new(service: &Service, mode: RateLimit) -> Self {
        let pacers = service
            .actions
            .iter()
            .filter_map(|action| {
                let per_second = match mode {
                    RateLimit::Documented => f64::from(action.rate_limit_per_second?),
                    RateLimit::PerSecond(rate) => rate,
                    RateLimit::Disabled => return None,
                };
                (per_second > 0.0 && per_second.is_finite()).then(|| {
                    let pacer = Pacer {
                        interval: Duration::from_secs_f64(1.0 / per_second),
                        next: Mutex::new(None),
                    };
                    (action.name, pacer)
                })
            })
            .collect();
        RateLimiters { pacers }
    }

    /// Waits for `action`'s next slot; returns at `deadline` at the latest
    /// (the caller then sees its budget spent instead of waiting on).
    pub async fn acquire(&self, action: &str, deadline: std::time::Instant) {
        let Some(pacer) = self.pacers.get(action) else {
            return;
        };
        let slot = {
            let mut next = pacer.next.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + pacer.interval);
            slot
        };
        let until_deadline = deadline.saturating_duration_since(std::time::Instant::now());
        tokio::time::sleep_until(slot.min(Instant::now() + until_deadline)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::service::{Action, Protocol};

    static LIMITED: Action = Action {
        name: "Limited",
        idempotent: true,
        rate_limit_per_second: Some(20),
    };
    static FREE: Action = Action {
        name: "Free",
        idempotent: true,
        rate_limit_per_second: None,
    };
    static SERVICE: Service = Service {
        product: "x",
        version: "1",
        protocol: Protocol::Tc3,
        endpoints: &[],
        actions: &[&LIMITED, &FREE],
    };

    #[tokio::test(start_paused = true)]
    async fn spaces_calls_at_the_documented_rate() {
        let limiters = RateLimiters::new(&SERVICE, RateLimit::Documented);
        let far = std::time::Instant::now() + Duration::from_secs(3600);
        let start = Instant::now();
        for _ in 0..41 {
            limiters.acquire("Limited", far).await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(2),
            "41 calls at 20/s span exactly 2 s"
        );
        let start = Instant::now();
        for _ in 0..1000 {
            limiters.acquire("Free", far).await;
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        let off = RateLimiters::new(&SERVICE, RateLimit::Disabled);
        assert!(off.pacers.is_empty());
    }
}
