//! The four Tencent SSL seed actions over real HTTP against the loopback
//! server, which verifies TC3 signatures independently of the client.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cloudapi::tencent::CommonErrorCode;
use cloudapi::tencent::ssl::*;
use cloudapi::{Clock, Config, Credentials, Endpoint, Error, Language};
use cloudapi::{ErrorCode, TransportKind};
use testkit::{Fault, Server, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

const PRIVATE_KEY: &str = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEAsdF/secret/key/material\n-----END RSA PRIVATE KEY-----";

fn create() -> CreateCertificateRequest {
    CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1)
        .auto_voucher(AutoVoucher::No)
        .tags([Tags::new("env", "test")])
}

fn submit_order() -> CertificateOrderSubmitRequest {
    CertificateOrderSubmitRequest::new("Dsqef134")
        .delete_dns_auto_record(DeleteDnsAutoRecord::Delete)
        .verify_type(VerifyType::Dns)
}

fn submit_information() -> SubmitCertificateInformationRequest {
    SubmitCertificateInformationRequest::new("abcb1234")
        .csr_type(CsrType::Online)
        .certificate_domain("*.test-dq342da.com")
        .organization_name("Tencent")
        .key_password("hunter2-key-password")
        .domain_list(["a.example.com", "b.example.com"])
}

fn upload_update() -> UploadUpdateCertificateInstanceRequest {
    UploadUpdateCertificateInstanceRequest::new(
        "JADeKqED",
        [ResourceType::Clb],
        "-----BEGIN CERTIFICATE-----\nMIIH\n-----END CERTIFICATE-----",
        PRIVATE_KEY,
    )
    .resource_types_regions([ResourceTypeRegions::new()
        .resource_type(ResourceType::Clb)
        .regions(["ap-qingyuan"])])
}

/// What a failed call looked like, whatever the action.
#[derive(Debug, PartialEq)]
enum Seen {
    Service { code: String, status: u16 },
    Malformed { status: u16 },
    Transport(TransportKind),
    Other(String),
}

fn seen<E: ErrorCode>(error: &Error<E>) -> Seen {
    match error {
        Error::Service(e) => Seen::Service {
            code: e.code().code().to_string(),
            status: e.http_status,
        },
        Error::MalformedResponse(e) => Seen::Malformed {
            status: e.http_status,
        },
        Error::Transport(e) => Seen::Transport(e.kind),
        other => Seen::Other(format!("{other:?}")),
    }
}

const ACTIONS: [&str; 4] = [
    "CreateCertificate",
    "CertificateOrderSubmit",
    "SubmitCertificateInformation",
    "UploadUpdateCertificateInstance",
];

/// Calls `action` once (no retries); `Ok(())` or what the error looked like, plus its Display.
async fn call(client: &Client, action: &str) -> Result<(), (Seen, String)> {
    let client = client.with_retry(harness::once());
    fn fail<E: ErrorCode>(e: Error<E>) -> (Seen, String) {
        (seen(&e), e.to_string())
    }
    match action {
        "CreateCertificate" => client
            .create_certificate(create())
            .await
            .map(drop)
            .map_err(fail),
        "CertificateOrderSubmit" => client
            .certificate_order_submit(submit_order())
            .await
            .map(drop)
            .map_err(fail),
        "SubmitCertificateInformation" => client
            .submit_certificate_information(submit_information())
            .await
            .map(drop)
            .map_err(fail),
        "UploadUpdateCertificateInstance" => client
            .upload_update_certificate_instance(upload_update())
            .await
            .map(drop)
            .map_err(fail),
        other => panic!("unknown action {other}"),
    }
}

