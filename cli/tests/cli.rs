//! The `cloudapi` binary driven as a person or a script drives it, against
//! the testkit on 127.0.0.1 (which verifies signatures with its own code and
//! checks every request against the spec), for both vendors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};
use testkit::{Fault, Server};

/// Runs the binary with `args` against `server` (`--local`), with an empty
/// environment, so that no credentials or region of this machine leak in.
fn cloudapi(server: &Server, args: &[&str]) -> Output {
    cloudapi_with_input(server, args, None)
}

fn cloudapi_with_input(server: &Server, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cloudapi"))
        .env_clear()
        .env("CLOUDAPI_TESTKIT_URL", server.url())
        .arg("--local")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("stdin written");
    }
    drop(input);
    child.wait_with_output().expect("the binary ends")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn answer(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("one JSON answer on stdout")
}

/// The testkit on 127.0.0.1, served by the worker threads of its runtime
/// while the test blocks on the binary; dropping the runtime stops it.
fn testkit() -> (tokio::runtime::Runtime, Server) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(Server::start()).unwrap();
    (runtime, server)
}

#[test]
fn a_plain_call_on_each_vendor_and_protocol() {
    let (_rt, server) = testkit();
    // Tencent Cloud, TC3 JSON; the member in kebab-case.
    let ssl = answer(&cloudapi(
        &server,
        &["tencent", "ssl", "describe-certificates", "--limit", "2"],
    ));
    assert!(ssl["RequestId"].is_string(), "{ssl}");
    assert!(ssl["Certificates"].is_array(), "{ssl}");
    // Alibaba Cloud, RPC.
    let cas = answer(&cloudapi(
        &server,
        &[
            "alibaba",
            "cas",
            "ListUserCertificateOrder",
            "--OrderType",
            "CERT",
        ],
    ));
    assert!(cas["CertificateOrderList"].is_array(), "{cas}");
    // Alibaba Cloud, ROA: a path member.
    let fc = answer(&cloudapi(
        &server,
        &[
            "alibaba",
            "fc",
            "GetCustomDomain",
            "--domainName",
            "example.com",
        ],
    ));
    assert!(fc["domainName"].is_string(), "{fc}");
    let requests = server.requests();
    let actions: Vec<&str> = requests.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "DescribeCertificates",
            "ListUserCertificateOrder",
            "GetCustomDomain"
        ]
    );
    assert!(requests.iter().all(|r| r.signature_valid));
    assert_eq!(requests[0].params.as_ref().unwrap()["Limit"], json!(2));
    server.assert_no_refusals();
}

#[test]
fn nested_members_from_json_options_and_from_input_json() {
    let (_rt, server) = testkit();
    server.add_resource("certificate", "old-cert");
    let regions = r#"[{"ResourceType":"clb","Regions":["ap-guangzhou","ap-shanghai"]}]"#;
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "UploadUpdateCertificateInstance",
            "--OldCertificateId",
            "old-cert",
            "--ResourceTypes",
            "clb",
            "--ResourceTypesRegions",
            regions,
            "--CertificatePublicKey",
            "-----BEGIN CERTIFICATE-----",
            "--CertificatePrivateKey",
            "-----BEGIN PRIVATE KEY-----",
        ],
    );
    answer(&output);
    let sent = server.requests().pop().unwrap().params.unwrap();
    assert_eq!(sent["ResourceTypesRegions"][0]["Regions"][1], "ap-shanghai");
    assert_eq!(sent["ResourceTypes"], json!(["clb"]));
    // The same from standard input; an option overrides the file.
    let input = json!({
        "OldCertificateId": "old-cert",
        "ResourceTypes": ["cdn"],
        "ResourceTypesRegions": [{"ResourceType": "cdn", "Regions": ["ap-beijing"]}],
        "CertificatePublicKey": "-----BEGIN CERTIFICATE-----",
        "CertificatePrivateKey": "-----BEGIN PRIVATE KEY-----",
    });
    let output = cloudapi_with_input(
        &server,
        &[
            "tencent",
            "ssl",
            "upload-update-certificate-instance",
            "--cli-input-json",
            "-",
            "--resource-types",
            "clb",
        ],
        Some(&input.to_string()),
    );
    answer(&output);
    let sent = server.requests().pop().unwrap().params.unwrap();
    assert_eq!(
        sent["ResourceTypesRegions"][0]["Regions"],
        json!(["ap-beijing"])
    );
    assert_eq!(sent["ResourceTypes"], json!(["clb"]));
    server.assert_no_refusals();
}

