//! Stage 4, emit: model → token streams, one per output file (`quote!`, never
//! string templates), plus the crate's feature list.
//!
//! [`plan`] lists the files as cheap [`Job`]s; each job emits its tokens on
//! demand, so files can be emitted and formatted in parallel and their token
//! streams dropped as soon as they are printed.

mod action;
mod docs;
mod enums;
mod modules;
mod options;
mod paging;
mod polling;
mod structs;
mod types;
mod validate;
mod waiters;

use std::path::PathBuf;

use proc_macro2::TokenStream;

use crate::model::{Action, Model, Product, VendorDef};

pub use options::EmitOptions;

/// One file to generate.
#[derive(Debug, Clone)]
pub struct Job<'m> {
    /// Path relative to the crate's `src/`, with `/` separators.
    pub path: PathBuf,
    /// The spec file (or folder) it comes from, relative to the spec root.
    pub source: PathBuf,
    /// For action modules: `vendor/product/Action`, the snapshot name.
    pub action: Option<String>,
    what: What<'m>,
}

#[derive(Debug, Clone, Copy)]
enum What<'m> {
    Root(&'m Model),
    Vendor(&'m VendorDef),
    Product(&'m VendorDef, &'m Product),
    Types(&'m Product),
    Action(&'m VendorDef, &'m Product, &'m Action),
}

impl Job<'_> {
    /// The code of this file.
    pub fn emit(&self, options: &EmitOptions) -> TokenStream {
        match self.what {
            What::Root(model) => modules::crate_root(model, options),
            What::Vendor(vendor) => modules::vendor_module(vendor, options),
            What::Product(vendor, product) => modules::product_module(vendor, product),
            What::Types(product) => modules::types_module(product),
            What::Action(vendor, product, action) => action::action_module(vendor, product, action),
        }
    }
}

/// Every file of the crate, in path order.
pub fn plan(model: &Model) -> Vec<Job<'_>> {
    let job = |path: String, source: PathBuf, what| Job {
        path: PathBuf::from(path),
        source,
        action: None,
        what,
    };
    let mut jobs = vec![job("lib.rs".into(), PathBuf::new(), What::Root(model))];
    for vendor in &model.vendors {
        let v = &vendor.module;
        jobs.push(job(
            format!("{v}/mod.rs"),
            vendor.spec_file.clone(),
            What::Vendor(vendor),
        ));
        for product in &vendor.products {
            let p = &product.module;
            jobs.push(job(
                format!("{v}/{p}/mod.rs"),
                product.spec_dir.clone(),
                What::Product(vendor, product),
            ));
            if !product.shapes.is_empty() {
                jobs.push(job(
                    format!("{v}/{p}/types.rs"),
                    product.spec_dir.join("types"),
                    What::Types(product),
                ));
            }
            for a in &product.actions {
                let mut action = job(
                    format!("{v}/{p}/{}.rs", a.module),
                    a.spec_file.clone(),
                    What::Action(vendor, product, a),
                );
                action.action = Some(format!("{v}/{p}/{}", a.name));
                jobs.push(action);
            }
        }
    }
    jobs.sort_by(|a, b| a.path.cmp(&b.path));
    jobs
}

/// Cargo features: one per product, `full` for all of them, `spec-docs`
/// (the documented spec, for tools that explain the API) and `testkit`
/// (typed requests and answers for the local test endpoint).
///
/// `default` enables no product: each product adds build time, and with
/// many products a consumer who forgets `default-features = false` would
/// build them all. A consumer names what it calls; the common clients and
/// the runtime need no feature.
pub fn features(model: &Model) -> Vec<(String, Vec<String>)> {
    let products: Vec<String> = model
        .vendors
        .iter()
        .flat_map(|v| v.products.iter().map(move |p| modules::feature_name(v, p)))
        .collect();
    let mut features = vec![
        ("default".to_string(), Vec::new()),
        ("full".to_string(), products.clone()),
    ];
    features.extend(products.into_iter().map(|p| (p, Vec::new())));
    features.push(("spec-docs".to_string(), Vec::new()));
    features.push(("testkit".to_string(), Vec::new()));
    features
}
