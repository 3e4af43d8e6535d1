//! Many products at a flat cost per user, measured in one run:
//!
//! - the clean debug build of a consumer that enables one product
//!   (`tencent-ssl`) against the bindings at a baseline revision (the last
//!   one before the delivery products: certificates, DNS and Function
//!   Compute) and now, and of consumers that enable only one delivery
//!   product now (`tencent-clb`, `alibaba-slb`); each against the first;
//! - the same consumer with every product enabled (`full`), built once
//!   after the rounds: it is reported, not limited, and takes as long as
//!   all the rounds' one-product builds together;
//! - generated lines per action of the whole crate;
//! - the testkit's first start in a test process (debug build), a later
//!   start, and the first call of the largest product.
//!
//! The one-product builds are interleaved (one of each variant per round) so
//! that a change in machine load hits every variant alike; each figure is a
//! median.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{median, run_command, timed_run};

/// The revision before the delivery products (CDN, EdgeOne, load
/// balancers) were added: `ssl`, `cas`, `dnspod`, `alidns` and `fc`.
pub const BASELINE: &str = "264755e";

/// Clean builds per variant.
const RUNS: usize = 5;
/// Runs of the testkit's start.
const QUICK_RUNS: usize = 7;

/// One consumer crate: the bindings it depends on, and what it enables.
struct Variant {
    label: String,
    bindings: PathBuf,
    feature: &'static str,
    main: &'static str,
}

const CALL_SSL: &str = "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    let client = cloudapi::tencent::ssl::Client::new(cloudapi::Config::new()).unwrap();\n    let request = cloudapi::tencent::ssl::CertificateOrderSubmitRequest::new(\"id\");\n    println!(\"{:?}\", client.certificate_order_submit(request).await.is_ok());\n}\n";
const CALL_CLB: &str = "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    let client = cloudapi::tencent::clb::Client::new(cloudapi::Config::new()).unwrap();\n    let request = cloudapi::tencent::clb::DescribeListenersRequest::new(\"lb-1\");\n    println!(\"{:?}\", client.describe_listeners(request).await.is_ok());\n}\n";
const CALL_SLB: &str = "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    let client = cloudapi::alibaba::slb::Client::new(cloudapi::Config::new()).unwrap();\n    let request = cloudapi::alibaba::slb::DescribeLoadBalancersRequest::new(\"cn-hangzhou\");\n    println!(\"{:?}\", client.describe_load_balancers(request).await.is_ok());\n}\n";

pub(super) fn run(root: &Path, scratch: &Path, baseline: &str) -> Result<(), String> {
    let tree = baseline_tree(root, scratch, baseline)?;
    let variants = [
        Variant {
            label: format!("tencent-ssl at {baseline}"),
            bindings: tree.join("generated"),
            feature: "tencent-ssl",
            main: CALL_SSL,
        },
        Variant {
            label: "tencent-ssl now".into(),
            bindings: root.join("generated"),
            feature: "tencent-ssl",
            main: CALL_SSL,
        },
        Variant {
            label: "tencent-clb now".into(),
            bindings: root.join("generated"),
            feature: "tencent-clb",
            main: CALL_CLB,
        },
        Variant {
            label: "alibaba-slb now".into(),
            bindings: root.join("generated"),
            feature: "alibaba-slb",
            main: CALL_SLB,
        },
    ];
    let every = Variant {
        label: "every product now (once)".into(),
        bindings: root.join("generated"),
        feature: "full",
        main: CALL_SSL,
    };
    println!(
        "\nmany products, flat cost (clean debug builds of a consumer, median of {RUNS}, interleaved)"
    );
    let crates: Vec<PathBuf> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| consumer(scratch, i, v))
        .collect::<Result<_, _>>()?;
    let mut times = vec![Vec::new(); variants.len()];
    for _ in 0..RUNS {
        for (i, dir) in crates.iter().enumerate() {
            times[i].push(clean_build(dir)?);
        }
    }
    let mut medians: Vec<f64> = times.into_iter().map(median).collect();
    medians.push(clean_build(&consumer(scratch, variants.len(), &every)?)?);
    for (variant, seconds) in variants.iter().chain([&every]).zip(&medians) {
        println!(
            "  {:<28} {seconds:>6.1} s  ({:.2}× the first)",
            variant.label,
            seconds / medians[0]
        );
    }

    let (actions, lines) = super::products::lines_per_action(&root.join("generated"))?;
    println!(
        "  generated: {actions} actions, {} lines per action",
        lines / actions.max(1)
    );
    testkit_start(root)
}

