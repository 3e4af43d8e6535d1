//! An Alibaba ROA call written and signed by hand (ACS3 over method, encoded path, sorted
//! query, signed headers and body hash, with `ring`), and the small ROA spec the ROA tests
//! serve from a folder of their own.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::client::{acs_date, encode, fresh_nonce, hmac, now, sha256_hex};
use crate::{Server, TEST_KEY_ID, TEST_KEY_SECRET};

/// A ROA call to the test product `fc` (version `2023-03-30`), signed now with the test key.
#[derive(Clone, Debug)]
pub(crate) struct RoaCall {
    pub(crate) action: String,
    pub(crate) version: String,
    pub(crate) method: String,
    /// The path as sent and signed, members already percent-encoded.
    pub(crate) path: String,
    /// Query parameters, decoded; encoded and sorted when sent.
    pub(crate) query: Vec<(String, String)>,
    /// Member headers, sent unsigned as the client sends them.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) content_type: Option<String>,
    pub(crate) date: String,
    pub(crate) nonce: String,
    pub(crate) secret: String,
    pub(crate) host: String,
    /// Replaces the declared (and signed) body hash, to break the body check.
    pub(crate) declared_sha256: Option<String>,
    /// Replaces the body on the wire after signing.
    pub(crate) wire_body: Option<Vec<u8>>,
}

impl RoaCall {
    pub(crate) fn new(server: &Server, action: &str, method: &str, path: &str) -> Self {
        Self {
            action: action.to_owned(),
            version: "2023-03-30".to_owned(),
            method: method.to_owned(),
            path: path.to_owned(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Vec::new(),
            content_type: None,
            date: acs_date(now()),
            nonce: fresh_nonce(),
            secret: TEST_KEY_SECRET.to_owned(),
            host: server.addr().to_string(),
            declared_sha256: None,
            wire_body: None,
        }
    }

    pub(crate) fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    pub(crate) fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub(crate) fn json(mut self, body: &Value) -> Self {
        self.body = body.to_string().into_bytes();
        self.content_type = Some("application/json; charset=utf-8".to_owned());
        self
    }

    pub(crate) fn text(mut self, body: &str) -> Self {
        self.body = body.as_bytes().to_vec();
        self.content_type = Some("application/octet-stream".to_owned());
        self
    }

    fn encoded_query(&self) -> String {
        let mut pairs: Vec<(String, String)> = self
            .query
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
        let hash = self
            .declared_sha256
            .clone()
            .unwrap_or_else(|| sha256_hex(&self.body));
        let mut headers = vec![
            ("host".to_owned(), self.host.clone()),
            ("x-acs-action".to_owned(), self.action.clone()),
            ("x-acs-content-sha256".to_owned(), hash),
            ("x-acs-date".to_owned(), self.date.clone()),
            ("x-acs-signature-nonce".to_owned(), self.nonce.clone()),
            ("x-acs-version".to_owned(), self.version.clone()),
        ];
        if let Some(content_type) = &self.content_type {
            headers.push(("content-type".to_owned(), content_type.clone()));
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
        let hash = &headers
            .iter()
            .find(|(n, _)| n == "x-acs-content-sha256")
            .expect("signed")
            .1;
        let canonical = format!(
            "{}\n{}\n{query}\n{block}\n{names}\n{hash}",
            self.method, self.path
        );
        let to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
        let signature = hex::encode(hmac(self.secret.as_bytes(), &to_sign));
        let target = if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{query}", self.path)
        };
        let body = self.wire_body.as_ref().unwrap_or(&self.body);
        let mut head = format!("{} {target} HTTP/1.1\r\n", self.method);
        for (n, v) in headers.iter().chain(&self.headers) {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Authorization: ACS3-HMAC-SHA256 Credential={TEST_KEY_ID},SignedHeaders={names},Signature={signature}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        ));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        bytes
    }
}

