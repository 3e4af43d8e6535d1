//! The credentials a client signs with: fetched from its provider once,
//! refreshed before they expire by one caller while the others keep signing
//! with the current ones, and kept through a failed refresh until they
//! actually expire.
//!
//! Reading is a read lock and an `Arc` clone. A refresh is single-flight:
//! one async mutex admits one refresher; callers whose credentials are still
//! valid never wait for it, and callers whose credentials have expired wait
//! and take the outcome of the refresh that ran while they waited (so 1,000
//! callers waiting at expiry cause one refresh, successful or not).

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use super::error::CredentialsError;
use super::key::Credentials;
use super::provider::ProvideCredentials;
use super::provider::SharedProvider;
use crate::clock::Clock;
use crate::vendor::Vendor;

/// How long before expiry a refresh starts (at most half the lifetime).
pub(crate) const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

/// How long after a failed refresh of still-valid credentials the next is tried.
pub(crate) const RETRY_FAILED_REFRESH_AFTER: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub(crate) struct CredentialsCache {
    vendor: Vendor,
    provider: SharedProvider,
    state: RwLock<State>,
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Debug, Default)]
struct State {
    current: Option<Arc<Credentials>>,
    /// When to fetch new ones: `None` for credentials that do not expire.
    refresh_at: Option<SystemTime>,
    /// Refresh attempts so far, successful or not.
    attempts: u64,
    /// The error of the last attempt, if it failed.
    last_error: Option<CredentialsError>,
    /// When the last attempt failed (monotonic), for the retry delay.
    failed_at: Option<Instant>,
}

/// What a reader saw.
enum Seen {
    Fresh(Arc<Credentials>),
    /// Due for refresh but still valid.
    Due(Arc<Credentials>, Option<Instant>),
    /// Missing or expired, after `attempts` attempts.
    Unusable(u64),
}

/// The credentials caches of one configuration, one per vendor, shared by
/// every client built from it or from a clone of it: two products' clients
/// then refresh a temporary key once, not once each. A setter that changes
/// where credentials come from (or how they are fetched) gives the
/// configuration a new, empty set.
#[derive(Clone, Default)]
pub(crate) struct SharedCaches(Arc<Mutex<Vec<Arc<CredentialsCache>>>>);

impl SharedCaches {
    /// The cache of `vendor`, made by `make` for the first client of that vendor.
    pub(crate) fn get_or_make(
        &self,
        vendor: Vendor,
        make: impl FnOnce() -> CredentialsCache,
    ) -> Arc<CredentialsCache> {
        let mut caches = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cache) = caches.iter().find(|cache| cache.vendor == vendor) {
            return Arc::clone(cache);
        }
        let cache = Arc::new(make());
        caches.push(Arc::clone(&cache));
        cache
    }
}

