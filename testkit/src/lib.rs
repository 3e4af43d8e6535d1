//! `testkit`: a local stand-in for the Tencent Cloud and Alibaba Cloud API endpoints.
//!
//! [`Server`] listens on `127.0.0.1` (a free port) and answers like the vendors do:
//! Tencent Cloud API 3.0 (`TC3-HMAC-SHA256`, JSON body, every answer HTTP 200 under
//! `Response`) and Alibaba Cloud RPC-style OpenAPI (`ACS3-HMAC-SHA256`, parameters in the
//! query string, errors as HTTP 4xx/5xx). Actions, their inputs and their example responses
//! come from the project's spec files, read at start with `serde_json::Value`.
//!
//! The signature checks are written independently of the client's signer on purpose: the
//! cryptography comes from `ring` (the client uses the `hmac`/`sha2` crates) and the
//! canonicalization is rebuilt here from the raw bytes received, so a bug shared by signer and
//! verifier cannot make a test pass.
//!
//! Tests inject failures with [`Server::push_fault`] (one fault for the next call of an action)
//! or [`Server::set_random_faults`] (seeded, reproducible injection for soak tests), and inspect
//! what arrived with [`Server::received`] and [`Server::stats`].

#![warn(missing_docs)]

mod alibaba;
mod authorization;
mod clock;
mod config;
mod crypto;
mod dispatch;
mod faults;
mod http;
mod ids;
mod log;
mod server;
mod spec;
mod state;
mod tencent;
mod verify_acs3;
mod verify_tc3;

#[cfg(test)]
mod selftest;

use std::path::PathBuf;

pub use config::{
    ServerConfig, TEST_ALIBABA_ID, TEST_ALIBABA_SECRET, TEST_TENCENT_ID, TEST_TENCENT_SECRET,
};
pub use faults::{Fault, FaultKind, FaultPlan};
pub use log::{Protocol, Received, Stats};
pub use server::Server;

/// The project's spec directory (`spec/` at the repository root), located from this package's
/// manifest so that tests find it whatever their working directory is.
pub fn spec_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}
