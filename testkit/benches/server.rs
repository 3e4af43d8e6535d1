//! Start-up time and request throughput of the local endpoint (`cargo bench -p testkit`).
//!
//! - `start/builtin_spec`: `Server::start()` and its shutdown; the built-in spec is parsed
//!   once per process, so this is what every test after the first pays.
//! - `start/spec_folder`: the same, reading and parsing the project's `spec/` folder each time.
//! - `requests_10000_one_connection/generated_client`: 10,000 sequential
//!   `certificate_order_submit` calls through the generated client (validate, encode, sign,
//!   send, verify, check, answer, decode) on one keep-alive connection.
//! - `requests_10000_one_connection/raw_http`: the same request, signed once, sent 10,000
//!   times with raw reqwest.
//!
//! Client and server share one thread (a current-thread runtime, like `#[tokio::test]`):
//! on a 2-core VM, cross-CPU wake-ups would otherwise dominate the figures.

use std::time::{Duration, Instant};

use cloudapi::runtime::sign::tc3;
use cloudapi::tencent::ssl::{CertificateOrderSubmitRequest, Client, VerifyType};
use criterion::{Criterion, criterion_group, criterion_main};
use testkit::{Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};
use tokio::runtime::Runtime;

const REQUESTS: usize = 10_000;

/// Client and server on one thread, as in a `#[tokio::test]`: no cross-CPU wake-ups.
fn runtime() -> Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn start(c: &mut Criterion) {
    let runtime = runtime();
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
    // The first start parses the built-in spec; the benchmark measures the starts after it.
    runtime.block_on(async { Server::start().await.expect("starts").shutdown().await });
    let mut group = c.benchmark_group("start");
    group.bench_function("builtin_spec", |b| {
        b.iter(|| {
            runtime.block_on(async { Server::start().await.expect("starts").shutdown().await })
        })
    });
    group.bench_function("spec_folder", |b| {
        b.iter(|| {
            runtime.block_on(async {
                Server::start_with(ServerConfig::new().spec_dir(spec))
                    .await
                    .expect("starts")
                    .shutdown()
                    .await
            })
        })
    });
    group.finish();
}

fn request() -> CertificateOrderSubmitRequest {
    CertificateOrderSubmitRequest::new("Dsqef134").verify_type(VerifyType::Dns)
}

/// `REQUESTS` calls through the generated client, against a fresh server (started untimed).
async fn through_the_client() -> Duration {
    let server = Server::start().await.expect("starts");
    let client = Client::new(server.config()).expect("client");
    let started = Instant::now();
    for _ in 0..REQUESTS {
        let answer = client.certificate_order_submit(request()).await;
        std::hint::black_box(answer.expect("accepted"));
    }
    let elapsed = started.elapsed();
    assert_eq!(server.stats().connections, 1, "one keep-alive connection");
    assert_eq!(server.stats().refused, 0);
    elapsed
}

/// `REQUESTS` sends of one request signed in advance, with raw reqwest.
async fn raw() -> Duration {
    let server = Server::start().await.expect("starts");
    let http = cloudapi::http_client_builder().build().expect("client");
    let body = br#"{"CertId":"Dsqef134","VerifyType":"DNS"}"#.to_vec();
    let host = server.addr().to_string();
    let date = time::OffsetDateTime::now_utc();
    let now = date.unix_timestamp();
    let date = format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    );
    let key = tc3::SigningKey::derive(TEST_KEY_SECRET, &date, "ssl");
    let headers = [
        ("content-type", "application/json; charset=utf-8"),
        ("host", host.as_str()),
        ("x-tc-action", "CertificateOrderSubmit"),
    ];
    let signed = tc3::Tc3Request {
        method: "POST",
        canonical_uri: "/",
        canonical_query: "",
        headers: &headers,
        payload: &body,
    };
    let authorization = tc3::authorization(TEST_KEY_ID, &key, now, &signed);
    let prepared = http
        .post(format!("{}/", server.url()))
        .header("content-type", "application/json; charset=utf-8")
        .header("x-tc-action", "CertificateOrderSubmit")
        .header("x-tc-version", "2019-12-05")
        .header("x-tc-timestamp", now.to_string())
        .header("authorization", authorization)
        .body(body)
        .build()
        .expect("request");
    let started = Instant::now();
    for _ in 0..REQUESTS {
        let request = prepared.try_clone().expect("clonable");
        let response = http.execute(request).await.expect("sent");
        std::hint::black_box(response.bytes().await.expect("body"));
    }
    let elapsed = started.elapsed();
    assert_eq!(server.stats().connections, 1, "one keep-alive connection");
    assert_eq!(server.stats().refused, 0, "{:?}", server.refusals().first());
    elapsed
}

fn throughput(c: &mut Criterion) {
    let runtime = runtime();
    let mut group = c.benchmark_group("requests_10000_one_connection");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("generated_client", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| runtime.block_on(through_the_client()))
                .sum()
        })
    });
    group.bench_function("raw_http", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| runtime.block_on(raw())).sum())
    });
    group.finish();
}

criterion_group!(benches, start, throughput);
criterion_main!(benches);
