//! The change report of `cargo xtask gen` and `cargo xtask diff`: what a
//! spec change means for users of the generated crate, computed by
//! [`codegen::impact`] from the models of two versions of `spec/`.
//!
//! `diff` compares a git revision with the working tree. `gen` compares
//! with the spec that `generated/` was last generated from: the one it
//! remembered in `target/` if `generated/` is still what it wrote then,
//! otherwise the committed spec (`HEAD`), which the drift check keeps in
//! step with the committed `generated/`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use codegen::impact::{self, Report};
use codegen::model::Model;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Spec files by path relative to the spec root.
pub type SpecFiles = BTreeMap<PathBuf, String>;

/// A version of the spec to compare with, and how to name it.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// e.g. `HEAD` or `the previous cargo xtask gen`.
    pub label: String,
    /// Its files.
    pub files: SpecFiles,
}

/// `cargo xtask diff` options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffArgs {
    /// The git revision to compare the working tree with.
    pub base: String,
    /// Print Markdown instead of plain text.
    pub markdown: bool,
    /// Fail when a change is breaking.
    pub deny_breaking: bool,
}

/// Usage of `cargo xtask diff`.
pub const DIFF_USAGE: &str = "cargo xtask diff --base REV [--markdown] [--deny-breaking]";

/// Parses the arguments after `diff`.
pub fn parse_diff_args(args: &[&str]) -> Result<DiffArgs, String> {
    let mut parsed = DiffArgs::default();
    let mut base = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--base" => match rest.next() {
                Some(rev) if !rev.starts_with("--") => base = Some(rev.to_string()),
                _ => return Err(format!("--base needs a git revision: {DIFF_USAGE}")),
            },
            "--markdown" => parsed.markdown = true,
            "--deny-breaking" => parsed.deny_breaking = true,
            other => return Err(format!("unknown argument `{other}`: {DIFF_USAGE}")),
        }
    }
    parsed.base = base.ok_or_else(|| format!("expected --base REV: {DIFF_USAGE}"))?;
    Ok(parsed)
}

/// The report between revision `rev` and the working tree of the checkout at `root`.
pub fn diff(root: &Path, rev: &str) -> Result<Report, String> {
    let label = format!("spec/ at {rev}");
    let old = merged(&spec_at_revision(root, rev)?, &label).map_err(|e| {
        format!("{e}\n(this generator reads spec/ of {rev} as today's spec format; a revision from before a format change cannot be compared)")
    })?;
    compare(&old, &label, &working_spec(root)?)
}

/// The report as `cargo xtask diff` prints it.
pub fn render(root: &Path, report: &Report, against: &str, markdown: bool) -> String {
    let version = crate_version(root);
    if markdown {
        report.to_markdown(against, version)
    } else {
        report.to_text(against, version)
    }
}

/// What `gen` compares with: see the module documentation.
pub fn previous_generated_state(root: &Path) -> Result<Baseline, String> {
    if let Some(remembered) = remembered(root) {
        return Ok(remembered);
    }
    let label = "HEAD";
    Ok(Baseline {
        label: label.into(),
        files: merged(&spec_at_revision(root, label)?, label)?,
    })
}

/// The report of `gen`, from `before` to `now`, the spec it generated from
/// (see [`working_spec`]).
pub fn since(before: &Baseline, now: &SpecFiles) -> Result<Report, String> {
    compare(&before.files, &before.label, now)
}

