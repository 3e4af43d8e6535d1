//! What every product of one client shares: the configuration, the HTTP
//! connections and the credentials cache. A generated client has one product,
//! so one session; a common client hands its session to every product it
//! calls, so that they share one connection pool and one credentials lookup.

use std::sync::Arc;

use crate::config::Config;
use crate::credentials::{
    self, Credentials, CredentialsCache, CredentialsError, DefaultChain, SharedProvider,
};
use crate::environment::{Environment, ProcessEnvironment};
use crate::error::ConfigError;
use crate::vendor::Vendor;

use super::http;

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
    pub(crate) fn new(vendor: Vendor, config: Config) -> Result<Session, ConfigError> {
        let env: Arc<dyn Environment> = match &config.environment {
            Some(env) => Arc::clone(env),
            None => Arc::new(ProcessEnvironment),
        };
        let region = config
            .region
            .clone()
            .or_else(|| credentials::env_region(vendor, &*env));
        let http = match &config.http_client {
            Some(client) => client.clone(),
            None => http::build_client(&config, &*env)?,
        };
        let credentials =
            config
                .caches
                .get_or_make(vendor, || match (&config.credentials, &config.provider) {
                    (Some(credentials), _) => {
                        CredentialsCache::with_credentials(vendor, credentials.clone())
                    }
                    (None, Some(provider)) => CredentialsCache::new(vendor, provider.clone()),
                    (None, None) => CredentialsCache::new(
                        vendor,
                        SharedProvider::new(
                            DefaultChain::new(vendor)
                                .shared_environment(env)
                                .clock(config.clock.clone())
                                .http_client(http.clone()),
                        ),
                    ),
                });
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
