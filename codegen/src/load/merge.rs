//! Overlays merged over the imported base (see [`overlay`](super::overlay)).
//!
//! Everything an overlay names must exist in the base; anything else is
//! reported at the overlay's JSON path, naming the base file as well, since
//! fixing it means reading both.

use std::path::Path;

use serde_json::Value;

use super::Loaded;
use super::overlay::{ActionOverlay, ErrorOverlay, FieldOverlay, ServiceOverlay, ShapeOverlay};
use super::raw::{
    ActionFile, EnumValueSpec, ErrorCodeSpec, FieldSpec, ServiceFile, ShapeFile, ShapeKind,
    ValueSetSpec,
};
use crate::error::{Diagnostics, SpecError};

/// Where an overlay is merged, for messages.
pub(super) struct Merge<'a> {
    /// The overlay file, relative to the spec root.
    pub overlay: &'a Path,
    /// The file it refines.
    pub base: &'a Path,
    pub diagnostics: &'a mut Diagnostics,
}

impl Merge<'_> {
    fn missing(&mut self, json_path: String, what: impl std::fmt::Display) {
        let base = self.base.display();
        self.diagnostics.push(SpecError::new(
            self.overlay,
            json_path,
            format!(
                "expected {what} in {base}, which the importer writes from the vendor's metadata; \
                 the vendor no longer documents it, so update or remove this part of the overlay"
            ),
        ));
    }
}

/// The service overlay over `base`.
pub(super) fn service(base: &mut ServiceFile, overlay: &ServiceOverlay) {
    set(&mut base.title, &overlay.title);
    set(&mut base.description, &overlay.description);
    if let Some(endpoints) = &overlay.endpoints {
        base.endpoints = endpoints.clone();
    }
    for error in &overlay.errors {
        match base.errors.iter_mut().find(|e| e.code == error.code) {
            Some(known) => *known = error.clone(),
            None => base.errors.push(error.clone()),
        }
    }
}

/// The action overlay over `base`; error codes without a description take
/// the first description `published` has for them.
pub(super) fn action(
    base: &mut ActionFile,
    overlay: &ActionOverlay,
    published: &[&[ErrorCodeSpec]],
    merge: &mut Merge,
) {
    set(&mut base.summary, &overlay.summary);
    set_option(&mut base.description, &overlay.description);
    set(&mut base.deprecated, &overlay.deprecated);
    set_option(
        &mut base.rate_limit_per_second,
        &overlay.rate_limit_per_second,
    );
    set(&mut base.idempotent, &overlay.idempotent);
    set_option(&mut base.idempotency_note, &overlay.idempotency_note);
    fields(
        &mut base.input,
        &overlay.input,
        "input",
        "a parameter",
        merge,
    );
    fields(
        &mut base.output,
        &overlay.output,
        "output",
        "an output field",
        merge,
    );
    for (i, error) in overlay.errors.iter().enumerate() {
        let Some(merged) = error_code(error, &base.errors, published) else {
            merge.diagnostics.push(SpecError::new(
                merge.overlay,
                format!("$.errors[{i}].description"),
                format!(
                    "expected a description of `{}`: neither the product's service.json nor the vendor's vendor.json publishes one",
                    error.code
                ),
            ));
            continue;
        };
        match base.errors.iter_mut().find(|e| e.code == error.code) {
            Some(known) => *known = merged,
            None => base.errors.push(merged),
        }
    }
    set_option(&mut base.waiter, &overlay.waiter);
    if let Some(paging) = &overlay.paging {
        base.paging.clone_from(paging);
    }
    if let Some(examples) = &overlay.examples {
        base.examples = examples.clone();
    }
}

/// The value set an overlay adds, when it has no base: `kind: enum` with
/// its type, description and values.
pub(super) fn added_shape(overlay: &Loaded<ShapeOverlay>) -> Option<Loaded<ShapeFile>> {
    let value = &overlay.value;
    if value.kind != Some(ShapeKind::Enum) || value.values.is_empty() {
        return None;
    }
    Some(Loaded {
        file: overlay.file.clone(),
        value: ShapeFile {
            schema: "../../../schema/shape.schema.json".into(),
            name: value.name.clone(),
            kind: ShapeKind::Enum,
            description: value.description.clone().unwrap_or_default(),
            fields: None,
            enum_type: value.enum_type.clone(),
            values: Some(value.values.clone()),
        },
    })
}

