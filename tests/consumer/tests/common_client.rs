//! A vendor module needs no product feature: this crate turns on
//! `tencent-ssl` only, and calls Alibaba Cloud ECS (which no feature, and no
//! spec of `cloudapi`, describes) through `cloudapi::alibaba::CommonClient`.

use std::collections::BTreeMap;

use cloudapi::alibaba::CommonClient;
use testkit::{Server, ServerConfig};

#[tokio::test]
async fn calls_alibaba_without_any_alibaba_feature() {
    // A spec of ECS for the local endpoint only; the client has none.
    let spec = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/common-client/spec"
    );
    let server = Server::start_with(ServerConfig::new().spec_dir(spec))
        .await
        .unwrap();
    let client = CommonClient::new(server.config()).unwrap();
    let ecs = client.product("ecs", "2014-05-26").unwrap();
    let params = BTreeMap::from([("AcceptLanguage", "en-US")]);
    let answer = ecs.call("DescribeRegions", &params).await.unwrap();
    assert_eq!(answer["Regions"]["Region"][0]["RegionId"], "cn-hangzhou");
    server.assert_no_refusals();
}
