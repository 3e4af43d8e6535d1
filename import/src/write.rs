//! Writing a plan: only once the spec tree it leaves behind validates, and
//! never over a file that differs from the import unless forced.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::load::{self, raw::to_spec_text};

use crate::error::ImportError;
use crate::plan::{ImportPlan, Unmapped};

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
    /// Files in `actions/` and `types/` a complete import no longer has (the
    /// vendor removed them), left alone.
    pub stale: Vec<PathBuf>,
    /// Such files, removed (`force`).
    pub removed: Vec<PathBuf>,
    /// What the vendor changed since the files on disk were imported:
    /// actions, types and fields added, removed or changed.
    pub vendor_changes: Vec<String>,
    /// Carried over from the plan.
    pub unmapped: Vec<Unmapped>,
}

/// Writes `plan` under `spec_root`; an existing file that differs is kept unless `force`.
///
/// The tree as it will be afterwards (the files on disk, with those this
/// write creates or replaces) is loaded and validated first, in memory; if it
/// fails, nothing is written and [`ImportError::Invalid`] names every problem,
/// with its line and column in the text as it would be written; files are
/// named relative to `spec_root` unless [`ImportError::with_spec_label`] says
/// how to name that root.
pub fn write_plan(
    spec_root: &Path,
    plan: &ImportPlan,
    force: bool,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport {
        unmapped: plan.unmapped.clone(),
        ..ImportReport::default()
    };
    let mut pending = BTreeMap::new();
    let import_md = plan.report.as_ref().map(|text| {
        let file = PathBuf::from(format!("{}/{}/IMPORT.md", plan.vendor, plan.product));
        (file, text.clone())
    });
    let texts = plan
        .files
        .iter()
        .map(|(relative, file)| (relative.clone(), to_spec_text(file)))
        .chain(import_md);
    for (relative, text) in texts {
        let path = spec_root.join(&relative);
        let existing = fs::read_to_string(&path).ok();
        if let Some(file) = plan.files.get(&relative) {
            report.vendor_changes.extend(crate::changes::describe(
                &relative,
                existing.as_deref(),
                file,
            ));
        }
        let (list, write) = match fs::read_to_string(&path) {
            Ok(existing) if existing == text => (&mut report.unchanged, false),
            Ok(_) if !force => (&mut report.skipped, false),
            Ok(_) => (&mut report.overwritten, true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => (&mut report.created, true),
            Err(source) => return Err(ImportError::Io { path, source }),
        };
        list.push(relative.clone());
        if write {
            pending.insert(relative, text);
        }
    }
    let mut removed = BTreeSet::new();
    if plan.complete {
        for stale in stale_files(spec_root, plan)? {
            report.vendor_changes.push(crate::changes::removed(&stale));
            if force {
                removed.insert(stale.clone());
                report.removed.push(stale);
            } else {
                report.stale.push(stale);
            }
        }
    }
    // Only problems in the imported product's files stop the import: another
    // product's (an overlay waiting for its own import) are not this import's doing.
    let product = PathBuf::from(format!("{}/{}", plan.vendor, plan.product));
    let ours = |mut diagnostics: codegen::Diagnostics| {
        diagnostics.errors.retain(|e| e.file.starts_with(&product));
        diagnostics
    };
    // Problems are located in the texts as they would be written.
    let files = load::SpecFiles::changed(spec_root, &pending, &removed);
    let tree = load::load_tree_changed(spec_root, &pending, &removed)
        .map_err(|diagnostics| ImportError::Invalid(diagnostics.located(&files)))?;
    if let Err(diagnostics) = codegen::validate::validate(&tree) {
        let diagnostics = ours(diagnostics);
        if !diagnostics.is_empty() {
            let diagnostics = diagnostics.with_overlays_noted(&tree).located(&files);
            return Err(ImportError::Invalid(diagnostics));
        }
    }
    for (relative, text) in pending {
        let path = spec_root.join(relative);
        fs::create_dir_all(path.parent().unwrap_or(spec_root))
            .and_then(|()| fs::write(&path, text))
            .map_err(|source| ImportError::Io { path, source })?;
    }
    for relative in removed {
        let path = spec_root.join(relative);
        fs::remove_file(&path).map_err(|source| ImportError::Io { path, source })?;
    }
    Ok(report)
}

/// The spec files in the product's `actions/` and `types/` that `plan` does not have.
fn stale_files(spec_root: &Path, plan: &ImportPlan) -> Result<Vec<PathBuf>, ImportError> {
    let mut stale = Vec::new();
    for folder in ["actions", "types"] {
        let relative = PathBuf::from(format!("{}/{}/{folder}", plan.vendor, plan.product));
        let dir = spec_root.join(&relative);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(source) => return Err(ImportError::Io { path: dir, source }),
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| name.ends_with(".json"))
            .collect();
        names.sort();
        for name in names {
            let file = PathBuf::from(format!("{}/{name}", relative.display()));
            if !plan.files.contains_key(&file) {
                stale.push(file);
            }
        }
    }
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{ImportOptions, SpecFile};
    use crate::tencent;

    /// A spec root holding the repository's tencent vendor file.
    fn spec_root(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("import-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("tencent")).unwrap();
        let vendor = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/tencent/vendor.json");
        fs::copy(vendor, root.join("tencent/vendor.json")).unwrap();
        root
    }

    /// `p/service.json` and `p/actions/DescribeX.json`.
    fn small_plan() -> ImportPlan {
        let api = r#"{"metadata": {"apiVersion": "2020-01-01", "serviceShortName": "p"},
            "actions": {"DescribeX": {"input": "In", "output": "Out"}},
            "objects": {"In": {"members": []}, "Out": {"members": []}}}"#;
        tencent::plan("api.json", api, &ImportOptions::default()).unwrap()
    }

    /// A spec root that `small_plan` was written into, and the plan.
    fn imported(name: &str) -> (PathBuf, ImportPlan) {
        let root = spec_root(name);
        let plan = small_plan();
        write_plan(&root, &plan, false).unwrap();
        (root, plan)
    }

    #[test]
    fn never_overwrites_a_differing_file_unless_forced() {
        let root = spec_root("force");
        let plan = small_plan();
        let service = PathBuf::from("tencent/p/service.json");
        let action = PathBuf::from("tencent/p/actions/DescribeX.json");
        let first = write_plan(&root, &plan, false).unwrap();
        assert_eq!(first.created.len(), 2);
        let text = fs::read_to_string(root.join(&action)).unwrap();
        let edited = text.replace("\"summary\": \"", "\"summary\": \"(edited) ");
        fs::write(root.join(&action), &edited).unwrap();
        let second = write_plan(&root, &plan, false).unwrap();
        assert_eq!(second.unchanged, vec![service]);
        assert_eq!(second.skipped, vec![action.clone()]);
        assert!(
            fs::read_to_string(root.join(&action))
                .unwrap()
                .contains("edited")
        );
        let forced = write_plan(&root, &plan, true).unwrap();
        assert_eq!(forced.overwritten, vec![action]);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_skipped_file_is_validated_as_it_stays_on_disk() {
        let (root, plan) = imported("skipped");
        let action = root.join("tencent/p/actions/DescribeX.json");
        let text = fs::read_to_string(&action).unwrap();
        // A hand edit that breaks the file: the import would leave it, so it counts.
        fs::write(
            &action,
            text.replace("\"name\": \"DescribeX\"", "\"name\": \"Other\""),
        )
        .unwrap();
        match write_plan(&root, &plan, false) {
            Err(ImportError::Invalid(diagnostics)) => {
                assert!(
                    diagnostics.errors.iter().any(|e| e.json_path == "$.name"),
                    "{diagnostics}"
                )
            }
            other => panic!("expected the broken file to be reported, got {other:?}"),
        }
        // Forced, the import replaces the file, and the tree is valid again.
        let forced = write_plan(&root, &plan, true).unwrap();
        assert_eq!(forced.overwritten.len(), 1);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_loader_reads_back_what_the_import_built() {
        let (root, plan) = imported("read-back");
        let tree = load::load_tree(&root).unwrap();
        let product = &tree.vendors[0].products[0];
        assert_eq!(
            plan.files.get(&product.service.file),
            Some(&SpecFile::Service(product.service.value.clone()))
        );
        let action = &product.actions[0];
        assert_eq!(
            plan.files.get(&action.file),
            Some(&SpecFile::Action(Box::new(action.value.clone())))
        );
        fs::remove_dir_all(&root).unwrap();
    }
}
