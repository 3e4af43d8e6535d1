//! Value sets the vendor lists in a field's description (see
//! `text::value_sets`) → enum shapes, one per distinct set, that the fields
//! refer to; integer sets stay integers on the wire.
//!
//! Fields listing the same values under the same wire name share one shape.
//! A shape is named after the field, or after its owner and the field where
//! two different sets share a field name; a person may give it another name
//! (the curation's `type_names`), which the importer then uses.

use std::collections::BTreeMap;

use codegen::load::raw::EnumValueSpec;
use codegen::load::type_expr::{Scalar, TypeExpr};
use codegen::model::naming;
use serde_json::Value;

use crate::draft::FieldDraft;
use crate::names::Claims;
use crate::text::value_sets::{Carrier, ProseSet, detect};

/// One set found, as written to `types/<name>.json` and listed in the report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DetectedSet {
    /// The shape's name.
    pub name: String,
    /// The names the importer proposed, where curation renamed or merged them.
    pub imported_name: Option<String>,
    /// `int64` or `string`.
    pub scalar: Scalar,
    /// What the set is, from the first field's description.
    pub description: String,
    /// The values, with names where the wire value does not make one.
    pub values: Vec<EnumValueSpec>,
    /// `Owner.Field` of every field that uses it.
    pub fields: Vec<String>,
}

/// A field that lists a set: its owner, the field, the set's scalar and values.
type Listing<'a> = (String, &'a mut FieldDraft, Scalar, ProseSet);

/// A field that may list a value set, with the action or shape it belongs to.
pub(crate) struct Candidate<'a> {
    /// Action or shape name.
    pub owner: &'a str,
    /// The field.
    pub field: &'a mut FieldDraft,
}

