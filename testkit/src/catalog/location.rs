//! Where a member of a REST action travels: plain data that both the
//! fields (`types`) and the HTTP bindings (`http`) name.

use serde_json::Value;

/// Where a member of a REST action travels (`location`; absent is [`Location::Body`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Location {
    /// A `{name}` part of the path, percent-encoded.
    Path,
    /// A query parameter.
    Query,
    /// A header named like the member.
    Header,
    /// A member of the JSON object that is the body.
    #[default]
    Body,
    /// The whole body, as text.
    Payload,
}

impl Location {
    /// Parses a field's `location`; absent is `body`, anything else unknown is an error.
    pub(crate) fn parse(value: Option<&Value>) -> Result<Location, String> {
        match value {
            None | Some(Value::Null) => Ok(Location::Body),
            Some(Value::String(text)) => match text.as_str() {
                "path" => Ok(Location::Path),
                "query" => Ok(Location::Query),
                "header" => Ok(Location::Header),
                "body" => Ok(Location::Body),
                "payload" => Ok(Location::Payload),
                _ => Err(format!("a location this server does not know: `{text}`")),
            },
            Some(_) => Err("a location that is not a string".to_owned()),
        }
    }
}
