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
const TOTALS: &[&str] = &["TotalCount", "Total", "TotalNum"];

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

/// The proposal for `action`.
pub(crate) fn propose(action: &ActionFile) -> Proposal {
    let input = |names: &[&str], fits: fn(&TypeExpr) -> bool| {
        action
            .input
            .iter()
            .find(|f| names.contains(&f.name.as_str()) && fits(&f.ty) && f.value_set.is_none())
            .map(|f| f.name.clone())
    };
    let output = |names: &[&str], fits: fn(&TypeExpr) -> bool| {
        action
            .output
            .iter()
            .find(|f| names.contains(&f.name.as_str()) && fits(&f.ty) && f.value_set.is_none())
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
    let lists: Vec<&FieldSpec> = action
        .output
        .iter()
        .filter(|f| matches!(f.ty, TypeExpr::Array(_)))
        .collect();
    let items = match lists.as_slice() {
        [one] => one.name.clone(),
        [] => return Proposal::Unclear("no output is a list".into()),
        many => {
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
    Proposal::Paging(PagingSpec {
        offset,
        page,
        token: token.clone(),
        page_size: input(SIZES, is_count),
        items,
        total: output(TOTALS, is_integer),
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
        let Proposal::Paging(paging) = propose(&tencent) else {
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
        let Proposal::Paging(paging) = propose(&alibaba) else {
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
        let Proposal::Paging(paging) = propose(&tokens) else {
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
            propose(&many),
            Proposal::Unclear(
                "2 outputs are lists (CLB, CDN); which one pages is not clear".into()
            )
        );
        let no_token = action(
            json!([field("NextToken", json!("string"))]),
            json!([field("Items", json!({"array": "string"}))]),
        );
        assert!(matches!(propose(&no_token), Proposal::Unclear(_)));
        let not_paged = action(json!([field("Name", json!("string"))]), json!([]));
        assert_eq!(propose(&not_paged), Proposal::None);
    }
}
