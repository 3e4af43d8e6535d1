//! What the generator says when a spec is wrong.
//!
//! Every problem names the file, the line and column, the JSON path inside
//! it and what was expected there, so a maintainer can fix it without
//! reading generator code.
//!
//! The stages record problems by file (relative to the spec root, which is
//! also how the tree keys files, e.g. its overlays) and JSON path. At the
//! boundary where problems are shown, [`Diagnostics::located`] adds the
//! line and column from the texts that were loaded, and
//! [`Diagnostics::with_spec_label`] names files from the repository root.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

// The load stage's leaves, not `crate::load`: the loader reports with these diagnostics.
use crate::load::files::SpecFiles;
use crate::load::paths::display_path;
use crate::load::tree::SpecTree;
use crate::locate::{Outline, line_column};

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The file, relative to the spec root (e.g. `tencent/ssl/actions/CreateCertificate.json`).
    pub file: PathBuf,
    /// JSON path of the offending value, e.g. `$.input[3].type`; `$` for the whole file.
    pub json_path: String,
    /// What was expected there, and what was found.
    pub expected: String,
    /// 1-based line and column (in characters) in `file`.
    pub position: Option<(usize, usize)>,
    /// For a problem in a file that an overlay was merged over: that overlay,
    /// and what of the value at fault it set (boxed: most problems have none,
    /// and errors are passed around by value).
    pub overlay: Option<Box<OverlayNote>>,
}

/// The overlay merged over the file of a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayNote {
    /// The overlay file, relative to the spec root.
    pub file: PathBuf,
    /// Where in the overlay the value at fault, or a part of it, comes
    /// from; `None` if the overlay sets none of it.
    pub origin: Option<OverlayOrigin>,
}

/// The overlay's part in the value at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayOrigin {
    /// Its JSON path in the overlay.
    pub json_path: String,
    /// 1-based line and column in the overlay.
    pub position: Option<(usize, usize)>,
    /// Whether the overlay set the whole value (`false`: something inside it).
    pub whole: bool,
}

impl SpecError {
    /// A problem at `json_path` of `file`.
    pub fn new(file: &Path, json_path: impl Into<String>, expected: impl Into<String>) -> Self {
        SpecError {
            file: file.to_path_buf(),
            json_path: json_path.into(),
            expected: expected.into(),
            position: None,
            overlay: None,
        }
    }

    /// This problem, naming files as `spec_label/<file>` (see [`Diagnostics::with_spec_label`]).
    pub fn labeled<'a>(&'a self, spec_label: Option<&'a str>) -> impl fmt::Display + 'a {
        Labeled {
            error: self,
            spec_label,
        }
    }
}

/// A [`SpecError`] as shown, with its files named from a spec label.
struct Labeled<'a> {
    error: &'a SpecError,
    spec_label: Option<&'a str>,
}

impl Labeled<'_> {
    fn name(&self, file: &Path) -> String {
        match self.spec_label {
            Some(label) => display_path(label, file),
            None => file.display().to_string(),
        }
    }
}

impl fmt::Display for Labeled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.error;
        write!(f, "{}", self.name(&error.file))?;
        write_position(f, error.position)?;
        write!(f, ": at {}: {}", error.json_path, error.expected)?;
        let Some(note) = &error.overlay else {
            return Ok(());
        };
        let overlay = self.name(&note.file);
        match &note.origin {
            None => write!(
                f,
                " (overlay {overlay} is merged over this file, but does not set this value)"
            ),
            Some(origin) => {
                let what = if origin.whole {
                    "this value comes from overlay"
                } else {
                    "part of this value comes from overlay"
                };
                write!(f, " ({what} {overlay}")?;
                write_position(f, origin.position)?;
                write!(f, ", at {})", origin.json_path)
            }
        }
    }
}

fn write_position(f: &mut fmt::Formatter<'_>, position: Option<(usize, usize)>) -> fmt::Result {
    match position {
        Some((line, column)) => write!(f, ":{line}:{column}"),
        None => Ok(()),
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.labeled(None).fmt(f)
    }
}

