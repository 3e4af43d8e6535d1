//! Fault soak: 2,400 calls, idempotent and not, against a loopback server
//! that injects (seeded, reproducible) resets before and after reading the
//! request, 502 HTML pages, truncated JSON, throttling and slow answers into
//! more than 30% of its responses. The credentials are temporary and valid
//! for 2 seconds, so they expire many times during the run, and each
//! refresh brings a new key (ID, secret and token), as STS does: Alibaba's
//! come from a credentials URI on 127.0.0.1, Tencent's from a provider
//! written here. Prints its figures; asserts that nothing panics, no call outlives
//! its deadline, at least 99% of idempotent calls succeed, no purchase is
//! executed twice, every failure is typed, no call lacks credentials, and
//! refreshes stay within one per half-life.
//!
//! The run is timed on tokio's paused clock, which the clients' clock
//! follows: the attempt timeouts, slow answers, backoffs, credential
//! lifetimes and deadlines are the client's time, so a call times out only
//! when its answer was delayed on purpose, and the deadline holds exactly,
//! however loaded the machine. Both servers run on the test's one thread,
//! so a request written to the loopback socket is read before the runtime
//! next waits, and paused time moves only when every task waits for a timer.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use cloudapi::alibaba::cas::{self, CreateCertificateWithCsrRequestInput, Tag, ValidateType};
use cloudapi::runtime::credentials::{
    CredentialsFuture, CredentialsUriProvider, ProvideCredentials,
};
use cloudapi::tencent::ssl::*;
use cloudapi::{Clock, Config, Credentials, Endpoint, Error, RetryConfig};
use cloudapi::{ErrorCode, RateLimit};
use testkit::{FaultKind, FaultPlan, Server, ServerConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::Instant;

const CALLS: usize = 2400;
const CONCURRENCY: usize = 24;
/// Calls start in bursts of [`CONCURRENCY`], this far apart. On the paused
/// clock only timers take time, not the work of a call: without the spacing,
/// the run would be over in about a second of the clients' time, before the
/// credentials had expired more than once. With it, the run lasts about 12
/// seconds, and each burst's calls still run at once.
const BURST_EVERY: Duration = Duration::from_millis(120);
const SEED: u64 = 0x50A4_2026;
const BUDGET: Duration = Duration::from_secs(4);

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

/// How long the temporary credentials live.
const LIFETIME: Duration = Duration::from_secs(2);

/// When credentials handed out now expire, on the clients' clock. The
/// format has whole seconds: rounded up, so that they live at least
/// [`LIFETIME`] (and less than a second more), and are refreshed at most
/// once a second, like the Tencent ones.
fn expiry(clock: &Clock) -> String {
    let at = time::OffsetDateTime::from(clock.now() + LIFETIME);
    let at = match at.nanosecond() {
        0 => at,
        _ => at.replace_nanosecond(0).unwrap() + time::Duration::SECOND,
    };
    at.format(&time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
    ))
    .unwrap()
}

/// How many different temporary keys the sources hand out, in turn; the
/// server accepts each of them.
const KEYS: u32 = 16;

/// The `n`th temporary key of a vendor: ID, secret and token all change.
fn key(vendor: &str, n: u32) -> (String, String, String) {
    let n = n % KEYS;
    (
        format!("{vendor}-soak-id-{n}"),
        format!("{vendor}-soak-secret-{n}"),
        format!("{vendor}-soak-token-{n}"),
    )
}

/// Tencent's temporary key, from a source that takes a moment to answer.
#[derive(Debug)]
struct Rotating {
    fetches: Arc<AtomicU32>,
    clock: Clock,
}

impl ProvideCredentials for Rotating {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let n = self.fetches.fetch_add(1, Ordering::SeqCst);
            self.clock.sleep(Duration::from_millis(5)).await;
            let (id, secret, token) = key("tencent", n);
            Ok(Credentials::new(id, secret)
                .with_token(token)
                .with_expiry(self.clock.now() + LIFETIME))
        })
    }
}

