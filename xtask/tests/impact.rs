//! `cargo xtask diff` and the report that ends `cargo xtask gen`, on a
//! real git repository holding a copy of the project's spec.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::impact::Rule;
use serde_json::{Value, json};
use xtask::impact;

/// A scratch git repository with a copy of `spec/` and a `generated/src`
/// committed, removed when dropped.
struct Repo {
    root: PathBuf,
}

impl Repo {
    fn new(name: &str) -> Repo {
        let root = std::env::temp_dir().join(format!("xtask-impact-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        copy_dir(&xtask::workspace_root().join("spec"), &root.join("spec"));
        fs::create_dir_all(root.join("generated/src")).unwrap();
        fs::write(root.join("generated/src/lib.rs"), "// generated\n").unwrap();
        fs::write(
            root.join("generated/Cargo.toml"),
            "[package]\nname = \"cloudapi\"\nversion = \"0.3.1\"\n",
        )
        .unwrap();
        let repo = Repo { root };
        repo.git(&["init", "-q"]);
        repo.commit("spec as it is");
        repo
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Lets `change` edit a spec file.
    fn edit(&self, file: &str, change: impl FnOnce(&mut Value)) {
        let path = self.root.join("spec").join(file);
        let mut value: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        change(&mut value);
        fs::write(&path, serde_json::to_string_pretty(&value).unwrap() + "\n").unwrap();
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

const DOWNLOAD: &str = "tencent/ssl/actions/DownloadCertificate.json";

fn add_optional_input(action: &mut Value) {
    action["input"].as_array_mut().unwrap().push(json!({
        "name": "Format", "type": "string", "required": false, "description": "The archive format."
    }));
}

#[test]
fn diff_compares_a_revision_with_the_working_tree() {
    let repo = Repo::new("diff");
    let unchanged = impact::diff(&repo.root, "HEAD").unwrap();
    assert!(unchanged.is_empty(), "{unchanged:?}");

    repo.edit(DOWNLOAD, add_optional_input);
    repo.commit("an optional input");
    repo.edit(DOWNLOAD, |action| {
        action["idempotent"] = json!(false);
        action["output"].as_array_mut().unwrap().pop();
    });

    // One commit back: the input; the working tree adds two more changes.
    let report = impact::diff(&repo.root, "HEAD~1").unwrap();
    let rules: Vec<Rule> = report.changes.iter().map(|c| c.rule).collect();
    assert!(rules.contains(&Rule::OptionalInputAdded), "{rules:?}");
    assert!(rules.contains(&Rule::FieldRemoved), "{rules:?}");
    assert!(rules.contains(&Rule::BehaviourChanged), "{rules:?}");
    assert!(report.is_breaking());
    let text = impact::render(&repo.root, &report, "HEAD~1", false);
    assert!(
        text.starts_with("Against HEAD~1: 1 breaking, 2 additive changes; needs a breaking release (0.3.1 → 0.4.0)."),
        "{text}"
    );
    assert!(
        text.contains("\ntencent/ssl\n  DownloadCertificate\n    breaking "),
        "{text}"
    );
    let markdown = impact::render(&repo.root, &report, "HEAD~1", true);
    assert!(
        markdown.starts_with("### API impact against `HEAD~1`"),
        "{markdown}"
    );

    // Against HEAD only the uncommitted changes count.
    let report = impact::diff(&repo.root, "HEAD").unwrap();
    assert_eq!(report.changes.len(), 2, "{report:?}");

    let error = impact::diff(&repo.root, "no-such-revision").unwrap_err();
    assert!(error.contains("no-such-revision"), "{error}");
}

#[test]
fn a_report_from_the_changed_products_misses_nothing() {
    // The report models only the products whose files differ (and every
    // product of a vendor whose own files differ): a product removed, one
    // edited and a vendor's common codes changed must all be reported.
    let repo = Repo::new("parts");
    fs::remove_dir_all(repo.root.join("spec/alibaba/cas")).unwrap();
    repo.edit(DOWNLOAD, add_optional_input);
    repo.edit("tencent/vendor.json", |vendor| {
        vendor["common_errors"].as_array_mut().unwrap().pop();
    });
    let report = impact::diff(&repo.root, "HEAD").unwrap();
    let found: Vec<(&str, Rule)> = report
        .changes
        .iter()
        .map(|change| (change.scope.as_str(), change.rule))
        .collect();
    assert_eq!(found.len(), 3, "{report:?}");
    for expected in [
        ("alibaba/cas", Rule::ProductRemoved),
        ("tencent/ssl", Rule::OptionalInputAdded),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:?}");
    }
    assert!(
        found.iter().any(|(scope, _)| *scope == "tencent"),
        "{found:?}"
    );
}

#[test]
fn gen_compares_with_what_generated_reflects() {
    let repo = Repo::new("gen");
    // Nothing remembered: the committed spec is the previous state.
    let before = impact::previous_generated_state(&repo.root).unwrap();
    assert_eq!(before.label, "HEAD");

    repo.edit(DOWNLOAD, add_optional_input);
    let report = impact::since(&before, &impact::working_spec(&repo.root).unwrap()).unwrap();
    assert_eq!(report.changes.len(), 1, "{report:?}");
    assert_eq!(report.changes[0].rule, Rule::OptionalInputAdded);

    // `gen` remembers the spec it generated from, with a digest of generated/.
    impact::remember(&repo.root, &impact::working_spec(&repo.root).unwrap())
        .unwrap_or_else(|e| panic!("{e}"));
    let before = impact::previous_generated_state(&repo.root).unwrap();
    assert_eq!(before.label, "the previous `cargo xtask gen`");
    assert!(
        impact::since(&before, &impact::working_spec(&repo.root).unwrap())
            .unwrap()
            .is_empty()
    );

    // Once generated/ is no longer what was generated then, HEAD is again.
    fs::write(repo.root.join("generated/src/lib.rs"), "// checked out\n").unwrap();
    let before = impact::previous_generated_state(&repo.root).unwrap();
    assert_eq!(before.label, "HEAD");
}

#[test]
fn diff_arguments() {
    let parsed =
        impact::parse_diff_args(&["--base", "HEAD~1", "--markdown", "--deny-breaking"]).unwrap();
    assert_eq!(parsed.base, "HEAD~1");
    assert!(parsed.markdown && parsed.deny_breaking);
    for bad in [
        &[][..],
        &["--base"],
        &["--base", "--markdown"],
        &["--base", "x", "--wat"],
    ] {
        let error = impact::parse_diff_args(bad).unwrap_err();
        assert!(error.contains("cargo xtask diff --base REV"), "{error}");
    }
}

#[test]
fn the_readme_writes_down_the_rule_table() {
    let readme = fs::read_to_string(xtask::workspace_root().join("README.md")).unwrap();
    let table = codegen::impact::Report::rule_table();
    assert!(
        readme.contains(&table),
        "README.md must carry the rule table exactly as the code has it:\n{table}"
    );
}
