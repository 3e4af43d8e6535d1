//! What a maintainer sees after editing a spec: adding one optional parameter
//! to one action changes that action's module, and nothing else, by exactly
//! the lines that parameter needs. The diff itself is a snapshot, so a change
//! in how parameters are emitted shows up in review here too.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};

const ACTION: &str = "tencent/ssl/actions/CertificateOrderSubmit.json";
const MODULE: &str = "tencent/ssl/certificate_order_submit.rs";

#[test]
fn adding_an_optional_parameter_changes_only_its_action_by_its_lines() {
    let root = xtask::workspace_root();
    let target = &xtask::generate::targets(&root)[0];
    let before = codegen::generate(&target.spec_dir, &target.options).expect("the spec generates");

    let edited = scratch_copy(&target.spec_dir);
    let path = edited.join(ACTION);
    let mut action: Value =
        serde_json::from_str(&fs::read_to_string(&path).expect("read")).expect("valid JSON");
    action["input"]
        .as_array_mut()
        .expect("input is a list")
        .push(json!({
            "name": "Remark",
            "type": "string",
            "required": false,
            "description": "A note kept with the order.",
            "example": "renewal for shop.example.com"
        }));
    fs::write(&path, codegen::load::raw::to_spec_text(&action)).expect("write");
    let after = codegen::generate(&edited, &target.options).expect("the edited spec generates");
    fs::remove_dir_all(&edited).expect("clean up");

    let changed: Vec<&Path> = before
        .files
        .iter()
        .zip(&after.files)
        .inspect(|((a, _), (b, _))| assert_eq!(a, b, "same files in the same order"))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((path, _), _)| path.as_path())
        .collect();
    assert_eq!(before.files.len(), after.files.len());
    assert_eq!(
        changed,
        [Path::new(MODULE)],
        "only the edited action's module changes"
    );

    let diff = TextDiff::from_lines(module(&before), module(&after));
    let mut shown = String::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {}
            ChangeTag::Delete => panic!("adding a parameter removed a line: {change}"),
            ChangeTag::Insert => shown.push_str(&format!("+{change}")),
        }
    }
    for expected in [
        "pub remark: Option<String>,",
        "#[serde(rename = \"Remark\", skip_serializing_if = \"Option::is_none\")]",
        "remark: None,",
        "pub fn remark(mut self, remark: impl Into<String>) -> Self {",
    ] {
        assert!(
            shown.contains(expected),
            "missing `{expected}` in:\n{shown}"
        );
    }
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("spec_edit__optional_parameter_added", shown);
    });
}

fn module(generated: &codegen::Generated) -> &str {
    let (_, code) = generated
        .files
        .iter()
        .find(|(path, _)| path == Path::new(MODULE))
        .expect("the edited action's module is generated");
    code
}

/// A copy of the spec tree in a fresh folder under the system's temp dir.
fn scratch_copy(spec: &Path) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudapi-spec-edit-{}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("clear a stale copy");
    }
    harness::copy_dir(spec, &dir);
    dir
}
