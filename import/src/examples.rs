//! The documented examples, reconciled with the documented types: each
//! becomes a test (the request must be what the generated types send, the
//! response must decode into them), so where the vendor's documentation
//! disagrees with itself, the import settles it and reports how:
//!
//! - a number or a boolean written as text (`"Limit": "1"`, `"true"`) for a
//!   numeric or boolean field becomes the number or boolean, in requests and
//!   responses alike;
//! - a response leaving out a field the metadata calls required, or sending
//!   `null` for it, is evidence that servers do: the field becomes optional
//!   (or nullable), so that real answers decode too;
//! - a response field the metadata does not document is removed from the
//!   example (the generated types ignore it);
//! - a value outside a value set the descriptions list (a DNS record of type
//!   `A` where the text names `AAAA, MX, CNAME…`) is evidence that the list
//!   was not the whole set: the value joins it, described as seen in the
//!   example, so that the example's request is one the spec allows;
//! - a request sending an empty text for a required field (CLB's
//!   `SetLoadBalancerClsLog` takes `"LogSetId": ""` to remove a log topic)
//!   is evidence that empty is a value: the field gets `min_length: 0`,
//!   which lifts the check that a required text is not empty;
//! - a request that names an undocumented parameter, lacks a required one,
//!   or has a value of another type is left out.

use std::collections::{BTreeMap, BTreeSet};

use codegen::load::raw::{FieldSpec, ShapeFile, ShapeKind};
use codegen::load::type_expr::{Scalar, TypeExpr};
use serde_json::Value;

use crate::plan::{ImportPlan, SpecFile, Unmapped};

/// Where a field is declared: an action's output list, or a shape.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Input(String),
    Output(String),
    Shape(String),
}

/// What the examples say about the response fields.
#[derive(Default)]
struct Evidence {
    /// Fields an answer leaves out: not required.
    absent: BTreeSet<(Owner, String)>,
    /// Fields an answer sends as `null`: nullable.
    null: BTreeSet<(Owner, String)>,
    /// Values of a value set the examples use but its list lacks, with the
    /// first action whose example does.
    unlisted: BTreeMap<String, Vec<(Value, String)>>,
    /// Required text fields a request sends empty: empty is a value.
    empty: BTreeSet<(Owner, String)>,
}

/// Reconciles the examples of `plan` with their actions, as the module
/// says: of every action, or of those `only` names.
pub(crate) fn check(plan: &mut ImportPlan, only: Option<&BTreeSet<String>>) {
    let shapes: BTreeMap<String, ShapeFile> = plan
        .shapes()
        .map(|shape| (shape.name.clone(), shape.clone()))
        .collect();
    let mut notes = Vec::new();
    let mut evidence = Evidence::default();
    for file in plan.files.values_mut() {
        let SpecFile::Action(action) = file else {
            continue;
        };
        if only.is_some_and(|only| !only.contains(&action.name)) {
            continue;
        }
        let name = action.name.clone();
        let (input, output) = (action.input.clone(), action.output.clone());
        let examples = std::mem::take(&mut action.examples);
        for (i, mut example) in examples.into_iter().enumerate() {
            let what = format!("action {name}, example {}", i + 1);
            let mut check = Check {
                shapes: &shapes,
                changes: Vec::new(),
                evidence: &mut evidence,
                action: &name,
                in_request: true,
            };
            let request = match example.request.as_mut() {
                Some(request) => {
                    check.request(request, &input, "request", &Owner::Input(name.clone()))
                }
                None => Ok(()),
            };
            check.in_request = false;
            // What the answer leaves out is evidence even when the request
            // does not fit: the server answered that way.
            let response =
                check.response(&mut example.response, &output, &Owner::Output(name.clone()));
            let outcome = request.and(response);
            match outcome {
                Ok(()) => {
                    if !check.changes.is_empty() {
                        notes.push(Unmapped {
                            what: what.clone(),
                            reason: format!("adjusted: {}", check.changes.join("; ")),
                        });
                    }
                    action.examples.push(example);
                }
                Err(reason) => notes.push(Unmapped {
                    what,
                    reason: format!("left out: it does not fit the documented types: {reason}"),
                }),
            }
        }
    }
    let mut relaxed = Vec::new();
    relax(plan, &evidence, &mut relaxed);
    complete_sets(plan, &evidence, &mut relaxed);
    allow_empty(plan, &evidence, &mut relaxed);
    plan.relaxed.extend(relaxed);
    plan.unmapped.extend(notes);
}

