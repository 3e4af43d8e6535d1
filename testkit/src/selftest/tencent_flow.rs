//! Tencent behaviour end to end: authentication, parameters, answers.

use std::time::Duration;

use serde_json::json;
use tokio::net::TcpStream;

use super::client::{TcCall, exchange_on, now, send};
use super::{start, start_with};
use crate::{Protocol, ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};

const SUBMIT: &str = "CertificateOrderSubmit";
const SUBMIT_BODY: &str = r#"{"CertId":"Dsqef134","VerifyType":"DNS"}"#;

fn is_request_id(id: &str) -> bool {
    let groups: Vec<usize> = id.split('-').map(str::len).collect();
    groups == [8, 4, 4, 4, 12] && id.bytes().all(|c| c == b'-' || c.is_ascii_hexdigit())
}

#[tokio::test]
async fn success_returns_the_example_response_with_a_fresh_request_id_per_call() {
    let server = start().await;
    let mut ids = Vec::new();
    for _ in 0..2 {
        let call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
        let resp = send(server.addr(), &call.to_bytes()).await;
        assert_eq!(resp.status, 200);
        let mut v = resp.json();
        let id = v["Response"]["RequestId"].take();
        assert!(id.as_str().is_some_and(is_request_id), "{id}");
        assert_ne!(
            id, "9b397ac6-7d01-4fbc-8acc-52dd6ff0877b",
            "not the example's"
        );
        ids.push(id);
        assert_eq!(
            v,
            json!({"Response": {"OrderId": "SO8zRv29", "Status": 8, "IsAudited": true,
                "RequestId": null}})
        );
    }
    assert_ne!(ids[0], ids[1], "one id per call");
    let received = server.requests();
    assert_eq!(received.len(), 2);
    let r = &received[0];
    assert_eq!((r.protocol, r.action.as_str()), (Protocol::Tc3Json, SUBMIT));
    assert!(r.signature_valid && r.idempotent && r.answered_with.is_none());
    assert_eq!(r.body, SUBMIT_BODY.as_bytes());
    assert_eq!(
        r.params,
        Some(json!({"CertId": "Dsqef134", "VerifyType": "DNS"}))
    );
    assert_eq!(server.stats().signature_failures, 0);
    assert!(server.refusals().is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn nested_example_response_keeps_nulls() {
    let server = start().await;
    let body = r#"{"OldCertificateId":"JADeKqED","ResourceTypes":["clb"],"CertificatePublicKey":"pub","CertificatePrivateKey":"key"}"#;
    let call = TcCall::new(&server, "UploadUpdateCertificateInstance", body);
    let resp = send(server.addr(), &call.to_bytes()).await;
    let v = resp.json();
    assert_eq!(
        v["Response"]["UpdateSyncProgress"][0]["UpdateSyncProgressRegions"][0]["TotalCount"],
        serde_json::Value::Null
    );
    assert!(
        v["Response"]["RequestId"]
            .as_str()
            .is_some_and(is_request_id)
    );
}

#[tokio::test]
async fn wrong_secret_is_a_signature_failure() {
    let server = start().await;
    let mut call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    call.secret = "not-the-secret".into();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.tencent_code().as_deref(),
        Some("AuthFailure.SignatureFailure")
    );
    let id = resp.json()["Response"]["RequestId"]
        .as_str()
        .map(str::to_owned);
    assert!(id.as_deref().is_some_and(is_request_id), "{id:?}");
    assert!(!server.requests()[0].signature_valid);
    assert_eq!(server.stats().signature_failures, 1);
}

#[tokio::test]
async fn tampered_body_is_a_signature_failure() {
    let server = start().await;
    let mut call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    call.wire_body = Some(r#"{"CertId":"other"}"#.into());
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        resp.tencent_code().as_deref(),
        Some("AuthFailure.SignatureFailure")
    );
}

#[tokio::test]
async fn unknown_secret_id() {
    let server = start().await;
    let mut call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    call.id = "AKIDunknown".into();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        resp.tencent_code().as_deref(),
        Some("AuthFailure.SecretIdNotFound")
    );
}

#[tokio::test]
async fn malformed_or_incomplete_authorization() {
    let server = start().await;
    let call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    let good = call.authorization();
    let without_host = good.replace("content-type;host;x-tc-action", "content-type;x-tc-action");
    for auth in ["TC3-HMAC-SHA256 garbage", "Bearer x", without_host.as_str()] {
        let resp = send(server.addr(), &call.to_bytes_with(auth)).await;
        assert_eq!(
            resp.tencent_code().as_deref(),
            Some("AuthFailure.InvalidAuthorization"),
            "{auth}"
        );
    }
}

#[tokio::test]
async fn server_clock_skew_is_rejected_beyond_the_limit() {
    let skewed = start_with(ServerConfig::new().clock_offset(301)).await;
    let resp = send(
        skewed.addr(),
        &TcCall::new(&skewed, SUBMIT, SUBMIT_BODY).to_bytes(),
    )
    .await;
    assert_eq!(
        resp.tencent_code().as_deref(),
        Some("AuthFailure.SignatureExpire")
    );
    // The signature itself was fine: only the time is refused.
    assert!(skewed.requests()[0].signature_valid);

    let tolerant = start_with(
        ServerConfig::new()
            .clock_offset(-200)
            .max_skew(Duration::from_secs(240)),
    )
    .await;
    let resp = send(
        tolerant.addr(),
        &TcCall::new(&tolerant, SUBMIT, SUBMIT_BODY).to_bytes(),
    )
    .await;
    assert_eq!(resp.tencent_code(), None);
}

