//! Stage 2, validate: everything the raw files must satisfy before a model is built.
//!
//! Checks are grouped by what they look at: the file as a whole (`files`), one
//! field (`fields`), one action (`actions`), names after case conversion
//! (`names`), references between shapes (`refs`), paging (`paging`), waiters
//! (`waiters`) and the asynchronous tasks actions start (`tasks`). Every problem is
//! collected, so one run reports every broken spec file.

mod actions;
mod fields;
mod files;
#[cfg(test)]
mod fixture;
mod http;
mod names;
mod paging;
mod refs;
mod reporter;
mod tasks;
mod waiters;

use crate::error::Diagnostics;
use crate::load::{ProductSpec, SpecTree};
use reporter::Reporter;

/// Reports every problem in `tree`; `Ok` means the model can be built.
pub fn validate(tree: &SpecTree) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    files::check_module_clashes(tree, &mut diagnostics);
    let mut products = Vec::new();
    for vendor in &tree.vendors {
        files::check_vendor(vendor, &mut diagnostics);
        products.extend(
            vendor
                .products
                .iter()
                .map(|p| (vendor.dir_name.as_str(), p)),
        );
    }
    // Products are checked independently, so in parallel.
    for local in crate::parallel::map(&products, |(vendor, product)| {
        let mut local = Diagnostics::default();
        check_product(vendor, product, &mut local);
        local
    }) {
        diagnostics.errors.extend(local.errors);
    }
    diagnostics.into_result(())
}

fn check_product(vendor: &str, product: &ProductSpec, diagnostics: &mut Diagnostics) {
    files::check_service(vendor, product, diagnostics);
    files::check_type_names(product, diagnostics);
    let shapes = refs::ShapeIndex::new(product);
    for shape in &product.shapes {
        files::check_shape(shape, diagnostics);
        if let Some(fields) = &shape.value.fields {
            let mut at = Reporter::new(&shape.file, diagnostics);
            fields::check_fields(&mut at, "$.fields", fields, fields::Side::Shape, &shapes);
        }
    }
    for action in &product.actions {
        actions::check_action(action, &shapes, diagnostics);
        http::check_http(action, product.service.value.protocol, diagnostics);
    }
    tasks::check_tasks(product, &shapes, diagnostics);
    refs::check_cycles(product, &shapes, diagnostics);
    names::check_product_names(product, diagnostics);
}
