//! A minimal HTTP/1.1 client written by hand over a tokio `TcpStream`, plus request signers for
//! both vendors computed with `ring` directly: the tests must not depend on the project's
//! client, and must see exactly what goes over the wire.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use ring::{digest, hmac};
use serde_json::Value;
use tokio::net::TcpStream;

use crate::{Server, TEST_KEY_ID, TEST_KEY_SECRET};

/// How long any single exchange may take before the test fails instead of hanging.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(10);

/// A parsed response.
#[derive(Debug)]
pub(crate) struct HttpResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl HttpResponse {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("response body is JSON")
    }

    /// The Tencent error code, if this is a Tencent error envelope.
    pub(crate) fn tencent_code(&self) -> Option<String> {
        self.json()["Response"]["Error"]["Code"]
            .as_str()
            .map(str::to_owned)
    }
}

async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

async fn read_more(stream: &TcpStream, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut chunk = [0u8; 8192];
    loop {
        stream.readable().await?;
        match stream.try_read(&mut chunk) {
            Ok(n) => {
                buf.extend_from_slice(&chunk[..n]);
                return Ok(n);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
}

/// Reads one response (Content-Length framed, as the server always sends). `Ok(None)` means
/// the peer closed the connection before sending a single byte.
pub(crate) async fn read_response(stream: &TcpStream) -> io::Result<Option<HttpResponse>> {
    let mut buf = Vec::new();
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        if read_more(stream, &mut buf).await? == 0 {
            return if buf.is_empty() {
                Ok(None)
            } else {
                Err(io::ErrorKind::UnexpectedEof.into())
            };
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad status line {status_line:?}")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        // A 204 has no body, and need not say so.
        .or((status == 204).then_some(0))
        .ok_or_else(|| io::Error::other("response without Content-Length"))?;
    let body_start = head_end + 4;
    while buf.len() < body_start + length {
        if read_more(stream, &mut buf).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
    }
    Ok(Some(HttpResponse {
        status,
        headers,
        body: buf[body_start..body_start + length].to_vec(),
    }))
}

/// Sends `request` on a stream and reads the answer, within [`EXCHANGE_LIMIT`].
pub(crate) async fn exchange_on(
    stream: &TcpStream,
    request: &[u8],
) -> io::Result<Option<HttpResponse>> {
    let work = async {
        write_all(stream, request).await?;
        read_response(stream).await
    };
    tokio::time::timeout(EXCHANGE_LIMIT, work)
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
}

/// One request on a fresh connection.
pub(crate) async fn exchange(addr: SocketAddr, request: &[u8]) -> io::Result<Option<HttpResponse>> {
    let stream = TcpStream::connect(addr).await?;
    exchange_on(&stream, request).await
}

/// One request on a fresh connection that must be answered.
pub(crate) async fn send(addr: SocketAddr, request: &[u8]) -> HttpResponse {
    exchange(addr, request)
        .await
        .expect("exchange succeeds")
        .expect("server answered")
}

pub(super) fn sha256_hex(data: &[u8]) -> String {
    hex::encode(digest::digest(&digest::SHA256, data))
}

pub(super) fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data.as_bytes())
        .as_ref()
        .to_vec()
}

/// The server's current time (no offset), in Unix seconds.
pub(crate) fn now() -> i64 {
    crate::clock::now_unix(0)
}

/// A Tencent call, signed with TC3 over `content-type;host;x-tc-action` as in vector A.
#[derive(Clone, Debug)]
pub(crate) struct TcCall {
    pub(crate) action: String,
    pub(crate) version: String,
    pub(crate) service: String,
    pub(crate) body: String,
    pub(crate) timestamp: i64,
    /// Overrides the scope date (normally the UTC date of `timestamp`).
    pub(crate) scope_date: Option<String>,
    pub(crate) id: String,
    pub(crate) secret: String,
    pub(crate) token: Option<String>,
    pub(crate) host: String,
    /// Replaces the body on the wire after signing (to break the signature).
    pub(crate) wire_body: Option<String>,
}

impl TcCall {
    /// An `ssl` call with the test key, signed now.
    pub(crate) fn new(server: &Server, action: &str, body: &str) -> Self {
        Self {
            action: action.to_owned(),
            version: "2019-12-05".to_owned(),
            service: "ssl".to_owned(),
            body: body.to_owned(),
            timestamp: now(),
            scope_date: None,
            id: TEST_KEY_ID.to_owned(),
            secret: TEST_KEY_SECRET.to_owned(),
            token: None,
            host: server.addr().to_string(),
            wire_body: None,
        }
    }

    pub(crate) fn authorization(&self) -> String {
        let content_type = "application/json; charset=utf-8";
        let date = self
            .scope_date
            .clone()
            .or_else(|| crate::clock::utc_date(self.timestamp))
            .expect("timestamp in range");
        let canonical = format!(
            "POST\n/\n\ncontent-type:{content_type}\nhost:{}\nx-tc-action:{}\n\ncontent-type;host;x-tc-action\n{}",
            self.host.to_ascii_lowercase(),
            self.action.to_ascii_lowercase(),
            sha256_hex(self.body.as_bytes())
        );
        let to_sign = format!(
            "TC3-HMAC-SHA256\n{}\n{date}/{}/tc3_request\n{}",
            self.timestamp,
            self.service,
            sha256_hex(canonical.as_bytes())
        );
        let k_date = hmac(format!("TC3{}", self.secret).as_bytes(), &date);
        let k_service = hmac(&k_date, &self.service);
        let k_signing = hmac(&k_service, "tc3_request");
        let signature = hex::encode(hmac(&k_signing, &to_sign));
        format!(
            "TC3-HMAC-SHA256 Credential={}/{date}/{}/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={signature}",
            self.id, self.service
        )
    }

    /// The request bytes, with an explicit Authorization header value.
    pub(crate) fn to_bytes_with(&self, authorization: &str) -> Vec<u8> {
        let body = self.wire_body.as_deref().unwrap_or(&self.body);
        let mut head = format!(
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nAuthorization: {authorization}\r\nX-TC-Action: {}\r\nX-TC-Timestamp: {}\r\nX-TC-Version: {}\r\nX-TC-Region: ap-guangzhou\r\n",
            self.host,
            body.len(),
            self.action,
            self.timestamp,
            self.version
        );
        if let Some(token) = &self.token {
            head.push_str(&format!("X-TC-Token: {token}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        bytes
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_with(&self.authorization())
    }
}

/// RFC 3986 percent-encoding, the test's own copy.
pub(super) fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An Alibaba RPC call with parameters in the query, signed with ACS3.
#[derive(Clone, Debug)]
pub(crate) struct AcsCall {
    pub(crate) action: String,
    pub(crate) version: String,
    pub(crate) params: Vec<(String, String)>,
    pub(crate) date: String,
    pub(crate) nonce: String,
    pub(crate) id: String,
    pub(crate) secret: String,
    pub(crate) token: Option<String>,
    pub(crate) host: String,
    pub(crate) body: Vec<u8>,
    /// Replaces the encoded query on the wire (the signature still covers `params`).
    pub(crate) wire_query: Option<String>,
    /// Extra headers sent but not signed.
    pub(crate) unsigned_headers: Vec<(String, String)>,
}

pub(super) fn acs_date(unix: i64) -> String {
    crate::clock::acs_date(unix).expect("time in range")
}

pub(super) fn fresh_nonce() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:016x}{:016x}", now(), n)
}

/// The parameters of a valid `CreateCertificateWithCsrRequest`, with characters that need
/// encoding (spaces, newlines, `+`, `/`, `=`, `*`, non-ASCII).
pub(crate) fn csr_params() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "Csr",
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIB+/x=*\n-----END CERTIFICATE REQUEST-----",
        ),
        ("Username", "Tom Zhang 张"),
        ("Phone", "1390000****"),
        ("Email", "username+tag@example.com"),
        ("ValidateType", "DNS"),
    ]
}

