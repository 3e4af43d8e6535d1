//! The `xtask` binary end to end, on a copy of the checkout (`--root DIR`):
//! `gen --check` passes on an up-to-date copy; a broken spec fails with
//! file, JSON path and expectation and writes nothing; a hand-edited
//! generated file is reported stale and rewritten, and an orphaned generated
//! file is removed while a hand-written one is kept.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BROKEN_SPEC: &str = "spec/tencent/ssl/actions/CreateCertificate.json";
const EDITED: &str = "generated/src/tencent/ssl/create_certificate.rs";
const ORPHAN: &str = "generated/src/tencent/ssl/retired_action.rs";
const HAND_WRITTEN: &str = "generated/src/tencent/ssl/notes.rs";

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            // Build output (and the state `gen` keeps for its change report).
            if path == root.join("target") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The files of `after` that differ from `before`, for assertion messages.
fn differences(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<String> {
    before
        .keys()
        .chain(after.keys().filter(|k| !before.contains_key(*k)))
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| k.display().to_string())
        .collect()
}

/// A copy of the parts of the checkout that `gen` reads and writes.
struct Checkout(PathBuf);

impl Checkout {
    /// A fresh copy; `label` keeps the copies of tests running at once apart.
    fn new(label: &str) -> Checkout {
        let real = &xtask::workspace_root();
        let root = std::env::temp_dir().join(format!("xtask-cli-{}-{label}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        copy_dir(&real.join("spec"), &root.join("spec"));
        for dir in ["generated/src", "tests/clash/src", "tests/clash/spec"] {
            copy_dir(&real.join(dir), &root.join(dir));
        }
        for file in [
            "generated/Cargo.toml",
            "generated/README.md",
            "generated/spec.json",
            "generated/spec-docs.json",
            "tests/clash/Cargo.toml",
            "tests/clash/spec.json",
        ] {
            fs::copy(real.join(file), root.join(file)).unwrap();
        }
        Checkout(root)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    fn xtask(&self, args: &[&str]) -> (Output, String, String) {
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .arg("--root")
            .arg(&self.0)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output, stdout, stderr)
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn gen_reports_broken_specs_and_repairs_stale_files() {
    let checkout = Checkout::new("gen");
    let original = snapshot(&checkout.0);

    // (1) The copy is up to date.
    let (out, stdout, stderr) = checkout.xtask(&["gen", "--check"]);
    assert!(
        out.status.success(),
        "gen --check on a fresh copy failed:\n{stdout}{stderr}"
    );
    assert!(stdout.contains("generated code is up to date"), "{stdout}");
    assert_eq!(
        differences(&original, &snapshot(&checkout.0)),
        Vec::<String>::new()
    );

    // (2) A broken spec: non-zero exit, file + JSON path + expectation, nothing written.
    let spec_path = checkout.path(BROKEN_SPEC);
    let spec = fs::read_to_string(&spec_path).unwrap();
    assert!(
        spec.contains("\"idempotent\": false"),
        "{BROKEN_SPEC} changed shape"
    );
    fs::write(
        &spec_path,
        spec.replacen("\"idempotent\": false", "\"idempotent\": \"no\"", 1),
    )
    .unwrap();
    let before = snapshot(&checkout.0);
    let (out, stdout, stderr) = checkout.xtask(&["gen"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "gen with a broken spec:\n{stdout}{stderr}"
    );
    // The file is named from the checkout's root, with line and column.
    let line_of =
        |text: &str, needle: &str| 1 + text[..text.find(needle).unwrap()].matches('\n').count();
    let at = format!(
        "error: {BROKEN_SPEC}:{}:",
        line_of(&fs::read_to_string(&spec_path).unwrap(), "\"no\"")
    );
    let line = stderr
        .lines()
        .find(|l| l.contains(&at))
        .unwrap_or_else(|| panic!("no error at {at}:\n{stderr}"));
    assert!(line.contains(": at $.idempotent: "), "{line}");
    assert!(line.contains("expected a boolean"), "{line}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(
        differences(&before, &snapshot(&checkout.0)),
        Vec::<String>::new(),
        "a failed gen changed files"
    );
    // `--check` reports it alike.
    let (out, stdout, check_stderr) = checkout.xtask(&["gen", "--check"]);
    assert_eq!(out.status.code(), Some(1), "{stdout}{check_stderr}");
    assert!(check_stderr.contains(line), "{check_stderr}");

    // A problem found after parsing (the name is not the file name) has a position too.
    fs::write(
        &spec_path,
        spec.replacen(
            "\"name\": \"CreateCertificate\"",
            "\"name\": \"BuyCertificate\"",
            1,
        ),
    )
    .unwrap();
    let (out, stdout, stderr) = checkout.xtask(&["gen", "--check"]);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let at = format!(
        "error: {BROKEN_SPEC}:{}:",
        line_of(&spec, "\"name\": \"CreateCertificate\"")
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains(&at) && l.contains(": at $.name: ")),
        "no error at {at}:\n{stderr}"
    );

    // (3) Spec restored; a generated file edited by hand, an orphaned generated
    // file and a hand-written file planted.
    fs::write(&spec_path, &spec).unwrap();
    let edited = fs::read(checkout.path(EDITED)).unwrap();
    let mut hand_edit = edited.clone();
    hand_edit.extend_from_slice(b"// a hand edit\n");
    fs::write(checkout.path(EDITED), &hand_edit).unwrap();
    fs::write(checkout.path(ORPHAN), &edited).unwrap();
    fs::write(checkout.path(HAND_WRITTEN), "// notes, written by hand\n").unwrap();
    let before = snapshot(&checkout.0);

    let (out, stdout, stderr) = checkout.xtask(&["gen", "--check"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "gen --check with a stale file:\n{stdout}{stderr}"
    );
    let stale: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("stale  "))
        .collect();
    assert_eq!(
        stale,
        [EDITED.to_string(), format!("{ORPHAN} (to be removed)")],
        "{stderr}"
    );
    assert_eq!(
        differences(&before, &snapshot(&checkout.0)),
        Vec::<String>::new(),
        "gen --check changed files"
    );

    let (out, stdout, stderr) = checkout.xtask(&["gen"]);
    assert!(out.status.success(), "gen:\n{stdout}{stderr}");
    let summary = stdout
        .lines()
        .find(|l| l.starts_with("generated "))
        .unwrap_or_else(|| panic!("no summary line for generated/:\n{stdout}"));
    assert!(summary.contains(": 1 written, "), "{summary}");
    assert!(summary.ends_with(", 1 removed"), "{summary}");
    assert!(stdout.contains(&format!("written  {EDITED}")), "{stdout}");
    assert!(stdout.contains(&format!("removed  {ORPHAN}")), "{stdout}");
    let mut expected = original.clone();
    expected.insert(
        PathBuf::from(HAND_WRITTEN),
        fs::read(checkout.path(HAND_WRITTEN)).unwrap(),
    );
    assert_eq!(
        differences(&expected, &snapshot(&checkout.0)),
        Vec::<String>::new(),
        "after gen, only the hand-written file may differ from the original copy"
    );

    let (out, stdout, stderr) = checkout.xtask(&["gen", "--check"]);
    assert!(
        out.status.success(),
        "gen --check after gen:\n{stdout}{stderr}"
    );
}

/// Missing or wrong words print the command's usage and exit with 2, before
/// anything is read: `--force` is never taken for the metadata file.
#[test]
fn import_commands_with_wrong_arguments_print_their_usage() {
    // An empty root: nothing of the checkout can be read or written.
    let root = std::env::temp_dir().join(format!("xtask-usage-{}", std::process::id()));
    fs::create_dir_all(&root).unwrap();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["import"],
            "a metadata FILE",
            "usage: cargo xtask import <tencent|alibaba> FILE",
        ),
        (
            &["import", "tencent"],
            "expected a metadata FILE after `tencent`",
            "usage: cargo xtask import ",
        ),
        (
            &["import", "tencent", "--force"],
            "found the option `--force`",
            "usage: cargo xtask import ",
        ),
        (
            &["import", "aws", "api.json"],
            "unknown vendor `aws`",
            "usage: cargo xtask import ",
        ),
        (
            &["import", "tencent", "api.json", "--dry-run"],
            "unknown import option `--dry-run`",
            "usage: cargo xtask import ",
        ),
        (
            &["import-products", "--cas-api-docs"],
            "expected a FILE after --cas-api-docs",
            "usage: cargo xtask import-products ",
        ),
        (
            &["import-products", "tencent"],
            "unknown argument `tencent`",
            "usage: cargo xtask import-products ",
        ),
        (
            &["import-check"],
            "expected the vendor `tencent`",
            "usage: cargo xtask import-check tencent",
        ),
        (
            &["import-check", "tencent", "--products"],
            "comma-separated list after --products",
            "usage: cargo xtask import-check tencent",
        ),
        (
            &["import-check", "alibaba", "--api-docs"],
            "expected a folder after --api-docs",
            "cargo xtask import-check alibaba [--products a,b]",
        ),
        (
            &["import-check", "alibaba", "--all", "--products", "cas"],
            "unknown arguments `--all --products cas`",
            "cargo xtask import-check alibaba [--products a,b]",
        ),
    ];
    for (args, problem, usage) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(*args)
            .arg("--root")
            .arg(&root)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}:\n{stderr}");
        assert!(stderr.contains(problem), "{args:?}:\n{stderr}");
        assert!(stderr.contains(usage), "{args:?}:\n{stderr}");
        assert!(!stderr.contains("No such file"), "{args:?}:\n{stderr}");
    }
    assert_eq!(
        fs::read_dir(&root).unwrap().count(),
        0,
        "a usage error wrote files"
    );
    fs::remove_dir_all(&root).unwrap();
}

