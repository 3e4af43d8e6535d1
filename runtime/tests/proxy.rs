//! Proxies and endpoints over real HTTP on 127.0.0.1: a small forwarding
//! and CONNECT proxy written here, with and without Basic authentication,
//! chosen by the configuration or by `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`
//! (injected, never set in the process); regional hosts as the proxy sees
//! them; and proxy passwords that never show.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cloudapi_runtime::protocol::{Acs3Rpc, Tc3Json};
use cloudapi_runtime::{
    Action, Config, Credentials, Endpoint, EndpointKind, EndpointRule, EndpointSpec, Error,
    ErrorCode, Proxy, RateLimit, RetryConfig, Service, Transport, Validate, Validator,
};
use common::{Env, Reply, Seen, serve};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "proxy-password-Ux5";

static PING: Action = Action {
    name: "Ping",
    idempotent: true,
    rate_limit_per_second: None,
    secret_outputs: &[],
    http: None,
};

static ALIBABA: EndpointRule = EndpointRule {
    domain: "aliyuncs.com",
    regional: None,
};

static TENCENT: EndpointRule = EndpointRule {
    domain: "tencentcloudapi.com",
    regional: Some("{product}.{region}.{domain}"),
};

static CAS: Service = Service {
    product: "cas",
    version: "2020-04-07",
    endpoints: &[
        EndpointSpec {
            host: "cas.aliyuncs.com",
            kind: EndpointKind::Default,
            region: Some("cn-hangzhou"),
        },
        EndpointSpec {
            host: "cas.cn-hongkong.aliyuncs.com",
            kind: EndpointKind::Regional,
            region: Some("cn-hongkong"),
        },
    ],
    regional: true,
    endpoint_rule: Some(&ALIBABA),
    actions: &[&PING],
};

static CVM: Service = Service {
    product: "cvm",
    version: "2017-03-12",
    endpoints: &[EndpointSpec {
        host: "cvm.tencentcloudapi.com",
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: true,
    endpoint_rule: Some(&TENCENT),
    actions: &[&PING],
};

#[derive(serde::Serialize)]
struct Request {}

impl Validate for Request {
    fn validate(&self, _: &mut Validator) {}
}

#[derive(serde::Deserialize, Debug)]
struct Response {}

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

/// What the proxy saw: request lines (`POST http://… HTTP/1.1`, `CONNECT host:443 HTTP/1.1`).
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// A proxy on 127.0.0.1: forwards absolute-form requests to 127.0.0.1
/// only, answers CONNECT with 502 (nothing here reaches the Internet), and
/// with `auth` requires that Basic `Proxy-Authorization`.
async fn proxy(auth: Option<&str>) -> (String, Log) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = Log::default();
    let expected = auth.map(|pair| format!("Basic {}", base64(pair.as_bytes())));
    let seen = log.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut client, _)) = listener.accept().await else {
                return;
            };
            let (seen, expected) = (seen.clone(), expected.clone());
            tokio::spawn(async move {
                let Some((head, body)) = read_request(&mut client).await else {
                    return;
                };
                let mut lines = head.split("\r\n");
                let request_line = lines.next().unwrap_or_default().to_owned();
                seen.0.lock().unwrap().push(request_line.clone());
                let authorized = expected.as_ref().is_none_or(|want| {
                    head.lines().any(|l| {
                        l.to_ascii_lowercase().starts_with("proxy-authorization:")
                            && l.split_once(':').map(|(_, v)| v.trim()) == Some(want.as_str())
                    })
                });
                if !authorized {
                    let _ = client
                        .write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                        .await;
                    return;
                }
                let mut parts = request_line.split(' ');
                let (method, target) = (
                    parts.next().unwrap_or_default(),
                    parts.next().unwrap_or_default(),
                );
                if method == "CONNECT" {
                    let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
                    return;
                }
                let rest = target
                    .strip_prefix("http://127.0.0.1:")
                    .expect("forwards to 127.0.0.1 only");
                let (port, path) = rest
                    .split_once('/')
                    .map_or((rest, ""), |(p, path)| (p, path));
                let mut upstream =
                    tokio::net::TcpStream::connect(("127.0.0.1", port.parse::<u16>().unwrap()))
                        .await
                        .unwrap();
                let mut forwarded = format!("{method} /{path} HTTP/1.1\r\n");
                for line in lines.filter(|l| !l.is_empty()) {
                    let lower = line.to_ascii_lowercase();
                    if !lower.starts_with("proxy-") && !lower.starts_with("connection:") {
                        forwarded.push_str(line);
                        forwarded.push_str("\r\n");
                    }
                }
                forwarded.push_str("connection: close\r\n\r\n");
                upstream.write_all(forwarded.as_bytes()).await.unwrap();
                upstream.write_all(&body).await.unwrap();
                let mut answer = Vec::new();
                let _ = upstream.read_to_end(&mut answer).await;
                let _ = client.write_all(&answer).await;
            });
        }
    });
    (url, log)
}

