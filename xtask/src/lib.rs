//! The project's commands, as a library so that tests run exactly what
//! `cargo xtask` runs (the drift check in `tests/` calls [`generate::run`]).

pub mod bench;
pub mod generate;
pub mod go_errors;
pub mod impact;
pub mod import;
pub mod import_check;
pub mod products;
pub mod spec_bundle;

use std::path::{Path, PathBuf};

/// The workspace root (the folder holding `spec/`, `codegen/`, `generated/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// How the spec root (`spec/`) is named to a person: its path from the
/// repository root. Generated headers and spec errors use it, so an error
/// names `spec/tencent/ssl/actions/X.json`, a path that can be opened as it is.
pub const SPEC_LABEL: &str = "spec";
