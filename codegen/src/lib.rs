//! The generator: JSON API descriptions in `spec/` → Rust bindings.
//!
//! The pipeline is one function per stage, each in its own module:
//!
//! 1. [`load`]: find and parse the spec files;
//! 2. [`validate`]: check everything the files must satisfy;
//! 3. [`model`]: resolve names and references into plain data;
//! 4. [`emit`]: turn the model into token streams with `quote!`;
//! 5. [`format`]: pretty-print them with prettyplease;
//! 6. [`write`]: update only the files that changed (or check them).
//!
//! [`generate`] runs stages 1–5 entirely in memory, so a broken spec never
//! leaves a half-written crate; [`write::write`] runs only on success.

pub mod emit;
pub mod error;
pub mod format;
pub mod load;
pub mod model;
pub mod schema;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

pub use emit::{EmitOptions, RuntimeSource};
pub use error::{Diagnostics, SpecError};

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Source files: path relative to `src/`, and contents.
    pub files: Vec<(PathBuf, String)>,
    /// For each action module: its snapshot name (`vendor/product/Action`) and contents.
    pub actions: Vec<(String, String)>,
    /// The `[features]` block for `Cargo.toml`, when products are feature-gated.
    pub features: Option<String>,
    /// Products, actions and shapes generated.
    pub counts: (usize, usize, usize),
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
pub fn generate(spec_dir: &Path, options: &EmitOptions) -> Result<Generated, GenerateError> {
    let tree = load::load_tree(spec_dir)?;
    validate::validate(&tree)?;
    let model = model::build(&tree)?;
    let emitted = emit::emit(&model, options);
    let mut files = Vec::with_capacity(emitted.files.len());
    let mut actions = Vec::new();
    for file in &emitted.files {
        let text =
            format::render(file, &options.spec_label).map_err(|e| GenerateError::Internal {
                file: file.path.clone(),
                message: e.to_string(),
            })?;
        if let Some(name) = &file.action {
            actions.push((name.clone(), text.clone()));
        }
        files.push((file.path.clone(), text));
    }
    let features = options
        .product_features
        .then(|| format::render_features(&emitted.features));
    Ok(Generated {
        files,
        actions,
        features,
        counts: model.counts(),
    })
}