/// The project at `revision`, unpacked once under `scratch`.
pub(super) fn baseline_tree(
    root: &Path,
    scratch: &Path,
    revision: &str,
) -> Result<PathBuf, String> {
    let dir = scratch.join(format!("tree-{revision}"));
    if dir.join("generated/Cargo.toml").is_file() {
        return Ok(dir);
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let archive = scratch.join(format!("tree-{revision}.tar"));
    run_command(Command::new("git").current_dir(root).args([
        "archive",
        "--format=tar",
        "-o",
        &archive.to_string_lossy(),
        revision,
    ]))?;
    run_command(
        Command::new("tar")
            .arg("-xf")
            .arg(&archive)
            .arg("-C")
            .arg(&dir),
    )?;
    let _ = fs::remove_file(&archive);
    Ok(dir)
}

/// A consumer crate depending on `variant.bindings` with one feature, and
/// the lock file of the bindings' own project (the same dependency versions).
fn consumer(scratch: &Path, index: usize, variant: &Variant) -> Result<PathBuf, String> {
    let dir = scratch.join(format!("growth-{index}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let bindings = variant.bindings.display().to_string().replace('\\', "/");
    let manifest = format!(
        "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\ncloudapi = {{ path = \"{bindings}\", default-features = false, features = [\"{}\"] }}\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\n[workspace]\n",
        variant.feature
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    fs::write(dir.join("src/main.rs"), variant.main).map_err(|e| e.to_string())?;
    if let Some(project) = variant.bindings.parent() {
        fs::copy(project.join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| format!("{}: {e}", project.display()))?;
    }
    Ok(dir)
}

/// Seconds of `cargo build` in `dir` from an empty target directory.
fn clean_build(dir: &Path) -> Result<f64, String> {
    let target = dir.join("target");
    let _ = fs::remove_dir_all(&target);
    timed_run(
        Command::new(crate::cargo())
            .current_dir(dir)
            .args(["build", "--quiet"]),
    )
}

/// The testkit in a test process: `testkit/examples/first_start.rs`, built
/// in the dev profile as tests are, run as a fresh process each time.
fn testkit_start(root: &Path) -> Result<(), String> {
    run_command(Command::new(crate::cargo()).current_dir(root).args([
        "build",
        "--quiet",
        "-p",
        "testkit",
        "--example",
        "first_start",
    ]))?;
    let binary = root.join("target/debug/examples/first_start");
    let mut figures: [Vec<f64>; 3] = Default::default();
    for _ in 0..QUICK_RUNS {
        let line = run_command(&mut Command::new(&binary))?;
        let value: serde_json::Value =
            serde_json::from_str(line.trim()).map_err(|e| format!("{line}: {e}"))?;
        for (i, key) in ["first_start_us", "later_start_us", "first_call_us"]
            .iter()
            .enumerate()
        {
            let micros = value[key]
                .as_f64()
                .ok_or_else(|| format!("no {key} in {line}"))?;
            figures[i].push(micros / 1000.0);
        }
    }
    let [first, later, call] = figures.map(median);
    println!(
        "  testkit, debug build, median of {QUICK_RUNS} processes: first start {first:.1} ms, later start {later:.2} ms, first call of teo, the largest product (its part of the spec parsed) {call:.1} ms"
    );
    Ok(())
}
