//! Client-side pacing: a burst of 100 SubmitCertificateInformation calls
//! (documented limit: 20 per second) goes out at 20 per second, evenly
//! spaced; with pacing off, no call waits.
//!
//! Pacing is a property of the client's clock, so these tests run on
//! tokio's paused clock: on wall-clock arrival times, a loaded machine makes
//! wake-ups late and bunches them, which says nothing about the pacing. The
//! server runs on the test's one thread, so a request written to the
//! loopback socket is read before the runtime next waits, and paused time
//! moves only when every task waits for a timer: the times the server
//! records requests at are the times the client sent them.

use std::time::Duration;

use cloudapi::RateLimit;
use cloudapi::tencent::ssl::{Client, SubmitCertificateInformationRequest};
use cloudapi::{Credentials, RetryConfig};
use testkit::{TEST_KEY_ID, TEST_KEY_SECRET};
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn a_burst_goes_out_at_the_documented_rate() {
    let server = harness::server().await;
    let config = harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .rate_limit(RateLimit::Documented)
        .retry(RetryConfig::disabled().budget(Duration::from_secs(30)));
    let client = Client::new(config).unwrap();
    for i in 0..100 {
        server.add_resource("certificate", &format!("cert-{i}"));
    }
    let started = Instant::now();
    let calls: Vec<_> = (0..100)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .submit_certificate_information(SubmitCertificateInformationRequest::new(
                        format!("cert-{i}"),
                    ))
                    .await
            })
        })
        .collect();
    for call in calls {
        call.await
            .expect("no panic")
            .expect("every paced call succeeds");
    }
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 100);
    assert_eq!(arrivals[0], started, "the first call goes out at once");
    let gaps: Vec<Duration> = arrivals.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(
        gaps.iter().all(|gap| *gap == Duration::from_millis(50)),
        "20 per second, 50 ms apart: {gaps:?}"
    );
    // What the vendors count: never 21 requests within one second.
    assert!(
        arrivals
            .windows(21)
            .all(|w| w[20] - w[0] >= Duration::from_secs(1))
    );
}

#[tokio::test(start_paused = true)]
async fn pacing_can_be_switched_off() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    for i in 0..40 {
        server.add_resource("certificate", &format!("c{i}"));
    }
    let started = Instant::now();
    for i in 0..40 {
        client
            .submit_certificate_information(SubmitCertificateInformationRequest::new(format!(
                "c{i}"
            )))
            .await
            .unwrap();
    }
    // Paced, 40 calls would take 1.95 s of the client's time; unpaced, no
    // call waits for any timer, so none passes.
    assert_eq!(
        started.elapsed(),
        Duration::ZERO,
        "unpaced calls are not held back"
    );
    assert_eq!(server.requests().len(), 40);
}
