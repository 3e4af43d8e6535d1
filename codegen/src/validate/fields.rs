//! Checks of one list of fields: names, types, value sets, constraints, flags.

use std::collections::BTreeSet;

use serde_json::Value;

use super::refs::ShapeIndex;
use super::reporter::Reporter;
use crate::load::raw::{Constraints, EnumValueSpec, FieldSpec};
use crate::load::type_expr::{Scalar, TypeExpr};
use crate::model::naming;

/// Where a list of fields lives; some flags only make sense on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Request parameters.
    Input,
    /// Response fields.
    Output,
    /// Members of a shared shape (used on either side).
    Shape,
}

pub(super) fn check_fields(
    at: &mut Reporter,
    path: &str,
    fields: &[FieldSpec],
    side: Side,
    shapes: &ShapeIndex,
) {
    let mut wire_names = BTreeSet::new();
    let mut idents = BTreeSet::new();
    for (i, field) in fields.iter().enumerate() {
        let here = format!("{path}[{i}]");
        if !wire_names.insert(field.name.as_str()) {
            at.error(
                format!("{here}.name"),
                format!(
                    "expected each field name once, found `{}` again",
                    field.name
                ),
            );
            continue;
        }
        match naming::snake_avoiding(&field.name, naming::RESERVED_METHODS) {
            Ok(ident) => {
                if !idents.insert(ident.clone()) {
                    at.error(
                        format!("{here}.name"),
                        format!("expected names that stay distinct as Rust fields, found `{}` which becomes `{ident}` like an earlier field", field.name),
                    );
                }
            }
            Err(e) => at.error(format!("{here}.name"), e),
        }
        // Any spelling that becomes `request_id` would clash with the field every response has.
        if side == Side::Output
            && naming::snake(&field.name).is_ok_and(|ident| ident == "request_id")
        {
            at.error(
                format!("{here}.name"),
                format!("expected no `RequestId` output (found `{}`): every response has it and the generator adds it", field.name),
            );
        }
        check_field(at, &here, field, side, shapes);
    }
}

fn check_field(at: &mut Reporter, here: &str, field: &FieldSpec, side: Side, shapes: &ShapeIndex) {
    check_type(at, &format!("{here}.type"), &field.ty, shapes);
    let element = field.ty.element();
    let is_array = matches!(field.ty, TypeExpr::Array(_));
    if field.value_set.is_some() && side == Side::Shape {
        at.error(
            format!("{here}.enum"),
            "expected no inline `enum` on a shape member; declare an enum shape in types/ and use {\"ref\": \"<Name>\"}",
        );
    }
    if let Some(set) = &field.value_set {
        match element {
            TypeExpr::Scalar(s) if *s == Scalar::String || s.is_integer() => {
                check_enum_values(at, &format!("{here}.enum.values"), *s, &set.values);
                if let Err(e) = naming::pascal(&set.name) {
                    at.error(format!("{here}.enum.name"), e);
                }
            }
            other => at.error(
                format!("{here}.enum"),
                format!("expected a value set only on `string`, `int64` or `uint64` fields (or arrays of them), found {other}"),
            ),
        }
    }
    if field.sensitive && *element != TypeExpr::Scalar(Scalar::String) {
        at.error(
            format!("{here}.sensitive"),
            "expected `sensitive` only on `string` fields (or arrays of strings)",
        );
    } else if field.sensitive && field.value_set.is_some() {
        // A value-set enum prints its variant in Debug; it cannot be redacted.
        at.error(
            format!("{here}.sensitive"),
            "expected `sensitive` only on free text, not on a field with a value set (`enum`), whose values are public",
        );
    }
    let optional_string = !field.required && field.ty == TypeExpr::Scalar(Scalar::String);
    if field.idempotency_token && (side != Side::Input || !optional_string || field.sensitive) {
        at.error(
            format!("{here}.idempotency_token"),
            "expected `idempotency_token` only on an optional, non-sensitive `string` input of an action",
        );
    }
    if field.encoding.is_some() && (side != Side::Input || matches!(field.ty, TypeExpr::Scalar(_)))
    {
        at.error(
            format!("{here}.encoding"),
            "expected `encoding` only on an input of an action that is a list, a structure or a JSON value",
        );
    }
    if field.nullable && side == Side::Input {
        at.error(
            format!("{here}.nullable"),
            "expected `nullable` only on output fields; an input that may be left out has `required: false`",
        );
    }
    if field.description.trim().is_empty() {
        at.error(
            format!("{here}.description"),
            "expected a non-empty description",
        );
    }
    check_constraints(
        at,
        &format!("{here}.constraints"),
        &field.constraints,
        element,
        is_array,
    );
}

