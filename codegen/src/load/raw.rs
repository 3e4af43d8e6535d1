//! The spec format exactly as it is written on disk.
//!
//! These structs are the single source of truth for the format: the loader
//! deserializes into them, `cargo xtask gen` derives `spec/schema/*.json`
//! from them (via `schemars`), so editors and the loader never disagree, and
//! tools that write spec files serialize them ([`to_spec_text`]).
//! Doc comments here become the descriptions editors show while typing.
//!
//! Fields are declared in the order a person writes them (`name`, `type`,
//! `required`, `description`, …): serialized files keep that order, and
//! leave out what is absent, false or empty, so they read like hand-written ones.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::type_expr::TypeExpr;

/// `spec/<vendor>/vendor.json`: what all products of one cloud vendor share.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorFile {
    /// Relative path of `spec/schema/vendor.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Module name of the vendor in the generated crate, e.g. `tencent`; must equal the folder name.
    pub name: String,
    /// Human-readable vendor name, e.g. `Tencent Cloud`.
    pub title: String,
    /// What this vendor is; becomes the module documentation.
    pub description: String,
    /// Error codes that every action of this vendor can return (authentication, throttling...).
    pub common_errors: Vec<ErrorCodeSpec>,
    /// How the vendor names its hosts, for every product: the domain a
    /// caller's custom domain suffix replaces, and the host of a product in
    /// a region the caller names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_rule: Option<EndpointRuleSpec>,
    /// The protocol of the vendor's products, for calling the actions the
    /// spec does not describe: with it, the vendor module has a
    /// `CommonClient` that calls any product, version and action by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_protocol: Option<Protocol>,
}

/// The vendor's rule for host names.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointRuleSpec {
    /// The domain every host of the vendor ends with, e.g. `tencentcloudapi.com`;
    /// a caller's custom domain suffix replaces it.
    pub domain: String,
    /// The host of a product in a region, with `{product}`, `{region}` and
    /// `{domain}`, e.g. `{product}.{region}.{domain}`; without it, a
    /// product's regional hosts are only those its `endpoints` list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional: Option<String>,
}

/// `spec/<vendor>/<product>/service.json`: one product at one API version.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceFile {
    /// Relative path of `spec/schema/service.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The vendor folder this product belongs to, e.g. `tencent`.
    pub vendor: String,
    /// The product's short name as used in hosts and signatures, e.g. `ssl`; must equal the folder name.
    pub product: String,
    /// Human-readable product name, e.g. `SSL Certificates`.
    pub title: String,
    /// What the product does; becomes the module documentation.
    pub description: String,
    /// The API version sent with every request, e.g. `2019-12-05`.
    pub version: String,
    /// How requests are encoded and signed.
    pub protocol: Protocol,
    /// Hosts that serve this product; exactly one has `kind: default`.
    pub endpoints: Vec<EndpointSpec>,
    /// Error codes the vendor publishes for the product as a whole: every
    /// action of the product can return them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorCodeSpec>,
    /// The vendor metadata this product was imported from, with versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceSpec>,
    /// Whether the product's resources live in regions (default `true`):
    /// requests then carry the configured region (Tencent `X-TC-Region`),
    /// and a region selects a regional host. `false` for global products
    /// such as Tencent `ssl`, which ignore the region.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub regional: bool,
}

/// One piece of vendor metadata a product was imported from.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// The package or document, e.g. `tccli` (PyPI) or `cas 2020-04-07 api-docs`.
    pub name: String,
    /// Its version, exactly as published (a package version, or a SHA-256 of the file).
    pub version: String,
    /// The file read from it, e.g. `tccli/services/ssl/v20191205/api.json`.
    pub file: String,
    /// What was taken from it: structure, English text, error codes, examples…
    pub used_for: String,
}

