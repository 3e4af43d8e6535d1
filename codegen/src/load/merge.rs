//! Overlays merged over the imported base (see [`overlay`](super::overlay)).
//!
//! Everything an overlay names must exist in the base; anything else is
//! reported at the overlay's JSON path, naming the base file as well, since
//! fixing it means reading both.

use std::path::Path;

use serde_json::Value;

use super::overlay::{ActionOverlay, ErrorOverlay, FieldOverlay, ServiceOverlay, ShapeOverlay};
use super::paths::in_product;
use super::raw::{
    ActionFile, EnumValueSpec, ErrorCodeSpec, FieldSpec, ServiceFile, ShapeFile, ShapeKind,
    ValueSetSpec,
};
use super::tree::{Loaded, Overlaid};
use crate::error::{Diagnostics, SpecError};

/// Where an overlay is merged, for messages, and what it set.
pub(super) struct Merge<'a> {
    /// The overlay file, relative to the spec root.
    pub overlay: &'a Path,
    /// The file it refines.
    pub base: &'a Path,
    pub diagnostics: &'a mut Diagnostics,
    /// Each value taken from the overlay: JSON path in the merged file, and
    /// in the overlay (see [`Overlaid`]).
    pub taken: Vec<(String, String)>,
}

/// A place in both files: the JSON path of a value in the merged file, and
/// of the overlay's value merged there (lists are matched by name, so the
/// indices may differ).
#[derive(Debug, Clone)]
struct At {
    merged: String,
    overlay: String,
}

impl At {
    /// The top of both files.
    fn root() -> At {
        At {
            merged: "$".into(),
            overlay: "$".into(),
        }
    }

    fn key(&self, key: &str) -> At {
        At {
            merged: format!("{}.{key}", self.merged),
            overlay: format!("{}.{key}", self.overlay),
        }
    }

    /// Element `merged` of a list in the merged file, `overlay` of the overlay's list.
    fn index(&self, merged: usize, overlay: usize) -> At {
        At {
            merged: format!("{}[{merged}]", self.merged),
            overlay: format!("{}[{overlay}]", self.overlay),
        }
    }
}

impl Merge<'_> {
    fn missing(&mut self, json_path: String, what: impl std::fmt::Display) {
        let base = in_product(self.base);
        self.diagnostics.push(SpecError::new(
            self.overlay,
            json_path,
            format!(
                "expected {what} in {base} beside overlay/, which the importer writes from the \
                 vendor's metadata; the vendor no longer documents it, so update or remove this \
                 part of the overlay"
            ),
        ));
    }

    /// The overlay as merged: its file, and what it set.
    pub fn overlaid(self) -> Overlaid {
        Overlaid {
            file: self.overlay.to_path_buf(),
            values: self.taken,
        }
    }

    /// Notes that the value at `at` comes from the overlay.
    fn took(&mut self, at: At) {
        self.taken.push((at.merged, at.overlay));
    }

    /// Replaces `base` with the overlay's `key`, if the overlay has it.
    fn set<T: Clone>(&mut self, base: &mut T, overlay: &Option<T>, at: &At, key: &str) {
        if let Some(value) = overlay {
            *base = value.clone();
            self.took(at.key(key));
        }
    }

    /// Replaces the optional `base` with the overlay's `key`, if the overlay has it.
    fn set_option<T: Clone>(
        &mut self,
        base: &mut Option<T>,
        overlay: &Option<T>,
        at: &At,
        key: &str,
    ) {
        if overlay.is_some() {
            base.clone_from(overlay);
            self.took(at.key(key));
        }
    }
}

