//! HTTP: building the default client and running one exchange.

use std::error::Error as _;
use std::io;
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::config::{Config, DEFAULT_CONNECT_TIMEOUT};
use crate::environment::Environment;
use crate::error::{ConfigError, TransportKind};
use crate::protocol::{Failure, RawResponse};

/// Largest body read; a bigger one is a broken or hostile server.
pub(super) const MAX_BODY: usize = 32 * 1024 * 1024;

/// A reqwest client builder on rustls with the webpki roots (no OpenSSL,
/// same behaviour on every machine) that does not follow redirects. Start
/// from it to customise the HTTP client (proxy, pool, extra roots) and pass
/// the result to [`Config::http_client`](crate::Config::http_client).
///
/// The crypto provider is the process default when the application has
/// installed one (`CryptoProvider::install_default`, e.g. a FIPS build),
/// otherwise aws-lc-rs: the same choice reqwest makes for its own clients.
pub fn http_client_builder() -> reqwest::ClientBuilder {
    builder_with_roots(rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    })
}

fn builder_with_roots(roots: rustls::RootCertStore) -> reqwest::ClientBuilder {
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
    let builder = reqwest::Client::builder()
        .tcp_nodelay(true)
        // Neither vendor's API, STS or metadata service redirects; following
        // a redirect would carry the token headers (and, for 307/308, a
        // signed body) to whatever host the answer names.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(format!(
            "{}/{}",
            crate::identity::SDK_NAME,
            env!("CARGO_PKG_VERSION")
        ));
    // Fails only if the provider offers none of rustls's default protocol versions.
    match rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
    {
        Ok(tls) => builder
            .tls_backend_preconfigured(tls.with_root_certificates(roots).with_no_client_auth()),
        Err(_) => builder,
    }
}

/// The client used unless the configuration supplies one: its proxy (or
/// the environment's), the webpki roots and any configured ones.
pub(super) fn build_client(
    config: &Config,
    env: &dyn Environment,
) -> Result<reqwest::Client, ConfigError> {
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    for pem in &config.root_certificates {
        let invalid = |reason: &str| ConfigError::InvalidValue {
            what: "root certificate",
            reason: reason.to_owned(),
        };
        let mut found = 0;
        for certificate in CertificateDer::pem_slice_iter(pem) {
            let certificate = certificate.map_err(|_| invalid("not valid PEM"))?;
            roots
                .add(certificate)
                .map_err(|_| invalid("not a certificate usable as a root"))?;
            found += 1;
        }
        if found == 0 {
            return Err(invalid(
                "no PEM certificate (-----BEGIN CERTIFICATE-----) found",
            ));
        }
    }
    // The environment's proxies are read through `env`, not by reqwest itself.
    let mut builder = builder_with_roots(roots)
        .connect_timeout(config.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
        .no_proxy();
    for proxy in config.proxy.build(env)? {
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|e| ConfigError::HttpClient(e.to_string()))
}

/// Sends the request and reads the whole answer (bounded by `MAX_BODY`).
pub(super) async fn exchange(
    http: &reqwest::Client,
    request: reqwest::Request,
) -> Result<RawResponse, Failure> {
    let mut response = http.execute(request).await.map_err(transport_failure)?;
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    // A declared length within bounds is read in one piece; anything else chunk by chunk.
    if response
        .content_length()
        .is_some_and(|len| len <= MAX_BODY as u64)
    {
        let body = response.bytes().await.map_err(transport_failure)?;
        return Ok(RawResponse {
            status,
            headers,
            body,
        });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(transport_failure)? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(Failure::Transport {
                kind: TransportKind::Other,
                may_have_reached_server: true,
                source: Some(format!("response body larger than {MAX_BODY} bytes").into()),
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(RawResponse {
        status,
        headers,
        body: body.into(),
    })
}

/// Classifies a reqwest error. Only a failure to connect proves that the
/// request was not sent; anything later may have reached the server.
fn transport_failure(error: reqwest::Error) -> Failure {
    let connect = error.is_connect();
    let kind = if connect {
        TransportKind::Connect
    } else if error.is_timeout() {
        TransportKind::Timeout
    } else if is_reset(&error) {
        TransportKind::Reset
    } else {
        TransportKind::Other
    };
    Failure::Transport {
        kind,
        may_have_reached_server: !connect,
        // reqwest prints the URL, and an RPC request carries every parameter
        // in its query string: personal data, or a sensitive field's value.
        source: Some(Box::new(error.without_url())),
    }
}

fn is_reset(error: &reqwest::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<io::Error>()
            && matches!(
                io.kind(),
                io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
                    | io::ErrorKind::BrokenPipe
                    | io::ErrorKind::UnexpectedEof
            )
        {
            return true;
        }
        if let Some(hyper) = cause.downcast_ref::<hyper_error::Error>()
            && (hyper.is_incomplete_message() || hyper.is_closed() || hyper.is_canceled())
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// hyper is reqwest's engine; its error type tells a closed connection apart.
mod hyper_error {
    pub use hyper::Error;
}
