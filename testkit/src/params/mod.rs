//! A request's parameters, checked against the action's inputs as the
//! vendors check them: required, known, of the right type, within the value
//! set and the documented limits. Both vendors' parameters arrive here as a
//! JSON object (Tencent's body as sent, Alibaba's RPC query rebuilt by [`query`], an
//! Alibaba ROA request's path, query, headers and body gathered by [`rest`]).
//! Messages name parameters and limits, never values: a value may be a secret.

pub(crate) mod query;
pub(crate) mod rest;

use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use crate::catalog::{Constraints, Field, Product, Shape, Ty};

/// What is wrong, in the vendors' categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// A required parameter is absent.
    Missing,
    /// A parameter the action does not define.
    Unknown,
    /// A value of the wrong type.
    Type,
    /// A value outside the value set or the limits.
    Value,
}

/// A refused parameter: its kind, its wire path and a sentence saying why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) kind: ProblemKind,
    pub(crate) path: String,
    pub(crate) message: String,
}

impl Problem {
    fn new(kind: ProblemKind, path: &str, message: String) -> Problem {
        Problem {
            kind,
            path: path.to_owned(),
            message,
        }
    }

    pub(crate) fn missing(path: &str) -> Problem {
        let message = format!("The request is missing a required parameter `{path}`.");
        Problem::new(ProblemKind::Missing, path, message)
    }

    pub(crate) fn unknown(path: &str) -> Problem {
        let message = format!("The parameter `{path}` is not recognized.");
        Problem::new(ProblemKind::Unknown, path, message)
    }

    pub(crate) fn wrong_type(path: &str, ty: &Ty) -> Problem {
        let message = format!("The parameter `{path}` must be {}.", ty.noun());
        Problem::new(ProblemKind::Type, path, message)
    }

    pub(crate) fn value(path: &str, why: impl std::fmt::Display) -> Problem {
        let message = format!("The value of parameter `{path}` {why}.");
        Problem::new(ProblemKind::Value, path, message)
    }
}

/// How list items are numbered in parameter paths: Tencent's JSON from 0
/// (`Tags.0.TagKey`), Alibaba's query from 1 (`Tags.1.Key`), as on the wire.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Numbering(pub(crate) usize);

/// Checks `params` against `inputs`; the first problem found, in field order.
pub(crate) fn check(
    params: &Map<String, Value>,
    inputs: &[Field],
    product: &Product,
    numbering: Numbering,
) -> Result<(), Problem> {
    Checker { product, numbering }.object(params, inputs, "")
}

struct Checker<'a> {
    product: &'a Product,
    numbering: Numbering,
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

impl Checker<'_> {
    fn object(
        &self,
        map: &Map<String, Value>,
        fields: &[Field],
        prefix: &str,
    ) -> Result<(), Problem> {
        for field in fields {
            let path = join(prefix, &field.name);
            match map.get(&field.name).filter(|v| !v.is_null()) {
                None if field.required => return Err(Problem::missing(&path)),
                None => {}
                Some(value) => self.value(value, field, &field.ty, &path)?,
            }
        }
        match map.keys().find(|k| !fields.iter().any(|f| &f.name == *k)) {
            Some(unknown) => Err(Problem::unknown(&join(prefix, unknown))),
            None => Ok(()),
        }
    }

    fn value(&self, value: &Value, field: &Field, ty: &Ty, path: &str) -> Result<(), Problem> {
        match ty {
            Ty::Array(inner) => {
                let items = value
                    .as_array()
                    .ok_or_else(|| Problem::wrong_type(path, ty))?;
                items_within(items.len(), &field.constraints, path)?;
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}.{}", i + self.numbering.0);
                    self.value(item, field, inner, &item_path)?;
                }
                Ok(())
            }
            // The vendor documents no structure: nothing to check.
            Ty::Json => Ok(()),
            Ty::Ref(name) => match self.product.shapes().get(name) {
                Some(Shape::Object(fields)) => {
                    let map = value
                        .as_object()
                        .ok_or_else(|| Problem::wrong_type(path, ty))?;
                    self.object(map, fields, path)
                }
                Some(Shape::Enum { ty, values }) => {
                    scalar(value, ty, path)?;
                    in_set(value, values, path)
                }
                // The spec validates references; an unknown one checks nothing.
                None => Ok(()),
            },
            _ => {
                scalar(value, ty, path)?;
                if let Some(values) = &field.values {
                    in_set(value, values, path)?;
                }
                within(value, field, path)
            }
        }
    }
}

