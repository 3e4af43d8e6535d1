//! The request body cap over real HTTP, with reqwest (the generated clients' HTTP client): a
//! body over [`MAX_BODY_BYTES`] is refused as each vendor would refuse it, one of exactly that
//! size is read and checked as usual, a large real upload passes, and the server keeps
//! serving after a refusal, on the same connection and on new ones.

use cloudapi::alibaba::cas::{self, CreateCertificateWithCsrRequestInput, ValidateType};
use cloudapi::tencent::ssl::{self, CertificateOrderSubmitRequest, UploadConfirmLetterRequest};
use testkit::{MAX_BODY_BYTES, Protocol, Server};

/// A plain HTTP client, without the proxies the environment may name (the server is local).
fn http() -> reqwest::Client {
    cloudapi::http_client_builder()
        .no_proxy()
        .build()
        .expect("client builds")
}

/// Any bytes of `len`: the body is refused or checked as a whole, never parsed first.
fn body(len: usize) -> Vec<u8> {
    vec![b' '; len]
}

async fn post(
    http: &reqwest::Client,
    server: &Server,
    header: (&str, &str),
    len: usize,
) -> reqwest::Response {
    http.post(server.url())
        .header(header.0, header.1)
        .header("Content-Type", "application/json")
        .body(body(len))
        .send()
        .await
        .expect("the server answers")
}

/// The Tencent error code and message of an answer.
async fn tencent_error(response: reqwest::Response) -> (String, String) {
    assert_eq!(
        response.status(),
        200,
        "Tencent answers every error with 200"
    );
    let bytes = response.bytes().await.expect("a body");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON answer");
    let error = &json["Response"]["Error"];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    (text(&error["Code"]), text(&error["Message"]))
}

#[test]
fn the_cap_is_the_documented_10_mib() {
    assert_eq!(MAX_BODY_BYTES, 10 * 1024 * 1024);
}

#[tokio::test]
async fn a_tencent_body_over_the_cap_is_request_size_limit_exceeded_and_the_server_serves_on() {
    let server = Server::start().await.unwrap();
    let http = http();
    let action = ("X-TC-Action", "CertificateOrderSubmit");
    let response = post(&http, &server, action, MAX_BODY_BYTES + 1).await;
    // Read to its end, the body leaves the connection usable: it is not closed.
    assert_eq!(response.headers().get("connection"), None);
    let (code, message) = tencent_error(response).await;
    assert_eq!(code, "RequestSizeLimitExceeded");
    assert!(message.contains(&MAX_BODY_BYTES.to_string()), "{message}");

    let refusals = server.refusals();
    assert_eq!(refusals.len(), 1);
    let refusal = &refusals[0];
    assert_eq!(
        (
            refusal.protocol,
            refusal.action.as_str(),
            refusal.code.as_str(),
            refusal.http_status
        ),
        (
            Protocol::Tc3Json,
            "CertificateOrderSubmit",
            "RequestSizeLimitExceeded",
            200
        )
    );
    assert!(
        server.requests().is_empty(),
        "not read whole, so not logged"
    );
    assert_eq!(server.stats().refused, 1);

    // The same client is served again, and so is the generated one.
    let (code, _) = tencent_error(post(&http, &server, action, 2).await).await;
    assert_eq!(
        code, "AuthFailure.InvalidAuthorization",
        "an unsigned request, read and checked"
    );
    let client = ssl::Client::new(server.config()).unwrap();
    let answer = client
        .certificate_order_submit(CertificateOrderSubmitRequest::new("Dsqef134"))
        .await
        .unwrap();
    assert_eq!(answer.order_id, "SO8zRv29");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_body_of_exactly_the_cap_is_read_and_checked() {
    let server = Server::start().await.unwrap();
    let response = post(
        &http(),
        &server,
        ("X-TC-Action", "CertificateOrderSubmit"),
        MAX_BODY_BYTES,
    )
    .await;
    let (code, _) = tencent_error(response).await;
    assert_eq!(
        code, "AuthFailure.InvalidAuthorization",
        "unsigned, but not too large"
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body.len(), MAX_BODY_BYTES);
}

#[tokio::test]
async fn the_largest_real_upload_is_accepted() {
    let server = Server::start().await.unwrap();
    server.add_resource("certificate", "cert-letter");
    // A confirmation letter of the 1.4 MB the vendor allows, in base64 as sent.
    let letter = "A".repeat(1_400_000usize.div_ceil(3) * 4);
    ssl::Client::new(server.config())
        .unwrap()
        .upload_confirm_letter(UploadConfirmLetterRequest::new("cert-letter", letter))
        .await
        .unwrap();
    server.assert_no_refusals();
    assert!(server.requests()[0].body.len() > 1_800_000);
}

#[tokio::test]
async fn an_alibaba_body_over_the_cap_is_http_413_and_the_server_serves_on() {
    let server = Server::start().await.unwrap();
    let http = http();
    let action = ("x-acs-action", "CreateCertificateWithCsrRequest");
    let response = post(&http, &server, action, MAX_BODY_BYTES + 1).await;
    assert_eq!(response.status(), 413);
    let content_type = response.headers().get("content-type").cloned();
    assert!(
        content_type.is_some_and(|t| t.as_bytes().starts_with(b"text/plain")),
        "plain text, as a front proxy answers"
    );
    let text = response.text().await.unwrap();
    assert!(text.contains(&MAX_BODY_BYTES.to_string()), "{text}");
    let refusal = &server.refusals()[0];
    assert_eq!(
        (refusal.protocol, refusal.code.as_str(), refusal.http_status),
        (Protocol::Acs3Rpc, "PayloadTooLarge", 413)
    );

    // A request of neither vendor gets the same answer.
    let response = post(&http, &server, ("X-Other", "1"), MAX_BODY_BYTES + 1).await;
    assert_eq!(response.status(), 413);
    assert_eq!(server.refusals()[1].protocol, Protocol::Unknown);

    let client = cas::Client::new(server.config()).unwrap();
    let input = CreateCertificateWithCsrRequestInput::new(
        "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----",
        "Tom",
        "1390000****",
        "tom@example.com",
        ValidateType::from("DNS"),
    );
    client
        .create_certificate_with_csr_request(input)
        .await
        .unwrap();
    assert_eq!(server.stats().refused, 2);
}
