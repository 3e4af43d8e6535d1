//! What an import builds before names are final: fields, shapes and value
//! sets refer to each other by index, so names can be chosen once every type
//! of the product is known (a short name only when it is unique product-wide).
//!
//! Until then a field's `{"ref"}` type and its value set's name hold the
//! index of the type as text ([`type_ref`]): digits alone are never a valid
//! shape name, so a provisional reference cannot pass for a final one.

use codegen::load::raw::EnumValueSpec;
use codegen::load::type_expr::{Scalar, TypeExpr};

use crate::draft::FieldDraft;

/// Index into the builder's types.
pub(super) type TypeId = usize;

/// The provisional name of the type `id`.
pub(super) fn provisional_name(id: TypeId) -> String {
    id.to_string()
}

/// A `{"ref"}` to the type `id`, named later.
pub(super) fn type_ref(id: TypeId) -> TypeExpr {
    TypeExpr::Ref(provisional_name(id))
}

/// The type a provisional name stands for.
pub(super) fn type_id(name: &str) -> Option<TypeId> {
    name.parse().ok()
}

/// What a type is.
#[derive(Debug, Clone)]
pub(super) enum Def {
    Object(Vec<FieldDraft>),
    /// `scalar` is `string` or `int64`.
    Enum {
        scalar: Scalar,
        values: Vec<EnumValueSpec>,
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
    /// A value set several fields of the same name document alike: one
    /// enum shape for all of them, named after the field.
    pub shared: bool,
    pub description: String,
    pub def: Def,
}
