//! CreateCertificateWithCsrRequest over real HTTP against the loopback
//! server, which verifies ACS3 signatures independently of the client.

use std::time::Duration;

use cloudapi::TransportKind;
use cloudapi::alibaba::CommonErrorCode;
use cloudapi::alibaba::cas::*;
use cloudapi::{Config, Credentials, Endpoint, Error, RetryConfig};
use testkit::{Fault, Server, ServerConfig, TEST_KEY_ID};

const CSR: &str = "-----BEGIN CERTIFICATE REQUEST-----\nMIIC+/=\n-----END CERTIFICATE REQUEST-----";

fn request() -> CreateCertificateWithCsrRequestInput {
    CreateCertificateWithCsrRequestInput::new(
        CSR,
        "Tom Lee",
        "1390000****",
        "username@example.com",
        ValidateType::Dns,
    )
    .product_code(ProductCode::SymantecFree1Free)
    .tags([
        Tag::new().key("team name").value("a&b=c/d*e~ 数"),
        Tag::new().key("env").value("prod"),
    ])
}

#[tokio::test]
async fn returns_the_documented_response_with_an_exact_order_id() {
    let server = harness::server().await;
    let response = harness::alibaba(&server)
        .create_certificate_with_csr_request(request())
        .await
        .unwrap();
    // 98987582437920968 has no exact f64; a float-based parser would return …960 or …976.
    assert_eq!(response.order_id, 98_987_582_437_920_968);
    assert_eq!(response.request_id.len(), 36, "a fresh request id");
    assert_ne!(response.request_id, "CBF1E9B7-D6A0-4E9E-AD3E-2B47E6C2837D");
    // What arrived, rebuilt from the query by the spec and decoded: the request sent.
    assert_eq!(
        server.received(Client::create_certificate_with_csr_request),
        [request()]
    );
    let received = &server.requests()[0];
    assert!(
        received.signature_valid,
        "the independent ACS3 verifier accepts the signature"
    );
    for part in [
        "Tags.1.Key=team%20name",
        "Tags.1.Value=a%26b%3Dc%2Fd%2Ae~%20%E6%95%B0",
        "Tags.2.Key=env",
        "ValidateType=DNS",
        "ProductCode=symantec-free-1-free",
    ] {
        assert!(
            received.query.contains(part),
            "{part} missing from {}",
            received.query
        );
    }
    assert!(
        received.body.is_empty(),
        "RPC style: everything is in the query string"
    );
}

#[tokio::test]
async fn service_errors_carry_status_code_and_request_id() {
    let server = harness::server().await;
    let client = harness::alibaba(&server);
    server.push_fault(
        "CreateCertificateWithCsrRequest",
        Fault::ServiceError {
            code: "NotFoundPackage".into(),
            message: "no plan".into(),
            status: Some(404),
        },
    );
    let error = client
        .create_certificate_with_csr_request(request())
        .await
        .unwrap_err();
    let Error::Service(service) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        *service.code(),
        CreateCertificateWithCsrRequestError::NotFoundPackage
    );
    assert_eq!((service.http_status, service.message()), (404, "no plan"));
    let id = service.request_id().expect("request id").to_string();
    assert!(
        error.to_string().contains(&id)
            && error
                .to_string()
                .contains("CreateCertificateWithCsrRequest")
    );

    server.push_fault("CreateCertificateWithCsrRequest", Fault::Throttled);
    let throttled = client
        .with_retry(harness::once())
        .create_certificate_with_csr_request(request())
        .await
        .unwrap_err();
    assert_eq!(
        throttled.code(),
        Some(&CreateCertificateWithCsrRequestError::Common(
            CommonErrorCode::ThrottlingUser
        ))
    );
    assert!(
        !throttled.may_have_reached_server(),
        "a throttled request was not executed"
    );
}

