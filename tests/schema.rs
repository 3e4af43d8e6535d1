//! Every spec file validates against the JSON Schema it names in `$schema`,
//! the same schema editors use while a maintainer types.

use std::fs;
use std::path::{Path, PathBuf};

fn json_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("readable spec folder")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "json") {
            found.push(path);
        }
    }
}

#[test]
fn every_spec_file_validates_against_its_schema() {
    let root = xtask::workspace_root();
    let mut files = Vec::new();
    for dir in [
        "spec",
        "tests/clash/spec",
        "tests/fixtures/common-client/spec",
    ] {
        json_files(&root.join(dir), &mut files);
    }
    files.retain(|f| !f.starts_with(root.join("spec/schema")));
    assert!(files.len() >= 16, "found only {} spec files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let document: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        let schema_ref = document["$schema"]
            .as_str()
            .unwrap_or_else(|| panic!("{} has no $schema", file.display()));
        let schema_path = file.parent().unwrap().join(schema_ref);
        let schema: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&schema_path).unwrap_or_else(|e| {
                panic!(
                    "{}: $schema {schema_ref} does not resolve: {e}",
                    file.display()
                )
            }))
            .unwrap();
        let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
        for error in validator.iter_errors(&document) {
            failures.push(format!(
                "{}: at {}: {error}",
                file.display(),
                error.instance_path()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let root = xtask::workspace_root();
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(root.join("spec/schema/action.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let valid = serde_json::json!({
        "$schema": "../../../schema/action.schema.json", "name": "X", "summary": "s", "idempotent": true,
        "input": [{"name": "A", "type": {"array": {"ref": "Tags"}}, "required": false, "description": "d"}],
        "output": [], "errors": []
    });
    assert!(validator.is_valid(&valid));
    for broken in [
        serde_json::json!({"name": "X"}),
        {
            let mut v = valid.clone();
            v["input"][0]["type"] = "strng".into();
            v
        },
        {
            let mut v = valid.clone();
            v["input"][0]["type"] = serde_json::json!({"array": "int64", "ref": "X"});
            v
        },
        {
            let mut v = valid.clone();
            v["extra"] = true.into();
            v
        },
        {
            let mut v = valid.clone();
            v["idempotent"] = "yes".into();
            v
        },
    ] {
        assert!(!validator.is_valid(&broken), "schema accepted {broken}");
    }
}