/// Detects the sets of `candidates`, points each field at its set's shape,
/// and returns the sets. `type_names` renames sets by the name the importer
/// would give them; `claims` receives the shapes' names.
pub(crate) fn detect_sets(
    candidates: Vec<Candidate>,
    type_names: &BTreeMap<String, String>,
    claims: &mut Claims,
) -> Vec<DetectedSet> {
    // (wire name, values) → the fields listing exactly that set.
    let mut groups: BTreeMap<(String, Vec<String>), Vec<Listing>> = BTreeMap::new();
    for Candidate { owner, field } in candidates {
        let Some((scalar, set)) = found(field) else {
            continue;
        };
        let key = (
            field.spec.name.clone(),
            set.values.iter().map(|(v, _)| v.to_string()).collect(),
        );
        groups
            .entry(key)
            .or_default()
            .push((owner.to_string(), field, scalar, set));
    }
    let mut per_name: BTreeMap<String, usize> = BTreeMap::new();
    for (name, _) in groups.keys() {
        *per_name.entry(name.clone()).or_default() += 1;
    }
    // Each group's proposed name, and the name curation gives it: groups
    // that curation names alike become one set, their values merged.
    let mut named: BTreeMap<String, Vec<(String, Vec<Listing>)>> = BTreeMap::new();
    for ((wire, _), mut members) in groups {
        members.sort_by(|a, b| a.0.cmp(&b.0));
        let field_type = naming::pascal(&wire).unwrap_or_else(|_| "Values".into());
        let owner_type = naming::pascal(&members[0].0).unwrap_or_default();
        let proposed = if per_name[&wire] == 1 {
            field_type
        } else {
            format!("{owner_type}{field_type}")
        };
        let curated = type_names
            .get(&proposed)
            .cloned()
            .unwrap_or_else(|| proposed.clone());
        named.entry(curated).or_default().push((proposed, members));
    }
    let mut sets = Vec::new();
    for (curated, mut groups) in named {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        let proposed = groups[0].0.clone();
        let renamed = curated != proposed || groups.len() > 1;
        let name = [Some(curated.clone()), Some(format!("{curated}Values"))]
            .into_iter()
            .flatten()
            .find(|candidate| claims.claim_shape(candidate))
            .unwrap_or_else(|| format!("{curated}Set"));
        let mut values: Vec<(Value, String)> = Vec::new();
        let mut fields = Vec::new();
        let scalar = groups[0].1[0].2;
        let description = groups[0].1[0].1.spec.description.clone();
        for (_, members) in &mut groups {
            for (owner, field, _, set) in members.iter_mut() {
                for (value, text) in &set.values {
                    if !values.iter().any(|(v, _)| v == value) {
                        values.push((value.clone(), text.clone()));
                    }
                }
                fields.push(format!("{owner}.{}", field.spec.name));
                point_at(&mut field.spec.ty, &name);
            }
        }
        sets.push(DetectedSet {
            imported_name: renamed.then(|| {
                groups
                    .iter()
                    .map(|(p, _)| p.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            scalar,
            description,
            values: enum_values(&values, scalar),
            fields,
            name,
        });
    }
    sets.sort_by(|a, b| a.name.cmp(&b.name));
    sets
}

/// The set a field's description lists (its other-language description may
/// add values the first one leaves out).
fn found(field: &FieldDraft) -> Option<(Scalar, ProseSet)> {
    if field.spec.value_set.is_some() || field.spec.sensitive {
        return None;
    }
    let (scalar, carrier) = match field.spec.ty.element() {
        TypeExpr::Scalar(Scalar::Int64 | Scalar::Uint64) => (Scalar::Int64, Carrier::Integer),
        TypeExpr::Scalar(Scalar::String) => (Scalar::String, Carrier::Text),
        _ => return None,
    };
    let primary = detect(&field.spec.description, carrier);
    let secondary = field
        .other_description
        .as_deref()
        .and_then(|text| detect(text, carrier));
    let set = match (primary, secondary) {
        (Some(mut set), Some(other)) => {
            for (value, description) in other.values {
                if !set.values.iter().any(|(v, _)| *v == value) {
                    set.values.push((value, description));
                }
            }
            set
        }
        (Some(set), None) | (None, Some(set)) => set,
        (None, None) => return None,
    };
    Some((scalar, set))
}

/// `string` → `{"ref": name}`, also inside arrays.
fn point_at(ty: &mut TypeExpr, name: &str) {
    match ty {
        TypeExpr::Array(inner) => point_at(inner, name),
        other => *other = TypeExpr::Ref(name.to_string()),
    }
}

/// Values with names: integers need one, and text that makes no Rust
/// identifier (`2`, `null`), or the same one as an earlier value (`M` after
/// `m`), gets one from its description.
pub(crate) fn enum_values(values: &[(Value, String)], scalar: Scalar) -> Vec<EnumValueSpec> {
    let mut taken: Vec<String> = Vec::new();
    values
        .iter()
        .map(|(value, description)| {
            let derived = match value {
                Value::String(text) => naming::pascal(text)
                    .ok()
                    .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic())),
                _ => None,
            };
            let name = match (&derived, scalar) {
                // A text value that makes its own variant, unless an earlier one
                // makes the same (`m` and `M`, months and minutes).
                (Some(own), Scalar::String) if !taken.contains(own) => None,
                _ => Some(variant_name(value, description, &taken)),
            };
            taken.push(name.clone().or(derived).unwrap_or_default());
            EnumValueSpec {
                value: value.clone(),
                name,
                description: if description.is_empty() {
                    format!("The value `{}`.", plain(value))
                } else {
                    description.clone()
                },
            }
        })
        .collect()
}

/// A variant name from the first words of an English description, else
/// from the value (`Value3`, `ValueMinus1`); distinct within its set.
fn variant_name(value: &Value, description: &str, taken: &[String]) -> String {
    let words: Vec<String> = description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first
                .into_iter()
                .chain(chars.map(|c| c.to_ascii_lowercase()))
                .collect()
        })
        .collect();
    let english = description.is_ascii() && !words.is_empty();
    let from_words = words.concat();
    let fallback = format!("Value{}", plain(value).replace('-', "Minus"));
    let candidate = if english && from_words.starts_with(|c: char| c.is_ascii_alphabetic()) {
        from_words
    } else {
        fallback.clone()
    };
    if taken.contains(&candidate) {
        format!("{candidate}{}", plain(value).replace('-', "Minus"))
    } else {
        candidate
    }
}

