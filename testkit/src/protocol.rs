//! The two vendor APIs the server speaks: named by the log, the catalogue, the kept state.

/// Which vendor's API a request spoke, from its action header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// Tencent Cloud API 3.0: had an `X-TC-Action` header.
    Tc3Json,
    /// Alibaba Cloud RPC: had an `x-acs-action` header (and no `X-TC-Action`) and named no
    /// action of a ROA product.
    Acs3Rpc,
    /// Alibaba Cloud ROA (REST): had an `x-acs-action` header (and no `X-TC-Action`) naming an
    /// action of a product whose protocol is `acs3-hmac-sha256-roa`.
    Acs3Roa,
    /// Had neither; answered HTTP 400 with plain text.
    Unknown,
}

impl Protocol {
    /// Whether the protocol is one of Alibaba Cloud's, which share keys, signature and errors.
    pub(crate) fn is_alibaba(self) -> bool {
        matches!(self, Protocol::Acs3Rpc | Protocol::Acs3Roa)
    }
}
