//! Product-wide names: every generated item of a product gets a distinct
//! Rust name, because request, response and error types, enums and shapes
//! are all re-exported from the product module.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Diagnostics, SpecError};
use crate::load::ProductSpec;
use crate::load::paths::{in_product, stem};
use crate::model::naming;

/// First definition of each name, so the second one can point back to it.
struct Namespace<'a> {
    what: &'static str,
    seen: BTreeMap<String, (&'a Path, String)>,
}

impl<'a> Namespace<'a> {
    fn new(what: &'static str) -> Self {
        Namespace {
            what,
            seen: BTreeMap::new(),
        }
    }

    fn claim(
        &mut self,
        ident: String,
        file: &'a Path,
        path: String,
        diagnostics: &mut Diagnostics,
    ) {
        if let Some((first_file, first_path)) = self.seen.get(&ident) {
            diagnostics.push(SpecError::new(
                file,
                path,
                format!(
                    "expected a distinct {} name, found `{ident}`, already generated in this product for {} at {first_path}",
                    self.what,
                    in_product(first_file)
                ),
            ));
        } else {
            self.seen.insert(ident, (file, path));
        }
    }
}

pub(super) fn check_product_names(product: &ProductSpec, diagnostics: &mut Diagnostics) {
    let mut types = Namespace::new("Rust type");
    let mut modules = Namespace::new("module");
    let mut methods = Namespace::new("client method");
    for action in &product.actions {
        let file = action.file.as_path();
        let name = &action.value.name;
        if stem(file) != name {
            continue; // reported by the file checks; its names would only echo that
        }
        let (Ok(module), Ok(method), Ok(pascal)) = (
            naming::snake_avoiding(name, naming::RESERVED_MODULES),
            naming::snake_avoiding(name, naming::RESERVED_CLIENT_METHODS),
            naming::pascal(name),
        ) else {
            continue; // reported by the action checks
        };
        modules.claim(module, file, "$.name".into(), diagnostics);
        let action_types = naming::action_types(&pascal);
        for name in [
            action_types.request,
            action_types.response,
            action_types.error,
        ] {
            types.claim(name, file, "$.name".into(), diagnostics);
        }
        if let Some(waiter) = &action.value.waiter
            && let Ok(until) = naming::snake(&waiter.name)
        {
            let waiter_method = naming::derived_method(&method, &format!("until_{until}"));
            methods.claim(waiter_method, file, "$.waiter.name".into(), diagnostics);
        }
        if let Some(task) = &action.value.task
            && let Some(waiter) = product
                .actions
                .iter()
                .find(|a| a.value.name == task.reported_by)
                .and_then(|a| a.value.waiter.as_ref())
            && let Ok(until) = naming::snake(&waiter.name)
        {
            let task_method = naming::derived_method(&method, &format!("until_{until}"));
            methods.claim(task_method, file, "$.task".into(), diagnostics);
        }
        if action.value.paging.is_some() {
            for suffix in naming::PAGING_SUFFIXES {
                let stream = naming::derived_method(&method, suffix);
                methods.claim(stream, file, "$.paging".into(), diagnostics);
            }
        }
        methods.claim(method, file, "$.name".into(), diagnostics);
        for (side, fields) in [
            ("input", &action.value.input),
            ("output", &action.value.output),
        ] {
            for (i, field) in fields.iter().enumerate() {
                if let Some(set) = &field.value_set
                    && let Ok(ident) =
                        naming::pascal_avoiding(&set.name, naming::RESERVED_TYPES, "Shape")
                {
                    types.claim(ident, file, format!("$.{side}[{i}].enum.name"), diagnostics);
                }
            }
        }
    }
    for shape in &product.shapes {
        let file = shape.file.as_path();
        if stem(file) != shape.value.name {
            continue; // reported by the file checks
        }
        match naming::pascal_avoiding(&shape.value.name, naming::RESERVED_TYPES, "Shape") {
            Ok(ident) => types.claim(ident, file, "$.name".into(), diagnostics),
            Err(e) => diagnostics.push(SpecError::new(file, "$.name", e)),
        }
    }
}
