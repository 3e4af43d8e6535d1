//! What every product of one client shares: the configuration, the HTTP
//! connections and the credentials cache. A generated client has one product,
//! so one session; a common client hands its session to every product it
//! calls, so that they share one connection pool and one credentials lookup.

use std::sync::Arc;

use crate::config::Config;
use crate::credential_types::cache::CredentialsCache;
use crate::credential_types::error::CredentialsError;
use crate::credential_types::key::Credentials;
use crate::credential_types::provider::SharedProvider;
use crate::environment::{Environment, ProcessEnvironment, env_region};
use crate::error::ConfigError;
use crate::vendor::Vendor;

use super::http;

/// Makes the credentials provider of a configuration that names none, from
/// the environment, the configuration and the HTTP client. The vendor's
/// default chain is one; it is given from above (where a configuration
/// becomes clients), since the chain's STS sources are built on a transport.
pub(crate) type FallbackProvider =
    fn(Vendor, Arc<dyn Environment>, &Config, &reqwest::Client) -> SharedProvider;

/// See the [module documentation](self).
pub(crate) struct Session {
    pub(crate) config: Config,
    /// The configured region, else the vendor's region variable.
    pub(crate) region: Option<String>,
    pub(crate) http: reqwest::Client,
    credentials: Arc<CredentialsCache>,
}

impl Session {
    /// Reads the environment once, builds the HTTP client (unless the
    /// configuration brings one) and takes the configuration's credentials
    /// cache of `vendor`, made by its first client.
    /// Without a `fallback`, the configuration must name its credentials or
    /// a provider.
    pub(crate) fn new(
        vendor: Vendor,
        config: Config,
        fallback: Option<FallbackProvider>,
    ) -> Result<Session, ConfigError> {
        let env: Arc<dyn Environment> = match &config.environment {
            Some(env) => Arc::clone(env),
            None => Arc::new(ProcessEnvironment),
        };
        let region = config.region.clone().or_else(|| env_region(vendor, &*env));
        let http = match &config.http_client {
            Some(client) => client.clone(),
            None => http::build_client(&config, &*env)?,
        };
        // Made only by the configuration's first client of `vendor`; the
        // others share its cache.
        let make: Box<dyn FnOnce() -> CredentialsCache> =
            match (&config.credentials, &config.provider, fallback) {
                (Some(credentials), _, _) => {
                    let credentials = credentials.clone();
                    Box::new(move || CredentialsCache::with_credentials(vendor, credentials))
                }
                (None, Some(provider), _) => {
                    let provider = provider.clone();
                    Box::new(move || CredentialsCache::new(vendor, provider))
                }
                (None, None, Some(fallback)) => {
                    let provider = fallback(vendor, env, &config, &http);
                    Box::new(move || CredentialsCache::new(vendor, provider))
                }
                (None, None, None) => {
                    return Err(ConfigError::InvalidValue {
                        what: "credentials",
                        reason: "neither credentials nor a credentials provider is configured"
                            .into(),
                    });
                }
            };
        let credentials = config.caches.get_or_make(vendor, make);
        Ok(Session {
            config,
            region,
            http,
            credentials,
        })
    }

    /// Credentials from the configuration, its provider, or the vendor's
    /// default chain; cached, and refreshed before they expire.
    pub(crate) async fn credentials(&self) -> Result<Arc<Credentials>, CredentialsError> {
        self.credentials.get(&self.config.clock).await
    }
}