/// The shape overlay over `base`.
pub(super) fn shape(base: &mut ShapeFile, overlay: &ShapeOverlay, merge: &mut Merge) {
    set(&mut base.description, &overlay.description);
    if !overlay.fields.is_empty() {
        match &mut base.fields {
            Some(members) => fields(members, &overlay.fields, "fields", "a member", merge),
            None => merge.missing("$.fields".into(), "an object shape with members"),
        }
    }
    if !overlay.values.is_empty() {
        match &mut base.values {
            Some(values) => enum_values(values, &overlay.values, "$.values", merge),
            None => merge.missing("$.values".into(), "an enum shape with values"),
        }
    }
}

fn fields(
    base: &mut [FieldSpec],
    overlays: &[FieldOverlay],
    list: &str,
    what: &str,
    merge: &mut Merge,
) {
    for (i, overlay) in overlays.iter().enumerate() {
        let path = format!("$.{list}[{i}]");
        match base.iter_mut().find(|f| f.name == overlay.name) {
            Some(field) => self::field(field, overlay, &path, merge),
            None => merge.missing(
                format!("{path}.name"),
                format_args!("`{}` to be {what} of `{list}`", overlay.name),
            ),
        }
    }
}

fn field(base: &mut FieldSpec, overlay: &FieldOverlay, path: &str, merge: &mut Merge) {
    set(&mut base.ty, &overlay.ty);
    set(&mut base.required, &overlay.required);
    set(&mut base.description, &overlay.description);
    set(&mut base.nullable, &overlay.nullable);
    set(&mut base.sensitive, &overlay.sensitive);
    set(&mut base.deprecated, &overlay.deprecated);
    set_option(&mut base.example, &overlay.example);
    set_option(&mut base.default, &overlay.default);
    set(&mut base.constraints, &overlay.constraints);
    match (&overlay.value_set, &mut base.value_set) {
        (None, _) => {}
        (Some(None), set) => *set = None,
        (Some(Some(curated)), Some(imported)) => {
            imported.name = curated.name.clone();
            set_option(&mut imported.description, &curated.description);
            enum_values(
                &mut imported.values,
                &curated.values,
                &format!("{path}.enum.values"),
                merge,
            );
        }
        (Some(Some(curated)), set @ None) => *set = Some(ValueSetSpec::clone(curated)),
    }
}

/// Curated names and descriptions over the imported values, keeping the
/// vendor's order; values the vendor adds later keep their imported names.
fn enum_values(
    base: &mut [EnumValueSpec],
    curated: &[EnumValueSpec],
    path: &str,
    merge: &mut Merge,
) {
    for (i, value) in curated.iter().enumerate() {
        match base.iter_mut().find(|v| same_value(&v.value, &value.value)) {
            Some(known) => *known = value.clone(),
            None => merge.missing(
                format!("{path}[{i}].value"),
                format_args!("the value {} to be documented", value.value),
            ),
        }
    }
}

/// `5` and `"5"` are different wire values, but `5` and `5.0` are not.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn error_code(
    error: &ErrorOverlay,
    base: &[ErrorCodeSpec],
    published: &[&[ErrorCodeSpec]],
) -> Option<ErrorCodeSpec> {
    let known = std::iter::once(base)
        .chain(published.iter().copied())
        .flatten()
        .find(|e| e.code == error.code);
    let description = error
        .description
        .clone()
        .or_else(|| known.map(|e| e.description.clone()))?;
    Some(ErrorCodeSpec {
        code: error.code.clone(),
        description,
        http_status: error.http_status.or(known.and_then(|e| e.http_status)),
    })
}

fn set<T: Clone>(base: &mut T, overlay: &Option<T>) {
    if let Some(value) = overlay {
        *base = value.clone();
    }
}

