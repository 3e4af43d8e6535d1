//! The model's definitions: vendors, products, actions, shapes and fields,
//! every name a Rust identifier and every reference resolved.

use std::path::PathBuf;

use crate::load::raw::{Constraints, EndpointKind, HttpSpec, Location, Protocol, WaitValue};
use crate::load::type_expr::Scalar;

/// All vendors of one spec tree.
#[derive(Debug, Clone)]
pub struct Model {
    /// Sorted by module name.
    pub vendors: Vec<VendorDef>,
}

/// A cloud vendor: a top-level module of the generated crate.
#[derive(Debug, Clone)]
pub struct VendorDef {
    /// Module name, e.g. `tencent`.
    pub module: String,
    /// e.g. `Tencent Cloud`.
    pub title: String,
    /// Module documentation.
    pub description: String,
    /// `vendor.json`, relative to the spec root.
    pub spec_file: PathBuf,
    /// Codes every action of the vendor can return.
    pub common_errors: Vec<ErrorCode>,
    /// How hosts are named: the domain, and the regional host template.
    pub endpoint_rule: Option<EndpointRule>,
    /// The protocol of the vendor's `CommonClient`, if it has one.
    pub common_protocol: Option<Protocol>,
    /// Sorted by module name.
    pub products: Vec<Product>,
}

/// One product at one API version: a module with a `Client`.
#[derive(Debug, Clone)]
pub struct Product {
    /// Module name of the vendor.
    pub vendor: String,
    /// Product name on the wire (e.g. `ssl`; a keyword's module is `as_`).
    pub name: String,
    /// Module name.
    pub module: String,
    /// e.g. `SSL Certificates`.
    pub title: String,
    /// Module documentation.
    pub description: String,
    /// API version, e.g. `2019-12-05`.
    pub version: String,
    /// Wire protocol and signature.
    pub protocol: Protocol,
    /// Hosts, default first.
    pub endpoints: Vec<Endpoint>,
    /// Codes every action of the product can return, as the vendor publishes them.
    pub errors: Vec<ErrorCode>,
    /// Whether requests carry a region.
    pub regional: bool,
    /// `service.json`, relative to the spec root.
    pub spec_file: PathBuf,
    /// Product folder, relative to the spec root.
    pub spec_dir: PathBuf,
    /// Sorted by wire name.
    pub actions: Vec<Action>,
    /// Shared shapes, sorted by name.
    pub shapes: Vec<Shape>,
}

/// A vendor's rule for host names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointRule {
    /// The domain a custom suffix replaces.
    pub domain: String,
    /// Regional host template.
    pub regional: Option<String>,
}

/// A host serving a product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Host name.
    pub host: String,
    /// Role.
    pub kind: EndpointKind,
    /// Region served, for regional hosts.
    pub region: Option<String>,
}

/// One API action.
#[derive(Debug, Clone)]
pub struct Action {
    /// Wire name, e.g. `CreateCertificate`.
    pub name: String,
    /// Spec file, relative to the spec root.
    pub spec_file: PathBuf,
    /// Module (and file) name.
    pub module: String,
    /// Client method name.
    pub method: String,
    /// Request struct name.
    pub request: String,
    /// Response struct name.
    pub response: String,
    /// Error-code enum name.
    pub error: String,
    /// One sentence.
    pub summary: String,
    /// Further explanation.
    pub description: Option<String>,
    /// Requests per second.
    pub rate_limit_per_second: Option<u32>,
    /// Safe to send twice.
    pub idempotent: bool,
    /// Why (not) idempotent.
    pub idempotency_note: Option<String>,
    /// Parameters, in spec order.
    pub input: Vec<Field>,
    /// Output fields without `RequestId`, in spec order.
    pub output: Vec<Field>,
    /// Documented error codes, in spec order.
    pub errors: Vec<ErrorCode>,
    /// Enums declared inline on this action's fields.
    pub enums: Vec<EnumDef>,
    /// Polling helper.
    pub waiter: Option<Waiter>,
    /// Waiting for the asynchronous task this action starts.
    pub task: Option<TaskWaiter>,
    /// Streams of pages and items, for a listing action.
    pub paging: Option<Paging>,
    /// Deprecated by the vendor.
    pub deprecated: bool,
    /// REST protocols: the method and path template.
    pub http: Option<HttpSpec>,
}

