//! Checks of an action's `paging`: each named field exists on the right
//! side with a type the generated stream can read or set. The items and the
//! total may sit in a structure of the answer (`DomainRecords.Record`, as
//! Alibaba wraps lists; `RecordCountInfo.TotalCount`, as DNSPod counts).

use super::refs::ShapeIndex;
use super::reporter::Reporter;
use crate::load::raw::{ActionFile, FieldSpec, PagingSpec};
use crate::load::type_expr::{Scalar, TypeExpr};

/// What a paging field must be.
#[derive(Clone, Copy)]
enum Want {
    /// An integer, or a string holding one (some vendors document offsets
    /// as strings), without a value set: offsets, page numbers, sizes.
    Count,
    /// An integer scalar without a value set: totals.
    Integer,
    /// A string: tokens.
    Text,
    /// A list: the items.
    List,
}

pub(super) fn check_paging(
    at: &mut Reporter,
    action: &ActionFile,
    paging: &PagingSpec,
    shapes: &ShapeIndex,
) {
    let choosers = [&paging.offset, &paging.page, &paging.token]
        .iter()
        .filter(|c| c.is_some())
        .count();
    if choosers != 1 {
        at.error(
            "$.paging",
            "expected exactly one of `offset`, `page` and `token`: the input that chooses a page",
        );
    }
    if paging.token.is_some() != paging.next_token.is_some() {
        at.error(
            "$.paging",
            "expected `token` and `next_token` together: the next page's token is read from the answer and sent back",
        );
    }
    if paging.page_size.is_some()
        && paging.page_size == paging.offset.as_ref().or(paging.page.as_ref()).cloned()
    {
        at.error(
            "$.paging.page_size",
            "expected another input than the one that chooses the page",
        );
    }
    let inputs = [
        ("offset", &paging.offset, Want::Count),
        ("page", &paging.page, Want::Count),
        ("page_size", &paging.page_size, Want::Count),
        ("token", &paging.token, Want::Text),
    ];
    for (key, name, want) in inputs {
        if let Some(name) = name {
            check_field(at, key, "input", &action.input, name, want);
        }
    }
    let paths = [
        ("items", Some(&paging.items), Want::List),
        ("total", paging.total.as_ref(), Want::Integer),
    ];
    for (key, path, want) in paths {
        if let Some(path) = path {
            check_output_path(at, key, &action.output, path, want, shapes);
        }
    }
    if let Some(name) = &paging.next_token {
        check_field(at, "next_token", "output", &action.output, name, Want::Text);
    }
}

/// An output, or a dotted path to a member of one structure of the answer.
fn check_output_path(
    at: &mut Reporter,
    key: &str,
    output: &[FieldSpec],
    path: &str,
    want: Want,
    shapes: &ShapeIndex,
) {
    let steps: Vec<&str> = path.split('.').collect();
    let (last, containers) = steps.split_last().unwrap_or((&"", &[]));
    if containers.len() > 1 {
        at.error(
            format!("$.paging.{key}"),
            format!("expected an output or a member of one structure of the answer (`Outer.Member`), found `{path}`"),
        );
        return;
    }
    let mut fields = output;
    let mut owner = "output".to_string();
    for step in containers {
        let Some(field) = fields.iter().find(|f| f.name == *step) else {
            at.error(
                format!("$.paging.{key}"),
                format!("expected `{step}` to be a field of the {owner}, as `{path}` says"),
            );
            return;
        };
        let members = match &field.ty {
            TypeExpr::Ref(shape) => shapes.members(shape),
            _ => None,
        };
        let Some(members) = members else {
            at.error(
                format!("$.paging.{key}"),
                format!(
                    "expected `{step}` to be a structure, as `{path}` says, found type {}",
                    field.ty
                ),
            );
            return;
        };
        fields = members;
        owner = format!("structure `{step}`");
    }
    check_field(at, key, "output", fields, last, want);
}

fn check_field(
    at: &mut Reporter,
    key: &str,
    side: &str,
    fields: &[FieldSpec],
    name: &str,
    want: Want,
) {
    let path = format!("$.paging.{key}");
    let Some(field) = fields.iter().find(|f| f.name == name) else {
        at.error(
            path,
            format!("expected the name of an {side} field of this action, found `{name}`"),
        );
        return;
    };
    let integer = matches!(field.ty, TypeExpr::Scalar(s) if s.is_integer());
    let text = field.ty == TypeExpr::Scalar(Scalar::String) && !field.sensitive;
    let fits = match want {
        Want::Count => (integer || text) && field.value_set.is_none(),
        Want::Integer => {
            matches!(field.ty, TypeExpr::Scalar(s) if s.is_integer()) && field.value_set.is_none()
        }
        Want::Text => {
            field.ty == TypeExpr::Scalar(Scalar::String)
                && field.value_set.is_none()
                && !field.sensitive
        }
        Want::List => matches!(field.ty, TypeExpr::Array(_)),
    };
    if !fits {
        let expected = match want {
            Want::Count => {
                "an integer (int64 or uint64), or a string holding one, without a value set"
            }
            Want::Integer => "an integer (int64 or uint64) without a value set",
            Want::Text => "a string without a value set, not secret",
            Want::List => "an array",
        };
        at.error(
            path,
            format!(
                "expected {side} `{name}` to be {expected}, found type {}",
                field.ty
            ),
        );
    }
}