#[tokio::test]
async fn every_seed_action_returns_its_documented_response() {
    let server = harness::server().await;
    let client = harness::tencent(&server);

    let created = client.create_certificate(create()).await.unwrap();
    assert_eq!(created.certificate_ids, ["gf16kv3A"]);
    assert_eq!(created.deal_ids, ["20200923877000003022941"]);
    assert_eq!(created.request_id.len(), 36, "a fresh request id per call");
    assert_ne!(created.request_id, "5a3d8310-3d7e-42d3-923a-b81407fe495e");

    let order = client
        .certificate_order_submit(submit_order())
        .await
        .unwrap();
    assert_eq!(order.order_id, "SO8zRv29");
    assert_eq!(order.status, CertificateStatus::PendingConfirmationLetter);
    assert!(order.is_audited);

    let info = client
        .submit_certificate_information(submit_information())
        .await
        .unwrap();
    assert_eq!(info.certificate_id, "abcb1234");

    let update = client
        .upload_update_certificate_instance(upload_update())
        .await
        .unwrap();
    assert_eq!(update.deploy_record_id, 0);
    assert_eq!(update.deploy_status, DeployStatus::AlreadyRunning);
    let progress = &update.update_sync_progress.as_deref().unwrap()[0];
    assert_eq!(progress.resource_type.as_deref(), Some("clb"));
    assert_eq!(progress.status, Some(UpdateSyncStatus::Pending));
    let region = &progress.update_sync_progress_regions.as_deref().unwrap()[0];
    assert_eq!(
        (
            region.region.as_deref(),
            region.total_count,
            region.offset_count
        ),
        (Some("ap-qingyuan"), None, None)
    );

    let received = server.requests();
    assert_eq!(received.len(), 4);
    assert!(
        received.iter().all(|r| r.signature_valid),
        "every signature verifies independently"
    );
    let body: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"ProductId": 25, "DomainNum": 1, "TimeSpan": 1, "AutoVoucher": 0, "Tags": [{"TagKey": "env", "TagValue": "test"}]}),
        "optional fields left unset are not sent; enums go out as their wire values"
    );
}

#[tokio::test]
async fn documented_codes_common_codes_and_unknown_codes_are_typed() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    let fault = |code: &str| Fault::ServiceError {
        code: code.into(),
        message: format!("{code} happened"),
        status: None,
    };

    server.push_fault("CreateCertificate", fault("FailedOperation.CannotGetOrder"));
    let error = client.create_certificate(create()).await.unwrap_err();
    let Error::Service(service) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        *service.code(),
        CreateCertificateError::FailedOperationCannotGetOrder
    );
    assert_eq!(service.message(), "FailedOperation.CannotGetOrder happened");
    assert_eq!(service.http_status, 200);
    let request_id = service.request_id().expect("a request id").to_string();
    let shown = error.to_string();
    assert!(
        shown.contains("CreateCertificate") && shown.contains(&request_id),
        "{shown}"
    );

    server.push_fault(
        "CertificateOrderSubmit",
        fault("FailedOperation.CertificateNotFound"),
    );
    let error = client
        .certificate_order_submit(submit_order())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&CertificateOrderSubmitError::FailedOperationCertificateNotFound)
    );

    server.push_fault(
        "SubmitCertificateInformation",
        fault("AuthFailure.UnauthorizedOperation"),
    );
    let error = client
        .submit_certificate_information(submit_information())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&SubmitCertificateInformationError::Common(
            CommonErrorCode::AuthFailureUnauthorizedOperation
        ))
    );

    server.push_fault(
        "UploadUpdateCertificateInstance",
        fault("FailedOperation.SomethingNew"),
    );
    let error = client
        .upload_update_certificate_instance(upload_update())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&UploadUpdateCertificateInstanceError::Unknown(
            "FailedOperation.SomethingNew".into()
        ))
    );
    server.push_fault(
        "UploadUpdateCertificateInstance",
        fault("FailedOperation.CertificateMatchError"),
    );
    let error = client
        .upload_update_certificate_instance(upload_update())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&UploadUpdateCertificateInstanceError::FailedOperationCertificateMatchError)
    );
}