/// Adds to each value set the values its examples use and its list lacks.
fn complete_sets(plan: &mut ImportPlan, evidence: &Evidence, notes: &mut Vec<Unmapped>) {
    for file in plan.files.values_mut() {
        let SpecFile::Shape(shape) = file else {
            continue;
        };
        let Some(unlisted) = evidence.unlisted.get(&shape.name).filter(|u| !u.is_empty()) else {
            continue;
        };
        let values = shape.values.get_or_insert_with(Vec::new);
        let mut listed: Vec<(Value, String)> = values
            .iter()
            .map(|v| (v.value.clone(), v.description.clone()))
            .collect();
        for (value, action) in unlisted {
            listed.push((
                value.clone(),
                format!("Not in the documented list; the example of {action} uses it."),
            ));
            notes.push(Unmapped {
                what: format!("value set {}", shape.name),
                reason: format!("value {value} added: the example of {action} uses it"),
            });
        }
        let scalar = match &shape.enum_type {
            Some(TypeExpr::Scalar(s)) => *s,
            _ => Scalar::String,
        };
        // Names for the new values, kept for the listed ones.
        let named = crate::detected::enum_values(&listed, scalar);
        let kept = values.len();
        values.extend(named.into_iter().skip(kept));
    }
}

/// Gives `min_length: 0` to every required text field a request example
/// sends empty.
fn allow_empty(plan: &mut ImportPlan, evidence: &Evidence, notes: &mut Vec<Unmapped>) {
    let mut apply = |owner: Owner, fields: &mut [FieldSpec]| {
        for field in fields {
            if field.constraints.min_length.is_none()
                && evidence
                    .empty
                    .contains(&(owner.clone(), field.name.clone()))
            {
                field.constraints.min_length = Some(0);
                notes.push(Unmapped {
                    what: format!("{}, member {}", owner.place(), field.name),
                    reason: "may be empty: a request example sends it empty".into(),
                });
            }
        }
    };
    for file in plan.files.values_mut() {
        match file {
            SpecFile::Action(action) => apply(Owner::Input(action.name.clone()), &mut action.input),
            SpecFile::Shape(shape) => {
                if let Some(fields) = &mut shape.fields {
                    apply(Owner::Shape(shape.name.clone()), fields);
                }
            }
            SpecFile::Service(_) => {}
        }
    }
}

impl Owner {
    /// Where the owner is, for the report.
    fn place(&self) -> String {
        match self {
            Owner::Input(action) => format!("action {action}, input"),
            Owner::Output(action) => format!("action {action}, output"),
            Owner::Shape(shape) => format!("object {shape}"),
        }
    }
}

/// Makes every field the answers leave out optional, and every field they
/// send as `null` nullable.
fn relax(plan: &mut ImportPlan, evidence: &Evidence, notes: &mut Vec<Unmapped>) {
    let mut apply = |owner: &Owner, fields: &mut [FieldSpec]| {
        for field in fields {
            let key = (owner.clone(), field.name.clone());
            let place = match owner {
                Owner::Shape(shape) => format!("object {shape}, member {}", field.name),
                other => format!("{} {}", other.place(), field.name),
            };
            if evidence.absent.contains(&key) && field.required {
                field.required = false;
                notes.push(Unmapped {
                    what: place.clone(),
                    reason: "made optional: a documented answer leaves it out".into(),
                });
            }
            if evidence.null.contains(&key) && !field.nullable {
                field.nullable = true;
                field.required = false;
                notes.push(Unmapped {
                    what: place,
                    reason: "made nullable: a documented answer sends null".into(),
                });
            }
        }
    };
    for file in plan.files.values_mut() {
        match file {
            SpecFile::Action(action) => {
                apply(&Owner::Output(action.name.clone()), &mut action.output)
            }
            SpecFile::Shape(shape) => {
                let owner = Owner::Shape(shape.name.clone());
                if let Some(fields) = &mut shape.fields {
                    apply(&owner, fields);
                }
            }
            SpecFile::Service(_) => {}
        }
    }
}