/// A wire value without JSON quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: TypeExpr, description: &str) -> FieldDraft {
        let mut draft = FieldDraft::new(name, ty);
        draft.spec.description = description.to_string();
        draft
    }

    #[test]
    fn identical_sets_share_a_shape_and_different_ones_are_told_apart() {
        let status = "Certificate status: 0 = under review, 1 = approved, 2 = review failed.";
        let mut a = field("Status", TypeExpr::Scalar(Scalar::Uint64), status);
        let mut b = field("Status", TypeExpr::Scalar(Scalar::Uint64), status);
        let mut c = field(
            "Status",
            TypeExpr::Scalar(Scalar::Int64),
            "Deployment status: 0: To be deployed.\n1: Deployed.",
        );
        let mut d = field(
            "VerifyType",
            TypeExpr::Array(Box::new(TypeExpr::Scalar(Scalar::String))),
            "Validation type: DNS_AUTO = automatic, DNS = manual.",
        );
        let mut claims = Claims::default();
        let names = BTreeMap::from([("VerifyType".to_string(), "ValidationMethod".to_string())]);
        let sets = detect_sets(
            vec![
                Candidate {
                    owner: "Certificates",
                    field: &mut a,
                },
                Candidate {
                    owner: "DescribeCertificate",
                    field: &mut b,
                },
                Candidate {
                    owner: "UpdateRecordDetail",
                    field: &mut c,
                },
                Candidate {
                    owner: "Apply",
                    field: &mut d,
                },
            ],
            &names,
            &mut claims,
        );
        let summary: Vec<(&str, usize)> = sets
            .iter()
            .map(|s| (s.name.as_str(), s.fields.len()))
            .collect();
        assert_eq!(
            summary,
            [
                ("CertificatesStatus", 2),
                ("UpdateRecordDetailStatus", 1),
                ("ValidationMethod", 1)
            ]
        );
        assert_eq!(a.spec.ty, TypeExpr::Ref("CertificatesStatus".into()));
        assert_eq!(b.spec.ty, a.spec.ty);
        assert_eq!(
            d.spec.ty,
            TypeExpr::Array(Box::new(TypeExpr::Ref("ValidationMethod".into())))
        );
        assert_eq!(sets[2].imported_name.as_deref(), Some("VerifyType"));
        let status = &sets[0];
        assert_eq!(status.scalar, Scalar::Int64);
        assert_eq!(status.values[0].name.as_deref(), Some("UnderReview"));
        assert_eq!(status.values[0].value, Value::from(0));
        // String values that make names keep the generator's derivation.
        assert_eq!(sets[2].values[0].name, None);
    }

    #[test]
    fn a_text_value_that_makes_an_earlier_ones_variant_gets_a_name_of_its_own() {
        let values = [
            (Value::from("m"), "Billed by the month.".to_owned()),
            (Value::from("M"), "Billed by the minute.".to_owned()),
            (Value::from("on"), String::new()),
            (Value::from("On"), String::new()),
        ];
        let named: Vec<Option<String>> = enum_values(&values, Scalar::String)
            .into_iter()
            .map(|v| v.name)
            .collect();
        assert_eq!(named[0], None);
        assert_eq!(named[2], None);
        let (minute, on) = (named[1].clone().unwrap(), named[3].clone().unwrap());
        assert!(minute != "M" && on != "On", "{named:?}");
        assert_ne!(minute, on);
    }

    #[test]
    fn curation_can_merge_sets_under_one_name() {
        let mut a = field(
            "Status",
            TypeExpr::Scalar(Scalar::Int64),
            "0 = new, 1 = done.",
        );
        let mut b = field(
            "Status",
            TypeExpr::Scalar(Scalar::Int64),
            "0 = new, 1 = done, 2 = gone.",
        );
        let names = BTreeMap::from([
            ("OneStatus".to_string(), "Lifecycle".to_string()),
            ("TwoStatus".to_string(), "Lifecycle".to_string()),
        ]);
        let sets = detect_sets(
            vec![
                Candidate {
                    owner: "One",
                    field: &mut a,
                },
                Candidate {
                    owner: "Two",
                    field: &mut b,
                },
            ],
            &names,
            &mut Claims::default(),
        );
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "Lifecycle");
        assert_eq!(sets[0].values.len(), 3);
        assert_eq!(
            sets[0].imported_name.as_deref(),
            Some("OneStatus, TwoStatus")
        );
        assert_eq!(a.spec.ty, TypeExpr::Ref("Lifecycle".into()));
        assert_eq!(b.spec.ty, a.spec.ty);
    }

    #[test]
    fn the_other_language_adds_values_the_first_leaves_out() {
        let mut verify = field(
            "VerifyType",
            TypeExpr::Scalar(Scalar::String),
            "Validation method\nDNS: manual DNS validation.\nFILE: file validation.",
        );
        verify.other_description =
            Some("验证方式：DNS_AUTO = 自动DNS验证，DNS = 手动DNS验证，FILE = 文件验证".into());
        let sets = detect_sets(
            vec![Candidate {
                owner: "Submit",
                field: &mut verify,
            }],
            &BTreeMap::new(),
            &mut Claims::default(),
        );
        let values: Vec<&Value> = sets[0].values.iter().map(|v| &v.value).collect();
        assert_eq!(values, ["DNS", "FILE", "DNS_AUTO"]);
        assert_eq!(sets[0].values[0].description, "manual DNS validation");
    }

    #[test]
    fn variant_names_come_from_english_words_or_the_value() {
        assert_eq!(
            variant_name(&Value::from(3), "securesite ev pro", &[]),
            "SecuresiteEvPro"
        );
        assert_eq!(variant_name(&Value::from(3), "审核中", &[]), "Value3");
        assert_eq!(variant_name(&Value::from(-1), "", &[]), "ValueMinus1");
        assert_eq!(
            variant_name(&Value::from(1), "Yes", &["Yes".into()]),
            "Yes1"
        );
    }
}
