//! Stages 1–5 run in memory, one call: what `cargo xtask gen` runs before
//! it writes. Only with the `emit` feature (the default): a tool that only
//! reads specs (the testkit) builds without the code printers.

use std::path::{Path, PathBuf};

use crate::build_model::build_model;
use crate::emit::{self, EmitOptions};
use crate::error::Diagnostics;
use crate::{format, load, parallel};

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
    generate_loaded(spec_dir, options).map(|(_, generated)| generated)
}

/// [`generate`], also returning the loaded tree (overlays merged), for
/// tools that write more from it than code.
pub fn generate_loaded(
    spec_dir: &Path,
    options: &EmitOptions,
) -> Result<(load::SpecTree, Generated), GenerateError> {
    let shown = |diagnostics: Diagnostics| {
        diagnostics
            .located(&load::SpecFiles::on_disk(spec_dir))
            .with_spec_label(options.spec_label.as_str())
    };
    let tree = load::load_tree(spec_dir).map_err(shown)?;
    let generated = generate_tree(&tree, options).map_err(|error| match error {
        GenerateError::Spec(diagnostics) => GenerateError::Spec(shown(diagnostics)),
        internal @ GenerateError::Internal { .. } => internal,
    })?;
    Ok((tree, generated))
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
