//! Alibaba ROA parameters: each member taken from where the action's binding places it (a
//! path segment, the query, a header, the JSON body or the whole body as text) into one JSON
//! object, so that they are checked like the other protocols' and decode into the typed
//! request. Path, query and header members are text parsed by their type; a list or
//! structure among them is its JSON text, as the client writes it.

use serde_json::{Map, Value};

use super::{Problem, ProblemKind, query};
use crate::catalog::{Field, Location, Product, Shape, Ty, decode_segment};
use crate::http::RawRequest;
use crate::verify_acs3;

/// Gathers the members of `req` for `inputs`; `path_members` are the path's members as sent
/// (still percent-encoded), from the template match. A query parameter or a body member the
/// action does not place there is an unknown parameter; other headers are HTTP's own.
pub(crate) fn gather(
    req: &RawRequest,
    path_members: &[(&str, &str)],
    inputs: &[Field],
    product: &Product,
) -> Result<Map<String, Value>, Problem> {
    let parser = Parser { product };
    let mut params = Map::new();
    for (name, raw) in path_members {
        // An empty segment is a member left out: the check says it is missing.
        if raw.is_empty() {
            continue;
        }
        let text = decode_segment(raw)
            .ok_or_else(|| Problem::value(name, "is not percent-encoded UTF-8 text"))?;
        let field = placed(inputs, name, Location::Path).ok_or_else(|| Problem::unknown(name))?;
        params.insert(field.name.clone(), parser.member(&text, field)?);
    }
    for (name, value) in verify_acs3::decode_query(&req.query) {
        let name = String::from_utf8(name)
            .map_err(|name| Problem::unknown(&String::from_utf8_lossy(name.as_bytes())))?;
        let field =
            placed(inputs, &name, Location::Query).ok_or_else(|| Problem::unknown(&name))?;
        let text =
            String::from_utf8(value).map_err(|_| Problem::value(&name, "is not UTF-8 text"))?;
        if params.contains_key(&name) {
            return Err(Problem::value(&name, "is given more than once"));
        }
        params.insert(name, parser.member(&text, field)?);
    }
    for field in inputs.iter().filter(|f| f.location == Location::Header) {
        // HTTP header names are case-insensitive; the server keeps them lowercase.
        if let Some(text) = req.header_text(&field.name.to_ascii_lowercase()) {
            params.insert(field.name.clone(), parser.member(&text, field)?);
        }
    }
    body(req, inputs, &mut params)?;
    Ok(params)
}

/// The input `name` if the action places it at `location`.
fn placed<'f>(inputs: &'f [Field], name: &str, location: Location) -> Option<&'f Field> {
    inputs
        .iter()
        .find(|f| f.name == name && f.location == location)
}

/// The body's members: the whole body as the text of the payload member, or the members of
/// its JSON object. An empty body carries none.
fn body(
    req: &RawRequest,
    inputs: &[Field],
    params: &mut Map<String, Value>,
) -> Result<(), Problem> {
    if req.body.is_empty() {
        return Ok(());
    }
    if let Some(payload) = inputs.iter().find(|f| f.location == Location::Payload) {
        let text = String::from_utf8(req.body.clone())
            .map_err(|_| Problem::value(&payload.name, "is not UTF-8 text"))?;
        params.insert(payload.name.clone(), Value::String(text));
        return Ok(());
    }
    let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(&req.body) else {
        let message = "The request body is not a JSON object.".to_owned();
        return Err(Problem::new(ProblemKind::Type, "", message));
    };
    for (name, value) in members {
        if placed(inputs, &name, Location::Body).is_none() {
            return Err(Problem::unknown(&name));
        }
        params.insert(name, value);
    }
    Ok(())
}

struct Parser<'a> {
    product: &'a Product,
}

impl Parser<'_> {
    /// A member sent as text (path, query, header) as the JSON value of its type.
    fn member(&self, text: &str, field: &Field) -> Result<Value, Problem> {
        if field.json_text {
            return json_text(text, &field.name);
        }
        self.typed(text, &field.ty, &field.name)
    }

    fn typed(&self, text: &str, ty: &Ty, name: &str) -> Result<Value, Problem> {
        match ty {
            Ty::Array(_) => json_text(text, name),
            Ty::Ref(shape) => match self.product.shapes().get(shape) {
                Some(Shape::Enum { ty, .. }) => self.typed(text, ty, name),
                _ => json_text(text, name),
            },
            // A structure of no documented shape is its JSON text; anything else is text.
            Ty::Json => Ok(match serde_json::from_str::<Value>(text) {
                Ok(value @ (Value::Object(_) | Value::Array(_))) => value,
                _ => Value::String(text.to_owned()),
            }),
            scalar => query::parse(text, scalar).ok_or_else(|| Problem::wrong_type(name, scalar)),
        }
    }
}

fn json_text(text: &str, name: &str) -> Result<Value, Problem> {
    serde_json::from_str(text).map_err(|_| Problem::value(name, "is not JSON text"))
}
