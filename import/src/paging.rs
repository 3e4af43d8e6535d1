//! Paging proposals: which actions list items a page at a time, read from
//! the names the vendors use for it. Only proposed, in the import report; a
//! maintainer confirms each one with `paging` in the action's overlay, as a
//! wrong guess would give callers a stream that skips or repeats items.

use codegen::load::raw::{ActionFile, FieldSpec, PagingSpec};
use codegen::load::type_expr::{Scalar, TypeExpr};

/// Inputs that skip a number of items (Tencent).
const OFFSETS: &[&str] = &["Offset"];
/// Inputs that choose a page counted from 1 (Alibaba).
const PAGES: &[&str] = &["CurrentPage", "PageNumber", "PageNo"];
/// Inputs that carry the previous page's token.
const TOKENS: &[&str] = &["NextToken"];
/// Inputs that set the page size.
const SIZES: &[&str] = &["Limit", "ShowSize", "PageSize", "MaxResults"];
/// Outputs that count the whole listing.
const TOTALS: &[&str] = &["TotalCount", "Total", "TotalNum", "TotalItems"];

/// Whether `name` is one of `names`, in any case: REST products spell
/// their members in camel case (`nextToken`, `limit`).
fn named(names: &[&str], name: &str) -> bool {
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// What the importer concluded for one action.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Proposal {
    /// Not a listing: no input chooses a page.
    None,
    /// A listing, and how it pages.
    Paging(PagingSpec),
    /// An input chooses a page, but the rest is unclear; why.
    Unclear(String),
}

