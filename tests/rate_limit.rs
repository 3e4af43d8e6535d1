//! Client-side pacing: a burst of 100 SubmitCertificateInformation calls
//! (documented limit: 20 per second) goes out at 20 per second.

use std::time::Duration;

use cloudapi::RateLimit;
use cloudapi::tencent::ssl::{Client, SubmitCertificateInformationRequest};
use cloudapi::{Credentials, RetryConfig};
use testkit::{TEST_KEY_ID, TEST_KEY_SECRET};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_goes_out_at_the_documented_rate() {
    let server = harness::server().await;
    let config = harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .rate_limit(RateLimit::Documented)
        .retry(RetryConfig::disabled().budget(Duration::from_secs(30)));
    let client = Client::new(config).unwrap();
    for i in 0..100 {
        server.add_resource("certificate", &format!("cert-{i}"));
    }
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
    // Arrival times on a loaded machine bunch when a wake-up is late, so the
    // exact spacing (50 ms apart) is asserted on tokio's paused clock in
    // runtime/rate_limit.rs; here, the rate over the whole burst.
    let arrivals: Vec<_> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 100);
    let span = *arrivals.last().unwrap() - arrivals[0];
    let rate = 99.0 / span.as_secs_f64();
    println!("100 calls arrived over {span:.3?}: {rate:.2} per second (documented limit 20)");
    assert!(
        (18.0..=22.0).contains(&rate),
        "measured {rate:.2}/s, expected 20/s ± 10%"
    );
}

#[tokio::test]
async fn pacing_can_be_switched_off() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    for i in 0..40 {
        server.add_resource("certificate", &format!("c{i}"));
    }
    let started = std::time::Instant::now();
    for i in 0..40 {
        client
            .submit_certificate_information(SubmitCertificateInformationRequest::new(format!(
                "c{i}"
            )))
            .await
            .unwrap();
    }
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "unpaced calls are not held back: {:?}",
        started.elapsed()
    );
}
