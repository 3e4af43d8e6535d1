//! The body cap where reqwest cannot go (see `tests/body_limit.rs` for the rest): a body
//! declared far beyond it, answered before a byte of it is read, and a chunked one, whose
//! size no header declares.

use tokio::net::TcpStream;

use super::client::{AcsCall, TcCall, exchange_on, read_response, send};
use super::start;
use crate::limits::DRAIN_LIMIT;
use crate::{MAX_BODY_BYTES, Protocol};

#[tokio::test]
async fn a_body_declared_beyond_what_is_drained_is_refused_at_once_and_the_connection_closed() {
    let server = start().await;
    let stream = TcpStream::connect(server.addr()).await.expect("connect");
    // Only the head is sent: the answer must not wait for the body.
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nX-TC-Action: CertificateOrderSubmit\r\nContent-Length: {}\r\n\r\n",
        server.addr(),
        DRAIN_LIMIT + 1
    );
    let answer = exchange_on(&stream, head.as_bytes())
        .await
        .expect("exchange")
        .expect("an answer");
    assert_eq!(
        answer.tencent_code().as_deref(),
        Some("RequestSizeLimitExceeded")
    );
    // The body was left unread: the connection cannot carry another request.
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(matches!(read_response(&stream).await, Ok(None)));
    assert_eq!(server.refusals()[0].code, "RequestSizeLimitExceeded");

    let call = TcCall::new(
        &server,
        "CertificateOrderSubmit",
        r#"{"CertId":"Dsqef134"}"#,
    );
    let resp = send(server.addr(), &call.to_bytes()).await;
    assert_eq!(resp.tencent_code(), None, "a new connection is served");
}

#[tokio::test]
async fn a_chunked_body_over_the_cap_is_drained_and_refused_and_the_connection_kept() {
    let server = start().await;
    let stream = TcpStream::connect(server.addr()).await.expect("connect");
    let chunk = vec![b'x'; MAX_BODY_BYTES / 4 + 1];
    let mut request = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nx-acs-action: CreateCertificateWithCsrRequest\r\nTransfer-Encoding: chunked\r\n\r\n",
        server.addr()
    )
    .into_bytes();
    for _ in 0..4 {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(&chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    let answer = exchange_on(&stream, &request)
        .await
        .expect("exchange")
        .expect("an answer");
    assert_eq!(answer.status, 413);
    assert_eq!(answer.header("connection"), None, "read whole: kept open");
    let refusal = &server.refusals()[0];
    assert_eq!(
        (refusal.protocol, refusal.code.as_str()),
        (Protocol::Acs3Rpc, "PayloadTooLarge")
    );

    let next = exchange_on(&stream, &AcsCall::csr(&server).to_bytes())
        .await
        .expect("exchange")
        .expect("an answer");
    assert_eq!(
        next.status, 200,
        "the same connection serves the next request"
    );
    assert_eq!(server.stats().connections, 1);
}
