//! What a client holds of its transport (cheap to clone: one `Arc`) and
//! what one call carries through the attempt loop. Plain types, apart from
//! the code that sends, so that the attempt loop and the call path both
//! build on them without building on each other.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use super::endpoint::Resolved;
use super::session::Session;
use crate::config::RetryConfig;
use crate::rate_limit::RateLimiters;
use crate::service::{HttpBinding, Service};

/// Sends the requests of one product in protocol `P`; shared by clones of a client.
pub struct Transport<P> {
    pub(super) inner: Arc<Inner<P>>,
    pub(super) retry: RetryConfig,
}

pub(super) struct Inner<P> {
    pub(super) session: Arc<Session>,
    /// The product's wire name: borrowed from a generated `SERVICE`, owned
    /// for a product named at run time.
    pub(super) product: Cow<'static, str>,
    pub(super) version: Cow<'static, str>,
    pub(super) base_url: String,
    /// Shared by the transports of one product in several regions: a
    /// vendor's documented limits are per account, not per region.
    pub(super) limiters: Arc<RateLimiters>,
    pub(super) protocol: P,
    /// The product's static description, for a generated client or a
    /// described product: what [`Transport::in_region`] resolves hosts from.
    pub(super) service: Option<&'static Service>,
    /// The region requests are sent for (and hosts chosen by).
    pub(super) region: Option<String>,
}

/// The product a transport serves, once its endpoint is chosen.
pub(crate) struct Route {
    pub(crate) product: Cow<'static, str>,
    pub(crate) version: Cow<'static, str>,
    pub(crate) endpoint: Resolved,
    /// Whether requests carry the region (Tencent's `X-TC-Region`).
    pub(crate) regional: bool,
    /// The region of this route: the configured one, or a client's
    /// [`in_region`](Transport::in_region) override.
    pub(crate) region: Option<String>,
}

/// One call's action, as the attempt loop, the decoder and the errors need it.
pub(crate) struct Invocation {
    /// The wire name: borrowed from a generated `ACTION`, owned for an
    /// action named at run time (freed with the call).
    pub(crate) action: Cow<'static, str>,
    /// Whether a failure that may follow execution is retried.
    pub(crate) idempotent: bool,
    /// Response fields whose values errors redact, besides the usual ones.
    pub(crate) secret_outputs: &'static [&'static str],
    /// REST protocols: where the answer's members are.
    pub(crate) http: Option<&'static HttpBinding>,
}

impl<P> Clone for Transport<P> {
    fn clone(&self) -> Self {
        Transport {
            inner: Arc::clone(&self.inner),
            retry: self.retry,
        }
    }
}

impl<P> fmt::Debug for Transport<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("product", &self.inner.product)
            .field("version", &self.inner.version)
            .field("endpoint", &self.inner.base_url)
            .field("region", &self.inner.region)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}
