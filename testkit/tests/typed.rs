//! The testkit as applications use it: the generated client pointed at a server with
//! `server.config()`, answers and assertions by client method, over real HTTP on 127.0.0.1.

use std::sync::{Arc, Mutex};

use cloudapi::alibaba::cas::{
    self, CreateCertificateWithCsrRequestError, CreateCertificateWithCsrRequestInput, ValidateType,
};
use cloudapi::tencent::ssl::*;
use cloudapi::{Error, RetryConfig, WaitOptions};
use testkit::{Fault, Server, ServerConfig};

fn tencent(server: &Server) -> Client {
    Client::new(server.config()).expect("client builds")
}

fn submit(id: &str) -> CertificateOrderSubmitRequest {
    CertificateOrderSubmitRequest::new(id).verify_type(VerifyType::Dns)
}

fn update(id: &str) -> UploadUpdateCertificateInstanceRequest {
    UploadUpdateCertificateInstanceRequest::new(id, [ResourceType::Clb], "cert", "key")
}

#[tokio::test]
async fn a_typed_answer_replaces_the_example_and_request_ids_stay_unique() {
    let server = Server::start().await.unwrap();
    let client = tencent(&server);
    let first = client
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap();
    let second = client
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(first.order_id, "SO8zRv29", "the spec's example");
    assert_ne!(
        first.request_id, second.request_id,
        "one request id per call"
    );

    let mut answer = server.example(Client::certificate_order_submit);
    answer.order_id = "order-7".into();
    answer.status = CertificateStatus::Approved;
    server.respond(Client::certificate_order_submit, answer.clone());
    let third = client
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(
        (third.order_id.as_str(), third.status),
        ("order-7", CertificateStatus::Approved)
    );
    assert_eq!(
        third.request_id, answer.request_id,
        "a request id the test gives is kept"
    );

    answer.request_id = String::new();
    server.respond(Client::certificate_order_submit, answer);
    let fourth = client
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(fourth.request_id.len(), 36, "an empty one is filled in");

    let sent = server.received(Client::certificate_order_submit);
    assert_eq!(sent, vec![submit("Dsqef134"); 4]);
    server.assert_no_refusals();
}

#[tokio::test]
async fn a_typed_error_carries_the_documented_message_and_alibaba_status() {
    let server = Server::start().await.unwrap();
    server.fail(
        Client::certificate_order_submit,
        CertificateOrderSubmitError::FailedOperationCertificateOrderSubmitProcessing,
    );
    let error = tencent(&server)
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap_err();
    let Error::Service(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        e.code(),
        &CertificateOrderSubmitError::FailedOperationCertificateOrderSubmitProcessing
    );
    assert_eq!(
        e.message(),
        "The order is already being processed; wait for it."
    );
    assert!(e.request_id().is_some());

    server.fail(
        cas::Client::create_certificate_with_csr_request,
        CreateCertificateWithCsrRequestError::NotFoundOrder,
    );
    let alibaba = cas::Client::new(server.config()).unwrap();
    let error = alibaba
        .create_certificate_with_csr_request(CreateCertificateWithCsrRequestInput::new(
            "csr",
            "Tom",
            "1",
            "t@example.com",
            ValidateType::Dns,
        ))
        .await
        .unwrap_err();
    let Error::Service(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (e.code(), e.http_status),
        (&CreateCertificateWithCsrRequestError::NotFoundOrder, 404)
    );
}

#[tokio::test]
async fn an_answer_function_sees_the_typed_request() {
    let server = Server::start().await.unwrap();
    let example = server.example(Client::certificate_order_submit);
    server.respond_with(Client::certificate_order_submit, move |request| {
        if request.verify_type == Some(VerifyType::File) {
            return Err(CertificateOrderSubmitError::FailedOperationInvalidParam);
        }
        let mut answer = example.clone();
        answer.order_id = format!("order-for-{}", request.cert_id);
        Ok(answer)
    });
    let client = tencent(&server);
    let ok = client
        .certificate_order_submit(submit("abcb1234"))
        .await
        .unwrap();
    assert_eq!(ok.order_id, "order-for-abcb1234");
    let file = CertificateOrderSubmitRequest::new("abcb1234").verify_type(VerifyType::File);
    let error = client.certificate_order_submit(file).await.unwrap_err();
    assert_eq!(
        error.code(),
        Some(&CertificateOrderSubmitError::FailedOperationInvalidParam)
    );
}

