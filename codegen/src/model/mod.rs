//! Stage 3, model: the validated spec as plain data, independent of syntax.
//!
//! Every name here is already a Rust identifier and every reference is
//! resolved, so the emit stage only decides how things look, never what they mean.

mod build;
mod defs;
pub mod naming;

pub use crate::load::raw::{
    Constraints, EndpointKind, HttpMethod, HttpSpec, Location, Protocol, WaitValue,
};
pub use crate::load::type_expr::Scalar;
pub use build::build;
pub use defs::{
    Action, Condition, Endpoint, EndpointRule, EnumDef, EnumRepr, EnumValue, ErrorCode, Field,
    Model, ObjectShape, PageCursor, Paging, Product, Reached, Shape, ShapeDef, TaskCarrier,
    TaskInput, TaskWaiter, Ty, Variant, VendorDef, WaitList, Waiter,
};
