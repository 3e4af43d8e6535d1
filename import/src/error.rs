//! Why an import could not be planned or written.

use std::io;
use std::path::PathBuf;

use codegen::Diagnostics;

/// Why an import failed; nothing was written.
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
    /// The spec tree would not pass validation once the import is written:
    /// each problem names its file, JSON path and expectation.
    #[error("the spec tree would not be valid after this import:\n{0}")]
    Invalid(Diagnostics),
    /// Reading or writing a spec file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl ImportError {
    /// Names the spec files of [`ImportError::Invalid`] from the repository
    /// root: `label` is the spec root's path from there (see
    /// [`Diagnostics::with_spec_label`]).
    pub fn with_spec_label(self, label: &str) -> Self {
        match self {
            ImportError::Invalid(diagnostics) => {
                ImportError::Invalid(diagnostics.with_spec_label(label))
            }
            other => other,
        }
    }

    /// [`ImportError::Format`] for the input `file`.
    pub(crate) fn format(file: &str, json_path: &str, expected: impl Into<String>) -> Self {
        ImportError::Format {
            file: file.to_string(),
            json_path: json_path.to_string(),
            expected: expected.into(),
        }
    }
}
