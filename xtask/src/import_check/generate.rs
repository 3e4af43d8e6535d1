//! Each product imported and generated on its own, so one failure does not
//! hide the others, into its own crate of the scratch workspace; then the
//! products that generated, generated together once, as `cargo xtask gen`
//! would see them.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ::import::{ImportError, ImportOptions, ImportPlan, write_plan};
use codegen::GenerateError;
use codegen::write::{self, Mode};

use super::report::{Failure, Imported, Outcome, first_lines};
use super::workspace::{Scratch, remove_dir};

/// An importer: the metadata file's name and text → the product's spec files.
pub type Planner = fn(&str, &str, &ImportOptions) -> Result<ImportPlan, ImportError>;

/// One metadata file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// How reports name it: the vendor's folder (and version).
    pub label: String,
    /// The metadata file.
    pub file: PathBuf,
    /// Appended to the product's name for its crate, so that two versions
    /// of one product get two crates.
    pub crate_suffix: Option<String>,
}

/// Imports and generates every candidate on its own, then all that
/// generated together; returns the crate folder of each product that
/// generated, with its label.
pub fn generate_all(
    scratch: &Scratch,
    candidates: &[Candidate],
    planner: Planner,
    outcome: &mut Outcome,
) -> Result<BTreeMap<String, String>, String> {
    let spec = scratch.spec();
    scratch.prepare_spec_root(&spec)?;
    // Crate folder → the label of the product in it.
    let mut crates: BTreeMap<String, String> = BTreeMap::new();
    for candidate in candidates {
        let imported = import_one(scratch, candidate, planner, &crates, outcome);
        let Some(imported) = imported else {
            continue;
        };
        if imported.generated {
            crates.insert(imported.key.clone(), candidate.label.clone());
        }
        outcome.imported.push(imported);
    }
    if crates.is_empty() {
        return Ok(crates);
    }
    // All products in one tree, as `cargo xtask gen` would see them.
    let started = Instant::now();
    let together = codegen::generate(&spec, &scratch.emit_options());
    outcome.generate_all = started.elapsed();
    if let Err(e) = together {
        outcome.unattributed = Some(format!(
            "generating all products together failed:\n{}",
            first_lines(&e.to_string(), 10)
        ));
    }
    Ok(crates)
}

/// Imports and generates one product in the single-product spec root,
/// writes its scratch crate and moves its spec files into the combined
/// tree. `None` when it did not import (the failure is in `outcome`).
fn import_one(
    scratch: &Scratch,
    candidate: &Candidate,
    planner: Planner,
    done: &BTreeMap<String, String>,
    outcome: &mut Outcome,
) -> Option<Imported> {
    let mut fail = |stage, message: String| {
        outcome.failures.push(Failure {
            product: candidate.label.clone(),
            stage,
            message: first_lines(&message, 8),
        });
    };
    let file = &candidate.file;
    let plan = fs::read_to_string(file)
        .map_err(|e| format!("{}: {e}", file.display()))
        .and_then(|text| {
            planner(
                &file.display().to_string(),
                &text,
                &ImportOptions::default(),
            )
            .map_err(|e| e.to_string())
        });
    let plan = match plan {
        Ok(plan) => plan,
        Err(message) => {
            fail("import", message);
            return None;
        }
    };
    let key = match &candidate.crate_suffix {
        Some(suffix) => format!("{}_{suffix}", plan.product),
        None => plan.product.clone(),
    };
    if let Some(first) = done.get(&key) {
        fail(
            "import",
            format!("same product `{}` as the folder `{first}`", plan.product),
        );
        return None;
    }
    let mut imported = Imported {
        label: candidate.label.clone(),
        key,
        actions: count_files(&plan, "actions"),
        types: count_files(&plan, "types"),
        unmapped: plan.unmapped.clone(),
        generated: false,
    };
    match generate_one(scratch, &plan, &imported.key, &mut outcome.generate_each) {
        Ok(()) => imported.generated = true,
        Err((stage, message)) => fail(stage, message),
    }
    Some(imported)
}

/// The spec files of `plan` in its folder `actions` or `types`.
fn count_files(plan: &ImportPlan, folder: &str) -> usize {
    plan.files
        .keys()
        .filter(|p| p.parent().is_some_and(|d| d.ends_with(folder)))
        .count()
}