#[tokio::test]
async fn an_answer_function_that_panics_is_an_internal_error_and_a_refusal() {
    let server = Server::start().await.unwrap();
    server.respond_with(
        Client::certificate_order_submit,
        |_: &CertificateOrderSubmitRequest| -> Result<CertificateOrderSubmitResponse, CertificateOrderSubmitError> {
            panic!("not written yet")
        },
    );
    let client = tencent(&server).with_retry(RetryConfig::disabled());
    let error = client
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap_err();
    assert_eq!(error.code().map(|c| c.code()), Some("InternalError"));
    let refusals = server.refusals();
    assert_eq!(refusals.len(), 1);
    assert!(
        refusals[0].message.contains("not written yet"),
        "{}",
        refusals[0]
    );
}

#[tokio::test]
async fn a_script_drives_a_waiter_then_the_standing_answer_returns() {
    let server = Server::start().await.unwrap();
    let task = |id: u64| {
        let mut answer = server.example(Client::upload_update_certificate_instance);
        answer.deploy_record_id = id;
        answer.deploy_status = DeployStatus::Created;
        Ok(answer)
    };
    server.script(
        Client::upload_update_certificate_instance,
        [task(0), task(0), task(42)],
    );
    let client = tencent(&server);
    let options = WaitOptions::default().delays(
        std::time::Duration::from_millis(1),
        std::time::Duration::from_millis(5),
    );
    let done = client
        .upload_update_certificate_instance_until_task_created(update("JADeKqED"), options)
        .await
        .unwrap();
    assert_eq!(done.deploy_record_id, 42);
    assert_eq!(
        server
            .received(Client::upload_update_certificate_instance)
            .len(),
        3
    );
    let after = client
        .upload_update_certificate_instance(update("JADeKqED"))
        .await
        .unwrap();
    assert_eq!(after.deploy_record_id, 0, "the example again");

    server.script(
        Client::upload_update_certificate_instance,
        [Err(
            UploadUpdateCertificateInstanceError::FailedOperationCertificateDeployHasPendingRecord,
        )],
    );
    let error = client
        .upload_update_certificate_instance(update("JADeKqED"))
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(
            &UploadUpdateCertificateInstanceError::FailedOperationCertificateDeployHasPendingRecord
        )
    );
}

#[tokio::test]
async fn a_fault_for_one_action_then_normal_answers() {
    let server = Server::start().await.unwrap();
    server.fault(Client::certificate_order_submit, Fault::BadGatewayHtml);
    let client = tencent(&server);
    // Idempotent: the 502 page is retried, and the retry gets the example.
    let answer = client
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(answer.order_id, "SO8zRv29");
    assert_eq!(
        server.received(Client::certificate_order_submit).len(),
        2,
        "one per attempt"
    );
}

#[tokio::test]
async fn values_outside_the_spec_are_refused_with_the_vendor_codes_and_reported() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = Arc::clone(&seen);
    let server = Server::start_with(
        ServerConfig::new().on_refusal(move |r| hook.lock().unwrap().push(r.code.clone())),
    )
    .await
    .unwrap();
    // Undocumented values go out through the enums' `Unknown` variants.
    let odd = CertificateOrderSubmitRequest::new("Dsqef134").verify_type(VerifyType::from("dns"));
    let error = tencent(&server)
        .certificate_order_submit(odd)
        .await
        .unwrap_err();
    assert_eq!(
        error.code().map(|c| c.code()),
        Some("InvalidParameterValue")
    );
    assert!(error.to_string().contains("VerifyType"), "{error}");

    let alibaba = cas::Client::new(server.config()).unwrap();
    let error = alibaba
        .create_certificate_with_csr_request(CreateCertificateWithCsrRequestInput::new(
            "csr",
            "Tom",
            "1",
            "t@example.com",
            ValidateType::from("SMS"),
        ))
        .await
        .unwrap_err();
    let Error::Service(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((e.code().code(), e.http_status), ("InvalidParameter", 400));

    let refusals = server.refusals();
    let report: Vec<(String, String)> = refusals
        .iter()
        .map(|r| (r.action.clone(), r.code.clone()))
        .collect();
    assert_eq!(
        report,
        [
            (
                "CertificateOrderSubmit".into(),
                "InvalidParameterValue".into()
            ),
            (
                "CreateCertificateWithCsrRequest".into(),
                "InvalidParameter".into()
            )
        ]
    );
    assert_eq!(
        *seen.lock().unwrap(),
        ["InvalidParameterValue", "InvalidParameter"]
    );
    assert!(
        refusals[0].to_string().starts_with(
            "CertificateOrderSubmit: 200 InvalidParameterValue: The value of parameter `VerifyType`"
        ),
        "{}",
        refusals[0]
    );
    assert!(
        server.received(Client::certificate_order_submit).is_empty(),
        "refused"
    );
    assert_eq!(server.requests().len(), 2, "but logged");
}

