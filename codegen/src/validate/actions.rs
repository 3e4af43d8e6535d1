//! Checks of one action file beyond its fields: summary, limits, codes,
//! and, through `paging` and `waiters`, its paging and waiter.

use super::fields::{Side, check_fields};
use super::files::{check_error_codes, check_matches_file_name};
use super::refs::ShapeIndex;
use super::reporter::Reporter;
use crate::error::Diagnostics;
use crate::load::Loaded;
use crate::load::raw::ActionFile;
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
        super::waiters::check_waiter(&mut at, value, waiter, shapes);
    }
}
