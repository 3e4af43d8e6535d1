//! Client configuration: credentials, region, endpoint, timeouts, language,
//! HTTP client, retries, rate limits and clock. Plain data with chained setters;
//! nothing here can fail until a client is built from it.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::clock::Clock;
use super::credential_types::cache::SharedCaches;
use super::credential_types::key::Credentials;
use super::credential_types::provider::{ProvideCredentials, SharedProvider};
use super::environment::Environment;
use super::proxy::Proxy;
use super::waiter::options::WaitOptions;

/// Which host a client talks to.
///
/// `Debug` shows a URL without user information, query or fragment.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Endpoint {
    /// The product's default host; for products with regional hosts, the
    /// host of the configured region when there is one.
    #[default]
    Default,
    /// The international site (e.g. `ssl.intl.tencentcloudapi.com`).
    International,
    /// The host in the configured region: Tencent Cloud's
    /// `<product>.<region>.tencentcloudapi.com` (instead of the nearest
    /// access point), Alibaba Cloud's regional endpoint. Needs a region.
    Regional,
    /// Any URL, e.g. a proxy or `http://127.0.0.1:8080` for tests.
    Url(String),
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Default => f.write_str("Default"),
            Endpoint::International => f.write_str("International"),
            Endpoint::Regional => f.write_str("Regional"),
            Endpoint::Url(url) => f
                .debug_tuple("Url")
                .field(&crate::redact::shown_url(url))
                .finish(),
        }
    }
}

/// Language of the server's messages (Tencent Cloud `X-TC-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Language {
    /// Simplified Chinese, `zh-CN`.
    ZhCn,
    /// English, `en-US`.
    EnUs,
}

impl Language {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// Retries: exponential backoff with full jitter, bounded by a number of
/// attempts and a total time budget. Which failures are retried depends on
/// the action: see the [crate documentation](crate#retries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts including the first; 1 disables retries.
    pub max_attempts: u32,
    /// Upper bound of the first backoff; doubles per retry.
    pub initial_backoff: Duration,
    /// Upper bound of any backoff.
    pub max_backoff: Duration,
    /// Deadline of the whole call, all attempts and backoffs included.
    pub budget: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(8),
            budget: Duration::from_secs(120),
        }
    }
}

impl RetryConfig {
    /// One attempt, no retries (the budget still bounds the call).
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// Sets the number of attempts, including the first (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the backoff bounds.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets the deadline of a whole call.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }
}

/// Client-side pacing of requests per action.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub enum RateLimit {
    /// Each action at its documented rate (e.g. 20 per second), evenly spaced.
    #[default]
    Documented,
    /// No pacing.
    Disabled,
    /// Every action at this many requests per second.
    PerSecond(f64),
}

/// How clients are built; see the setters.
///
/// Every client built from one configuration, or from clones of it, shares
/// one credentials cache per vendor: a temporary key (a role, OIDC, an
/// instance's metadata) is fetched once at start and once per expiry, however
/// many products' clients sign with it. A setter about credentials (the
/// credentials, a provider, the environment, the clock, the HTTP client,
/// proxy, root certificates and connect timeout) starts a new cache.
#[derive(Clone, Default)]
pub struct Config {
    pub(crate) credentials: Option<Credentials>,
    pub(crate) provider: Option<SharedProvider>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Endpoint,
    pub(crate) domain_suffix: Option<String>,
    pub(crate) language: Option<Language>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) http_client: Option<reqwest::Client>,
    pub(crate) proxy: Proxy,
    pub(crate) root_certificates: Vec<Vec<u8>>,
    pub(crate) environment: Option<Arc<dyn Environment>>,
    pub(crate) retry: RetryConfig,
    pub(crate) rate_limit: RateLimit,
    pub(crate) waits: WaitOptions,
    pub(crate) clock: Clock,
    /// Shared by the clones of this configuration; see [`SharedCaches`].
    pub(crate) caches: SharedCaches,
}

