//! Parameters and properties → fields: names checked, types, value sets,
//! limits, examples and flags.

use codegen::load::raw::{Constraints, Encoding, ValueSetSpec};
use codegen::load::type_expr::{Scalar, TypeExpr};
use serde_json::Value;

use super::ir::{Def, provisional_name, type_id, type_ref};
use super::source::{DOCS, NO_DESCRIPTION, count, flag, integer, text, typed};
use super::types::{Builder, Entry, Owner};
use crate::draft::{FieldDraft, Side};
use crate::names::FieldNames;

/// Styles that send a structured value as one text parameter typed as
/// text. (`json` keeps its structure: see `Builder::field`.)
const TEXT_STYLES: &[(&str, &str)] = &[
    (
        "json",
        "Sent as one JSON-encoded text parameter (the vendor's `json` style), e.g. `[1,2]` or `{\"Key\":\"Value\"}`.",
    ),
    (
        "simple",
        "Sent as one comma-separated text parameter (the vendor's `simple` style), e.g. `a,b`.",
    ),
];

impl Builder<'_> {
    /// Converts `entries`, dropping (and noting) what cannot be mapped. Fails
    /// only for an input list that loses a required parameter: no call could succeed.
    pub fn field_list(
        &mut self,
        owner: &Owner,
        entries: Vec<Entry>,
        depth: usize,
    ) -> Result<Vec<FieldDraft>, String> {
        let mut fields = Vec::new();
        let mut names = FieldNames::new(owner.side);
        for entry in entries {
            if owner.side == Side::Output && entry.name == "RequestId" {
                continue; // every response has it; the generator adds it
            }
            let what = format!("{} {}", owner.what, entry.name);
            let result = match names.admit(&entry.name) {
                Ok(Some(repeated)) => {
                    // The vendor listing one name twice costs nothing: the first stands for it.
                    self.note(&owner.scope, what, format!("left out: {repeated}"));
                    continue;
                }
                Ok(None) => self.field(owner, &entry, depth),
                Err(unusable) => Err(unusable),
            };
            match result {
                Ok(mut field) => {
                    field.spec.location = entry.location;
                    fields.push(field);
                }
                Err(reason) if owner.side == Side::Input && entry.required => {
                    return Err(format!("required parameter {}: {reason}", entry.name));
                }
                Err(reason) => self.note(&owner.scope, what, format!("left out: {reason}")),
            }
        }
        Ok(fields)
    }

    fn field(&mut self, owner: &Owner, entry: &Entry, depth: usize) -> Result<FieldDraft, String> {
        let schema = self.resolve(&entry.schema)?.clone();
        let raw = text(schema.get("description"))
            .or(text(entry.schema.get("description")))
            .or(text(schema.get("title")));
        let raw = raw.unwrap_or_default().to_string();
        let kind = schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let style = entry
            .style
            .as_deref()
            .filter(|_| matches!(kind, "object" | "array"));
        // A `json` structure keeps its type (any JSON value, where it has no
        // documented members) and travels as its JSON text, as the vendor's
        // SDKs send it; only one with no form in the spec format (an array of
        // arrays, a shape that contains itself) falls back to text.
        if style == Some("json")
            && let Ok(ty) = self.ty(owner, &entry.name, &entry.schema, depth)
        {
            let mut field = FieldDraft::new(&entry.name, ty);
            field.required_in_requests = entry.required;
            field.spec.deprecated = flag(schema.get("deprecated"));
            field.spec.encoding = Some(Encoding::Json);
            field.spec.description = DOCS.or_placeholder(DOCS.clean(&raw));
            field.spec.constraints =
                self.constraints(owner, &entry.name, &schema, &field.spec.ty, false);
            self.describe_shape_if_silent(&field);
            return Ok(field);
        }
        let as_text = style.and_then(|style| TEXT_STYLES.iter().find(|(s, _)| *s == style));
        let (ty, mut description) = match as_text {
            Some((style, note)) => {
                let what = format!("{} {}", owner.what, entry.name);
                self.note(
                    &owner.scope,
                    what,
                    format!("sent as one text parameter (style `{style}`), so typed `string`"),
                );
                let cleaned = DOCS.clean(&raw);
                let parts: Vec<&str> = [cleaned.as_str(), note]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect();
                (TypeExpr::Scalar(Scalar::String), parts.join("\n\n"))
            }
            None => (
                self.ty(owner, &entry.name, &entry.schema, depth)?,
                DOCS.clean(&raw),
            ),
        };
        let mut field = FieldDraft::new(&entry.name, ty);
        field.required_in_requests = entry.required;
        field.spec.deprecated = flag(schema.get("deprecated"));
        if let TypeExpr::Scalar(scalar) = *field.spec.ty.element() {
            let mut default_from_list = None;
            if as_text.is_none() {
                default_from_list =
                    self.attach_value_set(owner, &schema, &raw, &mut field, &mut description)?;
            }
            if !matches!(field.spec.ty, TypeExpr::Array(_)) {
                field.spec.example = typed(schema.get("example"), scalar);
                field.spec.default = typed(schema.get("default"), scalar).or(default_from_list);
            }
        } else if field.spec.ty == TypeExpr::Json {
            // As the vendor writes them: text, like every example of its
            // metadata; with no documented type there is nothing to read it as.
            field.spec.example = as_written(schema.get("example"));
            field.spec.default = as_written(schema.get("default"));
        }
        field.spec.description = DOCS.or_placeholder(description);
        field.mark_if_secret();
        let is_enum = field.spec.value_set.is_some();
        field.spec.constraints =
            self.constraints(owner, &entry.name, &schema, &field.spec.ty, is_enum);
        if field.spec.sensitive {
            field.spec.example = None; // never copy a key, even a sample one, into the spec
        }
        if let Some(misfit) = self.example_misfit(&field) {
            let what = format!("{} {}", owner.what, entry.name);
            self.note(&owner.scope, what, format!("example left out: {misfit}"));
            field.spec.example = None;
        }
        self.describe_shape_if_silent(&field);
        Ok(field)
    }

    /// Why the field's example contradicts its own documented values or
    /// limits (the vendor's metadata sometimes does): an example must be
    /// something the server accepts.
    fn example_misfit(&self, field: &FieldDraft) -> Option<String> {
        let example = field.spec.example.as_ref()?;
        let values = match (
            &field.spec.value_set,
            field.references().next().and_then(type_id),
        ) {
            (Some(set), _) => Some(set.values.as_slice()),
            (None, Some(id)) => match self.types.get(id).map(|t| &t.def) {
                Some(Def::Enum { values, .. }) => Some(values.as_slice()),
                _ => None,
            },
            _ => None,
        };
        if let Some(values) = values
            && !values.iter().any(|v| v.value == *example)
        {
            return Some(format!("{example} is not one of the documented values"));
        }
        let limits = &field.spec.constraints;
        let outside = match example {
            Value::Number(n) => n.as_i64().is_some_and(|n| {
                limits.minimum.is_some_and(|min| n < min)
                    || limits.maximum.is_some_and(|max| n > max)
            }),
            Value::String(text) => {
                let length = text.chars().count() as u64;
                limits.min_length.is_some_and(|min| length < min)
                    || limits.max_length.is_some_and(|max| length > max)
            }
            _ => false,
        };
        outside.then(|| format!("{example} is outside the documented limits"))
    }

    /// An inline object often documents itself only through the field that holds it.
    fn describe_shape_if_silent(&mut self, field: &FieldDraft) {
        if let Some(id) = field.references().next().and_then(type_id)
            && let Some(shape) = self.types.get_mut(id)
            && !shape.from_ref
            && matches!(shape.def, Def::Object(_))
            && shape.description == NO_DESCRIPTION
        {
            shape.description = field.spec.description.clone();
        }
    }

    /// Gives `field` its documented value set, if it has one: inline on action
    /// fields, an enum shape for shape members (our format wants those shared).
    /// Returns the value the list marks as default.
    fn attach_value_set(
        &mut self,
        owner: &Owner,
        schema: &Value,
        raw: &str,
        field: &mut FieldDraft,
        description: &mut String,
    ) -> Result<Option<Value>, String> {
        let TypeExpr::Scalar(scalar) = *field.spec.ty.element() else {
            return Ok(None);
        };
        // An array's values are documented on its items.
        let holder = match (&field.spec.ty, schema.get("items")) {
            (TypeExpr::Array(_), Some(items)) => self.resolve(items)?.clone(),
            _ => schema.clone(),
        };
        let name = field.spec.name.clone();
        let Some(set) = self.value_set(owner, &name, &holder, scalar, raw, description) else {
            return Ok(None);
        };
        if let Some(remaining) = set.remaining {
            *description = remaining;
        }
        if owner.side == Side::Member {
            field.spec.ty = replace_element(&field.spec.ty, type_ref(set.id));
        } else if let Def::Enum { values, .. } = &self.types[set.id].def {
            field.spec.value_set = Some(ValueSetSpec {
                name: provisional_name(set.id),
                description: None,
                values: values.clone(),
            });
        }
        Ok(set.default.map(Value::String))
    }

    /// Limits of the field itself; a value set leaves nothing to check on its values.
    fn constraints(
        &mut self,
        owner: &Owner,
        name: &str,
        schema: &Value,
        ty: &TypeExpr,
        is_enum: bool,
    ) -> Constraints {
        let what = format!("{} {name}", owner.what);
        let limits = match (ty, ty.element()) {
            (TypeExpr::Array(_), _) => Some(Limits::Items),
            _ if is_enum => None,
            (_, TypeExpr::Scalar(Scalar::String)) => Some(Limits::Length),
            (_, TypeExpr::Scalar(Scalar::Int64)) => Some(Limits::Value),
            _ => None,
        };
        let mut out = Constraints::default();
        if let Some(limits) = limits {
            let (low_key, high_key) = limits.keys();
            let is_count = limits != Limits::Value;
            let low = self.limit(owner, &what, schema, low_key, is_count);
            let high = self.limit(owner, &what, schema, high_key, is_count);
            match (low, high) {
                (Some(l), Some(h)) if l > h => self.note(
                    &owner.scope,
                    what.clone(),
                    format!("limits {l} > {h} contradict each other; not checked"),
                ),
                _ => limits.set(&mut out, low, high),
            }
        }
        if let Some(pattern) = text(schema.get("pattern")) {
            self.note(
                &owner.scope,
                what,
                format!("`pattern` {pattern} has no equivalent; not checked"),
            );
        }
        out
    }

    /// The limit `key` of `schema`: a whole number (not negative for a count);
    /// anything else is noted and not checked.
    fn limit(
        &mut self,
        owner: &Owner,
        what: &str,
        schema: &Value,
        key: &str,
        is_count: bool,
    ) -> Option<i64> {
        let raw = schema.get(key)?;
        let parsed = if is_count {
            count(Some(raw)).and_then(|n| i64::try_from(n).ok())
        } else {
            integer(Some(raw))
        };
        if parsed.is_none() {
            self.note(
                &owner.scope,
                what.to_string(),
                format!("`{key}: {raw}` is not a whole number; not checked"),
            );
        }
        parsed
    }
}

