//! Per-call overhead of the generated client against a floor, for
//! `cargo xtask bench` (which pins both processes to one CPU and interleaves runs).
//!
//! - `callbench serve`: a minimal HTTP/1.1 server on 127.0.0.1 that answers
//!   every request with a fixed `CertificateOrderSubmit` response; prints its port.
//! - `callbench client <port> generated|refreshing|floor <calls> <warmup>`:
//!   sequential calls on one keep-alive connection; prints the median, mean
//!   and p99 per call in µs. `generated` calls `certificate_order_submit`
//!   through the generated client (validate, encode, sign, send, decode,
//!   typed response) with fixed credentials; `refreshing` does the same with
//!   temporary credentials from a provider, valid 100 ms, so the client's
//!   cache refreshes them every 50 ms during the run; `floor` sends one
//!   request signed in advance with raw reqwest and reads the body.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use cloudapi::RateLimit;
use cloudapi::runtime::credentials::{CredentialsFuture, ProvideCredentials};
use cloudapi::runtime::sign::tc3;
use cloudapi::tencent::ssl::{CertificateOrderSubmitRequest, Client, VerifyType};
use cloudapi::{Config, Credentials, Endpoint};

const RESPONSE: &str = r#"{"Response":{"OrderId":"SO8zRv29","Status":8,"IsAudited":true,"RequestId":"9b397ac6-7d01-4fbc-8acc-52dd6ff0877b"}}"#;
const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
const SECRET: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["serve"] => runtime.block_on(serve()),
        ["client", port, mode, calls, warmup] => {
            let (calls, warmup) = (
                calls.parse().expect("calls"),
                warmup.parse().expect("warmup"),
            );
            let times = runtime.block_on(client(port, mode, calls, warmup));
            report(times);
        }
        _ => eprintln!(
            "usage: callbench serve | callbench client <port> generated|refreshing|floor <calls> <warmup>"
        ),
    }
}

async fn serve() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    println!("{}", listener.local_addr().expect("addr").port());
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(|_request| async {
                Ok::<_, Infallible>(
                    hyper::Response::builder()
                        .header("content-type", "application/json")
                        .body(http_body_util::Full::new(bytes::Bytes::from_static(
                            RESPONSE.as_bytes(),
                        )))
                        .expect("response"),
                )
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(io, service)
                .await;
        });
    }
}

/// Temporary credentials valid 100 ms: refreshed every 50 ms of the run.
#[derive(Debug)]
struct Refreshing;

impl ProvideCredentials for Refreshing {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async {
            Ok(Credentials::new(ID, SECRET)
                .with_token("token")
                .with_expiry(std::time::SystemTime::now() + Duration::from_millis(100)))
        })
    }
}

fn request() -> CertificateOrderSubmitRequest {
    CertificateOrderSubmitRequest::new("Dsqef134").verify_type(VerifyType::Dns)
}

async fn client(port: &str, mode: &str, calls: usize, warmup: usize) -> Vec<Duration> {
    let url = format!("http://127.0.0.1:{port}");
    let mut times = Vec::with_capacity(calls);
    match mode {
        "generated" | "refreshing" => {
            let config = Config::new()
                .endpoint(Endpoint::Url(url))
                .rate_limit(RateLimit::Disabled);
            let config = match mode {
                "refreshing" => config.credentials_provider(Refreshing),
                _ => config.credentials(Credentials::new(ID, SECRET)),
            };
            let client = Client::new(config).expect("client");
            for i in 0..warmup + calls {
                let started = Instant::now();
                let response = client
                    .certificate_order_submit(request())
                    .await
                    .expect("call succeeds");
                std::hint::black_box(&response);
                if i >= warmup {
                    times.push(started.elapsed());
                }
            }
        }
        "floor" => {
            let http = cloudapi::http_client_builder().build().expect("client");
            let body = serde_json::to_vec(&request()).expect("json");
            let host = format!("127.0.0.1:{port}");
            let key = tc3::SigningKey::derive(SECRET, "2026-01-01", "ssl");
            let headers = [
                ("content-type", "application/json; charset=utf-8"),
                ("host", host.as_str()),
                ("x-tc-action", "CertificateOrderSubmit"),
            ];
            let signed = tc3::Tc3Request {
                method: "POST",
                canonical_uri: "/",
                canonical_query: "",
                headers: &headers,
                payload: &body,
            };
            let authorization = tc3::authorization(ID, &key, 1_767_225_600, &signed);
            let prepared = http
                .post(format!("{url}/"))
                .header("content-type", "application/json; charset=utf-8")
                .header("x-tc-action", "CertificateOrderSubmit")
                .header("x-tc-version", "2019-12-05")
                .header("x-tc-timestamp", "1767225600")
                .header("authorization", authorization)
                .body(body)
                .build()
                .expect("request");
            for i in 0..warmup + calls {
                let started = Instant::now();
                let request = prepared.try_clone().expect("clonable");
                let bytes = http
                    .execute(request)
                    .await
                    .expect("send")
                    .bytes()
                    .await
                    .expect("body");
                std::hint::black_box(&bytes);
                if i >= warmup {
                    times.push(started.elapsed());
                }
            }
        }
        other => panic!("unknown mode {other}"),
    }
    times
}

fn report(mut times: Vec<Duration>) {
    times.sort();
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let median = micros(times[times.len() / 2]);
    let mean = times.iter().map(|d| micros(*d)).sum::<f64>() / times.len() as f64;
    let p99 = micros(times[times.len() * 99 / 100]);
    println!(
        "median_us={median:.2} mean_us={mean:.2} p99_us={p99:.2} calls={}",
        times.len()
    );
}
