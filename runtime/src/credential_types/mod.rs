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

#[cfg(test)]
mod tests {
    /// The credential types stand on the leaves of floor 1 alone: the
    /// sources, the configuration and the transport stand on them, so
    /// naming any of those would make a circle of floors.
    #[test]
    fn the_credential_types_name_nothing_above_the_leaves() {
        let files = [
            ("cache.rs", include_str!("cache.rs")),
            ("error.rs", include_str!("error.rs")),
            ("key.rs", include_str!("key.rs")),
            ("provider.rs", include_str!("provider.rs")),
        ];
        let below = [
            "crate::credential_types::",
            "crate::clock::",
            "crate::sensitive::",
            "crate::vendor::",
        ];
        for (file, text) in files {
            for (at, _) in text.match_indices("crate::") {
                let path = text[at..].lines().next().unwrap_or_default();
                assert!(
                    below.iter().any(|leaf| path.starts_with(leaf)),
                    "{file} names {path}"
                );
            }
        }
    }
}
