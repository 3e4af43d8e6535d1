//! Credentials end to end, over real HTTP on 127.0.0.1: roles assumed
//! through STS (the loopback server verifies the STS request's signature
//! with the source key, then every call's signature with the temporary key
//! and its token), temporary credentials that expire under 1,000
//! concurrent calls, with a refresh that fails, and one refresh shared by
//! the clients of two products built from one configuration.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cloudapi::alibaba::cas::{self, CreateCertificateWithCsrRequestInput, Tag, ValidateType};
use cloudapi::runtime::credentials::{
    AlibabaAssumeRoleProvider, CredentialsUriProvider, TencentAssumeRoleProvider,
};
use cloudapi::runtime::{Clock, Sleep, TimeSource};
use cloudapi::tencent::ssl::{CertificateOrderSubmitRequest, Client};
use cloudapi::{Config, Credentials, Endpoint, Error, RateLimit};
use serde_json::json;
use testkit::{Fault, Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

const TEMP_SECRET: &str = "temporary-secret-Hq4";
const TEMP_TOKEN: &str = "temporary-token-Lr8";

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn rfc3339(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .unwrap()
        .format(&time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
        ))
        .unwrap()
}

/// The project's spec plus an `sts` product for each vendor, as the
/// loopback server needs to recognise (and verify) `AssumeRole`: a bundle,
/// made once per process, as `cargo xtask gen` makes one (overlays merged).
fn spec_with_sts() -> &'static str {
    static BUNDLE: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    BUNDLE.get_or_init(|| Box::leak(sts_bundle().into_boxed_str()))
}

fn sts_bundle() -> String {
    let dir = std::env::temp_dir().join(format!("cloudapi-sts-spec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    harness::copy_dir(&xtask::workspace_root().join("spec"), &dir);
    for (vendor, protocol, version) in [
        ("tencent", "tc3-hmac-sha256", "2018-08-13"),
        ("alibaba", "acs3-hmac-sha256-rpc", "2015-04-01"),
    ] {
        let product = dir.join(vendor).join("sts");
        std::fs::create_dir_all(product.join("actions")).unwrap();
        let host = format!("sts.{vendor}.example");
        let service = json!({
            "$schema": "../../schema/service.schema.json",
            "vendor": vendor, "product": "sts", "title": "STS",
            "description": "Temporary credentials.", "version": version, "protocol": protocol,
            "endpoints": [{ "host": host, "kind": "default" }]
        });
        std::fs::write(product.join("service.json"), service.to_string()).unwrap();
        let input = [
            "RoleArn",
            "RoleSessionName",
            "DurationSeconds",
            "Policy",
            "ExternalId",
        ]
        .map(|name| {
            let ty = if name == "DurationSeconds" {
                "int64"
            } else {
                "string"
            };
            json!({"name": name, "type": ty, "required": name == "RoleArn", "description": name})
        });
        let action = json!({
            "$schema": "../../../schema/action.schema.json",
            "name": "AssumeRole", "summary": "Assumes a role.", "idempotent": true,
            "input": input, "output": [], "errors": [],
            "examples": [{ "title": "a role", "response": {} }]
        });
        std::fs::write(product.join("actions/AssumeRole.json"), action.to_string()).unwrap();
    }
    let tree = codegen::load::load_tree(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_dir_all(&dir).unwrap();
    xtask::spec_bundle::bundle(&tree)
}

fn config(server: &Server) -> Config {
    harness::config(server, Credentials::new("unused", "unused"))
}

#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tencent_role_assumed_through_sts_then_used() {
    // Everything the client logs, at TRACE, must leave out the keys.
    let captured = Captured::default();
    let writer = captured.clone();
    let _logging = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish(),
    );
    let server = Server::start_with(ServerConfig::new().spec_json(spec_with_sts()).tencent_key(
        "AKIDtemporary",
        TEMP_SECRET,
        Some(TEMP_TOKEN),
    ))
    .await
    .unwrap();
    server.push_fault(
        "AssumeRole",
        Fault::Respond(json!({
            "Credentials": {"TmpSecretId": "AKIDtemporary", "TmpSecretKey": TEMP_SECRET, "Token": TEMP_TOKEN},
            "ExpiredTime": now_unix() + 7200, "Expiration": rfc3339(now_unix() + 7200)})),
    );
    let role = TencentAssumeRoleProvider::new(
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
        "qcs::cam::uin/100001:roleName/deployer",
    )
    .session_name("ci-run")
    .endpoint(server.url());
    let client = Client::new(config(&server).credentials_provider(role)).unwrap();
    for _ in 0..3 {
        client
            .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
            .await
            .unwrap();
    }
    let received = server.requests();
    let actions: Vec<&str> = received.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "AssumeRole",
            "CertificateOrderSubmit",
            "CertificateOrderSubmit",
            "CertificateOrderSubmit"
        ]
    );
    assert!(
        received.iter().all(|r| r.signature_valid),
        "every request is signed correctly"
    );
    let body: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(body["RoleArn"], "qcs::cam::uin/100001:roleName/deployer");
    assert_eq!(body["RoleSessionName"], "ci-run");
    assert_eq!(body["DurationSeconds"], 7200);

    // STS refusing is a credentials error naming STS and the code.
    server.push_fault(
        "AssumeRole",
        Fault::ServiceError {
            code: "AuthFailure.UnauthorizedOperation".into(),
            message: "not allowed".into(),
            status: None,
        },
    );
    let role = TencentAssumeRoleProvider::new(
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
        "qcs::cam::uin/100001:roleName/deployer",
    )
    .endpoint(server.url());
    let client = Client::new(config(&server).credentials_provider(role)).unwrap();
    let error = client
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    let text = error.to_string();
    assert!(
        text.contains(&format!(
            "STS AssumeRole at {}/ (AuthFailure.UnauthorizedOperation: not allowed)",
            server.url()
        )),
        "{text}"
    );
    assert!(!text.contains(TEMP_SECRET) && !format!("{error:?}").contains(TEST_KEY_SECRET));
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("TRACE"), "tracing was active");
    for secret in [TEMP_SECRET, TEMP_TOKEN, TEST_KEY_SECRET] {
        assert!(!logs.contains(secret), "{secret} logged");
    }
}

