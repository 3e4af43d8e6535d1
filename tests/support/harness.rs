//! The project's own test helpers: a testkit server, clients pointed at it
//! with a short timeout, and copies of spec trees.

use std::path::{Path, PathBuf};
use std::time::Duration;

use cloudapi::runtime::credentials::Environment;
use cloudapi::{Config, Credentials, Endpoint, RateLimit, RetryConfig};
use testkit::{Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

/// A server with the defaults applications get: the spec built into `cloudapi`, the test key.
pub async fn server() -> Server {
    Server::start().await.expect("the testkit server starts")
}

/// Configuration for `server` with the given credentials, no pacing and a short timeout
/// (shorter than `server.config()`'s, for the tests of delays).
pub fn config(server: &Server, credentials: Credentials) -> Config {
    Config::new()
        .credentials(credentials)
        .endpoint(Endpoint::Url(server.url()))
        .timeout(Duration::from_millis(500))
        .rate_limit(RateLimit::Disabled)
        .retry(RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(5)))
}

/// A Tencent Cloud SSL client for `server`, with the test keys.
pub fn tencent(server: &Server) -> cloudapi::tencent::ssl::Client {
    cloudapi::tencent::ssl::Client::new(config(
        server,
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
    ))
    .expect("client builds")
}

/// An Alibaba Cloud CAS client for `server`, with the test keys.
pub fn alibaba(server: &Server) -> cloudapi::alibaba::cas::Client {
    cloudapi::alibaba::cas::Client::new(config(
        server,
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
    ))
    .expect("client builds")
}

/// A server for the common clients' tests: it serves products that `spec/`
/// does not describe (Tencent Cloud `cvm`, Alibaba Cloud `ecs`), from
/// `tests/fixtures/common-client/spec`.
pub fn unlisted_products() -> ServerConfig {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/common-client/spec");
    ServerConfig::new().spec_dir(spec)
}

/// An environment without variables or home: no region, proxy or key comes
/// from the process running the tests.
#[derive(Debug, Clone, Copy)]
pub struct NoEnvironment;

impl Environment for NoEnvironment {
    fn var(&self, _: &str) -> Option<String> {
        None
    }

    fn home_dir(&self) -> Option<PathBuf> {
        None
    }
}

/// Retries off: each fault shows up as the error it causes.
pub fn once() -> RetryConfig {
    RetryConfig::disabled()
}

/// Copies the folder `from` (a spec tree, a crate's sources) to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
