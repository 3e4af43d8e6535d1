//! Deploying to a load balancer: CLB answers a change (a listener's
//! certificate) at once and carries it out as an asynchronous task, which
//! `DescribeTaskStatus` reports under the change's `RequestId`. The generated
//! `<action>_until_done` takes the change's answer and waits for its task;
//! a listener in another region is a handle of the same client.
//!
//! The waits run on tokio's paused clock (see `waiter.rs`).

use std::time::Duration;

use cloudapi::tencent::clb::*;
use cloudapi::{Credentials, Error, WaitOptions};
use harness::NoEnvironment;
use serde_json::Value;
use testkit::{Received, Server, TEST_KEY_ID, TEST_KEY_SECRET};

fn client(server: &Server, region: &str) -> Client {
    let config = harness::config(server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .environment(NoEnvironment)
        .region(region);
    Client::new(config).expect("client builds")
}

fn change() -> ModifyListenerRequest {
    ModifyListenerRequest::new("lb-cuxw2r00", "lbl-4fgbvz2o").certificate(
        CertificateInput::new()
            .ssl_mode(SslMode::Unidirectional)
            .cert_id("Fm8Wpag8"),
    )
}

fn status(server: &Server, state: DescribeTaskStatusStatus) -> DescribeTaskStatusResponse {
    let mut answer = server.example(Client::describe_task_status);
    answer.status = state;
    answer
}

fn sent(server: &Server, action: &str) -> Vec<Received> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.action == action)
        .collect()
}

fn param<'a>(request: &'a Received, name: &str) -> Option<&'a Value> {
    request.params.as_ref()?.get(name)
}

#[tokio::test(start_paused = true)]
async fn a_listener_change_is_waited_for_through_the_task_its_request_id_names() {
    let server = harness::server().await;
    let clb = client(&server, "ap-guangzhou");
    server.script(
        Client::describe_task_status,
        [
            Ok(status(&server, DescribeTaskStatusStatus::Running)),
            Ok(status(&server, DescribeTaskStatusStatus::Running)),
            Ok(status(&server, DescribeTaskStatusStatus::Succeeded)),
        ],
    );
    let changed = clb.modify_listener(change()).await.unwrap();
    let options =
        WaitOptions::default().delays(Duration::from_millis(100), Duration::from_millis(400));
    let done = clb
        .modify_listener_until_done(&changed, options)
        .await
        .unwrap();
    assert_eq!(done.status, DescribeTaskStatusStatus::Succeeded);
    let polls = sent(&server, "DescribeTaskStatus");
    assert_eq!(polls.len(), 3, "two answers of a running task, then done");
    for poll in &polls {
        assert_eq!(
            param(poll, "TaskId").and_then(Value::as_str),
            Some(changed.request_id.as_str()),
            "the task is the change's request ID"
        );
    }
    let gaps: Vec<Duration> = polls.windows(2).map(|w| w[1].at - w[0].at).collect();
    assert_eq!(gaps, [100, 200].map(Duration::from_millis));
    server.assert_no_refusals();
}

#[tokio::test(start_paused = true)]
async fn a_failed_task_ends_the_wait_with_its_state() {
    let server = harness::server().await;
    let clb = client(&server, "ap-guangzhou");
    server.script(
        Client::describe_task_status,
        [
            Ok(status(&server, DescribeTaskStatusStatus::Running)),
            Ok(status(&server, DescribeTaskStatusStatus::Failed)),
        ],
    );
    let changed = clb.modify_listener(change()).await.unwrap();
    let error = clb
        .modify_listener_until_done(&changed, WaitOptions::default())
        .await
        .unwrap_err();
    let Error::WaitFailed(failed) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (
            failed.action,
            failed.field,
            failed.value.as_str(),
            failed.attempts
        ),
        ("DescribeTaskStatus", "Status", "1", 2)
    );
    server.assert_no_refusals();
}

/// Listeners in two regions, one client: the region handle shares the
/// credentials and the connection, and each call names its region.
#[tokio::test]
async fn listeners_in_two_regions_are_changed_through_one_client() {
    let server = harness::server().await;
    let guangzhou = client(&server, "ap-guangzhou");
    let shanghai = guangzhou.in_region("ap-shanghai").unwrap();
    for clb in [&guangzhou, &shanghai, &guangzhou] {
        let changed = clb.modify_listener(change()).await.unwrap();
        clb.modify_listener_until_done(&changed, WaitOptions::default())
            .await
            .unwrap();
    }
    let regions: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| {
            let region = r.headers.iter().find(|(name, _)| name == "x-tc-region");
            (
                r.action.clone(),
                region.map(|(_, v)| v.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = ["ap-guangzhou", "ap-shanghai", "ap-guangzhou"]
        .into_iter()
        .flat_map(|region| {
            ["ModifyListener", "DescribeTaskStatus"].map(|a| (a.to_string(), region.to_string()))
        })
        .collect();
    assert_eq!(regions, expected);
    assert_eq!(server.stats().connections, 1, "one connection pool");
    server.assert_no_refusals();
}
