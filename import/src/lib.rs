//! Vendor metadata → spec files: the importers that feed `spec/`.
//!
//! Writing a spec file per action by hand does not scale, so each vendor
//! module turns its published metadata into an [`ImportPlan`]: the spec files
//! of one product and what could not be mapped. [`write_plan`] then writes
//! them, never overwriting a file that differs from what the import produces
//! (it may be hand-edited) unless forced.
//!
//! - [`tencent`]: the `api.json` files of the `tccli` package.
//! - [`alibaba`]: the `api-docs.json` metadata of an RPC-style product.
//!
//! This crate sits beside the generator, on top of its spec types
//! (`codegen::load`); `cargo xtask import` runs it, `cargo xtask gen` then
//! turns the spec files into code.

pub mod alibaba;
mod spec_text;
pub mod tencent;

pub use spec_text::to_spec_text;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What an import produces, before anything is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    /// Vendor folder, e.g. `tencent`.
    pub vendor: String,
    /// Product folder, e.g. `ssl`.
    pub product: String,
    /// Spec files relative to the spec root (`tencent/ssl/service.json`, …) and their content.
    pub files: BTreeMap<PathBuf, serde_json::Value>,
    /// Everything that could not be mapped, and why.
    pub unmapped: Vec<Unmapped>,
}

/// One thing an import skipped or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// What, e.g. `action DescribeFoo, member Bar`.
    pub what: String,
    /// Why it was skipped or how it was adapted.
    pub reason: String,
}

impl fmt::Display for Unmapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.what, self.reason)
    }
}

/// Which actions to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Only these actions (and the shapes they use); all when `None`.
    pub actions: Option<Vec<String>>,
}

/// Why an import could not start.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not in the expected format.
    #[error("{file}: at {json_path}: expected {expected}")]
    Format {
        /// The input file, as given.
        file: String,
        /// Where in it.
        json_path: String,
        /// What was expected there.
        expected: String,
    },
    /// An action named with `--actions` does not exist in the input.
    #[error("no action named {0} in the input")]
    NoSuchAction(String),
}

/// What writing a plan did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// New files.
    pub created: Vec<PathBuf>,
    /// Files already identical to the import.
    pub unchanged: Vec<PathBuf>,
    /// Existing files that differ (perhaps hand-edited), left alone.
    pub skipped: Vec<PathBuf>,
    /// Existing files that differed and were replaced (`force`).
    pub overwritten: Vec<PathBuf>,
    /// Carried over from the plan.
    pub unmapped: Vec<Unmapped>,
}

/// Writes `plan` under `spec_root`; an existing file that differs is kept unless `force`.
pub fn write_plan(spec_root: &Path, plan: &ImportPlan, force: bool) -> io::Result<ImportReport> {
    let mut report = ImportReport {
        unmapped: plan.unmapped.clone(),
        ..ImportReport::default()
    };
    for (relative, value) in &plan.files {
        let path = spec_root.join(relative);
        let text = to_spec_text(value);
        match fs::read_to_string(&path) {
            Ok(existing) if existing == text => report.unchanged.push(relative.clone()),
            Ok(_) if !force => report.skipped.push(relative.clone()),
            Ok(_) => {
                fs::write(&path, text)?;
                report.overwritten.push(relative.clone());
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&path, text)?;
                report.created.push(relative.clone());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_a_differing_file_unless_forced() {
        let root = std::env::temp_dir().join(format!("import-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let mut plan = ImportPlan::default();
        plan.files.insert(
            PathBuf::from("v/p/service.json"),
            serde_json::json!({"a": 1}),
        );
        plan.files.insert(
            PathBuf::from("v/p/actions/X.json"),
            serde_json::json!({"b": 2}),
        );
        let first = write_plan(&root, &plan, false).unwrap();
        assert_eq!(first.created.len(), 2);
        fs::write(
            root.join("v/p/actions/X.json"),
            "{\"b\": 3, \"edited\": true}\n",
        )
        .unwrap();
        let second = write_plan(&root, &plan, false).unwrap();
        assert_eq!(second.unchanged, vec![PathBuf::from("v/p/service.json")]);
        assert_eq!(second.skipped, vec![PathBuf::from("v/p/actions/X.json")]);
        assert!(
            fs::read_to_string(root.join("v/p/actions/X.json"))
                .unwrap()
                .contains("edited")
        );
        let forced = write_plan(&root, &plan, true).unwrap();
        assert_eq!(
            forced.overwritten,
            vec![PathBuf::from("v/p/actions/X.json")]
        );
        fs::remove_dir_all(&root).unwrap();
    }
}
