//! A chain of credential sources as data: named links tried in order, and
//! the rules that decide when the chain goes on and when it stops.

use std::future::Future;
use std::pin::Pin;

use crate::credential_types::error::{Attempt, CredentialsError, Problem, Source};
use crate::credential_types::key::Credentials;
use crate::credentials::env::is_true;
use crate::credentials::provider_config::ProviderConfig;
use crate::vendor::Vendor;

/// What [`ChainSource::load`] returns.
pub(super) type OutcomeFuture<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// One source of a chain, built from the chain's provider configuration
/// each time it is tried.
pub(super) trait ChainSource: Send + Sync {
    fn load<'a>(&'a self, config: &'a ProviderConfig) -> OutcomeFuture<'a>;
}

/// What a source made of its turn.
pub(super) enum Outcome {
    /// A key, and where it came from: the chain ends with it.
    Found(Credentials, Source),
    /// Where the source looked without finding a key. If it only found
    /// nothing there (a variable unset, a file absent, no metadata service),
    /// the chain goes on; any other problem (half a pair of variables, a
    /// file that cannot be parsed) stops it.
    Looked(Vec<Attempt>),
    /// The source is configured but failed to deliver (an STS that refuses,
    /// a URI that answers nonsense): the chain stops.
    Failed(CredentialsError),
}

impl Outcome {
    /// A provider's result, its key coming from `source`.
    pub(super) fn of(result: Result<Credentials, CredentialsError>, source: Source) -> Self {
        match result {
            Ok(credentials) => Outcome::Found(credentials, source),
            Err(error) => Outcome::Failed(error),
        }
    }

    /// A source where nothing was set.
    pub(super) fn not_set(source: Source) -> Self {
        Outcome::Looked(vec![Attempt {
            source,
            problem: Problem::NotSet,
        }])
    }
}

/// One link: a source, its name in the documented table, and when it is
/// left out.
struct Link {
    name: &'static str,
    source: Box<dyn ChainSource>,
    /// A variable that, set to `true`, turns the source off; the chain
    /// records that and goes on.
    disabled_by: Option<&'static str>,
    /// Whether the source asks an instance metadata service, which a chain
    /// built without one skips silently.
    metadata: bool,
}

/// Sources tried in order until one has a key.
pub(super) struct Chain {
    links: Vec<Link>,
}

impl Chain {
    /// A chain that tries `source` first.
    pub(super) fn first_try(name: &'static str, source: impl ChainSource + 'static) -> Chain {
        Chain { links: Vec::new() }.or_else(name, source)
    }

    /// Tries `source` when the sources before it have nothing.
    pub(super) fn or_else(
        mut self,
        name: &'static str,
        source: impl ChainSource + 'static,
    ) -> Chain {
        self.links.push(Link {
            name,
            source: Box::new(source),
            disabled_by: None,
            metadata: false,
        });
        self
    }

    /// Skips the source just added when `var` is `true`.
    pub(super) fn unless(mut self, var: &'static str) -> Chain {
        if let Some(link) = self.links.last_mut() {
            link.disabled_by = Some(var);
        }
        self
    }

    /// Marks the source just added as one that asks an instance metadata service.
    pub(super) fn instance_metadata(mut self) -> Chain {
        if let Some(link) = self.links.last_mut() {
            link.metadata = true;
        }
        self
    }

    /// The names of the links, in order.
    #[cfg(test)]
    pub(super) fn names(&self) -> Vec<&'static str> {
        self.links.iter().map(|link| link.name).collect()
    }

    /// The first key a source has, with where it came from; else an error
    /// listing every source tried, the one that stopped the chain last.
    /// Metadata services are asked only when `metadata` is `true`.
    pub(super) async fn run(
        &self,
        vendor: Vendor,
        config: &ProviderConfig,
        metadata: bool,
    ) -> Result<(Credentials, Source), CredentialsError> {
        let mut attempts = Vec::new();
        for link in &self.links {
            if let Some(var) = link.disabled_by
                && is_true(config.env(), var)
            {
                attempts.push(Attempt {
                    source: Source::Variables(vec![var]),
                    problem: Problem::Unavailable(format!("disabled by {var}")),
                });
                continue;
            }
            if link.metadata && !metadata {
                continue;
            }
            match link.source.load(config).await {
                Outcome::Found(credentials, source) => {
                    tracing::trace!(link = link.name, "a credentials source has a key");
                    return Ok((credentials, source));
                }
                Outcome::Looked(looked) => {
                    let nothing = looked.iter().all(|attempt| attempt.problem.is_not_found());
                    attempts.extend(looked);
                    if !nothing {
                        return Err(CredentialsError::new(vendor, attempts));
                    }
                    tracing::trace!(link = link.name, "nothing there; trying the next source");
                }
                Outcome::Failed(error) => {
                    let before = CredentialsError::new(vendor, attempts);
                    return Err(CredentialsError::merge(vendor, [before, error]));
                }
            }
        }
        Err(CredentialsError::new(vendor, attempts))
    }
}