/// Alibaba's temporary key, from a credentials URI on 127.0.0.1 served on
/// this runtime (a thread of its own would answer in real time, while the
/// paused clock moves on); counts requests.
async fn credentials_uri(count: Arc<AtomicU32>, clock: Clock) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let _ = stream.read(&mut [0u8; 4096]).await;
            let (id, secret, token) = key("alibaba", count.fetch_add(1, Ordering::SeqCst));
            let body = serde_json::json!({"AccessKeyId": id, "AccessKeySecret": secret,
                                          "SecurityToken": token, "Expiration": expiry(&clock)})
            .to_string();
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    });
    url
}

fn config(server: &Server, credentials: impl ProvideCredentials, clock: &Clock) -> Config {
    Config::new()
        .credentials_provider(credentials)
        .clock(clock.clone())
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

#[tokio::test(start_paused = true)]
async fn the_client_survives_a_fault_storm() {
    // Signatures and credential expiry read the wall time: here it starts
    // now and moves on with the paused clock.
    let clock = Clock::starting_at(SystemTime::now());
    let real_started = std::time::Instant::now();
    // Every call names its own certificate; none needs to exist first.
    let server = Server::start_with((0..KEYS).fold(
        ServerConfig::new().track_resources(false),
        |config, n| {
            let (tencent, alibaba) = (key("tencent", n), key("alibaba", n));
            config
                .tencent_key(&tencent.0, &tencent.1, Some(&tencent.2))
                .alibaba_key(&alibaba.0, &alibaba.1, Some(&alibaba.2))
        },
    ))
    .await
    .unwrap();
    let (tencent_fetches, alibaba_fetches) =
        (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
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

    let rotating = Rotating {
        fetches: Arc::clone(&tencent_fetches),
        clock: clock.clone(),
    };
    let tencent = Client::new(config(&server, rotating, &clock)).unwrap();
    let uri = credentials_uri(Arc::clone(&alibaba_fetches), clock.clone()).await;
    let alibaba =
        cas::Client::new(config(&server, CredentialsUriProvider::new(uri), &clock)).unwrap();
    let permits = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..CALLS {
        if i > 0 && i % CONCURRENCY == 0 {
            clock.sleep(BURST_EVERY).await;
        }
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
    let real = real_started.elapsed();
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
    println!(
        "soak: seed {SEED:#x}, {CALLS} calls ({CONCURRENCY} at a time) in {wall:.2?} of the clients' time ({real:.2?} real)"
    );
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
    // No slack for late wake-ups: on the paused clock a call's time is that
    // of its timers, which a loaded machine does not lengthen.
    assert!(
        latencies[latencies.len() - 1] <= BUDGET,
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
    let (tencent_fetches, alibaba_fetches) = (
        tencent_fetches.load(Ordering::SeqCst),
        alibaba_fetches.load(Ordering::SeqCst),
    );
    println!(
        "  credentials valid {LIFETIME:?}: fetched {tencent_fetches} times (Tencent), {alibaba_fetches} times (Alibaba) in {wall:.2?}"
    );
    // Calls kept coming, so new credentials came at least once a lifetime
    // (under 3 seconds, Alibaba's rounded up); refreshed at half their life:
    // one fetch per second at most, plus the first.
    let least = (wall.as_secs_f64() / (LIFETIME + Duration::from_secs(1)).as_secs_f64()) as u32;
    let most = 2 + (wall.as_secs_f64() / (LIFETIME.as_secs_f64() / 2.0)).ceil() as u32;
    assert!(
        least >= 3,
        "the run outlasted the credentials several times: {wall:?}"
    );
    assert!(
        (least..=most).contains(&tencent_fetches) && (least..=most).contains(&alibaba_fetches),
        "the credentials expired during the run and were refreshed once each time"
    );
    assert_eq!(
        stats.signature_failures, 0,
        "every attempt was signed correctly"
    );
}
