//! Which URL and `Host` a product's requests go to.

use crate::config::Endpoint;
use crate::error::ConfigError;
use crate::service::{EndpointKind, Service};

/// The chosen endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Resolved {
    /// Scheme and authority, without a trailing slash.
    pub base_url: String,
    /// The `Host` header, which is also signed.
    pub host: String,
}

pub(super) fn resolve(
    service: &'static Service,
    choice: &Endpoint,
    region: Option<&str>,
) -> Result<Resolved, ConfigError> {
    let by_kind = |kind: EndpointKind| service.endpoints.iter().find(|e| e.kind == kind);
    let host = match choice {
        Endpoint::Url(url) => return parse_url(url),
        Endpoint::International => {
            by_kind(EndpointKind::International)
                .ok_or(ConfigError::NoSuchEndpoint {
                    product: service.product,
                    kind: "international",
                })?
                .host
        }
        Endpoint::Default => {
            let regional = region.and_then(|r| {
                service
                    .endpoints
                    .iter()
                    .find(|e| e.kind == EndpointKind::Regional && e.region == Some(r))
            });
            regional
                .or_else(|| by_kind(EndpointKind::Default))
                .ok_or(ConfigError::NoSuchEndpoint {
                    product: service.product,
                    kind: "default",
                })?
                .host
        }
    };
    Ok(Resolved {
        base_url: format!("https://{host}"),
        host: host.to_string(),
    })
}

/// Accepts `https://host[:port][/]` and `http://…` (for proxies and tests).
fn parse_url(url: &str) -> Result<Resolved, ConfigError> {
    let invalid = |reason: &str| ConfigError::InvalidEndpoint {
        url: url.to_string(),
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
    use crate::service::EndpointSpec;

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
        actions: &[],
    };

    #[test]
    fn picks_regional_default_international_or_url() {
        let host = |choice, region| resolve(&SERVICE, &choice, region).map(|r| r.host);
        assert_eq!(host(Endpoint::Default, None).unwrap(), "cas.aliyuncs.com");
        assert_eq!(
            host(Endpoint::Default, Some("cn-hongkong")).unwrap(),
            "cas.cn-hongkong.aliyuncs.com"
        );
        assert_eq!(
            host(Endpoint::Default, Some("mars-1")).unwrap(),
            "cas.aliyuncs.com"
        );
        assert!(matches!(
            host(Endpoint::International, None),
            Err(ConfigError::NoSuchEndpoint { .. })
        ));
        let local = resolve(
            &SERVICE,
            &Endpoint::Url("http://127.0.0.1:8080/".into()),
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
        )
        .unwrap();
        assert_eq!(tls.host, "proxy.example");
        for bad in ["ftp://x", "127.0.0.1:80", "http://x/path", "http://"] {
            assert!(
                resolve(&SERVICE, &Endpoint::Url(bad.into()), None).is_err(),
                "{bad}"
            );
        }
    }
}
