//! The transport against a scripted server on 127.0.0.1: the vendors'
//! retry rules (throttling codes, HTTP 503, `Retry-After` and
//! `x-acs-retry-after`), and failures whose message names their cause.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use cloudapi_runtime::protocol::{Acs3Rpc, Tc3Json};
use cloudapi_runtime::{
    Action, Config, Credentials, Endpoint, EndpointKind, EndpointSpec, Error, ErrorCode, RateLimit,
    RetryConfig, Service, Transport, Validate, Validator,
};
use common::{Reply, Seen, serve};
use serde_json::json;

static PURCHASE: Action = Action {
    name: "Purchase",
    idempotent: false,
    rate_limit_per_second: None,
    secret_outputs: &[],
    http: None,
};

static SERVICE: Service = Service {
    product: "demo",
    version: "2020-01-01",
    endpoints: &[EndpointSpec {
        host: "demo.example",
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: true,
    endpoint_rule: None,
    actions: &[&PURCHASE],
};

#[derive(serde::Serialize)]
struct Request {
    #[serde(rename = "Name")]
    name: &'static str,
}

impl Validate for Request {
    fn validate(&self, _: &mut Validator) {}
}

#[derive(serde::Deserialize, Debug)]
struct Response {
    #[serde(rename = "Ok")]
    ok: bool,
}

#[derive(Debug)]
struct Code(String);

impl ErrorCode for Code {
    fn from_code(code: &str) -> Self {
        Code(code.to_owned())
    }
    fn code(&self) -> &str {
        &self.0
    }
}

fn config(url: String) -> Config {
    Config::new()
        .credentials(Credentials::new("id", "secret"))
        .endpoint(Endpoint::Url(url))
        .rate_limit(RateLimit::Disabled)
        .retry(RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(2)))
}

/// Answers `first` to the first `n` requests, then success.
fn scripted(
    n: u32,
    first: Reply,
) -> (
    impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    Arc<AtomicU32>,
) {
    let count = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&count);
    let handler = move |_: &Seen| {
        if seen.fetch_add(1, Ordering::SeqCst) < n {
            first.clone()
        } else {
            Reply::json(
                200,
                json!({"Ok": true, "RequestId": "r", "Response": {"Ok": true, "RequestId": "r"}}),
            )
        }
    };
    (handler, count)
}

#[tokio::test]
async fn alibaba_throttling_waits_as_long_as_the_server_says() {
    let throttled = Reply::json(
        400,
        json!({"Code": "Throttling.User", "Message": "slow down", "RequestId": "x"}),
    )
    .header("x-acs-retry-after", "300");
    let (handler, count) = scripted(1, throttled);
    let server = serve(handler).await;
    let transport = Transport::<Acs3Rpc>::new(&SERVICE, config(server.url())).unwrap();
    let started = Instant::now();
    let response: Response = transport
        .call::<_, _, Code>(&PURCHASE, Request { name: "a" })
        .await
        .unwrap();
    assert!(response.ok);
    assert_eq!(
        count.load(Ordering::SeqCst),
        2,
        "a purchase is retried after throttling"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );

    // Any code with x-acs-retry-after is throttling, as the official SDKs read it.
    let odd = Reply::json(400, json!({"Code": "Flow.Limited", "Message": "m"}))
        .header("x-acs-retry-after", "10");
    let (handler, count) = scripted(2, odd);
    let server = serve(handler).await;
    let transport = Transport::<Acs3Rpc>::new(&SERVICE, config(server.url())).unwrap();
    transport
        .call::<_, Response, Code>(&PURCHASE, Request { name: "a" })
        .await
        .unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn http_503_is_retried_even_for_purchases() {
    let unavailable = Reply::json(
        503,
        json!({"Code": "ServiceUnavailable", "Message": "busy"}),
    );
    let (handler, count) = scripted(2, unavailable);
    let server = serve(handler).await;
    let transport = Transport::<Acs3Rpc>::new(&SERVICE, config(server.url())).unwrap();
    transport
        .call::<_, Response, Code>(&PURCHASE, Request { name: "a" })
        .await
        .unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 3);

    // A gateway's 503 page in front of Tencent, with Retry-After in seconds.
    let page = Reply::text(503, "<html>busy</html>").header("retry-after", "1");
    let (handler, count) = scripted(1, page);
    let server = serve(handler).await;
    let transport = Transport::<Tc3Json>::new(&SERVICE, config(server.url())).unwrap();
    let started = Instant::now();
    transport
        .call::<_, Response, Code>(&PURCHASE, Request { name: "a" })
        .await
        .unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 2);
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test]
async fn tencent_rate_limit_sub_codes_are_retried() {
    for code in [
        "RequestLimitExceeded",
        "RequestLimitExceeded.UinLimitExceeded",
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    ] {
        let limited = Reply::json(
            200,
            json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "x"}}),
        );
        let (handler, count) = scripted(1, limited);
        let server = serve(handler).await;
        let transport = Transport::<Tc3Json>::new(&SERVICE, config(server.url())).unwrap();
        transport
            .call::<_, Response, Code>(&PURCHASE, Request { name: "a" })
            .await
            .unwrap();
        assert_eq!(count.load(Ordering::SeqCst), 2, "{code}");
    }
}

