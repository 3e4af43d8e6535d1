//! Stages 2 and 3 in one call, for the generator and for the tools that
//! compare or serve specs without emitting code.

use crate::error::Diagnostics;
use crate::load::SpecTree;
use crate::model::{self, Model};
use crate::validate;

/// Runs validate → model on a loaded tree: the plain data that emit turns
/// into code, and that [`impact`](crate::impact) compares between two versions of a spec.
pub fn build_model(tree: &SpecTree) -> Result<Model, Diagnostics> {
    validate::validate(tree).map_err(|d| d.with_overlays_noted(tree))?;
    model::build(tree).map_err(|d| d.with_overlays_noted(tree))
}