#[test]
fn a_refused_request_names_the_member_exits_2_and_sends_nothing() {
    let (_rt, server) = testkit();
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "ApplyCertificate",
            "--DvAuthMethod",
            "SMS",
            "--DomainName",
            "example.com",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(
            "DvAuthMethod: `SMS` is not one of DNS, FILE, DNS_AUTO, DNS_PROXY, FILE_PROXY, EMAIL"
        ),
        "{message}"
    );
    // A missing required member and a bad nested member, at once.
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "UploadUpdateCertificateInstance",
            "--ResourceTypesRegions",
            r#"[{"Regions":"ap-guangzhou"}]"#,
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("OldCertificateId: required"), "{message}");
    assert!(
        message
            .contains("ResourceTypesRegions[0].Regions: expected list of string, found a string"),
        "{message}"
    );
    // A value the option's type refuses.
    let output = cloudapi(
        &server,
        &["tencent", "ssl", "DescribeCertificates", "--Limit", "ten"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--Limit: expected an integer of 0 or more, found `ten`"));
    assert!(server.requests().is_empty(), "nothing reached the server");
}

#[test]
fn all_pages_walks_every_page_and_prints_one_item_per_line() {
    let (_rt, server) = testkit();
    let page = |ids: &[&str]| {
        let items: Vec<Value> = ids.iter().map(|id| json!({"CertificateId": id})).collect();
        Fault::Respond(json!({"Certificates": items, "TotalCount": 3}))
    };
    server.push_fault("DescribeCertificates", page(&["a", "b"]));
    server.push_fault("DescribeCertificates", page(&["c"]));
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "DescribeCertificates",
            "--Limit",
            "2",
            "--all-pages",
            "--output",
            "json-lines",
            "--query",
            "CertificateId",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "\"a\"\n\"b\"\n\"c\"\n");
    let offsets: Vec<Value> = server
        .requests()
        .iter()
        .map(|r| r.params.as_ref().unwrap()["Offset"].clone())
        .collect();
    assert_eq!(offsets, [json!(null), json!(2)]);
}

#[test]
fn a_waiter_ends_at_its_state_or_at_a_state_it_cannot_leave() {
    let (_rt, server) = testkit();
    server.add_resource("certificate", "cert-1");
    server.push_fault(
        "DescribeCertificate",
        Fault::Respond(json!({"CertificateId": "cert-1", "Status": 1})),
    );
    let issued = answer(&cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "wait",
            "certificate-issued",
            "--CertificateId",
            "cert-1",
        ],
    ));
    assert_eq!(issued["Status"], 1);
    // Review failed (2): the certificate will never be issued.
    server.push_fault(
        "DescribeCertificate",
        Fault::Respond(json!({"CertificateId": "cert-1", "Status": 2})),
    );
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "wait",
            "describe-certificate-until-issued",
            "--CertificateId",
            "cert-1",
        ],
    );
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    assert!(stderr(&output).contains("Status"), "{}", stderr(&output));
}

