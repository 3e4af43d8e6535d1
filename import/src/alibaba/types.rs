//! Vendor schemas → field types, creating a shape for every object.
//!
//! An object named in `components.schemas` (reached by `$ref`) becomes one
//! shared shape named after it; an inline object becomes a shape of its own,
//! named after the action (or component) and field where it occurs:
//! `<Action><Field>`, or `<Action><Field>Item` for the elements of an array,
//! at any depth. Nothing is merged by structure: two inline
//! objects that look alike may still document different things. What has
//! no documented structure (`any`, an object without `properties`, the items
//! of an array without `items`) is any JSON value.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::source::DOCS;
use crate::draft::{FieldDraft, Side};
use codegen::load::raw::Location;
use codegen::load::type_expr::{Scalar, TypeExpr};

use super::ir::{Def, TypeDef, TypeId, type_ref};
use codegen::model::naming;

/// Vendor schemas nest a few levels; deeper means a loop the `$ref` checks missed.
const MAX_DEPTH: usize = 24;

/// Where a note belongs: the import keeps the notes of what it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Scope {
    Action(String),
    Type(TypeId),
}

/// Something skipped or adapted, to become an [`crate::Unmapped`].
#[derive(Debug, Clone)]
pub(super) struct Note {
    pub scope: Scope,
    pub what: String,
    pub reason: String,
}

/// Who owns the fields being converted.
#[derive(Debug, Clone)]
pub(super) struct Owner {
    /// PascalCase prefix of names derived from these fields: the action or component.
    pub base: String,
    pub side: Side,
    pub scope: Scope,
    /// For notes, e.g. `action DescribeFoo, input`.
    pub what: String,
}

/// One parameter or property before conversion.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub name: String,
    pub schema: Value,
    /// The parameter's `style` (`repeatList`, `flat`, `json`, `simple`).
    pub style: Option<String>,
    pub required: bool,
    /// ROA only: where the member travels (`None`: the JSON body).
    pub location: Option<Location>,
}

/// Holds every type created so far.
pub(super) struct Builder<'a> {
    components: &'a Map<String, Value>,
    pub types: Vec<TypeDef>,
    pub notes: Vec<Note>,
    refs: BTreeMap<String, TypeId>,
    /// Components entered by value since the last array: a `$ref` back to one
    /// of them would make a struct contain itself.
    by_value: Vec<String>,
}

impl<'a> Builder<'a> {
    pub fn new(components: &'a Map<String, Value>) -> Self {
        Builder {
            components,
            types: Vec::new(),
            notes: Vec::new(),
            refs: BTreeMap::new(),
            by_value: Vec::new(),
        }
    }

    pub fn note(&mut self, scope: &Scope, what: impl Into<String>, reason: impl Into<String>) {
        self.notes.push(Note {
            scope: scope.clone(),
            what: what.into(),
            reason: reason.into(),
        });
    }

