//! One insta snapshot per generated file (each action, each product's
//! `types.rs` and `mod.rs`, the vendor modules, `lib.rs`) and one for the
//! `[features]` block, so every spec edit shows up in review as a diff of
//! the code it changes.
//!
//! Every snapshot is checked before the test fails, so one run writes a
//! `.snap.new` for each changed file, not only the first. After an intended
//! change: `cargo insta review` (or `cargo insta accept`); without
//! cargo-insta, `INSTA_UPDATE=always cargo test -p cloudapi-tests --test snapshots`.

use std::collections::BTreeSet;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use codegen::Generated;
use serde_json::{Value, json};

/// The snapshots of one generated crate: name and text, in file order.
fn snapshots(target: &str, generated: &Generated) -> Vec<(String, String)> {
    let prefix = target.replace('/', "_");
    let actions: Vec<Option<&str>> = (0..generated.files.len())
        .map(|i| {
            generated
                .actions
                .iter()
                .find(|(_, at)| *at == i)
                .map(|(name, _)| name.as_str())
        })
        .collect();
    let mut out = Vec::new();
    for ((path, text), action) in generated.files.iter().zip(actions) {
        // Actions keep their wire names (`tencent/ssl/CreateCertificate`);
        // other files are named by path (`tencent/ssl/types.rs`).
        let name = match action {
            Some(action) => action.to_string(),
            None => path.to_string_lossy().replace('\\', "/"),
        };
        out.push((
            format!("{prefix}__{}", name.replace('/', "__")),
            text.clone(),
        ));
    }
    if let Some(features) = &generated.features {
        out.push((format!("{prefix}__features"), features.clone()));
    }
    out
}

/// What one check found.
#[derive(Default)]
struct Checked {
    /// Assertions that failed: insta wrote a `.snap.new` (or, in CI, only failed).
    failed: Vec<String>,
    /// Snapshots whose file insta wrote instead (`INSTA_UPDATE=always`, or a new
    /// snapshot in a mode that writes those).
    written: Vec<String>,
}

impl Checked {
    /// Every snapshot that differs from what is committed.
    fn pending(&self) -> Vec<String> {
        let mut all: Vec<String> = self.failed.iter().chain(&self.written).cloned().collect();
        all.sort();
        all
    }
}

/// Checks each snapshot against `dir`, all of them before returning.
fn check(dir: &Path, snapshots: &[(String, String)]) -> Checked {
    let mut checked = Checked::default();
    for (name, text) in snapshots {
        let file = dir.join(format!("{name}.snap"));
        let before = fs::read(&file).ok();
        let failed = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({
                snapshot_path => dir,
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name.as_str(), text);
            });
        }))
        .is_err();
        if failed {
            checked.failed.push(name.clone());
        } else if fs::read(&file).ok() != before {
            checked.written.push(name.clone());
        }
    }
    checked
}

/// Held by each test while it reads or writes the snapshot folder: one test
/// copies it while the other may be writing accepted snapshots into it.
static SNAPSHOT_FOLDER: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots")
}

#[test]
fn every_generated_file_matches_its_snapshot() {
    let _folder = SNAPSHOT_FOLDER.lock().unwrap_or_else(|e| e.into_inner());
    let root = xtask::workspace_root();
    let mut all = Vec::new();
    let mut failed = Vec::new();
    for target in xtask::generate::targets(&root) {
        let generated = codegen::generate(&target.spec_dir, &target.options)
            .unwrap_or_else(|e| panic!("{}: {e}", target.name));
        let snapshots = snapshots(target.name, &generated);
        let checked = check(&snapshot_dir(), &snapshots);
        for name in &checked.written {
            eprintln!("snapshot written: {name}");
        }
        failed.extend(checked.failed);
        all.extend(snapshots.into_iter().map(|(name, _)| name));
    }
    assert!(
        failed.is_empty(),
        "{} generated files differ from their snapshots: {}\n\
         review them with `cargo insta review`",
        failed.len(),
        failed.join(", ")
    );

    // A snapshot no generated file has any more (a removed action) would
    // otherwise linger and mislead reviewers.
    let names: BTreeSet<String> = all.into_iter().collect();
    let stale: Vec<String> = fs::read_dir(snapshot_dir())
        .expect("the snapshot folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|file| file.strip_suffix(".snap").map(str::to_string))
        .filter(|name| name.starts_with("generated__") || name.starts_with("tests_clash__"))
        .filter(|name| !names.contains(name))
        .collect();
    assert!(
        stale.is_empty(),
        "snapshots of files that are no longer generated: {stale:?}; delete them"
    );
}

const CHANGED_ACTION: &str = "tencent/ssl/actions/DescribeCertificate.json";
/// Curated text lives in the overlay.
const SHARED_TYPE: &str = "tencent/ssl/overlay/types/Tags.json";
const NEW_ACTION: &str = "tencent/ssl/actions/DescribeCertificateNotes.json";

/// A reviewer's view of one spec change that touches an action, a shared
/// type and adds an action: one run of the check lists them all.
#[test]
fn one_run_shows_every_pending_change() {
    let root = xtask::workspace_root();
    let target = &xtask::generate::targets(&root)[0];
    let spec = scratch("spec");
    harness::copy_dir(&target.spec_dir, &spec);
    edit(&spec.join(CHANGED_ACTION), |action| {
        action["input"].as_array_mut().unwrap().push(json!({
            "name": "Remark", "type": "string", "required": false,
            "description": "A note to read back."
        }));
    });
    edit(&spec.join(SHARED_TYPE), |shape| {
        shape["description"] = json!("A key and a value that label a resource.");
    });
    let mut added: Value =
        serde_json::from_str(&fs::read_to_string(spec.join(CHANGED_ACTION)).unwrap()).unwrap();
    added["name"] = json!("DescribeCertificateNotes");
    added.as_object_mut().unwrap().remove("waiter");
    added.as_object_mut().unwrap().remove("examples");
    fs::write(
        spec.join(NEW_ACTION),
        codegen::load::raw::to_spec_text(&added),
    )
    .unwrap();

    let generated = codegen::generate(&spec, &target.options).unwrap_or_else(|e| panic!("{e}"));
    let snapshots = self::snapshots(target.name, &generated);
    // The committed snapshots, in a folder of the test's own.
    let dir = scratch("snapshots");
    {
        let _folder = SNAPSHOT_FOLDER.lock().unwrap_or_else(|e| e.into_inner());
        harness::copy_dir(&snapshot_dir(), &dir);
    }
    let pending = check(&dir, &snapshots).pending();
    fs::remove_dir_all(&spec).unwrap();
    fs::remove_dir_all(&dir).unwrap();

    assert_eq!(
        pending,
        [
            "generated__tencent__ssl__DescribeCertificate",
            // New: insta has no snapshot of it yet.
            "generated__tencent__ssl__DescribeCertificateNotes",
            // The product module lists the new action.
            "generated__tencent__ssl__mod.rs",
            "generated__tencent__ssl__types.rs",
        ],
        "the edited action, the new action, and the files that hold the module list and the shared type"
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("snapshot-check-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn edit(path: &Path, change: impl FnOnce(&mut Value)) {
    let mut value: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    change(&mut value);
    fs::write(path, codegen::load::raw::to_spec_text(&value)).unwrap();
}