impl CredentialsCache {
    pub(crate) fn new(vendor: Vendor, provider: SharedProvider) -> Self {
        CredentialsCache {
            vendor,
            provider,
            state: RwLock::default(),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// A cache that already holds `credentials`; it asks `provider` only
    /// when they are due.
    pub(crate) fn with_credentials(vendor: Vendor, credentials: Credentials) -> Self {
        let cache = CredentialsCache::new(vendor, SharedProvider::new(credentials.clone()));
        cache.store(credentials, None);
        cache
    }

    fn see(&self, now: SystemTime) -> Seen {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        match &state.current {
            Some(current) if state.refresh_at.is_none_or(|at| now < at) => {
                Seen::Fresh(Arc::clone(current))
            }
            Some(current) if current.expiry().is_none_or(|expiry| now < expiry) => {
                Seen::Due(Arc::clone(current), state.failed_at)
            }
            _ => Seen::Unusable(state.attempts),
        }
    }

    /// Credentials to sign with now.
    pub(crate) async fn get(&self, clock: &Clock) -> Result<Arc<Credentials>, CredentialsError> {
        match self.see(clock.now()) {
            Seen::Fresh(credentials) => Ok(credentials),
            Seen::Due(current, failed_at) => {
                let waited =
                    failed_at.is_some_and(|at| clock.instant() < at + RETRY_FAILED_REFRESH_AFTER);
                // Someone else is refreshing, or a refresh just failed: sign with what we have.
                let Ok(_guard) = self.refresh.try_lock() else {
                    return Ok(current);
                };
                if waited {
                    return Ok(current);
                }
                if let Seen::Fresh(credentials) = self.see(clock.now()) {
                    return Ok(credentials);
                }
                match self.refresh(clock).await {
                    Ok(credentials) => Ok(credentials),
                    Err(error) => {
                        tracing::warn!(
                            %error,
                            "refreshing credentials failed; using the current ones until they expire"
                        );
                        Ok(current)
                    }
                }
            }
            Seen::Unusable(attempts) => {
                let _guard = self.refresh.lock().await;
                // A refresh ran while we waited: its outcome is ours.
                if let Some(outcome) = self.outcome_since(attempts, clock.now()) {
                    return outcome;
                }
                self.refresh(clock).await
            }
        }
    }

    /// The outcome of the attempts made after the `attempts`-th, if any.
    fn outcome_since(
        &self,
        attempts: u64,
        now: SystemTime,
    ) -> Option<Result<Arc<Credentials>, CredentialsError>> {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        if state.attempts == attempts {
            return None;
        }
        Some(match (&state.current, &state.last_error) {
            (Some(current), _) if current.expiry().is_none_or(|e| now < e) => {
                Ok(Arc::clone(current))
            }
            (_, Some(error)) => Err(error.clone()),
            _ => Err(CredentialsError::expired(self.vendor)),
        })
    }

    /// Fetches from the provider and records the outcome; the caller holds `self.refresh`.
    async fn refresh(&self, clock: &Clock) -> Result<Arc<Credentials>, CredentialsError> {
        match self.provider.provide_credentials().await {
            Ok(credentials) => {
                tracing::debug!(
                    temporary = credentials.expiry().is_some(),
                    "credentials fetched"
                );
                Ok(self.store(credentials, Some(clock.now())))
            }
            Err(error) => {
                // Counted with the outcome, under one lock: a reader never sees one without the other.
                let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
                state.attempts += 1;
                state.last_error = Some(error.clone());
                state.failed_at = Some(clock.instant());
                Err(error)
            }
        }
    }

    fn store(&self, credentials: Credentials, now: Option<SystemTime>) -> Arc<Credentials> {
        let refresh_at = credentials.expiry().map(|expiry| {
            let lifetime = now
                .and_then(|now| expiry.duration_since(now).ok())
                .unwrap_or(REFRESH_BEFORE_EXPIRY * 2);
            let ahead = REFRESH_BEFORE_EXPIRY.min(lifetime / 2);
            expiry.checked_sub(ahead).unwrap_or(expiry)
        });
        let credentials = Arc::new(credentials);
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.attempts += 1;
        state.current = Some(Arc::clone(&credentials));
        state.refresh_at = refresh_at;
        state.last_error = None;
        state.failed_at = None;
        credentials
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use crate::credential_types::provider::CredentialsFuture;

    /// Hands out credentials valid for `lifetime`, numbered, or fails when told to.
    #[derive(Debug)]
    struct Counting {
        clock: Clock,
        lifetime: Duration,
        calls: AtomicU32,
        fail: std::sync::atomic::AtomicBool,
        delay: Duration,
    }

    impl ProvideCredentials for Arc<Counting> {
        fn provide_credentials(&self) -> CredentialsFuture<'_> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                self.clock.sleep(self.delay).await;
                if self.fail.load(Ordering::SeqCst) {
                    return Err(CredentialsError::custom(Vendor::Tencent, "test", "refused"));
                }
                Ok(Credentials::new(format!("id-{n}"), "secret")
                    .with_token("token")
                    .with_expiry(self.clock.now() + self.lifetime))
            })
        }
    }

    fn counting(clock: &Clock, lifetime: Duration) -> Arc<Counting> {
        Arc::new(Counting {
            clock: clock.clone(),
            lifetime,
            calls: AtomicU32::new(0),
            fail: Default::default(),
            delay: Duration::from_millis(50),
        })
    }

