//! Members of one tccli object → field drafts, with what could not be mapped.
//!
//! A draft keeps the vendor's raw requiredness flags: whether a shared
//! object's member is required depends on which side (request, response or
//! both) the imported actions use the object on, known only later.

use std::collections::BTreeSet;

use codegen::load::raw::{Constraints, FieldSpec};
use serde_json::Value;

use super::DOCS;
use super::source::RawMember;
use crate::Unmapped;
use codegen::load::type_expr::{Scalar, TypeExpr};
use codegen::model::naming;

/// Where a list of members lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Request parameters.
    Input,
    /// Response fields (`RequestId` is implied).
    Output,
    /// Members of a shared object.
    Shape,
}

/// One member that maps to a field.
#[derive(Debug, Clone)]
pub(super) struct FieldDraft {
    /// Wire name.
    pub name: String,
    /// Our type; `Ref` names the vendor object (renamed later if needed).
    pub ty: TypeExpr,
    /// The vendor's `required` (inputs).
    pub required: Option<bool>,
    /// The vendor's `output_required` (outputs).
    pub output_required: Option<bool>,
    /// The vendor's `value_allowed_null`.
    pub nullable: bool,
    /// A secret, by name (see [`is_secret`]).
    pub sensitive: bool,
    /// Cleaned description.
    pub description: String,
    /// Parsed example.
    pub example: Option<Value>,
    /// Disabled by the vendor but kept because it is a required input.
    pub deprecated: bool,
}

impl FieldDraft {
    /// The spec field of this draft with the given flags.
    pub(super) fn to_spec(&self, required: bool, nullable: bool) -> FieldSpec {
        FieldSpec {
            name: self.name.clone(),
            ty: self.ty.clone(),
            required,
            description: self.description.clone(),
            nullable,
            sensitive: self.sensitive,
            deprecated: self.deprecated,
            example: self.example.clone(),
            default: None,
            value_set: None,
            constraints: Constraints::default(),
        }
    }
}

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
    let mut wire_names = BTreeSet::new();
    let mut idents = BTreeSet::new();
    if side == Side::Output {
        // The generator adds `request_id` to every response.
        idents.insert("request_id".to_string());
    }
    for member in members {
        if side == Side::Output && member.name == "RequestId" {
            continue;
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
                reason,
            });
        };
        let disabled = member.disabled == Some(true);
        if disabled && !required_input {
            skip(
                "skipped: deprecated by the vendor (disabled)".into(),
                &mut mapped,
            );
            continue;
        }
        let ty = match member_type(member, object_ok) {
            Ok(ty) => ty,
            Err(reason) => {
                skip(format!("skipped: {reason}"), &mut mapped);
                continue;
            }
        };
        if !wire_names.insert(member.name.clone()) {
            skip("skipped: the member appears twice".into(), &mut mapped);
            continue;
        }
        match naming::snake_avoiding(&member.name, naming::RESERVED_METHODS) {
            Ok(ident) if !idents.insert(ident.clone()) => {
                skip(
                    format!(
                        "skipped: becomes the Rust field `{ident}` like an earlier member (or the implied RequestId)"
                    ),
                    &mut mapped,
                );
                continue;
            }
            Ok(_) => {}
            Err(e) => {
                skip(format!("skipped: {e}"), &mut mapped);
                continue;
            }
        }
        if disabled {
            unmapped.push(Unmapped {
                what,
                reason:
                    "kept with `deprecated: true`: disabled by the vendor, but a required input"
                        .into(),
            });
        }
        mapped.fields.push(FieldDraft {
            sensitive: is_secret(&member.name) && *ty.element() == TypeExpr::Scalar(Scalar::String),
            example: example(member.example.as_ref(), &ty),
            name: member.name.clone(),
            ty,
            required: member.required,
            output_required: member.output_required,
            nullable: member.value_allowed_null == Some(true),
            description: DOCS.describe(member.document.as_deref()),
            deprecated: disabled,
        });
    }
    mapped
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

/// Names that hold secrets: their values are redacted in `Debug` output.
/// Conservative: only unmistakable words, matched without case.
pub(super) fn is_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["password", "passwd", "privatekey", "secretkey"]
        .iter()
        .any(|w| lower.contains(w))
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
        return Some(parsed);
    }
    Some(Value::String(text.to_string()))
}