#[tokio::test]
async fn alibaba_role_assumed_through_sts_then_used() {
    let server = Server::start_with(ServerConfig::new().spec_json(spec_with_sts()).alibaba_key(
        "STS.temporary",
        TEMP_SECRET,
        Some(TEMP_TOKEN),
    ))
    .await
    .unwrap();
    server.push_fault(
        "AssumeRole",
        Fault::Respond(json!({"RequestId": "r", "Credentials": {
            "AccessKeyId": "STS.temporary", "AccessKeySecret": TEMP_SECRET,
            "SecurityToken": TEMP_TOKEN, "Expiration": rfc3339(now_unix() + 3600)}})),
    );
    let role = AlibabaAssumeRoleProvider::new(
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET),
        "acs:ram::1:role/deployer",
    )
    .external_id("ext-1")
    .endpoint(server.url());
    let client = cas::Client::new(config(&server).credentials_provider(role)).unwrap();
    client
        .create_certificate_with_csr_request(csr(0))
        .await
        .unwrap();
    let received = server.requests();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].action, "AssumeRole");
    assert!(
        received[0].query.contains("ExternalId=ext-1"),
        "{}",
        received[0].query
    );
    assert!(received.iter().all(|r| r.signature_valid));
}

fn csr(i: usize) -> CreateCertificateWithCsrRequestInput {
    CreateCertificateWithCsrRequestInput::new(
        "-----BEGIN CERTIFICATE REQUEST-----",
        "Tom",
        "139",
        "a@b.c",
        ValidateType::Dns,
    )
    .tags([Tag::new().key("call").value(i.to_string())])
}

/// Wall time that a test can move forward; monotonic time and timers are tokio's.
#[derive(Debug, Default)]
struct Skipping(Arc<AtomicI64>);

impl TimeSource for Skipping {
    fn now(&self) -> SystemTime {
        SystemTime::now() + Duration::from_secs(self.0.load(Ordering::SeqCst) as u64)
    }
    fn instant(&self) -> tokio::time::Instant {
        tokio::time::Instant::now()
    }
    fn sleep_until(&self, deadline: tokio::time::Instant) -> Sleep {
        Box::pin(tokio::time::sleep_until(deadline))
    }
}

