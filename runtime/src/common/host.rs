//! Where a product named at run time is served. Without its spec there is
//! no list of endpoints: the host follows the vendor's naming convention, or
//! the caller names it.

use std::borrow::Cow;

use crate::config::Endpoint;
use crate::error::ConfigError;
use crate::transport::{Resolved, checked_suffix, is_region_name, parse_url};
use crate::vendor::Vendor;

/// How a vendor names the hosts of its products.
struct Convention {
    /// The domain every host ends with; a configured domain suffix replaces it.
    domain: &'static str,
    /// The label of the international site between product and domain
    /// (`cvm.intl.tencentcloudapi.com`), where the vendor has one.
    international: Option<&'static str>,
}

fn convention(vendor: Vendor) -> Convention {
    match vendor {
        Vendor::Tencent => Convention {
            domain: "tencentcloudapi.com",
            international: Some("intl"),
        },
        Vendor::Alibaba => Convention {
            domain: "aliyuncs.com",
            international: None,
        },
    }
}

/// The endpoint of `product` for the configured choice:
/// `<product>.<domain>`, `<product>.<region>.<domain>` or
/// `<product>.intl.<domain>`, with the domain suffix in place of the domain;
/// an [`Endpoint::Url`] as given.
pub(super) fn resolve(
    vendor: Vendor,
    product: &str,
    choice: &Endpoint,
    region: Option<&str>,
    suffix: Option<&str>,
) -> Result<Resolved, ConfigError> {
    check_product(product)?;
    let rule = convention(vendor);
    let domain = match suffix {
        Some(suffix) => checked_suffix(suffix)?,
        None => rule.domain,
    };
    let host = match choice {
        Endpoint::Url(url) => return parse_url(url),
        Endpoint::Default => format!("{product}.{domain}"),
        Endpoint::International => match rule.international {
            Some(label) => format!("{product}.{label}.{domain}"),
            None => {
                return Err(ConfigError::NoSuchEndpoint {
                    product: Cow::Owned(product.to_owned()),
                    kind: "international (name its host with CommonClient::product_at)",
                });
            }
        },
        Endpoint::Regional => {
            let region = region.ok_or_else(|| ConfigError::MissingRegion {
                product: Cow::Owned(product.to_owned()),
            })?;
            if !is_region_name(region) {
                return Err(ConfigError::InvalidValue {
                    what: "region",
                    reason: "expected letters, digits and dashes, such as `ap-guangzhou`".into(),
                });
            }
            format!("{product}.{region}.{domain}")
        }
    };
    Ok(Resolved {
        base_url: format!("https://{host}"),
        host,
    })
}

/// The endpoint the caller names for `product`: a host (HTTPS, e.g.
/// `ecs.cn-shanghai.aliyuncs.com`, or with a port) or a URL (`http://127.0.0.1:8080`).
pub(super) fn at_host(product: &str, host: &str) -> Result<Resolved, ConfigError> {
    check_product(product)?;
    if host.contains("://") {
        parse_url(host)
    } else {
        parse_url(&format!("https://{host}"))
    }
}

/// A product name stands in host names and Tencent's credential scope:
/// letters, digits and inner dashes only (`cvm`, `r-kvstore`).
fn check_product(product: &str) -> Result<(), ConfigError> {
    let label = !product.is_empty()
        && !product.starts_with('-')
        && !product.ends_with('-')
        && product
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if label {
        Ok(())
    } else {
        Err(ConfigError::InvalidValue {
            what: "product",
            reason: format!(
                "expected a product name such as `cvm` (letters, digits and dashes), found {product:?}"
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(
        vendor: Vendor,
        product: &str,
        choice: Endpoint,
        region: Option<&str>,
        suffix: Option<&str>,
    ) -> Result<String, ConfigError> {
        resolve(vendor, product, &choice, region, suffix).map(|r| r.host)
    }

    #[test]
    fn tencent_hosts_nearest_regional_international_and_suffixed() {
        use Endpoint::*;
        let tencent = |choice, region, suffix| host(Vendor::Tencent, "cvm", choice, region, suffix);
        let region = Some("ap-guangzhou");
        assert_eq!(
            tencent(Default, None, None).unwrap(),
            "cvm.tencentcloudapi.com"
        );
        assert_eq!(
            tencent(Default, region, None).unwrap(),
            "cvm.tencentcloudapi.com"
        );
        let regional = tencent(Regional, region, None).unwrap();
        assert_eq!(regional, "cvm.ap-guangzhou.tencentcloudapi.com");
        let intl = tencent(International, None, None).unwrap();
        assert_eq!(intl, "cvm.intl.tencentcloudapi.com");
        let private = tencent(Regional, region, Some("internal.example.")).unwrap();
        assert_eq!(private, "cvm.ap-guangzhou.internal.example");
        assert!(matches!(
            tencent(Regional, None, None),
            Err(ConfigError::MissingRegion { product }) if product == "cvm"
        ));
        assert!(tencent(Regional, Some("ap/../x"), None).is_err());
        assert!(tencent(Default, None, Some("bad suffix")).is_err());
    }

    #[test]
    fn alibaba_hosts_central_regional_and_no_international_site() {
        use Endpoint::*;
        let alibaba = |choice, region| host(Vendor::Alibaba, "ecs", choice, region, None);
        let region = Some("cn-shanghai");
        assert_eq!(alibaba(Default, None).unwrap(), "ecs.aliyuncs.com");
        assert_eq!(alibaba(Default, region).unwrap(), "ecs.aliyuncs.com");
        assert_eq!(
            alibaba(Regional, region).unwrap(),
            "ecs.cn-shanghai.aliyuncs.com"
        );
        let error = alibaba(International, None).unwrap_err();
        assert!(error.to_string().contains("product_at"), "{error}");
    }

    #[test]
    fn a_url_or_a_named_host_is_taken_as_given() {
        let url = Endpoint::Url("http://127.0.0.1:8080/".into());
        let local = resolve(Vendor::Tencent, "cvm", &url, None, Some("x.example")).unwrap();
        assert_eq!(
            (local.base_url.as_str(), local.host.as_str()),
            ("http://127.0.0.1:8080", "127.0.0.1:8080")
        );
        let named = at_host("ecs", "ecs.cn-shanghai.aliyuncs.com").unwrap();
        assert_eq!(named.base_url, "https://ecs.cn-shanghai.aliyuncs.com");
        assert_eq!(named.host, "ecs.cn-shanghai.aliyuncs.com");
        let local = at_host("ecs", "http://127.0.0.1:9000").unwrap();
        assert_eq!(local.base_url, "http://127.0.0.1:9000");
        for bad in [
            "ecs.aliyuncs.com/path",
            "user@ecs.aliyuncs.com",
            "ftp://x",
            "",
        ] {
            assert!(at_host("ecs", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_product_name_cannot_carry_a_host_of_its_own() {
        for bad in ["", "cvm.evil.example", "cvm/x", "-cvm", "c vm", "cvm:443"] {
            let error = host(Vendor::Tencent, bad, Endpoint::Default, None, None).unwrap_err();
            assert!(
                matches!(
                    error,
                    ConfigError::InvalidValue {
                        what: "product",
                        ..
                    }
                ),
                "{bad}"
            );
        }
        assert!(host(Vendor::Alibaba, "r-kvstore", Endpoint::Default, None, None).is_ok());
    }
}
