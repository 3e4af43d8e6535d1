//! The generator: JSON API descriptions in `spec/` → Rust bindings.
//!
//! The pipeline is one function per stage, each in its own module:
//!
//! 1. [`load`]: find and parse the spec files;
//! 2. [`validate`]: check everything the files must satisfy;
//! 3. [`model`]: resolve names and references into plain data;
//! 4. [`emit`]: turn the model into token streams with `quote!`;
//! 5. [`format`](mod@format): pretty-print them with prettyplease;
//! 6. [`write`](mod@write): update only the files that changed (or check them).
//!
//! [`generate`] runs stages 1–5 entirely in memory, so a broken spec never
//! leaves a half-written crate; [`write::write`] runs only on success.
//!
//! Besides the stages there is only what they share: [`error`], the
//! diagnostics that name a spec file, a JSON path and what was expected,
//! [`locate`], which finds a JSON path's line and column in a file's text,
//! and an ordered parallel map. The spec format itself is [`load::raw`]
//! (its JSON Schemas are derived from it, [`load::schema`]); the importers
//! that write spec files from vendor metadata are a crate of their own.
//!
//! Beside the pipeline, [`impact`] compares the models of two versions of a
//! spec and says which changes break the users of the generated crate.

pub mod emit;
pub mod error;
pub mod format;
pub mod impact;
pub mod load;
pub mod locate;
pub mod model;
mod parallel;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

pub use emit::EmitOptions;
pub use error::{Diagnostics, SpecError};

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Source files: path relative to `src/`, and contents.
    pub files: Vec<(PathBuf, String)>,
    /// For each action module: its snapshot name (`vendor/product/Action`) and its index in `files`.
    pub actions: Vec<(String, usize)>,
    /// The `[features]` block for `Cargo.toml`, when products are feature-gated.
    pub features: Option<String>,
    /// Products, actions and shapes generated.
    pub counts: (usize, usize, usize),
}

impl Generated {
    /// Each action module's snapshot name (`vendor/product/Action`) and code.
    pub fn action_sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.actions
            .iter()
            .map(|(name, i)| (name.as_str(), self.files[*i].1.as_str()))
    }
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The spec is wrong: each problem names its file, JSON path and expectation.
    #[error("{0}")]
    Spec(#[from] Diagnostics),
    /// The generator emitted code that does not parse; a bug in this crate.
    #[error("generator bug: the code emitted for {file} does not parse: {message}")]
    Internal {
        /// The output file.
        file: PathBuf,
        /// The parser's complaint.
        message: String,
    },
}

/// Runs load → validate → model → emit → format on the spec tree at `spec_dir`.
///
/// Spec problems are reported with their line and column, and name files
/// from the repository root as `options.spec_label` says.
pub fn generate(spec_dir: &Path, options: &EmitOptions) -> Result<Generated, GenerateError> {
    let shown = |diagnostics: Diagnostics| {
        diagnostics
            .located(&load::SpecFiles::on_disk(spec_dir))
            .with_spec_label(options.spec_label.as_str())
    };
    let tree = load::load_tree(spec_dir).map_err(shown)?;
    generate_tree(&tree, options).map_err(|error| match error {
        GenerateError::Spec(diagnostics) => GenerateError::Spec(shown(diagnostics)),
        internal @ GenerateError::Internal { .. } => internal,
    })
}

/// Runs validate → model on a loaded tree: the plain data that emit turns
/// into code, and that [`impact`] compares between two versions of a spec.
pub fn build_model(tree: &load::SpecTree) -> Result<model::Model, Diagnostics> {
    validate::validate(tree).map_err(|d| d.with_overlays_noted(tree))?;
    model::build(tree).map_err(|d| d.with_overlays_noted(tree))
}

/// Runs validate → model → emit → format on an already loaded tree (for
/// tools and fuzzing that build trees in memory).
///
/// A tree does not keep the texts it was read from, so the problems found
/// here have no line and column yet: [`Diagnostics::located`] adds them
/// from the files the tree was loaded from.
pub fn generate_tree(
    tree: &load::SpecTree,
    options: &EmitOptions,
) -> Result<Generated, GenerateError> {
    let model = build_model(tree)?;
    let jobs = emit::plan(&model);
    // Emit and print each file on one core, dropping its tokens at once:
    // the token streams of a whole crate would not fit the memory budget.
    let rendered = parallel::map(&jobs, |job| {
        format::render(job.emit(options), &job.source, &options.spec_label).map_err(|e| {
            GenerateError::Internal {
                file: job.path.clone(),
                message: e.to_string(),
            }
        })
    });
    let mut files = Vec::with_capacity(jobs.len());
    let mut actions = Vec::new();
    for (job, text) in jobs.iter().zip(rendered) {
        let text = text?;
        if let Some(name) = &job.action {
            actions.push((name.clone(), files.len()));
        }
        files.push((job.path.clone(), text));
    }
    let features = options
        .product_features
        .then(|| format::render_features(&emit::features(&model)));
    Ok(Generated {
        files,
        actions,
        features,
        counts: model.counts(),
    })
}
