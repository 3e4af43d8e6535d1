//! `cargo xtask gen` for every product, as a maintainer runs it, against
//! the same command at the baseline revision of the growth figures (the
//! last one before the delivery products), in one run.
//!
//! Each checkout runs its own generator, built once beforehand; each runs
//! `gen` once before timing, so that both compare with their previous run
//! (the steady state of regenerating), not with a git revision. The runs
//! are interleaved, one of each per round, so that a change in machine
//! load hits both alike.

use std::path::Path;
use std::process::Command;

use super::{median, run_command, timed_run};

/// Timed runs per checkout.
const RUNS: usize = 7;

pub(super) fn run(root: &Path, scratch: &Path, baseline: &str) -> Result<(), String> {
    let tree = super::growth::baseline_tree(root, scratch, baseline)?;
    let checkouts = [
        (format!("at {baseline}"), tree.as_path()),
        ("now".into(), root),
    ];
    println!("\ncargo xtask gen, every product (median of {RUNS}, interleaved, generator built)");
    for (_, dir) in &checkouts {
        run_command(
            Command::new(crate::cargo())
                .current_dir(dir)
                .args(["build", "--quiet", "-p", "xtask"]),
        )?;
        regenerate(dir)?;
    }
    let mut times = vec![Vec::new(); checkouts.len()];
    for _ in 0..RUNS {
        for (i, (_, dir)) in checkouts.iter().enumerate() {
            times[i].push(regenerate(dir)?);
        }
    }
    let medians: Vec<f64> = times.into_iter().map(median).collect();
    for ((label, dir), seconds) in checkouts.iter().zip(&medians) {
        let (actions, _) = super::products::lines_per_action(&dir.join("generated"))?;
        println!(
            "  {label:<12} {actions:>5} actions  {seconds:.2} s  ({:.2}× the first)",
            seconds / medians[0]
        );
    }
    Ok(())
}

/// Seconds of one `cargo xtask gen` in `dir`.
fn regenerate(dir: &Path) -> Result<f64, String> {
    timed_run(
        Command::new(crate::cargo())
            .current_dir(dir)
            .args(["xtask", "gen"]),
    )
}
