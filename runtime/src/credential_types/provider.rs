//! The one interface of every credential source.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::error::CredentialsError;
use super::key::Credentials;

/// What [`ProvideCredentials::provide_credentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials: the environment, a file, an STS role, a
/// metadata service, or anything an application writes.
///
/// Each call fetches anew; clients cache what it returns and call again only
/// when temporary credentials ([`Credentials::expiry`]) are about to expire,
/// once for all concurrent callers. Errors say what was tried
/// ([`CredentialsError::attempts`]) and never contain a secret.
pub trait ProvideCredentials: fmt::Debug + Send + Sync + 'static {
    /// Fetches credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// A provider shared by clients and chains; cheap to clone.
#[derive(Clone, Debug)]
pub struct SharedProvider(Arc<dyn ProvideCredentials>);

impl SharedProvider {
    /// Shares `provider`.
    pub fn new(provider: impl ProvideCredentials) -> Self {
        SharedProvider(Arc::new(provider))
    }
}

impl ProvideCredentials for SharedProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.0.provide_credentials()
    }
}

/// Fixed credentials are a provider too.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}
