//! What the model stage decides that the emitted code depends on.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::json;

#[test]
fn a_type_no_action_reaches_decodes_and_so_does_what_it_holds() {
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
            "acme/shop/actions/Tag.json",
            json!({ "$schema": "../../../schema/action.schema.json", "name": "Tag", "summary": "Tags.",
                    "idempotent": true, "errors": [], "output": [],
                    "input": [{ "name": "Labels", "type": { "array": { "ref": "Label" } },
                                "required": true, "description": "Labels." }] }),
        ),
        (
            "acme/shop/types/Label.json",
            json!({ "$schema": "../../../schema/shape.schema.json", "name": "Label", "kind": "object",
                    "description": "A label.",
                    "fields": [{ "name": "Key", "type": "string", "required": true, "description": "Key." }] }),
        ),
        (
            "acme/shop/types/Shelf.json",
            json!({ "$schema": "../../../schema/shape.schema.json", "name": "Shelf", "kind": "object",
                    "description": "Reached by no action.",
                    "fields": [{ "name": "Labels", "type": { "array": { "ref": "Label" } },
                                 "required": true, "description": "Labels." }] }),
        ),
    ];
    let files: BTreeMap<PathBuf, String> = files
        .into_iter()
        .map(|(path, value)| (PathBuf::from(path), value.to_string()))
        .collect();
    let tree = codegen::load::load_files(&files).unwrap_or_else(|e| panic!("{e}"));
    let model = codegen::build_model(&tree).unwrap_or_else(|e| panic!("{e}"));
    let shapes = &model.vendors[0].products[0].shapes;
    let usage = |name: &str| {
        let shape = shapes.iter().find(|s| s.ident() == name).unwrap();
        (shape.in_input, shape.in_output)
    };
    assert_eq!(usage("Shelf"), (false, true), "emitted as a response type");
    assert_eq!(usage("Label"), (true, true), "sent by Tag, held by Shelf");
}