impl AcsCall {
    /// A `cas` call with the test key, dated now with a fresh nonce.
    pub(crate) fn new(server: &Server, action: &str, params: &[(&str, &str)]) -> Self {
        Self {
            action: action.to_owned(),
            version: "2020-04-07".to_owned(),
            params: params
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            date: acs_date(now()),
            nonce: fresh_nonce(),
            id: TEST_KEY_ID.to_owned(),
            secret: TEST_KEY_SECRET.to_owned(),
            token: None,
            host: server.addr().to_string(),
            body: Vec::new(),
            wire_query: None,
            unsigned_headers: Vec::new(),
        }
    }

    /// The valid `CreateCertificateWithCsrRequest` call.
    pub(crate) fn csr(server: &Server) -> Self {
        Self::new(server, "CreateCertificateWithCsrRequest", &csr_params())
    }

    pub(crate) fn at(mut self, unix: i64) -> Self {
        self.date = acs_date(unix);
        self
    }

    fn encoded_query(&self) -> String {
        let mut pairs: Vec<(String, String)> = self
            .params
            .iter()
            .map(|(n, v)| (encode(n), encode(v)))
            .collect();
        pairs.sort();
        pairs
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    fn signed_headers(&self) -> Vec<(String, String)> {
        let mut headers = vec![
            ("host".to_owned(), self.host.clone()),
            ("x-acs-action".to_owned(), self.action.clone()),
            ("x-acs-content-sha256".to_owned(), sha256_hex(&[])),
            ("x-acs-date".to_owned(), self.date.clone()),
            ("x-acs-signature-nonce".to_owned(), self.nonce.clone()),
            ("x-acs-version".to_owned(), self.version.clone()),
        ];
        if let Some(token) = &self.token {
            headers.push(("x-acs-security-token".to_owned(), token.clone()));
        }
        headers.sort();
        headers
    }

    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let headers = self.signed_headers();
        let query = self.encoded_query();
        let names = headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(";");
        let block: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
        // The declared hash is always that of an empty body: tests that send a body use it to
        // break the body check.
        let canonical = format!("POST\n/\n{query}\n{block}\n{names}\n{}", sha256_hex(&[]));
        let to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
        let signature = hex::encode(hmac(self.secret.as_bytes(), &to_sign));
        let wire_query = self.wire_query.clone().unwrap_or(query);
        let target = if wire_query.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{wire_query}")
        };
        let mut head = format!("POST {target} HTTP/1.1\r\n");
        for (n, v) in headers.iter().chain(&self.unsigned_headers) {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Authorization: ACS3-HMAC-SHA256 Credential={},SignedHeaders={names},Signature={signature}\r\nContent-Length: {}\r\n\r\n",
            self.id,
            self.body.len()
        ));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// The Alibaba error code and message of an error response.
pub(crate) fn acs_error(resp: &HttpResponse) -> (String, String) {
    let v = resp.json();
    (
        v["Code"].as_str().unwrap_or_default().to_owned(),
        v["Message"].as_str().unwrap_or_default().to_owned(),
    )
}