/// Every problem found in a spec tree; generation stops if there is at least one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The problems, in file order.
    pub errors: Vec<SpecError>,
    /// How files are named when shown: the spec root's path from the
    /// repository root, as [`EmitOptions::spec_label`](crate::EmitOptions::spec_label)
    /// names it in generated headers (`spec`, `tests/clash/spec`). `None`
    /// shows them relative to the spec root.
    pub spec_label: Option<String>,
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
    /// which overlay, and where in it the value at fault comes from when
    /// the overlay set it: the problem may come from either file.
    pub fn with_overlays_noted(mut self, tree: &SpecTree) -> Self {
        for error in &mut self.errors {
            let overlaid = tree
                .vendors
                .iter()
                .flat_map(|v| &v.products)
                .find_map(|p| p.overlays.get(&error.file));
            if let Some(overlaid) = overlaid {
                error.overlay = Some(Box::new(OverlayNote {
                    file: overlaid.file.clone(),
                    origin: overlaid.origin(&error.json_path).map(|(json_path, whole)| {
                        OverlayOrigin {
                            json_path,
                            position: None,
                            whole,
                        }
                    }),
                }));
            }
        }
        self
    }

    /// Gives each problem its line and column: where its JSON path is in
    /// the text of its file as `files` has it (the texts that were loaded,
    /// pending ones included), and likewise in the overlay a value comes
    /// from. A path the text does not have (a missing key) is placed at its
    /// deepest ancestor that the text has. Files that cannot be read (a
    /// folder, a missing file) keep no position.
    pub fn located(mut self, files: &SpecFiles) -> Self {
        // Each file is read and outlined once, however many problems it has.
        let mut wanted: BTreeMap<PathBuf, Vec<(usize, bool)>> = BTreeMap::new();
        for (i, error) in self.errors.iter().enumerate() {
            if error.position.is_none() {
                wanted
                    .entry(error.file.clone())
                    .or_default()
                    .push((i, false));
            }
            if let Some(note) = &error.overlay
                && note.origin.as_ref().is_some_and(|o| o.position.is_none())
            {
                wanted.entry(note.file.clone()).or_default().push((i, true));
            }
        }
        for (file, problems) in wanted {
            let Some(text) = files.text(&file) else {
                continue;
            };
            let outline = Outline::new(&text);
            for (i, in_overlay) in problems {
                let error = &mut self.errors[i];
                let origin = error
                    .overlay
                    .as_mut()
                    .and_then(|note| note.origin.as_mut())
                    .filter(|_| in_overlay);
                let (json_path, position) = match origin {
                    Some(origin) => (&origin.json_path, &mut origin.position),
                    None => (&error.json_path, &mut error.position),
                };
                *position = match outline.find(json_path) {
                    Some(found) => Some(line_column(&text, found.offset)),
                    // No value at all (an empty or stray file): the whole file is at fault.
                    None => Some((1, 1)),
                };
            }
        }
        self.sort();
        self
    }

    /// Names files from the repository root when shown: `label` is the spec
    /// root's path from there (see [`Diagnostics::spec_label`]).
    pub fn with_spec_label(mut self, label: impl Into<String>) -> Self {
        self.spec_label = Some(label.into());
        self
    }

    /// `Ok(value)` if nothing was recorded, the problems otherwise.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            self.sort();
            Err(self)
        }
    }

    /// File order: by file, then position, then path; each problem once.
    fn sort(&mut self) {
        self.errors.sort_by(|a, b| {
            (&a.file, a.position, &a.json_path).cmp(&(&b.file, b.position, &b.json_path))
        });
        self.errors.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.errors {
            writeln!(f, "error: {}", error.labeled(self.spec_label.as_deref()))?;
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
            spec_label: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    const ACTION: &str = "v/p/actions/A.json";
    const OVERLAY: &str = "v/p/overlay/actions/A.json";

    #[test]
    fn problems_are_located_in_the_texts_loaded_and_named_from_the_label() {
        // Pending texts only: nothing of this is on disk.
        let pending = BTreeMap::from([
            (
                PathBuf::from(ACTION),
                "{\n  \"name\": \"A\",\n  \"input\": [\n    { \"name\": \"X\", \"constraints\": { \"minimum\": 5 } }\n  ]\n}\n".to_string(),
            ),
            (
                PathBuf::from(OVERLAY),
                "{\n  \"name\": \"A\",\n  \"input\": [{ \"name\": \"X\", \"constraints\": { \"minimum\": 5 } }]\n}\n".to_string(),
            ),
        ]);
        let removed = BTreeSet::new();
        let files = SpecFiles::changed(Path::new("/no/such/spec/root"), &pending, &removed);
        let from_overlay = SpecError {
            overlay: Some(Box::new(OverlayNote {
                file: PathBuf::from(OVERLAY),
                origin: Some(OverlayOrigin {
                    json_path: "$.input[0].constraints".into(),
                    position: None,
                    whole: true,
                }),
            })),
            ..SpecError::new(
                Path::new(ACTION),
                "$.input[0].constraints",
                "expected a maximum",
            )
        };
        let diagnostics = Diagnostics {
            errors: vec![
                from_overlay,
                SpecError::new(Path::new(ACTION), "$.output", "expected key `output`"),
                SpecError::new(Path::new("v/p/actions"), "$", "expected a readable folder"),
            ],
            spec_label: None,
        }
        .located(&files)
        .with_spec_label("spec");
        assert_eq!(
            diagnostics.to_string(),
            "error: spec/v/p/actions: at $: expected a readable folder\n\
             error: spec/v/p/actions/A.json:1:1: at $.output: expected key `output`\n\
             error: spec/v/p/actions/A.json:4:35: at $.input[0].constraints: expected a maximum \
             (this value comes from overlay spec/v/p/overlay/actions/A.json:3:43, at $.input[0].constraints)\n\
             3 problems in spec files; nothing was written"
        );
        // The files stay keyed relative to the spec root.
        assert_eq!(diagnostics.errors[1].file, Path::new(ACTION));
    }

    #[test]
    fn an_overlay_note_says_what_the_overlay_set() {
        let mut error = SpecError::new(Path::new(ACTION), "$.input[0]", "expected x");
        error.position = Some((4, 5));
        error.overlay = Some(Box::new(OverlayNote {
            file: PathBuf::from(OVERLAY),
            origin: None,
        }));
        assert_eq!(
            error.to_string(),
            "v/p/actions/A.json:4:5: at $.input[0]: expected x \
             (overlay v/p/overlay/actions/A.json is merged over this file, but does not set this value)"
        );
        error.overlay = Some(Box::new(OverlayNote {
            file: PathBuf::from(OVERLAY),
            origin: Some(OverlayOrigin {
                json_path: "$.input[1].type".into(),
                position: Some((7, 15)),
                whole: false,
            }),
        }));
        assert_eq!(
            error.labeled(Some("tests/clash/spec")).to_string(),
            "tests/clash/spec/v/p/actions/A.json:4:5: at $.input[0]: expected x \
             (part of this value comes from overlay tests/clash/spec/v/p/overlay/actions/A.json:7:15, at $.input[1].type)"
        );
    }
}
