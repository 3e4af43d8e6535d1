//! Waiters on the items of a list: a CDN purge is done when every URL's log
//! says `done` (Tencent Cloud), an ALB change when every job the request
//! selects says `Succeeded` (Alibaba Cloud); one item in a failure state
//! fails the wait, and an empty list is not done yet.
//!
//! The waits run on tokio's paused clock (see `waiter.rs`).

use cloudapi::{Error, WaitOptions};
use testkit::Server;

mod tencent_cdn {
    use super::*;
    use cloudapi::tencent::cdn::*;

    fn log(server: &Server, status: DescribePurgeTasksStatus) -> PurgeTask {
        let mut log = server
            .example(Client::describe_purge_tasks)
            .purge_logs
            .remove(0);
        log.status = status;
        log
    }

    fn answer(server: &Server, logs: Vec<PurgeTask>) -> DescribePurgeTasksResponse {
        let mut answer = server.example(Client::describe_purge_tasks);
        answer.purge_logs = logs;
        answer
    }

    #[tokio::test(start_paused = true)]
    async fn a_purge_is_waited_for_until_every_url_is_done() {
        let server = harness::server().await;
        let cdn = Client::new(server.config()).unwrap();
        use DescribePurgeTasksStatus::{Done, Process};
        server.script(
            Client::describe_purge_tasks,
            [
                Ok(answer(&server, Vec::new())),
                Ok(answer(
                    &server,
                    vec![log(&server, Done), log(&server, Process)],
                )),
                Ok(answer(
                    &server,
                    vec![log(&server, Done), log(&server, Done)],
                )),
            ],
        );
        let purged = cdn
            .purge_urls_cache(PurgeUrlsCacheRequest::new([
                "https://www.example.com/a.css",
            ]))
            .await
            .unwrap();
        let done = cdn
            .purge_urls_cache_until_done(&purged, WaitOptions::default())
            .await
            .unwrap();
        assert!(done.purge_logs.iter().all(|l| l.status == Done));
        let polls: Vec<_> = server
            .requests()
            .into_iter()
            .filter(|r| r.action == "DescribePurgeTasks")
            .collect();
        assert_eq!(
            polls.len(),
            3,
            "no logs yet, one still in process, then done"
        );
        for poll in &polls {
            let task = poll.params.as_ref().and_then(|p| p.get("TaskId"));
            assert_eq!(
                task.and_then(serde_json::Value::as_str),
                Some(purged.task_id.as_str())
            );
        }
        server.assert_no_refusals();
    }

    #[tokio::test(start_paused = true)]
    async fn one_failed_url_fails_the_purge() {
        let server = harness::server().await;
        let cdn = Client::new(server.config()).unwrap();
        use DescribePurgeTasksStatus::{Done, Fail};
        server.script(
            Client::describe_purge_tasks,
            [Ok(answer(
                &server,
                vec![log(&server, Done), log(&server, Fail)],
            ))],
        );
        let request = DescribePurgeTasksRequest::new().task_id("task-1");
        let error = cdn
            .describe_purge_tasks_until_done(request, WaitOptions::default())
            .await
            .unwrap_err();
        let Error::WaitFailed(failed) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            (failed.field, failed.value.as_str(), failed.attempts),
            ("PurgeLogs.Status", "fail", 1)
        );
    }
}

mod alibaba_alb {
    use super::*;
    use cloudapi::alibaba::alb::*;

    fn jobs(server: &Server, states: &[&str]) -> ListAsynJobsResponse {
        let mut answer = server.example(Client::list_asyn_jobs);
        let example = answer
            .jobs
            .as_ref()
            .and_then(|j| j.first())
            .cloned()
            .unwrap();
        answer.jobs = Some(
            states
                .iter()
                .map(|state| {
                    let mut job = example.clone();
                    job.status = Some((*state).to_owned());
                    job
                })
                .collect(),
        );
        answer
    }

    #[tokio::test(start_paused = true)]
    async fn a_job_is_waited_for_until_it_succeeds_or_fails() {
        let server = harness::server().await;
        let alb = Client::new(server.config()).unwrap();
        server.script(
            Client::list_asyn_jobs,
            [
                Ok(jobs(&server, &["Processing"])),
                Ok(jobs(&server, &["Succeeded"])),
                Ok(jobs(&server, &["Failed"])),
            ],
        );
        let request = ListAsynJobsRequest::new().job_ids(["job-1"]);
        let done = alb
            .list_asyn_jobs_until_succeeded(request.clone(), WaitOptions::default())
            .await
            .unwrap();
        assert_eq!(done.jobs.unwrap()[0].status.as_deref(), Some("Succeeded"));
        let error = alb
            .list_asyn_jobs_until_succeeded(request, WaitOptions::default())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::WaitFailed(f) if f.value == "Failed" && f.field == "Jobs.Status"),
            "{error:?}"
        );
        server.assert_no_refusals();
    }
}
