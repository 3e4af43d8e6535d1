//! The common client's calls are traced like generated ones (a
//! `cloudapi.call` span naming product and action, each retry), and no
//! secret shows in the logs or in `Debug`. Alone in its test binary: a
//! subscriber set for one thread misses events whose interest other tests'
//! threads cached first.

use std::future::IntoFuture;
use std::io::Write;
use std::sync::{Arc, Mutex};

use cloudapi::{Credentials, tencent};
use harness::NoEnvironment;
use serde_json::json;
use testkit::{Fault, Server};

/// Everything a tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn calls_are_traced_by_product_and_action_without_the_secret() {
    const SECRET: &str = "common-client-secret-Rr4";
    const TOKEN: &str = "common-client-token-Gk8";
    // The server runs on its own runtime, so the subscriber (set for this
    // thread only) records the client alone.
    let server_runtime = tokio::runtime::Runtime::new().unwrap();
    let server = server_runtime
        .block_on(Server::start_with(
            harness::unlisted_products().tencent_key("AKIDcommonclient", SECRET, Some(TOKEN)),
        ))
        .unwrap();
    let credentials = Credentials::new("AKIDcommonclient", SECRET).with_token(TOKEN);
    let config = harness::config(&server, credentials).environment(NoEnvironment);
    let client = tencent::CommonClient::new(config).unwrap();
    let cvm = client.product("cvm", "2017-03-12").unwrap();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let internal_error = Fault::ServiceError {
        code: "InternalError".into(),
        message: "boom".into(),
        status: None,
    };
    server.push_fault("DescribeRegions", internal_error);
    let answer = tracing::subscriber::with_default(subscriber, || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(
            cvm.call("DescribeRegions", &json!({}))
                .idempotent(true)
                .into_future(),
        )
    });
    let answer = answer.unwrap();
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "cloudapi.call",
        "cvm",
        "DescribeRegions",
        "retrying",
        "call succeeded",
    ] {
        assert!(logs.contains(expected), "no `{expected}` in:\n{logs}");
    }
    let everything = format!("{logs}\n{answer:?}\n{cvm:?}\n{client:?}");
    for secret in [SECRET, TOKEN] {
        assert!(
            !everything.contains(secret),
            "`{secret}` was printed:\n{everything}"
        );
    }
}
