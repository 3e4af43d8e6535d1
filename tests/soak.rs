//! Fault soak: 2,400 calls, idempotent and not, against a loopback server
//! that injects (seeded, reproducible) resets before and after reading the
//! request, 502 HTML pages, truncated JSON, throttling and slow answers into
//! more than 30% of its responses. Prints its figures; asserts that nothing
//! panics, no call outlives its deadline, at least 99% of idempotent calls
//! succeed, no purchase is executed twice, and every failure is typed.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cloudapi::alibaba::cas::{self, CreateCertificateWithCsrRequestInput, Tag, ValidateType};
use cloudapi::tencent::ssl::*;
use cloudapi::{Config, Credentials, Endpoint, Error, RetryConfig};
use cloudapi::{ErrorCode, RateLimit};
use testkit::{FaultKind, FaultPlan, Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

const CALLS: usize = 2400;
const CONCURRENCY: usize = 24;
const SEED: u64 = 0x50A4_2026;
const BUDGET: Duration = Duration::from_secs(4);
/// Timer and scheduling slack allowed beyond the budget.
const SLACK: Duration = Duration::from_millis(250);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// SubmitCertificateInformation, CertificateOrderSubmit, UploadUpdateCertificateInstance.
    Idempotent,
    /// CreateCertificate, CreateCertificateWithCsrRequest: purchases.
    Purchase,
}

struct Outcome {
    kind: Kind,
    latency: Duration,
    /// `None` on success, else the error's kind.
    failure: Option<String>,
}

fn describe<E: ErrorCode>(error: &Error<E>) -> String {
    match error {
        Error::InvalidRequest(_) => "invalid request".into(),
        Error::Credentials(_) => "credentials".into(),
        Error::Transport(t) => format!("transport {:?}", t.kind),
        Error::Service(s) => format!("service {}", s.code().code()),
        Error::MalformedResponse(m) => format!("malformed HTTP {}", m.http_status),
        Error::WaitTimeout(_) => "wait timeout".into(),
        _ => "other".into(),
    }
}

fn config(server: &Server, credentials: Credentials) -> Config {
    Config::new()
        .credentials(credentials)
        .endpoint(Endpoint::Url(server.url()))
        .timeout(Duration::from_millis(150))
        .rate_limit(RateLimit::Disabled)
        .retry(
            RetryConfig::default()
                .max_attempts(8)
                .backoff(Duration::from_millis(2), Duration::from_millis(40))
                .budget(BUDGET),
        )
}

