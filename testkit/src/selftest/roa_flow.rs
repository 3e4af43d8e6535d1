//! Alibaba ROA behaviour end to end, over real sockets with requests signed by hand: the
//! binding (method, path), the signature over the REST request, the members from each place,
//! the answers (body, headers, payload, nothing), faults and the request log.

use serde_json::json;

use super::client::{HttpResponse, acs_error, send};
use super::roa_call::{RoaCall, fc_spec};
use super::start_with;
use crate::{Fault, Protocol, Server, ServerConfig};

const DOMAINS: &str = "/2023-03-30/custom-domains";

/// A server of the test spec's `fc` product (the folder is read at start, then removed).
async fn start_fc() -> Server {
    let dir = fc_spec();
    let server = start_with(ServerConfig::new().spec_dir(&dir)).await;
    // Best effort: a folder left behind in the temporary folder harms nothing.
    let _ = std::fs::remove_dir_all(&dir);
    server
}

fn get_domain(server: &Server, encoded_name: &str) -> RoaCall {
    RoaCall::new(
        server,
        "GetCustomDomain",
        "GET",
        &format!("{DOMAINS}/{encoded_name}"),
    )
}

fn error_of(resp: &HttpResponse) -> (u16, String, String) {
    let (code, message) = acs_error(resp);
    (resp.status, code, message)
}

#[tokio::test]
async fn a_good_request_gets_the_example_with_the_request_id_in_a_header() {
    let server = start_fc().await;
    assert!(
        server
            .actions()
            .contains(&"fc 2023-03-30 GetCustomDomain".to_owned())
    );
    // A value with a space and a slash travels percent-encoded in one segment.
    let call = get_domain(&server, "a%20b%2Fc.example.com")
        .query("qualifier", "LATEST")
        .query("limit", "5");
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
    assert_eq!(
        resp.json(),
        json!({"domainName": "example.com", "protocol": "HTTPS"}),
        "the example, without RequestId"
    );
    let id = resp.header("x-acs-request-id").expect("the request ID");
    assert_eq!(id.len(), 36, "{id}");
    assert_ne!(id, "EXAMPLE-ID");
    let logged = &server.requests()[0];
    assert_eq!(logged.protocol, Protocol::Acs3Roa);
    assert!(logged.signature_valid && logged.idempotent);
    assert_eq!(
        logged.params,
        Some(json!({"domainName": "a b/c.example.com", "qualifier": "LATEST", "limit": 5}))
    );
    server.assert_no_refusals();
}

