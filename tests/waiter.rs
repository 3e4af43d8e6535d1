//! The generated waiter of UploadUpdateCertificateInstance repeats the call
//! until `DeployRecordId > 0`, as its documentation prescribes.
//!
//! A waiter's delays and deadline are the client's time, so these tests run
//! on tokio's paused clock, where they are exact: a loaded machine makes
//! real delays longer and real deadlines late, which says nothing about the
//! waiter. The server runs on the test's one thread, so a request written
//! to the loopback socket is read before the runtime next waits, and paused
//! time moves only when every task waits for a timer.

use std::time::Duration;

use cloudapi::Error;
use cloudapi::WaitOptions;
use cloudapi::tencent::ssl::*;
use testkit::Fault;
use tokio::time::Instant;

fn request() -> UploadUpdateCertificateInstanceRequest {
    UploadUpdateCertificateInstanceRequest::new("JADeKqED", [ResourceType::Clb], "cert", "key")
}

fn answer(deploy_record_id: u64, request_id: &str) -> Fault {
    Fault::Respond(
        serde_json::json!({"DeployRecordId": deploy_record_id, "DeployStatus": 1, "RequestId": request_id}),
    )
}

const ACTION: &str = "UploadUpdateCertificateInstance";

#[tokio::test(start_paused = true)]
async fn polls_until_the_task_exists_with_growing_delays() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    let task = |deploy_record_id| {
        let mut answer = server.example(Client::upload_update_certificate_instance);
        answer.deploy_record_id = deploy_record_id;
        answer.deploy_status = DeployStatus::Created;
        Ok(answer)
    };
    server.script(
        Client::upload_update_certificate_instance,
        [task(0), task(0), task(0), task(4711)],
    );
    let options =
        WaitOptions::default().delays(Duration::from_millis(40), Duration::from_millis(100));
    let response = client
        .upload_update_certificate_instance_until_task_created(request(), options)
        .await
        .unwrap();
    assert_eq!(response.deploy_record_id, 4711);
    assert_eq!(response.deploy_status, DeployStatus::Created);
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 4, "three answers of 0, then the task");
    let gaps: Vec<Duration> = arrivals.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(
        gaps,
        [40, 80, 100].map(Duration::from_millis),
        "the delays double from 40 ms up to 100 ms"
    );
}

/// The testkit's configuration makes every waiter poll fast: a test that
/// scripts a few answers does not wait the spec's 5 s between polls, and
/// needs no `WaitOptions` to avoid it.
#[tokio::test(start_paused = true)]
async fn a_client_of_the_testkit_polls_fast_without_options() {
    let server = harness::server().await;
    let client = Client::new(server.config()).unwrap();
    let task = |deploy_record_id| {
        let mut answer = server.example(Client::upload_update_certificate_instance);
        answer.deploy_record_id = deploy_record_id;
        Ok(answer)
    };
    server.script(
        Client::upload_update_certificate_instance,
        [
            task(0),
            task(0),
            task(0),
            task(0),
            task(0),
            task(0),
            task(7),
        ],
    );
    let response = client
        .upload_update_certificate_instance_until_task_created(request(), WaitOptions::default())
        .await
        .unwrap();
    assert_eq!(response.deploy_record_id, 7);
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    let gaps: Vec<Duration> = arrivals.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(
        gaps,
        [1, 2, 4, 8, 16, 20].map(Duration::from_millis),
        "from FAST_POLL, doubling up to FAST_POLL_MAX"
    );
    assert_eq!(
        (testkit::FAST_POLL, testkit::FAST_POLL_MAX),
        (Duration::from_millis(1), Duration::from_millis(20))
    );

    // A waiter whose state never comes gives up at the testkit's deadline,
    // not the spec's minutes.
    let started = Instant::now();
    let error = client
        .upload_update_certificate_instance_until_task_created(request(), WaitOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::WaitTimeout(_)), "{error:?}");
    assert!(
        started.elapsed() <= testkit::WAIT_DEADLINE,
        "{:?}",
        started.elapsed()
    );
    assert!(started.elapsed() >= testkit::WAIT_DEADLINE - testkit::FAST_POLL_MAX);

    // A call's own options still win over the configuration's.
    server.script(
        Client::upload_update_certificate_instance,
        [task(0), task(8)],
    );
    let before = Instant::now();
    let options = WaitOptions::default().delays(Duration::from_secs(3), Duration::from_secs(3));
    client
        .upload_update_certificate_instance_until_task_created(request(), options)
        .await
        .unwrap();
    assert_eq!(before.elapsed(), Duration::from_secs(3));
}

#[tokio::test(start_paused = true)]
async fn gives_up_at_the_deadline_with_a_typed_timeout() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    let options = WaitOptions::default()
        .delays(Duration::from_millis(20), Duration::from_millis(40))
        .timeout(Duration::from_millis(300));
    let started = Instant::now();
    let error = client
        .upload_update_certificate_instance_until_task_created(request(), options)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let Error::WaitTimeout(timeout) = &error else {
        panic!("{error:?}")
    };
    // Calls at 0, 20, 60, 100, 140, 180, 220 and 260 ms: the next would be
    // at the deadline, so the waiter gives up after the eighth.
    assert_eq!(timeout.attempts, 8, "{timeout:?}");
    assert_eq!(
        timeout.elapsed, elapsed,
        "the error says how long it waited"
    );
    let last = timeout.last_request_id.as_deref().unwrap_or_default();
    assert_eq!(
        last.len(),
        36,
        "the last answer's (fresh) request id: {last}"
    );
    assert!(
        elapsed <= Duration::from_millis(300),
        "the deadline is kept: {elapsed:?}"
    );
    assert!(
        error.to_string().contains(ACTION) && error.to_string().contains("condition not reached"),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_service_error_ends_the_wait_at_once() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    server.push_fault(ACTION, answer(0, "r1"));
    server.push_fault(
        ACTION,
        Fault::ServiceError {
            code: "FailedOperation.CertificateMatchError".into(),
            message: "mismatch".into(),
            status: None,
        },
    );
    let options = WaitOptions::default().delays(Duration::from_millis(5), Duration::from_millis(5));
    let error = client
        .upload_update_certificate_instance_until_task_created(request(), options)
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&UploadUpdateCertificateInstanceError::FailedOperationCertificateMatchError)
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test(start_paused = true)]
async fn unlimited_budgets_and_timeouts_mean_no_deadline() {
    let server = harness::server().await;
    let client = harness::tencent(&server).with_retry(
        cloudapi::RetryConfig::default()
            .budget(Duration::MAX)
            .backoff(Duration::from_millis(1), Duration::MAX),
    );
    server.push_fault(ACTION, answer(0, "r1"));
    server.push_fault(ACTION, Fault::BadGatewayHtml);
    server.push_fault(ACTION, answer(7, "r2"));
    let options = WaitOptions::default()
        .delays(Duration::from_millis(5), Duration::MAX)
        .timeout(Duration::MAX);
    let response = client
        .upload_update_certificate_instance_until_task_created(request(), options)
        .await
        .expect("no deadline, no overflow");
    assert_eq!(response.deploy_record_id, 7);
    assert_eq!(server.requests().len(), 3, "a retry inside the second poll");
}