#[tokio::test]
async fn broken_answers_become_typed_errors() {
    let server = harness::server().await;
    let client = harness::alibaba(&server).with_retry(harness::once());
    for (fault, mention) in [
        (Fault::BadGatewayHtml, "HTTP 502"),
        (Fault::TruncatedJson, "EOF"),
        (Fault::EmptyBody, "is empty"),
    ] {
        server.push_fault("CreateCertificateWithCsrRequest", fault.clone());
        let error = client
            .create_certificate_with_csr_request(request())
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::MalformedResponse(_)),
            "{fault:?}: {error:?}"
        );
        assert!(error.to_string().contains(mention), "{fault:?}: {error}");
    }
    server.push_fault(
        "CreateCertificateWithCsrRequest",
        Fault::Delay(Duration::from_secs(2)),
    );
    let error = client
        .create_certificate_with_csr_request(request())
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind, TransportKind::Timeout);
    assert!(transport.may_have_reached_server);
    assert!(
        error.to_string().contains("not idempotent"),
        "purchases say why they were not retried: {error}"
    );
}

#[tokio::test]
async fn a_purchase_is_never_sent_twice_but_throttling_is_retried() {
    let server = harness::server().await;
    let client = harness::alibaba(&server);
    server.push_fault("CreateCertificateWithCsrRequest", Fault::BadGatewayHtml);
    client
        .create_certificate_with_csr_request(request())
        .await
        .unwrap_err();
    assert_eq!(
        server.requests().len(),
        1,
        "a 502 may follow execution: not retried"
    );

    server.push_fault("CreateCertificateWithCsrRequest", Fault::Throttled);
    server.push_fault("CreateCertificateWithCsrRequest", Fault::Throttled);
    let response = client
        .create_certificate_with_csr_request(request())
        .await
        .unwrap();
    assert_eq!(response.order_id, 98_987_582_437_920_968);
    assert_eq!(
        server.requests().len(),
        4,
        "two throttled attempts, then success"
    );
    // The second call repeats the first's parameters on purpose: the server counts it once as
    // a duplicate (a caller's choice); the throttled retries before it are not duplicates.
    assert_eq!(server.stats().non_idempotent_duplicates, 1);
}

#[tokio::test]
async fn wrong_secret_skew_and_tokens_are_checked_by_the_server() {
    let server = harness::server().await;
    let forged = Client::new(harness::config(
        &server,
        Credentials::new(TEST_KEY_ID, "wrong"),
    ))
    .unwrap();
    let error = forged
        .create_certificate_with_csr_request(request())
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&CreateCertificateWithCsrRequestError::Common(
            CommonErrorCode::SignatureDoesNotMatch
        ))
    );
    assert!(error.to_string().contains("HTTP 400"), "{error}");

    let skewed = Server::start_with(ServerConfig::new().clock_offset(-10 * 60))
        .await
        .unwrap();
    // Refused with InvalidTimeStamp.Expired; the client then signs with the server's time.
    harness::alibaba(&skewed)
        .create_certificate_with_csr_request(request())
        .await
        .expect("corrected after one refusal");
    assert_eq!(skewed.requests().len(), 2);

    let sts = Server::start_with(ServerConfig::new().alibaba_key(
        "STS.id",
        "sts-secret",
        Some("sts-token"),
    ))
    .await
    .unwrap();
    let config = Config::new()
        .credentials(Credentials::new("STS.id", "sts-secret").with_token("sts-token"))
        .endpoint(Endpoint::Url(sts.url()))
        .retry(RetryConfig::disabled());
    Client::new(config)
        .unwrap()
        .create_certificate_with_csr_request(request())
        .await
        .expect("the token is sent and signed");
}

#[tokio::test]
async fn documented_tag_limits_are_checked_before_sending() {
    let server = harness::server().await;
    let client = harness::alibaba(&server);
    let too_many = request().tags((0..21).map(|i| Tag::new().key(format!("k{i}")).value("v")));
    let bad_keys = request().tags([
        Tag::new().key("acs:reserved"),
        Tag::new().key("x".repeat(129)),
        Tag::new().key(""),
    ]);
    let problems = |e: Error<CreateCertificateWithCsrRequestError>| match e {
        Error::InvalidRequest(invalid) => invalid.problems,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems(
            client
                .create_certificate_with_csr_request(too_many)
                .await
                .unwrap_err()
        ),
        ["Tags: must have at most 20 items, has 21"]
    );
    assert_eq!(
        problems(
            client
                .create_certificate_with_csr_request(bad_keys)
                .await
                .unwrap_err()
        ),
        [
            "Tags[0].Key: must not start with `acs:`",
            "Tags[1].Key: must be at most 128 characters long, is 129",
            "Tags[2].Key: must be at least 1 characters long, is 0",
        ]
    );
    assert!(server.requests().is_empty());
}