#[tokio::test]
async fn every_action_survives_every_kind_of_broken_answer_as_a_typed_error() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    for action in ACTIONS {
        for (fault, expected, mention) in [
            (
                Fault::BadGatewayHtml,
                Seen::Malformed { status: 502 },
                "<html",
            ),
            (Fault::TruncatedJson, Seen::Malformed { status: 200 }, "EOF"),
            (
                Fault::EmptyBody,
                Seen::Malformed { status: 200 },
                "is empty",
            ),
            (
                Fault::Delay(Duration::from_secs(2)),
                Seen::Transport(TransportKind::Timeout),
                "timed out",
            ),
            (
                Fault::Throttled,
                Seen::Service {
                    code: "RequestLimitExceeded".into(),
                    status: 200,
                },
                "RequestLimitExceeded",
            ),
        ] {
            server.push_fault(action, fault.clone());
            let (got, shown) = call(&client, action).await.expect_err("the fault surfaces");
            assert_eq!(got, expected, "{action} with {fault:?}");
            assert!(
                shown.contains(action) && shown.contains(mention),
                "{action} with {fault:?}: {shown}"
            );
        }
        call(&client, action)
            .await
            .unwrap_or_else(|e| panic!("{action} after the faults: {e:?}"));
    }
}

#[tokio::test]
async fn wrong_secrets_and_skewed_clocks_are_rejected_by_the_server() {
    let server = harness::server().await;
    let forged = Client::new(harness::config(
        &server,
        Credentials::new(TEST_KEY_ID, "not-the-secret"),
    ))
    .unwrap();
    let error = forged
        .certificate_order_submit(submit_order())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&CertificateOrderSubmitError::Common(
            CommonErrorCode::AuthFailureSignatureFailure
        ))
    );
    assert!(!server.requests()[0].signature_valid);

    let skewed = Server::start_with(ServerConfig::new().clock_offset(6 * 60))
        .await
        .unwrap();
    // Refused with AuthFailure.SignatureExpire; the client then signs with the server's time.
    harness::tencent(&skewed)
        .certificate_order_submit(submit_order())
        .await
        .expect("corrected after one refusal");
    assert_eq!(skewed.requests().len(), 2);
    let within = Server::start_with(ServerConfig::new().clock_offset(4 * 60))
        .await
        .unwrap();
    harness::tencent(&within)
        .certificate_order_submit(submit_order())
        .await
        .expect("4 minutes of skew is accepted");
}

#[tokio::test]
async fn region_language_token_and_client_name_are_sent_and_signed() {
    let server = Server::start_with(ServerConfig::new().tencent_key(
        "AKIDtemporary",
        "temporary-secret",
        Some("sts-token-value"),
    ))
    .await
    .unwrap();
    let config = Config::new()
        .credentials(
            Credentials::new("AKIDtemporary", "temporary-secret").with_token("sts-token-value"),
        )
        .endpoint(Endpoint::Url(server.url()))
        .region("ap-guangzhou")
        .language(Language::EnUs);
    let client = Client::new(config).unwrap();
    client
        .certificate_order_submit(submit_order())
        .await
        .unwrap();
    let received = &server.requests()[0];
    assert!(received.signature_valid);
    let header = |name: &str| {
        received
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    // SSL Certificates is a global product: the region is not sent.
    assert_eq!(header("X-TC-Region"), None);
    assert_eq!(header("X-TC-Language"), Some("en-US"));
    assert_eq!(header("X-TC-Token"), Some("sts-token-value"));
    assert_eq!(header("X-TC-Version"), Some("2019-12-05"));
    assert_eq!(
        header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert!(header("X-TC-RequestClient").is_some_and(|v| v.contains("cloudapi")));
    assert!(
        header("Authorization")
            .is_some_and(|v| v.contains("SignedHeaders=content-type;host;x-tc-action"))
    );
}

#[tokio::test]
async fn invalid_requests_are_refused_before_anything_is_sent() {
    let server = harness::server().await;
    let client = harness::tencent(&server);
    let error = client
        .certificate_order_submit(CertificateOrderSubmitRequest::new(""))
        .await
        .unwrap_err();
    let Error::InvalidRequest(invalid) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(invalid.problems, ["CertId: must not be empty"]);
    assert!(!error.may_have_reached_server());
    let error = client
        .upload_update_certificate_instance(UploadUpdateCertificateInstanceRequest::new(
            "id",
            [ResourceType::Clb],
            "cert",
            "",
        ))
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("CertificatePrivateKey: must not be empty"),
        "{error}"
    );
    assert!(server.requests().is_empty(), "nothing reaches the server");
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_errors() {
    let server = harness::server().await;
    let credentials =
        Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET).with_token("session-token-xyz");
    let client = Client::new(harness::config(&server, credentials.clone())).unwrap();
    let request = upload_update();
    let info = submit_information();
    server.push_fault("UploadUpdateCertificateInstance", Fault::BadGatewayHtml);
    let error = client
        .with_retry(harness::once())
        .upload_update_certificate_instance(request.clone())
        .await
        .unwrap_err();
    let printed = [
        format!("{request:?}"),
        format!("{info:?}"),
        format!("{credentials:?}"),
        format!("{client:?}"),
        format!("{:?}", client.config()),
        format!("{error:?}"),
        error.to_string(),
    ]
    .join("\n");
    for secret in [
        PRIVATE_KEY,
        "hunter2-key-password",
        TEST_KEY_SECRET,
        "session-token-xyz",
    ] {
        assert!(!printed.contains(secret), "{secret} leaked:\n{printed}");
    }
    assert!(printed.contains("Sensitive Data Redacted"));
}

#[tokio::test]
async fn a_caller_supplied_http_client_is_used() {
    let server = harness::server().await;
    let http = cloudapi::http_client_builder()
        .user_agent("my-app/1.0")
        .build()
        .expect("the preconfigured builder builds without a global TLS provider");
    let config =
        harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET)).http_client(http);
    Client::new(config)
        .unwrap()
        .certificate_order_submit(submit_order())
        .await
        .unwrap();
    let received = &server.requests()[0];
    assert!(
        received
            .headers
            .iter()
            .any(|(n, v)| n == "user-agent" && v == "my-app/1.0")
    );
    assert!(received.signature_valid);
}

