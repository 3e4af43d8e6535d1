//! Vendor metadata → typed spec files, validated in memory before anything
//! is written: the importers that feed `spec/`.
//!
//! Writing a spec file per action by hand does not scale, so each vendor
//! module turns its published metadata into an [`ImportPlan`]: the spec files
//! of one product, built as the same typed structs the generator's loader
//! reads (`codegen::load::raw`), and what could not be mapped.
//! [`write_plan`] then loads the spec tree as it would be after the import,
//! runs the generator's validate stage on it, and writes nothing unless that
//! passes; it never overwrites a file that differs from what the import
//! produces (it may be hand-edited) unless forced.
//!
//! - [`tencent`]: the `api.json` files of the `tccli` package.
//! - [`alibaba`]: the `api-docs.json` metadata of an RPC-style product.
//!
//! This crate sits beside the generator, on top of its spec types;
//! `cargo xtask import` runs it, `cargo xtask gen` then turns the spec files
//! into code.

pub mod alibaba;
mod changes;
mod detected;
mod draft;
mod error;
mod examples;
mod names;
mod paging;
mod plan;
mod report;
pub mod tencent;
mod text;
mod write;

pub use error::ImportError;
pub use plan::{Curation, ImportOptions, ImportPlan, Input, SpecFile, Unmapped};
pub use write::{ImportReport, write_plan};
