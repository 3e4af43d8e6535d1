//! The runtime's ROA client (`Acs3Roa`) against the testkit: no product of the built-in spec
//! is ROA yet, so the test binds its own actions by hand, as generated code would, and serves
//! the same actions from a spec folder. What one side sends, the other must accept, and each
//! side's code is its own (the testkit verifies with `ring`, the client signs with `sha2`).

use cloudapi::runtime::protocol::Acs3Roa;
use cloudapi::runtime::service::{Action, EndpointKind, EndpointSpec, HttpBinding, Location};
use cloudapi::runtime::{ErrorCode, Service, Transport, Validate};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use testkit::{Fault, Protocol, Server, ServerConfig};

static GET: HttpBinding = HttpBinding {
    method: "GET",
    path: "/2023-03-30/custom-domains/{domainName}",
    input: &[
        ("domainName", Location::Path),
        ("qualifier", Location::Query),
    ],
    output: &[],
};
static GET_ACTION: Action = Action {
    name: "GetCustomDomain",
    idempotent: true,
    rate_limit_per_second: None,
    secret_outputs: &[],
    http: Some(&GET),
};
static INVOKE: HttpBinding = HttpBinding {
    method: "POST",
    path: "/2023-03-30/functions/{functionName}/invocations",
    input: &[
        ("functionName", Location::Path),
        ("x-fc-invocation-type", Location::Header),
        ("body", Location::Payload),
    ],
    output: &[
        ("x-fc-code-checksum", Location::Header),
        ("body", Location::Payload),
    ],
};
static INVOKE_ACTION: Action = Action {
    name: "InvokeFunction",
    idempotent: false,
    rate_limit_per_second: None,
    secret_outputs: &[],
    http: Some(&INVOKE),
};
static DELETE: HttpBinding = HttpBinding {
    method: "DELETE",
    path: "/2023-03-30/custom-domains/{domainName}",
    input: &[("domainName", Location::Path)],
    output: &[],
};
static DELETE_ACTION: Action = Action {
    name: "DeleteCustomDomain",
    idempotent: true,
    rate_limit_per_second: None,
    secret_outputs: &[],
    http: Some(&DELETE),
};
static SERVICE: Service = Service {
    product: "fc",
    version: "2023-03-30",
    endpoints: &[EndpointSpec {
        host: "fcv3.cn-hangzhou.aliyuncs.com",
        kind: EndpointKind::Default,
        region: None,
    }],
    regional: false,
    endpoint_rule: None,
    actions: &[&GET_ACTION, &INVOKE_ACTION, &DELETE_ACTION],
};

#[derive(Serialize)]
struct GetRequest {
    #[serde(rename = "domainName")]
    domain_name: String,
    qualifier: Option<String>,
}
impl Validate for GetRequest {}

#[derive(Debug, Deserialize)]
struct GetResponse {
    #[serde(rename = "domainName")]
    domain_name: String,
    #[serde(rename = "RequestId")]
    request_id: String,
}

#[derive(Serialize)]
struct InvokeRequest {
    #[serde(rename = "functionName")]
    function_name: String,
    #[serde(rename = "x-fc-invocation-type")]
    invocation_type: String,
    body: String,
}
impl Validate for InvokeRequest {}

#[derive(Debug, Deserialize)]
struct InvokeResponse {
    body: String,
    #[serde(rename = "x-fc-code-checksum")]
    checksum: String,
}

#[derive(Serialize)]
struct DeleteRequest {
    #[serde(rename = "domainName")]
    domain_name: String,
}
impl Validate for DeleteRequest {}

#[derive(Debug, Deserialize)]
struct Nothing {
    #[serde(rename = "RequestId")]
    request_id: String,
}

/// Any code, as it came.
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

