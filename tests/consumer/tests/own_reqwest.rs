//! The application's own reqwest client keeps working next to cloudapi, in the
//! same process as cloudapi's clients and the testkit.

use renewals::Renewal;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Tells the team's webhook what was renewed, one line per certificate, through
/// the application's own HTTP client.
async fn announce(
    http: &reqwest::Client,
    webhook: &str,
    renewals: &[Renewal],
) -> Result<reqwest::StatusCode, reqwest::Error> {
    let lines: Vec<String> = renewals
        .iter()
        .map(|r| {
            format!(
                "{} renewed as {} (order {})",
                r.old_id, r.new_id, r.order_id
            )
        })
        .collect();
    let response = http.post(webhook).body(lines.join("\n")).send().await?;
    Ok(response.status())
}

/// A webhook on 127.0.0.1 that answers one request with 204 and hands back
/// what it read.
async fn webhook() -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/renewals", listener.local_addr().unwrap());
    let served = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut seen = Vec::new();
        let mut buffer = [0; 4096];
        // The request is small: read until its body (after the blank line) has arrived.
        while !String::from_utf8_lossy(&seen).contains("(order o-1)") {
            let n = socket.read(&mut buffer).await.unwrap();
            assert!(n > 0, "the client closed early");
            seen.extend_from_slice(&buffer[..n]);
        }
        socket
            .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
            .await
            .unwrap();
        String::from_utf8(seen).unwrap()
    });
    (url, served)
}

#[tokio::test]
async fn the_applications_own_reqwest_client_builds_and_sends() {
    // A cloudapi client first, then the application's own: neither may
    // disturb the other's TLS setup.
    let server = testkit::Server::start().await.unwrap();
    let cloud = cloudapi::tencent::ssl::Client::new(server.config()).unwrap();
    let http = reqwest::Client::new();

    let (url, served) = webhook().await;
    let renewals = [Renewal {
        old_id: "old-shop".into(),
        new_id: "n-1".into(),
        order_id: "o-1".into(),
    }];
    let status = announce(&http, &url, &renewals).await.unwrap();
    assert_eq!(status, reqwest::StatusCode::NO_CONTENT);
    let request = served.await.unwrap();
    assert!(request.starts_with("POST /renewals HTTP/1.1"), "{request}");
    assert!(
        request.ends_with("old-shop renewed as n-1 (order o-1)"),
        "{request}"
    );

    // And cloudapi's client still calls the testkit.
    let request = cloudapi::tencent::ssl::DescribeCertificatesRequest::new();
    assert!(cloud.describe_certificates(request).await.is_ok());
}

#[test]
fn an_https_client_builds_without_an_installed_provider() {
    // Building an HTTPS-only client makes reqwest set up rustls: with cloudapi's
    // features, reqwest brings its own provider instead of panicking.
    reqwest::Client::builder().https_only(true).build().unwrap();
}