#[test]
fn a_dry_run_prints_the_signed_request_without_secrets_and_sends_nothing() {
    let (_rt, server) = testkit();
    let output = cloudapi(
        &server,
        &[
            "--dry-run",
            "alibaba",
            "cas",
            "UploadUserCertificate",
            "--Name",
            "site",
            "--Cert",
            "-----BEGIN CERTIFICATE-----",
            "--Key",
            "PRIVATE-KEY-TEXT",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stdout(&output);
    assert!(shown.starts_with("POST "), "{shown}");
    assert!(
        shown.contains("x-acs-action: UploadUserCertificate"),
        "{shown}"
    );
    assert!(
        shown.contains("Signature=*** Sensitive Data Redacted ***"),
        "{shown}"
    );
    assert!(!shown.contains("PRIVATE-KEY-TEXT"), "{shown}");
    assert!(!shown.contains(testkit::TEST_KEY_SECRET), "{shown}");
    assert!(
        server.requests().is_empty(),
        "no request reached the server"
    );
    assert_eq!(server.stats().requests, 0);
}

#[test]
fn a_query_selects_and_a_service_error_exits_3_with_json() {
    let (_rt, server) = testkit();
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "DescribeCertificates",
            "--query",
            "Certificates[0].CertificateId",
            "--output",
            "text",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stdout(&output).trim().is_empty() && !stdout(&output).contains('{'));
    server.push_fault(
        "ListUserCertificateOrder",
        Fault::ServiceError {
            code: "InvalidParameter".into(),
            message: "bad order type".into(),
            status: Some(400),
        },
    );
    let output = cloudapi(&server, &["alibaba", "cas", "ListUserCertificateOrder"]);
    assert_eq!(output.status.code(), Some(3));
    let error: Value = serde_json::from_slice(&output.stderr).expect("the error as JSON");
    assert_eq!(error["Code"], "InvalidParameter");
    assert_eq!(error["Message"], "bad order type");
    assert!(error["RequestId"].is_string(), "{error}");
}

#[test]
fn without_credentials_the_exit_code_says_so() {
    let output = Command::new(env!("CARGO_BIN_EXE_cloudapi"))
        .env_clear()
        .env("HOME", env!("CARGO_TARGET_TMPDIR"))
        // No instance metadata service to ask on a test machine.
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .args([
            "--endpoint",
            "http://127.0.0.1:9",
            "alibaba",
            "cas",
            "ListUserCertificateOrder",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
}

#[test]
fn the_help_of_one_action_per_vendor() {
    let (_rt, server) = testkit();
    for (name, args) in [
        (
            "help_tencent_ssl_ApplyCertificate",
            ["tencent", "ssl", "ApplyCertificate", "--help"],
        ),
        (
            "help_alibaba_cas_UploadUserCertificate",
            ["alibaba", "cas", "upload-user-certificate", "--help"],
        ),
    ] {
        let output = cloudapi(&server, &args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        insta::assert_snapshot!(name, stdout(&output));
    }
}

#[test]
fn completions_and_explanations() {
    let (_rt, server) = testkit();
    for shell in ["bash", "zsh", "fish"] {
        let output = cloudapi(&server, &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).contains("DescribeCertificates"), "{shell}");
    }
    let output = cloudapi(&server, &["explain", "FailedOperation.CertificateNotFound"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("ssl DescribeCertificate"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn debug_shows_the_calls_and_never_the_secret() {
    let (_rt, server) = testkit();
    server.push_fault("DescribeCertificates", Fault::Throttled);
    let output = cloudapi(
        &server,
        &["--debug", "tencent", "ssl", "DescribeCertificates"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let log = stderr(&output);
    assert!(log.contains("cloudapi.call"), "{log}");
    assert!(
        log.contains("retrying"),
        "the throttled attempt is retried: {log}"
    );
    assert!(!log.contains(testkit::TEST_KEY_SECRET), "{log}");
}

#[test]
fn alibaba_nested_members_refusals_pages_and_queries() {
    let (_rt, server) = testkit();
    // A list of structures, flattened to `Tags.1.Key` on the RPC wire.
    let output = cloudapi(
        &server,
        &[
            "alibaba",
            "cas",
            "UploadUserCertificate",
            "--Name",
            "site",
            "--Cert",
            "-----BEGIN CERTIFICATE-----",
            "--Key",
            "-----BEGIN PRIVATE KEY-----",
            "--Tags",
            r#"[{"Key":"env","Value":"prod"}]"#,
            "--query",
            "CertId",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).trim().parse::<u64>().is_ok(),
        "{}",
        stdout(&output)
    );
    let sent = server.requests().pop().unwrap();
    let query = percent_decoded(&sent.query);
    assert!(
        query.contains("Tags.1.Key=env") && query.contains("Tags.1.Value=prod"),
        "{query}"
    );
    // A value outside the documented set.
    let output = cloudapi(
        &server,
        &[
            "alibaba",
            "cas",
            "ListUserCertificateOrder",
            "--Status",
            "BOGUS",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("Status: `BOGUS` is not one of"),
        "{}",
        stderr(&output)
    );
    // Every page of a page-number listing.
    let page = |names: &[&str], number: u64| {
        let domains: Vec<Value> = names.iter().map(|n| json!({"DomainName": n})).collect();
        Fault::Respond(
            json!({"Domains": {"Domain": domains}, "TotalCount": 3, "PageNumber": number, "PageSize": 2}),
        )
    };
    server.push_fault("DescribeDomains", page(&["a.com", "b.com"], 1));
    server.push_fault("DescribeDomains", page(&["c.com"], 2));
    let output = cloudapi(
        &server,
        &[
            "alibaba",
            "alidns",
            "describe-domains",
            "--page-size",
            "2",
            "--all-pages",
            "--query",
            "[].DomainName",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let names: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(names, json!(["a.com", "b.com", "c.com"]));
    let requests = server.requests();
    let pages: Vec<String> = requests[requests.len() - 2..]
        .iter()
        .map(|r| percent_decoded(&r.query))
        .collect();
    assert!(
        pages[0].contains("PageSize=2") && !pages[0].contains("PageNumber="),
        "{pages:?}"
    );
    assert!(pages[1].contains("PageNumber=2"), "{pages:?}");
    // Tencent's dry run too: nothing sent, the private key hidden.
    let output = cloudapi(
        &server,
        &[
            "--dry-run",
            "tencent",
            "ssl",
            "UploadCertificate",
            "--CertificatePublicKey",
            "PUBLIC",
            "--CertificatePrivateKey",
            "PRIVATE-KEY-TEXT",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\"CertificatePublicKey\":\"PUBLIC\""),
        "{}",
        stdout(&output)
    );
    assert!(!stdout(&output).contains("PRIVATE-KEY-TEXT"));
    assert_eq!(
        server.requests().len(),
        requests.len(),
        "the dry run sent nothing"
    );
    server.assert_no_refusals();
}

/// A query string with its `%XX` escapes decoded, for reading what was sent.
fn percent_decoded(query: &str) -> String {
    percent_encoding::percent_decode_str(query)
        .decode_utf8_lossy()
        .into_owned()
}

#[test]
fn the_skeleton_lists_every_member_with_its_type() {
    let (_rt, server) = testkit();
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "UploadUpdateCertificateInstance",
            "--generate-cli-skeleton",
        ],
    );
    let skeleton = answer(&output);
    assert_eq!(
        skeleton["ResourceTypesRegions"][0]["Regions"],
        json!(["string"])
    );
    assert_eq!(skeleton["OldCertificateId"], "string");
    assert!(server.requests().is_empty());
}

#[test]
fn a_paged_listing_sends_a_fresh_token_per_page_and_values_come_from_files() {
    let (_rt, server) = testkit();
    // A listing whose requests carry an idempotency token: one per page.
    let page = |ids: &[&str]| {
        let items: Vec<Value> = ids.iter().map(|id| json!({"AddressPoolId": id})).collect();
        Fault::Respond(
            json!({"AddressPools": {"AddressPool": items}, "TotalItems": 3, "PageNumber": 1, "PageSize": 2}),
        )
    };
    server.push_fault("ListCloudGtmAddressPools", page(&["a", "b"]));
    server.push_fault("ListCloudGtmAddressPools", page(&["c"]));
    let output = cloudapi(
        &server,
        &[
            "alibaba",
            "alidns",
            "ListCloudGtmAddressPools",
            "--PageSize",
            "2",
            "--all-pages",
            "-o",
            "json-lines",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 3, "{}", stdout(&output));
    let tokens: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            let query = percent_decoded(&r.query);
            query
                .split('&')
                .find(|p| p.starts_with("ClientToken="))
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(tokens.len(), 2);
    assert!(
        !tokens[0].is_empty() && tokens[0] != tokens[1],
        "{tokens:?}"
    );
    // A certificate read from a file (`file://`), sent as its text.
    let pem = std::env::temp_dir().join(format!("cloudapi-cli-{}.pem", std::process::id()));
    std::fs::write(
        &pem,
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    )
    .unwrap();
    let file = format!("file://{}", pem.display());
    let output = cloudapi(
        &server,
        &[
            "tencent",
            "ssl",
            "UploadCertificate",
            "--CertificatePublicKey",
            &file,
        ],
    );
    std::fs::remove_file(&pem).unwrap();
    answer(&output);
    let sent = server.requests().pop().unwrap().params.unwrap();
    assert_eq!(
        sent["CertificatePublicKey"],
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    );
    // A dry run of a waiter sends nothing either.
    let before = server.requests().len();
    let output = cloudapi(
        &server,
        &[
            "--dry-run",
            "tencent",
            "ssl",
            "wait",
            "certificate-issued",
            "--CertificateId",
            "x",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.requests().len(), before);
}
