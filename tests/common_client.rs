//! The common clients over real HTTP, against a testkit serving two products
//! that `spec/` does not describe (Tencent Cloud CVM and Alibaba Cloud ECS,
//! from `tests/fixtures/common-client/spec`): the server verifies every
//! signature with code of its own and checks every parameter against that
//! fixture, so an accepted call is one the client built right without any spec.
//! Tracing is checked in `common_client_tracing.rs`, alone in its binary.

#[path = "common_client/regions.rs"]
mod regions;

use cloudapi::tencent::CommonErrorCode;
use cloudapi::{Config, Credentials, Endpoint, Error, TransportKind, alibaba, tencent};
use harness::NoEnvironment;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use testkit::{Fault, Received, Server, TEST_KEY_ID, TEST_KEY_SECRET};

async fn server() -> Server {
    Server::start_with(harness::unlisted_products())
        .await
        .expect("the testkit serves the fixture spec")
}

/// The test key, the server's URL, a short timeout, millisecond backoffs, and
/// no region from this process's environment.
fn config(server: &Server) -> Config {
    harness::config(server, Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .environment(NoEnvironment)
}

fn cvm(config: Config) -> tencent::ProductClient {
    let client = tencent::CommonClient::new(config).expect("the client builds");
    client
        .product("cvm", "2017-03-12")
        .expect("cvm is a product name")
}

fn ecs(config: Config) -> alibaba::ProductClient {
    let client = alibaba::CommonClient::new(config).expect("the client builds");
    client
        .product("ecs", "2014-05-26")
        .expect("ecs is a product name")
}

/// The requests for `action` the server read, in order.
fn received(server: &Server, action: &str) -> Vec<Received> {
    let requests = server.requests().into_iter();
    requests.filter(|r| r.action == action).collect()
}

fn header<'r>(request: &'r Received, name: &str) -> Option<&'r str> {
    let mut headers = request.headers.iter();
    headers.find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn internal_error() -> Fault {
    Fault::ServiceError {
        code: "InternalError".into(),
        message: "boom".into(),
        status: None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InstancesQuery {
    instance_ids: Vec<String>,
    limit: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Instances {
    total_count: u64,
    instance_set: Vec<Instance>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Instance {
    instance_id: String,
}

#[tokio::test]
async fn tencent_calls_answer_a_json_value_or_a_type_of_the_callers() {
    let server = server().await;
    let client = tencent::CommonClient::new(config(&server)).unwrap();
    let available = regions::cvm_regions(&client).await.unwrap();
    assert_eq!(available, ["ap-guangzhou", "ap-shanghai"]);

    let cvm = client.product("cvm", "2017-03-12").unwrap();
    let answer: Value = cvm.call("DescribeRegions", &json!({})).await.unwrap();
    assert_eq!(answer["TotalCount"], 2);
    assert_eq!(
        answer["RegionSet"][1]["RegionName"],
        "East China (Shanghai)"
    );
    assert!(
        answer["RequestId"]
            .as_str()
            .is_some_and(|id| !id.is_empty())
    );

    let query = InstancesQuery {
        instance_ids: vec!["ins-r8hr2upy".into()],
        limit: 1,
    };
    let page: Instances = cvm
        .call("DescribeInstances", &query)
        .returning()
        .await
        .unwrap();
    assert_eq!(page.total_count, 1);
    assert_eq!(page.instance_set[0].instance_id, "ins-r8hr2upy");

    // What arrived: the parameters as sent, signed for cvm at its version.
    let sent = &received(&server, "DescribeInstances")[0];
    let expected = json!({ "InstanceIds": ["ins-r8hr2upy"], "Limit": 1 });
    assert_eq!(sent.params.as_ref(), Some(&expected));
    assert_eq!(header(sent, "x-tc-version"), Some("2017-03-12"));
    let authorization = header(sent, "authorization").unwrap();
    assert!(
        authorization.contains("/cvm/tc3_request"),
        "{authorization}"
    );
    assert!(server.requests().iter().all(|r| r.signature_valid));
    server.assert_no_refusals();
}

#[tokio::test]
async fn alibaba_parameters_are_flattened_into_the_signed_query() {
    let server = server().await;
    let client = alibaba::CommonClient::new(config(&server)).unwrap();
    let count = regions::ecs_instances(&client, "cn-shanghai", "prod").await;
    assert_eq!(count.unwrap(), Some(0));

    let sent = &received(&server, "DescribeInstances")[0];
    for pair in ["RegionId=cn-shanghai", "Tag.1.Key=env", "Tag.1.Value=prod"] {
        assert!(sent.query.split('&').any(|p| p == pair), "{}", sent.query);
    }
    let expected = json!({ "RegionId": "cn-shanghai", "Tag": [{ "Key": "env", "Value": "prod" }] });
    assert_eq!(sent.params.as_ref(), Some(&expected));
    assert_eq!(header(sent, "x-acs-version"), Some("2014-05-26"));
    assert_eq!(header(sent, "x-acs-action"), Some("DescribeInstances"));

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Answer {
        regions: Regions,
        request_id: String,
    }
    #[derive(Deserialize)]
    struct Regions {
        #[serde(rename = "Region")]
        region: Vec<Value>,
    }
    let ecs = client.product("ecs", "2014-05-26").unwrap();
    let params = json!({ "AcceptLanguage": "en-US" });
    let answer: Answer = ecs
        .call("DescribeRegions", &params)
        .returning()
        .await
        .unwrap();
    assert_eq!(answer.regions.region[1]["RegionId"], "cn-shanghai");
    assert!(!answer.request_id.is_empty());
    assert!(server.requests().iter().all(|r| r.signature_valid));
    server.assert_no_refusals();
}

#[tokio::test]
async fn service_errors_keep_the_code_as_sent_its_message_and_request_id() {
    let server = server().await;
    let cvm = cvm(config(&server));
    server.push_fault(
        "DescribeInstances",
        Fault::ServiceError {
            code: "InvalidInstanceId.Malformed".into(),
            message: "The instance ID `ins-x` is malformed.".into(),
            status: None,
        },
    );
    let params = json!({ "InstanceIds": ["ins-x"] });
    let error = cvm.call("DescribeInstances", &params).await.unwrap_err();
    let Error::Service(e) = &error else {
        panic!("{error:?}")
    };
    let code = tencent::CommonCallError::Product("InvalidInstanceId.Malformed".into());
    assert_eq!(e.code(), &code);
    assert_eq!(e.code().code(), "InvalidInstanceId.Malformed");
    assert_eq!(e.message(), "The instance ID `ins-x` is malformed.");
    assert!(e.request_id().is_some_and(|id| !id.is_empty()));
    assert_eq!(
        (error.action(), e.attempts, e.http_status),
        ("DescribeInstances", 1, 200)
    );
    let shown = error.to_string();
    assert!(
        shown.starts_with("DescribeInstances: InvalidInstanceId.Malformed: "),
        "{shown}"
    );

    // A code every Tencent action can return is typed, as in generated clients.
    let error = cvm
        .call("DescribeInstances", &json!({ "Colour": "blue" }))
        .await;
    let unknown = tencent::CommonCallError::Common(CommonErrorCode::UnknownParameter);
    assert_eq!(error.unwrap_err().code(), Some(&unknown));

    // Alibaba: the HTTP status and the request ID of the error body.
    let server = self::server().await;
    let client = alibaba::CommonClient::new(config(&server)).unwrap();
    let not_found = || Fault::ServiceError {
        code: "InvalidRegionId.NotFound".into(),
        message: "The specified RegionId does not exist.".into(),
        status: Some(404),
    };
    server.push_fault("DescribeInstances", not_found());
    let count = regions::ecs_instances(&client, "mars-1", "prod").await;
    assert_eq!(
        count.unwrap(),
        None,
        "the application's reading of the code"
    );
    server.push_fault("DescribeInstances", not_found());
    let params = json!({ "RegionId": "mars-1" });
    let ecs = client.product("ecs", "2014-05-26").unwrap();
    let error = ecs.call("DescribeInstances", &params).await.unwrap_err();
    let Error::Service(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.code().code(), "InvalidRegionId.NotFound");
    assert_eq!(e.code().common(), None);
    assert_eq!(e.http_status, 404);
    assert!(e.request_id().is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn a_wrong_secret_is_the_vendors_common_signature_failure() {
    const WRONG: &str = "not-the-secret-Yt6";
    let server = server().await;
    let wrong =
        harness::config(&server, Credentials::new(TEST_KEY_ID, WRONG)).environment(NoEnvironment);

    let cvm = cvm(wrong.clone());
    let error = cvm
        .call("DescribeRegions", &json!({}))
        .idempotent(true)
        .await
        .unwrap_err();
    let failure = tencent::CommonCallError::Common(CommonErrorCode::AuthFailureSignatureFailure);
    assert_eq!(error.code(), Some(&failure));

    let ecs = ecs(wrong);
    let error = ecs
        .call("DescribeRegions", &json!({}))
        .idempotent(true)
        .await
        .unwrap_err();
    let failure = alibaba::CommonCallError::Common(alibaba::CommonErrorCode::SignatureDoesNotMatch);
    assert_eq!(error.code(), Some(&failure));
    let Error::Service(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.http_status, 400);

    // Refused, not retried even though idempotent; the secret never shown.
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| !r.signature_valid));
    let shown = format!("{error} {error:?} {cvm:?} {ecs:?}");
    assert!(!shown.contains(WRONG), "{shown}");
}

#[tokio::test]
async fn a_call_not_said_idempotent_is_not_sent_again_once_it_may_have_reached_the_server() {
    let server = server().await;
    let cvm = cvm(config(&server));
    let terminate = json!({ "InstanceIds": ["ins-r8hr2upy"] });
    for fault in [
        Fault::ResetAfterRead,
        Fault::BadGatewayHtml,
        Fault::TruncatedJson,
        internal_error(),
    ] {
        let before = server.requests().len();
        server.push_fault("TerminateInstances", fault.clone());
        let error = cvm
            .call("TerminateInstances", &terminate)
            .await
            .unwrap_err();
        assert_eq!(
            server.requests().len() - before,
            1,
            "{fault:?} was sent again"
        );
        assert!(error.may_have_reached_server(), "{fault:?}");
        if let Error::Transport(e) = &error {
            assert!(!e.idempotent && e.attempts == 1, "{fault:?}: {e:?}");
            assert!(
                error
                    .to_string()
                    .contains("TerminateInstances is not idempotent")
            );
        }
    }
}

#[tokio::test]
async fn a_call_said_idempotent_is_sent_again_after_the_same_failures() {
    let server = server().await;
    let cvm = cvm(config(&server));
    for fault in [
        Fault::ResetAfterRead,
        Fault::BadGatewayHtml,
        Fault::TruncatedJson,
        internal_error(),
    ] {
        let before = server.requests().len();
        server.push_fault("DescribeRegions", fault.clone());
        let answer = cvm
            .call("DescribeRegions", &json!({}))
            .idempotent(true)
            .await;
        assert!(answer.is_ok(), "{fault:?}: {answer:?}");
        let sent = &server.requests()[before..];
        assert_eq!(sent.len(), 2, "{fault:?}: one failed attempt, one retry");
        assert_eq!(sent[0].fingerprint, sent[1].fingerprint, "the same call");
    }
}

#[tokio::test]
async fn failures_before_the_server_executes_are_retried_for_every_call() {
    let server = server().await;
    let cvm = cvm(config(&server));
    // A throttling answer refuses before executing.
    server.push_fault("TerminateInstances", Fault::Throttled);
    let terminate = json!({ "InstanceIds": ["ins-r8hr2upy"] });
    cvm.call("TerminateInstances", &terminate).await.unwrap();
    assert_eq!(received(&server, "TerminateInstances").len(), 2);

    // Nothing listens: every attempt fails to connect, and all are made.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let client = tencent::CommonClient::new(config(&server)).unwrap();
    let nowhere = client.product_at("cvm", "2017-03-12", &url).unwrap();
    let error = nowhere
        .call("TerminateInstances", &terminate)
        .await
        .unwrap_err();
    let Error::Transport(e) = &error else {
        panic!("{error:?}")
    };
    let attempts = client.config().retry_config().max_attempts;
    assert_eq!((e.kind, e.attempts), (TransportKind::Connect, attempts));
    assert!(!error.may_have_reached_server());
}

#[tokio::test]
async fn the_configured_region_is_sent_to_tencent() {
    let server = server().await;
    cvm(config(&server).region("ap-shanghai"))
        .call("DescribeRegions", &json!({}))
        .await
        .unwrap();
    cvm(config(&server))
        .call("DescribeRegions", &json!({}))
        .await
        .unwrap();
    let sent = received(&server, "DescribeRegions");
    assert_eq!(header(&sent[0], "x-tc-region"), Some("ap-shanghai"));
    assert_eq!(
        header(&sent[1], "x-tc-region"),
        None,
        "no region configured"
    );
    server.assert_no_refusals();
}

#[test]
fn hosts_follow_the_vendors_conventions_or_the_callers_host() {
    let config = || {
        Config::new()
            .environment(NoEnvironment)
            .region("cn-shanghai")
    };
    let tencent = tencent::CommonClient::new(config()).unwrap();
    let cvm = tencent.product("cvm", "2017-03-12").unwrap();
    assert_eq!(cvm.base_url(), "https://cvm.tencentcloudapi.com");
    let private = config()
        .endpoint(Endpoint::Regional)
        .domain_suffix("internal.example");
    let cvm = tencent::CommonClient::new(private).unwrap();
    let cvm = cvm.product("cvm", "2017-03-12").unwrap();
    assert_eq!(cvm.base_url(), "https://cvm.cn-shanghai.internal.example");

    let regional = config().endpoint(Endpoint::Regional);
    let alibaba = alibaba::CommonClient::new(regional).unwrap();
    let ecs = alibaba.product("ecs", "2014-05-26").unwrap();
    assert_eq!(ecs.base_url(), "https://ecs.cn-shanghai.aliyuncs.com");
    // A product's endpoint map may name another host: the caller gives it.
    let mapped = alibaba.product_at("ecs", "2014-05-26", "ecs-cn-hangzhou.aliyuncs.com");
    assert_eq!(
        mapped.unwrap().base_url(),
        "https://ecs-cn-hangzhou.aliyuncs.com"
    );
    let international = config().endpoint(Endpoint::International);
    let alibaba = alibaba::CommonClient::new(international).unwrap();
    assert!(
        alibaba.product("ecs", "2014-05-26").is_err(),
        "no international rule"
    );

    assert!(tencent.product("cvm.evil.example", "2017-03-12").is_err());
    assert!(tencent.product("cvm", "2017-03-12\r\nX: y").is_err());
}

#[tokio::test]
async fn a_server_clock_that_is_off_is_learnt_even_for_a_call_not_said_idempotent() {
    let server = Server::start_with(harness::unlisted_products().clock_offset(900))
        .await
        .unwrap();
    let terminate = json!({ "InstanceIds": ["ins-r8hr2upy"] });
    let cvm = cvm(config(&server));
    cvm.call("TerminateInstances", &terminate).await.unwrap();
    let refusals = server.refusals();
    assert_eq!(refusals.len(), 1);
    assert_eq!(refusals[0].code, "AuthFailure.SignatureExpire");
    assert_eq!(received(&server, "TerminateInstances").len(), 2);
}

#[tokio::test]
async fn nothing_is_sent_for_parameters_that_are_no_object_or_an_action_that_is_no_name() {
    let server = server().await;
    let cvm = cvm(config(&server));
    let ecs = ecs(config(&server));
    let tencent = [
        cvm.call("DescribeRegions", &json!(["a"])).await,
        cvm.call("DescribeRegions", &()).await,
        cvm.call("Describe Regions", &json!({})).await,
    ];
    for error in tencent.into_iter().map(Result::unwrap_err) {
        assert_not_sent(&error);
    }
    assert_not_sent(&ecs.call("DescribeRegions", &"en-US").await.unwrap_err());
    assert!(server.requests().is_empty());
}

fn assert_not_sent<E: std::fmt::Debug>(error: &Error<E>) {
    let Error::InvalidRequest(e) = error else {
        panic!("{error:?}")
    };
    assert!(!e.problems.is_empty());
    assert!(!error.may_have_reached_server());
}

/// The test key, counting how often the client asks for it.
#[derive(Debug)]
struct CountedKey(std::sync::Arc<std::sync::atomic::AtomicU32>);

impl cloudapi::runtime::ProvideCredentials for CountedKey {
    fn provide_credentials(&self) -> cloudapi::runtime::credentials::CredentialsFuture<'_> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async { Ok(Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET)) })
    }
}

/// A listener managing several regions keeps one client: `in_region` gives a
/// handle per region on one credentials cache and one connection pool.
#[tokio::test]
async fn one_client_calls_two_regions_on_one_credentials_fetch_and_one_connection_pool() {
    let server = server().await;
    let fetches = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let config = harness::config(&server, Credentials::new("unused", "unused"))
        .environment(NoEnvironment)
        .region("ap-guangzhou")
        .credentials_provider(CountedKey(std::sync::Arc::clone(&fetches)));
    let guangzhou = cvm(config);
    let shanghai = guangzhou.in_region("ap-shanghai").unwrap();
    let singapore = shanghai.in_region("ap-singapore").unwrap();
    for client in [&guangzhou, &shanghai, &singapore, &guangzhou, &shanghai] {
        client.call("DescribeRegions", &json!({})).await.unwrap();
    }
    let regions: Vec<Option<&str>> = Vec::new();
    let sent = received(&server, "DescribeRegions");
    let regions = sent.iter().fold(regions, |mut regions, request| {
        regions.push(header(request, "x-tc-region"));
        regions
    });
    assert_eq!(
        regions,
        [
            Some("ap-guangzhou"),
            Some("ap-shanghai"),
            Some("ap-singapore"),
            Some("ap-guangzhou"),
            Some("ap-shanghai")
        ]
    );
    assert!(sent.iter().all(|r| r.signature_valid));
    assert_eq!(
        fetches.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one credentials fetch"
    );
    assert_eq!(
        server.stats().connections,
        1,
        "one connection, kept alive across regions"
    );
    assert!(
        guangzhou
            .transport()
            .shares_session_with(singapore.transport())
    );
    assert_eq!(singapore.transport().region(), Some("ap-singapore"));
    assert_eq!(guangzhou.transport().region(), Some("ap-guangzhou"));
    // A region that cannot be a host label or a header is refused at once.
    assert!(guangzhou.in_region("ap guangzhou").is_err());
    server.assert_no_refusals();
}

/// A generated client's handle per region shares its session likewise.
#[test]
fn a_generated_client_in_another_region_shares_its_session() {
    let config = Config::new()
        .credentials(Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .environment(NoEnvironment)
        .endpoint(Endpoint::Regional)
        .region("cn-hangzhou");
    let hangzhou = cloudapi::alibaba::alidns::Client::new(config);
    // alidns is global in its spec: a regional endpoint is refused for it,
    // and a client on the default host takes a region handle all the same.
    assert!(hangzhou.is_err());
    let config = Config::new()
        .credentials(Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
        .environment(NoEnvironment)
        .region("cn-hangzhou");
    let hangzhou = cloudapi::alibaba::alidns::Client::new(config).unwrap();
    let beijing = hangzhou.in_region("cn-beijing").unwrap();
    assert_eq!(
        format!("{beijing:?}").matches("cn-beijing").count(),
        1,
        "{beijing:?}"
    );
    assert!(hangzhou.in_region("").is_err());
}