/// The JSON type, and the format of dates.
fn scalar(value: &Value, ty: &Ty, path: &str) -> Result<(), Problem> {
    let ok = match ty {
        Ty::String | Ty::Binary => value.is_string(),
        Ty::Int64 => value.is_i64(),
        Ty::Uint64 => value.is_u64(),
        Ty::Float => value.is_number(),
        Ty::Boolean => value.is_boolean(),
        Ty::Date => value
            .as_str()
            .is_some_and(|s| Date::parse(s, format_description!("[year]-[month]-[day]")).is_ok()),
        Ty::DateTime => value.as_str().is_some_and(|s| {
            let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
            PrimitiveDateTime::parse(s, format).is_ok()
        }),
        Ty::DateTimeIso => value
            .as_str()
            .is_some_and(|s| OffsetDateTime::parse(s, &Rfc3339).is_ok()),
        Ty::Json | Ty::Array(_) | Ty::Ref(_) => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Problem::wrong_type(path, ty))
    }
}

fn in_set(value: &Value, values: &[Value], path: &str) -> Result<(), Problem> {
    if values.is_empty() || values.contains(value) {
        return Ok(());
    }
    let documented: Vec<String> = values
        .iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect();
    Err(Problem::value(
        path,
        format_args!(
            "is not one of the documented values ({})",
            documented.join(", ")
        ),
    ))
}

fn items_within(len: usize, c: &Constraints, path: &str) -> Result<(), Problem> {
    let len = len as u64;
    if let Some(min) = c.min_items.filter(|min| len < *min) {
        return Err(Problem::value(
            path,
            format_args!("must have at least {min} items, has {len}"),
        ));
    }
    if let Some(max) = c.max_items.filter(|max| len > *max) {
        return Err(Problem::value(
            path,
            format_args!("must have at most {max} items, has {len}"),
        ));
    }
    Ok(())
}

/// Lengths, ranges and forbidden parts of a scalar.
fn within(value: &Value, field: &Field, path: &str) -> Result<(), Problem> {
    let c = &field.constraints;
    if let Some(text) = value.as_str() {
        let len = text.chars().count() as u64;
        if field.required && text.is_empty() && c.min_length != Some(0) {
            return Err(Problem::value(path, "must not be empty"));
        }
        if let Some(min) = c.min_length.filter(|min| len < *min) {
            return Err(Problem::value(
                path,
                format_args!("must be at least {min} characters long, is {len}"),
            ));
        }
        if let Some(max) = c.max_length.filter(|max| len > *max) {
            return Err(Problem::value(
                path,
                format_args!("must be at most {max} characters long, is {len}"),
            ));
        }
        if let Some(prefix) = c
            .forbidden_prefixes
            .iter()
            .find(|p| text.starts_with(p.as_str()))
        {
            return Err(Problem::value(
                path,
                format_args!("must not start with `{prefix}`"),
            ));
        }
        if let Some(part) = c
            .forbidden_substrings
            .iter()
            .find(|p| text.contains(p.as_str()))
        {
            return Err(Problem::value(
                path,
                format_args!("must not contain `{part}`"),
            ));
        }
    }
    let number = value
        .as_i64()
        .map(i128::from)
        .or_else(|| value.as_u64().map(i128::from));
    if let Some(n) = number {
        if let Some(min) = c.minimum.filter(|min| n < i128::from(*min)) {
            return Err(Problem::value(path, format_args!("must be at least {min}")));
        }
        if let Some(max) = c.maximum.filter(|max| n > i128::from(*max)) {
            return Err(Problem::value(path, format_args!("must be at most {max}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
