//! What the vendor changed, between the spec files on disk and an import:
//! actions and shapes added or removed, and fields added, removed, retyped
//! or made required or optional. Listed in the import's summary, so that a
//! maintainer updating to a newer vendor release sees what it brings before
//! reading the diff.

use std::path::Path;

use codegen::load::raw::{ActionFile, FieldSpec, ShapeFile};
use serde::de::DeserializeOwned;

use crate::plan::SpecFile;

/// The changes between `old` (a file's text on disk, if any) and `new`.
pub(crate) fn describe(path: &Path, old: Option<&str>, new: &SpecFile) -> Vec<String> {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    match new {
        SpecFile::Action(action) => match parse::<ActionFile>(old) {
            None if old.is_none() => vec![format!("action {name} added")],
            None => Vec::new(),
            Some(before) => {
                let mut changes = fields(name, "input", &before.input, &action.input);
                changes.extend(fields(name, "output", &before.output, &action.output));
                changes
            }
        },
        SpecFile::Shape(shape) => match parse::<ShapeFile>(old) {
            None if old.is_none() => vec![format!("type {name} added")],
            None => Vec::new(),
            Some(before) => fields(
                name,
                "members",
                before.fields.as_deref().unwrap_or_default(),
                shape.fields.as_deref().unwrap_or_default(),
            ),
        },
        SpecFile::Service(_) => Vec::new(),
    }
}

/// What removing the file at `path` means.
pub(crate) fn removed(path: &Path) -> String {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let kind = if path.parent().is_some_and(|p| p.ends_with("actions")) {
        "action"
    } else {
        "type"
    };
    format!("{kind} {name} removed")
}

fn parse<T: DeserializeOwned>(text: Option<&str>) -> Option<T> {
    serde_json::from_str(text?).ok()
}

fn fields(owner: &str, list: &str, before: &[FieldSpec], after: &[FieldSpec]) -> Vec<String> {
    let mut changes = Vec::new();
    for old in before {
        match after.iter().find(|f| f.name == old.name) {
            None => changes.push(format!("{owner} {list}: {} removed", old.name)),
            Some(new) => {
                if new.ty != old.ty {
                    changes.push(format!(
                        "{owner} {list}: {} changed type from {} to {}",
                        old.name,
                        type_text(old),
                        type_text(new)
                    ));
                }
                if new.required != old.required {
                    let now = if new.required { "required" } else { "optional" };
                    changes.push(format!("{owner} {list}: {} is now {now}", old.name));
                }
            }
        }
    }
    for new in after {
        if !before.iter().any(|f| f.name == new.name) {
            let required = if new.required { "required" } else { "optional" };
            changes.push(format!("{owner} {list}: {} added ({required})", new.name));
        }
    }
    changes
}

fn type_text(field: &FieldSpec) -> String {
    serde_json::to_string(&field.ty).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_added_removed_retyped_and_required_fields() {
        let field = |name: &str, ty: &str, required: bool| json!({"name": name, "type": ty, "required": required, "description": "d"});
        let action = |input: Vec<serde_json::Value>| {
            json!({"$schema": "s", "name": "Buy", "summary": "s", "idempotent": false,
                   "input": input, "output": [], "errors": []})
        };
        let old = action(vec![
            field("A", "string", true),
            field("B", "int64", false),
            field("C", "string", false),
        ]);
        let new: ActionFile = serde_json::from_value(action(vec![
            field("A", "int64", true),
            field("B", "int64", true),
            field("D", "string", false),
        ]))
        .unwrap();
        let changes = describe(
            Path::new("v/p/actions/Buy.json"),
            Some(&old.to_string()),
            &SpecFile::Action(Box::new(new.clone())),
        );
        assert_eq!(
            changes,
            [
                "Buy input: A changed type from \"string\" to \"int64\"",
                "Buy input: B is now required",
                "Buy input: C removed",
                "Buy input: D added (optional)"
            ]
        );
        let added = describe(
            Path::new("v/p/actions/Buy.json"),
            None,
            &SpecFile::Action(Box::new(new)),
        );
        assert_eq!(added, ["action Buy added"]);
        assert_eq!(removed(Path::new("v/p/types/Tag.json")), "type Tag removed");
    }
}
