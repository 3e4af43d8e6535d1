//! Alibaba behaviour end to end: authentication, replay protection, parameters, answers.

use super::client::{AcsCall, acs_error, csr_params, now, send};
use super::{start, start_with};
use crate::{Protocol, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

#[tokio::test]
async fn success_returns_the_example_response_with_exact_big_integer() {
    let server = start().await;
    let resp = send(server.addr(), &AcsCall::csr(&server).to_bytes()).await;
    assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
    let text = String::from_utf8_lossy(&resp.body).into_owned();
    assert!(text.contains("\"OrderId\":98987582437920968"), "{text}");
    let id = resp.json()["RequestId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(id.len(), 36, "{id}");
    assert!(
        id.bytes()
            .all(|c| c == b'-' || c.is_ascii_digit() || c.is_ascii_uppercase())
    );
    assert_ne!(
        id, "CBF1E9B7-D6A0-4E9E-AD3E-2B47E6C2837D",
        "a fresh id, not the example's"
    );
    let r = &server.requests()[0];
    assert_eq!(r.protocol, Protocol::Acs3Rpc);
    assert!(r.signature_valid && !r.idempotent);
    assert!(r.query.contains("Csr="));
}

#[tokio::test]
async fn query_is_verified_whatever_its_order_and_escaping_on_the_wire() {
    let server = start().await;
    let mut call = AcsCall::new(
        &server,
        "CreateCertificateWithCsrRequest",
        &[
            ("Csr", "a*b/c d+e"),
            ("Username", "Tom"),
            ("Phone", "1"),
            ("Email", "e@x"),
            ("ValidateType", "DNS"),
        ],
    );
    // Unsorted, lowercase escapes, a raw `*` and an escaped unreserved `T`.
    call.wire_query =
        Some("ValidateType=DNS&Email=e%40x&Phone=1&Username=%54om&Csr=a*b%2fc%20d%2Be".into());
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
}

#[tokio::test]
async fn plus_in_the_query_is_a_literal_plus() {
    let server = start().await;
    let mut call = AcsCall::new(
        &server,
        "CreateCertificateWithCsrRequest",
        &[
            ("Csr", "a b"),
            ("Username", "Tom"),
            ("Phone", "1"),
            ("Email", "e"),
            ("ValidateType", "DNS"),
        ],
    );
    // A form-style `+` for the space is a different value from the signed `a b`.
    call.wire_query = Some("Csr=a+b&Email=e&Phone=1&Username=Tom&ValidateType=DNS".into());
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(acs_error(&resp).0, "SignatureDoesNotMatch");
}

#[tokio::test]
async fn wrong_secret_reports_the_string_to_sign() {
    let server = start().await;
    let mut call = AcsCall::csr(&server);
    call.secret = "wrong".into();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.status, 400);
    let v = resp.json();
    assert_eq!(v["Code"], "SignatureDoesNotMatch");
    let message = v["Message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with(
            "Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n"
        ),
        "{message}"
    );
    assert_eq!(v["HostId"], server.addr().to_string());
    assert_eq!(
        v["Recommend"],
        "https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=cas"
    );
    let id = v["RequestId"].as_str().unwrap_or_default();
    assert_eq!(id.len(), 36);
    assert!(!server.requests()[0].signature_valid);
}

#[tokio::test]
async fn unknown_access_key_is_404() {
    let server = start().await;
    let mut call = AcsCall::csr(&server);
    call.id = "nobody".into();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.status, 404);
    assert_eq!(acs_error(&resp).0, "InvalidAccessKeyId.NotFound");
}

#[tokio::test]
async fn skew_is_rejected() {
    let server = start_with(ServerConfig::new().clock_offset(-400)).await;
    let resp = send(server.addr(), &AcsCall::csr(&server).to_bytes()).await;
    assert_eq!(
        (resp.status, acs_error(&resp).0.as_str()),
        (400, "InvalidTimeStamp.Expired")
    );
    let plain = start().await;
    let resp = send(
        plain.addr(),
        &AcsCall::csr(&plain).at(now() + 400).to_bytes(),
    )
    .await;
    assert_eq!(acs_error(&resp).0, "InvalidTimeStamp.Expired");
}