async fn one_call(i: usize, tencent: Client, alibaba: cas::Client) -> Outcome {
    let started = Instant::now();
    // Purchases carry the call number, so two purchases never look alike to the server.
    let (kind, failure) = match i % 10 {
        0 => (
            Kind::Purchase,
            tencent
                .create_certificate(
                    CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1)
                        .tags([Tags::new("call", i.to_string())]),
                )
                .await
                .err()
                .map(|e| describe(&e)),
        ),
        5 => (
            Kind::Purchase,
            alibaba
                .create_certificate_with_csr_request(
                    CreateCertificateWithCsrRequestInput::new(
                        "-----BEGIN CERTIFICATE REQUEST-----",
                        "Tom",
                        "139",
                        "a@b.c",
                        ValidateType::Dns,
                    )
                    .tags([Tag::new().key("call").value(i.to_string())]),
                )
                .await
                .err()
                .map(|e| describe(&e)),
        ),
        1 | 4 | 7 => (
            Kind::Idempotent,
            tencent
                .certificate_order_submit(CertificateOrderSubmitRequest::new(format!("cert-{i}")))
                .await
                .err()
                .map(|e| describe(&e)),
        ),
        2 | 6 | 9 => (
            Kind::Idempotent,
            tencent
                .submit_certificate_information(
                    SubmitCertificateInformationRequest::new(format!("cert-{i}"))
                        .key_password("pw"),
                )
                .await
                .err()
                .map(|e| describe(&e)),
        ),
        _ => (
            Kind::Idempotent,
            tencent
                .upload_update_certificate_instance(UploadUpdateCertificateInstanceRequest::new(
                    format!("cert-{i}"),
                    [ResourceType::Clb],
                    "cert",
                    "key",
                ))
                .await
                .err()
                .map(|e| describe(&e)),
        ),
    };
    Outcome {
        kind,
        latency: started.elapsed(),
        failure,
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_survives_a_fault_storm() {
    // Every call names its own certificate; none needs to exist first.
    let server = Server::start_with(ServerConfig::new().track_resources(false))
        .await
        .unwrap();
    let mut plan = FaultPlan::new(SEED);
    plan.weights = vec![
        (FaultKind::ResetAfterRead, 0.06),
        (FaultKind::BadGatewayHtml, 0.07),
        (FaultKind::TruncatedJson, 0.06),
        (FaultKind::Throttled, 0.07),
        (FaultKind::Delay, 0.05),
        (FaultKind::ResetBeforeRead, 0.10),
    ];
    plan.delay = Duration::from_millis(300); // twice the client's 150 ms attempt timeout
    plan.close_after_response = 0.15; // new connections often, so resets at accept time happen
    server.set_random_faults(plan);

    let tencent = Client::new(config(
        &server,
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
    ))
    .unwrap();
    let alibaba = cas::Client::new(config(
        &server,
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
    ))
    .unwrap();
    let permits = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..CALLS {
        let permit = Arc::clone(&permits).acquire_owned().await.unwrap();
        let (tencent, alibaba) = (tencent.clone(), alibaba.clone());
        tasks.spawn(async move {
            let outcome = one_call(i, tencent, alibaba).await;
            drop(permit);
            outcome
        });
    }
    let mut outcomes = Vec::with_capacity(CALLS);
    while let Some(joined) = tasks.join_next().await {
        outcomes.push(joined.expect("no call panics"));
    }
    let wall = started.elapsed();
    let stats = server.stats();

    let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.latency).collect();
    latencies.sort();
    let mut by_kind: BTreeMap<Kind, (usize, usize)> = BTreeMap::new();
    let mut failures: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    for o in &outcomes {
        let entry = by_kind.entry(o.kind).or_default();
        entry.0 += 1;
        match &o.failure {
            None => entry.1 += 1,
            Some(f) => *failures.entry((o.kind, f.clone())).or_default() += 1,
        }
    }
    let injected: u64 = stats.faults.values().sum();
    let answered = stats.requests
        + stats
            .faults
            .get(&FaultKind::ResetBeforeRead)
            .copied()
            .unwrap_or(0);
    println!("soak: seed {SEED:#x}, {CALLS} calls ({CONCURRENCY} at a time) in {wall:.2?}");
    println!(
        "  server: {} requests read, {} connections, faults injected {injected} ({:.1}% of {answered} responses)",
        stats.requests,
        stats.connections,
        100.0 * injected as f64 / answered as f64
    );
    for (kind, n) in &stats.faults {
        println!("    {kind:?}: {n}");
    }
    println!(
        "  retries: {} requests reached the server for {CALLS} calls (+{} connections reset before reading)",
        stats.requests,
        stats
            .faults
            .get(&FaultKind::ResetBeforeRead)
            .copied()
            .unwrap_or(0)
    );
    for (kind, (calls, ok)) in &by_kind {
        println!(
            "  {kind:?}: {ok}/{calls} succeeded ({:.2}%)",
            100.0 * *ok as f64 / *calls as f64
        );
    }
    for ((kind, failure), n) in &failures {
        println!("    failed {kind:?}: {failure} × {n}");
    }
    println!(
        "  duplicate purchases executed: {}",
        stats.non_idempotent_duplicates
    );
    println!(
        "  latency p50 {:.1?}, p99 {:.1?}, max {:.1?} (budget {BUDGET:?})",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies[latencies.len() - 1]
    );

    assert!(
        injected as f64 / answered as f64 >= 0.30,
        "at least 30% of responses faulted"
    );
    assert!(
        latencies[latencies.len() - 1] <= BUDGET + SLACK,
        "a call outlived its deadline"
    );
    let (calls, ok) = by_kind[&Kind::Idempotent];
    assert!(
        ok as f64 >= 0.99 * calls as f64,
        "only {ok} of {calls} idempotent calls succeeded"
    );
    assert_eq!(
        stats.non_idempotent_duplicates, 0,
        "a purchase was executed twice"
    );
    let expected_purchase_failures = [
        "transport Reset",
        "transport Timeout",
        "transport Other",
        "malformed HTTP 200",
        "malformed HTTP 502",
    ];
    for (kind, failure) in failures.keys() {
        let typed = match kind {
            Kind::Purchase => {
                expected_purchase_failures.contains(&failure.as_str())
                    || failure.starts_with("service ")
            }
            Kind::Idempotent => {
                failure.starts_with("transport")
                    || failure.starts_with("malformed")
                    || failure.starts_with("service")
            }
        };
        assert!(typed, "unexpected failure kind for {kind:?}: {failure}");
    }
    assert_eq!(
        stats.signature_failures, 0,
        "every attempt was signed correctly"
    );
}
