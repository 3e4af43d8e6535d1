//! Members described for people: type, value set and limits, in the words
//! the help and the refusals share.

use codegen::model::{
    Action, Constraints, EnumDef, EnumValue, Field, ObjectShape, Product, Scalar, ShapeDef, Ty,
};

/// Where a member's named types are found: its product's shared types, then
/// the action's own value sets.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub product: &'a Product,
    pub action: &'a Action,
}

impl<'a> Scope<'a> {
    pub fn enum_def(&self, ident: &str) -> Option<&'a EnumDef> {
        let inline = self.action.enums.iter().find(|e| e.ident == ident);
        inline.or_else(|| {
            self.product
                .shapes
                .iter()
                .find_map(|shape| match &shape.def {
                    ShapeDef::Enum(def) if def.ident == ident => Some(def),
                    _ => None,
                })
        })
    }

    pub fn object(&self, ident: &str) -> Option<&'a ObjectShape> {
        self.product
            .shapes
            .iter()
            .find_map(|shape| match &shape.def {
                ShapeDef::Object(object) if object.ident == ident => Some(object),
                _ => None,
            })
    }
}

/// A type in words: `string`, `list of integer`, `Tag object`.
pub fn type_name(scope: Scope, ty: &Ty) -> String {
    match ty {
        Ty::Scalar(scalar) => scalar_name(*scalar).to_owned(),
        Ty::Json => "any JSON".to_owned(),
        Ty::Array(inner) => format!("list of {}", type_name(scope, inner)),
        Ty::Object(ident) => {
            let name = scope.object(ident).map_or(ident.as_str(), |o| &o.name);
            format!("{name} object")
        }
        Ty::Enum { ident, .. } => match scope.enum_def(ident).map(|e| e.repr) {
            Some(codegen::model::EnumRepr::Integer) => "integer".to_owned(),
            _ => "string".to_owned(),
        },
    }
}

fn scalar_name(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "string",
        Scalar::Int64 => "integer",
        Scalar::Uint64 => "integer (0 or more)",
        Scalar::Float => "number",
        Scalar::Boolean => "boolean",
        Scalar::Date => "date (YYYY-MM-DD)",
        Scalar::DateTime => "date and time (YYYY-MM-DD hh:mm:ss)",
        Scalar::DateTimeIso => "date and time (ISO 8601)",
        Scalar::Binary => "base64",
    }
}

/// The placeholder of a member's value in usage lines.
pub fn value_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Scalar(Scalar::Int64 | Scalar::Uint64) => "INT",
        Ty::Scalar(Scalar::Float) => "NUMBER",
        Ty::Scalar(Scalar::Boolean) => "BOOL",
        Ty::Scalar(_) | Ty::Enum { .. } => "VALUE",
        Ty::Array(inner) if matches!(**inner, Ty::Scalar(_) | Ty::Enum { .. }) => "VALUE",
        Ty::Array(_) | Ty::Object(_) | Ty::Json => "JSON",
    }
}

/// The documented values of a value set, as the wire has them.
pub fn values(def: &EnumDef) -> Vec<String> {
    def.variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => s.clone(),
            EnumValue::Integer(i) => i.to_string(),
        })
        .collect()
}

/// A member's limits in words, e.g. `length 1 to 64`; empty if none.
pub fn limits(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    let range = |what: &str, min: Option<String>, max: Option<String>| match (min, max) {
        (Some(min), Some(max)) => Some(format!("{what} {min} to {max}")),
        (Some(min), None) => Some(format!("{what} at least {min}")),
        (None, Some(max)) => Some(format!("{what} at most {max}")),
        (None, None) => None,
    };
    let text = |n: Option<u64>| n.map(|n| n.to_string());
    out.extend(range("length", text(c.min_length), text(c.max_length)));
    out.extend(range("items", text(c.min_items), text(c.max_items)));
    let number = |n: Option<i64>| n.map(|n| n.to_string());
    out.extend(range("value", number(c.minimum), number(c.maximum)));
    if !c.forbidden_prefixes.is_empty() {
        out.push(format!(
            "not starting with {}",
            c.forbidden_prefixes.join(", ")
        ));
    }
    if !c.forbidden_substrings.is_empty() {
        out.push(format!(
            "not containing {}",
            c.forbidden_substrings.join(", ")
        ));
    }
    out
}

/// The first sentence of a description, on one line.
pub fn first_sentence(text: &str) -> String {
    let line = text.split("\n\n").next().unwrap_or_default();
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.find(". ") {
        Some(end) => line[..=end].to_owned(),
        None => line,
    }
}

/// What a member is: `[type; required; one of …; limits]`.
fn facts(scope: Scope, field: &Field) -> String {
    let mut parts = vec![type_name(scope, &field.ty)];
    if field.required {
        parts.push("required".to_owned());
    }
    if field.sensitive {
        parts.push("secret".to_owned());
    }
    if let Ty::Enum { ident, .. } = field.ty.element()
        && let Some(def) = scope.enum_def(ident)
    {
        parts.push(format!("one of {}", values(def).join(", ")));
    }
    parts.extend(limits(&field.constraints));
    format!("[{}]", parts.join("; "))
}

/// The one-line help of a member (`-h`): its meaning's first sentence and facts.
pub fn member_help(scope: Scope, field: &Field) -> String {
    let head = facts(scope, field);
    let meaning = first_sentence(&field.description);
    if meaning.is_empty() {
        head
    } else {
        format!("{meaning} {head}")
    }
}

/// The long help of a member (`--help`): facts, then all of its documentation.
pub fn member_long_help(scope: Scope, field: &Field) -> String {
    let mut text = facts(scope, field);
    let meaning = field.description.trim();
    if !meaning.is_empty() {
        text = format!("{text}\n{meaning}");
    }
    if let Ty::Enum { ident, .. } = field.ty.element()
        && let Some(def) = scope.enum_def(ident)
    {
        let meanings: Vec<String> = def
            .variants
            .iter()
            .zip(values(def))
            .filter(|(v, _)| !v.description.is_empty())
            .map(|(v, value)| format!("  {value}: {}", first_sentence(&v.description)))
            .collect();
        if !meanings.is_empty() {
            text = format!("{text}\n\nValues:\n{}", meanings.join("\n"));
        }
    }
    if let Some(example) = &field.example {
        text = format!("{text}\n\nExample: {example}");
    }
    text
}