/// How an object of a shape is checked: `(check, value, fields, path, shape)`.
type ObjectCheck<'c, 'a> =
    dyn FnMut(&mut Check<'a>, &mut Value, &[FieldSpec], &str, &str) -> Result<(), String> + 'c;

struct Check<'a> {
    shapes: &'a BTreeMap<String, ShapeFile>,
    /// The action whose example is checked, for the report.
    action: &'a str,
    /// Whether a request is checked: only the values a request sends
    /// complete a set (answers' examples hold placeholders such as `string`).
    in_request: bool,
    /// What was adjusted, for the report.
    changes: Vec<String>,
    evidence: &'a mut Evidence,
}

impl<'a> Check<'a> {
    /// A request: everything must fit; numbers written as text become numbers.
    fn request(
        &mut self,
        value: &mut Value,
        fields: &[FieldSpec],
        path: &str,
        owner: &Owner,
    ) -> Result<(), String> {
        let Some(map) = value.as_object_mut() else {
            return Err(format!("`{path}` is not an object"));
        };
        for field in fields.iter().filter(|f| f.required) {
            if !map.contains_key(&field.name) {
                return Err(format!("`{path}` lacks the required `{}`", field.name));
            }
        }
        for (key, item) in map.iter_mut() {
            let here = format!("{path}.{key}");
            let field = fields
                .iter()
                .find(|f| f.name == *key)
                .ok_or_else(|| format!("`{here}` is not a documented parameter"))?;
            if item.is_null() {
                continue;
            }
            if field.required && item.as_str() == Some("") {
                self.evidence
                    .empty
                    .insert((owner.clone(), field.name.clone()));
            }
            self.value(
                item,
                &field.ty,
                &here,
                &mut |check, value, fields, path, shape| {
                    check.request(value, fields, path, &Owner::Shape(shape.to_string()))
                },
            )?;
        }
        Ok(())
    }

