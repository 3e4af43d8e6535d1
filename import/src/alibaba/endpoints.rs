//! A product's hosts: the api-docs' endpoint map, and the global endpoint
//! the vendor's product list names.
//!
//! The default host is the global endpoint when the product list gives one
//! (`alidns.aliyuncs.com`, which the vendor's own CLI and SDKs use), else the
//! endpoint of [`DEFAULT_REGION`], else the first listed. Each host appears
//! once (the spec format's rule): where several regions share one host, the
//! first region in the file keeps it.

use std::collections::BTreeSet;

use codegen::load::raw::{EndpointKind, EndpointSpec};

use crate::plan::Unmapped;

/// The region whose endpoint becomes the default when there is no global
/// endpoint, as the vendor's SDKs do.
const DEFAULT_REGION: &str = "cn-hangzhou";

/// The hosts of `product`, default first, from the api-docs' (region, host)
/// pairs and the global endpoint; what is left out goes to `unmapped`.
pub(super) fn choose(
    product: &str,
    listed: &[(String, String)],
    global: Option<&str>,
    unmapped: &mut Vec<Unmapped>,
) -> Vec<EndpointSpec> {
    let mut hosts = BTreeSet::new();
    let mut regional: Vec<(&str, &str)> = Vec::new();
    if let Some(global) = global {
        hosts.insert(global);
    }
    for (region, host) in listed {
        if !is_host(host) {
            unmapped.push(Unmapped {
                what: format!("endpoint {host}"),
                reason: "left out: not a host name".into(),
            });
        } else if hosts.insert(host.as_str()) {
            regional.push((region, host));
        }
    }
    if let Some(global) = global.filter(|h| is_host(h)) {
        let default = EndpointSpec {
            host: global.to_string(),
            kind: EndpointKind::Default,
            region: None,
        };
        return std::iter::once(default)
            .chain(
                regional
                    .iter()
                    .map(|(r, h)| spec(r, h, EndpointKind::Regional)),
            )
            .collect();
    }
    let fallback = format!("{product}.aliyuncs.com");
    if regional.is_empty() {
        unmapped.push(Unmapped {
            what: "endpoints".into(),
            reason: format!("none listed; `{fallback}` assumed for {DEFAULT_REGION}"),
        });
        regional.push((DEFAULT_REGION, &fallback));
    }
    let default = regional
        .iter()
        .position(|(region, _)| *region == DEFAULT_REGION)
        .unwrap_or(0);
    std::iter::once(default)
        .chain((0..regional.len()).filter(|i| *i != default))
        .map(|i| {
            let (region, host) = regional[i];
            let kind = if i == default {
                EndpointKind::Default
            } else {
                EndpointKind::Regional
            };
            spec(region, host, kind)
        })
        .collect()
}

fn spec(region: &str, host: &str, kind: EndpointKind) -> EndpointSpec {
    EndpointSpec {
        host: host.to_string(),
        kind,
        region: Some(region.to_string()),
    }
}

fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(r, h)| (r.to_string(), h.to_string()))
            .collect()
    }

    fn hosts(endpoints: &[EndpointSpec]) -> Vec<(&str, EndpointKind, Option<&str>)> {
        endpoints
            .iter()
            .map(|e| (e.host.as_str(), e.kind, e.region.as_deref()))
            .collect()
    }

    #[test]
    fn a_global_endpoint_is_the_default() {
        let listed = pairs(&[
            ("cn-hangzhou", "dns.cn-hangzhou.example.com"),
            ("cn-qingdao", "dns.example.com"),
            ("cn-wuhan", "dns.example.com"),
            ("eu-west-1", "dns.example.com/path"),
        ]);
        let mut unmapped = Vec::new();
        let chosen = choose(
            "dns",
            &listed,
            Some("dns.global.example.com"),
            &mut unmapped,
        );
        assert_eq!(
            hosts(&chosen),
            [
                ("dns.global.example.com", EndpointKind::Default, None),
                (
                    "dns.cn-hangzhou.example.com",
                    EndpointKind::Regional,
                    Some("cn-hangzhou")
                ),
                (
                    "dns.example.com",
                    EndpointKind::Regional,
                    Some("cn-qingdao")
                ),
            ]
        );
        assert_eq!(unmapped.len(), 1, "{unmapped:?}");
    }

    #[test]
    fn without_one_the_default_region_is() {
        let listed = pairs(&[
            ("ap-southeast-1", "x.ap-southeast-1.aliyuncs.com"),
            ("cn-hangzhou", "x.aliyuncs.com"),
        ]);
        let mut unmapped = Vec::new();
        let chosen = choose("x", &listed, None, &mut unmapped);
        assert_eq!(chosen[0].host, "x.aliyuncs.com");
        assert_eq!(chosen[0].kind, EndpointKind::Default);
        assert_eq!(chosen[1].kind, EndpointKind::Regional);
        let chosen = choose("x", &[], None, &mut unmapped);
        assert_eq!(
            hosts(&chosen),
            [("x.aliyuncs.com", EndpointKind::Default, Some("cn-hangzhou"))]
        );
        assert!(unmapped[0].reason.contains("assumed"));
    }
}
