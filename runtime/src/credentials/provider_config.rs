//! What every credential source is built from, so that a setting made once
//! (a test's local server, a client's proxy and clock) reaches every source
//! of a chain instead of being passed to each, parameter by parameter.

use std::sync::{Arc, OnceLock};

use super::env::{is_true, var};
use super::fetch;
use crate::clock::Clock;
use crate::environment::{Environment, ProcessEnvironment};

/// The settings of credential sources: where variables and the home
/// directory are read, the clock, the HTTP clients, and where the vendors'
/// STS and metadata services answer (their usual addresses unless set).
///
/// Cheap to clone; clones share the HTTP clients made on first use, so a
/// chain builds each at most once however many sources and refreshes use it.
#[derive(Clone)]
pub(crate) struct ProviderConfig {
    env: Arc<dyn Environment>,
    clock: Clock,
    /// STS and credentials URI: through the proxy the environment names.
    http: Http,
    /// Metadata services: link-local, so never through a proxy.
    metadata_http: Http,
    sts_endpoint: Option<String>,
    metadata_endpoint: Option<String>,
}

/// An HTTP client given by the caller, or else one made on first use.
#[derive(Clone, Default)]
struct Http {
    given: Option<reqwest::Client>,
    made: Arc<OnceLock<reqwest::Client>>,
}

impl Http {
    fn get(&self, direct: bool) -> &reqwest::Client {
        match &self.given {
            Some(client) => client,
            None => self.made.get_or_init(|| fetch::default_client(direct)),
        }
    }
}

impl Default for ProviderConfig {
    /// The process environment, the system clock, the usual addresses.
    fn default() -> Self {
        ProviderConfig {
            env: Arc::new(ProcessEnvironment),
            clock: Clock::system(),
            http: Http::default(),
            metadata_http: Http::default(),
            sts_endpoint: None,
            metadata_endpoint: None,
        }
    }
}

impl ProviderConfig {
    /// Reads variables and the home directory from `env`.
    pub(crate) fn with_environment(mut self, env: Arc<dyn Environment>) -> Self {
        self.env = env;
        self
    }

    /// Reads the time from `clock` (signatures, timestamps, session names).
    pub(crate) fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Sends STS and credentials-URI requests with `client`.
    pub(crate) fn with_http(mut self, client: reqwest::Client) -> Self {
        self.http.given = Some(client);
        self
    }

    /// Sends metadata requests with `client`.
    pub(crate) fn with_metadata_http(mut self, client: reqwest::Client) -> Self {
        self.metadata_http.given = Some(client);
        self
    }

    /// Sends STS requests to `url` instead of the vendor's STS host.
    pub(crate) fn with_sts_endpoint(mut self, url: impl Into<String>) -> Self {
        self.sts_endpoint = Some(url.into());
        self
    }

    /// Asks the metadata service at `url` instead of the vendor's.
    pub(crate) fn with_metadata_endpoint(mut self, url: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(url.into());
        self
    }

    pub(crate) fn env(&self) -> &dyn Environment {
        &*self.env
    }

    pub(crate) fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The client for STS and credentials URIs.
    pub(crate) fn http(&self) -> &reqwest::Client {
        self.http.get(false)
    }

    /// The client for STS if the caller gave one; a signed STS call otherwise
    /// uses the client a [`Config`](crate::Config) makes by default.
    pub(crate) fn given_http(&self) -> Option<&reqwest::Client> {
        self.http.given.as_ref()
    }

    /// The client for metadata services, which never goes through a proxy.
    pub(crate) fn metadata_http(&self) -> &reqwest::Client {
        self.metadata_http.get(true)
    }

    /// The STS endpoint set instead of the vendor's, if any.
    pub(crate) fn sts_endpoint(&self) -> Option<&str> {
        self.sts_endpoint.as_deref()
    }

    /// The metadata service's address: the one set, else `usual`.
    pub(crate) fn metadata_endpoint(&self, usual: &str) -> String {
        self.metadata_endpoint
            .as_deref()
            .unwrap_or(usual)
            .to_owned()
    }

    /// Alibaba Cloud's STS: the endpoint set, else `https://sts.aliyuncs.com/`,
    /// or the regional (VPC) host the environment or a profile names.
    pub(crate) fn alibaba_sts(&self, region: Option<String>, vpc: bool) -> String {
        if let Some(url) = &self.sts_endpoint {
            return url.clone();
        }
        let env = self.env();
        let vpc = vpc || is_true(env, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED");
        let prefix = if vpc { "sts-vpc" } else { "sts" };
        // The region becomes part of a host name: anything but a region
        // name (`cn-hangzhou`) could send the signed request elsewhere.
        match region.or_else(|| var(env, "ALIBABA_CLOUD_STS_REGION")) {
            Some(region) if crate::transport::is_region_name(&region) => {
                format!("https://{prefix}.{region}.aliyuncs.com/")
            }
            Some(_) => {
                tracing::warn!(
                    "the STS region is not a region name (letters, digits, dashes); using sts.aliyuncs.com"
                );
                "https://sts.aliyuncs.com/".to_owned()
            }
            None => "https://sts.aliyuncs.com/".to_owned(),
        }
    }
}
