//! The two vendor APIs the server speaks: named by the log, the catalogue, the kept state.

/// Which vendor's API a request spoke, from its action header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// Tencent Cloud API 3.0: had an `X-TC-Action` header.
    Tc3Json,
    /// Alibaba Cloud RPC: had an `x-acs-action` header (and no `X-TC-Action`).
    Acs3Rpc,
    /// Had neither; answered HTTP 400 with plain text.
    Unknown,
}