/// Wire protocol and signature scheme of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Protocol {
    /// Tencent Cloud API 3.0: JSON body over POST, `TC3-HMAC-SHA256` signature.
    #[serde(rename = "tc3-hmac-sha256")]
    Tc3HmacSha256,
    /// Alibaba Cloud RPC style: parameters in the query string, `ACS3-HMAC-SHA256` signature.
    #[serde(rename = "acs3-hmac-sha256-rpc")]
    Acs3HmacSha256Rpc,
    /// Alibaba Cloud ROA (REST) style: each action has its own method and
    /// path (`http`), members travel in the path, query, headers or a JSON
    /// body (`location`), `ACS3-HMAC-SHA256` signature.
    #[serde(rename = "acs3-hmac-sha256-roa")]
    Acs3HmacSha256Roa,
}

impl Protocol {
    /// Whether each action is bound to its own HTTP method and path, and
    /// each member to a place in the request (REST styles).
    pub fn is_rest(self) -> bool {
        matches!(self, Protocol::Acs3HmacSha256Roa)
    }
}

/// One host serving a product.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointSpec {
    /// Host name without scheme, e.g. `ssl.tencentcloudapi.com`.
    pub host: String,
    /// Role of this host.
    pub kind: EndpointKind,
    /// The region this host serves, for regional endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// Role of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// Used when the caller chooses nothing else.
    Default,
    /// The international site (e.g. `*.intl.tencentcloudapi.com`).
    International,
    /// Serves the region named in `region`.
    Regional,
}

/// `spec/<vendor>/<product>/actions/<Action>.json`: one API action.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionFile {
    /// Relative path of `spec/schema/action.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The action's wire name, e.g. `CreateCertificate`; must equal the file name.
    pub name: String,
    /// One sentence saying what the action does.
    pub summary: String,
    /// Further explanation: preconditions, asynchronous behaviour, follow-up calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the vendor has deprecated the action.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Documented server-side limit in requests per second; the client paces itself to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_second: Option<u32>,
    /// Whether sending the same request twice has the same effect as sending it once.
    /// Non-idempotent actions (purchases) are never retried once they may have reached the server.
    pub idempotent: bool,
    /// Why the action is or is not idempotent, for the documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_note: Option<String>,
    /// Input parameters (common parameters such as Action and Version are implied).
    pub input: Vec<FieldSpec>,
    /// Output fields; `RequestId` is implied and must not be listed.
    pub output: Vec<FieldSpec>,
    /// REST protocols only (and required there): the HTTP method and path
    /// the action is sent to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpSpec>,
    /// Documented error codes of this action.
    pub errors: Vec<ErrorCodeSpec>,
    /// Declares that callers poll this action until a condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiter: Option<WaiterSpec>,
    /// Declares that the action starts an asynchronous task that another
    /// action of the product reports: the client then waits for it with that
    /// action's waiter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskSpec>,
    /// Declares that the action lists items a page at a time; the client then
    /// offers a stream of pages and a stream of items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<PagingSpec>,
    /// The documented request and response examples; tests check that each
    /// request is what the generated types send and each response decodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleSpec>,
}

/// How an action of a REST protocol is sent: its method and path.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HttpSpec {
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path, with each input of `location: path` as `{wireName}`, e.g.
    /// `/2023-03-30/custom-domains/{domainName}`.
    pub path: String,
}

/// An HTTP method of a REST action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
}

impl HttpMethod {
    /// The method as HTTP spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// Where a member of a REST action travels; see [`FieldSpec::location`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// Inputs: a `{name}` segment of the path, percent-encoded.
    Path,
    /// Inputs: a query parameter.
    Query,
    /// An HTTP header named like the member.
    Header,
    /// A member of the JSON object that is the body (the default).
    Body,
    /// The whole body as text, not JSON (a function's invocation payload).
    Payload,
}

/// `spec/<vendor>/<product>/types/<Shape>.json`: a data type shared by actions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShapeFile {
    /// Relative path of `spec/schema/shape.schema.json`, for editors.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The type name, e.g. `Tags`; must equal the file name.
    pub name: String,
    /// Whether this is a structure (`fields`) or a value set (`type` and `values`).
    pub kind: ShapeKind,
    /// What the type represents.
    pub description: String,
    /// Members of an `object` shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldSpec>>,
    /// Wire type of an `enum` shape: `string` or `int64`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub enum_type: Option<TypeExpr>,
    /// Documented values of an `enum` shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<EnumValueSpec>>,
}