/// A field of a request, response or shape.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub wire_name: String,
    /// Rust field (and setter) name.
    pub ident: String,
    /// Rust type, before `Option`.
    pub ty: Ty,
    /// Inputs: must be supplied. Outputs: always sent.
    pub required: bool,
    /// Outputs: may be null.
    pub nullable: bool,
    /// Secret: redacted in Debug.
    pub sensitive: bool,
    /// Filled with a fresh UUID when left unset.
    pub idempotency_token: bool,
    /// Documentation.
    pub description: String,
    /// Example value, as JSON text.
    pub example: Option<String>,
    /// Server-side default, as JSON text.
    pub default: Option<String>,
    /// Client-side checks.
    pub constraints: Constraints,
    /// Deprecated by the vendor.
    pub deprecated: bool,
    /// Left out of the documentation index.
    pub hidden: bool,
    /// Sent as one parameter holding its JSON text.
    pub json_text: bool,
    /// REST protocols: where the member travels (`None`: the JSON body).
    pub location: Option<Location>,
}

impl Field {
    /// Whether the Rust field is wrapped in `Option`.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// A resolved field type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A scalar.
    Scalar(Scalar),
    /// Any JSON value (`serde_json::Value`).
    Json,
    /// Zero or more values.
    Array(Box<Ty>),
    /// A shared object shape, by Rust name.
    Object(String),
    /// A generated enum, by Rust name; `shared` if it lives in `types`.
    Enum {
        /// Rust name.
        ident: String,
        /// Integer or string wire form.
        repr: EnumRepr,
        /// Declared in `types/` rather than inline on an action field.
        shared: bool,
    },
}

impl Ty {
    /// The innermost non-array type.
    pub fn element(&self) -> &Ty {
        match self {
            Ty::Array(inner) => inner.element(),
            other => other,
        }
    }
}

/// How an enum travels on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
}

/// A generated enum with a fallback variant for undocumented values.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// Rust name.
    pub ident: String,
    /// Documentation.
    pub description: String,
    /// Wire form.
    pub repr: EnumRepr,
    /// Documented values, in spec order.
    pub variants: Vec<Variant>,
}

/// One documented enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust name.
    pub ident: String,
    /// Wire value.
    pub value: EnumValue,
    /// Documentation.
    pub description: String,
}

/// A wire value of an enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    /// For string enums.
    String(String),
    /// For integer enums.
    Integer(i64),
}

/// A shared shape of a product.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Spec file, relative to the spec root.
    pub spec_file: PathBuf,
    /// What it is.
    pub def: ShapeDef,
    /// Reached from some action's input.
    pub in_input: bool,
    /// Reached from some action's output.
    pub in_output: bool,
}

impl Shape {
    /// Rust name of the shape.
    pub fn ident(&self) -> &str {
        match &self.def {
            ShapeDef::Object(object) => &object.ident,
            ShapeDef::Enum(def) => &def.ident,
        }
    }
}

/// Object or enum.
#[derive(Debug, Clone)]
pub enum ShapeDef {
    /// A struct.
    Object(ObjectShape),
    /// A value set.
    Enum(EnumDef),
}

/// A struct shape.
#[derive(Debug, Clone)]
pub struct ObjectShape {
    /// Rust name.
    pub ident: String,
    /// Wire name (the spec's `name`).
    pub name: String,
    /// Documentation.
    pub description: String,
    /// Members, in spec order.
    pub fields: Vec<Field>,
}

/// An error code with its variant name.
#[derive(Debug, Clone)]
pub struct ErrorCode {
    /// The code on the wire.
    pub code: String,
    /// Rust variant name.
    pub variant: String,
    /// Whether `code` is a template (`Invalid%s.ValueNotSupported`): its
    /// variant holds the code the server sent.
    pub template: bool,
    /// Meaning.
    pub description: String,
    /// Documented HTTP status.
    pub http_status: Option<u16>,
}

/// Repeat an action until an output field satisfies a condition.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// Method name, `<action>_until_<name>`.
    pub method: String,
    /// `<name>` in snake case: the awaited state.
    pub state: String,
    /// What reaching the condition means.
    pub description: String,
    /// The polled field as the spec names it: `Status`, or `List.Member`
    /// for a member of every item of a list output.
    pub field_wire_name: String,
    /// The list output whose items are polled, for `List.Member`.
    pub list: Option<WaitList>,
    /// Rust name of the polled field (the member, for a list).
    pub field: String,
    /// Whether that field is an `Option`.
    pub field_optional: bool,
    /// Whether that field is a value set, compared by its wire value.
    pub field_enum: bool,
    /// Whether that field holds text (else integers).
    pub field_text: bool,
    /// Values of the field that end the wait with an error.
    pub fail_on: Vec<WaitValue>,
    /// The condition.
    pub condition: Condition,
    /// Delay before the second call.
    pub initial_delay_ms: u64,
    /// Largest delay.
    pub max_delay_ms: u64,
    /// Default deadline.
    pub timeout_secs: u64,
}

