//! `cargo xtask import-check tencent [--products a,b] [--all]`: the newest
//! API version of one (`ssl` by default), some or all products of the
//! `tccli` package, downloaded from PyPI.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use ::import::tencent;

use super::args::Selection;
use super::compile::compile;
use super::generate::{Candidate, generate_all};
use super::report::{Outcome, first_lines};
use super::workspace::{Scratch, file_name, remove_dir};

/// The product checked when none is named.
pub const DEFAULT_PRODUCT: &str = "ssl";

/// Runs the whole check for the checkout at `root`.
pub fn run(root: &Path, selection: &Selection) -> Result<Outcome, String> {
    let scratch = Scratch::new(root, "tencent");
    let work = scratch.work();
    let wheel = download(&work)?;
    let unpacked = work.join("wheel");
    remove_dir(&unpacked)?;
    run_command(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&wheel)
            .arg(&unpacked),
    )?;
    let available = find_products(&unpacked.join("tccli/services"))?;
    let chosen: Vec<&String> = match selection {
        Selection::All => available.keys().collect(),
        Selection::Products(names) => {
            let unknown: Vec<&str> = names
                .iter()
                .filter(|n| !available.contains_key(*n))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                return Err(format!("no product {} in the package", unknown.join(", ")));
            }
            names.iter().collect()
        }
    };
    let mut outcome = Outcome {
        package: file_name(&wheel),
        found: available.len(),
        selected: chosen.len(),
        ..Outcome::default()
    };
    let candidates: Vec<Candidate> = chosen
        .into_iter()
        .map(|dir| Candidate {
            label: dir.clone(),
            file: available[dir].clone(),
            crate_suffix: None,
        })
        .collect();
    let crates = generate_all(&scratch, &candidates, tencent::plan, &mut outcome)?;
    compile(&scratch, &crates, &mut outcome)?;
    Ok(outcome)
}

/// Downloads the newest `tccli` wheel into `work/pip`; returns its path.
fn download(work: &Path) -> Result<PathBuf, String> {
    let pip = work.join("pip");
    fs::create_dir_all(&pip).map_err(|e| format!("{}: {e}", pip.display()))?;
    run_command(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "tccli",
                "--no-deps",
                "--quiet",
                "--disable-pip-version-check",
                "-d",
            ])
            .arg(&pip),
    )?;
    let mut wheels: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(&pip)
        .map_err(|e| format!("{}: {e}", pip.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| file_name(p).starts_with("tccli-") && file_name(p).ends_with(".whl"))
        .filter_map(|p| Some((fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    wheels.sort();
    wheels
        .pop()
        .map(|(_, p)| p)
        .ok_or_else(|| format!("no tccli wheel in {}", pip.display()))
}

/// `<service>/<version>/api.json` with the newest version of each service.
fn find_products(services: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        entries.sort();
        Ok(entries)
    };
    let mut products = BTreeMap::new();
    for service in list(services)? {
        // Versions are `vYYYYMMDD`, so the last in sorted order is the newest.
        let newest = list(&service)?
            .into_iter()
            .rfind(|v| file_name(v).starts_with('v') && v.join("api.json").is_file());
        if let Some(version) = newest {
            products.insert(file_name(&service), version.join("api.json"));
        }
    }
    Ok(products)
}

fn run_command(command: &mut Command) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("running {command:?}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{command:?} failed:\n{}",
        first_lines(&String::from_utf8_lossy(&output.stderr), 10)
    ))
}
