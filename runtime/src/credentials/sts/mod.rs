//! Roles assumed through the vendors' STS: Tencent Cloud `AssumeRole` and
//! `AssumeRoleWithWebIdentity` (TKE OIDC), Alibaba Cloud `AssumeRole` and
//! `AssumeRoleWithOIDC` (RRSA).
//!
//! The signed actions (`AssumeRole`) go through the crate's own transport,
//! so they are signed, retried, clock-corrected and proxied like any call;
//! the OIDC actions are anonymous (the token is the proof) and are sent as
//! the official SDKs send them.

// First, with its macros: the providers of both vendors use them.
#[macro_use]
mod exchange;
mod alibaba;
mod tencent;

pub use alibaba::{AlibabaAssumeRoleProvider, AlibabaOidcProvider};
pub use tencent::{TencentAssumeRoleProvider, TencentWebIdentityProvider};
