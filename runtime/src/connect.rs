//! Where a configuration becomes clients: the one place that gives a
//! transport the vendor's default credentials chain, for configurations that
//! name no credentials. The chain's sources (profiles, roles through STS,
//! metadata services) are built on the transport, so the transport never
//! builds a chain itself; it is handed one from here.

use std::sync::Arc;

use crate::config::Config;
use crate::credential_types::provider::SharedProvider;
use crate::credentials::chain::DefaultChain;
use crate::environment::Environment;
use crate::error::ConfigError;
use crate::protocol::Protocol;
use crate::service::Service;
use crate::transport::Transport;
use crate::vendor::Vendor;

/// The vendor's default chain, reading `env`, on the configuration's clock
/// and the client's HTTP connections.
pub(crate) fn default_chain(
    vendor: Vendor,
    env: Arc<dyn Environment>,
    config: &Config,
    http: &reqwest::Client,
) -> SharedProvider {
    SharedProvider::new(
        DefaultChain::new(vendor)
            .shared_environment(env)
            .clock(config.clock.clone())
            .http_client(http.clone()),
    )
}

impl<P: Protocol> Transport<P> {
    /// A transport for `service`, configured by `config`; credentials the
    /// configuration does not name come from the vendor's default chain,
    /// looked up at the first call.
    pub fn new(service: &'static Service, config: Config) -> Result<Transport<P>, ConfigError> {
        Transport::with_fallback(service, config, Some(default_chain))
    }
}