/// A credentials URI on 127.0.0.1 handing out the server's temporary key,
/// valid 60 s from the (skipped) time, counting requests; fails when told to.
fn credentials_uri(skip: Arc<AtomicI64>, fail: Arc<AtomicBool>, count: Arc<AtomicU32>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/credentials", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            count.fetch_add(1, Ordering::SeqCst);
            let (status, body) = if fail.load(Ordering::SeqCst) {
                ("503 Service Unavailable", "{}".to_owned())
            } else {
                let expiry = now_unix() + skip.load(Ordering::SeqCst) + 60;
                ("200 OK", json!({"Code": "Success", "AccessKeyId": "STS.temporary", "AccessKeySecret": TEMP_SECRET,
                                  "SecurityToken": TEMP_TOKEN, "Expiration": rfc3339(expiry)}).to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// A server that accepts the temporary key the credentials URI hands out,
/// and the URI's controls: the skipped time, a failure switch, the fetch count.
async fn temporary_key_server() -> (Server, Arc<AtomicI64>, Arc<AtomicBool>, Arc<AtomicU32>) {
    let server = Server::start_with(ServerConfig::new().alibaba_key(
        "STS.temporary",
        TEMP_SECRET,
        Some(TEMP_TOKEN),
    ))
    .await
    .unwrap();
    (
        server,
        Arc::new(AtomicI64::new(0)),
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicU32::new(0)),
    )
}

async fn burst(client: &cas::Client, calls: usize) -> (usize, Vec<String>) {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..calls {
        let client = client.clone();
        tasks.spawn(async move { client.create_certificate_with_csr_request(csr(i)).await });
    }
    let (mut ok, mut failures) = (0, Vec::new());
    while let Some(outcome) = tasks.join_next().await {
        match outcome.unwrap() {
            Ok(_) => ok += 1,
            Err(e) => failures.push(e.to_string()),
        }
    }
    (ok, failures)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_at_expiry_cause_one_refresh_and_a_failed_refresh_keeps_the_old_key() {
    let (server, skip, fail, count) = temporary_key_server().await;
    let uri = credentials_uri(Arc::clone(&skip), Arc::clone(&fail), Arc::clone(&count));
    let config = Config::new()
        .credentials_provider(CredentialsUriProvider::new(uri))
        .endpoint(Endpoint::Url(server.url()))
        .rate_limit(RateLimit::Disabled)
        .timeout(Duration::from_secs(10))
        .clock(Clock::from_source(Skipping(Arc::clone(&skip))));
    let client = cas::Client::new(config).unwrap();

    // 1,000 calls waiting for the first credentials: one fetch.
    let (ok, failures) = burst(&client, 1000).await;
    assert_eq!((ok, failures.len()), (1000, 0), "{failures:?}");
    assert_eq!(count.load(Ordering::SeqCst), 1);

    // Past expiry (60 s): 1,000 calls waiting at expiry, one refresh.
    skip.store(61, Ordering::SeqCst);
    let (ok, failures) = burst(&client, 1000).await;
    assert_eq!((ok, failures.len()), (1000, 0), "{failures:?}");
    assert_eq!(count.load(Ordering::SeqCst), 2, "refreshes after expiry");

    // Due (past half their life) while the source fails: the old key keeps working.
    fail.store(true, Ordering::SeqCst);
    skip.store(61 + 35, Ordering::SeqCst);
    let (ok, failures) = burst(&client, 200).await;
    assert_eq!((ok, failures.len()), (200, 0), "{failures:?}");
    let attempts = count.load(Ordering::SeqCst);
    assert_eq!(attempts, 3, "one refresh attempt, not one per call");

    // Until they actually expire: then calls fail, naming the source.
    skip.store(61 + 61, Ordering::SeqCst);
    let (ok, failures) = burst(&client, 50).await;
    assert_eq!(ok, 0);
    assert!(
        failures[0].contains("credentials URI") && failures[0].contains("HTTP 503"),
        "{}",
        failures[0]
    );
    assert!(
        !failures
            .iter()
            .any(|f| f.contains(TEMP_SECRET) || f.contains(TEMP_TOKEN))
    );

    // The source recovers: calls succeed again.
    fail.store(false, Ordering::SeqCst);
    let (ok, _) = burst(&client, 10).await;
    assert_eq!(ok, 10);
    assert_eq!(server.stats().signature_failures, 0);
}

/// Two products' clients (cas and alidns) built from one configuration, with
/// temporary credentials from a refreshing source: one fetch at start and
/// one per expiry, under concurrent calls of both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_of_two_products_from_one_config_share_one_refresh() {
    use cloudapi::alibaba::alidns;

    let (server, skip, fail, count) = temporary_key_server().await;
    let uri = credentials_uri(Arc::clone(&skip), fail, Arc::clone(&count));
    let config = Config::new()
        .credentials_provider(CredentialsUriProvider::new(uri))
        .endpoint(Endpoint::Url(server.url()))
        .rate_limit(RateLimit::Disabled)
        .timeout(Duration::from_secs(10))
        .clock(Clock::from_source(Skipping(Arc::clone(&skip))));
    let certificates = cas::Client::new(config.clone()).unwrap();
    let dns = alidns::Client::new(config.clone()).unwrap();

    let both = async |calls: usize| {
        let lookups = (0..calls).map(|_| {
            let dns = dns.clone();
            tokio::spawn(async move {
                dns.describe_domains(alidns::DescribeDomainsRequest::new())
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            })
        });
        let lookups: Vec<_> = lookups.collect();
        let (ok, failures) = burst(&certificates, calls).await;
        let mut dns_ok = 0;
        for lookup in lookups {
            lookup.await.unwrap().unwrap();
            dns_ok += 1;
        }
        assert!(failures.is_empty(), "{failures:?}");
        (ok, dns_ok)
    };

    assert_eq!(both(50).await, (50, 50));
    assert_eq!(
        count.load(Ordering::SeqCst),
        1,
        "one fetch for both products"
    );

    skip.store(61, Ordering::SeqCst);
    assert_eq!(both(50).await, (50, 50));
    assert_eq!(count.load(Ordering::SeqCst), 2, "one refresh per expiry");

    // A client built later from the same configuration signs with the cached key.
    let late = alidns::Client::new(config.clone()).unwrap();
    late.describe_domains(alidns::DescribeDomainsRequest::new())
        .await
        .unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 2);

    // A configuration changed about credentials starts a cache of its own.
    let other =
        cas::Client::new(config.clock(Clock::from_source(Skipping(Arc::clone(&skip))))).unwrap();
    burst(&other, 1).await;
    assert_eq!(count.load(Ordering::SeqCst), 3);
    assert_eq!(server.stats().signature_failures, 0);
}
