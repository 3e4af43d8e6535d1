//! The spec files as the loader reads them: on disk, in memory, or on disk
//! with changes not yet written. Errors read the texts again from here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Spec files are small (the largest real action is tens of KiB); a bigger
/// file is a mistake, and refusing it early keeps memory bounded.
pub const MAX_SPEC_FILE_BYTES: usize = 4 * 1024 * 1024;

/// No pending files, for a tree read from disk as it is.
static NO_PENDING: BTreeMap<PathBuf, String> = BTreeMap::new();
/// No removed files.
static NO_REMOVED: BTreeSet<PathBuf> = BTreeSet::new();

/// The spec files as the loader reads them: those on disk under `root` (if
/// any), with `pending` written over them and `removed` deleted. Reporting
/// reads the texts again from here, so positions are found in what was loaded.
#[derive(Debug, Clone, Copy)]
pub struct SpecFiles<'a> {
    pub(super) root: Option<&'a Path>,
    pub(super) pending: &'a BTreeMap<PathBuf, String>,
    pub(super) removed: &'a BTreeSet<PathBuf>,
}

impl<'a> SpecFiles<'a> {
    /// The files on disk under `root`.
    pub fn on_disk(root: &'a Path) -> Self {
        SpecFiles::changed(root, &NO_PENDING, &NO_REMOVED)
    }

    /// The files under `root` once `pending` (paths relative to the root,
    /// and texts) are written and `removed` deleted.
    pub fn changed(
        root: &'a Path,
        pending: &'a BTreeMap<PathBuf, String>,
        removed: &'a BTreeSet<PathBuf>,
    ) -> Self {
        SpecFiles {
            root: Some(root),
            pending,
            removed,
        }
    }

    /// Only the files of `files`, none from disk.
    pub fn in_memory(files: &'a BTreeMap<PathBuf, String>) -> Self {
        SpecFiles {
            root: None,
            pending: files,
            removed: &NO_REMOVED,
        }
    }

    /// Whether `file` (relative to the root) is a file.
    pub fn is_file(&self, file: &Path) -> bool {
        self.pending.contains_key(file)
            || (!self.removed.contains(file) && self.root.is_some_and(|r| r.join(file).is_file()))
    }

    /// The text of `file`, as far as the loader reads it (at most one byte
    /// more than [`MAX_SPEC_FILE_BYTES`]), with
    /// bytes that are not UTF-8 replaced; `None` if it is not a readable file.
    pub fn text(&self, file: &Path) -> Option<String> {
        if !self.is_file(file) {
            return None;
        }
        let bytes = self.bytes(file).ok()?;
        Some(match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    /// The bytes of `file`, at most one more than the limit.
    pub(super) fn bytes(&self, file: &Path) -> Result<Vec<u8>, String> {
        match self.pending.get(file) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => match self.root {
                Some(root) => read_bounded(&root.join(file)),
                None => Err("expected a file, found none".to_string()),
            },
        }
    }

    /// The entries of `dir` that pending files add: files, and the folders they are in.
    pub(super) fn pending_entries(&self, dir: &Path) -> Vec<Entry> {
        let mut entries = Vec::new();
        for file in self.pending.keys() {
            let Ok(below) = file.strip_prefix(dir) else {
                continue;
            };
            let mut parts = below.components();
            if let Some(first) = parts.next() {
                entries.push(Entry {
                    name: first.as_os_str().to_string_lossy().into_owned(),
                    is_dir: parts.next().is_some(),
                });
            }
        }
        entries
    }
}

/// Reads at most one byte more than the limit, so a huge file costs no memory.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| format!("expected a readable file: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_SPEC_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("expected a readable file: {e}"))?;
    Ok(bytes)
}

/// A file or folder inside a folder of the tree.
pub(super) struct Entry {
    pub(super) name: String,
    pub(super) is_dir: bool,
}
