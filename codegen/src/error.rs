//! What the generator says when a spec is wrong.
//!
//! Every problem names the file, the JSON path inside it and what was
//! expected there, so a maintainer can fix it without reading generator code.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The file, relative to the spec root (e.g. `tencent/ssl/actions/CreateCertificate.json`).
    pub file: PathBuf,
    /// JSON path of the offending value, e.g. `$.input[3].type`; `$` for the whole file.
    pub json_path: String,
    /// What was expected there, and what was found.
    pub expected: String,
    /// 1-based line and column, when the JSON parser knows them.
    pub position: Option<(usize, usize)>,
}

impl SpecError {
    /// A problem at `json_path` of `file`.
    pub fn new(file: &Path, json_path: impl Into<String>, expected: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            json_path: json_path.into(),
            expected: expected.into(),
            position: None,
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": at {}: {}", self.json_path, self.expected)
    }
}

/// Every problem found in a spec tree; generation stops if there is at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The problems, in file order.
    pub errors: Vec<SpecError>,
}

impl Diagnostics {
    /// Records one problem.
    pub fn push(&mut self, error: SpecError) {
        self.errors.push(error);
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Says, for each problem in a file that an overlay was merged over,
    /// which overlay: the problem may come from either file.
    pub fn with_overlays_noted(mut self, tree: &crate::load::SpecTree) -> Self {
        for error in &mut self.errors {
            let overlay = tree
                .vendors
                .iter()
                .flat_map(|v| &v.products)
                .find_map(|p| p.overlays.get(&error.file));
            if let Some(overlay) = overlay {
                error.expected.push_str(&format!(
                    " (in this file with overlay {} merged over it)",
                    overlay.display()
                ));
            }
        }
        self
    }

    /// `Ok(value)` if nothing was recorded, the problems otherwise.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            self.errors.sort_by(|a, b| {
                (&a.file, a.position, &a.json_path).cmp(&(&b.file, b.position, &b.json_path))
            });
            self.errors.dedup();
            Err(self)
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.errors {
            writeln!(f, "error: {error}")?;
        }
        let n = self.errors.len();
        write!(
            f,
            "{n} problem{} in spec files; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

impl From<SpecError> for Diagnostics {
    fn from(error: SpecError) -> Self {
        Diagnostics {
            errors: vec![error],
        }
    }
}
