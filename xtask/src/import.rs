//! `cargo xtask import <tencent|alibaba> <file> [--actions A,B] [--force]`:
//! vendor metadata → spec files, then `cargo xtask gen` turns them into code.

use std::fs;
use std::path::Path;

use import::{ImportOptions, ImportReport};

/// Which format the input is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// A tccli `api.json`.
    Tencent,
    /// An Alibaba Cloud `api-docs.json`.
    Alibaba,
}

/// Imports `input` into `spec_root`.
pub fn run(
    vendor: Vendor,
    input: &Path,
    spec_root: &Path,
    options: &ImportOptions,
    force: bool,
) -> Result<ImportReport, String> {
    let text = fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let name = input.display().to_string();
    let plan = match vendor {
        Vendor::Tencent => ::import::tencent::plan(&name, &text, options),
        Vendor::Alibaba => ::import::alibaba::plan(&name, &text, options),
    }
    .map_err(|e| e.to_string())?;
    ::import::write_plan(spec_root, &plan, force).map_err(|e| e.to_string())
}

/// The one-screen summary of an import.
pub fn summary(report: &ImportReport) -> String {
    let mut text = format!(
        "created {}, unchanged {}, skipped {} (differ from the import; --force replaces them), overwritten {}, not mapped {}\n",
        report.created.len(),
        report.unchanged.len(),
        report.skipped.len(),
        report.overwritten.len(),
        report.unmapped.len()
    );
    for path in &report.skipped {
        text.push_str(&format!("  skipped      {}\n", path.display()));
    }
    for path in &report.overwritten {
        text.push_str(&format!("  overwritten  {}\n", path.display()));
    }
    for unmapped in report.unmapped.iter().take(50) {
        text.push_str(&format!("  not mapped   {unmapped}\n"));
    }
    if report.unmapped.len() > 50 {
        text.push_str(&format!(
            "  … and {} more not mapped\n",
            report.unmapped.len() - 50
        ));
    }
    text.push_str("next: cargo xtask gen");
    text
}
