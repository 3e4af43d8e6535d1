//! The tccli `api.json` format, read leniently: unknown keys are ignored and
//! optional text may be absent or `null`, because the vendor adds keys over
//! time and older files omit some (`version`, `status`, `serviceNameCN`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::error::ImportError;
use crate::text::{Dialect, Layout};

/// How tccli documents are written.
pub(super) const DOCS: Dialect = Dialect {
    layout: Layout::Paragraphs,
    no_description: "No description in the vendor metadata.",
};

/// The whole file.
#[derive(Debug, Deserialize)]
pub(super) struct ApiFile {
    /// Actions by their wire name.
    pub actions: BTreeMap<String, RawAction>,
    /// Request, response and shared structures, by name.
    pub objects: BTreeMap<String, RawObject>,
    /// Product and version.
    pub metadata: Metadata,
}

/// `metadata`.
#[derive(Debug, Deserialize)]
pub(super) struct Metadata {
    /// API version, e.g. `2019-12-05`.
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    /// Product short name as used in hosts and signatures, e.g. `ssl`.
    #[serde(rename = "serviceShortName")]
    pub short_name: String,
    /// Product name (Chinese even in the international package).
    #[serde(rename = "serviceNameCN", default)]
    pub name_cn: Option<String>,
    /// One-paragraph product summary (CN package only).
    #[serde(default)]
    pub api_brief: Option<String>,
}

/// `actions[<Name>]`.
#[derive(Debug, Deserialize)]
pub(super) struct RawAction {
    /// A human-readable title, not the wire name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description, with HTML and Markdown.
    #[serde(default)]
    pub document: Option<String>,
    /// Name of the request object.
    pub input: String,
    /// Name of the response object.
    pub output: String,
    /// `online`, `deprecated` or `offline`; absent means online.
    #[serde(default)]
    pub status: Option<String>,
}

/// `objects[<Name>]`; both parts may be absent.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawObject {
    /// Description.
    pub document: Option<String>,
    /// Members in wire order.
    pub members: Vec<RawMember>,
}

/// One member of an object.
#[derive(Debug, Deserialize)]
pub(super) struct RawMember {
    /// Wire name.
    pub name: String,
    /// Container kind: `string`, `int`, `float`, `bool`, `binary`, `object`, `list`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Scalar type or object name.
    pub member: String,
    /// Description.
    #[serde(default)]
    pub document: Option<String>,
    /// Example, a JSON string even for numbers and lists.
    #[serde(default)]
    pub example: Option<Value>,
    /// The vendor deprecated the member.
    #[serde(default, deserialize_with = "flag")]
    pub disabled: Option<bool>,
    /// Inputs: must be sent.
    #[serde(default, deserialize_with = "flag")]
    pub required: Option<bool>,
    /// Outputs: always returned.
    #[serde(default, deserialize_with = "flag")]
    pub output_required: Option<bool>,
    /// Outputs: may be `null`.
    #[serde(default, deserialize_with = "flag")]
    pub value_allowed_null: Option<bool>,
    /// The description in the other language's metadata, once merged.
    #[serde(skip)]
    pub other_document: Option<String>,
}

/// A boolean flag; some files write `1`/`0` instead of `true`/`false`.
fn flag<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::Number(n)) if n.as_u64() == Some(0) => Ok(Some(false)),
        Some(Value::Number(n)) if n.as_u64() == Some(1) => Ok(Some(true)),
        Some(other) => Err(serde::de::Error::custom(format_args!(
            "invalid value: {other}, expected a boolean (or 0 or 1)"
        ))),
    }
}

/// Parses `input`, naming the JSON path of the first problem.
pub(super) fn parse(file_name: &str, input: &str) -> Result<ApiFile, ImportError> {
    let mut deserializer = serde_json::Deserializer::from_str(input);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let json_path = if path == "." {
            "$".into()
        } else {
            format!("$.{path}")
        };
        ImportError::format(
            file_name,
            &json_path,
            expectation(&e.into_inner().to_string()),
        )
    })
}

/// Rephrases serde's message as what was expected, to fit `ImportError::Format`.
fn expectation(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field ") {
        let rest = rest.split(" at line").next().unwrap_or(rest);
        return format!("key {rest}");
    }
    match message.split_once(", expected ") {
        Some((found, expected)) => {
            let expected = expected.split(" at line").next().unwrap_or(expected);
            format!("{expected} ({found})")
        }
        None => format!("a tccli api.json file ({message})"),
    }
}