/// The TC3 signing key is derived once per UTC day and kept (tc3_json.rs):
/// one client signs a call a second before midnight and one at midnight.
/// The server rebuilds each signature with its own HMAC code from the day
/// the credential scope names, and refuses a scope whose day is not the
/// timestamp's: a key kept past midnight is refused there.
#[tokio::test(start_paused = true)]
async fn a_call_after_utc_midnight_is_signed_with_the_new_days_key() {
    // 2026-03-02T00:00:00Z.
    const MIDNIGHT: u64 = 1_772_409_600;
    let real_now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    // The server's clock is set to the same midnight, so that both calls are
    // within its five minutes of allowed skew however long the test takes.
    let offset = MIDNIGHT as i64 - real_now.as_secs() as i64;
    let server = Server::start_with(ServerConfig::new().clock_offset(offset))
        .await
        .unwrap();
    // The client's wall time moves only with tokio's paused clock. The
    // server runs on this runtime's one thread, so no time passes during a
    // call: each is signed at exactly the second the test chose.
    let clock = Clock::starting_at(UNIX_EPOCH + Duration::from_secs(MIDNIGHT - 1));
    let config = harness::config(&server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .clock(clock)
        .retry(harness::once());
    let client = Client::new(config).unwrap();
    client
        .certificate_order_submit(submit_order())
        .await
        .expect("signed on the day before midnight");
    tokio::time::advance(Duration::from_secs(1)).await;
    client
        .certificate_order_submit(submit_order())
        .await
        .expect("signed with the new day's key");

    let signed: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|request| {
            assert!(request.signature_valid, "{:?}", request.headers);
            let header = |name: &str| {
                let (_, value) = request.headers.iter().find(|(n, _)| n == name).unwrap();
                value.clone()
            };
            // `Credential=ID/DATE/ssl/tc3_request`: the day the key was derived for.
            let authorization = header("authorization");
            let scope = authorization.split("Credential=").nth(1).unwrap();
            let day = scope.split('/').nth(1).unwrap().to_owned();
            (header("x-tc-timestamp"), day)
        })
        .collect();
    let expected = [
        ((MIDNIGHT - 1).to_string(), "2026-03-01".to_owned()),
        (MIDNIGHT.to_string(), "2026-03-02".to_owned()),
    ];
    assert_eq!(signed, expected);
    server.assert_no_refusals();
}
