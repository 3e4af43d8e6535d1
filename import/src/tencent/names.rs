//! Rust names the generator will derive, checked with its own functions so an
//! import never produces a spec that fails validation on a name.
//!
//! - An action whose module, client method or `…Request`/`…Response`/`…Error`
//!   type is already taken by an earlier action (sorted by name) is skipped.
//! - A shape whose type or `types/` module name is taken (by an action's
//!   types or an earlier shape) is renamed `<Name>Shape`, `<Name>Shape2`, …:
//!   shape names never travel on the wire, so renaming is lossless.

use std::collections::{BTreeMap, BTreeSet};

use codegen::model::naming::{self, RESERVED_CLIENT_METHODS, RESERVED_MODULES, RESERVED_TYPES};

/// Names claimed so far in one product.
#[derive(Debug, Default)]
pub(super) struct Claims {
    types: BTreeSet<String>,
    modules: BTreeSet<String>,
    methods: BTreeSet<String>,
    shape_modules: BTreeSet<String>,
}

/// The Rust names of one action.
pub(super) struct ActionNames {
    module: String,
    method: String,
    types: [String; 3],
}

impl Claims {
    /// The names `action` would get, or why it cannot be generated.
    pub(super) fn check_action(&self, action: &str) -> Result<ActionNames, String> {
        if !action.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Err(format!(
                "the name `{action}` does not start with an uppercase ASCII letter"
            ));
        }
        let pascal = naming::pascal(action)?;
        let names = ActionNames {
            module: naming::snake_avoiding(action, RESERVED_MODULES)?,
            method: naming::snake_avoiding(action, RESERVED_CLIENT_METHODS)?,
            types: ["Request", "Response", "Error"].map(|suffix| format!("{pascal}{suffix}")),
        };
        if self.modules.contains(&names.module) || self.methods.contains(&names.method) {
            return Err(format!(
                "its Rust name `{}` is already used by another action",
                names.method
            ));
        }
        if let Some(taken) = names.types.iter().find(|t| self.types.contains(*t)) {
            return Err(format!(
                "its Rust type `{taken}` is already used by another action"
            ));
        }
        Ok(names)
    }

    /// Records an imported action's names.
    pub(super) fn claim_action(&mut self, names: ActionNames) {
        self.modules.insert(names.module);
        self.methods.insert(names.method);
        self.types.extend(names.types);
    }

    /// Claims names for the shapes (sorted), renaming those that clash.
    /// Returns the renames; `taken` holds every vendor object name, so a new
    /// name never shadows another object.
    pub(super) fn claim_shapes<'a>(
        &mut self,
        shapes: impl Iterator<Item = &'a str>,
        taken: &BTreeSet<&str>,
    ) -> BTreeMap<String, String> {
        let mut renames = BTreeMap::new();
        for shape in shapes {
            let mut candidate = shape.to_string();
            for n in 1.. {
                if n > 1 {
                    let suffix = if n == 2 {
                        String::new()
                    } else {
                        (n - 1).to_string()
                    };
                    candidate = format!("{shape}Shape{suffix}");
                    if taken.contains(candidate.as_str()) {
                        continue;
                    }
                }
                let (Ok(ty), Ok(module)) = (
                    naming::pascal_avoiding(&candidate, RESERVED_TYPES, "Shape"),
                    naming::snake(&candidate),
                ) else {
                    break; // the caller only passes convertible names
                };
                if !self.types.contains(&ty) && !self.shape_modules.contains(&module) {
                    self.types.insert(ty);
                    self.shape_modules.insert(module);
                    break;
                }
            }
            if candidate != shape {
                renames.insert(shape.to_string(), candidate);
            }
        }
        renames
    }
}

/// Whether an object name can become a shape (type and module name).
pub(super) fn shape_name_ok(name: &str) -> Result<(), String> {
    naming::pascal(name).and(naming::snake(name)).map(|_| ())
}
