//! Server configuration: spec location, accepted keys and clock behaviour.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// SecretId of the built-in Tencent test key (the published TC3 vector B key).
pub const TEST_TENCENT_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
/// SecretKey of the built-in Tencent test key.
pub const TEST_TENCENT_SECRET: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
/// AccessKeyId of the built-in Alibaba test key (the published ACS3 vector key).
pub const TEST_ALIBABA_ID: &str = "YourAccessKeyId";
/// AccessKeySecret of the built-in Alibaba test key.
pub const TEST_ALIBABA_SECRET: &str = "YourAccessKeySecret";

/// A key the server accepts: its secret and, for temporary credentials, the token that must
/// accompany every request signed with it.
#[derive(Clone, Debug)]
pub(crate) struct Credential {
    pub(crate) secret: String,
    pub(crate) token: Option<String>,
}

/// How a [`crate::Server`] behaves; built with chained calls, e.g.
/// `ServerConfig::new(spec_dir()).with_test_keys()`.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub(crate) spec_dir: PathBuf,
    pub(crate) tencent_keys: HashMap<String, Credential>,
    pub(crate) alibaba_keys: HashMap<String, Credential>,
    pub(crate) clock_offset: i64,
    pub(crate) max_skew: Duration,
    pub(crate) request_id_seed: Option<u64>,
}

impl ServerConfig {
    /// A configuration reading the spec from `spec_dir`, with no keys yet (every request then
    /// fails authentication), the real clock and a 5-minute allowed skew.
    pub fn new(spec_dir: impl Into<PathBuf>) -> Self {
        Self {
            spec_dir: spec_dir.into(),
            tencent_keys: HashMap::new(),
            alibaba_keys: HashMap::new(),
            clock_offset: 0,
            // Both vendors document a 5-minute window for the request time.
            max_skew: Duration::from_secs(300),
            request_id_seed: None,
        }
    }

    /// Adds the keys [`TEST_TENCENT_ID`]/[`TEST_TENCENT_SECRET`] and
    /// [`TEST_ALIBABA_ID`]/[`TEST_ALIBABA_SECRET`], both without token.
    pub fn with_test_keys(self) -> Self {
        self.tencent_key(TEST_TENCENT_ID, TEST_TENCENT_SECRET, None)
            .alibaba_key(TEST_ALIBABA_ID, TEST_ALIBABA_SECRET, None)
    }

    /// Accepts a Tencent key; with `token`, requests must carry it in `X-TC-Token`.
    pub fn tencent_key(mut self, id: &str, secret: &str, token: Option<&str>) -> Self {
        self.tencent_keys
            .insert(id.to_owned(), credential(secret, token));
        self
    }

    /// Accepts an Alibaba key; with `token`, requests must carry it in `x-acs-security-token`.
    pub fn alibaba_key(mut self, id: &str, secret: &str, token: Option<&str>) -> Self {
        self.alibaba_keys
            .insert(id.to_owned(), credential(secret, token));
        self
    }

    /// Shifts the server's clock by `seconds` (positive: the server is ahead), so that tests can
    /// provoke the vendors' clock-skew rejection without touching the client's clock.
    pub fn clock_offset(mut self, seconds: i64) -> Self {
        self.clock_offset = seconds;
        self
    }

    /// The largest accepted distance between the request time and the server clock, for both
    /// vendors (default 5 minutes).
    pub fn max_skew(mut self, d: Duration) -> Self {
        self.max_skew = d;
        self
    }

    /// Seeds the generator of error `RequestId`s so that a run's error bodies are reproducible;
    /// without it the seed comes from the system clock.
    pub fn request_id_seed(mut self, seed: u64) -> Self {
        self.request_id_seed = Some(seed);
        self
    }
}

fn credential(secret: &str, token: Option<&str>) -> Credential {
    Credential {
        secret: secret.to_owned(),
        token: token.map(str::to_owned),
    }
}
