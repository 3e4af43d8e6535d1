//! Which URL and `Host` a product's requests go to.

use std::borrow::Cow;

use crate::config::Endpoint;
use crate::error::ConfigError;
use crate::service::{EndpointKind, Service};

/// The chosen endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Scheme and authority, without a trailing slash.
    pub base_url: String,
    /// The `Host` header, which is also signed.
    pub host: String,
}

/// Where `service`'s requests go, given the configured choice, region and
/// domain suffix; see [`Endpoint`] and the crate documentation's endpoint table.
pub(super) fn resolve(
    service: &'static Service,
    choice: &Endpoint,
    region: Option<&str>,
    suffix: Option<&str>,
) -> Result<Resolved, ConfigError> {
    let product = || Cow::Borrowed(service.product);
    let by_kind = |kind: EndpointKind| service.endpoints.iter().find(|e| e.kind == kind);
    let no_such = |kind: &'static str| ConfigError::NoSuchEndpoint {
        product: product(),
        kind,
    };
    let host: String = match choice {
        Endpoint::Url(url) => return parse_url(url),
        Endpoint::International => by_kind(EndpointKind::International)
            .ok_or_else(|| no_such("international"))?
            .host
            .to_owned(),
        Endpoint::Regional => {
            if !service.regional {
                return Err(no_such("regional (it is a global product)"));
            }
            let region = region.ok_or_else(|| ConfigError::MissingRegion { product: product() })?;
            regional(service, region)?
        }
        Endpoint::Default => match region {
            // Products that list regional hosts (Alibaba's endpoint map) must know the region.
            Some(region) if service.regional && lists_regions(service) => {
                regional(service, region)?
            }
            _ => by_kind(EndpointKind::Default)
                .ok_or_else(|| no_such("default"))?
                .host
                .to_owned(),
        },
    };
    let host = match suffix {
        Some(suffix) => with_suffix(service, &host, suffix)?,
        None => host,
    };
    Ok(Resolved {
        base_url: format!("https://{host}"),
        host,
    })
}

/// Whether the product's endpoints name the regions they serve.
fn lists_regions(service: &Service) -> bool {
    service.endpoints.iter().any(|e| e.region.is_some())
}

/// The host of `region`: a listed endpoint, else the vendor's template.
fn regional(service: &'static Service, region: &str) -> Result<String, ConfigError> {
    let listed = service
        .endpoints
        .iter()
        .find(|e| e.region == Some(region) && e.kind != EndpointKind::International);
    if let Some(endpoint) = listed {
        return Ok(endpoint.host.to_owned());
    }
    match service
        .endpoint_rule
        .and_then(|rule| Some((rule, rule.regional?)))
    {
        Some((rule, template)) => {
            if !is_region_name(region) {
                return Err(ConfigError::InvalidValue {
                    what: "region",
                    reason: "expected letters, digits and dashes, such as `ap-guangzhou`".into(),
                });
            }
            Ok(template
                .replace("{product}", service.product)
                .replace("{region}", region)
                .replace("{domain}", rule.domain))
        }
        None => {
            let mut known: Vec<&'static str> =
                service.endpoints.iter().filter_map(|e| e.region).collect();
            known.sort_unstable();
            known.dedup();
            Err(ConfigError::UnknownRegion {
                product: Cow::Borrowed(service.product),
                region: region.to_owned(),
                known,
            })
        }
    }
}

/// `host` with the vendor's domain replaced by `suffix`.
fn with_suffix(service: &Service, host: &str, suffix: &str) -> Result<String, ConfigError> {
    let suffix = checked_suffix(suffix)?;
    let invalid = |reason: String| ConfigError::InvalidValue {
        what: "domain suffix",
        reason,
    };
    let rule = service.endpoint_rule.ok_or_else(|| {
        invalid(format!(
            "product `{}` has no endpoint rule to apply it to; use Endpoint::Url",
            service.product
        ))
    })?;
    let stem = host
        .strip_suffix(rule.domain)
        .and_then(|stem| stem.strip_suffix('.'))
        .ok_or_else(|| invalid(format!("host `{host}` is not under `{}`", rule.domain)))?;
    Ok(format!("{stem}.{suffix}"))
}

/// A configured domain suffix without its outer dots, if it is a domain.
pub(crate) fn checked_suffix(suffix: &str) -> Result<&str, ConfigError> {
    let suffix = suffix.trim_matches('.');
    if suffix.is_empty()
        || !suffix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return Err(ConfigError::InvalidValue {
            what: "domain suffix",
            reason: "expected a domain such as `tencentcloudapi.com`".into(),
        });
    }
    Ok(suffix)
}

