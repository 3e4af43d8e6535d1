//! One `cargo check --workspace --keep-going` of the scratch workspace, and
//! which product each error belongs to.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;
use std::time::Instant;

use super::report::{Failure, Outcome, first_lines};
use super::workspace::{Scratch, remove_dir};

/// Checks every product's crate in one `cargo check --keep-going` of a
/// scratch workspace, and names the products whose crates fail.
///
/// One crate per product rather than one crate for all: all products
/// together are about 185 MB of source, and rustc needs more memory for one
/// such crate than a developer machine has.
pub fn compile(
    scratch: &Scratch,
    crates: &BTreeMap<String, String>,
    outcome: &mut Outcome,
) -> Result<(), String> {
    if crates.is_empty() {
        return Ok(());
    }
    let dir = scratch.crates();
    // Crates of products not checked this time would only slow cargo down.
    for entry in fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !crates.contains_key(&name) {
            remove_dir(&entry.path())?;
        }
    }
    let members: Vec<String> = crates.keys().map(|p| format!("{p:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Ok(lock) = fs::read_to_string(scratch.root().join("Cargo.lock")) {
        let _ = fs::write(dir.join("Cargo.lock"), lock);
    }
    let started = Instant::now();
    let output = Command::new(crate::cargo())
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--quiet",
            "--message-format",
            "short",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", scratch.target())
        .output()
        .map_err(|e| format!("running cargo check: {e}"))?;
    outcome.check_time = started.elapsed();
    outcome.check_passed = Some(output.status.success());
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let by_crate = errors_by_crate(&stderr, crates);
    if by_crate.is_empty() {
        outcome.unattributed = Some(first_lines(&stderr, 20));
    }
    for (key, errors) in by_crate {
        let count = errors.len();
        let mut message = errors.into_iter().take(3).collect::<Vec<_>>().join("\n");
        if count > 3 {
            message.push_str(&format!("\n… {count} errors in all"));
        }
        outcome.failures.push(Failure {
            product: crates.get(&key).cloned().unwrap_or(key),
            stage: "compile",
            message,
        });
    }
    Ok(())
}

/// The error lines of `cargo check --message-format short`, by crate folder.
///
/// An error in a file names its path (`<crate>/src/…: error…`, from the
/// workspace root); `error: could not compile `check_<crate>`` names crates
/// whose errors name no file.
fn errors_by_crate(
    stderr: &str,
    crates: &BTreeMap<String, String>,
) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in stderr.lines() {
        let key = if let Some(rest) = line.strip_prefix("error: could not compile `check_") {
            match rest.split_once('`') {
                Some((key, _)) if !found.contains_key(key) => key,
                _ => continue,
            }
        } else if let Some((path, _)) = line.split_once(": error") {
            let parts: Vec<&str> = path.split(['/', '\\']).collect();
            let crate_dir = parts
                .windows(2)
                .find(|w| w[1] == "src" && crates.contains_key(w[0]));
            match crate_dir {
                Some(w) => w[0],
                None => continue,
            }
        } else {
            continue;
        };
        found
            .entry(key.to_string())
            .or_default()
            .push(line.trim().to_string());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_errors_name_their_crates() {
        let crates: BTreeMap<String, String> = [
            ("cas".to_string(), "cas/2020-04-07".to_string()),
            ("ecs".to_string(), "ecs/2014-05-26".to_string()),
        ]
        .into();
        let stderr = "\
cas/src/alibaba/cas/a.rs:1:2: error[E0425]: cannot find value `x`
/tmp/x/crates/cas/src/lib.rs:3:4: error: expected item
runtime/src/lib.rs:1:1: error: not ours
error: could not compile `check_cas` (lib) due to 2 previous errors
error: could not compile `check_ecs` (lib) due to 1 previous error
warning: unused import
";
        let found = errors_by_crate(stderr, &crates);
        assert_eq!(found.keys().collect::<Vec<_>>(), ["cas", "ecs"]);
        assert_eq!(found["cas"].len(), 2);
        assert!(found["cas"][1].starts_with("/tmp/x/crates/cas/src/lib.rs"));
        assert_eq!(
            found["ecs"],
            ["error: could not compile `check_ecs` (lib) due to 1 previous error"]
        );
    }
}
