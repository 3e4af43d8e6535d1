//! What a spec change means for the users of the generated crate.
//!
//! [`compare`] walks the models of two versions of a spec (never the
//! generated text) and classifies every difference by a [`Rule`]. Each rule
//! has a verdict, and the verdict decides the version bump the crate needs:
//!
//! | Verdict | Changes | Version bump |
//! |---|---|---|
//! | breaking | code that compiled and worked against the old crate may stop compiling or behave differently | major (minor while the version is 0.x) |
//! | additive | new API or new behaviour; existing code keeps compiling | minor (patch while 0.x) |
//! | documentation | only text (summaries, descriptions, examples) | patch |
//!
//! Why the lines fall where they do: request, response and shape structs
//! and every enum are `#[non_exhaustive]`, and every enum keeps a fallback
//! variant, so a new output field, value or error code cannot break a
//! `match` or a struct literal. Required inputs are arguments of a
//! request's `new`, so adding one, or making one optional or required,
//! changes that signature. Whether a field is an `Option` is part of its
//! type, so nullability changes are breaking in both directions.

mod compare;
mod render;
mod report;
mod rule;

pub use compare::compare;
pub use report::{Change, Item, Report};
pub use rule::{Bump, Rule, Verdict};