/// Remembers `now` (see [`working_spec`]) as the spec `generated/` reflects.
pub fn remember(root: &Path, now: &SpecFiles) -> Result<(), String> {
    let state = Remembered {
        generated_sha256: generated_digest(root)?,
        files: now
            .iter()
            .map(|(path, text)| (path.to_string_lossy().replace('\\', "/"), text.clone()))
            .collect(),
    };
    let path = state_file(root);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string(&state).map_err(|e| e.to_string())?;
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The spec `gen` last generated from, and a digest of what it wrote.
#[derive(Serialize, Deserialize)]
struct Remembered {
    generated_sha256: String,
    files: BTreeMap<String, String>,
}

/// Beside the checkout's build output (ignored by git), and per checkout,
/// so that two checkouts sharing a `CARGO_TARGET_DIR` do not mix states.
fn state_file(root: &Path) -> PathBuf {
    root.join("target/xtask/generated-from.json")
}

/// The remembered spec, if `generated/` is still exactly what `gen` wrote
/// with it (not since edited, checked out or pulled).
fn remembered(root: &Path) -> Option<Baseline> {
    let text = fs::read_to_string(state_file(root)).ok()?;
    let state: Remembered = serde_json::from_str(&text).ok()?;
    if generated_digest(root).ok()? != state.generated_sha256 {
        return None;
    }
    Some(Baseline {
        label: "the previous `cargo xtask gen`".into(),
        files: state
            .files
            .into_iter()
            .map(|(path, text)| (PathBuf::from(path), text))
            .collect(),
    })
}

/// SHA-256 over the paths and contents of every file in `generated/src`.
fn generated_digest(root: &Path) -> Result<String, String> {
    let src = root.join("generated/src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files)?;
    files.sort();
    let mut hash = Sha256::new();
    for (path, bytes) in files {
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(hex::encode(hash.finalize()))
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(base, &path, out)?;
        } else {
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let rel = path.strip_prefix(base).unwrap_or(&path);
            out.push((rel.to_string_lossy().replace('\\', "/"), bytes));
        }
    }
    Ok(())
}

/// The working tree's spec, overlays merged: the form every baseline is
/// kept in, so that equal specs are equal files.
pub fn working_spec(root: &Path) -> Result<SpecFiles, String> {
    let tree = codegen::load::load_tree(&root.join("spec")).map_err(|e| e.to_string())?;
    Ok(tree.to_files())
}

/// Spec files as they are kept in git (overlays beside what they amend)
/// in the form of [`working_spec`].
fn merged(files: &SpecFiles, label: &str) -> Result<SpecFiles, String> {
    let tree =
        codegen::load::load_files(files).map_err(|diagnostics| shown(diagnostics, files, label))?;
    Ok(tree.to_files())
}

/// The report between two specs in merged form. Only the products whose
/// files differ are modelled: a product's model depends on its own files
/// and its vendor's `vendor.json`, so the others have nothing to report,
/// and regenerating after a one-product edit does not model every product
/// twice.
fn compare(old: &SpecFiles, label: &str, new: &SpecFiles) -> Result<Report, String> {
    let (old, new) = changed_products(old, new);
    if old.is_empty() && new.is_empty() {
        return Ok(Report::default());
    }
    Ok(impact::compare(
        &model(&old, label)?,
        &model(&new, "spec/")?,
    ))
}

/// A part of the spec: a vendor, and one of its products (none for the
/// vendor's own files, such as `vendor.json`).
type Part = (String, Option<String>);

/// Which part `path` (relative to the spec root) belongs to.
fn part(path: &Path) -> Part {
    let mut names = path.iter().map(|name| name.to_string_lossy().into_owned());
    let vendor = names.next().unwrap_or_default();
    // `vendor/file` is the vendor's own; `vendor/product/...` the product's.
    let product = names.next().filter(|_| names.next().is_some());
    (vendor, product)
}

/// The files of `files`, by part.
fn by_part(files: &SpecFiles) -> BTreeMap<Part, Vec<(&PathBuf, &String)>> {
    let mut parts: BTreeMap<Part, Vec<(&PathBuf, &String)>> = BTreeMap::new();
    for (path, text) in files {
        parts.entry(part(path)).or_default().push((path, text));
    }
    parts
}

/// The files of the products that differ between `old` and `new` (every
/// product of a vendor whose own files differ), with their vendors' own files.
fn changed_products(old: &SpecFiles, new: &SpecFiles) -> (SpecFiles, SpecFiles) {
    let (old, new) = (by_part(old), by_part(new));
    let changed: Vec<&Part> = old
        .keys()
        .chain(new.keys())
        .filter(|part| old.get(*part) != new.get(*part))
        .collect();
    let kept = |(vendor, product): &Part| {
        changed.iter().any(|(changed_vendor, changed_product)| {
            changed_vendor == vendor
                && (product.is_none() || changed_product.is_none() || changed_product == product)
        })
    };
    // Only the kept files are copied: after a one-product edit, one product's.
    let restrict = |parts: &BTreeMap<Part, Vec<(&PathBuf, &String)>>| -> SpecFiles {
        parts
            .iter()
            .filter(|(part, _)| kept(part))
            .flat_map(|(_, files)| {
                files
                    .iter()
                    .map(|(path, text)| ((*path).clone(), (*text).clone()))
            })
            .collect()
    };
    (restrict(&old), restrict(&new))
}

/// The spec files of revision `rev`, read from git without touching the
/// working tree: one `ls-tree` for the paths, one `cat-file --batch` for
/// the contents.
pub fn spec_at_revision(root: &Path, rev: &str) -> Result<SpecFiles, String> {
    let listing = git(
        root,
        &["ls-tree", "-r", "-z", "--full-tree", rev, "--", "spec"],
        None,
    )?;
    let mut objects = Vec::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        // `<mode> blob <id>\t<path>`
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        if let (Some(_), Some("blob"), Some(id)) = (meta.next(), meta.next(), meta.next())
            && let Some(rel) = path.strip_prefix("spec/")
        {
            objects.push((id.to_string(), PathBuf::from(rel)));
        }
    }
    if objects.is_empty() {
        return Err(format!("revision {rev} has no spec/ folder"));
    }
    let request: String = objects.iter().map(|(id, _)| format!("{id}\n")).collect();
    let output = git(root, &["cat-file", "--batch"], Some(request.as_bytes()))?;
    let mut files = SpecFiles::new();
    let mut rest = &output[..];
    for (id, path) in objects {
        // `<id> blob <size>\n<content>\n`
        let header_end = rest
            .iter()
            .position(|b| *b == b'\n')
            .ok_or_else(|| format!("git cat-file: no header for {id}"))?;
        let header = String::from_utf8_lossy(&rest[..header_end]).to_string();
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("git cat-file: unexpected header `{header}`"))?;
        let body = rest
            .get(header_end + 1..header_end + 1 + size)
            .ok_or_else(|| format!("git cat-file: {id} is cut short"))?;
        files.insert(path, String::from_utf8_lossy(body).into_owned());
        rest = &rest[(header_end + 2 + size).min(rest.len())..];
    }
    Ok(files)
}

