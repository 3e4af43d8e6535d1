//! Vendor packages from PyPI: downloaded once into `target/vendor/` and
//! unpacked there (a wheel is a zip file), or installed with their
//! dependencies into a virtual environment under `target/` for the Python
//! tools the project runs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One package at one version.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Package {
    pub name: &'static str,
    pub version: &'static str,
}

impl Package {
    /// `name==version`, as pip takes it.
    pub(crate) fn requirement(self) -> String {
        format!("{}=={}", self.name, self.version)
    }
}

/// The unpacked wheel of `package`, downloaded once.
pub(super) fn fetch(vendor_dir: &Path, package: Package) -> Result<PathBuf, String> {
    let dir = vendor_dir.join(format!("{}-{}", package.name, package.version));
    let unpacked = dir.join("unpacked");
    if unpacked.is_dir() {
        return Ok(unpacked);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    run_command(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--disable-pip-version-check",
                "--dest",
            ])
            .arg(&dir)
            .arg(package.requirement()),
    )?;
    let wheel = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .ok_or_else(|| format!("no wheel of {} in {}", package.name, dir.display()))?;
    let partial = dir.join("unpacking");
    let _ = fs::remove_dir_all(&partial);
    run_command(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&wheel)
            .arg(&partial),
    )?;
    fs::rename(&partial, &unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    Ok(unpacked)
}

/// A virtual environment at `dir` with `requirements` (`name==version`)
/// installed by pip, made once; returns its `bin/` folder. pip runs each
/// time, so that a changed pin is installed; it changes nothing when the
/// pins are met.
pub(crate) fn venv<S: AsRef<std::ffi::OsStr>>(
    dir: &Path,
    requirements: &[S],
) -> Result<PathBuf, String> {
    let bin = dir.join("bin");
    let python = bin.join("python");
    if !python.exists() {
        run_command(Command::new("python3").args(["-m", "venv"]).arg(dir))?;
    }
    run_command(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(requirements),
    )?;
    Ok(bin)
}

/// The text of `file` under `dir`.
pub(super) fn read(dir: &Path, file: &str) -> Result<String, String> {
    let path = dir.join(file);
    fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs `command` (a Python tool), with its standard error in the failure.
pub(crate) fn run_command(command: &mut Command) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("{command:?}: {e} (python3 with pip is needed)"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
