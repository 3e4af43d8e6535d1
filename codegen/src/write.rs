//! Stage 6, write: put the generated files on disk, or check that they are there.
//!
//! Only files whose content changed are rewritten (so build tools see no
//! spurious changes); generated files whose spec is gone are removed. The
//! writer owns exactly the files that start with the generated header: any
//! other file is never touched, and a generated file that would replace one
//! is an error, before anything is written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::format::{FEATURES_BEGIN, FEATURES_END, HEADER_PREFIX};

/// Write the files, or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Bring the crate up to date.
    Write,
    /// Change nothing; report every file that differs.
    Check,
}

/// What `write` did or would do.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Files (re)written, or in check mode: files that are missing or differ.
    pub written: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Generated files removed because their spec is gone (in check mode: that would be removed).
    pub removed: Vec<PathBuf>,
}

impl Report {
    /// Whether anything is (or was) out of date.
    pub fn is_stale(&self) -> bool {
        !self.written.is_empty() || !self.removed.is_empty()
    }
}

/// A failure to read or write the crate.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// A file system operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A generated file would replace a file the generator did not write.
    #[error("{}: expected a generated file (starting with `{HEADER_PREFIX}`) or none; refusing to overwrite a file the generator did not write", path.display())]
    NotGenerated {
        /// The file.
        path: PathBuf,
    },
    /// `Cargo.toml` has no generated features block to update.
    #[error("{}: expected the lines `{FEATURES_BEGIN}` and `{FEATURES_END}` around the [features] table", path.display())]
    MissingFeatureMarkers {
        /// The manifest.
        path: PathBuf,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Brings `crate_dir` to `files` (paths relative to `src/`) and, if given,
/// the features block of its `Cargo.toml`.
pub fn write(
    crate_dir: &Path,
    files: &[(PathBuf, String)],
    features: Option<&str>,
    mode: Mode,
) -> Result<Report, WriteError> {
    let src = crate_dir.join("src");
    let mut report = Report::default();
    let wanted: BTreeSet<PathBuf> = files.iter().map(|(path, _)| path.clone()).collect();
    // Before anything is written: a generated file may only replace a generated one.
    for path in &wanted {
        let target = src.join(path);
        if target.exists() && !starts_with_header(&target) {
            return Err(WriteError::NotGenerated { path: target });
        }
    }
    // Files are independent and the file system does the waiting: compare and
    // write on every core.
    let changed = crate::parallel::map(files, |(path, contents)| -> Result<bool, WriteError> {
        let target = src.join(path);
        if read_if_exists(&target)?.as_deref() == Some(contents.as_str()) {
            return Ok(false);
        }
        if mode == Mode::Write {
            write_atomically(&target, contents)?;
        }
        Ok(true)
    });
    for ((path, _), changed) in files.iter().zip(changed) {
        if changed? {
            report.written.push(Path::new("src").join(path));
        } else {
            report.unchanged += 1;
        }
    }
    let mut orphans = Vec::new();
    find_generated(&src, Path::new(""), &mut orphans)?;
    for orphan in orphans.into_iter().filter(|p| !wanted.contains(p)) {
        if mode == Mode::Write {
            let path = src.join(&orphan);
            fs::remove_file(&path).map_err(io_error(&path))?;
            remove_empty_parents(&src, &path);
        }
        report.removed.push(Path::new("src").join(orphan));
    }
    if let Some(block) = features {
        let manifest = crate_dir.join("Cargo.toml");
        let current = fs::read_to_string(&manifest).map_err(io_error(&manifest))?;
        let updated =
            splice_features(&current, block).ok_or_else(|| WriteError::MissingFeatureMarkers {
                path: manifest.clone(),
            })?;
        if updated == current {
            report.unchanged += 1;
        } else {
            if mode == Mode::Write {
                write_atomically(&manifest, &updated)?;
            }
            report.written.push(PathBuf::from("Cargo.toml"));
        }
    }
    Ok(report)
}

/// Brings one file outside a crate's `src/` (such as a schema) up to date;
/// returns whether it was (or, in check mode, would be) written.
pub fn ensure_file(path: &Path, contents: &str, mode: Mode) -> Result<bool, WriteError> {
    if read_if_exists(path)?.as_deref() == Some(contents) {
        return Ok(false);
    }
    if mode == Mode::Write {
        write_atomically(path, contents)?;
    }
    Ok(true)
}

fn read_if_exists(path: &Path) -> Result<Option<String>, WriteError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(path)(e)),
    }
}