/// The request head and body (by `content-length`).
async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<(String, Vec<u8>)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let end = loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
        if let Some(at) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = data[end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Some((head, body))
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn upstream_ok(_: &Seen) -> Reply {
    Reply::json(
        200,
        json!({"Response": {"RequestId": "r"}, "RequestId": "r"}),
    )
}

fn config() -> Config {
    Config::new()
        .credentials(Credentials::new("id", "secret"))
        .rate_limit(RateLimit::Disabled)
        .timeout(Duration::from_secs(5))
        .retry(RetryConfig::disabled())
        .environment(Env::default())
}

async fn ping<P: cloudapi_runtime::protocol::Protocol>(
    service: &'static Service,
    config: Config,
) -> Result<Response, Error<Code>> {
    Transport::<P>::new(service, config)
        .unwrap()
        .call(&PING, Request {})
        .await
}

/// Everything logged, for checking that no secret is.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_configured_proxy_with_and_without_authentication() {
    let captured = Captured::default();
    let writer = captured.clone();
    let _logging = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish(),
    );
    let upstream = serve(upstream_ok).await;
    let (open, log) = proxy(None).await;
    let through = config()
        .endpoint(Endpoint::Url(upstream.url()))
        .proxy(Proxy::url(open));
    ping::<Tc3Json>(&CVM, through).await.unwrap();
    assert_eq!(log.lines(), [format!("POST {}/ HTTP/1.1", upstream.url())]);
    assert_eq!(upstream.seen().len(), 1);

    let (guarded, log) = proxy(Some(&format!("deploy:{PASSWORD}"))).await;
    let with = config().endpoint(Endpoint::Url(upstream.url()));
    ping::<Tc3Json>(
        &CVM,
        with.clone()
            .proxy(Proxy::url(&guarded).basic_auth("deploy", PASSWORD)),
    )
    .await
    .unwrap();
    // Credentials in the URL work too.
    let in_url = guarded.replace("http://", &format!("http://deploy:{PASSWORD}@"));
    ping::<Tc3Json>(&CVM, with.clone().proxy(Proxy::url(&in_url)))
        .await
        .unwrap();
    // Without them the proxy refuses, and nothing reaches the service.
    let error = ping::<Tc3Json>(&CVM, with.clone().proxy(Proxy::url(&guarded)))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("HTTP 407"), "{error}");
    assert_eq!(log.lines().len(), 3);
    assert_eq!(upstream.seen().len(), 3);

    // The password never shows.
    let secret = with.proxy(Proxy::url(&in_url).basic_auth("deploy", PASSWORD));
    let printed = format!("{secret:?} {error:?}");
    assert!(!printed.contains(PASSWORD), "{printed}");
    let bad = config().proxy(Proxy::url(format!("ftp://deploy:{PASSWORD}@proxy")));
    let error = Transport::<Tc3Json>::new(&CVM, bad)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("proxy") && !error.contains(PASSWORD),
        "{error}"
    );
}

