//! [`ProductClient`]: one product at one API version, named at run time.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;

use super::call::Call;
use super::code::CommonCode;
use super::host;
use crate::config::{Config, RetryConfig};
use crate::error::ConfigError;
use crate::protocol::Protocol;
use crate::rate_limit::RateLimiters;
use crate::service::{Action, Service};
use crate::transport::{Resolved, Route, Session, Transport};

/// A product at one API version, from [`CommonClient::product`](super::CommonClient::product):
/// calls any of its actions by name.
///
/// Cheap to clone: clones share the connections and credentials of the
/// common client it came from, and its rate limiters.
pub struct ProductClient<P, C> {
    transport: Transport<P>,
    /// The host given to `product_at`, kept by `in_region`.
    at_host: Option<String>,
    code: PhantomData<fn() -> C>,
}

impl<P: Protocol, C: CommonCode> ProductClient<P, C> {
    pub(super) fn new(
        session: Arc<Session>,
        product: &str,
        version: &str,
        endpoint: Resolved,
        at_host: Option<String>,
    ) -> Result<Self, ConfigError> {
        check_version(version)?;
        let limiters = RateLimiters::named(session.config.rate_limit)?;
        let route = Route {
            product: Cow::Owned(product.to_owned()),
            version: Cow::Owned(version.to_owned()),
            endpoint,
            // Nothing says the product is global: a configured region is sent.
            regional: true,
            region: session.region.clone(),
        };
        Ok(ProductClient {
            transport: Transport::on(session, route, Arc::new(limiters), None)?,
            at_host,
            code: PhantomData,
        })
    }

    /// The same product in `region`, on the same credentials cache,
    /// connections and rate limiters: requests carry that region, and go to
    /// the host it gives ([Hosts](super#hosts); a product described by a
    /// service, its endpoint list). A host given to
    /// [`CommonClient::product_at`](super::CommonClient::product_at) stays.
    pub fn in_region(&self, region: &str) -> Result<Self, ConfigError> {
        let transport = match self.transport.described() {
            true => self.transport.in_region(region)?,
            false => {
                crate::transport::check_region(region)?;
                let config = self.transport.config();
                let endpoint = match &self.at_host {
                    Some(host) => host::at_host(self.product(), host)?,
                    None => host::resolve(
                        P::VENDOR,
                        self.product(),
                        &config.endpoint,
                        Some(region),
                        config.domain_suffix.as_deref(),
                    )?,
                };
                self.transport.on_route(Route {
                    product: Cow::Owned(self.product().to_owned()),
                    version: Cow::Owned(self.version().to_owned()),
                    endpoint,
                    regional: true,
                    region: Some(region.to_owned()),
                })?
            }
        };
        Ok(ProductClient {
            transport,
            at_host: self.at_host.clone(),
            code: PhantomData,
        })
    }

    /// A product described at run time: its endpoints, regionality and
    /// rate limits from `service`, as for a generated client.
    pub(super) fn described(
        session: Arc<Session>,
        service: &'static Service,
    ) -> Result<Self, ConfigError> {
        Ok(ProductClient {
            transport: Transport::for_service(session, service)?,
            at_host: None,
            code: PhantomData,
        })
    }

    /// Calls the described `action` with `params`: sent as `action.http`
    /// says (REST protocols), retried as `action.idempotent` allows, its
    /// `secret_outputs` redacted from errors. Like [`call`](Self::call),
    /// nothing checks the parameters before the server does: a tool that
    /// knows the action's members checks them first.
    pub fn call_described<T: Serialize + ?Sized>(
        &self,
        action: &'static Action,
        params: &T,
    ) -> Call<'_, P, C> {
        Call::described(&self.transport, action, params)
    }

    /// The transport the calls go through: for waiters
    /// ([`Transport::wait_until`]) and listings over described actions.
    pub fn transport(&self) -> &Transport<P> {
        &self.transport
    }

    /// Calls `action` with `params`, anything that serializes to an object
    /// (a struct or a map with the action's parameter names, or
    /// `serde_json::json!({…})`): the JSON body of a Tencent Cloud request,
    /// the flattened query of an Alibaba Cloud one (`Tags.1.Key=…`).
    ///
    /// The parameters are encoded at once; the returned [`Call`] sends them
    /// when awaited, after [`idempotent`](Call::idempotent) and
    /// [`returning`](Call::returning) if needed. Nothing checks them before
    /// the server does: its `MissingParameter` or `InvalidParameter` comes
    /// back as a service error.
    pub fn call<T: Serialize + ?Sized>(&self, action: &str, params: &T) -> Call<'_, P, C> {
        Call::new(&self.transport, action, params)
    }
}

impl<P, C> ProductClient<P, C> {
    /// The same product (connections, credentials, rate limiters) with another retry policy.
    pub fn with_retry(&self, retry: RetryConfig) -> Self {
        ProductClient {
            transport: self.transport.with_retry(retry),
            at_host: self.at_host.clone(),
            code: PhantomData,
        }
    }

    /// The product's name on the wire, e.g. `cvm`.
    pub fn product(&self) -> &str {
        self.transport.product()
    }

    /// The API version, e.g. `2017-03-12`.
    pub fn version(&self) -> &str {
        self.transport.version()
    }

    /// The base URL requests go to, e.g. `https://cvm.tencentcloudapi.com`.
    pub fn base_url(&self) -> &str {
        self.transport.base_url()
    }

    /// The configuration of the common client it came from.
    pub fn config(&self) -> &Config {
        self.transport.config()
    }
}

impl<P, C> Clone for ProductClient<P, C> {
    fn clone(&self) -> Self {
        ProductClient {
            transport: self.transport.clone(),
            at_host: self.at_host.clone(),
            code: PhantomData,
        }
    }
}

impl<P, C> fmt::Debug for ProductClient<P, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ProductClient")
            .field(&self.transport)
            .finish()
    }
}

/// An API version travels in a header, signed: letters, digits, `-` and `.`
/// (`2017-03-12`).
fn check_version(version: &str) -> Result<(), ConfigError> {
    let token = !version.is_empty()
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    if token {
        Ok(())
    } else {
        Err(ConfigError::InvalidValue {
            what: "version",
            reason: format!("expected an API version such as `2017-03-12`, found {version:?}"),
        })
    }
}