/// Without its api-docs folder the Alibaba check fails at once, names the
/// folder and the option to give, and writes nothing.
#[test]
fn import_check_alibaba_without_its_folder_says_so() {
    let root = std::env::temp_dir().join(format!("xtask-no-api-docs-{}", std::process::id()));
    fs::create_dir_all(&root).unwrap();
    let missing = root.join("no-such-api-docs");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["import-check", "alibaba", "--all", "--api-docs"])
        .arg(&missing)
        .arg("--root")
        .arg(&root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let expected = format!(
        "import-check: no Alibaba Cloud api-docs folder at {}",
        missing.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("--api-docs DIR"), "{stderr}");
    assert_eq!(fs::read_dir(&root).unwrap().count(), 0, "it wrote files");
    fs::remove_dir_all(&root).unwrap();
}

/// `cargo xtask import` names the files of an invalid tree from the
/// checkout's root, with line and column.
#[test]
fn import_reports_an_invalid_tree_from_the_checkout_root() {
    let checkout = Checkout::new("import");
    let fixture = xtask::workspace_root().join("import/tests/fixtures/tencent/widgets.json");
    let fixture = fixture.to_str().unwrap();
    let (out, stdout, stderr) = checkout.xtask(&["import", "tencent", fixture]);
    assert!(out.status.success(), "import:\n{stdout}{stderr}");
    // A hand edit that breaks an imported file; the import keeps it, so it counts.
    let action = "spec/tencent/widgets/actions/CreateWidget.json";
    let text = fs::read_to_string(checkout.path(action)).unwrap();
    let broken = text.replacen("\"name\": \"CreateWidget\"", "\"name\": \"MakeWidget\"", 1);
    assert_ne!(broken, text, "{action} changed shape");
    fs::write(checkout.path(action), &broken).unwrap();
    let before = snapshot(&checkout.0);
    let (out, stdout, stderr) = checkout.xtask(&["import", "tencent", fixture]);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    let line = 1 + broken[..broken.find("\"MakeWidget\"").unwrap()]
        .matches('\n')
        .count();
    let at = format!("error: {action}:{line}:");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains(&at) && l.contains(": at $.name: expected `CreateWidget`")),
        "no error at {at}:\n{stderr}"
    );
    assert_eq!(
        differences(&before, &snapshot(&checkout.0)),
        Vec::<String>::new(),
        "a failed import changed files"
    );
}