/// Kind of a shared shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShapeKind {
    /// A structure with named fields.
    Object,
    /// A documented set of string or integer values.
    Enum,
}

/// A parameter, an output field, or a member of a shared shape.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Wire name exactly as the vendor spells it, e.g. `ProductId` (a `.N` suffix in the docs means `type` is an array).
    pub name: String,
    /// A scalar type name, `{"array": T}` or `{"ref": "Shape"}`.
    #[serde(rename = "type")]
    pub ty: TypeExpr,
    /// Inputs: whether the caller must supply it. Outputs: whether the server always sends it.
    pub required: bool,
    /// What the field means, in this project's own words.
    pub description: String,
    /// Outputs only: the documentation says the field "may return null".
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// The value is a secret (private key, password): redacted in Debug output and logs.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// Inputs only, on an optional `string`: the server deduplicates
    /// requests carrying the same value (Tencent `ClientToken`). When the
    /// caller leaves it unset, the client fills it with a fresh UUID once
    /// per call, so a retried purchase is executed once; the action is then
    /// retried like an idempotent one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub idempotency_token: bool,
    /// Whether the vendor has deprecated the field.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// The vendor no longer documents the field, yet its SDKs still send and
    /// read it (Tencent's `disabled`): generated like any other field, but
    /// left out of the documentation index (`#[doc(hidden)]` on the field and
    /// its setter; an argument of `new` stays documented, as every caller
    /// passes it). A flag of its own, not a meaning of `deprecated`: vendors
    /// deprecate fields they still document, and those stay in the index.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hidden: bool,
    /// Inputs of a list or structure only: how the value travels when not
    /// as the protocol's usual nested form. `json`: as one parameter holding
    /// its JSON text (Alibaba's `style: json`), e.g. `HealthTasks=[{"Port":80}]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// Members of a REST action's input or output only: where the member
    /// travels. Absent means `body`, a member of the JSON body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// An example value from the documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// The value the server assumes when the field is left out, for the documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// The documented value set; the field's (element) type becomes a generated enum.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "enum")]
    pub value_set: Option<ValueSetSpec>,
    /// Documented limits, checked on the client before sending.
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

/// How a structured input travels; see [`FieldSpec::encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// One parameter holding the value's JSON text.
    Json,
}

/// A value set declared on a field; becomes an enum named `name`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueSetSpec {
    /// Name of the generated enum, e.g. `VerifyType`.
    pub name: String,
    /// What the set represents; defaults to the field's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The documented values.
    pub values: Vec<EnumValueSpec>,
}

/// One documented value of a value set.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValueSpec {
    /// The wire value: a string for `string` sets, an integer for `int64` sets.
    pub value: Value,
    /// Rust variant name (PascalCase); required for integer values, derived from string values otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the value means.
    pub description: String,
}

/// Documented limits of a field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Minimum length of a string, in characters. `0` on a required field
    /// says that empty is a value the server takes (a required text is
    /// otherwise checked not to be empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Maximum length of a string, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Minimum number of array elements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Maximum number of array elements (e.g. "Valid values of N: 1 to 20").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// Smallest allowed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// Largest allowed number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// Prefixes a string must not start with (e.g. `acs:`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_prefixes: Vec<String>,
    /// Substrings a string must not contain (e.g. `http://`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden_substrings: Vec<String>,
}

impl Constraints {
    /// Whether no limit is set (then a spec file leaves `constraints` out).
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// One error code and what it means.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCodeSpec {
    /// The code exactly as the server sends it, e.g. `FailedOperation.CertificateNotFound`.
    pub code: String,
    /// What the code means.
    pub description: String,
    /// The HTTP status the vendor answers this code with, where documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
}

/// An asynchronous task an action starts, and the action that reports it (a
/// CLB listener change, reported by `DescribeTaskStatus` under the change's
/// `RequestId`). The generated `<action>_until_<state>` takes the action's
/// answer and runs the reporting action's waiter (`<state>` is that
/// waiter's name).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    /// The action of the same product that reports the task; it has a waiter.
    pub reported_by: String,
    /// How its request is made from this action's answer: every required
    /// input of `reported_by` is set here.
    pub input: Vec<TaskInputSpec>,
}

