//! What an import builds before names are final: fields, shapes and value
//! sets refer to each other by index, so names can be chosen once every type
//! of the product is known (a short name only when it is unique product-wide).

use codegen::load::raw::Constraints;
use serde_json::Value;

/// Index into [`Ir::types`].
pub(super) type TypeId = usize;

/// A field type.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ty {
    /// `string`, `int64`, `float` or `boolean`.
    Scalar(&'static str),
    /// `{"array": T}`.
    Array(Box<Ty>),
    /// `{"ref": …}` to an object or enum shape.
    Ref(TypeId),
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

/// A parameter, output field or shape member.
#[derive(Debug, Clone)]
pub(super) struct Field {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub description: String,
    pub example: Option<Value>,
    pub default: Option<Value>,
    pub constraints: Constraints,
    pub deprecated: bool,
    pub sensitive: bool,
    /// An inline value set (action fields only; members use enum shapes).
    pub value_set: Option<TypeId>,
}

/// One documented value of a value set.
#[derive(Debug, Clone)]
pub(super) struct EnumValue {
    pub value: Value,
    /// Set when the value does not become a distinct variant name by itself.
    pub name: Option<String>,
    pub description: String,
}

/// What a type is.
#[derive(Debug, Clone)]
pub(super) enum Def {
    Object(Vec<Field>),
    /// `scalar` is `string` or `int64`.
    Enum {
        scalar: &'static str,
        values: Vec<EnumValue>,
    },
}

/// A shape or value set, named later.
#[derive(Debug, Clone)]
pub(super) struct TypeDef {
    /// The name wanted, PascalCase.
    pub base: String,
    /// For value sets: the longer name used when `base` is not unique in the product.
    pub qualified: Option<String>,
    /// Named in `components.schemas`: its name is the vendor's, so it is chosen first.
    pub from_ref: bool,
    /// An inline value set of an action field: a type name, but no file.
    pub inline: bool,
    pub description: String,
    pub def: Def,
}

/// Which list a field belongs to: decides naming and requiredness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Input,
    Output,
    /// A member of an object shape.
    Member,
}