/// The service overlay over `base`.
pub(super) fn service(base: &mut ServiceFile, overlay: &ServiceOverlay, merge: &mut Merge) {
    let at = &At::root();
    merge.set(&mut base.title, &overlay.title, at, "title");
    merge.set(
        &mut base.description,
        &overlay.description,
        at,
        "description",
    );
    merge.set(&mut base.endpoints, &overlay.endpoints, at, "endpoints");
    merge.set(&mut base.regional, &overlay.regional, at, "regional");
    for (i, error) in overlay.errors.iter().enumerate() {
        let index = match base.errors.iter().position(|e| e.code == error.code) {
            Some(known) => {
                base.errors[known] = error.clone();
                known
            }
            None => {
                base.errors.push(error.clone());
                base.errors.len() - 1
            }
        };
        merge.took(at.key("errors").index(index, i));
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
    let at = &At::root();
    merge.set(&mut base.summary, &overlay.summary, at, "summary");
    merge.set_option(
        &mut base.description,
        &overlay.description,
        at,
        "description",
    );
    merge.set(&mut base.deprecated, &overlay.deprecated, at, "deprecated");
    merge.set_option(
        &mut base.rate_limit_per_second,
        &overlay.rate_limit_per_second,
        at,
        "rate_limit_per_second",
    );
    merge.set(&mut base.idempotent, &overlay.idempotent, at, "idempotent");
    merge.set_option(
        &mut base.idempotency_note,
        &overlay.idempotency_note,
        at,
        "idempotency_note",
    );
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
    let errors = at.key("errors");
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
        match base.errors.iter().position(|e| e.code == error.code) {
            Some(known) => {
                base.errors[known] = merged;
                // The code was the base's; what the overlay gives replaces its parts.
                let at = errors.index(known, i);
                merge.took(at.key("code"));
                if error.description.is_some() {
                    merge.took(at.key("description"));
                }
                if error.http_status.is_some() {
                    merge.took(at.key("http_status"));
                }
            }
            None => {
                base.errors.push(merged);
                merge.took(errors.index(base.errors.len() - 1, i));
            }
        }
    }
    merge.set_option(&mut base.waiter, &overlay.waiter, at, "waiter");
    merge.set_option(&mut base.task, &overlay.task, at, "task");
    merge.set(&mut base.paging, &overlay.paging, at, "paging");
    if let Some(examples) = &overlay.examples {
        base.examples = examples.clone();
        merge.took(at.key("examples"));
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
    let at = &At::root();
    merge.set(
        &mut base.description,
        &overlay.description,
        at,
        "description",
    );
    if !overlay.fields.is_empty() {
        match &mut base.fields {
            Some(members) => fields(members, &overlay.fields, "fields", "a member", merge),
            None => merge.missing("$.fields".into(), "an object shape with members"),
        }
    }
    if !overlay.values.is_empty() {
        match &mut base.values {
            Some(values) => enum_values(values, &overlay.values, &at.key("values"), merge),
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
    let at = At::root().key(list);
    for (i, overlay) in overlays.iter().enumerate() {
        match base.iter().position(|f| f.name == overlay.name) {
            Some(known) => self::field(&mut base[known], overlay, &at.index(known, i), merge),
            None => merge.missing(
                format!("{}[{i}].name", at.overlay),
                format_args!("`{}` to be {what} of `{list}`", overlay.name),
            ),
        }
    }
}

fn field(base: &mut FieldSpec, overlay: &FieldOverlay, at: &At, merge: &mut Merge) {
    merge.set(&mut base.ty, &overlay.ty, at, "type");
    merge.set(&mut base.required, &overlay.required, at, "required");
    merge.set(
        &mut base.description,
        &overlay.description,
        at,
        "description",
    );
    merge.set(&mut base.nullable, &overlay.nullable, at, "nullable");
    merge.set(&mut base.sensitive, &overlay.sensitive, at, "sensitive");
    merge.set(&mut base.deprecated, &overlay.deprecated, at, "deprecated");
    merge.set(&mut base.hidden, &overlay.hidden, at, "hidden");
    merge.set_option(&mut base.example, &overlay.example, at, "example");
    merge.set_option(&mut base.default, &overlay.default, at, "default");
    merge.set(
        &mut base.constraints,
        &overlay.constraints,
        at,
        "constraints",
    );
    let at = at.key("enum");
    match (&overlay.value_set, &mut base.value_set) {
        (None, _) => {}
        (Some(None), set) => *set = None,
        (Some(Some(curated)), Some(imported)) => {
            imported.name = curated.name.clone();
            merge.took(at.key("name"));
            merge.set_option(
                &mut imported.description,
                &curated.description,
                &at,
                "description",
            );
            enum_values(
                &mut imported.values,
                &curated.values,
                &at.key("values"),
                merge,
            );
        }
        (Some(Some(curated)), set @ None) => {
            *set = Some(ValueSetSpec::clone(curated));
            merge.took(at);
        }
    }
}

/// Curated names and descriptions over the imported values, keeping the
/// vendor's order; values the vendor adds later keep their imported names.
fn enum_values(base: &mut [EnumValueSpec], curated: &[EnumValueSpec], at: &At, merge: &mut Merge) {
    for (i, value) in curated.iter().enumerate() {
        match base.iter().position(|v| same_value(&v.value, &value.value)) {
            Some(known) => {
                base[known] = value.clone();
                merge.took(at.index(known, i));
            }
            None => merge.missing(
                format!("{}[{i}].value", at.overlay),
                format_args!("the value {} to be documented", value.value),
            ),
        }
    }
}

/// `5` and `"5"` are different wire values, but `5` and `5.0` are not.
/// Integers compare as integers: two above 2^53 that one `f64` would hold
/// for both are different values.
fn same_value(a: &Value, b: &Value) -> bool {
    let integer = |v: &Value| {
        v.as_i64()
            .map(i128::from)
            .or_else(|| v.as_u64().map(i128::from))
    };
    match (integer(a), integer(b), a.as_f64(), b.as_f64()) {
        (Some(x), Some(y), _, _) => x == y,
        // An integer and a float: the same only if the float is exactly that integer.
        (Some(i), None, _, Some(f)) | (None, Some(i), Some(f), _) => {
            f.fract() == 0.0 && f.abs() < 1.7e38 && f as i128 == i
        }
        (None, None, Some(x), Some(y)) => x == y,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_the_same_only_when_they_say_the_same() {
        assert!(same_value(&json!(5), &json!(5.0)));
        assert!(same_value(&json!(u64::MAX), &json!(u64::MAX)));
        assert!(!same_value(&json!(5), &json!("5")));
        assert!(!same_value(&json!(5), &json!(5.5)));
        // 2^53 + 1 and 2^53 are one f64, and two integers.
        assert!(!same_value(
            &json!(9007199254740993_u64),
            &json!(9007199254740992_u64)
        ));
        assert!(!same_value(
            &json!(9007199254740993_u64),
            &json!(9007199254740992.0)
        ));
    }

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

    fn merged(overlay: serde_json::Value) -> (ActionFile, Diagnostics, Vec<(String, String)>) {
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
            taken: Vec::new(),
        };
        super::action(&mut action, &overlay, &[&product], &mut merge);
        let taken = merge.taken;
        (action, diagnostics, taken)
    }

    #[test]
    fn curation_refines_the_base_and_keeps_what_it_does_not_name() {
        let (action, diagnostics, _) = merged(json!({
            "$schema": "s", "name": "Apply", "summary": "Applies for a certificate.",
            "idempotent": true,
            "input": [
                { "name": "Method", "description": "How domain control is proven.",
                  "enum": { "name": "ValidationMethod", "values": [
                      { "value": "DNS", "name": "Dns", "description": "A DNS record." },
                      { "value": "FILE", "name": "File", "description": "A file on the site." }
                  ] } },
                { "name": "Period", "enum": null, "hidden": true }
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
        assert!(action.input[1].hidden && !action.input[0].hidden);
        assert_eq!(action.output[0].description, "id");
        assert_eq!(action.errors[0].description, "The quota is used up.");
        assert_eq!(action.errors[1].http_status, Some(409));
    }

    #[test]
    fn curation_of_what_the_vendor_removed_names_both_files() {
        let (_, diagnostics, _) = merged(json!({
            "$schema": "s", "name": "Apply",
            "input": [ { "name": "Gone", "description": "x" } ],
            "output": [ { "name": "Id", "enum": { "name": "E", "values": [] } } ]
        }));
        assert_eq!(diagnostics.errors.len(), 1, "{diagnostics}");
        let error = &diagnostics.errors[0];
        assert_eq!(error.file, Path::new("v/p/overlay/actions/Apply.json"));
        assert_eq!(error.json_path, "$.input[0].name");
        assert!(
            error
                .expected
                .contains("in actions/Apply.json beside overlay/"),
            "{error}"
        );
    }

    #[test]
    fn what_the_overlay_sets_is_traced_to_its_place_in_the_overlay() {
        let (_, diagnostics, taken) = merged(json!({
            "$schema": "s", "name": "Apply", "summary": "Applies.",
            "input": [
                { "name": "Period", "description": "Months.", "constraints": { "minimum": 1 } },
                { "name": "Method", "enum": { "name": "How", "values": [
                    { "value": "FILE", "name": "File", "description": "A file." }
                ] } }
            ],
            "errors": [ { "code": "FailedOperation.Own", "description": "Curated." } ]
        }));
        assert!(diagnostics.is_empty(), "{diagnostics}");
        let taken: Vec<(&str, &str)> = taken
            .iter()
            .map(|(m, o)| (m.as_str(), o.as_str()))
            .collect();
        assert_eq!(
            taken,
            [
                ("$.summary", "$.summary"),
                // `Period` is the base's second parameter, the overlay's first.
                ("$.input[1].description", "$.input[0].description"),
                ("$.input[1].constraints", "$.input[0].constraints"),
                ("$.input[0].enum.name", "$.input[1].enum.name"),
                // `FILE` is the base's second value, the overlay's first.
                ("$.input[0].enum.values[1]", "$.input[1].enum.values[0]"),
                // A new code is appended: all of it is the overlay's.
                ("$.errors[0]", "$.errors[0]"),
            ]
        );
    }
}
