// The crate documentation is the README, so that both say the same and its examples are tested.
#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod acs3_auth;
mod alibaba;
mod authorization;
mod catalog;
mod clock;
mod config;
mod crypto;
mod dispatch;
mod envelope;
mod evaluation;
mod faults;
#[doc(hidden)]
pub mod fuzzing;
mod http;
mod ids;
mod kept;
mod limits;
mod log;
mod params;
mod protocol;
mod records;
mod resources;
mod roa;
mod roa_answer;
mod rules;
mod server;
mod server_records;
mod state;
mod tencent;
mod typed;
mod verify_acs3;
mod verify_tc3;

#[cfg(test)]
mod selftest;

pub use config::{ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};
pub use faults::{Fault, FaultKind, FaultPlan};
pub use limits::MAX_BODY_BYTES;
pub use log::{Received, Refusal, Stats};
pub use protocol::Protocol;
pub use records::{DnsRecord, DnsService};
pub use server::{FAST_POLL, FAST_POLL_MAX, Server, WAIT_DEADLINE};
