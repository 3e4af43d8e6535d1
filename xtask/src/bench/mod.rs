//! `cargo xtask bench`: generator throughput and memory, compile time per
//! action, per-call overhead against a raw-HTTP floor, what products cost a
//! consumer, and the command-line tool against tccli, in one run.
//!
//! Measurements run in release-mode child processes (a clean peak-memory
//! figure per size, no debug build in the way); every figure is a median of
//! repeated runs, taken in the same run as its baseline.

mod cli;
mod compile;
mod generator;
mod growth;
mod overhead;
mod products;
mod regen;
pub mod synth;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Which parts to run.
#[derive(Debug, Clone, Copy)]
pub struct Parts {
    /// Generator throughput and memory.
    pub generator: bool,
    /// Compile time per action and of a dependent crate.
    pub compile: bool,
    /// Per-call overhead against the floor.
    pub overhead: bool,
    /// The whole products against the seed actions: lines, build time, binary size.
    pub products: bool,
    /// Many products at a flat cost: one-product consumers against a
    /// baseline revision, and testkit start-up with every product.
    pub growth: bool,
    /// `cargo xtask gen` for every product, against the same baseline revision.
    pub regen: bool,
    /// The command-line tool against tccli: build time, binary size, the
    /// help of one action and one call to the testkit.
    pub cli: bool,
}

/// Runs the chosen parts and prints their figures.
pub fn run(root: &Path, parts: Parts) -> Result<(), String> {
    println!("machine: {} cores, {}", cores(), cpu_model());
    let scratch = root.join("target/bench");
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    if parts.generator {
        generator::run(root, &scratch)?;
    }
    if parts.compile {
        compile::run(root, &scratch)?;
    }
    if parts.overhead {
        overhead::run(root)?;
    }
    if parts.products {
        products::run(root, &scratch)?;
    }
    if parts.growth {
        growth::run(root, &scratch, growth::BASELINE)?;
    }
    if parts.regen {
        regen::run(root, &scratch, growth::BASELINE)?;
    }
    if parts.cli {
        cli::run(root, &scratch)?;
    }
    Ok(())
}

/// The child-process half of the generator benchmark (`xtask bench-worker …`).
pub fn worker(args: &[&str]) -> Result<(), String> {
    generator::worker(args)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// Runs a command, failing with its stderr.
fn run_command(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Seconds that `command` takes to run to its successful end.
fn timed_run(command: &mut Command) -> Result<f64, String> {
    let started = std::time::Instant::now();
    run_command(command)?;
    Ok(secs(started.elapsed()))
}

/// Builds a release binary of this workspace and returns its path.
fn release_binary(root: &Path, args: &[&str], path: &str) -> Result<PathBuf, String> {
    run_command(
        Command::new(crate::cargo())
            .current_dir(root)
            .args(["build", "--release", "--quiet"])
            .args(args),
    )?;
    Ok(root.join("target/release").join(path))
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}
