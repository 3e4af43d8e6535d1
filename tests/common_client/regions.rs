//! Two products `cloudapi` does not generate, called through each vendor's
//! common client: Tencent Cloud CVM's regions (a typed answer) and Alibaba
//! Cloud ECS's instances (an untyped one, and a product error code).

use std::error::Error as StdError;

use cloudapi::{Error, alibaba, tencent};
use serde::Deserialize;
use serde_json::json;

/// The part of CVM's `DescribeRegions` answer this application reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CvmRegions {
    pub region_set: Vec<CvmRegion>,
}

/// One CVM region.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CvmRegion {
    pub region: String,
    pub region_state: String,
}

/// The CVM regions that are available, e.g. `ap-guangzhou`.
pub async fn cvm_regions(client: &tencent::CommonClient) -> Result<Vec<String>, Box<dyn StdError>> {
    let cvm = client.product("cvm", "2017-03-12")?;
    let answer: CvmRegions = cvm
        .call("DescribeRegions", &json!({}))
        .idempotent(true) // it only reads: safe to send again after a timeout
        .returning()
        .await?;
    let available = answer
        .region_set
        .into_iter()
        .filter(|r| r.region_state == "AVAILABLE");
    Ok(available.map(|r| r.region).collect())
}

/// How many ECS instances of `region` carry the tag `env=<env>`; `None` for
/// a region ECS does not know.
pub async fn ecs_instances(
    client: &alibaba::CommonClient,
    region: &str,
    env: &str,
) -> Result<Option<u64>, Box<dyn StdError>> {
    let ecs = client.product("ecs", "2014-05-26")?;
    // Sent in the query as RegionId=…&Tag.1.Key=env&Tag.1.Value=…
    let params = json!({ "RegionId": region, "Tag": [{ "Key": "env", "Value": env }] });
    match ecs
        .call("DescribeInstances", &params)
        .idempotent(true)
        .await
    {
        Ok(answer) => Ok(Some(answer["TotalCount"].as_u64().ok_or("no TotalCount")?)),
        Err(Error::Service(e)) if e.code().code() == "InvalidRegionId.NotFound" => Ok(None),
        Err(e) => Err(e.into()),
    }
}