#[tokio::test]
async fn reused_nonce_is_rejected() {
    let server = start().await;
    let first = AcsCall::csr(&server);
    assert_eq!(send(server.addr(), &first.to_bytes()).await.status, 200);
    let resp = send(server.addr(), &first.to_bytes()).await;
    assert_eq!(
        (resp.status, acs_error(&resp).0.as_str()),
        (400, "SignatureNonceUsed")
    );
    // Both were the same logical call of a non-idempotent action.
    assert_eq!(server.stats().non_idempotent_duplicates, 1);
}

#[tokio::test]
async fn version_and_action_checks() {
    let server = start().await;
    let mut call = AcsCall::csr(&server);
    call.version = "2015-01-01".into();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        (resp.status, acs_error(&resp).0.as_str()),
        (400, "InvalidVersion")
    );
    let call = AcsCall::new(&server, "DescribeNothing", &[]);
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        (resp.status, acs_error(&resp).0.as_str()),
        (404, "InvalidApi.NotFound")
    );
}

#[tokio::test]
async fn missing_parameter_is_named() {
    let server = start().await;
    let params: Vec<_> = csr_params()
        .into_iter()
        .filter(|(n, _)| *n != "Email")
        .collect();
    let call = AcsCall::new(&server, "CreateCertificateWithCsrRequest", &params);
    let resp = send(server.addr(), &call.to_bytes()).await;
    let (code, message) = acs_error(&resp);
    assert_eq!((resp.status, code.as_str()), (400, "MissingParameter"));
    assert!(message.contains("Email"), "{message}");
}

#[tokio::test]
async fn unknown_parameter_is_named_and_flattened_arrays_are_known() {
    let server = start().await;
    let mut params = csr_params();
    params.extend([
        ("Tags.1.Key", "env"),
        ("Tags.1.Value", "prod"),
        ("Tags.10.Key", "x"),
    ]);
    let call = AcsCall::new(&server, "CreateCertificateWithCsrRequest", &params);
    assert_eq!(send(server.addr(), &call.to_bytes()).await.status, 200);
    params.push(("RegionId", "cn-hangzhou"));
    let call = AcsCall::new(&server, "CreateCertificateWithCsrRequest", &params);
    let resp = send(server.addr(), &call.to_bytes()).await;
    let (code, message) = acs_error(&resp);
    assert_eq!((resp.status, code.as_str()), (400, "InvalidParameter"));
    assert!(message.contains("RegionId"), "{message}");
}

#[tokio::test]
async fn every_acs_header_must_be_signed() {
    let server = start().await;
    let mut call = AcsCall::csr(&server);
    call.unsigned_headers = vec![("x-acs-accesskey-id".into(), TEST_KEY_ID.into())];
    let resp = send(server.addr(), &call.to_bytes()).await;
    let (code, message) = acs_error(&resp);
    assert_eq!((resp.status, code.as_str()), (400, "IncompleteSignature"));
    assert!(message.contains("x-acs-accesskey-id"), "{message}");
}

#[tokio::test]
async fn body_must_match_its_declared_hash() {
    let server = start().await;
    let mut call = AcsCall::csr(&server);
    call.body = b"Extra=1".to_vec();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(acs_error(&resp).0, "SignatureDoesNotMatch");
    assert!(!server.requests()[0].signature_valid);
}

#[tokio::test]
async fn token_must_match_the_key() {
    let server = start_with(ServerConfig::new().alibaba_key(
        TEST_KEY_ID,
        TEST_KEY_SECRET,
        Some("sts-token"),
    ))
    .await;
    let mut call = AcsCall::csr(&server);
    call.token = Some("other".into());
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        acs_error(&resp).0,
        "InvalidSecurityToken.MismatchWithAccessKey"
    );
    let mut call = AcsCall::csr(&server);
    call.token = Some("sts-token".into());
    assert_eq!(send(server.addr(), &call.to_bytes()).await.status, 200);
}
