//! Which proxy requests go through: the environment's, one configured, or none.

use std::fmt;

use crate::environment::Environment;
use crate::error::ConfigError;
use crate::sensitive::Sensitive;

/// Which proxy requests go through.
///
/// By default the variables proxy-aware tools read: `HTTPS_PROXY` for
/// `https://` hosts, `HTTP_PROXY` for `http://` ones (ignored in CGI
/// programs, where `REQUEST_METHOD` is set), `ALL_PROXY` for both, each
/// also in lowercase, and `NO_PROXY` for hosts to reach directly.
/// Credentials in a proxy URL (`http://user:password@proxy:3128`) are sent
/// as `Proxy-Authorization: Basic`; they are never printed.
#[derive(Clone, Default)]
pub struct Proxy {
    url: Option<Sensitive<String>>,
    auth: Option<(String, Sensitive<String>)>,
    no_proxy: Option<String>,
    off: bool,
}

impl Proxy {
    /// Every request through the proxy at `url` (`http://host:port`).
    pub fn url(url: impl Into<String>) -> Proxy {
        Proxy {
            url: Some(Sensitive::new(url.into())),
            ..Proxy::default()
        }
    }

    /// No proxy, whatever the environment says.
    pub fn none() -> Proxy {
        Proxy {
            off: true,
            ..Proxy::default()
        }
    }

    /// Authenticates to the proxy with Basic authentication.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Proxy {
        self.auth = Some((user.into(), Sensitive::new(password.into())));
        self
    }

    /// Reaches these hosts directly: comma-separated names (a name also
    /// covers its subdomains), IP addresses or ranges (`10.0.0.0/8`), `*` for all.
    pub fn no_proxy(mut self, hosts: impl Into<String>) -> Proxy {
        self.no_proxy = Some(hosts.into());
        self
    }

    /// The reqwest proxies this setting means, reading `env` for the defaults.
    pub(crate) fn build(&self, env: &dyn Environment) -> Result<Vec<reqwest::Proxy>, ConfigError> {
        if self.off {
            return Ok(Vec::new());
        }
        let var = |names: &[&str]| {
            names.iter().find_map(|name| {
                env.var(name)
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            })
        };
        let no_proxy = self
            .no_proxy
            .clone()
            .or_else(|| var(&["NO_PROXY", "no_proxy"]));
        let mut proxies = Vec::new();
        let mut add = |which: &'static str, url: &str| -> Result<(), ConfigError> {
            let invalid = |reason: &str| ConfigError::InvalidValue {
                what: "proxy",
                reason: format!("{which}: {reason} (the URL is not shown: it may hold a password)"),
            };
            let parsed = reqwest::Url::parse(url).map_err(|_| invalid("not a URL"))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
                return Err(invalid("expected http://host:port or https://host:port"));
            }
            let proxy = match which {
                "HTTPS_PROXY" => reqwest::Proxy::https(url),
                "HTTP_PROXY" => reqwest::Proxy::http(url),
                _ => reqwest::Proxy::all(url),
            }
            .map_err(|_| invalid("not usable as a proxy"))?;
            let proxy = match &self.auth {
                Some((user, password)) => proxy.basic_auth(user, password.expose()),
                None => proxy,
            };
            proxies
                .push(proxy.no_proxy(no_proxy.as_deref().and_then(reqwest::NoProxy::from_string)));
            Ok(())
        };
        match &self.url {
            Some(url) => add("configured proxy", url.expose())?,
            None => {
                if let Some(url) = var(&["HTTPS_PROXY", "https_proxy"]) {
                    add("HTTPS_PROXY", &url)?;
                }
                // httpoxy: a CGI request can set HTTP_PROXY through a header.
                let cgi = env.var("REQUEST_METHOD").is_some();
                if let Some(url) = var(&["HTTP_PROXY", "http_proxy"]).filter(|_| !cgi) {
                    add("HTTP_PROXY", &url)?;
                }
                if let Some(url) = var(&["ALL_PROXY", "all_proxy"]) {
                    add("ALL_PROXY", &url)?;
                }
            }
        }
        Ok(proxies)
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self
            .url
            .as_ref()
            .map(|url| crate::redact::shown_url(url.expose()));
        f.debug_struct("Proxy")
            .field("url", &shown)
            .field("user", &self.auth.as_ref().map(|(user, _)| user))
            .field("no_proxy", &self.no_proxy)
            .field("off", &self.off)
            .finish()
    }
}
