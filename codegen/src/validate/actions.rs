//! Checks of one action file beyond its fields: summary, limits, codes,
//! waiter (and, through `paging`, its paging).

use super::fields::{Side, check_fields};
use super::files::{check_error_codes, check_matches_file_name};
use super::refs::ShapeIndex;
use super::reporter::Reporter;
use crate::error::Diagnostics;
use crate::load::Loaded;
use crate::load::raw::ActionFile;
use crate::load::type_expr::{Scalar, TypeExpr};
use crate::model::naming;

pub(super) fn check_action(
    action: &Loaded<ActionFile>,
    shapes: &ShapeIndex,
    diagnostics: &mut Diagnostics,
) {
    let value = &action.value;
    let mut at = Reporter::new(&action.file, diagnostics);
    if !value.schema.ends_with("action.schema.json") {
        at.error(
            "$.$schema",
            format!("expected a relative path ending in `schema/action.schema.json` (so editors validate this file), found `{}`", value.schema),
        );
    }
    check_matches_file_name(&mut at, &action.file, &value.name);
    let starts_upper = value
        .name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase());
    if !starts_upper || naming::pascal(&value.name).is_err() {
        at.error(
            "$.name",
            format!(
                "expected a PascalCase action name such as `CreateCertificate`, found `{}`",
                value.name
            ),
        );
    }
    if value.summary.trim().is_empty() {
        at.error("$.summary", "expected a one-sentence summary");
    }
    if value.rate_limit_per_second == Some(0) {
        at.error("$.rate_limit_per_second", "expected a positive number of requests per second (leave the key out if none is documented)");
    }
    check_fields(&mut at, "$.input", &value.input, Side::Input, shapes);
    check_fields(&mut at, "$.output", &value.output, Side::Output, shapes);
    check_error_codes(&mut at, "$.errors", &value.errors);
    let mut enum_names = std::collections::BTreeSet::new();
    for (side, fields) in [("input", &value.input), ("output", &value.output)] {
        for (i, field) in fields.iter().enumerate() {
            if let Some(set) = &field.value_set
                && !enum_names.insert(set.name.as_str())
            {
                at.error(
                    format!("$.{side}[{i}].enum.name"),
                    format!("expected each inline enum name once per action, found `{}` again; declare a shared enum in types/ to reuse one", set.name),
                );
            }
        }
    }
    if let Some(paging) = &value.paging {
        super::paging::check_paging(&mut at, value, paging, shapes);
    }
    if let Some(waiter) = &value.waiter {
        if let Err(e) = naming::snake(&waiter.name) {
            at.error("$.waiter.name", e);
        }
        let until = &waiter.until;
        if until.greater_than.is_some() == until.equals.is_some() {
            at.error(
                "$.waiter.until",
                "expected exactly one of `greater_than` or `equals`",
            );
        }
        match value.output.iter().find(|f| f.name == until.field) {
            // The condition compares the field's integer (wire) value with a number literal.
            Some(field) if shapes.is_integer_enum(&field.ty) => {}
            Some(field) if field.value_set.is_some() && !matches!(field.ty, TypeExpr::Scalar(s) if s.is_integer()) => at.error(
                "$.waiter.until.field",
                format!(
                    "expected an integer output field (or a set of integer values), found `{}`, whose values are text",
                    until.field
                ),
            ),
            Some(field) if field.value_set.is_some() => {}
            Some(field) if field.ty == TypeExpr::Scalar(Scalar::Uint64) => {
                if until.greater_than.or(until.equals).is_some_and(|n| n < 0) {
                    at.error(
                        "$.waiter.until",
                        format!(
                            "expected a threshold of 0 or more, as `{}` is unsigned (uint64)",
                            until.field
                        ),
                    );
                }
            }
            Some(field) if matches!(field.ty, TypeExpr::Scalar(s) if s.is_integer()) => {}
            Some(_) => at.error(
                "$.waiter.until.field",
                format!(
                    "expected an integer output field, found `{}` of another type",
                    until.field
                ),
            ),
            None => at.error(
                "$.waiter.until.field",
                format!(
                    "expected the name of an output field of this action, found `{}`",
                    until.field
                ),
            ),
        }
        if waiter.initial_delay_ms == 0 || waiter.initial_delay_ms > waiter.max_delay_ms {
            at.error("$.waiter", "expected 0 < initial_delay_ms <= max_delay_ms");
        }
        if waiter.timeout_secs == 0 {
            at.error(
                "$.waiter.timeout_secs",
                "expected a positive deadline in seconds",
            );
        }
    }
}
