//! Stage 4, emit: model → token streams, one per output file (`quote!`, never
//! string templates), plus the crate's feature list.

mod action;
mod docs;
mod enums;
mod modules;
mod structs;
mod types;
mod validate;

use std::path::PathBuf;

use proc_macro2::TokenStream;

use crate::model::Model;

/// Where the generated code finds the hand-written runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeSource {
    /// `pub mod runtime;`: the runtime lives in `src/runtime/` of the same crate.
    Local,
    /// `pub use <crate>::runtime;`: another crate provides it (test fixtures).
    External(String),
}

/// Choices that differ between the generated crate and test fixtures.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// How headers name the spec root, e.g. `spec`.
    pub spec_label: String,
    /// Where the runtime comes from.
    pub runtime: RuntimeSource,
    /// Gate every product behind a cargo feature `<vendor>-<product>`.
    pub product_features: bool,
    /// Crate documentation; `None` includes the crate's README.md.
    pub crate_doc: Option<String>,
}

/// One file to generate, before formatting.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    /// Path relative to the crate's `src/`, with `/` separators.
    pub path: PathBuf,
    /// The spec file (or folder) it comes from, relative to the spec root.
    pub source: PathBuf,
    /// For action modules: `vendor/product/Action`, the snapshot name.
    pub action: Option<String>,
    /// The code.
    pub tokens: TokenStream,
}

/// Everything the model turns into.
#[derive(Debug, Clone)]
pub struct Emitted {
    /// Source files, in path order.
    pub files: Vec<EmittedFile>,
    /// Cargo features: name → features it enables.
    pub features: Vec<(String, Vec<String>)>,
}

/// Emits every file of the crate.
pub fn emit(model: &Model, options: &EmitOptions) -> Emitted {
    let mut files = Vec::new();
    let mut features = Vec::new();
    let file = |path: String, source: PathBuf, tokens: TokenStream| EmittedFile {
        path: PathBuf::from(path),
        source,
        action: None,
        tokens,
    };
    files.push(file(
        "lib.rs".into(),
        PathBuf::new(),
        modules::crate_root(model, options),
    ));
    for vendor in &model.vendors {
        let v = &vendor.module;
        files.push(file(
            format!("{v}/mod.rs"),
            vendor.spec_file.clone(),
            modules::vendor_module(vendor, options),
        ));
        for product in &vendor.products {
            let p = &product.module;
            features.push((modules::feature_name(vendor, product), Vec::new()));
            files.push(file(
                format!("{v}/{p}/mod.rs"),
                product.spec_dir.clone(),
                modules::product_module(vendor, product),
            ));
            if !product.shapes.is_empty() {
                files.push(file(
                    format!("{v}/{p}/types/mod.rs"),
                    product.spec_dir.join("types"),
                    modules::types_module(product),
                ));
            }
            for shape in &product.shapes {
                files.push(file(
                    format!("{v}/{p}/types/{}.rs", shape.module),
                    shape.spec_file.clone(),
                    modules::shape_module(shape),
                ));
            }
            for a in &product.actions {
                let mut emitted = file(
                    format!("{v}/{p}/{}.rs", a.module),
                    a.spec_file.clone(),
                    action::action_module(vendor, product, a),
                );
                emitted.action = Some(format!("{v}/{p}/{}", a.name));
                files.push(emitted);
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let all: Vec<String> = features.iter().map(|(name, _)| name.clone()).collect();
    features.insert(0, ("full".to_string(), all.clone()));
    features.insert(0, ("default".to_string(), vec!["full".to_string()]));
    Emitted { files, features }
}
