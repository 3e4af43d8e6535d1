//! Compile time of generated code: per action (100 and 1,000 synthetic
//! actions, debug and release) and a clean debug build of a crate that
//! depends on `cloudapi` with every product (`full`).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use codegen::write::{self, Mode};

use super::{median, run_command, secs, synth};

const SIZES: [usize; 2] = [100, 1_000];
const RUNS: usize = 3;

pub(super) fn run(root: &Path, scratch: &Path) -> Result<(), String> {
    println!(
        "\ncompile time of generated code (crate with N synthetic actions, dependencies prebuilt; median of {RUNS} builds)"
    );
    let target = scratch.join("compile-target");
    for size in SIZES {
        bindings_crate(root, scratch, size)?;
    }
    for (profile, flag) in [("debug", None), ("release", Some("--release"))] {
        let mut times = Vec::new();
        for size in SIZES {
            let dir = scratch.join(format!("compile-{size}"));
            build(&dir, &target, flag)?; // dependencies, once
            let mut runs = Vec::new();
            for _ in 0..RUNS {
                let mut clean = Command::new(crate::cargo());
                clean
                    .current_dir(&dir)
                    .env("CARGO_TARGET_DIR", &target)
                    .args(["clean", "--quiet", "-p", &format!("bench-bindings-{size}")]);
                if let Some(flag) = flag {
                    clean.arg(flag);
                }
                run_command(&mut clean)?;
                runs.push(build(&dir, &target, flag)?);
            }
            times.push(median(runs));
        }
        let per_action_small = times[0] / SIZES[0] as f64;
        let per_action_large = times[1] / SIZES[1] as f64;
        let marginal = (times[1] - times[0]) / (SIZES[1] - SIZES[0]) as f64;
        println!(
            "  {profile:<8} {} actions {:.1} s ({:.3} s/action); {} actions {:.1} s ({:.3} s/action); marginal cost {:.3} s/action",
            SIZES[0], times[0], per_action_small, SIZES[1], times[1], per_action_large, marginal
        );
    }
    clean_dependent_build(root, scratch)
}

/// A crate with `size` synthetic actions, generated against the runtime crate.
fn bindings_crate(root: &Path, scratch: &Path, size: usize) -> Result<(), String> {
    let spec = scratch.join(format!("spec-{size}"));
    if !spec.exists() {
        synth::write_spec(root, &spec, size).map_err(|e| e.to_string())?;
    }
    let dir = scratch.join(format!("compile-{size}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let options = codegen::EmitOptions {
        spec_label: "spec".into(),
        product_features: false,
        crate_doc: Some("Synthetic bindings for compile-time benchmarks.".into()),
    };
    let generated = codegen::generate(&spec, &options).map_err(|e| e.to_string())?;
    write::write(&dir, &generated.files, None, Mode::Write).map_err(|e| e.to_string())?;
    manifest(
        root,
        &dir,
        &format!("bench-bindings-{size}"),
        &format!(
            "cloudapi-runtime = {{ path = \"{}\" }}",
            workspace_path(root, "runtime")
        ),
        // The generated code's `testkit` feature (typed test support), off as for most users.
        "serde = { version = \"1\", features = [\"derive\"] }\n\n[features]\ntestkit = []",
    )
}

/// `root/folder` with `/` separators, for a manifest.
fn workspace_path(root: &Path, folder: &str) -> String {
    root.join(folder).display().to_string().replace('\\', "/")
}

fn manifest(
    root: &Path,
    dir: &Path,
    name: &str,
    dependency: &str,
    extra: &str,
) -> Result<(), String> {
    let text = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n{dependency}\n{extra}\n\n# Not part of the project's workspace.\n[workspace]\n"
    );
    fs::write(dir.join("Cargo.toml"), text).map_err(|e| e.to_string())?;
    // The same dependency versions as the project itself.
    fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    Ok(())
}

/// Seconds of `cargo build` in `dir`.
fn build(dir: &Path, target: &Path, flag: Option<&str>) -> Result<f64, String> {
    let mut command = Command::new(crate::cargo());
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .args(["build", "--quiet"]);
    if let Some(flag) = flag {
        command.arg(flag);
    }
    let started = Instant::now();
    run_command(&mut command)?;
    Ok(secs(started.elapsed()))
}

/// A new crate using every product (`full`), built from
/// an empty target directory: what a user's first `cargo build` costs.
fn clean_dependent_build(root: &Path, scratch: &Path) -> Result<(), String> {
    let dir = scratch.join("dependent");
    let target = scratch.join("dependent-target");
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::remove_dir_all(&target);
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    manifest(
        root,
        &dir,
        "dependent",
        &format!(
            "cloudapi = {{ path = \"{}\", features = [\"full\"] }}",
            workspace_path(root, "generated")
        ),
        "tokio = { version = \"1\", features = [\"rt\", \"macros\"] }",
    )?;
    fs::write(
        dir.join("src/main.rs"),
        "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    let client = cloudapi::tencent::ssl::Client::new(cloudapi::Config::new()).unwrap();\n    let request = cloudapi::tencent::ssl::CertificateOrderSubmitRequest::new(\"id\");\n    println!(\"{:?}\", client.certificate_order_submit(request).await.is_ok());\n}\n",
    )
    .map_err(|e| e.to_string())?;
    let seconds = build(&dir, &target, None)?;
    println!(
        "  clean debug build of a crate depending on cloudapi (every product, empty target dir): {seconds:.1} s"
    );
    Ok(())
}