fn set_option<T: Clone>(base: &mut Option<T>, overlay: &Option<T>) {
    if overlay.is_some() {
        base.clone_from(overlay);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> ActionFile {
        serde_json::from_value(json!({
            "$schema": "s", "name": "Apply", "summary": "申请证书。", "idempotent": false,
            "input": [
                { "name": "Method", "type": "string", "required": true, "description": "验证方式",
                  "enum": { "name": "ApplyMethod", "values": [
                      { "value": "DNS", "description": "dns" },
                      { "value": "FILE", "description": "file" },
                      { "value": "EMAIL", "description": "email, added by the vendor later" }
                  ] } },
                { "name": "Period", "type": "int64", "required": false, "description": "Months.",
                  "enum": { "name": "Period", "values": [ { "value": 12, "name": "Year", "description": "y" } ] } }
            ],
            "output": [ { "name": "Id", "type": "string", "required": true, "description": "id" } ],
            "errors": []
        }))
        .unwrap()
    }

    fn merged(overlay: serde_json::Value) -> (ActionFile, Diagnostics) {
        let mut action = base();
        let overlay: ActionOverlay = serde_json::from_value(overlay).unwrap();
        let product = [ErrorCodeSpec {
            code: "FailedOperation.Quota".into(),
            description: "The quota is used up.".into(),
            http_status: None,
        }];
        let mut diagnostics = Diagnostics::default();
        let mut merge = Merge {
            overlay: Path::new("v/p/overlay/actions/Apply.json"),
            base: Path::new("v/p/actions/Apply.json"),
            diagnostics: &mut diagnostics,
        };
        super::action(&mut action, &overlay, &[&product], &mut merge);
        (action, diagnostics)
    }

    #[test]
    fn curation_refines_the_base_and_keeps_what_it_does_not_name() {
        let (action, diagnostics) = merged(json!({
            "$schema": "s", "name": "Apply", "summary": "Applies for a certificate.",
            "idempotent": true,
            "input": [
                { "name": "Method", "description": "How domain control is proven.",
                  "enum": { "name": "ValidationMethod", "values": [
                      { "value": "DNS", "name": "Dns", "description": "A DNS record." },
                      { "value": "FILE", "name": "File", "description": "A file on the site." }
                  ] } },
                { "name": "Period", "enum": null }
            ],
            "errors": [
                { "code": "FailedOperation.Quota" },
                { "code": "FailedOperation.Own", "description": "Curated.", "http_status": 409 }
            ]
        }));
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(action.summary, "Applies for a certificate.");
        assert!(action.idempotent);
        let method = &action.input[0];
        assert_eq!(method.description, "How domain control is proven.");
        assert!(method.required, "not named by the overlay: stays");
        let set = method.value_set.as_ref().unwrap();
        assert_eq!(set.name, "ValidationMethod");
        let names: Vec<_> = set.values.iter().map(|v| v.name.as_deref()).collect();
        assert_eq!(
            names,
            [Some("Dns"), Some("File"), None],
            "a new vendor value keeps its place"
        );
        assert!(
            action.input[1].value_set.is_none(),
            "`enum: null` removes a detected set"
        );
        assert_eq!(action.output[0].description, "id");
        assert_eq!(action.errors[0].description, "The quota is used up.");
        assert_eq!(action.errors[1].http_status, Some(409));
    }

    #[test]
    fn curation_of_what_the_vendor_removed_names_both_files() {
        let (_, diagnostics) = merged(json!({
            "$schema": "s", "name": "Apply",
            "input": [ { "name": "Gone", "description": "x" } ],
            "output": [ { "name": "Id", "enum": { "name": "E", "values": [] } } ]
        }));
        assert_eq!(diagnostics.errors.len(), 1, "{diagnostics}");
        let error = &diagnostics.errors[0];
        assert_eq!(error.file, Path::new("v/p/overlay/actions/Apply.json"));
        assert_eq!(error.json_path, "$.input[0].name");
        assert!(error.expected.contains("v/p/actions/Apply.json"), "{error}");
    }
}
