//! Named IR → spec file values.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::action::ActionIr;
use super::fields::field_json;
use super::ir::{Def, EnumValue, Field, Ty, TypeDef, TypeId};

/// `$schema` of action and shape files, relative to `<vendor>/<product>/<folder>/`.
pub(super) const ACTION_SCHEMA: &str = "../../../schema/action.schema.json";
const SHAPE_SCHEMA: &str = "../../../schema/shape.schema.json";

/// Types reachable from `fields`, through shape members.
pub(super) fn reach<'f>(
    types: &[TypeDef],
    fields: impl IntoIterator<Item = &'f Field>,
) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut pending: Vec<TypeId> = fields.into_iter().flat_map(direct).collect();
    while let Some(id) = pending.pop() {
        if seen.insert(id)
            && let Def::Object(members) = &types[id].def
        {
            pending.extend(members.iter().flat_map(direct));
        }
    }
    seen
}

fn direct(field: &Field) -> Vec<TypeId> {
    let mut ids: Vec<TypeId> = field.value_set.into_iter().collect();
    if let Ty::Ref(id) = field.ty.element() {
        ids.push(*id);
    }
    ids
}

/// Writes fields and types once names are chosen.
pub(super) struct Emitter<'a> {
    pub types: &'a [TypeDef],
    pub names: &'a BTreeMap<TypeId, String>,
    /// Shapes some response contains: their members cannot be required,
    /// since a missing member would fail the whole response.
    pub in_outputs: &'a BTreeSet<TypeId>,
}

impl Emitter<'_> {
    fn name(&self, id: TypeId) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }

    fn ty(&self, ty: &Ty) -> Value {
        match ty {
            Ty::Scalar(s) => json!(s),
            Ty::Array(inner) => json!({ "array": self.ty(inner) }),
            Ty::Ref(id) => json!({ "ref": self.name(*id) }),
        }
    }

    fn fields(&self, fields: &[Field], required: impl Fn(&Field) -> bool) -> Vec<Value> {
        fields
            .iter()
            .map(|f| {
                let value_set = f.value_set.map(|id| match &self.types[id].def {
                    Def::Enum { values, .. } => {
                        json!({ "name": self.name(id), "values": enum_values(values) })
                    }
                    Def::Object(_) => Value::Null,
                });
                field_json(f, self.ty(&f.ty), value_set, required(f))
            })
            .collect()
    }

    /// `actions/<Action>.json`.
    pub fn action(&self, action: &ActionIr) -> Value {
        let mut value = json!({
            "$schema": ACTION_SCHEMA,
            "name": action.name,
            "summary": action.summary,
            "idempotent": action.idempotent,
            "idempotency_note": action.idempotency_note,
            "input": self.fields(&action.input, |f| f.required),
            "output": self.fields(&action.output, |_| false),
            "errors": action.errors,
        });
        if let Some(description) = &action.description {
            value["description"] = json!(description);
        }
        if action.deprecated {
            value["deprecated"] = json!(true);
        }
        value
    }

    /// `types/<Shape>.json`.
    pub fn shape(&self, id: TypeId) -> Value {
        let def = &self.types[id];
        let mut value = json!({
            "$schema": SHAPE_SCHEMA,
            "name": self.name(id),
            "description": def.description,
        });
        match &def.def {
            Def::Object(members) => {
                let output = self.in_outputs.contains(&id);
                value["kind"] = json!("object");
                value["fields"] = json!(self.fields(members, |f| f.required && !output));
            }
            Def::Enum { scalar, values } => {
                value["kind"] = json!("enum");
                value["type"] = json!(scalar);
                value["values"] = json!(enum_values(values));
            }
        }
        value
    }
}

fn enum_values(values: &[EnumValue]) -> Vec<Value> {
    values
        .iter()
        .map(|v| {
            let mut value = json!({ "value": v.value, "description": v.description });
            if let Some(name) = &v.name {
                value["name"] = json!(name);
            }
            value
        })
        .collect()
}
