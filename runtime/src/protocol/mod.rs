//! Wire protocols: how a product's requests are encoded and signed, and how
//! its answers are read.
//!
//! A generated client names its protocol as the type parameter of its
//! transport (`Transport<Tc3Json>`). The transport (retries, pacing,
//! deadlines, tracing) is generic over [`Protocol`] and names no vendor;
//! everything a vendor does its own way is behind this trait. A third
//! protocol is one more module implementing it.
//!
//! - [`Tc3Json`]: Tencent Cloud API 3.0, JSON over POST signed with
//!   `TC3-HMAC-SHA256`, every answer under `Response` with HTTP 200.
//! - [`Acs3Rpc`]: Alibaba Cloud RPC style, parameters in the query string
//!   signed with `ACS3-HMAC-SHA256`, errors with an HTTP error status.
//! - [`Acs3Roa`]: Alibaba Cloud ROA (REST) style, each action its own
//!   method and path, members in the path, query, headers or a JSON body
//!   (the action's [`HttpBinding`](crate::HttpBinding)), signed with
//!   `ACS3-HMAC-SHA256` over the whole request.

mod acs3_answer;
mod acs3_roa;
mod acs3_rpc;
mod seam;
mod tc3_json;

pub use acs3_roa::Acs3Roa;
pub use acs3_rpc::Acs3Rpc;
pub use seam::{
    ErrorClass, Failure, FixedHeaders, Protocol, RawResponse, Success, Target, header_value,
};
pub use tc3_json::Tc3Json;
