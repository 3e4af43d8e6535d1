//! Overlays: hand curation that survives re-importing the vendor's metadata.
//!
//! An importer owns `service.json`, `actions/` and `types/` of a product and
//! may rewrite them whenever the vendor publishes a new release. What a
//! person decides (English wording, names of value sets, idempotency,
//! sensitivity, limits, waiters, documented error codes, examples) lives in
//! `overlay/` beside them, which no tool writes:
//!
//! ```text
//! spec/<vendor>/<product>/overlay/service.json
//! spec/<vendor>/<product>/overlay/actions/<Action>.json
//! spec/<vendor>/<product>/overlay/types/<Shape>.json
//! ```
//!
//! The loader merges each overlay over the file of the same name, so every
//! later stage sees one spec. An overlay only refines what the vendor
//! publishes: a field, a value or a file it names must exist in the base,
//! otherwise the overlay is out of date (the vendor removed or renamed it)
//! and loading fails, naming both files.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::raw::{
    Constraints, EndpointSpec, EnumValueSpec, ErrorCodeSpec, ExampleSpec, PagingSpec, ShapeKind,
    TaskSpec, ValueSetSpec, WaiterSpec,
};
use super::type_expr::TypeExpr;

/// `overlay/service.json`: curation of a product's `service.json`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceOverlay {
    /// Relative path of `spec/schema/service-overlay.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Why these decisions were made, and where their facts come from; for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Replaces the product's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Replaces the product's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Replaces the product's hosts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoints: Option<Vec<EndpointSpec>>,
    /// Says whether the product's resources live in regions (the importers
    /// cannot tell; a global product such as Tencent `ssl` is `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional: Option<bool>,
    /// Product-wide error codes: a code the base lists gets this description;
    /// a new code is added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCodeSpec>,
    /// Names for the types the importer creates (value sets it finds in
    /// descriptions), by the name it would give them: the importer uses them,
    /// and sets given one name become one type. Each must name a type in `types/`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub type_names: BTreeMap<String, String>,
}

/// `overlay/actions/<Action>.json`: curation of one action.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionOverlay {
    /// Relative path of `spec/schema/action-overlay.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The action's wire name; must equal the file name and an action of the base.
    pub name: String,
    /// Why these decisions were made, and where their facts come from; for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Replaces the one-sentence summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Replaces the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Replaces whether the vendor deprecated the action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    /// Sets the documented rate limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_second: Option<u32>,
    /// Replaces the idempotency decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotent: Option<bool>,
    /// Replaces why the action is or is not idempotent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_note: Option<String>,
    /// Curation of parameters, by wire name; each must be a parameter of the base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input: Vec<FieldOverlay>,
    /// Curation of output fields, by wire name; each must be an output of the base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output: Vec<FieldOverlay>,
    /// The action's documented error codes. A code the base lists gets the
    /// overlay's description; a new code is added; a code without a
    /// description takes the one the product or vendor publishes for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorOverlay>,
    /// Sets the waiter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiter: Option<WaiterSpec>,
    /// Sets the asynchronous task the action starts and the action that reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskSpec>,
    /// Sets how the action pages: the importer only proposes paging, in
    /// its report; a maintainer confirms it here, or records with `null`
    /// that the action does not page the way streams need.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub paging: Option<Option<PagingSpec>>,
    /// Replaces the examples.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Vec<ExampleSpec>>,
}

impl ServiceOverlay {
    /// An overlay that changes nothing yet, for tools that add to it.
    pub fn new() -> Self {
        ServiceOverlay {
            schema: "../../../schema/service-overlay.schema.json".into(),
            note: None,
            title: None,
            description: None,
            endpoints: None,
            regional: None,
            errors: Vec::new(),
            type_names: BTreeMap::new(),
        }
    }
}

impl Default for ServiceOverlay {
    fn default() -> Self {
        Self::new()
    }
}

impl ActionOverlay {
    /// An overlay of the action `name` that changes nothing yet, for tools that add to it.
    pub fn new(name: &str) -> Self {
        ActionOverlay {
            schema: "../../../../schema/action-overlay.schema.json".into(),
            name: name.to_string(),
            note: None,
            summary: None,
            description: None,
            deprecated: None,
            rate_limit_per_second: None,
            idempotent: None,
            idempotency_note: None,
            input: Vec::new(),
            output: Vec::new(),
            errors: Vec::new(),
            waiter: None,
            task: None,
            paging: None,
            examples: None,
        }
    }
}

/// `overlay/types/<Shape>.json`: curation of one shared shape, or a value
/// set the vendor lists only in prose the importer cannot read (then `kind`
/// is `enum`, with `type`, `description` and `values`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShapeOverlay {
    /// Relative path of `spec/schema/shape-overlay.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The shape's name; must equal the file name and a shape of the base.
    pub name: String,
    /// Why these decisions were made, and where their facts come from; for reviewers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Replaces the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `enum` for a value set the overlay adds (the base has no such type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ShapeKind>,
    /// Wire type of a value set the overlay adds: `string` or `int64`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub enum_type: Option<TypeExpr>,
    /// Curation of an object shape's members, by wire name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldOverlay>,
    /// Names and descriptions of an enum shape's values, by wire value; each
    /// must be a value of the base (or, for a set the overlay adds, its values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<EnumValueSpec>,
}

/// Curation of one field; what it leaves out stays as the base has it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldOverlay {
    /// Wire name of the field in the base.
    pub name: String,
    /// Replaces the type (where the vendor's metadata is wrong).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub ty: Option<TypeExpr>,
    /// Replaces whether the field is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Replaces the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Replaces whether an output may be null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// Replaces whether the value is a secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    /// Replaces whether the field is deprecated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    /// Replaces whether the field is left out of the documentation index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// Replaces the example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Replaces the server-side default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// The value set: `null` removes one the importer detected; a set names
    /// the enum and its values (each value must be one the base documents,
    /// when the base has a set; values the base adds later keep their
    /// imported names).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        rename = "enum",
        deserialize_with = "present"
    )]
    pub value_set: Option<Option<ValueSetSpec>>,
    /// Replaces the documented limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
}

/// An error code of an action, with or without its own description.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorOverlay {
    /// The code exactly as the server sends it.
    pub code: String,
    /// What the code means; when absent, the product's or vendor's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The HTTP status the vendor answers this code with, where documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}

/// A key that is present is `Some`, even when its value is `null`: tells
/// "remove the value set" (`"enum": null`) from "leave it" (no `enum`).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