fn check_type(at: &mut Reporter, path: &str, ty: &TypeExpr, shapes: &ShapeIndex) {
    match ty {
        TypeExpr::Scalar(_) | TypeExpr::Json => {}
        TypeExpr::Array(inner) => {
            if matches!(**inner, TypeExpr::Array(_)) {
                at.error(
                    format!("{path}.array"),
                    "expected an array of scalars, JSON values or shapes; arrays of arrays have no wire form in these APIs",
                );
            } else {
                check_type(at, &format!("{path}.array"), inner, shapes);
            }
        }
        TypeExpr::Ref(name) => {
            if !shapes.contains(name) {
                at.error(
                    format!("{path}.ref"),
                    format!(
                        "expected the name of a shape in this product's types/ folder, found `{name}` (known: {})",
                        shapes.known()
                    ),
                );
            }
        }
    }
}

/// Values of a value set: right JSON type, unique, with usable variant names.
pub(super) fn check_enum_values(
    at: &mut Reporter,
    path: &str,
    scalar: Scalar,
    values: &[EnumValueSpec],
) {
    if values.is_empty() {
        at.error(path, "expected at least one documented value");
    }
    let mut seen = BTreeSet::new();
    let mut variants = BTreeSet::new();
    for (i, value) in values.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let key = match (&value.value, scalar.is_integer()) {
            (Value::Number(n), true)
                if scalar == Scalar::Uint64 && n.as_i64().is_some_and(|n| n < 0) =>
            {
                at.error(
                    format!("{here}.value"),
                    format!("expected an integer of 0 or more (the value set's type is uint64), found {n}"),
                );
                continue;
            }
            (Value::Number(n), true) if n.as_i64().is_some() => n.to_string(),
            (Value::String(s), false) => s.clone(),
            (found, true) => {
                at.error(
                    format!("{here}.value"),
                    format!(
                        "expected an integer (the value set's type is {}), found {found}",
                        scalar.name()
                    ),
                );
                continue;
            }
            (found, false) => {
                at.error(
                    format!("{here}.value"),
                    format!("expected a string (the value set's type is string), found {found}"),
                );
                continue;
            }
        };
        if !seen.insert(key.clone()) {
            at.error(
                format!("{here}.value"),
                format!("expected each value once, found {key} again"),
            );
            continue;
        }
        let variant = match (&value.name, scalar.is_integer()) {
            (Some(name), _) => naming::pascal_avoiding(name, naming::FALLBACK_VARIANTS, "Value")
                .map_err(|e| (format!("{here}.name"), e)),
            (None, true) => Err((
                here.to_string(),
                "expected key `name` (a PascalCase variant name) for an integer value".to_string(),
            )),
            (None, false) => naming::pascal_avoiding(&key, naming::FALLBACK_VARIANTS, "Value")
                .map_err(|e| {
                    (
                        format!("{here}.value"),
                        format!("{e}; give this value a `name`"),
                    )
                }),
        };
        match variant {
            Ok(variant) => {
                if !variants.insert(variant.clone()) {
                    at.error(
                        here.to_string(),
                        format!("expected values that stay distinct as Rust variants, found one that becomes `{variant}` like an earlier value; give it a `name`"),
                    );
                }
            }
            Err((p, e)) => at.error(p, e),
        }
    }
}

fn check_constraints(
    at: &mut Reporter,
    path: &str,
    c: &Constraints,
    element: &TypeExpr,
    is_array: bool,
) {
    let is_text = matches!(element, TypeExpr::Scalar(s) if s.is_text());
    let is_integer = matches!(element, TypeExpr::Scalar(s) if s.is_integer());
    let text_rules = c.min_length.is_some()
        || c.max_length.is_some()
        || !c.forbidden_prefixes.is_empty()
        || !c.forbidden_substrings.is_empty();
    if text_rules && !is_text {
        at.error(
            path,
            "expected length and prefix/substring rules only on text fields",
        );
    }
    if (c.min_items.is_some() || c.max_items.is_some()) && !is_array {
        at.error(
            path,
            "expected `min_items`/`max_items` only on array fields",
        );
    }
    if (c.minimum.is_some() || c.maximum.is_some()) && !is_integer {
        at.error(path, "expected `minimum`/`maximum` only on integer fields");
    }
    let pairs = [
        (
            "length",
            c.min_length.map(|v| v as i128),
            c.max_length.map(|v| v as i128),
        ),
        (
            "items",
            c.min_items.map(|v| v as i128),
            c.max_items.map(|v| v as i128),
        ),
        (
            "value",
            c.minimum.map(i128::from),
            c.maximum.map(i128::from),
        ),
    ];
    for (what, min, max) in pairs {
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            at.error(
                path,
                format!("expected the minimum {what} ({min}) to be at most the maximum ({max})"),
            );
        }
    }
}