#[tokio::test]
async fn scope_date_must_match_the_timestamp() {
    let server = start().await;
    let mut call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    call.scope_date = Some("2019-02-25".into());
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        resp.tencent_code().as_deref(),
        Some("AuthFailure.SignatureFailure")
    );
    assert!(!server.requests()[0].signature_valid);
}

#[tokio::test]
async fn token_is_required_for_temporary_keys() {
    let server =
        start_with(ServerConfig::new().tencent_key(TEST_KEY_ID, TEST_KEY_SECRET, Some("tok-1")))
            .await;
    let mut call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(
        resp.tencent_code().as_deref(),
        Some("AuthFailure.TokenFailure")
    );
    call.token = Some("tok-1".into());
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.tencent_code(), None);
}

#[tokio::test]
async fn version_action_and_body_checks() {
    let server = start().await;
    let cases = [
        ("2017-03-12", SUBMIT, SUBMIT_BODY, "NoSuchVersion"),
        ("2019-12-05", "DescribeNothing", "{}", "InvalidAction"),
        ("2019-12-05", SUBMIT, "[1]", "InvalidParameter"),
        ("2019-12-05", SUBMIT, "not json", "InvalidParameter"),
    ];
    for (version, action, body, code) in cases {
        let mut call = TcCall::new(&server, action, body);
        call.version = version.into();
        let resp = send(server.addr(), &call.to_bytes()).await;
        assert_eq!(
            resp.tencent_code().as_deref(),
            Some(code),
            "{version} {action} {body}"
        );
    }
    let mut call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
    call.service = "cvm".into();
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.tencent_code().as_deref(), Some("NoSuchProduct"));
}

#[tokio::test]
async fn missing_parameter_is_named() {
    let server = start().await;
    for body in [r#"{"VerifyType":"DNS"}"#, r#"{"CertId":null}"#] {
        let resp = send(
            server.addr(),
            &TcCall::new(&server, SUBMIT, body).to_bytes(),
        )
        .await;
        assert_eq!(resp.tencent_code().as_deref(), Some("MissingParameter"));
        let message = resp.json()["Response"]["Error"]["Message"].to_string();
        assert!(message.contains("CertId"), "{message}");
    }
}

#[tokio::test]
async fn unknown_parameter_is_named() {
    let server = start().await;
    let body = r#"{"CertId":"x","Bogus":1}"#;
    let resp = send(
        server.addr(),
        &TcCall::new(&server, SUBMIT, body).to_bytes(),
    )
    .await;
    assert_eq!(resp.tencent_code().as_deref(), Some("UnknownParameter"));
    let message = resp.json()["Response"]["Error"]["Message"].to_string();
    assert!(message.contains("Bogus"), "{message}");
}

#[tokio::test]
async fn keep_alive_serves_several_requests_on_one_connection() {
    let server = start().await;
    let stream = TcpStream::connect(server.addr()).await.expect("connect");
    for _ in 0..3 {
        let call = TcCall::new(&server, SUBMIT, SUBMIT_BODY);
        let resp = exchange_on(&stream, &call.to_bytes())
            .await
            .expect("exchange")
            .expect("answer");
        assert_eq!(resp.tencent_code(), None);
        assert_eq!(resp.header("connection"), None);
    }
    let stats = server.stats();
    assert_eq!((stats.connections, stats.requests), (1, 3));
}

#[tokio::test]
async fn duplicates_of_non_idempotent_calls_are_counted() {
    let server = start().await;
    let create = r#"{"ProductId":25,"DomainNum":1,"TimeSpan":1}"#;
    let reordered = r#"{"TimeSpan":1, "DomainNum":1, "ProductId":25}"#;
    let mut first = TcCall::new(&server, "CreateCertificate", create);
    first.timestamp = now() - 5;
    send(server.addr(), &first.to_bytes()).await;
    // A retry: new timestamp and signature, same parameters (in another key order).
    send(
        server.addr(),
        &TcCall::new(&server, "CreateCertificate", reordered).to_bytes(),
    )
    .await;
    // Idempotent repeats are not counted.
    send(
        server.addr(),
        &TcCall::new(&server, SUBMIT, SUBMIT_BODY).to_bytes(),
    )
    .await;
    send(
        server.addr(),
        &TcCall::new(&server, SUBMIT, SUBMIT_BODY).to_bytes(),
    )
    .await;
    let received = server.requests();
    assert_eq!(received[0].fingerprint, received[1].fingerprint);
    assert!(!received[0].idempotent && received[2].idempotent);
    assert_eq!(server.stats().non_idempotent_duplicates, 1);
}

#[tokio::test]
async fn request_without_vendor_header_is_plain_400() {
    let server = start().await;
    let request = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    let resp = send(server.addr(), request).await;
    assert_eq!(resp.status, 400);
    assert!(
        resp.header("content-type")
            .is_some_and(|c| c.starts_with("text/plain"))
    );
    assert_eq!(server.requests()[0].protocol, Protocol::Unknown);
}