/// A spec folder with the vendor `alibaba` and one ROA product, `fc` at `2023-03-30`, written
/// under the system's temporary folder (a fresh one per call) and read by the generator's
/// loader as any spec folder is, so that it is a valid spec.
pub(crate) fn fc_spec() -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "testkit-roa-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let field = |name: &str, ty: Value, required: bool, location: Option<&str>| {
        let mut field =
            json!({"name": name, "type": ty, "required": required, "description": "A member."});
        if let Some(location) = location {
            field["location"] = json!(location);
        }
        field
    };
    let domain = || field("domainName", json!("string"), true, Some("path"));
    let files = [
        (
            "alibaba/vendor.json",
            json!({"name": "alibaba", "title": "Alibaba Cloud", "description": "Alibaba Cloud OpenAPI.",
                   "common_errors": []}),
        ),
        (
            "alibaba/fc/service.json",
            json!({"vendor": "alibaba", "product": "fc", "title": "Function Compute",
                   "description": "Functions.", "version": "2023-03-30",
                   "protocol": "acs3-hmac-sha256-roa",
                   "endpoints": [{"host": "fcv3.cn-hangzhou.aliyuncs.com", "kind": "default"}]}),
        ),
        (
            "alibaba/fc/actions/GetCustomDomain.json",
            json!({"name": "GetCustomDomain", "summary": "Reads a custom domain.", "idempotent": true,
                   "http": {"method": "GET", "path": "/2023-03-30/custom-domains/{domainName}"},
                   "input": [domain(), field("qualifier", json!("string"), false, Some("query")),
                             field("limit", json!("int64"), false, Some("query"))],
                   "output": [field("domainName", json!("string"), false, None),
                              field("protocol", json!("string"), false, None)],
                   "errors": [],
                   "examples": [{"title": "A domain", "response": {
                       "domainName": "example.com", "protocol": "HTTPS",
                       "RequestId": "EXAMPLE-ID"}}]}),
        ),
        (
            "alibaba/fc/actions/UpdateCustomDomain.json",
            json!({"name": "UpdateCustomDomain", "summary": "Changes a custom domain.", "idempotent": true,
                   "http": {"method": "PUT", "path": "/2023-03-30/custom-domains/{domainName}"},
                   "input": [domain(),
                             {"name": "protocol", "type": "string", "required": true, "description": "A member.",
                              "enum": {"name": "Protocol", "values": [{"value": "HTTP", "description": "Plain."},
                                                  {"value": "HTTPS", "description": "TLS."}]}},
                             field("routeCount", json!("int64"), false, None)],
                   "output": [field("domainName", json!("string"), true, None)],
                   "errors": []}),
        ),
        (
            "alibaba/fc/actions/InvokeFunction.json",
            json!({"name": "InvokeFunction", "summary": "Runs a function.", "idempotent": false,
                   "http": {"method": "POST", "path": "/2023-03-30/functions/{functionName}/invocations"},
                   "input": [field("functionName", json!("string"), true, Some("path")),
                             field("x-fc-invocation-type", json!("string"), false, Some("header")),
                             field("body", json!("string"), false, Some("payload"))],
                   "output": [field("x-fc-code-checksum", json!("string"), false, Some("header")),
                              field("body", json!("string"), false, Some("payload"))],
                   "errors": [],
                   "examples": [{"title": "An answer", "response": {
                       "x-fc-code-checksum": "1234", "body": "hello, world"}}]}),
        ),
        (
            "alibaba/fc/actions/DeleteCustomDomain.json",
            json!({"name": "DeleteCustomDomain", "summary": "Deletes a custom domain.", "idempotent": true,
                   "http": {"method": "DELETE", "path": "/2023-03-30/custom-domains/{domainName}"},
                   "input": [domain()], "output": [], "errors": []}),
        ),
    ];
    for (path, mut value) in files {
        // Each file names its schema, relative to itself, as the project's spec files do.
        let depth = path.matches('/').count();
        let kind = match path.rsplit('/').next() {
            Some("vendor.json") => "vendor",
            Some("service.json") => "service",
            _ => "action",
        };
        value["$schema"] = json!(format!("{}schema/{kind}.schema.json", "../".repeat(depth)));
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder created");
        std::fs::write(&path, value.to_string()).expect("file written");
    }
    dir
}
