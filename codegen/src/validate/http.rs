//! Checks of how an action is bound to HTTP: REST protocols need a method
//! and a path whose `{name}` segments are exactly the inputs placed in the
//! path; the other protocols send every action alike and take neither.

use std::collections::BTreeSet;

use super::reporter::Reporter;
use crate::error::Diagnostics;
use crate::load::Loaded;
use crate::load::raw::{ActionFile, FieldSpec, Location, Protocol};
use crate::load::type_expr::{Scalar, TypeExpr};

pub(super) fn check_http(
    action: &Loaded<ActionFile>,
    protocol: Protocol,
    diagnostics: &mut Diagnostics,
) {
    let value = &action.value;
    let mut at = Reporter::new(&action.file, diagnostics);
    if !protocol.is_rest() {
        if value.http.is_some() {
            at.error(
                "$.http",
                "expected no `http`: only REST protocols bind actions to a method and path",
            );
        }
        for (side, fields) in [("input", &value.input), ("output", &value.output)] {
            for (i, field) in fields.iter().enumerate() {
                if field.location.is_some() {
                    at.error(
                        format!("$.{side}[{i}].location"),
                        "expected no `location`: only members of REST actions have one",
                    );
                }
            }
        }
        return;
    }
    let Some(http) = &value.http else {
        at.error(
            "$.http",
            "expected an `http` object with `method` and `path`: the product's protocol is REST",
        );
        return;
    };
    let segments = match path_segments(&http.path) {
        Ok(segments) => segments,
        Err(problem) => {
            at.error("$.http.path", problem);
            return;
        }
    };
    let mut placed = BTreeSet::new();
    for (i, field) in value.input.iter().enumerate() {
        if field.location == Some(Location::Path) {
            placed.insert(field.name.as_str());
            if !field.required {
                at.error(
                    format!("$.input[{i}].required"),
                    "expected `true`: a member of the path is always sent",
                );
            }
            // A scalar, or a value set; a list has no place in one segment.
            if matches!(field.ty, TypeExpr::Array(_)) {
                at.error(
                    format!("$.input[{i}].type"),
                    "expected a scalar type or a value set: a member of the path is one segment",
                );
            }
            if !segments.contains(field.name.as_str()) {
                at.error(
                    format!("$.input[{i}].location"),
                    format!(
                        "expected a `{{{}}}` segment in `$.http.path` for a member placed in the path",
                        field.name
                    ),
                );
            }
        }
    }
    for segment in &segments {
        if !placed.contains(segment) {
            at.error(
                "$.http.path",
                format!(
                    "expected an input `{segment}` with `location: path` for the segment `{{{segment}}}`"
                ),
            );
        }
    }
    check_bodies(&mut at, "input", &value.input);
    check_bodies(&mut at, "output", &value.output);
    for (i, field) in value.output.iter().enumerate() {
        if matches!(field.location, Some(Location::Path | Location::Query)) {
            at.error(
                format!("$.output[{i}].location"),
                "expected `body`, `header` or `payload`: answers have no path or query",
            );
        }
    }
}

/// At most one `payload` member, a text, and then no body members beside it.
fn check_bodies(at: &mut Reporter<'_>, side: &str, fields: &[FieldSpec]) {
    let payloads: Vec<usize> = (0..fields.len())
        .filter(|&i| fields[i].location == Some(Location::Payload))
        .collect();
    let Some(&first) = payloads.first() else {
        return;
    };
    if payloads.len() > 1 {
        at.error(
            format!("$.{side}[{}].location", payloads[1]),
            "expected one `payload` member at most: it is the whole body",
        );
    }
    if !matches!(fields[first].ty, TypeExpr::Scalar(Scalar::String)) {
        at.error(
            format!("$.{side}[{first}].type"),
            "expected `string`: a payload is the body as text",
        );
    }
    if let Some(i) = fields
        .iter()
        .position(|f| matches!(f.location, None | Some(Location::Body)))
    {
        at.error(
            format!("$.{side}[{i}].location"),
            "expected no body member beside a `payload`, which is the whole body",
        );
    }
}

/// The names of a path template's `{name}` segments; a path starts with `/`.
fn path_segments(path: &str) -> Result<BTreeSet<&str>, String> {
    if !path.starts_with('/') {
        return Err(format!("expected a path starting with `/`, found `{path}`"));
    }
    let mut names = BTreeSet::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            return Err(format!("expected every `{{` closed by `}}` in `{path}`"));
        };
        let name = &rest[start + 1..start + len];
        if name.is_empty() || !names.insert(name) {
            return Err(format!(
                "expected each `{{name}}` segment named, and once, in `{path}`"
            ));
        }
        rest = &rest[start + len + 1..];
    }
    Ok(names)
}
