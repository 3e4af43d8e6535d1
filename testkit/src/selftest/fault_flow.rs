//! Every fault kind over real sockets, and the reproducibility of random plans.

use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use super::client::{AcsCall, TcCall, exchange, exchange_on, read_response, send};
use super::start;
use crate::{Fault, FaultKind, FaultPlan, Server};

const SUBMIT: &str = "CertificateOrderSubmit";
const SUBMIT_BODY: &str = r#"{"CertId":"Dsqef134"}"#;
const CSR: &str = "CreateCertificateWithCsrRequest";

fn submit(server: &Server) -> Vec<u8> {
    TcCall::new(server, SUBMIT, SUBMIT_BODY).to_bytes()
}

#[tokio::test]
async fn reset_after_read_closes_without_answer_and_logs_the_request() {
    let server = start().await;
    server.push_fault(SUBMIT, Fault::ResetAfterRead);
    let outcome = exchange(server.addr(), &submit(&server)).await;
    assert!(matches!(outcome, Ok(None) | Err(_)), "{outcome:?}");
    let received = server.requests();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].answered_with, Some(FaultKind::ResetAfterRead));
    assert!(received[0].signature_valid);
    // The queue held one fault: the next call is answered.
    assert_eq!(send(server.addr(), &submit(&server)).await.status, 200);
    assert_eq!(
        server.stats().faults.get(&FaultKind::ResetAfterRead),
        Some(&1)
    );
}

#[tokio::test]
async fn bad_gateway_html() {
    let server = start().await;
    server.push_fault(SUBMIT, Fault::BadGatewayHtml);
    let resp = send(server.addr(), &submit(&server)).await;
    assert_eq!(resp.status, 502);
    assert_eq!(resp.header("content-type"), Some("text/html"));
    assert!(String::from_utf8_lossy(&resp.body).contains("502 Bad Gateway"));
}

#[tokio::test]
async fn truncated_json_has_a_consistent_length() {
    let server = start().await;
    let normal = send(server.addr(), &submit(&server)).await;
    server.push_fault(SUBMIT, Fault::TruncatedJson);
    let resp = send(server.addr(), &submit(&server)).await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.header("content-length"),
        Some(resp.body.len().to_string().as_str())
    );
    assert!(!resp.body.is_empty() && resp.body.len() < normal.body.len());
    assert!(normal.body.starts_with(&resp.body));
    assert!(serde_json::from_slice::<serde_json::Value>(&resp.body).is_err());
}

#[tokio::test]
async fn empty_body() {
    let server = start().await;
    server.push_fault(CSR, Fault::EmptyBody);
    let resp = send(server.addr(), &AcsCall::csr(&server).to_bytes()).await;
    assert_eq!((resp.status, resp.body.len()), (200, 0));
    assert_eq!(resp.header("content-length"), Some("0"));
}

#[tokio::test]
async fn throttled_per_vendor() {
    let server = start().await;
    server.push_fault(SUBMIT, Fault::Throttled);
    server.push_fault(CSR, Fault::Throttled);
    let resp = send(server.addr(), &submit(&server)).await;
    assert_eq!(resp.status, 200);
    assert_eq!(resp.tencent_code().as_deref(), Some("RequestLimitExceeded"));
    let resp = send(server.addr(), &AcsCall::csr(&server).to_bytes()).await;
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["Code"], "Throttling.User");
}