/// The three actions as spec files, in a fresh folder of the system's temporary folder.
fn spec_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("testkit-roa-client-{}", std::process::id()));
    let field = |name: &str, location: Option<&str>| {
        let mut f =
            json!({"name": name, "type": "string", "required": true, "description": "A member."});
        if let Some(location) = location {
            f["location"] = json!(location);
        }
        f
    };
    let action = |name: &str,
                  method: &str,
                  path: &str,
                  input: Value,
                  output: Value,
                  example: Value| {
        let mut a = json!({"$schema": "../../../schema/action.schema.json", "name": name,
            "summary": "An action.", "idempotent": method != "POST",
            "http": {"method": method, "path": path}, "input": input, "output": output, "errors": []});
        if !example.is_null() {
            a["examples"] = json!([{"title": "An answer", "response": example}]);
        }
        a
    };
    let domain_path = "/2023-03-30/custom-domains/{domainName}";
    let files = [
        (
            "alibaba/vendor.json",
            json!({"$schema": "../schema/vendor.schema.json", "name": "alibaba",
            "title": "Alibaba Cloud", "description": "Alibaba.", "common_errors": []}),
        ),
        (
            "alibaba/fc/service.json",
            json!({"$schema": "../../schema/service.schema.json",
            "vendor": "alibaba", "product": "fc", "title": "FC", "description": "Functions.",
            "version": "2023-03-30", "protocol": "acs3-hmac-sha256-roa",
            "endpoints": [{"host": "fcv3.cn-hangzhou.aliyuncs.com", "kind": "default"}]}),
        ),
        (
            "alibaba/fc/actions/GetCustomDomain.json",
            action(
                "GetCustomDomain",
                "GET",
                domain_path,
                json!([field("domainName", Some("path")),
                   {"name": "qualifier", "type": "string", "required": false, "description": "A member.", "location": "query"}]),
                json!([field("domainName", None)]),
                json!({"domainName": "example.com"}),
            ),
        ),
        (
            "alibaba/fc/actions/InvokeFunction.json",
            action(
                "InvokeFunction",
                "POST",
                "/2023-03-30/functions/{functionName}/invocations",
                json!([
                    field("functionName", Some("path")),
                    field("x-fc-invocation-type", Some("header")),
                    field("body", Some("payload"))
                ]),
                json!([
                    field("x-fc-code-checksum", Some("header")),
                    field("body", Some("payload"))
                ]),
                json!({"x-fc-code-checksum": "1234", "body": "hello"}),
            ),
        ),
        (
            "alibaba/fc/actions/DeleteCustomDomain.json",
            action(
                "DeleteCustomDomain",
                "DELETE",
                domain_path,
                json!([field("domainName", Some("path"))]),
                json!([]),
                Value::Null,
            ),
        ),
    ];
    for (path, value) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder created");
        std::fs::write(&path, value.to_string()).expect("file written");
    }
    dir
}

#[tokio::test]
async fn the_runtime_roa_client_and_the_testkit_agree() {
    let dir = spec_dir();
    let server = Server::start_with(ServerConfig::new().spec_dir(&dir))
        .await
        .expect("server starts");
    let _ = std::fs::remove_dir_all(&dir);
    let transport: Transport<Acs3Roa> =
        Transport::new(&SERVICE, server.config()).expect("a client");

    let got: GetResponse = transport
        .call::<_, _, Code>(
            &GET_ACTION,
            GetRequest {
                domain_name: "a b/c.example.com".into(),
                qualifier: Some("LATEST*1".into()),
            },
        )
        .await
        .expect("answered");
    assert_eq!(got.domain_name, "example.com");
    assert_eq!(got.request_id.len(), 36, "from x-acs-request-id");

    let invoked: InvokeResponse = transport
        .call::<_, _, Code>(
            &INVOKE_ACTION,
            InvokeRequest {
                function_name: "f1".into(),
                invocation_type: "Sync".into(),
                body: "{\"any\": \"text\"}".into(),
            },
        )
        .await
        .expect("answered");
    assert_eq!(
        (invoked.body.as_str(), invoked.checksum.as_str()),
        ("hello", "1234")
    );

    let deleted: Nothing = transport
        .call::<_, _, Code>(
            &DELETE_ACTION,
            DeleteRequest {
                domain_name: "example.com".into(),
            },
        )
        .await
        .expect("answered");
    assert_eq!(deleted.request_id.len(), 36);

    server.push_fault(
        "GetCustomDomain",
        Fault::ServiceError {
            code: "DomainNameNotFound".into(),
            message: "no such domain".into(),
            status: Some(404),
        },
    );
    let error = transport
        .call::<_, GetResponse, Code>(
            &GET_ACTION,
            GetRequest {
                domain_name: "x".into(),
                qualifier: None,
            },
        )
        .await
        .expect_err("the stubbed error");
    assert_eq!(
        error.code().map(|c| c.0.as_str()),
        Some("DomainNameNotFound")
    );

    server.assert_no_refusals();
    let requests = server.requests();
    assert!(
        requests
            .iter()
            .all(|r| r.protocol == Protocol::Acs3Roa && r.signature_valid)
    );
    assert_eq!(
        requests[0].params,
        Some(json!({"domainName": "a b/c.example.com", "qualifier": "LATEST*1"}))
    );
    assert_eq!(
        requests[1].params,
        Some(
            json!({"functionName": "f1", "x-fc-invocation-type": "Sync", "body": "{\"any\": \"text\"}"})
        )
    );
}