    /// A response object: undocumented keys go, required fields that are
    /// absent or null become evidence.
    fn response(
        &mut self,
        value: &mut Value,
        fields: &[FieldSpec],
        owner: &Owner,
    ) -> Result<(), String> {
        let path = match owner {
            Owner::Shape(name) => name.clone(),
            _ => "response".to_string(),
        };
        let Some(map) = value.as_object_mut() else {
            return Err(format!("`{path}` is not an object"));
        };
        let undocumented: Vec<String> = map
            .keys()
            .filter(|k| *k != "RequestId" && !fields.iter().any(|f| f.name == **k))
            .cloned()
            .collect();
        for key in undocumented {
            map.remove(&key);
            self.changes
                .push(format!("undocumented `{path}.{key}` removed"));
        }
        for field in fields {
            let key = (owner.clone(), field.name.clone());
            match map.get_mut(&field.name) {
                None => {
                    if field.required {
                        self.evidence.absent.insert(key);
                    }
                }
                Some(Value::Null) => {
                    if !field.nullable {
                        self.evidence.null.insert(key);
                    }
                }
                Some(item) => {
                    let here = format!("{path}.{}", field.name);
                    self.value(
                        item,
                        &field.ty,
                        &here,
                        &mut |check, value, fields, _, shape| {
                            check.response(value, fields, &Owner::Shape(shape.to_string()))
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// A value of type `ty`; `object` checks the objects of shapes.
    fn value(
        &mut self,
        value: &mut Value,
        ty: &TypeExpr,
        path: &str,
        object: &mut ObjectCheck<'_, 'a>,
    ) -> Result<(), String> {
        match ty {
            TypeExpr::Array(inner) => match value.as_array_mut() {
                Some(items) => items.iter_mut().enumerate().try_for_each(|(i, item)| {
                    self.value(item, inner, &format!("{path}[{i}]"), object)
                }),
                None => Err(format!("`{path}` is not an array: {value}")),
            },
            TypeExpr::Scalar(scalar) => self.scalar(value, *scalar, path),
            // Any JSON value fits, and stays as the vendor wrote it.
            TypeExpr::Json => Ok(()),
            TypeExpr::Ref(name) => {
                let shapes = self.shapes;
                let Some(shape) = shapes.get(name) else {
                    return Ok(()); // a shape of another import: the loader checks it
                };
                match shape.kind {
                    ShapeKind::Enum => {
                        let scalar = match &shape.enum_type {
                            Some(TypeExpr::Scalar(s)) => *s,
                            _ => Scalar::String,
                        };
                        self.scalar(value, scalar, path)?;
                        let listed = shape.values.iter().flatten().any(|v| v.value == *value);
                        if self.in_request && !listed {
                            let seen = self.evidence.unlisted.entry(name.clone()).or_default();
                            if !seen.iter().any(|(v, _)| v == value) {
                                seen.push((value.clone(), self.action.to_owned()));
                            }
                        }
                        Ok(())
                    }
                    ShapeKind::Object => object(
                        self,
                        value,
                        shape.fields.as_deref().unwrap_or_default(),
                        path,
                        name,
                    ),
                }
            }
        }
    }

    fn scalar(&mut self, value: &mut Value, scalar: Scalar, path: &str) -> Result<(), String> {
        let fits = |v: &Value| match scalar {
            Scalar::Int64 => v.is_i64(),
            Scalar::Uint64 => v.is_u64(),
            Scalar::Float => v.is_number(),
            Scalar::Boolean => v.is_boolean(),
            _ => v.is_string(),
        };
        if fits(value) {
            return Ok(());
        }
        let kind = match scalar {
            Scalar::Int64 | Scalar::Uint64 | Scalar::Float => Some("number"),
            // Requests written as query strings (`&MixIpTarget=true`) have only text.
            Scalar::Boolean => Some("boolean"),
            _ => None,
        };
        if let Some(kind) = kind
            && let Some(parsed) = value
                .as_str()
                .and_then(|text| serde_json::from_str::<Value>(text.trim()).ok())
                .filter(|parsed| fits(parsed))
        {
            self.changes.push(format!(
                "`{path}` written as text {value}, taken as the {kind} {parsed}"
            ));
            *value = parsed;
            return Ok(());
        }
        let expected = match scalar {
            Scalar::Int64 | Scalar::Uint64 => "an integer",
            Scalar::Float => "a number",
            Scalar::Boolean => "a boolean",
            _ => "a string",
        };
        Err(format!("`{path}` is not {expected}: {value}"))
    }
}

/// An example, for tests of this module.
#[cfg(test)]
fn example(request: Option<Value>, response: Value) -> codegen::load::raw::ExampleSpec {
    codegen::load::raw::ExampleSpec {
        title: "t".into(),
        request,
        response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{ActionDraft, FieldDraft};
    use serde_json::json;

    fn plan() -> ImportPlan {
        let mut plan = ImportPlan::new("v", "p");
        let field = |name: &str, ty: TypeExpr, required: bool| {
            let mut draft = FieldDraft::new(name, ty);
            draft.spec.description = "d".into();
            draft.required_in_requests = required;
            draft.required_in_responses = required;
            draft
        };
        let draft = ActionDraft {
            name: "List".into(),
            summary: "s".into(),
            description: None,
            deprecated: false,
            idempotent: true,
            idempotency_note: "n".into(),
            input: vec![
                field("Limit", TypeExpr::Scalar(Scalar::Int64), true),
                field("Exact", TypeExpr::Scalar(Scalar::Boolean), false),
            ],
            output: vec![
                field("Total", TypeExpr::Scalar(Scalar::Int64), true),
                field("Name", TypeExpr::Scalar(Scalar::String), true),
            ],
            errors: Vec::new(),
            http: None,
        };
        let mut action = draft.written(&|_| None);
        action.examples = vec![
            example(
                Some(json!({"Limit": "10", "Exact": "true"})),
                json!({"Total": "3", "Extra": 1, "RequestId": "r"}),
            ),
            example(
                Some(json!({"Limit": 1, "Other": 2})),
                json!({"Total": 1, "Name": "n"}),
            ),
            example(None, json!({"Total": 2, "Name": null})),
        ];
        plan.add_action(action);
        plan
    }

    #[test]
    fn examples_are_reconciled_with_the_types_and_the_types_with_the_answers() {
        let mut plan = plan();
        check(&mut plan, None);
        let action = plan.actions().next().unwrap();
        assert_eq!(action.examples.len(), 2, "{:?}", plan.unmapped);
        assert_eq!(
            action.examples[0].request,
            Some(json!({"Limit": 10, "Exact": true}))
        );
        assert_eq!(
            action.examples[0].response,
            json!({"Total": 3, "RequestId": "r"})
        );
        let name = &action.output[1];
        assert!(
            !name.required && name.nullable,
            "left out once, null once: {name:?}"
        );
        assert!(action.output[0].required);
        let relaxed: Vec<String> = plan.relaxed.iter().map(|r| r.to_string()).collect();
        assert_eq!(relaxed.len(), 2, "{relaxed:?}");
        assert!(
            relaxed
                .iter()
                .all(|r| r.contains("member Name") || r.contains("output Name"))
        );
        let reasons: Vec<&str> = plan.unmapped.iter().map(|u| u.reason.as_str()).collect();
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("`request.Other` is not a documented parameter"))
        );
        assert!(reasons.iter().any(|r| r.contains("taken as the number 10")));
    }

    #[test]
    fn a_value_a_request_example_sends_completes_its_value_set() {
        let mut plan = ImportPlan::new("v", "p");
        let listed = |value: &str| codegen::load::raw::EnumValueSpec {
            value: json!(value),
            name: None,
            description: "d".into(),
        };
        plan.add_shape(crate::draft::enum_shape(
            "RecordType".into(),
            "d".into(),
            Scalar::String,
            vec![listed("AAAA"), listed("MX")],
        ));
        let mut field = FieldDraft::new("Type", TypeExpr::Ref("RecordType".into()));
        field.spec.description = "d".into();
        field.required_in_requests = true;
        let draft = ActionDraft {
            name: "CreateRecord".into(),
            summary: "s".into(),
            description: None,
            deprecated: false,
            idempotent: false,
            idempotency_note: "n".into(),
            input: vec![field],
            output: Vec::new(),
            errors: Vec::new(),
            http: None,
        };
        let mut action = draft.written(&|_| None);
        action.examples = vec![
            example(Some(json!({"Type": "A"})), json!({})),
            example(Some(json!({"Type": "MX"})), json!({})),
        ];
        plan.add_action(action);
        check(&mut plan, None);
        let set = plan.shapes().next().unwrap();
        let values: Vec<&Value> = set.values.iter().flatten().map(|v| &v.value).collect();
        assert_eq!(values, [&json!("AAAA"), &json!("MX"), &json!("A")]);
        assert!(
            set.values.as_ref().unwrap()[2]
                .description
                .contains("CreateRecord")
        );
        assert_eq!(plan.actions().next().unwrap().examples.len(), 2);
    }

    #[test]
    fn a_required_text_a_request_example_sends_empty_may_be_empty() {
        let mut plan = ImportPlan::new("v", "p");
        let text = |name: &str| {
            let mut field = FieldDraft::new(name, TypeExpr::Scalar(Scalar::String));
            field.spec.description = "d".into();
            field.required_in_requests = true;
            field
        };
        let draft = ActionDraft {
            name: "SetLog".into(),
            summary: "s".into(),
            description: None,
            deprecated: false,
            idempotent: true,
            idempotency_note: "n".into(),
            input: vec![text("Id"), text("LogSetId")],
            output: Vec::new(),
            errors: Vec::new(),
            http: None,
        };
        let mut action = draft.written(&|_| None);
        action.examples = vec![example(
            Some(json!({"Id": "lb-1", "LogSetId": ""})),
            json!({}),
        )];
        plan.add_action(action);
        check(&mut plan, None);
        let action = plan.actions().next().unwrap();
        assert_eq!(action.input[0].constraints.min_length, None);
        assert_eq!(action.input[1].constraints.min_length, Some(0));
        assert!(
            plan.relaxed
                .iter()
                .any(|r| r.to_string().contains("LogSetId"))
        );
    }
}