/// Per-attempt timeout unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Connect timeout unless configured.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Config {
    /// Defaults: credentials from the vendor's default chain (environment,
    /// files, roles, instance metadata; looked up at the first call), region from the environment, the default
    /// endpoint, 60 s per attempt, documented rate limits, 5 attempts.
    pub fn new() -> Self {
        Config::default()
    }

    /// Uses these credentials instead of looking them up.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self.provider = None;
        self.with_new_caches()
    }

    /// Takes credentials from `provider` (a role, a metadata service, a
    /// chain of your own): fetched at the first call, refreshed before they
    /// expire, once for all concurrent calls. See [`credentials`](crate::credentials).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials) -> Self {
        self.provider = Some(SharedProvider::new(provider));
        self.credentials = None;
        self.with_new_caches()
    }

    /// Sets the region (Tencent `X-TC-Region`; Alibaba regional endpoint).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Chooses the host.
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Replaces the vendor's API domain (`tencentcloudapi.com`,
    /// `aliyuncs.com`) in every host with `suffix`, e.g. for a private
    /// access point: `ssl.tencentcloudapi.com` becomes `ssl.<suffix>`.
    pub fn domain_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.domain_suffix = Some(suffix.into());
        self
    }

    /// Sets the language of server messages.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets the timeout of one attempt, from sending to the last byte of the answer.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the connect timeout (ignored with a caller-supplied HTTP client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self.with_new_caches()
    }

    /// Uses this HTTP client (proxy, TLS settings, connection pool) instead of
    /// building one; start from [`http_client_builder`](crate::http_client_builder),
    /// which follows no redirects. A client that follows them would send the
    /// token headers (and, on 307 and 308, the signed body) to whatever host
    /// a redirect names.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self.with_new_caches()
    }

    /// Sends requests through this proxy instead of the one the
    /// environment names (ignored with a caller-supplied HTTP client).
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = proxy;
        self.with_new_caches()
    }

    /// Also trusts the certificate authorities in `pem` (one or more PEM
    /// certificates), e.g. a corporate TLS-inspecting proxy's (ignored with
    /// a caller-supplied HTTP client).
    pub fn root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self.with_new_caches()
    }

    /// Reads environment variables (region, proxies, the default credential
    /// chain's sources) and the home directory from `env` instead of the
    /// process, e.g. in tests.
    pub fn environment(mut self, env: impl Environment + 'static) -> Self {
        self.environment = Some(Arc::new(env));
        self.with_new_caches()
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Sets client-side pacing.
    pub fn rate_limit(mut self, rate_limit: RateLimit) -> Self {
        self.rate_limit = rate_limit;
        self
    }

    /// Delays and deadline for every waiter of the clients built from this
    /// configuration: what a waiter call's own options leave unset comes
    /// from here, and what this leaves unset from the waiter's spec. A test
    /// against a local server sets short delays here once instead of at
    /// every waiter call.
    pub fn wait_options(mut self, options: WaitOptions) -> Self {
        self.waits = options;
        self
    }

    /// Uses this clock for signatures, deadlines, retries, pacing and waiters
    /// instead of the system's (for tests that control time).
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self.with_new_caches()
    }

    /// This configuration with a credentials cache of its own: after a
    /// change to where credentials come from or how they are fetched, the
    /// clients built from it must not share the cache of clients built
    /// before the change.
    fn with_new_caches(mut self) -> Self {
        self.caches = SharedCaches::default();
        self
    }

    /// The configured region, if any.
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The per-attempt timeout in effect.
    pub fn attempt_timeout(&self) -> Duration {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT)
    }

    /// The retry policy in effect.
    pub fn retry_config(&self) -> RetryConfig {
        self.retry
    }

    /// The waiter options every waiter call falls back to.
    pub fn wait_config(&self) -> WaitOptions {
        self.waits
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("credentials", &self.credentials)
            .field("credentials_provider", &self.provider)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("domain_suffix", &self.domain_suffix)
            .field("language", &self.language)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field(
                "http_client",
                &self.http_client.as_ref().map(|_| "caller-supplied"),
            )
            .field("proxy", &self.proxy)
            .field("root_certificates", &self.root_certificates.len())
            .field(
                "environment",
                &self.environment.as_ref().map(|_| "caller-supplied"),
            )
            .field("retry", &self.retry)
            .field("waits", &self.waits)
            .field("rate_limit", &self.rate_limit)
            .field("clock", &self.clock)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_url_is_shown_without_its_password() {
        let endpoint = Endpoint::Url("https://admin:hunter2@gw.example.com/?key=k".into());
        assert_eq!(format!("{endpoint:?}"), r#"Url("https://gw.example.com/")"#);
        assert_eq!(format!("{:?}", Endpoint::Regional), "Regional");
    }
}
