//! The credential types: what every credential source and every client
//! agree on, and nothing about where a key comes from.
//!
//! The access key ([`Credentials`](key::Credentials)), the errors that say
//! why none was found, the one interface of every source
//! ([`ProvideCredentials`](provider::ProvideCredentials)) and the shared
//! provider, and the cache that keeps a client's key fresh. They sit below
//! the configuration and the transport, which sign with a key and ask a
//! provider for it; the sources, several of which call through the
//! transport, sit above it in [`credentials`](crate::credentials), which is
//! also the public index of these types.

pub(crate) mod cache;
pub(crate) mod error;
pub(crate) mod key;
pub(crate) mod provider;
