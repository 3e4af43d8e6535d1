//! Generator throughput and peak memory on synthetic specs of growing size.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::write::{self, Mode};

use super::{median, release_binary, run_command, secs, synth};

/// Sizes measured; 16,000 actions (with 48,000 types) is the scale target.
const SIZES: [usize; 4] = [100, 1_000, 10_000, 16_000];
const RUNS: usize = 3;

pub(super) fn run(root: &Path, scratch: &Path) -> Result<(), String> {
    let xtask = release_binary(root, &["-p", "xtask"], "xtask")?;
    println!(
        "\ngenerator (cargo xtask gen on synthetic specs: load → validate → model → emit → format → write; median of {RUNS} runs)"
    );
    println!(
        "{:>8} {:>8} {:>10} {:>12} {:>12} {:>14} {:>10}",
        "actions", "types", "files", "wall s", "µs/action", "peak MiB", "lines/act"
    );
    for size in SIZES {
        let spec = scratch.join(format!("spec-{size}"));
        synth::write_spec(root, &spec, size).map_err(|e| e.to_string())?;
        let mut walls = Vec::new();
        let mut peaks = Vec::new();
        let mut last = String::new();
        for _ in 0..RUNS {
            let out = run_command(
                Command::new(&xtask)
                    .args(["bench-worker", "generate"])
                    .arg(&spec)
                    .arg(scratch.join(format!("crate-{size}"))),
            )?;
            let field = |name: &str| -> Result<f64, String> {
                out.split_whitespace()
                    .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("worker output lacks {name}: {out}"))
            };
            walls.push(field("wall_s")?);
            peaks.push(field("peak_kib")? / 1024.0);
            last = out;
        }
        let field = |name: &str| {
            last.split_whitespace()
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .unwrap_or("?")
                .to_string()
        };
        let wall = median(walls);
        println!(
            "{size:>8} {:>8} {:>10} {:>12.2} {:>12.0} {:>14.0} {:>10}",
            size * 3,
            field("files"),
            wall,
            wall * 1e6 / size as f64,
            median(peaks),
            field("lines_per_action")
        );
    }
    Ok(())
}

/// `bench-worker generate <spec> <crate>`: one timed generation, in its own
/// process so that its peak memory is its own.
pub(super) fn worker(args: &[&str]) -> Result<(), String> {
    let ["generate", spec, crate_dir] = args else {
        return Err("usage: bench-worker generate <spec dir> <crate dir>".into());
    };
    let crate_dir = PathBuf::from(crate_dir);
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).map_err(|e| e.to_string())?;
    let options = codegen::EmitOptions {
        spec_label: "spec".into(),
        product_features: false,
        crate_doc: Some("Synthetic bindings for benchmarks.".into()),
    };
    let started = Instant::now();
    let generated = codegen::generate(Path::new(spec), &options).map_err(|e| e.to_string())?;
    let report =
        write::write(&crate_dir, &generated.files, None, Mode::Write).map_err(|e| e.to_string())?;
    let wall = started.elapsed();
    let lines: usize = generated
        .files
        .iter()
        .map(|(_, text)| text.lines().count())
        .sum();
    let (_, actions, _) = generated.counts;
    println!(
        "wall_s={:.4} files={} written={} lines_per_action={} peak_kib={}",
        secs(wall),
        generated.files.len(),
        report.written.len(),
        lines / actions.max(1),
        peak_kib()
    );
    Ok(())
}

/// Peak resident memory of this process (Linux), in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