/// One input of the reporting action, taken from the starting action's answer.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInputSpec {
    /// Wire name of an input of the reporting action that takes the task's
    /// ID: a text (`TaskId`), a list of texts (ALB's `JobIds`: the list holds
    /// the one ID), or, with `filter`, a list of filters.
    pub name: String,
    /// Wire name of a text output of this action, or `RequestId`. When the
    /// answer may lack it, waiting on such an answer is refused before
    /// anything is sent.
    pub from: String,
    /// The filter that selects the task, when `name` is a list of filters
    /// (structures with a text `Name` and a list of texts `Values`, as
    /// EdgeOne's `Filters`): `job-id` sends `[{"Name": "job-id", "Values": [ID]}]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

/// Polling: call the action again until an output field satisfies a condition.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaiterSpec {
    /// PascalCase name; the generated method is `<action>_until_<name>`.
    pub name: String,
    /// What reaching the condition means.
    pub description: String,
    /// The condition that ends polling.
    pub until: ConditionSpec,
    /// Values of the polled field from which the condition can no longer
    /// hold (a failed review, a cancelled order): polling stops with an error.
    /// On a member of a list's items, any item with such a value stops it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fail_on: Vec<WaitValue>,
    /// Delay before the second call, in milliseconds; doubles up to `max_delay_ms`.
    pub initial_delay_ms: u64,
    /// Largest delay between calls, in milliseconds.
    pub max_delay_ms: u64,
    /// Default deadline for the whole wait, in seconds.
    pub timeout_secs: u64,
}

/// A condition on one output field, or on a member of every item of a list.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// Wire name of an integer or text output field; or `List.Member`, a
    /// member of the items of a list output (the tasks of one purge,
    /// `PurgeLogs.Status`): then satisfied when the list has items and
    /// every item's member satisfies it.
    pub field: String,
    /// Satisfied when the (integer) field is greater than this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greater_than: Option<i64>,
    /// Satisfied when the field equals this value: an integer, or a text
    /// for a text field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<WaitValue>,
}

/// A value a waiter compares a field with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum WaitValue {
    /// For integer fields and sets of integer values.
    Integer(i64),
    /// For text fields and sets of text values (`"done"`, `"Complete"`).
    Text(String),
}

impl std::fmt::Display for WaitValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitValue::Integer(n) => write!(f, "{n}"),
            WaitValue::Text(text) => write!(f, "`{text}`"),
        }
    }
}

/// How a listing action pages: the input that chooses a page (exactly one
/// of `offset`, `page` and `token`), and the outputs that hold its items and
/// say when the listing ends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PagingSpec {
    /// Integer input: how many items to skip (e.g. `Offset`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// Integer input: the page number, counted from 1 (e.g. `CurrentPage`, `PageNumber`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Text input: the token of the page to read, from the previous page's `next_token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Integer input: how many items a page holds (e.g. `Limit`, `ShowSize`, `MaxResults`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<String>,
    /// Array output: the items of one page.
    pub items: String,
    /// Integer output: how many items the whole listing holds (e.g. `TotalCount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// Text output, with `token`: the next page's token, missing or empty on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// A documented example exchange.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// What the example shows.
    pub title: String,
    /// Request parameters as sent on the wire; absent where the vendor
    /// documents only the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    /// The response body (for Tencent, the object inside `Response`).
    pub response: Value,
}

