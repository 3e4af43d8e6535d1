//! `cargo xtask import <tencent|alibaba> <file> [--actions A,B] [--force]`:
//! vendor metadata → spec files, then `cargo xtask gen` turns them into code.

use std::fs;
use std::path::{Path, PathBuf};

// `::import` is the importers' crate, not this module.
use ::import::{ImportOptions, ImportReport, alibaba, tencent, write_plan};

/// The arguments of `cargo xtask import`.
pub const USAGE: &str = "cargo xtask import <tencent|alibaba> FILE [--actions A,B] [--force]";

/// Which importer reads the input: the metadata format it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importer {
    /// A tccli `api.json`.
    Tencent,
    /// An Alibaba Cloud `api-docs.json`.
    Alibaba,
}

/// What `cargo xtask import` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportArgs {
    /// The importer for the input's format.
    pub importer: Importer,
    /// The metadata file.
    pub input: PathBuf,
    /// `--actions`.
    pub options: ImportOptions,
    /// `--force`: replace spec files that differ from the import.
    pub force: bool,
}

/// Reads the words after `import`; the error says what is missing or wrong.
pub fn parse_args(args: &[&str]) -> Result<ImportArgs, String> {
    let (importer, input, rest) = match args {
        [] => return Err("expected a vendor (tencent or alibaba) and a metadata FILE".into()),
        [importer] => return Err(format!("expected a metadata FILE after `{importer}`")),
        [importer, input, rest @ ..] => (importer, input, rest),
    };
    // An option where the file belongs means the file was left out; taking
    // `--force` for a file name would only fail later as a missing file.
    if input.starts_with('-') {
        return Err(format!(
            "expected a metadata FILE after `{importer}`, found the option `{input}`"
        ));
    }
    let importer = match *importer {
        "tencent" => Importer::Tencent,
        "alibaba" => Importer::Alibaba,
        other => {
            return Err(format!(
                "unknown vendor `{other}`; expected tencent or alibaba"
            ));
        }
    };
    let mut parsed = ImportArgs {
        importer,
        input: PathBuf::from(input),
        options: ImportOptions::default(),
        force: false,
    };
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--force" => parsed.force = true,
            "--actions" => match rest.next() {
                Some(list) => {
                    let actions = list.split(',').map(|a| a.trim().to_string()).collect();
                    parsed.options.actions = Some(actions);
                }
                None => return Err("--actions needs a comma-separated list".into()),
            },
            other => return Err(format!("unknown import option `{other}`")),
        }
    }
    Ok(parsed)
}

/// Imports the input into the `spec/` of the checkout at `root`; nothing
/// is written if the spec tree would not validate afterwards.
pub fn run(args: &ImportArgs, root: &Path) -> Result<ImportReport, String> {
    let input = &args.input;
    let text = fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let name = input.display().to_string();
    let plan = match args.importer {
        Importer::Tencent => tencent::plan(&name, &text, &args.options),
        Importer::Alibaba => alibaba::plan(&name, &text, &args.options),
    }
    .map_err(|e| e.to_string())?;
    write_plan(&root.join(crate::SPEC_LABEL), &plan, args.force)
        .map_err(|e| e.with_spec_label(crate::SPEC_LABEL).to_string())
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
    for path in &report.stale {
        text.push_str(&format!(
            "  stale        {} (the vendor's metadata no longer has it; --force removes it)\n",
            path.display()
        ));
    }
    for path in &report.removed {
        text.push_str(&format!("  removed      {}\n", path.display()));
    }
    for change in report.vendor_changes.iter().take(100) {
        text.push_str(&format!("  changed      {change}\n"));
    }
    if report.vendor_changes.len() > 100 {
        text.push_str(&format!(
            "  … and {} more changes\n",
            report.vendor_changes.len() - 100
        ));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_importer_file_and_options() {
        let args = parse_args(&["alibaba", "docs.json", "--actions", "A, B", "--force"]).unwrap();
        assert_eq!(args.importer, Importer::Alibaba);
        assert_eq!(args.input, PathBuf::from("docs.json"));
        assert_eq!(args.options.actions, Some(vec!["A".into(), "B".into()]));
        assert!(args.force);
        assert!(!parse_args(&["tencent", "api.json"]).unwrap().force);
    }

    #[test]
    fn says_what_is_missing_or_wrong() {
        assert!(parse_args(&[]).unwrap_err().contains("a metadata FILE"));
        let no_file = parse_args(&["tencent"]).unwrap_err();
        assert_eq!(no_file, "expected a metadata FILE after `tencent`");
        let option = parse_args(&["tencent", "--force"]).unwrap_err();
        assert_eq!(
            option,
            "expected a metadata FILE after `tencent`, found the option `--force`"
        );
        let option = parse_args(&["alibaba", "--actions", "A", "docs.json"]).unwrap_err();
        assert!(option.contains("found the option `--actions`"), "{option}");
        assert!(
            parse_args(&["aws", "x.json"])
                .unwrap_err()
                .contains("unknown vendor")
        );
        let missing = parse_args(&["tencent", "api.json", "--actions"]).unwrap_err();
        assert!(missing.contains("comma-separated"), "{missing}");
        let unknown = parse_args(&["tencent", "api.json", "--dry-run"]).unwrap_err();
        assert!(unknown.contains("--dry-run"), "{unknown}");
    }
}
