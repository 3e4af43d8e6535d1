//! Every credential source over real HTTP against a stand-in on 127.0.0.1:
//! the CVM and ECS metadata services (IMDSv2), the credentials URI, the
//! anonymous OIDC actions of both STS, and the default chains reaching them.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use cloudapi_runtime::credentials::{
    AlibabaOidcProvider, CredentialsUriProvider, CvmRoleProvider, DefaultChain, EcsRamRoleProvider,
    ProvideCredentials, TencentWebIdentityProvider,
};
use cloudapi_runtime::{CredentialsError, Vendor};
use common::{Env, Reply, Seen, serve, temp_file};
use serde_json::json;

const SECRET: &str = "provider-test-secret-Q7w";
const TOKEN: &str = "provider-test-token-Z3k";
const OIDC_TOKEN: &str = "oidc-token-from-file-M2p";
const ALL: &[&str] = &[SECRET, TOKEN, OIDC_TOKEN];

fn hidden(error: &CredentialsError) -> String {
    let text = format!("{error} {error:?}");
    for secret in ALL {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    error.to_string()
}

fn cvm(request: &Seen) -> Reply {
    match request.path.as_str() {
        "/latest/meta-data/cam/security-credentials/" => Reply::text(200, "cvm-role\n"),
        "/latest/meta-data/cam/security-credentials/cvm-role" => Reply::json(
            200,
            json!({"TmpSecretId": "AKIDtmp", "TmpSecretKey": SECRET, "Token": TOKEN,
                   "ExpiredTime": common::unix_in(7200), "Expiration": common::in_seconds(7200), "Code": "Success"}),
        ),
        _ => Reply::text(404, "not found"),
    }
}

#[tokio::test]
async fn cvm_instance_role() {
    let server = serve(cvm).await;
    let provider = CvmRoleProvider::new().endpoint(format!("{}/latest/meta-data/", server.url()));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.id(), "AKIDtmp");
    assert_eq!(credentials.secret(), SECRET);
    assert_eq!(credentials.token(), Some(TOKEN));
    let left = credentials
        .expiry()
        .unwrap()
        .duration_since(std::time::SystemTime::now())
        .unwrap();
    assert!(left > Duration::from_secs(7100), "{left:?}");
    assert!(!format!("{credentials:?}").contains(SECRET));

    // No role attached: "not available", so chains move on.
    let server = serve(|_: &Seen| Reply::text(404, "")).await;
    let error = CvmRoleProvider::new()
        .endpoint(format!("{}/latest/meta-data/", server.url()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error}");
    assert!(hidden(&error).contains("no role is attached"));

    // A broken answer is an error naming the URL and what was expected, quoting nothing.
    let server = serve(|request: &Seen| match request.path.ends_with('/') {
        true => Reply::text(200, "r"),
        false => Reply::text(
            200,
            &format!("{{\"TmpSecretId\": \"x\", \"TmpSecretKey\": \"{SECRET}\", \"Token\": 5}}"),
        ),
    })
    .await;
    let error = CvmRoleProvider::new()
        .endpoint(format!("{}/latest/meta-data/", server.url()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(!error.is_not_found());
    let text = hidden(&error);
    assert!(
        text.contains(
            "/latest/meta-data/cam/security-credentials/r (unreadable answer: expected JSON"
        ),
        "{text}"
    );

    // The service says no.
    let server = serve(|request: &Seen| match request.path.ends_with('/') {
        true => Reply::text(200, "r"),
        false => Reply::json(200, json!({"Code": "Failed"})),
    })
    .await;
    let error = CvmRoleProvider::new()
        .endpoint(format!("{}/latest/meta-data/", server.url()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(hidden(&error).contains("expected JSON"), "{error}");
}

/// An ECS metadata service that requires a session token (IMDSv2) when `v2_only`.
fn ecs(v2_only: bool) -> impl Fn(&Seen) -> Reply + Send + Sync + 'static {
    move |request: &Seen| {
        if request.path == "/latest/api/token" {
            if !v2_only {
                return Reply::text(404, "");
            }
            assert_eq!(request.method, "PUT");
            assert_eq!(
                request.header("x-aliyun-ecs-metadata-token-ttl-seconds"),
                Some("21600")
            );
            return Reply::text(200, "session-token-1");
        }
        if v2_only && request.header("x-aliyun-ecs-metadata-token") != Some("session-token-1") {
            return Reply::text(401, "");
        }
        match request.path.as_str() {
            "/latest/meta-data/ram/security-credentials/" => Reply::text(200, "ecs-role"),
            "/latest/meta-data/ram/security-credentials/ecs-role" => Reply::json(
                200,
                json!({"Code": "Success", "AccessKeyId": "STS.ecs", "AccessKeySecret": SECRET,
                       "SecurityToken": TOKEN, "Expiration": common::in_seconds(3600),
                       "LastUpdated": common::in_seconds(0)}),
            ),
            _ => Reply::text(404, ""),
        }
    }
}

#[tokio::test]
async fn ecs_ram_role_with_imdsv2_then_v1() {
    let server = serve(ecs(true)).await;
    let credentials = EcsRamRoleProvider::new()
        .endpoint(server.url())
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(credentials.id(), "STS.ecs");
    assert_eq!(credentials.token(), Some(TOKEN));
    let paths: Vec<String> = server.seen().iter().map(|s| s.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/latest/api/token",
            "/latest/meta-data/ram/security-credentials/",
            "/latest/meta-data/ram/security-credentials/ecs-role"
        ]
    );

    // A service without IMDSv2: asked without a token, unless IMDSv1 is disabled.
    let server = serve(ecs(false)).await;
    let credentials = EcsRamRoleProvider::new()
        .endpoint(server.url())
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(credentials.id(), "STS.ecs");
    let error = EcsRamRoleProvider::new()
        .endpoint(server.url())
        .imdsv1_disabled(true)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(hidden(&error).contains("IMDSv1 is disabled"), "{error}");

    // A named role skips the listing.
    let server = serve(ecs(true)).await;
    EcsRamRoleProvider::new()
        .endpoint(server.url())
        .role_name("ecs-role")
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(
        server.count("/latest/meta-data/ram/security-credentials/ecs-role"),
        1
    );
    assert_eq!(server.seen().len(), 2);

    // Nothing listening: not available.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let error = EcsRamRoleProvider::new()
        .endpoint(url)
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(error.is_not_found(), "{error}");
}

#[tokio::test]
async fn credentials_uri() {
    let server = serve(|request: &Seen| match request.path.as_str() {
        "/creds" => Reply::json(
            200,
            json!({"Code": "Success", "AccessKeyId": "STS.uri", "AccessKeySecret": SECRET,
                   "SecurityToken": TOKEN, "Expiration": common::in_seconds(900)}),
        ),
        "/missing" => Reply::json(
            200,
            json!({"AccessKeyId": "STS.uri", "AccessKeySecret": SECRET}),
        ),
        _ => Reply::text(500, SECRET),
    })
    .await;
    let credentials = CredentialsUriProvider::new(format!("{}/creds", server.url()))
        .provide_credentials()
        .await
        .unwrap();
    assert_eq!(credentials.id(), "STS.uri");
    assert_eq!(credentials.secret(), SECRET);
    let error = CredentialsUriProvider::new(format!("{}/missing?auth=abc", server.url()))
        .provide_credentials()
        .await
        .unwrap_err();
    let text = hidden(&error);
    assert!(
        text.contains(&format!(
            "credentials URI {}/missing (unreadable answer",
            server.url()
        )),
        "{text}"
    );
    assert!(!text.contains("auth=abc"));
    let error = CredentialsUriProvider::new(format!("{}/broken", server.url()))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(hidden(&error).ends_with("(HTTP 500)"), "{error}");
}

fn tencent_sts(request: &Seen) -> Reply {
    assert_eq!(request.header("authorization"), Some("SKIP"));
    assert_eq!(
        request.header("x-tc-action"),
        Some("AssumeRoleWithWebIdentity")
    );
    assert_eq!(request.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(request.header("x-tc-region"), Some("ap-shanghai"));
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    if body["WebIdentityToken"] != OIDC_TOKEN {
        return Reply::json(
            200,
            json!({"Response": {"Error": {"Code": "InvalidParameter.WebIdentityTokenError", "Message": "bad token"}, "RequestId": "r1"}}),
        );
    }
    assert_eq!(body["ProviderId"], "provider-1");
    assert_eq!(body["RoleArn"], "qcs::cam::uin/100:roleName/tke");
    assert_eq!(body["DurationSeconds"], 7200);
    assert!(
        body["RoleSessionName"]
            .as_str()
            .unwrap()
            .starts_with("cloudapi-rust-")
    );
    Reply::json(
        200,
        json!({"Response": {"Credentials": {"Token": TOKEN, "TmpSecretId": "AKIDoidc", "TmpSecretKey": SECRET},
                            "ExpiredTime": common::unix_in(7200), "Expiration": common::in_seconds(7200), "RequestId": "r2"}}),
    )
}

#[tokio::test]
async fn tencent_tke_oidc() {
    let server = serve(tencent_sts).await;
    let token_file = temp_file("token", &format!("{OIDC_TOKEN}\n"));
    let provider = TencentWebIdentityProvider::new(
        "ap-shanghai",
        "provider-1",
        &token_file,
        "qcs::cam::uin/100:roleName/tke",
    )
    .endpoint(format!("{}/", server.url()));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.id(), "AKIDoidc");
    assert_eq!(credentials.token(), Some(TOKEN));
    assert!(!format!("{provider:?}").contains(OIDC_TOKEN));

    // The token file is read again at every refresh; the service's refusal is named.
    std::fs::write(&token_file, "rotated-but-wrong").unwrap();
    let error = provider.provide_credentials().await.unwrap_err();
    assert!(
        hidden(&error).contains("InvalidParameter.WebIdentityTokenError: bad token"),
        "{error}"
    );

    // Through the default chain, from the TKE variables.
    std::fs::write(&token_file, OIDC_TOKEN).unwrap();
    let env = Env::default()
        .with("TKE_REGION", "ap-shanghai")
        .with("TKE_PROVIDER_ID", "provider-1")
        .with("TKE_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap())
        .with("TKE_ROLE_ARN", "qcs::cam::uin/100:roleName/tke");
    let chain = DefaultChain::new(Vendor::Tencent)
        .environment(env.clone())
        .sts_endpoint(format!("{}/", server.url()))
        .without_metadata();
    assert_eq!(chain.load().await.unwrap().id(), "AKIDoidc");

    // Half the variables: the chain stops and says which are missing.
    let env = env.with("TKE_PROVIDER_ID", "");
    let error = DefaultChain::new(Vendor::Tencent)
        .environment(env)
        .without_metadata()
        .load()
        .await
        .unwrap_err();
    let text = hidden(&error);
    assert!(text.contains("TKE_PROVIDER_ID missing or empty"), "{text}");
    let missing = temp_file("gone", "");
    std::fs::remove_file(&missing).unwrap();
    let error = TencentWebIdentityProvider::new("r", "p", &missing, "a")
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(hidden(&error).contains("could not be read"), "{error}");
}

fn alibaba_sts(request: &Seen) -> Reply {
    let query = Seen::pairs(&request.query);
    assert_eq!(query["Action"], "AssumeRoleWithOIDC");
    assert_eq!(query["Version"], "2015-04-01");
    assert_eq!(query["Format"], "JSON");
    assert!(query["Timestamp"].ends_with('Z'));
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let form = Seen::pairs(&request.body_text());
    if form["OIDCToken"] != OIDC_TOKEN {
        return Reply::json(
            400,
            json!({"Code": "InvalidParameter.OIDCToken.Invalid", "Message": "invalid", "RequestId": "x"}),
        );
    }
    assert_eq!(form["RoleArn"], "acs:ram::1:role/rrsa");
    assert_eq!(form["OIDCProviderArn"], "acs:ram::1:oidc-provider/ack");
    assert_eq!(form["DurationSeconds"], "3600");
    Reply::json(
        200,
        json!({"RequestId": "r", "Credentials": {"AccessKeyId": "STS.rrsa", "AccessKeySecret": SECRET,
               "SecurityToken": TOKEN, "Expiration": common::in_seconds(3600)}}),
    )
}

#[tokio::test]
async fn alibaba_oidc_rrsa() {
    let server = serve(alibaba_sts).await;
    let token_file = temp_file("token", OIDC_TOKEN);
    let provider = AlibabaOidcProvider::new(
        "acs:ram::1:role/rrsa",
        "acs:ram::1:oidc-provider/ack",
        &token_file,
    )
    .endpoint(format!("{}/", server.url()));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.id(), "STS.rrsa");

    let env = Env::default()
        .with("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/rrsa")
        .with(
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "acs:ram::1:oidc-provider/ack",
        )
        .with(
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
            token_file.to_str().unwrap(),
        );
    let chain = DefaultChain::new(Vendor::Alibaba)
        .environment(env)
        .sts_endpoint(format!("{}/", server.url()))
        .without_metadata();
    assert_eq!(chain.load().await.unwrap().id(), "STS.rrsa");

    std::fs::write(&token_file, "wrong").unwrap();
    let error = provider.provide_credentials().await.unwrap_err();
    assert!(
        hidden(&error).contains("InvalidParameter.OIDCToken.Invalid: invalid"),
        "{error}"
    );
}

#[tokio::test]
async fn alibaba_chain_reaches_metadata_and_uri() {
    let metadata = serve(ecs(true)).await;
    let chain = DefaultChain::new(Vendor::Alibaba)
        .environment(Env::default())
        .metadata_endpoint(metadata.url());
    assert_eq!(chain.load().await.unwrap().id(), "STS.ecs");

    // With metadata disabled, the credentials URI is the last source.
    let uri = serve(|_: &Seen| {
        Reply::json(200, json!({"AccessKeyId": "STS.uri", "AccessKeySecret": SECRET, "SecurityToken": TOKEN, "Expiration": common::in_seconds(900)}))
    })
    .await;
    let env = Env::default()
        .with("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .with("ALIBABA_CLOUD_CREDENTIALS_URI", &format!("{}/c", uri.url()));
    let chain = DefaultChain::new(Vendor::Alibaba)
        .environment(env)
        .metadata_endpoint(metadata.url());
    assert_eq!(chain.load().await.unwrap().id(), "STS.uri");

    // Nothing anywhere: every source is named.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nothing = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let error = DefaultChain::new(Vendor::Alibaba)
        .environment(Env::default())
        .metadata_endpoint(nothing)
        .load()
        .await
        .unwrap_err();
    assert!(error.is_not_found());
    let text = hidden(&error);
    for named in [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
        "config.json",
        ".alibabacloud/credentials",
        "instance metadata service",
        "ALIBABA_CLOUD_CREDENTIALS_URI",
    ] {
        assert!(text.contains(named), "{named} not in {text}");
    }
}

#[tokio::test]
async fn tencent_chain_reaches_the_cvm_role() {
    let metadata = serve(cvm).await;
    let chain = DefaultChain::new(Vendor::Tencent)
        .environment(Env::default())
        .metadata_endpoint(format!("{}/latest/meta-data/", metadata.url()));
    let credentials = chain.load().await.unwrap();
    assert_eq!(credentials.id(), "AKIDtmp");
    assert!(credentials.expiry().unwrap() > UNIX_EPOCH);
}

/// An STS for both vendors' `AssumeRole` (signatures are checked by the
/// loopback server's tests in `tests/credentials.rs`; here, who asked).
fn assume_role(request: &Seen) -> Reply {
    let authorization = request.header("authorization").unwrap_or_default();
    if request.header("x-tc-action") == Some("AssumeRole") {
        assert!(
            authorization.starts_with("TC3-HMAC-SHA256 Credential=AKIDlong/"),
            "{authorization}"
        );
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body["RoleArn"], "qcs::cam::uin/1:roleName/env");
        assert_eq!(body["RoleSessionName"], "from-env");
        return Reply::json(
            200,
            json!({"Response": {"Credentials": {"Token": TOKEN, "TmpSecretId": "AKIDrole", "TmpSecretKey": SECRET},
                                "ExpiredTime": common::unix_in(7200), "RequestId": "r"}}),
        );
    }
    assert_eq!(request.header("x-acs-action"), Some("AssumeRole"));
    assert!(
        authorization.starts_with("ACS3-HMAC-SHA256 Credential=LTAIlong,")
            || authorization.starts_with("ACS3-HMAC-SHA256 Credential=STS.first,"),
        "{authorization}"
    );
    let query = Seen::pairs(&request.query);
    assert_eq!(query["DurationSeconds"], "900");
    Reply::json(
        200,
        json!({"RequestId": "r", "Credentials": {"AccessKeyId": format!("STS.{}", query["RoleArn"].rsplit('/').next().unwrap()),
               "AccessKeySecret": SECRET, "SecurityToken": TOKEN, "Expiration": common::in_seconds(3600)}}),
    )
}

#[tokio::test]
async fn chains_assume_the_roles_their_sources_name() {
    let sts = serve(assume_role).await;
    // Tencent: the environment's key assumes TENCENTCLOUD_ROLE_ARN.
    let env = Env::default()
        .with("TENCENTCLOUD_SECRET_ID", "AKIDlong")
        .with("TENCENTCLOUD_SECRET_KEY", SECRET)
        .with("TENCENTCLOUD_ROLE_ARN", "qcs::cam::uin/1:roleName/env")
        .with("TENCENTCLOUD_ROLE_SESSION_NAME", "from-env");
    let chain = DefaultChain::new(Vendor::Tencent)
        .environment(env)
        .sts_endpoint(sts.url())
        .without_metadata();
    let credentials = chain.load().await.unwrap();
    assert_eq!(
        (credentials.id(), credentials.token()),
        ("AKIDrole", Some(TOKEN))
    );

    // Alibaba: the CLI's RamRoleArn profile, and a role chained on it.
    let home = temp_file(".aliyun/config.json", "")
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    std::fs::write(
        home.join(".aliyun/config.json"),
        json!({"current": "chained", "profiles": [
            {"name": "base", "mode": "RamRoleArn", "access_key_id": "LTAIlong", "access_key_secret": SECRET,
             "ram_role_arn": "acs:ram::1:role/first", "expired_seconds": 900},
            {"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "base",
             "ram_role_arn": "acs:ram::1:role/second", "expired_seconds": 900}]})
        .to_string(),
    )
    .unwrap();
    let env = Env {
        home: Some(home.clone()),
        ..Env::default()
    };
    let chain = DefaultChain::new(Vendor::Alibaba)
        .environment(env.clone())
        .sts_endpoint(sts.url())
        .without_metadata();
    assert_eq!(chain.load().await.unwrap().id(), "STS.second");
    // The second role was assumed with the first one's temporary key.
    let last = sts.seen().pop().unwrap();
    assert!(
        last.header("authorization")
            .unwrap()
            .contains("Credential=STS.first,")
    );
    assert_eq!(last.header("x-acs-security-token"), Some(TOKEN));

    let env = Env {
        home: Some(home),
        ..Env::default()
    }
    .with("ALIBABA_CLOUD_PROFILE", "base");
    let chain = DefaultChain::new(Vendor::Alibaba)
        .environment(env)
        .sts_endpoint(sts.url())
        .without_metadata();
    assert_eq!(chain.load().await.unwrap().id(), "STS.first");
}