/// Whether `region` can stand in a host name as a region (`ap-guangzhou`,
/// `cn-hangzhou`): letters, digits and dashes only, so that it cannot carry
/// a host, port, path or user of its own.
pub(crate) fn is_region_name(region: &str) -> bool {
    !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Accepts `https://host[:port][/]` and `http://…` (for proxies and tests).
pub(crate) fn parse_url(url: &str) -> Result<Resolved, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidEndpoint {
        url: crate::redact::shown_url(url),
        reason: reason.to_string(),
    };
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| invalid("expected http:// or https://"))?;
    if scheme != "https" && scheme != "http" {
        return Err(invalid("expected http:// or https://"));
    }
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() || authority.contains(['/', '?', '#', '@', ' ']) {
        return Err(invalid(
            "expected a host and optional port, without path, query or user",
        ));
    }
    let default_port = if scheme == "https" { ":443" } else { ":80" };
    let host = authority.strip_suffix(default_port).unwrap_or(authority);
    Ok(Resolved {
        base_url: format!("{scheme}://{authority}"),
        host: host.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{EndpointRule, EndpointSpec};

    #[test]
    fn a_refused_endpoint_is_named_without_its_password() {
        let error = parse_url("https://admin:hunter2@ssl.example.com/")
            .err()
            .unwrap();
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("admin"),
            "{shown}"
        );
        assert!(shown.contains("\"https://ssl.example.com/\""), "{shown}");
    }

    static ALIBABA: EndpointRule = EndpointRule {
        domain: "aliyuncs.com",
        regional: None,
    };

    static TENCENT: EndpointRule = EndpointRule {
        domain: "tencentcloudapi.com",
        regional: Some("{product}.{region}.{domain}"),
    };

    static SSL: Service = Service {
        product: "ssl",
        version: "2019-12-05",
        endpoints: &[
            EndpointSpec {
                host: "ssl.tencentcloudapi.com",
                kind: EndpointKind::Default,
                region: None,
            },
            EndpointSpec {
                host: "ssl.intl.tencentcloudapi.com",
                kind: EndpointKind::International,
                region: None,
            },
        ],
        regional: false,
        endpoint_rule: Some(&TENCENT),
        actions: &[],
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
        actions: &[],
    };

    #[test]
    fn tencent_nearest_regional_international_and_suffix() {
        let host = |service, choice, region, suffix| {
            resolve(service, &choice, region, suffix).map(|r| r.host)
        };
        assert_eq!(
            host(&CVM, Endpoint::Default, Some("ap-guangzhou"), None).unwrap(),
            "cvm.tencentcloudapi.com"
        );
        assert_eq!(
            host(&CVM, Endpoint::Regional, Some("ap-guangzhou"), None).unwrap(),
            "cvm.ap-guangzhou.tencentcloudapi.com"
        );
        assert!(matches!(
            host(&CVM, Endpoint::Regional, None, None),
            Err(ConfigError::MissingRegion { product }) if product == "cvm"
        ));
        assert!(host(&CVM, Endpoint::Regional, Some("ap/../x"), None).is_err());
        assert!(matches!(
            host(&SSL, Endpoint::Regional, Some("ap-guangzhou"), None),
            Err(ConfigError::NoSuchEndpoint { .. })
        ));
        assert_eq!(
            host(&SSL, Endpoint::Default, Some("ap-guangzhou"), None).unwrap(),
            "ssl.tencentcloudapi.com"
        );
        assert_eq!(
            host(
                &SSL,
                Endpoint::International,
                None,
                Some("internal.example")
            )
            .unwrap(),
            "ssl.intl.internal.example"
        );
        assert_eq!(
            host(
                &CVM,
                Endpoint::Regional,
                Some("ap-shanghai-fsi"),
                Some("tencentcloudapi.woa.com")
            )
            .unwrap(),
            "cvm.ap-shanghai-fsi.tencentcloudapi.woa.com"
        );
        assert!(host(&CVM, Endpoint::Default, None, Some("bad suffix")).is_err());
        assert!(host(&SERVICE, Endpoint::Default, None, Some("x.example")).is_ok());
    }

    static SERVICE: Service = Service {
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
        actions: &[],
    };

    #[test]
    fn picks_regional_default_international_or_url() {
        let host = |choice, region| resolve(&SERVICE, &choice, region, None).map(|r| r.host);
        assert_eq!(host(Endpoint::Default, None).unwrap(), "cas.aliyuncs.com");
        assert_eq!(
            host(Endpoint::Default, Some("cn-hongkong")).unwrap(),
            "cas.cn-hongkong.aliyuncs.com"
        );
        assert_eq!(
            host(Endpoint::Default, Some("cn-hangzhou")).unwrap(),
            "cas.aliyuncs.com"
        );
        assert_eq!(
            host(Endpoint::Regional, Some("cn-hongkong")).unwrap(),
            "cas.cn-hongkong.aliyuncs.com"
        );
        let unknown = host(Endpoint::Default, Some("mars-1")).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "product `cas` has no endpoint in region `mars-1`; known regions: cn-hangzhou, \
             cn-hongkong; use Endpoint::Url to name a host"
        );
        assert!(matches!(
            host(Endpoint::International, None),
            Err(ConfigError::NoSuchEndpoint { .. })
        ));
        let local = resolve(
            &SERVICE,
            &Endpoint::Url("http://127.0.0.1:8080/".into()),
            None,
            None,
        )
        .unwrap();
        assert_eq!(
            (local.base_url.as_str(), local.host.as_str()),
            ("http://127.0.0.1:8080", "127.0.0.1:8080")
        );
        let tls = resolve(
            &SERVICE,
            &Endpoint::Url("https://proxy.example:443".into()),
            None,
            None,
        )
        .unwrap();
        assert_eq!(tls.host, "proxy.example");
        for bad in ["ftp://x", "127.0.0.1:80", "http://x/path", "http://"] {
            assert!(
                resolve(&SERVICE, &Endpoint::Url(bad.into()), None, None).is_err(),
                "{bad}"
            );
        }
    }
}