    /// The schema a `$ref` points to, or the schema itself.
    pub fn resolve<'s>(&self, schema: &'s Value) -> Result<&'s Value, String>
    where
        'a: 's,
    {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap_or(reference);
                self.components.get(name).ok_or_else(|| {
                    format!("`$ref` {reference} names no schema in components.schemas")
                })
            }
            None => Ok(schema),
        }
    }

    /// The type of a field named `field` of `owner` described by `schema`.
    pub fn ty(
        &mut self,
        owner: &Owner,
        field: &str,
        schema: &Value,
        depth: usize,
    ) -> Result<TypeExpr, String> {
        self.ty_of(owner, field, schema, depth, false)
    }

    fn ty_of(
        &mut self,
        owner: &Owner,
        field: &str,
        schema: &Value,
        depth: usize,
        item: bool,
    ) -> Result<TypeExpr, String> {
        if depth > MAX_DEPTH {
            return Err(format!("nested more than {MAX_DEPTH} levels deep"));
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference
                .rsplit('/')
                .next()
                .unwrap_or(reference)
                .to_string();
            let target = self.resolve(schema)?;
            return if has_properties(target) {
                self.component(&name, target, depth)
            } else {
                self.ty_of(owner, field, target, depth + 1, item)
            };
        }
        match kind(schema) {
            "string" | "date" => Ok(TypeExpr::Scalar(Scalar::String)),
            "integer" | "long" => Ok(TypeExpr::Scalar(Scalar::Int64)),
            "number" | "float" | "double" => Ok(TypeExpr::Scalar(Scalar::Float)),
            "boolean" => Ok(TypeExpr::Scalar(Scalar::Boolean)),
            "array" => {
                // A list whose items the vendor does not describe (SLB's
                // `AclIds`): a list of any JSON values, not left out.
                let Some(items) = schema.get("items") else {
                    return Ok(TypeExpr::Array(Box::new(TypeExpr::Json)));
                };
                // Elements sit behind a Vec, so reaching a component again is no longer a cycle.
                let chain = std::mem::take(&mut self.by_value);
                let inner = self.ty_of(owner, field, items, depth + 1, true);
                self.by_value = chain;
                match inner? {
                    TypeExpr::Array(_) => {
                        Err("an array of arrays has no form in the spec format".into())
                    }
                    inner => Ok(TypeExpr::Array(Box::new(inner))),
                }
            }
            "object" if has_properties(schema) => {
                let name = format!(
                    "{}{}{}",
                    owner.base,
                    pascal_or(field),
                    if item { "Item" } else { "" }
                );
                Ok(type_ref(self.object(owner, name, schema, depth)))
            }
            // No documented structure (`any`, a free-form object or a map
            // of `additionalProperties`): kept as any JSON value.
            "any" | "object" => Ok(TypeExpr::Json),
            "" => Err("the schema has no `type`".into()),
            other => Err(format!(
                "type `{other}` has no equivalent in the spec format"
            )),
        }
    }

    fn object(&mut self, owner: &Owner, base: String, schema: &Value, depth: usize) -> TypeId {
        let id = self.push(base, false, schema);
        // Nested shapes are named after the action (or component), not the
        // whole path: XML-era responses nest wrappers ten levels deep.
        let members = Owner {
            base: owner.base.clone(),
            side: Side::Member,
            scope: owner.scope.clone(),
            what: format!("{}, shape {}", owner.what, self.types[id].base),
        };
        let fields = self.members(&members, schema, depth);
        self.types[id].def = Def::Object(fields);
        id
    }

    fn component(&mut self, name: &str, schema: &Value, depth: usize) -> Result<TypeExpr, String> {
        if self.by_value.iter().any(|n| n == name) {
            return Err(format!(
                "`$ref` to {name} makes the shape contain itself, which a Rust struct cannot"
            ));
        }
        if let Some(id) = self.refs.get(name) {
            return Ok(type_ref(*id));
        }
        let base = naming::pascal(name).map_err(|e| format!("component {name}: {e}"))?;
        let id = self.push(base.clone(), true, schema);
        self.refs.insert(name.to_string(), id);
        self.by_value.push(name.to_string());
        let owner = Owner {
            base,
            side: Side::Member,
            scope: Scope::Type(id),
            what: format!("component {name}"),
        };
        let fields = self.members(&owner, schema, depth);
        self.by_value.pop();
        self.types[id].def = Def::Object(fields);
        Ok(type_ref(id))
    }

    fn push(&mut self, base: String, from_ref: bool, schema: &Value) -> TypeId {
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .map(|t| DOCS.clean(t))
            .unwrap_or_default();
        self.types.push(TypeDef {
            base,
            qualified: None,
            from_ref,
            inline: false,
            shared: false,
            description: DOCS.or_placeholder(description),
            def: Def::Object(Vec::new()),
        });
        self.types.len() - 1
    }

    fn members(&mut self, owner: &Owner, schema: &Value, depth: usize) -> Vec<FieldDraft> {
        let entries: Vec<Entry> = schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(name, member)| Entry {
                name: name.clone(),
                schema: member.clone(),
                style: None,
                required: super::source::flag(member.get("required")),
                location: None,
            })
            .collect();
        // Members never fail their owner: a shape keeps what it can map.
        self.field_list(owner, entries, depth + 1)
            .unwrap_or_default()
    }
}

/// `type`, or what the schema's shape implies when it has none.
fn kind(schema: &Value) -> &str {
    match schema.get("type").and_then(Value::as_str) {
        Some(kind) => kind,
        None if has_properties(schema) => "object",
        None if schema.get("items").is_some() => "array",
        None => "",
    }
}

fn has_properties(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// PascalCase of a wire name, for derived names; names that have none never get this far.
pub(super) fn pascal_or(name: &str) -> String {
    naming::pascal(name).unwrap_or_else(|_| "Field".to_string())
}
