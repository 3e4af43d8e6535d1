//! Documented value sets → enums.
//!
//! Sources, first found wins: the schema's `enum`, its `enumValueTitles`
//! keys, then a "Valid values:" list in the description ([`super::values`]).
//! Integer fields take only `enum`: a list such as `**0**: not deleted`
//! would give variants named after numbers (`Value0`), which read worse
//! than the plain integer they replace. Value descriptions come from the
//! list, else from the titles.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use codegen::load::raw::EnumValueSpec;
use codegen::load::type_expr::Scalar;

use super::ir::{Def, TypeDef, TypeId};
use super::source::{DOCS, NO_DESCRIPTION};
use super::types::{Builder, Owner, pascal_or};
use super::values::{ValueList, value_list};
use crate::draft::Side;
use codegen::model::naming;

/// A value set created for a field.
pub(super) struct ValueSet {
    pub id: TypeId,
    /// The cleaned field description without the list, when the list became the set.
    pub remaining: Option<String>,
    /// The value the list marks `(default)`.
    pub default: Option<String>,
}

impl Builder<'_> {
    /// The value set of a field of type `scalar` documented by `schema` and
    /// the raw description `raw`, if it has one.
    pub fn value_set(
        &mut self,
        owner: &Owner,
        field: &str,
        schema: &Value,
        scalar: Scalar,
        raw: &str,
        cleaned: &str,
    ) -> Option<ValueSet> {
        let listed = value_list(raw);
        let titles = schema
            .get("enumValueTitles")
            .and_then(Value::as_object)
            .filter(|t| !t.is_empty());
        let wire = wire_values(schema, scalar, titles, listed.as_ref());
        if wire.is_empty() {
            return None;
        }
        let describe = |value: &str| value_description(value, listed.as_ref(), titles);
        let mut values = Vec::new();
        let mut seen = BTreeSet::new();
        let mut variants = BTreeSet::new();
        for (i, text) in wire.iter().enumerate() {
            if text.is_empty() || !seen.insert(text.clone()) {
                continue;
            }
            let value = if scalar == Scalar::Int64 {
                match text.parse::<i64>() {
                    Ok(n) => Value::from(n),
                    Err(_) => {
                        let what = format!("{} {field}", owner.what);
                        self.note(
                            &owner.scope,
                            what,
                            format!("enum value `{text}` is not an integer; no value set"),
                        );
                        return None;
                    }
                }
            } else {
                Value::String(text.clone())
            };
            let name = variant_name(&value, i, &mut variants);
            values.push(EnumValueSpec {
                value,
                name,
                description: describe(text),
            });
        }
        let whole_list = listed.as_ref().filter(|l| {
            values.iter().all(|v| {
                l.values
                    .iter()
                    .any(|d| Some(d.value.as_str()) == v.value.as_str())
            })
        });
        let remaining = whole_list
            .and_then(|l| l.remaining.as_deref())
            .map(|t| DOCS.clean(t))
            .filter(|r| !r.is_empty());
        let default = match scalar {
            Scalar::String => listed
                .as_ref()
                .and_then(|l| l.values.iter().find(|v| v.is_default))
                .map(|v| v.value.clone()),
            _ => None,
        };
        let description =
            DOCS.or_placeholder(remaining.clone().unwrap_or_else(|| cleaned.to_string()));
        let field_pascal = pascal_or(field);
        if let Some(id) = self.same_set(&field_pascal, scalar, &values) {
            let known = &mut self.types[id];
            known.shared = true;
            known.inline = false;
            return Some(ValueSet {
                id,
                remaining,
                default,
            });
        }
        self.types.push(TypeDef {
            qualified: Some(format!("{}{field_pascal}", owner.base)),
            base: field_pascal,
            from_ref: false,
            inline: owner.side != Side::Member,
            shared: false,
            description,
            def: Def::Enum { scalar, values },
        });
        Some(ValueSet {
            id: self.types.len() - 1,
            remaining,
            default,
        })
    }

    /// A value set already made for a field named `base` with the same wire
    /// values (in any order): fields of one name documented alike (`Lang`
    /// in every action) share one type.
    fn same_set(&self, base: &str, scalar: Scalar, values: &[EnumValueSpec]) -> Option<TypeId> {
        let wire = |values: &[EnumValueSpec]| -> BTreeSet<String> {
            values.iter().map(|v| v.value.to_string()).collect()
        };
        let wanted = wire(values);
        self.types.iter().position(|t| {
            t.base == base
                && !t.from_ref
                && matches!(&t.def, Def::Enum { scalar: s, values: v } if *s == scalar && wire(v) == wanted)
        })
    }
}