#[tokio::test]
async fn a_refused_connection_says_so_without_the_url() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let transport =
        Transport::<Acs3Rpc>::new(&SERVICE, config(url).retry(RetryConfig::disabled())).unwrap();
    let error = transport
        .call::<_, Response, Code>(
            &PURCHASE,
            Request {
                name: "secret-parameter",
            },
        )
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(
        text.contains("Connection refused"),
        "the cause is named: {text}"
    );
    assert!(
        !text.contains("secret-parameter") && !text.contains("127.0.0.1"),
        "{text}"
    );
}

/// A purchase with Tencent's `ClientToken`.
#[derive(serde::Serialize)]
struct Buy {
    #[serde(rename = "ClientToken", skip_serializing_if = "Option::is_none")]
    client_token: Option<String>,
}

impl Validate for Buy {
    fn idempotency_token(&mut self) -> Option<&mut Option<String>> {
        Some(&mut self.client_token)
    }
}

#[tokio::test]
async fn a_client_token_is_filled_once_per_call_and_makes_a_purchase_retryable() {
    let internal = Reply::json(
        200,
        json!({"Response": {"Error": {"Code": "InternalError", "Message": "m"}, "RequestId": "x"}}),
    );
    let (handler, count) = scripted(1, internal.clone());
    let server = serve(handler).await;
    let transport = Transport::<Tc3Json>::new(&SERVICE, config(server.url())).unwrap();
    transport
        .call::<_, Response, Code>(&PURCHASE, Buy { client_token: None })
        .await
        .unwrap();
    transport
        .call::<_, Response, Code>(
            &PURCHASE,
            Buy {
                client_token: Some(String::new()),
            },
        )
        .await
        .unwrap();
    transport
        .call::<_, Response, Code>(
            &PURCHASE,
            Buy {
                client_token: Some("mine".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        count.load(Ordering::SeqCst),
        4,
        "the first call was retried"
    );
    let tokens: Vec<String> = server
        .seen()
        .iter()
        .map(|s| {
            serde_json::from_slice::<serde_json::Value>(&s.body).unwrap()["ClientToken"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(tokens[0], tokens[1], "a retry carries the same token");
    assert_ne!(tokens[1], tokens[2], "each call has its own");
    assert_eq!(tokens[3], "mine");
    let uuid = &tokens[0];
    assert_eq!((uuid.len(), &uuid[14..15]), (36, "4"), "{uuid}");

    // Without a token, a purchase is not sent again after a server error.
    let (handler, count) = scripted(1, internal);
    let server = serve(handler).await;
    let transport = Transport::<Tc3Json>::new(&SERVICE, config(server.url())).unwrap();
    let error = transport
        .call::<_, Response, Code>(&PURCHASE, Request { name: "a" })
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Service(_)));
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_redirect_is_not_followed_so_tokens_and_signed_bodies_stay_with_the_endpoint() {
    let elsewhere = serve(|_: &Seen| Reply::json(200, json!({"Response": {"Ok": true}}))).await;
    for status in [302, 307] {
        let location = format!("{}/collect", elsewhere.url());
        let endpoint =
            serve(move |_: &Seen| Reply::text(status, "moved").header("location", &location)).await;
        let config = config(endpoint.url())
            .credentials(Credentials::new("id", "secret").with_token("session-token"));
        let transport = Transport::<Tc3Json>::new(&SERVICE, config).unwrap();
        let error = transport
            .call::<_, Response, Code>(&PURCHASE, Request { name: "a" })
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::MalformedResponse(m) if m.http_status == status),
            "{error:?}"
        );
        assert_eq!(endpoint.seen().len(), 1);
    }
    assert!(
        elsewhere.seen().is_empty(),
        "the other host received {:?}",
        elsewhere.seen().iter().map(|s| &s.path).collect::<Vec<_>>()
    );
}
