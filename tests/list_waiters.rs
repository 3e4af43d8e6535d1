//! Waiters on the items of a list: a CDN purge is done when every URL's log
//! says `done` (Tencent Cloud), an ALB change when every job the request
//! selects says `Succeeded` (Alibaba Cloud); one item in a failure state
//! fails the wait, and an empty list is not done yet.
//!
//! And the task waiters that reach them from a change's answer, by each way
//! an ID travels: a text (`TaskId`), a list (ALB's `JobIds`), a filter
//! (EdgeOne's `job-id`), from an answer that always has it or may lack it.
//! CLB's task from a `RequestId` is in `clb_tasks.rs`.
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

    #[tokio::test(start_paused = true)]
    async fn a_listener_change_waits_for_the_job_its_answer_names() {
        let server = harness::server().await;
        let alb = Client::new(server.config()).unwrap();
        let mut changed = server.example(Client::update_listener_attribute);
        changed.job_id = Some("job-42".to_owned());
        server.script(Client::update_listener_attribute, [Ok(changed)]);
        server.script(
            Client::list_asyn_jobs,
            [
                Ok(jobs(&server, &["Processing"])),
                Ok(jobs(&server, &["Succeeded"])),
            ],
        );
        let changed = alb
            .update_listener_attribute(UpdateListenerAttributeRequest::new("lsn-1"))
            .await
            .unwrap();
        alb.update_listener_attribute_until_succeeded(&changed, WaitOptions::default())
            .await
            .unwrap();
        let polls: Vec<_> = server
            .requests()
            .into_iter()
            .filter(|r| r.action == "ListAsynJobs")
            .collect();
        assert_eq!(polls.len(), 2);
        for poll in &polls {
            let ids = poll.params.as_ref().and_then(|p| p.get("JobIds"));
            assert_eq!(ids, Some(&serde_json::json!(["job-42"])), "{poll:?}");
        }
        server.assert_no_refusals();
    }

    #[tokio::test(start_paused = true)]
    async fn an_answer_without_a_job_is_refused_before_anything_is_sent() {
        let server = harness::server().await;
        let alb = Client::new(server.config()).unwrap();
        let mut changed = server.example(Client::update_listener_attribute);
        changed.job_id = None;
        let error = alb
            .update_listener_attribute_until_succeeded(&changed, WaitOptions::default())
            .await
            .unwrap_err();
        let Error::InvalidRequest(refused) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(refused.action, "ListAsynJobs");
        assert!(
            refused.problems[0]
                .starts_with("JobIds: the UpdateListenerAttribute answer names no task"),
            "{refused}"
        );
        assert!(server.requests().is_empty());
    }
}

mod alibaba_cdn {
    use super::*;
    use cloudapi::alibaba::cdn::*;

    #[tokio::test(start_paused = true)]
    async fn a_refresh_waits_for_the_task_its_answer_names() {
        let server = harness::server().await;
        let cdn = Client::new(server.config()).unwrap();
        let mut refreshed = server.example(Client::refresh_object_caches);
        refreshed.refresh_task_id = Some("704222904".to_owned());
        server.script(Client::refresh_object_caches, [Ok(refreshed)]);
        let mut tasks = server.example(Client::describe_refresh_task_by_id);
        for task in tasks.tasks.iter_mut().flatten() {
            task.status = Some("Complete".to_owned());
        }
        server.script(Client::describe_refresh_task_by_id, [Ok(tasks)]);
        let refreshed = cdn
            .refresh_object_caches(RefreshObjectCachesRequest::new("example.com/a.css"))
            .await
            .unwrap();
        cdn.refresh_object_caches_until_complete(&refreshed, WaitOptions::default())
            .await
            .unwrap();
        let poll = server
            .requests()
            .into_iter()
            .find(|r| r.action == "DescribeRefreshTaskById")
            .expect("polled");
        let id = poll.params.as_ref().and_then(|p| p.get("TaskId"));
        assert_eq!(id, Some(&serde_json::json!("704222904")));
        server.assert_no_refusals();
    }
}

mod tencent_teo {
    use super::*;
    use cloudapi::tencent::teo::*;

    #[tokio::test(start_paused = true)]
    async fn a_purge_waits_for_the_job_its_filter_selects() {
        let server = harness::server().await;
        let teo = Client::new(server.config()).unwrap();
        let mut tasks = server.example(Client::describe_purge_tasks);
        for task in &mut tasks.tasks {
            task.status = "success".to_owned();
        }
        server.script(Client::describe_purge_tasks, [Ok(tasks)]);
        let purged = teo
            .create_purge_task(
                CreatePurgeTaskRequest::new("zone-21xfqlh4qjee", "purge_url")
                    .targets(["https://www.example.com/a.css"]),
            )
            .await
            .unwrap();
        teo.create_purge_task_until_done(&purged, WaitOptions::default())
            .await
            .unwrap();
        let poll = server
            .requests()
            .into_iter()
            .find(|r| r.action == "DescribePurgeTasks")
            .expect("polled");
        let filters = poll.params.as_ref().and_then(|p| p.get("Filters"));
        assert_eq!(
            filters,
            Some(&serde_json::json!([{ "Name": "job-id", "Values": [purged.job_id] }]))
        );
        server.assert_no_refusals();
    }
}
