//! Alibaba RPC parameters: the query's flat `name=value` pairs rebuilt into
//! a JSON object by the action's inputs, so that they are checked like
//! Tencent's and decode into the typed request. Lists are numbered from 1
//! (`Tags.1.Key=a&Tags.2.Key=b`), members are dotted, scalars are text
//! parsed by their type; an input sent as its JSON text (`encoding: json`)
//! is one parameter, parsed as JSON and then checked like the others. A
//! JSON value (`json`) is rebuilt from whatever is under its name: text,
//! or members and numbered items, as the client flattens one.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use super::Problem;
use crate::catalog::{Field, Product, Shape, Ty};

/// Rebuilds the parameters of `inputs` from decoded query pairs; a pair that no input
/// claims is an unknown parameter.
pub(crate) fn rebuild(
    pairs: &[(Vec<u8>, Vec<u8>)],
    inputs: &[Field],
    product: &Product,
) -> Result<Map<String, Value>, Problem> {
    let mut rest = BTreeMap::new();
    for (name, value) in pairs {
        let name = String::from_utf8(name.clone())
            .map_err(|_| Problem::unknown(&String::from_utf8_lossy(name)))?;
        let value = String::from_utf8(value.clone())
            .map_err(|_| Problem::value(&name, "is not UTF-8 text"))?;
        if rest.insert(name.clone(), value).is_some() {
            return Err(Problem::value(&name, "is given more than once"));
        }
    }
    let rebuilder = Rebuilder { product };
    let mut params = Map::new();
    for field in inputs {
        let value = match field.json_text {
            true => json_text(&mut rest, &field.name)?,
            false => rebuilder.take(&mut rest, &field.name, &field.ty)?,
        };
        if let Some(value) = value {
            params.insert(field.name.clone(), value);
        }
    }
    match rest.keys().next() {
        Some(unknown) => Err(Problem::unknown(unknown)),
        None => Ok(params),
    }
}

struct Rebuilder<'a> {
    product: &'a Product,
}

impl Rebuilder<'_> {
    /// Removes from `rest` everything that belongs to `name` (of type `ty`) and returns its
    /// value; `None` when nothing does.
    fn take(
        &self,
        rest: &mut BTreeMap<String, String>,
        name: &str,
        ty: &Ty,
    ) -> Result<Option<Value>, Problem> {
        match ty {
            Ty::Array(inner) => {
                let mut indexes: Vec<(u64, String)> = members(rest, name)
                    .filter_map(|member| {
                        let index = member.split('.').next()?;
                        // `0`, `01` or `x` are not list positions: left for "unknown".
                        let n: u64 = index.parse().ok().filter(|n| *n > 0)?;
                        (n.to_string() == index).then(|| (n, index.to_owned()))
                    })
                    .collect();
                indexes.sort();
                indexes.dedup();
                if indexes.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(indexes.len());
                for (_, index) in indexes {
                    if let Some(item) = self.take(rest, &format!("{name}.{index}"), inner)? {
                        items.push(item);
                    }
                }
                Ok(Some(Value::Array(items)))
            }
            Ty::Ref(shape) => match self.product.shapes().get(shape) {
                Some(Shape::Object(fields)) => {
                    let mut object = Map::new();
                    for field in fields {
                        let path = format!("{name}.{}", field.name);
                        if let Some(value) = self.take(rest, &path, &field.ty)? {
                            object.insert(field.name.clone(), value);
                        }
                    }
                    Ok((!object.is_empty()).then_some(Value::Object(object)))
                }
                Some(Shape::Enum { ty, .. }) => self.take(rest, name, ty),
                None => Ok(rest.remove(name).map(Value::String)),
            },
            Ty::Json => json_value(rest, name),
            scalar => match rest.remove(name) {
                None => Ok(None),
                Some(text) => parse(&text, scalar)
                    .map(Some)
                    .ok_or_else(|| Problem::wrong_type(name, scalar)),
            },
        }
    }
}

/// The value of the parameter `name` that holds JSON text.
fn json_text(rest: &mut BTreeMap<String, String>, name: &str) -> Result<Option<Value>, Problem> {
    match rest.remove(name) {
        None => Ok(None),
        Some(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| Problem::value(name, "is not JSON text")),
    }
}

/// The JSON value under `name`: its text, or an object of its members in
/// which members numbered `1` to `n` are a list. Leaves stay text, as every
/// value on the wire is; the vendor documents no type to parse them by.
fn json_value(rest: &mut BTreeMap<String, String>, name: &str) -> Result<Option<Value>, Problem> {
    let keys: Vec<String> = members(rest, name).map(str::to_owned).collect();
    if keys.is_empty() {
        return Ok(rest.remove(name).map(Value::String));
    }
    let mut tree = Map::new();
    for key in keys {
        let path = format!("{name}.{key}");
        if let Some(text) = rest.remove(&path) {
            insert(&mut tree, &key, text, &path)?;
        }
    }
    Ok(Some(numbered_as_lists(Value::Object(tree))))
}

/// Puts `text` at the dotted `key` of `tree`; `path` names it in a refusal.
fn insert(
    tree: &mut Map<String, Value>,
    key: &str,
    text: String,
    path: &str,
) -> Result<(), Problem> {
    let both = || Problem::value(path, "is given both as a value and as members");
    match key.split_once('.') {
        None if tree.contains_key(key) => Err(both()),
        None => {
            tree.insert(key.to_owned(), Value::String(text));
            Ok(())
        }
        Some((head, tail)) => {
            let inner = tree
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            match inner {
                Value::Object(inner) => insert(inner, tail, text, path),
                _ => Err(both()),
            }
        }
    }
}

/// `value` with every object whose keys are exactly `1` to `n` turned into a list.
fn numbered_as_lists(value: Value) -> Value {
    let Value::Object(mut map) = value else {
        return value;
    };
    let numbered = (1..=map.len()).all(|n| map.contains_key(&n.to_string()));
    if numbered && !map.is_empty() {
        let items = (1..=map.len()).filter_map(|n| map.remove(&n.to_string()));
        return Value::Array(items.map(numbered_as_lists).collect());
    }
    Value::Object(
        map.into_iter()
            .map(|(key, item)| (key, numbered_as_lists(item)))
            .collect(),
    )
}

/// What follows `name.` in the keys that start with it.
fn members<'a>(rest: &'a BTreeMap<String, String>, name: &str) -> impl Iterator<Item = &'a str> {
    let prefix = format!("{name}.");
    rest.range(prefix.clone()..)
        .map(|(key, _)| key.as_str())
        .take_while(move |key| key.starts_with(&prefix))
        .map(move |key| &key[name.len() + 1..])
}

/// A query value as the JSON value of its type; `None` when it is not one.
pub(super) fn parse(text: &str, ty: &Ty) -> Option<Value> {
    match ty {
        Ty::Int64 => text.parse::<i64>().ok().map(Value::from),
        Ty::Uint64 => text.parse::<u64>().ok().map(Value::from),
        Ty::Float => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
        Ty::Boolean => match text {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => Some(Value::String(text.to_owned())),
    }
}
