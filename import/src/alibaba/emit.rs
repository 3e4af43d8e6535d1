//! Named IR → spec file values.

use std::collections::{BTreeMap, BTreeSet};

use codegen::load::raw::{
    ActionFile, EnumValueSpec, FieldSpec, ShapeFile, ShapeKind, ValueSetSpec,
};
use codegen::load::type_expr::{Scalar, TypeExpr};

use super::action::ActionIr;
use super::fields::field_spec;
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

    fn ty(&self, ty: &Ty) -> TypeExpr {
        match ty {
            Ty::Scalar(s) => TypeExpr::Scalar(scalar(s)),
            Ty::Array(inner) => TypeExpr::Array(Box::new(self.ty(inner))),
            Ty::Ref(id) => TypeExpr::Ref(self.name(*id)),
        }
    }

    fn fields(&self, fields: &[Field], required: impl Fn(&Field) -> bool) -> Vec<FieldSpec> {
        fields
            .iter()
            .map(|f| {
                let value_set = f.value_set.and_then(|id| match &self.types[id].def {
                    Def::Enum { values, .. } => Some(ValueSetSpec {
                        name: self.name(id),
                        description: None,
                        values: enum_values(values),
                    }),
                    Def::Object(_) => None,
                });
                field_spec(f, self.ty(&f.ty), value_set, required(f))
            })
            .collect()
    }

    /// `actions/<Action>.json`.
    pub fn action(&self, action: &ActionIr) -> ActionFile {
        ActionFile {
            schema: ACTION_SCHEMA.into(),
            name: action.name.clone(),
            summary: action.summary.clone(),
            description: action.description.clone(),
            deprecated: action.deprecated,
            rate_limit_per_second: None,
            idempotent: action.idempotent,
            idempotency_note: Some(action.idempotency_note.clone()),
            input: self.fields(&action.input, |f| f.required),
            output: self.fields(&action.output, |_| false),
            errors: action.errors.clone(),
            waiter: None,
            example: None,
        }
    }

    /// `types/<Shape>.json`.
    pub fn shape(&self, id: TypeId) -> ShapeFile {
        let def = &self.types[id];
        let mut shape = ShapeFile {
            schema: SHAPE_SCHEMA.into(),
            name: self.name(id),
            kind: ShapeKind::Object,
            description: def.description.clone(),
            fields: None,
            enum_type: None,
            values: None,
        };
        match &def.def {
            Def::Object(members) => {
                let output = self.in_outputs.contains(&id);
                shape.fields = Some(self.fields(members, |f| f.required && !output));
            }
            Def::Enum { scalar: s, values } => {
                shape.kind = ShapeKind::Enum;
                shape.enum_type = Some(TypeExpr::Scalar(scalar(s)));
                shape.values = Some(enum_values(values));
            }
        }
        shape
    }
}

/// The scalar named `name` (the importer only names valid ones).
fn scalar(name: &str) -> Scalar {
    Scalar::from_name(name).unwrap_or(Scalar::String)
}

fn enum_values(values: &[EnumValue]) -> Vec<EnumValueSpec> {
    values
        .iter()
        .map(|v| EnumValueSpec {
            value: v.value.clone(),
            name: v.name.clone(),
            description: v.description.clone(),
        })
        .collect()
}
