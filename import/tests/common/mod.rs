//! Helpers both importer tests use: fixtures, planned files as JSON, and
//! scratch spec roots that hold the repository's vendor file and schemas.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::EmitOptions;
use import::ImportPlan;
use serde_json::Value;

/// The text of `tests/fixtures/<relative>`.
pub fn fixture(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The planned file at `path`, as the JSON it is written as.
pub fn file(plan: &ImportPlan, path: &str) -> Value {
    let file = plan
        .files
        .get(Path::new(path))
        .unwrap_or_else(|| panic!("{path} not planned; planned: {:?}", plan.files.keys()));
    serde_json::to_value(file).expect("a spec file serializes")
}

/// Fails unless the plan leaves out `path` (a skipped action or shape).
pub fn assert_not_planned(plan: &ImportPlan, path: &str) {
    assert!(
        !plan.files.contains_key(Path::new(path)),
        "{path} should not be planned"
    );
}

/// Fails unless the action file `action` has this summary and description.
pub fn assert_summary(action: &Value, summary: &str, description: &str) {
    assert_eq!(action["summary"], summary);
    assert_eq!(action["description"], description);
}

/// The field named `name` in `list` (an action's `input`/`output` or a shape's `fields`).
pub fn field<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .and_then(|fields| fields.iter().find(|f| f["name"] == name))
        .unwrap_or_else(|| panic!("no field {name} in {list}"))
}

/// A fresh spec root for one test, holding the repository's `vendor.json`
/// of `vendor` and the schemas.
pub fn spec_root(vendor: &str, tag: &str) -> PathBuf {
    let repo_spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let root = std::env::temp_dir().join(format!("import-{vendor}-{}-{tag}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join(vendor)).expect("vendor dir");
    let vendor_file = Path::new(vendor).join("vendor.json");
    fs::copy(repo_spec.join(&vendor_file), root.join(&vendor_file)).expect("vendor.json");
    fs::create_dir_all(root.join("schema")).expect("schema dir");
    for entry in fs::read_dir(repo_spec.join("schema")).expect("schemas") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        fs::copy(&path, root.join("schema").join(name)).expect("schema");
    }
    root
}

/// Generates code from the spec tree at `root`, as `cargo xtask gen` would.
pub fn generate(root: &Path, product_features: bool) -> codegen::Generated {
    let options = EmitOptions {
        spec_label: "spec".into(),
        product_features,
        crate_doc: None,
    };
    codegen::generate(root, &options).unwrap_or_else(|e| panic!("generation failed:\n{e}"))
}
