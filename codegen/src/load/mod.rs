//! Stage 1, load: find the spec files and parse each one into its raw form.
//!
//! The tree layout is fixed, so a file's place says what it is:
//!
//! ```text
//! spec/<vendor>/vendor.json
//! spec/<vendor>/<product>/service.json
//! spec/<vendor>/<product>/actions/<Action>.json
//! spec/<vendor>/<product>/types/<Shape>.json
//! spec/<vendor>/<product>/overlay/{service.json, actions/<Action>.json, types/<Shape>.json}
//! ```
//!
//! The first four are what an importer writes from the vendor's metadata (or
//! a person, for a product without metadata); `overlay/` holds the curation
//! that must survive a re-import, merged here over the files of the same
//! name ([`overlay`]), so later stages see one spec.
//!
//! `spec/schema/` holds the generated JSON Schemas and is not read here.
//! Markdown files and dot-files are allowed anywhere; any other file is an error,
//! so that a misnamed spec cannot be silently ignored.

mod discover;
pub(crate) mod files;
mod merge;
pub mod overlay;
mod parse;
pub(crate) mod paths;
pub mod raw;
pub mod schema;
pub(crate) mod tree;
pub mod type_expr;

pub use discover::{load_files, load_tree, load_tree_changed, load_tree_with};
pub use files::{MAX_SPEC_FILE_BYTES, SpecFiles};
pub use parse::parse_file;
pub use tree::{Loaded, Overlaid, ProductSpec, SpecTree, VendorSpec};