/// Writes through a temporary file and a rename, so an interrupted run never
/// leaves a half-written source file behind.
fn write_atomically(path: &Path, contents: &str) -> Result<(), WriteError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    let temp = path.with_extension("tmp~");
    fs::write(&temp, contents).map_err(io_error(&temp))?;
    fs::rename(&temp, path).map_err(io_error(path))
}

/// Every `.rs` file under `dir` that starts with the generated header.
fn find_generated(root: &Path, rel: &Path, found: &mut Vec<PathBuf>) -> Result<(), WriteError> {
    let dir = root.join(rel);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(&dir)(e)),
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let rel_path = rel.join(&name);
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            find_generated(root, &rel_path, found)?;
        } else if rel_path.extension().is_some_and(|e| e == "rs")
            && starts_with_header(&entry.path())
        {
            found.push(PathBuf::from(rel_path.to_string_lossy().replace('\\', "/")));
        }
    }
    Ok(())
}

fn starts_with_header(path: &Path) -> bool {
    use io::Read;
    let mut start = [0u8; 64];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let n = file.read(&mut start).unwrap_or(0);
    start[..n].starts_with(HEADER_PREFIX.as_bytes())
}

fn remove_empty_parents(src: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == src || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Replaces the lines from the begin marker through the end marker with `block`.
fn splice_features(manifest: &str, block: &str) -> Option<String> {
    let begin = manifest.find(FEATURES_BEGIN)?;
    let end_marker = begin + manifest[begin..].find(FEATURES_END)?;
    let mut end = end_marker + FEATURES_END.len();
    if manifest[end..].starts_with('\n') {
        end += 1;
    }
    Some(format!(
        "{}{}{}",
        &manifest[..begin],
        block,
        &manifest[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splices_only_between_markers() {
        let manifest = format!(
            "[package]\nname = \"x\"\n\n{FEATURES_BEGIN}\nold = []\n{FEATURES_END}\n\n[dependencies]\n"
        );
        let block = format!("{FEATURES_BEGIN}\n[features]\nnew = []\n{FEATURES_END}\n");
        let out = splice_features(&manifest, &block).unwrap();
        assert_eq!(
            out,
            format!("[package]\nname = \"x\"\n\n{block}\n[dependencies]\n")
        );
        assert_eq!(splice_features("[package]\n", &block), None);
    }

    #[test]
    fn writes_changed_files_removes_orphans_and_spares_other_files() {
        let dir = std::env::temp_dir().join(format!("codegen-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let src = dir.join("src");
        fs::create_dir_all(src.join("gone")).unwrap();
        let header = format!("{HEADER_PREFIX} from spec/x.json.\n");
        fs::write(src.join("gone/old.rs"), &header).unwrap();
        fs::write(src.join("notes.rs"), "// hand-written\n").unwrap();
        let files = vec![(PathBuf::from("lib.rs"), format!("{header}pub mod a;\n"))];

        let check = write(&dir, &files, None, Mode::Check).unwrap();
        assert_eq!(check.written, vec![PathBuf::from("src/lib.rs")]);
        assert_eq!(check.removed, vec![PathBuf::from("src/gone/old.rs")]);
        assert!(!src.join("lib.rs").exists(), "check mode must not write");

        let first = write(&dir, &files, None, Mode::Write).unwrap();
        assert_eq!(first, check);
        assert!(!src.join("gone").exists());
        assert!(src.join("notes.rs").exists());

        let second = write(&dir, &files, None, Mode::Write).unwrap();
        assert!(!second.is_stale());
        assert_eq!(second.unchanged, 1);

        // A generated file never replaces a file the generator did not
        // write; and then nothing at all is written.
        let clashing = vec![
            (PathBuf::from("lib.rs"), format!("{header}pub mod b;\n")),
            (PathBuf::from("notes.rs"), format!("{header}// generated\n")),
        ];
        for mode in [Mode::Check, Mode::Write] {
            let error = write(&dir, &clashing, None, mode).unwrap_err();
            assert!(
                matches!(&error, WriteError::NotGenerated { path } if path.ends_with("notes.rs")),
                "{error}"
            );
        }
        assert_eq!(
            fs::read_to_string(src.join("notes.rs")).unwrap(),
            "// hand-written\n"
        );
        assert!(
            fs::read_to_string(src.join("lib.rs"))
                .unwrap()
                .ends_with("pub mod a;\n")
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