/// Which pair of limits a field type has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limits {
    /// Arrays: how many elements.
    Items,
    /// Strings: how many characters.
    Length,
    /// Integers: the value.
    Value,
}

impl Limits {
    /// The vendor's keys for the lower and upper limit.
    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Limits::Items => ("minItems", "maxItems"),
            Limits::Length => ("minLength", "maxLength"),
            Limits::Value => ("minimum", "maximum"),
        }
    }

    /// Sets the limits in `constraints`.
    fn set(self, constraints: &mut Constraints, low: Option<i64>, high: Option<i64>) {
        let count = |n: Option<i64>| n.and_then(|n| u64::try_from(n).ok());
        match self {
            Limits::Items => {
                (constraints.min_items, constraints.max_items) = (count(low), count(high))
            }
            Limits::Length => {
                (constraints.min_length, constraints.max_length) = (count(low), count(high))
            }
            Limits::Value => (constraints.minimum, constraints.maximum) = (low, high),
        }
    }
}

/// A value of the metadata as it is written, unless empty.
fn as_written(value: Option<&Value>) -> Option<Value> {
    value
        .filter(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()))
        .cloned()
}

/// `ty` with its innermost element replaced.
pub(super) fn replace_element(ty: &TypeExpr, element: TypeExpr) -> TypeExpr {
    match ty {
        TypeExpr::Array(inner) => TypeExpr::Array(Box::new(replace_element(inner, element))),
        _ => element,
    }
}
