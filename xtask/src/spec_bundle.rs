//! `spec.json` beside a generated crate: the spec tree it was generated
//! from, as one JSON object (file path → content), for the testkit's local
//! endpoint, which the crate embeds behind its `testkit` feature.
//!
//! Documentation is left out (descriptions, summaries, titles): the endpoint
//! checks and answers requests and needs none of it, and it is most of a
//! spec's bytes. Error descriptions stay: they are the messages of the
//! errors the endpoint answers. One file per line, so a spec change shows
//! as a change of its line.

use codegen::load::{Loaded, SpecTree};
use serde::Serialize;
use serde_json::Value;

/// The bundle's file name, beside the crate's `Cargo.toml`.
pub const FILE_NAME: &str = "spec.json";

/// The documented bundle's file name: the same tree with nothing left out,
/// for tools that explain the API (the command-line client's help), behind
/// the crate's `spec-docs` feature.
pub const DOCS_FILE_NAME: &str = "spec-docs.json";

/// Keys that only document; never read by the endpoint.
const DOCUMENTATION: &[&str] = &[
    "$schema",
    "description",
    "summary",
    "title",
    "idempotency_note",
];

/// Subtrees that are wire data (examples, the requests and answers of an
/// action's examples, defaults, enum values), kept as they are: an answer
/// may well have a member named `description`.
const DATA: &[&str] = &["example", "request", "response", "default", "value"];

/// The text of `spec.json` for `tree`.
pub fn bundle(tree: &SpecTree) -> String {
    lines(tree, true)
}

/// The text of `spec-docs.json` for `tree`: every file whole, overlays
/// merged, so that the generator's loader reads it back as the same tree.
pub fn documented(tree: &SpecTree) -> String {
    lines(tree, false)
}

fn lines(tree: &SpecTree, undocumented: bool) -> String {
    let entry = |loaded: &dyn Entry| loaded.line(undocumented);
    let mut lines = Vec::new();
    for vendor in &tree.vendors {
        lines.push(entry(&vendor.vendor));
        for product in &vendor.products {
            lines.push(entry(&product.service));
            lines.extend(product.actions.iter().map(|a| entry(a)));
            lines.extend(product.shapes.iter().map(|s| entry(s)));
        }
    }
    // Paths are unique and the tree is sorted, so the same spec gives the same bytes.
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// One file of the bundle: `"path": content` on one line.
trait Entry {
    fn line(&self, undocumented: bool) -> String;
}

impl<T: Serialize> Entry for Loaded<T> {
    fn line(&self, undocumented: bool) -> String {
        // The spec structs have string keys only, so serializing cannot fail.
        let mut value = serde_json::to_value(&self.value).unwrap_or_default();
        if undocumented {
            strip(&mut value, false);
        }
        let path = self.file.to_string_lossy().replace('\\', "/");
        format!("{}: {value}", Value::String(path))
    }
}

/// Removes documentation keys, except inside wire data; `in_errors` keeps
/// the descriptions of error codes.
fn strip(value: &mut Value, in_errors: bool) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| {
                !DOCUMENTATION.contains(&key.as_str()) || (in_errors && key == "description")
            });
            for (key, child) in map.iter_mut() {
                if !DATA.contains(&key.as_str()) {
                    strip(child, key == "errors" || key == "common_errors");
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| strip(item, in_errors)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_wire_data_and_error_messages_drops_documentation() {
        let mut action = serde_json::json!({
            "$schema": "x", "name": "A", "summary": "s", "description": "d",
            "input": [{"name": "F", "description": "d", "enum": {"name": "E", "values": [{"value": "v", "description": "d"}]}}],
            "errors": [{"code": "C", "description": "kept"}],
            "example": {"title": "t", "request": {"description": "wire data"}},
            "examples": [{"title": "t", "response": {"description": "wire data", "title": "too"}}]
        });
        strip(&mut action, false);
        assert_eq!(
            action,
            serde_json::json!({
                "name": "A",
                "input": [{"name": "F", "enum": {"name": "E", "values": [{"value": "v"}]}}],
                "errors": [{"code": "C", "description": "kept"}],
                "example": {"title": "t", "request": {"description": "wire data"}},
                "examples": [{"response": {"description": "wire data", "title": "too"}}]
            })
        );
    }
}
