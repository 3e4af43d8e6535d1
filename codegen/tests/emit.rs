//! What the emitted code says for flags whose effect is only in the text:
//! fields hidden from the documentation index, and the `serde_json`
//! re-export of a crate whose spec has JSON values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// A one-action product whose fields are `input`, `output`, and the members of shape `Note`.
fn generate(input: Value, output: Value, members: Value) -> BTreeMap<PathBuf, String> {
    let files = [
        (
            "acme/vendor.json",
            json!({ "$schema": "../schema/vendor.schema.json", "name": "acme", "title": "Acme",
                    "description": "Acme.", "common_errors": [] }),
        ),
        (
            "acme/shop/service.json",
            json!({ "$schema": "../../schema/service.schema.json", "vendor": "acme", "product": "shop",
                    "title": "Shop", "description": "Shop.", "version": "2024-01-01",
                    "protocol": "tc3-hmac-sha256",
                    "endpoints": [{ "host": "shop.example.com", "kind": "default" }] }),
        ),
        (
            "acme/shop/actions/Buy.json",
            json!({ "$schema": "../../../schema/action.schema.json", "name": "Buy", "summary": "Buys.",
                    "idempotent": false, "errors": [], "input": input, "output": output }),
        ),
        (
            "acme/shop/types/Note.json",
            json!({ "$schema": "../../../schema/shape.schema.json", "name": "Note", "kind": "object",
                    "description": "A note.", "fields": members }),
        ),
    ];
    let files: BTreeMap<PathBuf, String> = files
        .into_iter()
        .map(|(path, value)| (PathBuf::from(path), value.to_string()))
        .collect();
    let tree = codegen::load::load_files(&files).unwrap_or_else(|e| panic!("{e}"));
    let options = codegen::EmitOptions {
        spec_label: "spec".into(),
        product_features: false,
        crate_doc: Some("Test.".into()),
    };
    let generated = codegen::generate_tree(&tree, &options).unwrap_or_else(|e| panic!("{e}"));
    generated.files.into_iter().collect()
}

fn field(name: &str, ty: &str, required: bool, hidden: bool) -> Value {
    json!({ "name": name, "type": ty, "required": required, "hidden": hidden,
            "deprecated": hidden, "description": format!("{name}.") })
}

/// The attributes and doc lines right above the line that contains `item`.
fn above<'a>(text: &'a str, item: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(item))
        .unwrap_or_else(|| panic!("no `{item}` in:\n{text}"));
    lines[..at]
        .iter()
        .rev()
        .map(|l| l.trim())
        .take_while(|l| l.starts_with("#[") || l.starts_with("///"))
        .collect()
}

fn hidden(text: &str, item: &str) -> bool {
    above(text, item).contains(&"#[doc(hidden)]")
}

#[test]
fn hidden_fields_leave_the_index_except_arguments_of_new() {
    let files = generate(
        json!([
            field("Old", "string", false, true),
            field("Kept", "string", false, false),
            field("Needed", "string", true, true),
            { "name": "Note", "type": { "ref": "Note" }, "required": false, "description": "A note." }
        ]),
        json!([
            field("Gone", "int64", true, true),
            field("Shown", "int64", false, false)
        ]),
        json!([field("Said", "string", false, true)]),
    );
    let buy = &files[Path::new("acme/shop/buy.rs")];
    assert!(hidden(buy, "pub old: Option<String>"), "{buy}");
    assert!(hidden(buy, "pub fn old("), "the setter too");
    assert!(!hidden(buy, "pub kept: Option<String>"));
    assert!(!hidden(buy, "pub fn kept("));
    assert!(
        !hidden(buy, "pub needed: String"),
        "every caller passes it to `new`: it stays documented"
    );
    assert!(hidden(buy, "pub gone: i64"), "a response field");
    assert!(!hidden(buy, "pub shown: Option<i64>"));
    let docs = above(buy, "pub old: Option<String>").join("\n");
    assert!(
        docs.contains("Left out of the vendor's documentation. Deprecated by the vendor."),
        "{docs}"
    );
    let types = &files[Path::new("acme/shop/types.rs")];
    assert!(hidden(types, "pub said: Option<String>"), "{types}");
    assert!(hidden(types, "pub fn said("));
}

#[test]
fn a_crate_re_exports_serde_json_only_when_its_spec_has_json_values() {
    let lib = |input: Value| {
        generate(
            input,
            json!([]),
            json!([field("Said", "string", false, false)]),
        )[Path::new("lib.rs")]
        .clone()
    };
    let with = lib(
        json!([{ "name": "Data", "type": { "array": "json" }, "required": false,
                            "description": "Data." }]),
    );
    assert!(with.contains("pub use ::serde_json;"), "{with}");
    let without = lib(json!([field("Kept", "string", false, false)]));
    assert!(!without.contains("serde_json"), "{without}");
}
