//! The generator: JSON API descriptions in `spec/` → Rust bindings.
//!
//! The pipeline is one function per stage, each in its own module:
//!
//! 1. [`load`]: find and parse the spec files;
//! 2. [`validate`]: check everything the files must satisfy;
//! 3. [`model`]: resolve names and references into plain data;
//! 4. [`emit`]: turn the model into token streams with `quote!`;
//! 5. [`format`](mod@format): pretty-print them with prettyplease;
//! 6. [`write`](mod@write): update only the files that changed (or check them).
//!
//! [`generate`] runs stages 1–5 entirely in memory, so a broken spec never
//! leaves a half-written crate; [`write::write`] runs only on success.
//!
//! Besides the stages there is only what they share: [`error`], the
//! diagnostics that name a spec file, a JSON path and what was expected,
//! [`locate`], which finds a JSON path's line and column in a file's text,
//! and an ordered parallel map. The spec format itself is [`load::raw`]
//! (its JSON Schemas are derived from it, [`load::schema`]); the importers
//! that write spec files from vendor metadata are a crate of their own.
//!
//! Beside the pipeline, [`impact`] compares the models of two versions of a
//! spec and says which changes break the users of the generated crate.

mod build_model;
#[cfg(feature = "emit")]
pub mod emit;
pub mod error;
#[cfg(feature = "emit")]
pub mod format;
pub mod impact;
pub mod load;
pub mod locate;
pub mod model;
mod parallel;
#[cfg(feature = "emit")]
mod pipeline;
pub mod validate;
#[cfg(feature = "emit")]
pub mod write;

pub use build_model::build_model;
#[cfg(feature = "emit")]
pub use emit::EmitOptions;
pub use error::{Diagnostics, SpecError};
#[cfg(feature = "emit")]
pub use pipeline::{GenerateError, Generated, generate, generate_loaded, generate_tree};