/// Writes `plan` alone into the single-product spec root, generates it into
/// `crates/<key>` (timed) and moves its spec files into the combined tree;
/// an error names its stage.
fn generate_one(
    scratch: &Scratch,
    plan: &ImportPlan,
    key: &str,
    generate_time: &mut Duration,
) -> Result<(), (&'static str, String)> {
    let single = scratch.single();
    let single_label = scratch.label("single");
    scratch
        .prepare_spec_root(&single)
        .map_err(|e| ("import", e))?;
    write_plan(&single, plan, true)
        .map_err(|e| ("import", e.with_spec_label(&single_label).to_string()))?;
    let started = Instant::now();
    let generated = codegen::generate(&single, &scratch.emit_options());
    *generate_time += started.elapsed();
    // The headers name where the product will be (the combined tree); a
    // problem is in the files where they are now.
    let generated = generated.map_err(|e| {
        let e = match e {
            GenerateError::Spec(diagnostics) => {
                GenerateError::Spec(diagnostics.with_spec_label(&single_label))
            }
            internal => internal,
        };
        ("generate", e.to_string())
    })?;
    let crate_dir = scratch.write_manifest(key).map_err(|e| ("generate", e))?;
    write::write(&crate_dir, &generated.files, None, Mode::Write)
        .map_err(|e| ("generate", e.to_string()))?;
    // Another version of the product may be there already: the later wins.
    let from = single.join(scratch.vendor()).join(&plan.product);
    let to = scratch.spec().join(scratch.vendor()).join(&plan.product);
    remove_dir(&to).map_err(|e| ("generate", e))?;
    fs::rename(&from, &to).map_err(|e| ("generate", format!("{}: {e}", from.display())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import_check::workspace::file_name;

    /// A scratch checkout holding only what the scratch spec roots copy.
    fn scratch_checkout(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("xtask-import-check-{name}-{}", std::process::id()));
        remove_dir(&root).unwrap();
        let spec = crate::workspace_root().join("spec");
        fs::create_dir_all(root.join("spec/alibaba")).unwrap();
        fs::create_dir_all(root.join("spec/schema")).unwrap();
        fs::copy(
            spec.join("alibaba/vendor.json"),
            root.join("spec/alibaba/vendor.json"),
        )
        .unwrap();
        for entry in fs::read_dir(spec.join("schema")).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, root.join("spec/schema").join(file_name(&path))).unwrap();
        }
        root
    }

    #[test]
    fn each_version_gets_its_crate_and_the_newest_the_combined_tree() {
        let root = scratch_checkout("versions");
        let docs = crate::workspace_root().join("xtask/tests/fixtures/import-check/api-docs");
        let candidate = |product: &str, version: &str, suffix: Option<&str>| Candidate {
            label: format!("{product}/{version}"),
            file: docs.join(product).join(version).join("api-docs.json"),
            crate_suffix: suffix.map(str::to_string),
        };
        let candidates = [
            candidate("widgets", "2023-01-01", Some("v2023")),
            candidate("widgets", "2024-01-01", Some("v2024")),
            candidate("widgets", "2024-01-01", Some("v2024")),
            candidate("broken", "2020-01-01", None),
        ];
        let scratch = Scratch::new(&root, "alibaba");
        let mut outcome = Outcome::default();
        let crates = generate_all(&scratch, &candidates, ::import::alibaba::plan, &mut outcome);

        let crates = crates.unwrap();
        assert_eq!(
            crates.keys().collect::<Vec<_>>(),
            ["widgets_v2023", "widgets_v2024"]
        );
        let work = root.join("target/import-check/alibaba");
        assert!(work.join("crates/widgets_v2023/src/lib.rs").is_file());
        let manifest = fs::read_to_string(work.join("crates/widgets_v2024/Cargo.toml")).unwrap();
        assert!(
            manifest.contains("name = \"check_widgets_v2024\""),
            "{manifest}"
        );
        // The later version replaced the earlier in the combined tree.
        let actions = work.join("spec/alibaba/widgets/actions");
        assert!(actions.join("DeleteWidget.json").is_file());
        let imported: Vec<(&str, usize)> = outcome
            .imported
            .iter()
            .map(|p| (p.label.as_str(), p.actions))
            .collect();
        assert_eq!(
            imported,
            [("widgets/2023-01-01", 1), ("widgets/2024-01-01", 2)]
        );
        assert!(outcome.generated().count() == 2 && outcome.unattributed.is_none());
        let failures: Vec<(&str, &str)> = outcome
            .failures
            .iter()
            .map(|f| (f.product.as_str(), f.stage))
            .collect();
        assert_eq!(
            failures,
            [
                ("widgets/2024-01-01", "import"),
                ("broken/2020-01-01", "import")
            ]
        );
        assert!(
            outcome.failures[0]
                .message
                .contains("same product `widgets` as the folder `widgets/2024-01-01`"),
            "{}",
            outcome.failures[0].message
        );
        remove_dir(&root).unwrap();
    }
}
