//! Which failures are retried: everything that surely was not executed, and
//! for idempotent actions everything transient; a purchase is never sent
//! again once it may have reached the server.
//!
//! The tests against the server run on tokio's paused clock, which times
//! the attempts, backoffs and budgets: an attempt times out only when its
//! answer is delayed on purpose, never because a loaded machine was slow
//! to answer one that was not. The server runs on the test's one thread, so
//! a request written to the loopback socket is read before the runtime
//! next waits, and paused time moves only when every task waits for a timer.

use std::time::Duration;

use cloudapi::TransportKind;
use cloudapi::tencent::ssl::*;
use cloudapi::{Config, Credentials, Endpoint, Error, RetryConfig};
use testkit::{Fault, TEST_KEY_ID, TEST_KEY_SECRET};
use tokio::time::Instant;

fn order() -> CertificateOrderSubmitRequest {
    CertificateOrderSubmitRequest::new("Dsqef134")
}

/// Each purchase is tagged with `n`, so two of them never look alike to the server.
fn purchase(n: usize) -> CreateCertificateRequest {
    CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1)
        .tags([Tags::new("purchase", n.to_string())])
}

fn internal_error() -> Fault {
    Fault::ServiceError {
        code: "InternalError".into(),
        message: "boom".into(),
        status: None,
    }
}

#[tokio::test(start_paused = true)]
async fn idempotent_actions_recover_from_every_transient_failure() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    for fault in [
        Fault::BadGatewayHtml,
        Fault::TruncatedJson,
        Fault::EmptyBody,
        Fault::ResetAfterRead,
        Fault::Delay(Duration::from_secs(2)),
        Fault::Throttled,
        internal_error(),
    ] {
        let before = server.requests().len();
        server.push_fault("CertificateOrderSubmit", fault.clone());
        let response = client.certificate_order_submit(order()).await;
        assert!(response.is_ok(), "{fault:?}: {response:?}");
        assert_eq!(
            server.requests().len() - before,
            2,
            "{fault:?}: one failed attempt, one retry"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_purchase_that_may_have_reached_the_server_is_never_resent() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    let faults = [
        Fault::ResetAfterRead,
        Fault::BadGatewayHtml,
        Fault::TruncatedJson,
        Fault::Delay(Duration::from_secs(2)),
        internal_error(),
    ];
    for (n, fault) in faults.into_iter().enumerate() {
        let before = server.requests().len();
        server.push_fault("CreateCertificate", fault.clone());
        let error = client.create_certificate(purchase(n)).await.unwrap_err();
        assert_eq!(
            server.requests().len() - before,
            1,
            "{fault:?} must not be retried"
        );
        assert!(error.may_have_reached_server(), "{fault:?}");
        if let Error::Transport(transport) = &error {
            assert!(!transport.idempotent && transport.attempts == 1);
            let shown = error.to_string();
            assert!(
                shown.contains("not idempotent") && shown.contains("check the current state"),
                "{shown}"
            );
        }
    }
    assert_eq!(server.stats().non_idempotent_duplicates, 0);
}

#[tokio::test(start_paused = true)]
async fn throttling_is_retried_even_for_a_purchase() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    server.push_fault("CreateCertificate", Fault::Throttled);
    server.push_fault("CreateCertificate", Fault::Throttled);
    let response = client.create_certificate(purchase(1)).await.unwrap();
    assert_eq!(response.certificate_ids, ["gf16kv3A"]);
    assert_eq!(server.requests().len(), 3);
    assert_eq!(
        server.stats().non_idempotent_duplicates,
        0,
        "throttled attempts were refused, not executed"
    );
}

#[tokio::test]
async fn connect_failures_are_retried_for_every_action_until_attempts_run_out() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = Config::new()
        .credentials(Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .endpoint(Endpoint::Url(format!("http://127.0.0.1:{port}")))
        .retry(
            RetryConfig::default()
                .max_attempts(3)
                .backoff(Duration::from_millis(1), Duration::from_millis(2)),
        );
    let client = Client::new(config).unwrap();
    let error = client.create_certificate(purchase(1)).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (transport.kind, transport.attempts),
        (TransportKind::Connect, 3)
    );
    assert!(!error.may_have_reached_server());
    assert!(
        error.to_string().contains("the request was not sent"),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn attempts_budget_and_per_call_settings_are_respected() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    for _ in 0..4 {
        server.push_fault("CertificateOrderSubmit", Fault::BadGatewayHtml);
    }
    let limited = client.with_retry(
        RetryConfig::default()
            .max_attempts(3)
            .backoff(Duration::from_millis(1), Duration::from_millis(1)),
    );
    let error = limited.certificate_order_submit(order()).await.unwrap_err();
    assert!(
        matches!(&error, Error::MalformedResponse(m) if m.attempts == 3),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 3);

    let once = client.with_retry(RetryConfig::disabled());
    once.certificate_order_submit(order()).await.unwrap_err();
    assert_eq!(server.requests().len(), 4, "retries off: one attempt");

    for _ in 0..10 {
        server.push_fault(
            "CertificateOrderSubmit",
            Fault::Delay(Duration::from_secs(2)),
        );
    }
    let budget = Duration::from_millis(700);
    let budgeted = client.with_retry(RetryConfig::default().max_attempts(10).budget(budget));
    let started = Instant::now();
    let error = budgeted
        .certificate_order_submit(order())
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    // The first attempt times out after the client's 500 ms, the second
    // after what is left of the budget (about 200 ms): the budget, not the
    // 10 attempts allowed, ends the call.
    assert!(
        elapsed <= budget,
        "the budget bounds the whole call: {elapsed:?}"
    );
    assert!(
        matches!(&error, Error::Transport(t) if t.kind == TransportKind::Timeout && t.attempts == 2),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 6, "two more attempts");
}