#[tokio::test]
async fn the_environment_names_the_proxy_and_the_exceptions() {
    let upstream = serve(upstream_ok).await;
    let (url, log) = proxy(None).await;
    let env = Env::default().with("HTTP_PROXY", &url);
    let config = config()
        .endpoint(Endpoint::Url(upstream.url()))
        .environment(env.clone());
    ping::<Acs3Rpc>(&CAS, config.clone()).await.unwrap();
    assert_eq!(log.lines().len(), 1);
    assert!(
        log.lines()[0].starts_with(&format!("POST {}/", upstream.url())),
        "{:?}",
        log.lines()
    );

    // NO_PROXY: straight to the service.
    let direct = config
        .clone()
        .environment(env.clone().with("NO_PROXY", "127.0.0.1"));
    ping::<Acs3Rpc>(&CAS, direct).await.unwrap();
    // In a CGI program HTTP_PROXY is not trusted.
    let cgi = config
        .clone()
        .environment(env.clone().with("REQUEST_METHOD", "GET"));
    ping::<Acs3Rpc>(&CAS, cgi).await.unwrap();
    // Proxy::none ignores the environment.
    ping::<Acs3Rpc>(&CAS, config.proxy(Proxy::none()))
        .await
        .unwrap();
    assert_eq!(log.lines().len(), 1);
    assert_eq!(upstream.seen().len(), 4);
}

#[tokio::test]
async fn regional_hosts_as_the_proxy_sees_them() {
    let (url, log) = proxy(None).await;
    let env = Env::default().with("HTTPS_PROXY", &url);
    let base = config().environment(env);
    // Alibaba: the product's endpoint map.
    let error = ping::<Acs3Rpc>(&CAS, base.clone().region("cn-hongkong"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    ping::<Acs3Rpc>(&CAS, base.clone().region("cn-hangzhou"))
        .await
        .unwrap_err();
    // Tencent: the nearest host by default, the regional one when asked, a custom domain.
    ping::<Tc3Json>(&CVM, base.clone().region("ap-guangzhou"))
        .await
        .unwrap_err();
    ping::<Tc3Json>(
        &CVM,
        base.clone()
            .region("ap-guangzhou")
            .endpoint(Endpoint::Regional),
    )
    .await
    .unwrap_err();
    ping::<Tc3Json>(
        &CVM,
        base.clone()
            .region("ap-guangzhou")
            .endpoint(Endpoint::Regional)
            .domain_suffix("internal.example"),
    )
    .await
    .unwrap_err();
    assert_eq!(
        log.lines(),
        [
            "CONNECT cas.cn-hongkong.aliyuncs.com:443 HTTP/1.1",
            "CONNECT cas.aliyuncs.com:443 HTTP/1.1",
            "CONNECT cvm.tencentcloudapi.com:443 HTTP/1.1",
            "CONNECT cvm.ap-guangzhou.tencentcloudapi.com:443 HTTP/1.1",
            "CONNECT cvm.ap-guangzhou.internal.example:443 HTTP/1.1",
        ]
    );
    // A region without an endpoint is refused before anything is sent.
    let error = Transport::<Acs3Rpc>::new(&CAS, base.region("mars-1")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "product `cas` has no endpoint in region `mars-1`; known regions: cn-hangzhou, cn-hongkong; use Endpoint::Url to name a host"
    );
}

#[tokio::test]
async fn a_custom_root_certificate() {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/test-root.pem"
    ))
    .unwrap();
    Transport::<Tc3Json>::new(&CVM, config().root_certificate(pem)).unwrap();
    let error = Transport::<Tc3Json>::new(
        &CVM,
        config().root_certificate(b"not a certificate".to_vec()),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("root certificate: no PEM certificate"),
        "{error}"
    );
    let broken = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec();
    assert!(Transport::<Tc3Json>::new(&CVM, config().root_certificate(broken)).is_err());
}