/// Wait for the asynchronous task an action started, with the waiter of the
/// action that reports it: `<action>_until_<state>(&answer, options)`.
#[derive(Debug, Clone)]
pub struct TaskWaiter {
    /// Method name, `<action>_until_<state>`, `<state>` the reporting waiter's name.
    pub method: String,
    /// Wire name of the reporting action.
    pub reported_by: String,
    /// Its module and client method.
    pub reporter_module: String,
    pub reporter_method: String,
    /// Its waiter: method name and what reaching the state means.
    pub reporter_waiter: Waiter,
    /// Its request, response and error types.
    pub request: String,
    pub response: String,
    pub error: String,
    /// The inputs of its request, set from this action's answer: required
    /// ones in the order of its `new`, then optional ones.
    pub inputs: Vec<TaskInput>,
}

/// One input of a reporting action's request, from the starting action's answer.
#[derive(Debug, Clone)]
pub struct TaskInput {
    /// Wire and Rust names of the input.
    pub wire_name: String,
    pub ident: String,
    /// Whether `new` takes it (else a setter sets it).
    pub required: bool,
    /// Wire and Rust names of the answer's field (`RequestId`, `request_id`).
    pub from_wire_name: String,
    pub from: String,
    /// Whether the answer may lack that field (`Option` in the answer).
    pub from_optional: bool,
    /// How the input carries the ID.
    pub carrier: TaskCarrier,
}

/// How a reporting action's input carries the one task ID it is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskCarrier {
    /// The input is a text: the ID itself.
    Text,
    /// A list of texts holding the ID.
    List,
    /// A list of filters holding one filter `name` whose values are the ID;
    /// `shape` is the filter structure's Rust name.
    Filter { shape: String, name: String },
}

/// How a listing action pages: what its two streams set and read.
#[derive(Debug, Clone)]
pub struct Paging {
    /// The stream of pages, `<action>_pages`.
    pub pages_method: String,
    /// The stream of items, `<action>_items`.
    pub items_method: String,
    /// The input that chooses a page.
    pub cursor: PageCursor,
    /// The input that sets how many items a page holds.
    pub page_size: Option<Field>,
    /// The output list holding a page's items, and the structure of the
    /// answer it sits in, if any.
    pub items: Reached,
    /// The output that says how many items there are in all.
    pub total: Option<Reached>,
}

/// An output of an action, or a member of one structure of its answer.
#[derive(Debug, Clone)]
pub struct Reached {
    /// The structure of the answer holding `field`, if it is not an output itself.
    pub within: Option<Field>,
    /// The field.
    pub field: Field,
}

impl Reached {
    /// The wire path, `Outer.Member` or `Output`.
    pub fn path(&self) -> String {
        match &self.within {
            Some(within) => format!("{}.{}", within.wire_name, self.field.wire_name),
            None => self.field.wire_name.clone(),
        }
    }
}

/// The input that chooses a page, by paging style.
#[derive(Debug, Clone)]
pub enum PageCursor {
    /// Skip this many items.
    Offset(Field),
    /// Read this page, counted from 1.
    Page(Field),
    /// Send back the token the previous page's `next` output held.
    Token {
        /// The input.
        token: Box<Field>,
        /// The output.
        next: Box<Field>,
    },
}

/// The list output a waiter polls the items of.
#[derive(Debug, Clone)]
pub struct WaitList {
    /// Wire and Rust names.
    pub wire_name: String,
    pub ident: String,
    /// Whether the list is an `Option`.
    pub optional: bool,
}

/// A condition on an integer or text field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `field > n`.
    GreaterThan(i64),
    /// `field == value`.
    Equals(WaitValue),
}

impl Model {
    /// Whether some field holds any JSON value: the generated crate then
    /// depends on `serde_json`, and re-exports it.
    pub fn uses_json(&self) -> bool {
        let products = self.vendors.iter().flat_map(|v| &v.products);
        let mut fields = products.flat_map(|p| {
            let actions = p
                .actions
                .iter()
                .flat_map(|a| a.input.iter().chain(&a.output));
            let shapes = p.shapes.iter().flat_map(|s| match &s.def {
                ShapeDef::Object(object) => object.fields.as_slice(),
                ShapeDef::Enum(_) => &[],
            });
            actions.chain(shapes)
        });
        fields.any(|f| *f.ty.element() == Ty::Json)
    }

    /// Number of (products, actions, shapes).
    pub fn counts(&self) -> (usize, usize, usize) {
        let products = self.vendors.iter().flat_map(|v| &v.products);
        products.fold((0, 0, 0), |(p, a, s), product| {
            (p + 1, a + product.actions.len(), s + product.shapes.len())
        })
    }
}
