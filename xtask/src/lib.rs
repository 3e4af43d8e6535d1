//! The project's commands, as a library so that tests run exactly what
//! `cargo xtask` runs (the drift check in `tests/` calls [`generate::run`]).

pub mod bench;
pub mod generate;
pub mod go_errors;
pub mod impact;
pub mod import;
pub mod import_check;
pub mod products;
pub mod signing_vectors;
pub mod spec_bundle;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The root of the checkout this process works on (the folder holding
/// `spec/`, `codegen/`, `generated/`), found when it runs.
///
/// Never a path baked in at compile time: checkouts that share a target
/// directory (git worktrees with one target, a CI cache) share this binary,
/// and a baked-in path would make `cargo xtask gen` run in one checkout
/// write into the other. `cargo run` and `cargo test` set
/// `CARGO_MANIFEST_DIR` in the environment to the package of the checkout
/// they were run in, so the search starts there; without it (the binary run
/// by hand), from the current directory.
pub fn find_workspace_root() -> Result<PathBuf, String> {
    root_for(
        std::env::var_os("CARGO_MANIFEST_DIR"),
        std::env::current_dir().ok(),
    )
}

/// [`find_workspace_root`], for tests and tools that cannot go on without it.
///
/// # Panics
///
/// When neither `CARGO_MANIFEST_DIR` nor the current directory is inside a checkout.
pub fn workspace_root() -> PathBuf {
    find_workspace_root().unwrap_or_else(|why| panic!("{why}"))
}

/// The root above the package `manifest_dir` names, else above `current_dir`.
fn root_for(
    manifest_dir: Option<OsString>,
    current_dir: Option<PathBuf>,
) -> Result<PathBuf, String> {
    let starts: Vec<PathBuf> = manifest_dir
        .map(PathBuf::from)
        .into_iter()
        .chain(current_dir)
        .collect();
    starts
        .iter()
        .find_map(|start| root_above(start))
        .ok_or_else(|| {
            let searched: Vec<String> = starts.iter().map(|s| s.display().to_string()).collect();
            format!(
                "no checkout of this workspace (a Cargo.toml with [workspace] beside an xtask/ folder) at or above {}; run inside a checkout or give --root DIR",
                if searched.is_empty() { "the current directory (unknown)".to_string() } else { searched.join(" or ") }
            )
        })
}

/// The nearest folder at or above `start` that is this workspace's root:
/// its `Cargo.toml` declares a `[workspace]` and an `xtask/` folder is
/// beside it. A member's own `Cargo.toml` (or a nested workspace such as
/// `tests/consumer/`) has no `xtask/` beside it, so the search goes on up.
pub fn root_above(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        if !dir.join("xtask").is_dir() {
            return None;
        }
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
        let manifest: toml::Table = manifest.parse().ok()?;
        manifest
            .contains_key("workspace")
            .then(|| dir.to_path_buf())
    })
}

/// The cargo that started this command (`CARGO`, which `cargo run` sets
/// in the environment), else `cargo` from `PATH`. Read when the command
/// runs, like [`find_workspace_root`]: a path baked in at build time names
/// the toolchain of whichever checkout built the shared binary.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// How the spec root (`spec/`) is named to a person: its path from the
/// repository root. Generated headers and spec errors use it, so an error
/// names `spec/tencent/ssl/actions/X.json`, a path that can be opened as it is.
pub const SPEC_LABEL: &str = "spec";

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A folder in the system's temporary directory, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("xtask-root-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A checkout's skeleton at `dir`: the workspace manifest, `xtask/` and a
    /// member whose own manifest has no `[workspace]`.
    fn skeleton(dir: &Path) {
        fs::create_dir_all(dir.join("xtask/src")).unwrap();
        fs::create_dir_all(dir.join("tests/clash")).unwrap();
        fs::write(
            dir.join("Cargo.toml"),
            "[workspace]\nmembers = [\"xtask\"]\n",
        )
        .unwrap();
        fs::write(
            dir.join("xtask/Cargo.toml"),
            "[package]\nname = \"xtask\"\n",
        )
        .unwrap();
        fs::write(
            dir.join("tests/clash/Cargo.toml"),
            "[package]\nname = \"clash\"\n",
        )
        .unwrap();
    }

    #[test]
    fn the_root_is_found_from_the_package_or_from_any_folder_below_it() {
        let scratch = Scratch::new("walk");
        let root = scratch.0.join("checkout");
        skeleton(&root);
        assert_eq!(root_above(&root.join("xtask")), Some(root.clone()));
        assert_eq!(root_above(&root.join("tests/clash")), Some(root.clone()));
        assert_eq!(root_above(&root), Some(root.clone()));
        // A folder with a `[workspace]` manifest but no xtask/ is another workspace's root.
        let nested = root.join("tests/consumer");
        fs::create_dir_all(&nested).unwrap();
        fs::write(nested.join("Cargo.toml"), "[workspace]\n").unwrap();
        assert_eq!(root_above(&nested), Some(root.clone()));
        // Outside any checkout there is none.
        assert_eq!(root_above(&scratch.0), None);
    }

    #[test]
    fn the_package_cargo_names_wins_over_the_current_directory() {
        let scratch = Scratch::new("order");
        let (a, b) = (scratch.0.join("a"), scratch.0.join("b"));
        skeleton(&a);
        skeleton(&b);
        assert_eq!(
            root_for(Some(b.join("xtask").into()), Some(a.join("tests/clash"))),
            Ok(b.clone())
        );
        assert_eq!(root_for(None, Some(a.join("xtask/src"))), Ok(a.clone()));
        // CARGO_MANIFEST_DIR of a package outside any checkout: the current directory decides.
        assert_eq!(
            root_for(Some(scratch.0.clone().into()), Some(a.clone())),
            Ok(a)
        );
        let why = root_for(None, Some(scratch.0.clone())).unwrap_err();
        assert!(why.contains("--root DIR"), "{why}");
        assert!(why.contains(&scratch.0.display().to_string()), "{why}");
    }
}
