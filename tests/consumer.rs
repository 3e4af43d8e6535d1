//! An application outside the workspace (tests/consumer/: its own `[workspace]`,
//! depending on cloudapi and testkit by path, as users do) builds, is formatted, and
//! passes its tests against the testkit: it starts a server, calls actions, asserts the
//! typed requests the server received and sees a scripted error; and, with only the
//! `tencent-ssl` feature on, calls an Alibaba product through the vendor's common client;
//! and its own reqwest client (without default features) keeps working beside cloudapi.
//! Offline; its target directory (target/consumer) is kept between runs.

use std::path::Path;
use std::process::{Command, Output};

fn cargo(consumer: &Path, target: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .current_dir(consumer)
        .env("CARGO_TARGET_DIR", target)
        .args(args)
        .output()
        .expect("cargo runs")
}

fn assert_success(what: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{what} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn an_application_outside_the_workspace_tests_itself_against_the_testkit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let consumer = root.join("tests/consumer");
    let target = root.join("target/consumer");
    // The project's versions of every dependency, so that nothing needs the network.
    std::fs::copy(root.join("Cargo.lock"), consumer.join("Cargo.lock")).expect("lock copied");
    assert_success(
        "cargo fmt --check",
        &cargo(&consumer, &target, &["fmt", "--check"]),
    );
    let output = cargo(&consumer, &target, &["test", "--offline"]);
    assert_success("cargo test", &output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for test in [
        "renews_only_what_expires_within_30_days ... ok",
        "a_failed_purchase_stops_the_renewal ... ok",
        "calls_alibaba_without_any_alibaba_feature ... ok",
        "the_applications_own_reqwest_client_builds_and_sends ... ok",
        "an_https_client_builds_without_an_installed_provider ... ok",
    ] {
        assert!(stdout.contains(test), "{test} missing:\n{stdout}");
    }
}