/// The proposal for `action`; `members` gives the members of the
/// product's object shapes, where Alibaba answers wrap their lists
/// (`DomainRecords: {Record: […]}`).
pub(crate) fn propose<'a>(
    action: &ActionFile,
    members: impl Fn(&str) -> Option<&'a [FieldSpec]>,
) -> Proposal {
    // What the vendor no longer documents (`hidden`) is no way to page.
    let inputs: Vec<&FieldSpec> = action.input.iter().filter(|f| !f.hidden).collect();
    let outputs: Vec<&FieldSpec> = action.output.iter().filter(|f| !f.hidden).collect();
    let input = |names: &[&str], fits: fn(&TypeExpr) -> bool| {
        inputs
            .iter()
            .find(|f| named(names, &f.name) && fits(&f.ty) && f.value_set.is_none())
            .map(|f| f.name.clone())
    };
    let output = |names: &[&str], fits: fn(&TypeExpr) -> bool| {
        outputs
            .iter()
            .find(|f| named(names, &f.name) && fits(&f.ty) && f.value_set.is_none())
            .map(|f| f.name.clone())
    };
    // Some offsets are documented as strings holding a number.
    let offset = input(OFFSETS, is_count);
    let page = input(PAGES, is_count);
    let token = input(TOKENS, is_text);
    if offset.is_none() && page.is_none() && token.is_none() {
        return Proposal::None;
    }
    let chooser = offset.iter().chain(&page).chain(&token).count();
    if chooser > 1 {
        return Proposal::Unclear("more than one input chooses the page".into());
    }
    let lists: Vec<&FieldSpec> = outputs
        .iter()
        .filter(|f| matches!(f.ty, TypeExpr::Array(_)))
        .copied()
        .collect();
    // With no list among the outputs, a structure holding exactly one list.
    let wrapped: Vec<String> = outputs
        .iter()
        .filter_map(|f| match &f.ty {
            TypeExpr::Ref(shape) => {
                let inner: Vec<&FieldSpec> = members(shape)?
                    .iter()
                    .filter(|m| matches!(m.ty, TypeExpr::Array(_)) && !m.hidden)
                    .collect();
                match inner.as_slice() {
                    [one] => Some(format!("{}.{}", f.name, one.name)),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    let items = match (lists.as_slice(), wrapped.as_slice()) {
        ([one], _) => one.name.clone(),
        ([], [one]) => one.clone(),
        ([], []) => return Proposal::Unclear("no output is a list".into()),
        ([], many) => {
            return Proposal::Unclear(format!(
                "{} structures of the answer hold a list ({}); which one pages is not clear",
                many.len(),
                many.join(", ")
            ));
        }
        (many, _) => {
            let names: Vec<&str> = many.iter().map(|f| f.name.as_str()).collect();
            return Proposal::Unclear(format!(
                "{} outputs are lists ({}); which one pages is not clear",
                many.len(),
                names.join(", ")
            ));
        }
    };
    let next_token = output(TOKENS, is_text);
    if token.is_some() && next_token.is_none() {
        return Proposal::Unclear("no output carries the next page's token".into());
    }
    // A total among the outputs, else in one structure of the answer.
    let total = output(TOTALS, is_integer).or_else(|| {
        let nested: Vec<String> = outputs
            .iter()
            .filter_map(|f| {
                let TypeExpr::Ref(shape) = &f.ty else {
                    return None;
                };
                let member = members(shape)?.iter().find(|m| {
                    named(TOTALS, &m.name)
                        && is_integer(&m.ty)
                        && m.value_set.is_none()
                        && !m.hidden
                })?;
                Some(format!("{}.{}", f.name, member.name))
            })
            .collect();
        match nested.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        }
    });
    Proposal::Paging(PagingSpec {
        offset,
        page,
        token: token.clone(),
        page_size: input(SIZES, is_count),
        items,
        total,
        next_token: token.and(next_token),
    })
}

fn is_integer(ty: &TypeExpr) -> bool {
    matches!(ty, TypeExpr::Scalar(s) if s.is_integer())
}

/// An integer, or a string that holds one.
fn is_count(ty: &TypeExpr) -> bool {
    is_integer(ty) || is_text(ty)
}

fn is_text(ty: &TypeExpr) -> bool {
    *ty == TypeExpr::Scalar(Scalar::String)
}

/// `offset Offset, page size Limit, items Certificates, total TotalCount`.
pub(crate) fn describe(paging: &PagingSpec) -> String {
    let named = [
        ("offset", &paging.offset),
        ("page", &paging.page),
        ("token", &paging.token),
        ("page size", &paging.page_size),
        ("items", &Some(paging.items.clone())),
        ("total", &paging.total),
        ("next token", &paging.next_token),
    ];
    let parts: Vec<String> = named
        .iter()
        .filter_map(|(role, name)| name.as_ref().map(|n| format!("{role} `{n}`")))
        .collect();
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn action(input: serde_json::Value, output: serde_json::Value) -> ActionFile {
        serde_json::from_value(json!({
            "$schema": "x", "name": "DescribeThings", "summary": "s", "idempotent": true,
            "input": input, "output": output, "errors": []
        }))
        .unwrap()
    }

    fn no_shapes(_: &str) -> Option<&'static [FieldSpec]> {
        None
    }

    #[test]
    fn a_list_wrapped_in_a_structure_pages_by_its_path() {
        let wrapped = action(
            json!([
                field("PageNumber", json!("int64")),
                field("PageSize", json!("int64"))
            ]),
            json!([
                field("DomainRecords", json!({"ref": "Records"})),
                field("TotalCount", json!("int64"))
            ]),
        );
        let record: FieldSpec =
            serde_json::from_value(field("Record", json!({"array": {"ref": "Record"}}))).unwrap();
        let members = [record];
        let count: FieldSpec =
            serde_json::from_value(field("TotalCount", json!("uint64"))).unwrap();
        let counts = [count];
        let shapes = |name: &str| match name {
            "Records" => Some(&members[..]),
            "Counts" => Some(&counts[..]),
            _ => None,
        };
        let Proposal::Paging(paging) = propose(&wrapped, shapes) else {
            panic!("a listing");
        };
        assert_eq!(paging.items, "DomainRecords.Record");
        assert_eq!(paging.page.as_deref(), Some("PageNumber"));
        assert_eq!(paging.total.as_deref(), Some("TotalCount"));
        assert!(matches!(propose(&wrapped, no_shapes), Proposal::Unclear(_)));
        let counted = action(
            json!([field("Offset", json!("int64"))]),
            json!([
                field("Info", json!({"ref": "Counts"})),
                field("RecordList", json!({"array": "string"}))
            ]),
        );
        let Proposal::Paging(paging) = propose(&counted, shapes) else {
            panic!("a listing");
        };
        assert_eq!(paging.total.as_deref(), Some("Info.TotalCount"));
    }

    fn field(name: &str, ty: serde_json::Value) -> serde_json::Value {
        json!({ "name": name, "type": ty, "required": false, "description": "d" })
    }

    #[test]
    fn tencent_offsets_alibaba_pages_and_tokens() {
        let tencent = action(
            json!([
                field("Offset", json!("uint64")),
                field("Limit", json!("uint64"))
            ]),
            json!([
                field("TotalCount", json!("uint64")),
                field("Certificates", json!({"array": {"ref": "Certificates"}}))
            ]),
        );
        let Proposal::Paging(paging) = propose(&tencent, no_shapes) else {
            panic!()
        };
        assert_eq!(
            describe(&paging),
            "offset `Offset`, page size `Limit`, items `Certificates`, total `TotalCount`"
        );

        let alibaba = action(
            json!([
                field("CurrentPage", json!("int64")),
                field("ShowSize", json!("int64"))
            ]),
            json!([
                field("Total", json!("int64")),
                field("Data", json!({"array": "string"}))
            ]),
        );
        let Proposal::Paging(paging) = propose(&alibaba, no_shapes) else {
            panic!()
        };
        assert_eq!(
            describe(&paging),
            "page `CurrentPage`, page size `ShowSize`, items `Data`, total `Total`"
        );

        let tokens = action(
            json!([
                field("NextToken", json!("string")),
                field("MaxResults", json!("int64"))
            ]),
            json!([
                field("NextToken", json!("string")),
                field("Items", json!({"array": "string"}))
            ]),
        );
        let Proposal::Paging(paging) = propose(&tokens, no_shapes) else {
            panic!()
        };
        assert_eq!(
            describe(&paging),
            "token `NextToken`, page size `MaxResults`, items `Items`, next token `NextToken`"
        );
    }

    #[test]
    fn unclear_listings_are_said_to_be_unclear() {
        let many = action(
            json!([field("Offset", json!("int64"))]),
            json!([
                field("CLB", json!({"array": "string"})),
                field("CDN", json!({"array": "string"}))
            ]),
        );
        assert_eq!(
            propose(&many, no_shapes),
            Proposal::Unclear(
                "2 outputs are lists (CLB, CDN); which one pages is not clear".into()
            )
        );
        let no_token = action(
            json!([field("NextToken", json!("string"))]),
            json!([field("Items", json!({"array": "string"}))]),
        );
        assert!(matches!(
            propose(&no_token, no_shapes),
            Proposal::Unclear(_)
        ));
        let not_paged = action(json!([field("Name", json!("string"))]), json!([]));
        assert_eq!(propose(&not_paged, no_shapes), Proposal::None);
    }

    #[test]
    fn what_the_vendor_no_longer_documents_pages_nothing() {
        let hidden = |name: &str, ty: serde_json::Value| {
            let mut f = field(name, ty);
            f["hidden"] = json!(true);
            f
        };
        let disabled = action(
            json!([
                hidden("Offset", json!("int64")),
                hidden("Limit", json!("int64"))
            ]),
            json!([field("Items", json!({"array": "string"}))]),
        );
        assert_eq!(propose(&disabled, no_shapes), Proposal::None);
        let old_list = action(
            json!([field("Offset", json!("int64"))]),
            json!([
                field("Items", json!({"array": "string"})),
                hidden("OldItems", json!({"array": "string"})),
                hidden("TotalCount", json!("int64"))
            ]),
        );
        let Proposal::Paging(paging) = propose(&old_list, no_shapes) else {
            panic!("a listing");
        };
        assert_eq!(describe(&paging), "offset `Offset`, items `Items`");
    }
}
