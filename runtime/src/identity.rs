//! How the SDK names itself to the vendors' servers.

/// How the SDK names itself on the wire (`User-Agent`, Tencent's
/// `X-TC-RequestClient`): after the crate applications depend on, not this one.
pub(crate) const SDK_NAME: &str = "cloudapi";