#[tokio::test]
#[should_panic(expected = "testkit refused 1 request(s)")]
async fn assert_no_refusals_lists_them() {
    let server = Server::start().await.unwrap();
    let odd = CertificateOrderSubmitRequest::new("Dsqef134").verify_type(VerifyType::from("dns"));
    let _ = tencent(&server).certificate_order_submit(odd).await;
    server.assert_no_refusals();
}

#[tokio::test]
async fn unknown_certificates_are_not_found_until_created() {
    let server = Server::start().await.unwrap();
    let client = tencent(&server);
    let error = client
        .certificate_order_submit(submit("cert-new"))
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&CertificateOrderSubmitError::FailedOperationCertificateNotFound)
    );
    let mut bought = server.example(Client::create_certificate);
    bought.certificate_ids = vec!["cert-new".into()];
    server.respond(Client::create_certificate, bought);
    let created = client
        .create_certificate(CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1))
        .await
        .unwrap();
    assert_eq!(created.certificate_ids, ["cert-new"]);
    client
        .certificate_order_submit(submit("cert-new"))
        .await
        .unwrap();

    server.add_resource("certificate", "from-elsewhere");
    client
        .upload_update_certificate_instance(update("from-elsewhere"))
        .await
        .unwrap();
    server.assert_no_refusals();
}

#[tokio::test]
async fn a_spec_folder_serves_the_same_actions() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
    let server = Server::start_with(ServerConfig::new().spec_dir(dir))
        .await
        .unwrap();
    let builtin = Server::start().await.unwrap();
    assert_eq!(server.actions(), builtin.actions());
    assert!(
        server
            .actions()
            .contains(&"ssl 2019-12-05 CertificateOrderSubmit".to_owned())
    );
    let answer = tencent(&server)
        .certificate_order_submit(submit("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(answer.order_id, "SO8zRv29");
}

#[tokio::test]
async fn a_free_certificate_applied_for_can_be_described_and_downloaded() {
    let server = Server::start().await.unwrap();
    let client = tencent(&server);
    let describe = |id: &str| DescribeCertificateRequest::new(id);
    let error = client
        .describe_certificate(describe("dv-new"))
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&DescribeCertificateError::FailedOperationCertificateNotFound)
    );
    let mut applied = server.example(Client::apply_certificate);
    applied.certificate_id = "dv-new".into();
    server.respond(Client::apply_certificate, applied);
    let request = ApplyCertificateRequest::new(VerifyType::DnsAuto, "www.example.com");
    client.apply_certificate(request).await.unwrap();
    client
        .describe_certificate(describe("dv-new"))
        .await
        .unwrap();
    client
        .download_certificate(DownloadCertificateRequest::new("dv-new"))
        .await
        .unwrap();
    // The other actions that name a certificate know it too, and not the unknown one.
    client
        .describe_certificate_detail(DescribeCertificateDetailRequest::new("dv-new"))
        .await
        .unwrap();
    let error = client
        .revoke_certificate(RevokeCertificateRequest::new("never-issued"))
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&RevokeCertificateError::FailedOperationCertificateNotFound)
    );
    server.assert_no_refusals();
}
