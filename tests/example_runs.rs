//! The runnable examples' `--local` mode: each runs against the testkit in
//! its own process, as `cargo run --example NAME -- --local` does, and says
//! what it did. `cargo test` builds the examples before it runs the tests.

use std::path::PathBuf;
use std::process::Command;

/// The built example `name`, beside this test's own binary.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    profile.join("examples").join(name)
}

#[test]
fn deploy_certificate_runs_locally_on_both_clouds() {
    let output = Command::new(example("deploy_certificate"))
        .arg("--local")
        .env_clear()
        .output()
        .expect("the example runs (cargo test builds it)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    for step in [
        "uploaded to SSL Certificates",
        "CDN domain www.example.com: HTTPS on",
        "CLB listener lb-cuxw2r00/lbl-4fgbvz2o in ap-guangzhou: serving",
        "uploaded to Certificate Management Service",
        "CDN domain static.example.com: HTTPS on",
        "SLB listener lb-bp1o94dp5i6ea****:443 in cn-hangzhou: serving",
    ] {
        assert!(stdout.contains(step), "{step}\n{stdout}");
    }
    assert!(!stdout.contains("PRIVATE KEY"), "the key is never printed");
}
