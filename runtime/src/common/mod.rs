//! Calling any action by product, version and name: for the actions the
//! generated crate does not have yet.
//!
//! A [`CommonClient`] goes through everything a generated client goes
//! through (credentials and their default chain, signing, the endpoint
//! choice and domain suffix, proxies, clock-skew correction, retries,
//! tracing, typed errors); only the request and answer types are the
//! caller's, and no spec describes the product. Each generated vendor
//! module names it for its vendor: `cloudapi::tencent::CommonClient`,
//! `cloudapi::alibaba::CommonClient`.
//!
//! ```text
//! let client = CommonClient::new(Config::new().region("ap-guangzhou"))?;
//! let cvm = client.product("cvm", "2017-03-12")?;
//! let regions = cvm.call("DescribeRegions", &json!({})).idempotent(true).await?;
//! let zones: Zones = cvm.call("DescribeZones", &json!({})).returning().await?;
//! ```
//!
//! # Hosts
//!
//! Without a spec there is no endpoint map; the host follows the vendor's
//! convention for the configured [`Endpoint`](crate::Endpoint), with
//! [`Config::domain_suffix`] in place of the vendor's domain:
//!
//! | configuration | Tencent Cloud | Alibaba Cloud |
//! |---|---|---|
//! | `Endpoint::Default` | `<product>.tencentcloudapi.com` | `<product>.aliyuncs.com` |
//! | `Endpoint::Regional` | `<product>.<region>.tencentcloudapi.com` | `<product>.<region>.aliyuncs.com` |
//! | `Endpoint::International` | `<product>.intl.tencentcloudapi.com` | (none) |
//! | `Endpoint::Url(u)` | `u` | `u` |
//! | region sent | `X-TC-Region`, whenever a region is configured | — |
//!
//! A product whose endpoint map says otherwise (many of Alibaba's) is
//! reached with [`CommonClient::product_at`], which takes its host.
//!
//! # Errors and retries
//!
//! A call fails with the same [`Error`](crate::Error) as a generated one; a
//! service error carries a [`CommonCallError`]: the vendor's common codes
//! typed, the product's own as sent. A call is not sent again once it may
//! have reached the server unless [`Call::idempotent`] says it is safe;
//! connection failures and throttling answers are retried as for every action.

mod call;
mod code;
mod host;
mod product;
mod signed;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

pub use call::Call;
pub use code::{CommonCallError, CommonCode};
pub use product::ProductClient;
pub use signed::SignedRequest;

use crate::config::Config;
use crate::connect;
use crate::error::ConfigError;
use crate::protocol::Protocol;
use crate::rate_limit::RateLimiters;
use crate::service::Service;
use crate::transport::Session;

/// Calls any action of a vendor by product, version and name; see the
/// [module documentation](self). `P` is the vendor's wire protocol, `C` its
/// common error codes: the generated vendor modules name both.
///
/// Cheap to clone: clones, and every [`ProductClient`] made from it, share
/// one connection pool and one credentials cache.
pub struct CommonClient<P, C> {
    session: Arc<Session>,
    vendor: PhantomData<fn() -> (P, C)>,
}

impl<P: Protocol, C: CommonCode> CommonClient<P, C> {
    /// Creates a client; credentials not given in `config` are looked up at
    /// the first call, through the vendor's default chain.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        // Checked here rather than at the first product.
        RateLimiters::named(config.rate_limit)?;
        Ok(CommonClient {
            session: Arc::new(Session::new(
                P::VENDOR,
                config,
                Some(connect::default_chain),
            )?),
            vendor: PhantomData,
        })
    }

    /// The product `product` (its name in hosts, e.g. `cvm`) at API version
    /// `version` (e.g. `2017-03-12`), on the host the configured endpoint
    /// gives it (see [Hosts](self#hosts)). Keep it for the product's calls:
    /// each one made has its own rate limiters and signing-key cache.
    pub fn product(
        &self,
        product: &str,
        version: &str,
    ) -> Result<ProductClient<P, C>, ConfigError> {
        let config = &self.session.config;
        let endpoint = host::resolve(
            P::VENDOR,
            product,
            &config.endpoint,
            self.session.region.as_deref(),
            config.domain_suffix.as_deref(),
        )?;
        ProductClient::new(Arc::clone(&self.session), product, version, endpoint, None)
    }

    /// The product `product` at API version `version`, on `host`: a host
    /// name reached over HTTPS (`ecs.cn-shanghai.aliyuncs.com`, the entry of
    /// the product's endpoint map), or a URL (`http://127.0.0.1:8080`). The
    /// configured endpoint and domain suffix do not apply to it.
    pub fn product_at(
        &self,
        product: &str,
        version: &str,
        host: &str,
    ) -> Result<ProductClient<P, C>, ConfigError> {
        let endpoint = host::at_host(product, host)?;
        let at = Some(host.to_owned());
        ProductClient::new(Arc::clone(&self.session), product, version, endpoint, at)
    }

    /// A product described at run time by `service` (a tool that reads a
    /// spec, such as a command-line client): reached on the host its
    /// endpoint list and the configured endpoint give, sent the region if it
    /// is regional, paced to its actions' limits, as a generated client
    /// would be. Call its actions with [`ProductClient::call_described`].
    pub fn described(&self, service: &'static Service) -> Result<ProductClient<P, C>, ConfigError> {
        ProductClient::described(Arc::clone(&self.session), service)
    }
}

impl<P, C> CommonClient<P, C> {
    /// The configuration this client was built with.
    pub fn config(&self) -> &Config {
        &self.session.config
    }
}

impl<P, C> Clone for CommonClient<P, C> {
    fn clone(&self) -> Self {
        CommonClient {
            session: Arc::clone(&self.session),
            vendor: PhantomData,
        }
    }
}

impl<P: Protocol, C> fmt::Debug for CommonClient<P, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommonClient")
            .field("vendor", &P::VENDOR)
            .field("region", &self.session.region)
            .field("config", &self.session.config)
            .finish()
    }
}
