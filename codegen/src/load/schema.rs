//! The JSON Schemas of the spec format, derived from the raw structs that
//! the loader parses, so the two cannot drift apart. `cargo xtask gen`
//! writes them to `spec/schema/`; spec files name them in `$schema`.

use schemars::JsonSchema;

use crate::load::overlay::{ActionOverlay, ServiceOverlay, ShapeOverlay};
use crate::load::raw::{ActionFile, ServiceFile, ShapeFile, VendorFile};

/// Each schema file: its name in `spec/schema/` and its contents.
pub fn schema_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "action.schema.json",
            render::<ActionFile>(
                "A Tencent or Alibaba Cloud API action: parameters, outputs, error codes, limits.",
            ),
        ),
        (
            "action-overlay.schema.json",
            render::<ActionOverlay>(
                "Curation of one action, merged over the file the importer writes: wording, value sets, idempotency, limits, waiters, error codes, examples.",
            ),
        ),
        (
            "service.schema.json",
            render::<ServiceFile>("One product at one API version: protocol and endpoints."),
        ),
        (
            "service-overlay.schema.json",
            render::<ServiceOverlay>(
                "Curation of a product, merged over the service.json the importer writes.",
            ),
        ),
        (
            "shape.schema.json",
            render::<ShapeFile>("A data type shared by the actions of a product."),
        ),
        (
            "shape-overlay.schema.json",
            render::<ShapeOverlay>(
                "Curation of a shared type, merged over the file the importer writes.",
            ),
        ),
        (
            "vendor.schema.json",
            render::<VendorFile>("A cloud vendor: its common error codes."),
        ),
    ]
}

fn render<T: JsonSchema>(title: &str) -> String {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn schemas_describe_the_raw_structs() {
        let files = super::schema_files();
        assert_eq!(files.len(), 7);
        let action: serde_json::Value = serde_json::from_str(&files[0].1).unwrap();
        let required = action["required"].as_array().unwrap();
        for key in [
            "$schema",
            "name",
            "summary",
            "idempotent",
            "input",
            "output",
            "errors",
        ] {
            assert!(
                required.iter().any(|r| r == key),
                "{key} should be required"
            );
        }
        assert_eq!(action["additionalProperties"], false);
    }
}
