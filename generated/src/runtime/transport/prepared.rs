//! The parts of a request that never change for a product (URL, version,
//! client name, region, language), parsed once when the client is built
//! instead of on every call.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::endpoint::Resolved;
use super::tencent::REQUEST_CLIENT;
use crate::runtime::config::Language;
use crate::runtime::error::ConfigError;
use crate::runtime::service::{Protocol, Service};

/// URL and headers shared by every request of a product.
#[derive(Debug, Clone)]
pub(super) struct Fixed {
    /// `https://host/`.
    pub url: reqwest::Url,
    /// Headers sent with every request.
    pub headers: HeaderMap,
}

impl Fixed {
    pub(super) fn new(
        service: &Service,
        endpoint: &Resolved,
        region: Option<&str>,
        language: Option<Language>,
    ) -> Result<Fixed, ConfigError> {
        let url = reqwest::Url::parse(&format!("{}/", endpoint.base_url)).map_err(|e| {
            ConfigError::InvalidEndpoint {
                url: endpoint.base_url.clone(),
                reason: e.to_string(),
            }
        })?;
        let mut headers = HeaderMap::new();
        let mut put = |name: &'static str, value: &str| -> Result<(), ConfigError> {
            let value = HeaderValue::from_str(value).map_err(|_| ConfigError::InvalidValue {
                what: name,
                reason: "contains characters not allowed in an HTTP header".into(),
            })?;
            headers.insert(HeaderName::from_static(name), value);
            Ok(())
        };
        put("host", &endpoint.host)?;
        match service.protocol {
            Protocol::Tc3 => {
                put("content-type", super::tencent::CONTENT_TYPE)?;
                put("x-tc-version", service.version)?;
                put("x-tc-requestclient", REQUEST_CLIENT)?;
                if let Some(region) = region {
                    put("x-tc-region", region)?;
                }
                if let Some(language) = language {
                    put("x-tc-language", language.as_str())?;
                }
            }
            Protocol::Acs3Rpc => {
                put("accept", "application/json")?;
                put("x-acs-version", service.version)?;
            }
        }
        Ok(Fixed { url, headers })
    }
}