/// Fields of actions whose value set became shared refer to its shape
/// instead of declaring it inline.
pub(super) fn refer_to_shared(types: &[TypeDef], fields: &mut [crate::draft::FieldDraft]) {
    for field in fields {
        let shared = field
            .spec
            .value_set
            .as_ref()
            .and_then(|set| super::ir::type_id(&set.name))
            .filter(|id| types.get(*id).is_some_and(|t| t.shared));
        if let Some(id) = shared {
            field.spec.value_set = None;
            field.spec.ty = super::fields::replace_element(&field.spec.ty, super::ir::type_ref(id));
        }
    }
}

/// The documented values, as text: `enum`, else the titles (in the list's
/// order when there is a list), else the list.
fn wire_values(
    schema: &Value,
    scalar: Scalar,
    titles: Option<&Map<String, Value>>,
    listed: Option<&ValueList>,
) -> Vec<String> {
    let explicit: Vec<String> = schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    match (scalar, titles, listed) {
        (Scalar::Int64, _, _) => explicit,
        (Scalar::String, _, _) if !explicit.is_empty() => explicit,
        (Scalar::String, Some(titles), _) => {
            // Object keys come sorted; the list has the documented order.
            let position =
                |key: &str| listed.and_then(|l| l.values.iter().position(|v| v.value == key));
            let mut keys: Vec<String> = titles.keys().cloned().collect();
            keys.sort_by_key(|k| position(k).unwrap_or(usize::MAX));
            keys
        }
        (Scalar::String, None, Some(list)) => list.values.iter().map(|v| v.value.clone()).collect(),
        _ => Vec::new(),
    }
}

/// The list's text for `value`, else its title, else [`NO_DESCRIPTION`].
fn value_description(
    value: &str,
    listed: Option<&ValueList>,
    titles: Option<&Map<String, Value>>,
) -> String {
    let from_list = listed
        .and_then(|l| l.values.iter().find(|v| v.value == value))
        .map(|v| DOCS.clean(&v.description))
        .filter(|d| !d.is_empty());
    let from_title = titles
        .and_then(|t| t.get(value))
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty() && t.trim() != value)
        .map(|t| DOCS.clean(t));
    from_list
        .or(from_title)
        .unwrap_or_else(|| NO_DESCRIPTION.to_string())
}

/// `None` when the value itself gives a distinct variant; otherwise an
/// explicit name (`Value0` for `"0"`, `Value3` for the third unnamed value).
fn variant_name(value: &Value, index: usize, taken: &mut BTreeSet<String>) -> Option<String> {
    let variant =
        |name: &str| naming::pascal_avoiding(name, naming::FALLBACK_VARIANTS, "Value").ok();
    let mut candidates = Vec::new();
    match value {
        Value::String(s) => {
            if let Some(natural) = variant(s)
                && taken.insert(natural)
            {
                return None;
            }
            candidates.extend(variant(&format!("value {s}")));
        }
        Value::Number(n) => match n.as_i64() {
            Some(n) if n < 0 => candidates.push(format!("ValueMinus{}", n.unsigned_abs())),
            _ => candidates.push(format!("Value{n}")),
        },
        _ => {}
    }
    candidates.push(format!("Value{}", index + 1));
    let mut suffix = 2;
    let name = loop {
        if let Some(free) = candidates.iter().find(|c| !taken.contains(*c)) {
            break free.clone();
        }
        candidates = vec![format!("Value{}x{suffix}", index + 1)];
        suffix += 1;
    };
    taken.insert(name.clone());
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_values_that_are_not_identifiers() {
        let mut taken = BTreeSet::new();
        assert_eq!(variant_name(&json!("DNS"), 0, &mut taken), None);
        assert_eq!(
            variant_name(&json!("dns"), 1, &mut taken),
            Some("ValueDns".into())
        );
        assert_eq!(
            variant_name(&json!("0"), 2, &mut taken),
            Some("Value0".into())
        );
        assert_eq!(
            variant_name(&json!("中文"), 3, &mut taken),
            Some("Value4".into())
        );
        assert_eq!(
            variant_name(&json!(-1), 4, &mut taken),
            Some("ValueMinus1".into())
        );
        assert_eq!(variant_name(&json!("Unknown"), 5, &mut taken), None);
        assert!(taken.contains("UnknownValue"));
    }
}