    fn start() -> Clock {
        Clock::starting_at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000))
    }

    #[tokio::test(start_paused = true)]
    async fn a_thousand_callers_at_expiry_cause_one_refresh() {
        let clock = start();
        let provider = counting(&clock, Duration::from_secs(3600));
        let cache = Arc::new(CredentialsCache::new(
            Vendor::Tencent,
            SharedProvider::new(Arc::clone(&provider)),
        ));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..1000 {
            let (cache, clock) = (Arc::clone(&cache), clock.clone());
            tasks.spawn(async move { cache.get(&clock).await.unwrap().id().to_owned() });
        }
        while let Some(id) = tasks.join_next().await {
            assert_eq!(id.unwrap(), "id-1");
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);

        // An hour later they have expired: again 1,000 callers, one refresh.
        clock.sleep(Duration::from_secs(3600)).await;
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..1000 {
            let (cache, clock) = (Arc::clone(&cache), clock.clone());
            tasks.spawn(async move { cache.get(&clock).await.unwrap().id().to_owned() });
        }
        while let Some(id) = tasks.join_next().await {
            assert_eq!(id.unwrap(), "id-2");
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn due_credentials_are_refreshed_by_one_caller_while_others_sign() {
        let clock = start();
        let provider = counting(&clock, Duration::from_secs(3600));
        let cache = Arc::new(CredentialsCache::new(
            Vendor::Tencent,
            SharedProvider::new(Arc::clone(&provider)),
        ));
        cache.get(&clock).await.unwrap();
        // Four minutes before expiry: due.
        clock.sleep(Duration::from_secs(3600 - 240)).await;
        let refresher = {
            let (cache, clock) = (Arc::clone(&cache), clock.clone());
            tokio::spawn(async move { cache.get(&clock).await.unwrap().id().to_owned() })
        };
        tokio::task::yield_now().await;
        // While the refresh runs, others sign at once with the current key.
        let id = cache.get(&clock).await.unwrap().id().to_owned();
        assert_eq!(id, "id-1");
        assert_eq!(refresher.await.unwrap(), "id-2");
        assert_eq!(cache.get(&clock).await.unwrap().id(), "id-2");
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_refresh_keeps_the_old_credentials_until_they_expire() {
        let clock = start();
        let provider = counting(&clock, Duration::from_secs(3600));
        let cache = Arc::new(CredentialsCache::new(
            Vendor::Tencent,
            SharedProvider::new(Arc::clone(&provider)),
        ));
        cache.get(&clock).await.unwrap();
        provider.fail.store(true, Ordering::SeqCst);
        clock.sleep(Duration::from_secs(3600 - 240)).await;
        // Due: the refresh fails, the old key is used; retried 10 s later at most.
        for _ in 0..50 {
            assert_eq!(cache.get(&clock).await.unwrap().id(), "id-1");
            clock.sleep(Duration::from_secs(1)).await;
        }
        let calls = provider.calls.load(Ordering::SeqCst);
        assert!((2..=7).contains(&calls), "{calls} refresh attempts in 50 s");
        // Past expiry there is nothing left to sign with: the error is the provider's.
        clock.sleep(Duration::from_secs(240)).await;
        let error = cache.get(&clock).await.unwrap_err();
        assert!(error.to_string().contains("refused"), "{error}");
        // And the source recovering brings new credentials.
        provider.fail.store(false, Ordering::SeqCst);
        assert!(cache.get(&clock).await.unwrap().id().starts_with("id-"));
    }

    #[tokio::test(start_paused = true)]
    async fn expired_waiters_share_one_failed_attempt() {
        let clock = start();
        let provider = counting(&clock, Duration::from_secs(60));
        provider.fail.store(true, Ordering::SeqCst);
        let cache = Arc::new(CredentialsCache::new(
            Vendor::Tencent,
            SharedProvider::new(Arc::clone(&provider)),
        ));
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..1000 {
            let (cache, clock) = (Arc::clone(&cache), clock.clone());
            tasks.spawn(async move { cache.get(&clock).await.is_err() });
        }
        while let Some(failed) = tasks.join_next().await {
            assert!(failed.unwrap());
        }
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn short_lived_credentials_are_refreshed_at_half_their_life() {
        let clock = start();
        let provider = counting(&clock, Duration::from_secs(60));
        let cache =
            CredentialsCache::new(Vendor::Tencent, SharedProvider::new(Arc::clone(&provider)));
        cache.get(&clock).await.unwrap();
        clock.sleep(Duration::from_secs(20)).await;
        cache.get(&clock).await.unwrap();
        assert_eq!(provider.calls.load(Ordering::SeqCst), 1);
        clock.sleep(Duration::from_secs(15)).await;
        cache.get(&clock).await.unwrap();
        assert_eq!(provider.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn fixed_credentials_never_refresh() {
        let cache =
            CredentialsCache::with_credentials(Vendor::Tencent, Credentials::new("AKID", "s"));
        let clock = Clock::system();
        for _ in 0..3 {
            assert_eq!(cache.get(&clock).await.unwrap().id(), "AKID");
        }
    }
}
