//! A server whose clock is 10 minutes off: the first call's signature is
//! rejected as expired, the client learns the offset from the answer's
//! `Date`, signs again once with corrected time, and later calls (of every
//! client sharing the clock) carry corrected time from the start.

use cloudapi::alibaba::cas::{self, CreateCertificateWithCsrRequestInput, ValidateType};
use cloudapi::tencent::ssl::{CertificateOrderSubmitRequest, Client};
use cloudapi::{Clock, Credentials, RetryConfig};
use testkit::{Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

async fn server(offset: i64) -> Server {
    Server::start_with(ServerConfig::new().clock_offset(offset))
        .await
        .unwrap()
}

#[tokio::test]
async fn tencent_learns_a_server_clock_ten_minutes_ahead() {
    let server = server(600).await;
    let clock = Clock::system();
    let config = harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .clock(clock.clone())
        // A correction is not a retry: it happens even with retries off.
        .retry(RetryConfig::disabled());
    let client = Client::new(config.clone()).unwrap();
    client
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .unwrap();
    let received = server.requests();
    assert_eq!(received.len(), 2, "rejected once, then accepted");
    let stamp = |i: usize| {
        received[i]
            .headers
            .iter()
            .find(|(n, _)| n == "x-tc-timestamp")
            .unwrap()
            .1
            .parse::<i64>()
            .unwrap()
    };
    assert!(
        (stamp(1) - stamp(0) - 600).abs() <= 2,
        "{} then {}",
        stamp(0),
        stamp(1)
    );
    assert!(
        (clock.offset().whole_seconds() - 600).abs() <= 2,
        "{}",
        clock.offset()
    );

    // Later calls, and other clients sharing the clock, are right the first time.
    let other = Client::new(config).unwrap();
    other
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn alibaba_learns_a_server_clock_ten_minutes_behind() {
    let server = server(-600).await;
    let clock = Clock::system();
    let client = cas::Client::new(
        harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
            .clock(clock.clone()),
    )
    .unwrap();
    let csr = |name: &str| {
        CreateCertificateWithCsrRequestInput::new(
            "-----BEGIN CERTIFICATE REQUEST-----",
            name,
            "139",
            "a@b.c",
            ValidateType::Dns,
        )
    };
    client
        .create_certificate_with_csr_request(csr("Tom"))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
    assert!(
        (clock.offset().whole_seconds() + 600).abs() <= 2,
        "{}",
        clock.offset()
    );
    client
        .create_certificate_with_csr_request(csr("Ann"))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 3);
    assert_eq!(server.stats().signature_failures, 0);
}

#[tokio::test]
async fn a_server_that_keeps_rejecting_is_corrected_only_once() {
    // The server's clock moves on by 10 minutes after the client corrected:
    // here, a second server with another offset plays that part.
    let server = server(600).await;
    let clock = Clock::system();
    let client = Client::new(
        harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
            .clock(clock.clone())
            .retry(RetryConfig::disabled()),
    )
    .unwrap();
    client
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .unwrap();
    let drifted = self::server(1800).await;
    let client = Client::new(
        harness::config(&drifted, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
            .clock(clock)
            .retry(RetryConfig::disabled()),
    )
    .unwrap();
    // Learns again once (the new offset), and succeeds.
    client
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(drifted.requests().len(), 2);
}
