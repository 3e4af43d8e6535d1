//! `cargo xtask gen [--check]`: regenerate every generated crate from its spec.
//!
//! All targets are generated in memory first; files are written only when
//! every target succeeded, so a broken spec leaves the tree untouched.

use std::fmt;
use std::path::{Path, PathBuf};

use codegen::write::{self, Mode, Report, WriteError};
use codegen::{EmitOptions, GenerateError};

use crate::spec_bundle;

/// One spec tree and the crate generated from it.
#[derive(Debug, Clone)]
pub struct Target {
    /// Short name for the summary.
    pub name: &'static str,
    /// The spec root.
    pub spec_dir: PathBuf,
    /// The crate whose `src/` receives the code.
    pub crate_dir: PathBuf,
    /// Emission choices.
    pub options: EmitOptions,
}

/// The crates this workspace generates: the bindings, and a fixture whose
/// names are built to clash with keywords and generated items.
pub fn targets(root: &Path) -> Vec<Target> {
    vec![
        Target {
            name: "generated",
            spec_dir: root.join(crate::SPEC_LABEL),
            crate_dir: root.join("generated"),
            options: EmitOptions {
                spec_label: crate::SPEC_LABEL.into(),
                product_features: true,
                crate_doc: None,
            },
        },
        Target {
            name: "tests/clash",
            spec_dir: root.join("tests/clash/spec"),
            crate_dir: root.join("tests/clash"),
            options: EmitOptions {
                spec_label: "tests/clash/spec".into(),
                product_features: false,
                crate_doc: Some(
                    "Test fixture: bindings generated from a spec whose names clash with Rust keywords and with the generator's own items (a field `Type`, an action `New`, a value `Unknown`...). It compiling, and its tests passing, is the test."
                        .into(),
                ),
            },
        },
    ]
}

/// What one run did (or, with `--check`, found out of date).
#[derive(Debug, Default)]
pub struct Summary {
    /// Per target: name, (products, actions, shapes), what the writer did.
    pub targets: Vec<(&'static str, (usize, usize, usize), Report)>,
    /// Schema files written (or stale), and how many were up to date.
    pub schemas: (Vec<PathBuf>, usize),
}

impl Summary {
    /// Whether anything was (or would be) written or removed.
    pub fn is_stale(&self) -> bool {
        self.targets.iter().any(|(_, _, r)| r.is_stale()) || !self.schemas.0.is_empty()
    }

    /// Every file that was written, removed or found stale, relative to the workspace root.
    pub fn changed_files(&self) -> Vec<String> {
        let mut files = Vec::new();
        for (name, _, report) in &self.targets {
            for path in &report.written {
                files.push(format!("{name}/{}", path.display()));
            }
            for path in &report.removed {
                files.push(format!("{name}/{} (to be removed)", path.display()));
            }
        }
        for path in &self.schemas.0 {
            files.push(format!("spec/schema/{}", path.display()));
        }
        files
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, (products, actions, shapes), report) in &self.targets {
            writeln!(
                f,
                "{name:<12} {products} products, {actions} actions, {shapes} types: {} written, {} unchanged, {} removed",
                report.written.len(),
                report.unchanged,
                report.removed.len()
            )?;
            for path in &report.written {
                writeln!(f, "  written  {name}/{}", path.display())?;
            }
            for path in &report.removed {
                writeln!(f, "  removed  {name}/{}", path.display())?;
            }
        }
        write!(
            f,
            "{:<12} {} written, {} unchanged",
            "spec/schema",
            self.schemas.0.len(),
            self.schemas.1
        )
    }
}

/// Why `gen` failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// A spec (or the generator) is broken; nothing was written.
    #[error("{target}: {source}")]
    Generate {
        /// Which target.
        target: &'static str,
        /// What went wrong.
        source: GenerateError,
    },
    /// Writing failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Generates every target of the checkout at `root` in memory, then writes
/// (or checks) them all, and the spec schemas.
pub fn run(root: &Path, mode: Mode) -> Result<Summary, GenError> {
    run_targets(&targets(root), Some(&root.join("spec/schema")), mode)
}

/// [`run`] for any targets; `schema_dir` receives the spec schemas if given.
pub fn run_targets(
    targets: &[Target],
    schema_dir: Option<&Path>,
    mode: Mode,
) -> Result<Summary, GenError> {
    let mut generated = Vec::new();
    for target in targets {
        let failed = |source| GenError::Generate {
            target: target.name,
            source,
        };
        let (tree, output) =
            codegen::generate_loaded(&target.spec_dir, &target.options).map_err(failed)?;
        // Only the crate with product features has a `spec-docs` feature to embed it.
        let documented = target
            .options
            .product_features
            .then(|| spec_bundle::documented(&tree));
        generated.push((output, spec_bundle::bundle(&tree), documented));
    }
    let mut summary = Summary::default();
    for (target, (output, bundle, documented)) in targets.iter().zip(&generated) {
        let mut report = write::write(
            &target.crate_dir,
            &output.files,
            output.features.as_deref(),
            mode,
        )?;
        let bundles = [
            (spec_bundle::FILE_NAME, Some(bundle)),
            (spec_bundle::DOCS_FILE_NAME, documented.as_ref()),
        ];
        for (name, text) in bundles {
            let Some(text) = text else { continue };
            if write::ensure_file(&target.crate_dir.join(name), text, mode)? {
                report.written.push(PathBuf::from(name));
            } else {
                report.unchanged += 1;
            }
        }
        summary.targets.push((target.name, output.counts, report));
    }
    let Some(schema_dir) = schema_dir else {
        return Ok(summary);
    };
    for (name, contents) in codegen::load::schema::schema_files() {
        if write::ensure_file(&schema_dir.join(name), &contents, mode)? {
            summary.schemas.0.push(PathBuf::from(name));
        } else {
            summary.schemas.1 += 1;
        }
    }
    Ok(summary)
}