/// The text of a spec file: pretty JSON with a final newline, keys in the
/// order of the struct fields above.
pub fn to_spec_text<T: Serialize + ?Sized>(file: &T) -> String {
    // The spec structs have string keys only, so serializing cannot fail.
    let mut text = serde_json::to_string_pretty(file).unwrap_or_default();
    text.push('\n');
    text
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

fn is_true(flag: &bool) -> bool {
    *flag
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    use super::*;
    use crate::load::{Loaded, load_tree};

    /// Each file of the spec tree at `root`: as written, and as parsed then serialized again.
    fn round_trips(root: &Path) -> Vec<(PathBuf, Value, Value)> {
        fn again<T: Serialize>(root: &Path, loaded: &Loaded<T>) -> (PathBuf, Value, Value) {
            let text = std::fs::read_to_string(root.join(&loaded.file)).unwrap();
            let written = serde_json::from_str(&text).unwrap();
            let serialized = serde_json::to_value(&loaded.value).unwrap();
            (loaded.file.clone(), written, serialized)
        }
        let tree = load_tree(root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
        let mut files = Vec::new();
        for vendor in &tree.vendors {
            files.push(again(root, &vendor.vendor));
            for product in &vendor.products {
                // What an overlay changed (or added) is not on disk as loaded.
                let as_written = |file: &Path| {
                    !product.overlays.contains_key(file)
                        && !file.starts_with(product.dir.join("overlay"))
                };
                if as_written(&product.service.file) {
                    files.push(again(root, &product.service));
                }
                files.extend(
                    product
                        .actions
                        .iter()
                        .filter(|a| as_written(&a.file))
                        .map(|a| again(root, a)),
                );
                files.extend(
                    product
                        .shapes
                        .iter()
                        .filter(|s| as_written(&s.file))
                        .map(|s| again(root, s)),
                );
            }
        }
        files
    }

    #[test]
    fn spec_files_serialize_back_to_what_was_written() {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for root in ["spec", "tests/clash/spec"] {
            let files = round_trips(&workspace.join(root));
            assert!(files.len() > 3, "{root}: {} files", files.len());
            for (file, written, serialized) in files {
                assert_eq!(serialized, written, "{root}/{}", file.display());
            }
        }
    }

    #[test]
    fn files_are_written_in_field_order_without_defaults() {
        let field: FieldSpec = serde_json::from_str(
            r#"{"constraints": {}, "description": "d", "required": true, "type": "int64",
                "name": "N", "nullable": false, "example": 3}"#,
        )
        .unwrap();
        assert_eq!(
            to_spec_text(&field),
            "{\n  \"name\": \"N\",\n  \"type\": \"int64\",\n  \"required\": true,\n  \"description\": \"d\",\n  \"example\": 3\n}\n"
        );
    }

    /// Keys at the first level of indentation, in the order written.
    fn keys(text: &str) -> Vec<String> {
        text.lines()
            .filter(|line| line.starts_with("  \"") && !line.starts_with("   "))
            .filter_map(|line| line.trim().split('"').nth(1).map(str::to_string))
            .collect()
    }

    #[test]
    fn actions_and_shapes_are_written_in_the_order_a_person_writes_them() {
        let action: ActionFile = serde_json::from_str(
            r#"{"waiter": {"name": "Done", "description": "d", "until": {"field": "S", "equals": 1},
                "initial_delay_ms": 1, "max_delay_ms": 2, "timeout_secs": 3},
                "output": [], "name": "A", "input": [], "errors": [], "$schema": "s",
                "summary": "s", "description": "d", "idempotent": true, "deprecated": true,
                "examples": [{"title": "t", "request": {}, "response": {}}]}"#,
        )
        .unwrap();
        assert_eq!(
            keys(&to_spec_text(&action)),
            [
                "$schema",
                "name",
                "summary",
                "description",
                "deprecated",
                "idempotent",
                "input",
                "output",
                "errors",
                "waiter",
                "examples"
            ]
        );
        let shape: ShapeFile = serde_json::from_str(
            r#"{"values": [], "kind": "enum", "type": "string", "name": "S", "description": "d", "$schema": "s"}"#,
        )
        .unwrap();
        assert_eq!(
            keys(&to_spec_text(&shape)),
            ["$schema", "name", "kind", "description", "type", "values"]
        );
    }

    #[test]
    fn vendor_data_in_examples_is_written_as_it_is() {
        let json =
            r#"{"title": "t", "request": {"b": 1, "a": 2}, "response": {"name": 1, "code": 2}}"#;
        let example: ExampleSpec = serde_json::from_str(json).unwrap();
        let text = to_spec_text(&example);
        assert!(text.find("\"title\"").unwrap() < text.find("\"request\"").unwrap());
        // Keys that look like spec keys are data here: no spec order applies.
        assert!(text.find("\"code\": 2").unwrap() < text.find("\"name\": 1").unwrap());
        let reparsed: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(reparsed, serde_json::from_str::<Value>(json).unwrap());
    }
}
