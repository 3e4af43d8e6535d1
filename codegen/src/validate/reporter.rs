//! Where the checks record what they find: one file's problems, by JSON path.

use std::path::Path;

use crate::error::{Diagnostics, SpecError};

/// Records problems found in one file.
pub(crate) struct Reporter<'a> {
    file: &'a Path,
    diagnostics: &'a mut Diagnostics,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(file: &'a Path, diagnostics: &'a mut Diagnostics) -> Self {
        Reporter { file, diagnostics }
    }

    /// Records that the value at `json_path` is not what was `expected`.
    pub(crate) fn error(&mut self, json_path: impl Into<String>, expected: impl Into<String>) {
        self.diagnostics
            .push(SpecError::new(self.file, json_path, expected));
    }
}