#[tokio::test]
async fn delay_answers_normally_afterwards() {
    let server = start().await;
    server.push_fault(SUBMIT, Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    let resp = send(server.addr(), &submit(&server)).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(resp.tencent_code(), None);
    assert_eq!(resp.json()["Response"]["OrderId"], "SO8zRv29");
}

#[tokio::test]
async fn service_error_per_vendor() {
    let server = start().await;
    let fault = |status| Fault::ServiceError {
        code: "InternalError".into(),
        message: "boom".into(),
        status,
    };
    server.push_fault(SUBMIT, fault(Some(503)));
    server.push_fault(CSR, fault(Some(503)));
    server.push_fault(CSR, fault(None));
    let resp = send(server.addr(), &submit(&server)).await;
    assert_eq!(resp.status, 200, "Tencent errors are always HTTP 200");
    assert_eq!(resp.tencent_code().as_deref(), Some("InternalError"));
    let resp = send(server.addr(), &AcsCall::csr(&server).to_bytes()).await;
    assert_eq!(
        (resp.status, resp.json()["Message"].as_str()),
        (503, Some("boom"))
    );
    let resp = send(server.addr(), &AcsCall::csr(&server).to_bytes()).await;
    assert_eq!(resp.status, 400);
}

#[tokio::test]
async fn faults_are_fifo_per_action_and_signatures_still_checked() {
    let server = start().await;
    server.push_fault(SUBMIT, Fault::EmptyBody);
    server.push_fault(SUBMIT, Fault::BadGatewayHtml);
    // Another action is untouched by SUBMIT's queue.
    let body = r#"{"CertificateId":"abcb1234"}"#;
    let other = send(
        server.addr(),
        &TcCall::new(&server, "SubmitCertificateInformation", body).to_bytes(),
    )
    .await;
    assert_eq!(other.tencent_code(), None);
    let mut bad = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    bad.secret = "wrong".into();
    assert!(send(server.addr(), &bad.to_bytes()).await.body.is_empty());
    assert_eq!(send(server.addr(), &submit(&server)).await.status, 502);
    let received = server.requests();
    assert_eq!(received[1].answered_with, Some(FaultKind::EmptyBody));
    assert!(!received[1].signature_valid);
    assert_eq!(received[2].answered_with, Some(FaultKind::BadGatewayHtml));
    assert_eq!(server.stats().signature_failures, 1);
}

#[tokio::test]
async fn reset_before_read_from_plan_and_queue() {
    let server = start().await;
    server.set_random_faults(FaultPlan {
        weights: vec![(FaultKind::ResetBeforeRead, 1.0)],
        ..FaultPlan::new(3)
    });
    let outcome = exchange(server.addr(), &submit(&server)).await;
    assert!(matches!(outcome, Ok(None) | Err(_)), "{outcome:?}");
    server.clear_random_faults();
    server.push_fault("any", Fault::ResetBeforeRead);
    let outcome = exchange(server.addr(), &submit(&server)).await;
    assert!(matches!(outcome, Ok(None) | Err(_)), "{outcome:?}");
    assert_eq!(send(server.addr(), &submit(&server)).await.status, 200);
    let stats = server.stats();
    assert_eq!(stats.faults.get(&FaultKind::ResetBeforeRead), Some(&2));
    assert_eq!((stats.connections, stats.requests), (3, 1));
}

async fn run_plan(seed: u64) -> Vec<Option<FaultKind>> {
    let server = start().await;
    server.set_random_faults(FaultPlan {
        seed,
        weights: vec![
            (FaultKind::Throttled, 0.15),
            (FaultKind::EmptyBody, 0.1),
            (FaultKind::BadGatewayHtml, 0.1),
            (FaultKind::TruncatedJson, 0.1),
            (FaultKind::ServiceError, 0.1),
            (FaultKind::ResetAfterRead, 0.1),
            (FaultKind::Delay, 0.05),
        ],
        delay: Duration::from_millis(5),
        close_after_response: 0.3,
    });
    for _ in 0..40 {
        let _ = exchange(server.addr(), &submit(&server)).await;
    }
    let kinds = server.requests().iter().map(|r| r.answered_with).collect();
    server.shutdown().await;
    kinds
}

#[tokio::test]
async fn random_plan_is_reproducible() {
    let first = run_plan(2024).await;
    assert_eq!(first.len(), 40);
    assert_eq!(first, run_plan(2024).await);
    assert!(first.iter().any(Option::is_none));
    let distinct: std::collections::BTreeSet<_> = first.iter().flatten().collect();
    assert!(distinct.len() >= 3, "{first:?}");
    assert_ne!(first, run_plan(7).await);
}

#[tokio::test]
async fn close_after_response_makes_the_server_close() {
    let server = start().await;
    server.set_random_faults(FaultPlan {
        close_after_response: 1.0,
        ..FaultPlan::new(1)
    });
    let stream = TcpStream::connect(server.addr()).await.expect("connect");
    let resp = exchange_on(&stream, &submit(&server))
        .await
        .expect("exchange")
        .expect("answer");
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("connection"), Some("close"));
    let after = tokio::time::timeout(Duration::from_secs(5), read_response(&stream)).await;
    assert!(matches!(after, Ok(Ok(None)) | Ok(Err(_))), "{after:?}");
}

#[tokio::test]
async fn dropping_the_server_stops_it() {
    let server = start().await;
    let addr = server.addr();
    assert_eq!(send(addr, &submit(&server)).await.status, 200);
    let request = submit(&server);
    drop(server);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(exchange(addr, &request).await.is_err());
}