#[tokio::test]
async fn json_body_members_text_payloads_header_members_and_empty_answers() {
    let server = start_fc().await;
    let update = RoaCall::new(
        &server,
        "UpdateCustomDomain",
        "PUT",
        &format!("{DOMAINS}/example.com"),
    )
    .json(&json!({"protocol": "HTTP", "routeCount": 2}));
    let resp = send(server.addr(), &update.to_bytes()).await;
    assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
    // No documented answer: the required outputs with neutral values.
    assert_eq!(resp.json(), json!({"domainName": ""}));

    let invoke = RoaCall::new(
        &server,
        "InvokeFunction",
        "POST",
        "/2023-03-30/functions/f1/invocations",
    )
    .header("x-fc-invocation-type", "Sync")
    .text("{not json, just text}");
    let resp = send(server.addr(), &invoke.to_bytes()).await;
    assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
    assert_eq!(resp.body, b"hello, world", "the payload, as text");
    assert_eq!(
        resp.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(resp.header("x-fc-code-checksum"), Some("1234"));
    assert!(resp.header("x-acs-request-id").is_some());

    let delete = RoaCall::new(
        &server,
        "DeleteCustomDomain",
        "DELETE",
        &format!("{DOMAINS}/example.com"),
    );
    let resp = send(server.addr(), &delete.to_bytes()).await;
    assert_eq!((resp.status, resp.body.len()), (204, 0));
    assert!(resp.header("x-acs-request-id").is_some());

    let params: Vec<_> = server.requests().into_iter().map(|r| r.params).collect();
    assert_eq!(
        params,
        [
            Some(json!({"domainName": "example.com", "protocol": "HTTP", "routeCount": 2})),
            Some(json!({"functionName": "f1", "x-fc-invocation-type": "Sync",
                        "body": "{not json, just text}"})),
            Some(json!({"domainName": "example.com"})),
        ]
    );
    server.assert_no_refusals();
}

#[tokio::test]
async fn a_wrong_signature_and_a_body_unlike_its_hash_are_refused() {
    let server = start_fc().await;
    let mut call = get_domain(&server, "example.com");
    call.secret = "wrong".into();
    let (status, code, message) = error_of(&send(server.addr(), &call.to_bytes()).await);
    assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"));
    assert!(
        message.contains("server string to sign is:ACS3-HMAC-SHA256\n"),
        "{message}"
    );

    // Signed over one body, another one sent: the declared hash is not the body's.
    let mut call = RoaCall::new(
        &server,
        "UpdateCustomDomain",
        "PUT",
        &format!("{DOMAINS}/example.com"),
    )
    .json(&json!({"protocol": "HTTP"}));
    call.wire_body = Some(br#"{"protocol":"HTTPS"}"#.to_vec());
    let (status, code, message) = error_of(&send(server.addr(), &call.to_bytes()).await);
    assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"));
    assert!(message.contains("x-acs-content-sha256"), "{message}");

    // The path is signed as sent: a path changed after signing breaks the signature.
    let signed = get_domain(&server, "example.com").to_bytes();
    let text = String::from_utf8(signed).expect("ASCII");
    let moved = text.replacen("example.com ", "example.org ", 1);
    let (status, code, _) = error_of(&send(server.addr(), moved.as_bytes()).await);
    assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"));
    assert!(server.requests().iter().all(|r| !r.signature_valid));
}

#[tokio::test]
async fn missing_and_invalid_members_are_refused_like_rpc_parameters() {
    let server = start_fc().await;
    let cases = [
        // The path's member left empty.
        (get_domain(&server, ""), "MissingParameter", "domainName"),
        (
            RoaCall::new(
                &server,
                "UpdateCustomDomain",
                "PUT",
                &format!("{DOMAINS}/a"),
            )
            .json(&json!({"routeCount": 1})),
            "MissingParameter",
            "protocol",
        ),
        (
            RoaCall::new(
                &server,
                "UpdateCustomDomain",
                "PUT",
                &format!("{DOMAINS}/a"),
            )
            .json(&json!({"protocol": "FTP"})),
            "InvalidParameter",
            "protocol",
        ),
        (
            RoaCall::new(
                &server,
                "UpdateCustomDomain",
                "PUT",
                &format!("{DOMAINS}/a"),
            )
            .json(&json!({"protocol": "HTTP", "extra": 1})),
            "InvalidParameter",
            "extra",
        ),
        (
            RoaCall::new(
                &server,
                "UpdateCustomDomain",
                "PUT",
                &format!("{DOMAINS}/a"),
            )
            .json(&json!(["HTTP"])),
            "InvalidParameter",
            "JSON object",
        ),
        (
            get_domain(&server, "a").query("limit", "many"),
            "InvalidParameter",
            "limit",
        ),
        (
            get_domain(&server, "a").query("protocol", "HTTP"),
            "InvalidParameter",
            "protocol",
        ),
    ];
    for (call, expected_code, named) in cases {
        let (status, code, message) = error_of(&send(server.addr(), &call.to_bytes()).await);
        assert_eq!((status, code.as_str()), (400, expected_code), "{message}");
        assert!(message.contains(named), "{message}");
    }
    assert_eq!(server.refusals().len(), 7);
    assert!(server.requests().iter().all(|r| r.params.is_none()));
}

#[tokio::test]
async fn a_method_or_a_path_unlike_the_binding_is_refused_without_quoting_it() {
    let server = start_fc().await;
    let secret_like = "s3cr3t-domain.example.com";
    let wrong_method = RoaCall::new(
        &server,
        "GetCustomDomain",
        "POST",
        &format!("{DOMAINS}/{secret_like}"),
    );
    let (status, code, message) = error_of(&send(server.addr(), &wrong_method.to_bytes()).await);
    assert_eq!((status, code.as_str()), (400, "UnsupportedHTTPMethod"));
    assert!(message.contains("use GET"), "{message}");

    for path in [
        format!("/2023-03-30/functions/{secret_like}"),
        format!("{DOMAINS}/{secret_like}/more"),
        "/".to_owned(),
    ] {
        let call = RoaCall::new(&server, "GetCustomDomain", "GET", &path);
        let (status, code, message) = error_of(&send(server.addr(), &call.to_bytes()).await);
        assert_eq!((status, code.as_str()), (400, "PathNotSupported"), "{path}");
        assert!(
            message.contains("/2023-03-30/custom-domains/{domainName}"),
            "{message}"
        );
    }
    for refusal in server.refusals() {
        assert!(!refusal.message.contains(secret_like), "{refusal}");
        assert_eq!(refusal.protocol, Protocol::Acs3Roa);
    }
}

#[tokio::test]
async fn faults_and_error_stubs_answer_as_for_rpc() {
    let server = start_fc().await;
    server.push_fault("GetCustomDomain", Fault::Throttled);
    server.push_fault(
        "GetCustomDomain",
        Fault::ServiceError {
            code: "DomainNameNotFound".into(),
            message: "no such domain".into(),
            status: Some(404),
        },
    );
    let resp = send(server.addr(), &get_domain(&server, "a").to_bytes()).await;
    assert_eq!(
        (resp.status, acs_error(&resp).0.as_str()),
        (400, "Throttling.User")
    );
    let id = resp.header("x-acs-request-id").expect("a request ID");
    assert_eq!(resp.json()["RequestId"], id, "the same ID in both");
    let resp = send(server.addr(), &get_domain(&server, "a").to_bytes()).await;
    assert_eq!(
        (resp.status, acs_error(&resp).0.as_str()),
        (404, "DomainNameNotFound")
    );
    // A test's raw answer replaces the example, with its header members sent as headers.
    server.push_fault(
        "InvokeFunction",
        Fault::Respond(json!({"body": "scripted", "x-fc-code-checksum": "9"})),
    );
    let invoke = RoaCall::new(
        &server,
        "InvokeFunction",
        "POST",
        "/2023-03-30/functions/f/invocations",
    );
    let resp = send(server.addr(), &invoke.to_bytes()).await;
    assert_eq!((resp.status, resp.body.as_slice()), (200, &b"scripted"[..]));
    assert_eq!(resp.header("x-fc-code-checksum"), Some("9"));
    server.assert_no_refusals();
}
