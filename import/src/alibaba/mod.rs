//! Alibaba Cloud: an OpenAPI metadata file (`api-docs.json`) of an RPC-style
//! product → `alibaba/<product>/{service.json, actions/*.json, types/*.json}`.
//!
//! Decisions where the vendor format and ours differ (each skipped or
//! adapted item is reported as [`Unmapped`](crate::Unmapped)):
//!
//! - Only `info.style: "RPC"` maps to our `acs3-hmac-sha256-rpc` protocol;
//!   any other style (ROA, …) is refused as a whole ([`ImportError::Format`](crate::ImportError::Format)),
//!   since no action of it could be sent. The product folder is `info.product`
//!   lowercased, `-` and `.` becoming `_`.
//! - Parameters `in: query` map directly; `in: formData` too (one note per import): RPC
//!   gateways read form and query parameters alike, and our client signs them
//!   into the query string. Path, body and header parameters are left out, and
//!   a required one (or any required parameter that cannot be mapped) skips
//!   the action, since no call could succeed without it.
//! - Types: `string` → `string`; `integer` (`int32`, `int64`, none) → `int64`;
//!   `number` → `float`; `boolean` → `boolean`; arrays (`repeatList`, `flat`
//!   or no style) → `{"array": …}`; objects → shapes (see `types`); `json`
//!   style arrays and objects keep their type with `encoding: json` (sent
//!   as one parameter holding their JSON text, as the vendor's SDKs do);
//!   `simple` style ones travel as one comma-separated text parameter, so
//!   they become `string` with a note in the description. `any`, and an
//!   object without documented `properties` (free-form, or a map of
//!   `additionalProperties`), become `json`, any JSON value, its example
//!   as the vendor writes it; arrays of arrays have no form and are left out.
//! - Requiredness: inputs from `required`; outputs and the members of shapes
//!   that responses contain are never required (responses leave fields out,
//!   and a missing required field would fail the whole response). Response
//!   `RequestId` is dropped (the generator adds it).
//! - Value sets: see `enums`; limits: `maxItems`/`minItems`,
//!   `maxLength`/`minLength`, integer `maximum`/`minimum` (`pattern` is reported).
//! - Errors: see `errors`. Idempotent only when every operation type given
//!   reads (`action::READ_OPERATIONS`). `deprecated` is kept.
//! - `sensitive` is not in the format: set on strings named or described as
//!   private keys, passwords or secrets.
//! - Properties come out in alphabetical order: that is how `serde_json`
//!   (without `preserve_order`) reads objects.
//! - Names: see `names`. Service title and description are placeholders to edit.

mod action;
mod convert;
mod emit;
mod endpoints;
mod english;
mod enums;
mod errors;
mod fields;
mod ir;
mod names;
mod product;
mod source;
mod types;
mod values;

pub use convert::plan;
pub use product::{EnglishRequests, Sources, plan_product};
