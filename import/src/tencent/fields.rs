//! Members of one tccli object → field drafts, with what could not be mapped.
//!
//! A draft keeps the vendor's requiredness flags: whether a shared object's
//! member is required depends on which side (request, response or both) the
//! imported actions use the object on, known only later.

use serde_json::Value;

use super::source::DOCS;
use super::source::RawMember;
use crate::draft::{FieldDraft, Side};
use crate::names::FieldNames;
use crate::plan::Unmapped;
use codegen::load::type_expr::{Scalar, TypeExpr};

/// The fields of one object, and the required inputs that had to be dropped.
#[derive(Debug, Default)]
pub(super) struct Mapped {
    /// Fields in wire order.
    pub fields: Vec<FieldDraft>,
    /// Wire names of required inputs that could not be mapped.
    pub lost_required: Vec<String>,
}

/// Maps the members of the object `owner` (for messages: `action X, input`).
/// `object_ok` says whether a referenced object can become a shape.
pub(super) fn map_members(
    owner: &str,
    members: &[RawMember],
    side: Side,
    object_ok: &dyn Fn(&str) -> Result<(), String>,
    unmapped: &mut Vec<Unmapped>,
) -> Mapped {
    let mut mapped = Mapped::default();
    let types: Vec<Result<TypeExpr, String>> = members
        .iter()
        .map(|member| member_type(member, object_ok))
        .collect();
    let admitted = admit_names(members, &types, side);
    for ((member, ty), admitted) in members.iter().zip(types).zip(admitted) {
        if side == Side::Output && member.name == "RequestId" {
            continue; // the generator adds it to every response
        }
        // A required request parameter: every call needs it.
        let required_input = side == Side::Input && member.required == Some(true);
        let what = format!("{owner} {}", member.name);
        let mut skip = |reason: String, mapped: &mut Mapped| {
            if required_input {
                mapped.lost_required.push(member.name.clone());
            }
            unmapped.push(Unmapped {
                what: what.clone(),
                reason: format!("skipped: {reason}"),
            });
        };
        let ty = match ty {
            Ok(ty) => ty,
            Err(reason) => {
                skip(reason, &mut mapped);
                continue;
            }
        };
        if let Some(Ok(Some(reason)) | Err(reason)) = admitted {
            skip(reason, &mut mapped);
            continue;
        }
        let mut field = FieldDraft::new(&member.name, ty);
        field.spec.description = DOCS.describe(member.document.as_deref());
        field.other_description = member
            .other_document
            .as_deref()
            .map(|text| DOCS.clean(text))
            .filter(|text| !text.is_empty());
        field.spec.example = example(member.example.as_ref(), &field.spec.ty);
        // `disabled`: the vendor's documentation no longer shows the member,
        // yet its SDKs still carry it and its examples send it. Kept, as they
        // do: deprecated, and left out of the documentation index.
        let disabled = member.disabled == Some(true);
        field.spec.deprecated = disabled;
        field.spec.hidden = disabled;
        field.required_in_requests = member.required.unwrap_or(false);
        // What the vendor no longer documents, a server may stop sending: an
        // answer without it must still decode.
        field.required_in_responses =
            !disabled && member.output_required.or(member.required).unwrap_or(false);
        field.nullable_in_responses = member.value_allowed_null == Some(true);
        field.mark_if_secret();
        mapped.fields.push(field);
    }
    mapped
}

/// Each member's claim to its name (`None`: not a field, or no type), the
/// members the vendor still documents first: a `disabled` one that becomes
/// the same Rust name (dnspod's `VasList`, renamed `VASList`) gives way.
fn admit_names(
    members: &[RawMember],
    types: &[Result<TypeExpr, String>],
    side: Side,
) -> Vec<Option<Result<Option<String>, String>>> {
    let mut names = FieldNames::new(side);
    // The names of the members the vendor documents, once all are in.
    let mut documented: Option<FieldNames> = None;
    let mut admitted = vec![None; members.len()];
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by_key(|&i| members[i].disabled == Some(true));
    for i in order {
        let member = &members[i];
        if types[i].is_err() || (side == Side::Output && member.name == "RequestId") {
            continue;
        }
        let disabled = member.disabled == Some(true);
        if disabled {
            let documented = documented.get_or_insert_with(|| names.clone());
            if let Some(ident) = documented.taken(&member.name) {
                admitted[i] = Some(Ok(Some(format!(
                    "disabled by the vendor, another spelling of a member it documents (both are the Rust field `{ident}`), which is kept"
                ))));
                continue;
            }
        }
        admitted[i] = Some(match names.admit(&member.name) {
            Ok(Some(reason)) if disabled => {
                Ok(Some(format!("disabled by the vendor, and {reason}")))
            }
            other => other,
        });
    }
    admitted
}

/// `type`/`member` → our type.
fn member_type(
    member: &RawMember,
    object_ok: &dyn Fn(&str) -> Result<(), String>,
) -> Result<TypeExpr, String> {
    let (kind, inner) = (member.kind.as_str(), member.member.as_str());
    let scalar = |name: &str| match name {
        "string" => Some(Scalar::String),
        "datetime" => Some(Scalar::DateTime),
        "datetime_iso" => Some(Scalar::DateTimeIso),
        "date" => Some(Scalar::Date),
        "int64" => Some(Scalar::Int64),
        "uint64" => Some(Scalar::Uint64),
        "float" => Some(Scalar::Float),
        "bool" => Some(Scalar::Boolean),
        "binary" => Some(Scalar::Binary),
        _ => None,
    };
    let scalar_of_kind = match (kind, inner) {
        ("string", "string" | "datetime" | "datetime_iso" | "date")
        | ("int", "int64" | "uint64")
        | ("float", "float")
        | ("bool", "bool")
        | ("binary", "binary") => scalar(inner),
        _ => None,
    };
    if let Some(s) = scalar_of_kind {
        return Ok(TypeExpr::Scalar(s));
    }
    let object = |name: &str| object_ok(name).map(|()| TypeExpr::Ref(name.to_string()));
    match kind {
        "list" => match scalar(inner) {
            Some(s) => Ok(TypeExpr::Array(Box::new(TypeExpr::Scalar(s)))),
            None => object(inner).map(|r| TypeExpr::Array(Box::new(r))),
        },
        "object" if scalar(inner).is_none() => object(inner),
        _ => Err(format!(
            "type `{kind}` with member `{inner}` has no equivalent in the spec format"
        )),
    }
}

/// The vendor's example string: `无` ("none") and empty strings are dropped;
/// for text types the string is the example itself (`"25"` stays a string),
/// otherwise it is parsed as JSON when it parses.
fn example(raw: Option<&Value>, ty: &TypeExpr) -> Option<Value> {
    let text = match raw? {
        Value::String(s) => s.trim(),
        Value::Null => return None,
        other => return Some(other.clone()),
    };
    if text.is_empty() || text == "无" {
        return None;
    }
    let is_text = matches!(ty, TypeExpr::Scalar(s) if s.is_text());
    if !is_text && let Ok(parsed) = serde_json::from_str::<Value>(text) {
        // `null` written as text is no example either.
        return (!parsed.is_null()).then_some(parsed);
    }
    Some(Value::String(text.to_string()))
}
