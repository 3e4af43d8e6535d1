//! Server configuration: which spec, which keys, which clock, which port.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::catalog::SpecSource;
use crate::log::Refusal;

/// The access key id every server started with [`ServerConfig::new`] accepts, for both
/// vendors; [`crate::Server::config`] signs with it. (Tencent's published example key.)
pub const TEST_KEY_ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
/// The secret of [`TEST_KEY_ID`].
pub const TEST_KEY_SECRET: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

/// A key the server accepts: its secret and, for temporary credentials, the token that must
/// accompany every request signed with it.
#[derive(Clone, Debug)]
pub(crate) struct Credential {
    pub(crate) secret: String,
    pub(crate) token: Option<String>,
}

/// Called with each refusal as it happens.
#[derive(Clone)]
pub(crate) struct RefusalHook(pub(crate) Arc<dyn Fn(&Refusal) + Send + Sync>);

impl fmt::Debug for RefusalHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefusalHook")
    }
}

/// How a [`crate::Server`] behaves, built with chained calls:
/// `ServerConfig::new().spec_dir("spec").port(8080)`.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub(crate) spec: SpecSource,
    pub(crate) tencent_keys: HashMap<String, Credential>,
    pub(crate) alibaba_keys: HashMap<String, Credential>,
    pub(crate) clock_offset: i64,
    pub(crate) max_skew: Duration,
    pub(crate) request_id_seed: Option<u64>,
    pub(crate) port: u16,
    pub(crate) track_resources: bool,
    pub(crate) on_refusal: Option<RefusalHook>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self::new()
    }
}

impl ServerConfig {
    /// The defaults: the spec built into the `cloudapi` crate, the test key
    /// ([`TEST_KEY_ID`]/[`TEST_KEY_SECRET`]) for both vendors, the real clock with the
    /// vendors' 5-minute allowed skew, a free port, resources tracked.
    pub fn new() -> Self {
        let test_key =
            || HashMap::from([(TEST_KEY_ID.to_owned(), credential(TEST_KEY_SECRET, None))]);
        Self {
            spec: SpecSource::Builtin,
            tencent_keys: test_key(),
            alibaba_keys: test_key(),
            clock_offset: 0,
            // Both vendors document a 5-minute window for the request time.
            max_skew: Duration::from_secs(300),
            request_id_seed: None,
            port: 0,
            track_resources: true,
            on_refusal: None,
        }
    }

    /// Reads the spec from a `spec/` folder (`<vendor>/<product>/service.json`, `actions/`,
    /// `types/`, curated by `overlay/`) when the server starts, instead of the built-in one;
    /// it is checked and merged exactly as `cargo xtask gen` does, and a broken file is an
    /// error naming it, its JSON path and line.
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec = SpecSource::Dir(dir.into());
        self
    }

    /// Uses the spec bundle another generated crate embeds (its `SPEC` constant, with its
    /// `testkit` feature), instead of the built-in one; parsed once per process.
    pub fn spec_json(mut self, bundle: &'static str) -> Self {
        self.spec = SpecSource::Json(bundle);
        self
    }

    /// Also accepts a Tencent key; with `token`, requests must carry it in `X-TC-Token`.
    /// A key with the id of one already accepted replaces it.
    pub fn tencent_key(mut self, id: &str, secret: &str, token: Option<&str>) -> Self {
        self.tencent_keys
            .insert(id.to_owned(), credential(secret, token));
        self
    }

    /// Also accepts an Alibaba key; with `token`, requests must carry it in
    /// `x-acs-security-token`. A key with the id of one already accepted replaces it.
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

    /// Seeds the generator of `RequestId`s so that a run's answers are reproducible; without
    /// it the seed comes from the system clock.
    pub fn request_id_seed(mut self, seed: u64) -> Self {
        self.request_id_seed = Some(seed);
        self
    }

    /// Listens on this port of 127.0.0.1 (default 0: a free one, see [`crate::Server::url`]).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Whether the server keeps track of the resources its actions create and name (on by
    /// default): an action naming an unknown resource then answers the vendor's not-found
    /// error, and the DNS records actions answer from the records kept. Off, every action
    /// answers the spec's example. See [`crate::Server::add_resource`] and
    /// [`crate::Server::add_dns_record`].
    pub fn track_resources(mut self, on: bool) -> Self {
        self.track_resources = on;
        self
    }

    /// Calls `hook` with each request refused by the server's checks, as it happens (the
    /// standalone binary prints them).
    pub fn on_refusal(mut self, hook: impl Fn(&Refusal) + Send + Sync + 'static) -> Self {
        self.on_refusal = Some(RefusalHook(Arc::new(hook)));
        self
    }
}

fn credential(secret: &str, token: Option<&str>) -> Credential {
    Credential {
        secret: secret.to_owned(),
        token: token.map(str::to_owned),
    }
}