fn git(root: &Path, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git {}: {e}", args.join(" ")))?;
    let mut stdin = child.stdin.take();
    // Feed stdin from a thread: git answers while it reads, and a full
    // pipe in both directions would block both processes.
    let writer = input.map(|bytes| {
        let bytes = bytes.to_vec();
        let mut stdin = stdin.take();
        std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                let _ = stdin.write_all(&bytes);
            }
        })
    });
    drop(stdin);
    let output = child
        .wait_with_output()
        .map_err(|e| format!("git {}: {e}", args.join(" ")))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(output.stdout)
}

fn model(files: &SpecFiles, label: &str) -> Result<Model, String> {
    let tree = codegen::load::load_files(files).map_err(|d| shown(d, files, label))?;
    codegen::build_model(&tree).map_err(|d| shown(d, files, label))
}

/// Problems in `files` with their lines and columns, named as under `spec/`.
fn shown(diagnostics: codegen::Diagnostics, files: &SpecFiles, label: &str) -> String {
    let located = diagnostics
        .located(&codegen::load::SpecFiles::in_memory(files))
        .with_spec_label(crate::SPEC_LABEL);
    format!("{label}: {located}")
}

/// The generated crate's version, from its `Cargo.toml`.
fn crate_version(root: &Path) -> Option<(u64, u64, u64)> {
    let text = fs::read_to_string(root.join("generated/Cargo.toml")).ok()?;
    let manifest: toml::Table = text.parse().ok()?;
    let version = manifest.get("package")?.get("version")?.as_str()?;
    let version = semver::Version::parse(version).ok()?;
    Some((version.major, version.minor, version.patch))
}
