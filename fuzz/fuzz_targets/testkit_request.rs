//! Fuzz target `testkit_request`: any bytes as a request to the testkit's local endpoint;
//! the checks live in tests/fuzz_checks.rs, shared with `cargo test`, which replays saved
//! inputs (tests/fuzz_regressions.rs).

#![no_main]

#[path = "../../tests/fuzz_checks.rs"]
mod fuzz_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_checks::testkit_request(data));
