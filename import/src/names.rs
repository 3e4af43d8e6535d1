//! Rust names the generator will derive, checked with its own functions
//! (`codegen::model::naming`), so an import never produces a spec that fails
//! validation on a name: within a product every action module, client method
//! and Rust type is distinct, and within a field list every Rust field.

use std::collections::BTreeSet;

use codegen::model::naming::{
    self, RESERVED_CLIENT_METHODS, RESERVED_METHODS, RESERVED_MODULES, RESERVED_TYPES,
};

use crate::draft::Side;

/// Whether `name` can be a product folder and module name: lowercase ASCII
/// letters, digits and `_`, starting with a letter (a keyword gets a `_`).
pub(crate) fn is_product_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && naming::snake(name).is_ok()
}

/// Names claimed so far in one product.
#[derive(Debug, Default)]
pub(crate) struct Claims {
    /// Rust type names.
    types: BTreeSet<String>,
    /// Action module names.
    action_modules: BTreeSet<String>,
    /// Client methods.
    methods: BTreeSet<String>,
    /// `types/` module names of shapes.
    shape_modules: BTreeSet<String>,
    /// Shape file names, lowercased, for case-insensitive file systems.
    shape_files: BTreeSet<String>,
}

/// The Rust names of one action.
pub(crate) struct ActionNames {
    module: String,
    method: String,
    types: [String; 3],
}

impl Claims {
    /// Claims every type name in `reserved`, so that no shape takes one.
    pub(crate) fn reserve_types(&mut self, reserved: &[&str]) {
        self.types.extend(reserved.iter().map(|t| t.to_string()));
    }

    /// The names `action` would get, or why it cannot be generated.
    pub(crate) fn check_action(&self, action: &str) -> Result<ActionNames, String> {
        if !action.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Err(format!(
                "the name `{action}` does not start with an uppercase ASCII letter, as our action names must"
            ));
        }
        let types = naming::action_types(&naming::pascal(action)?);
        let names = ActionNames {
            module: naming::snake_avoiding(action, RESERVED_MODULES)?,
            method: naming::snake_avoiding(action, RESERVED_CLIENT_METHODS)?,
            types: [types.request, types.response, types.error],
        };
        if self.action_modules.contains(&names.module) || self.methods.contains(&names.method) {
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

    /// Records an action's names (from [`Claims::check_action`]).
    pub(crate) fn claim_action(&mut self, names: ActionNames) {
        self.action_modules.insert(names.module);
        self.methods.insert(names.method);
        self.types.extend(names.types);
    }

    /// Claims the names of the shape `name`: its Rust type, `types/` module
    /// and file. False, claiming nothing, when one is taken or there is none.
    pub(crate) fn claim_shape(&mut self, name: &str) -> bool {
        let (Ok(ty), Ok(module)) = (
            naming::pascal_avoiding(name, RESERVED_TYPES, "Shape"),
            naming::snake(name),
        ) else {
            return false;
        };
        let file = name.to_ascii_lowercase();
        // A reserved name, when reserved, is taken even though the generator would rename it.
        let free = !self.types.contains(name)
            && !self.types.contains(&ty)
            && !self.shape_modules.contains(&module)
            && !self.shape_files.contains(&file);
        if free {
            self.types.insert(ty);
            self.shape_modules.insert(module);
            self.shape_files.insert(file);
        }
        free
    }

    /// Claims the Rust type `name` of an inline value set (it has no file);
    /// false when it is taken.
    pub(crate) fn claim_type(&mut self, name: &str) -> bool {
        self.types.insert(name.to_string())
    }
}

/// The names taken in one field list: the wire names, and the Rust field
/// names they become.
#[derive(Debug, Clone)]
pub(crate) struct FieldNames {
    side: Side,
    wire: BTreeSet<String>,
    idents: BTreeSet<String>,
}

impl FieldNames {
    /// No names taken yet in a list on `side`.
    pub(crate) fn new(side: Side) -> Self {
        FieldNames {
            side,
            wire: BTreeSet::new(),
            idents: BTreeSet::new(),
        }
    }

    /// Claims `name`: `Ok(None)` when it is free, `Ok(Some(why))` when an
    /// earlier field already stands for it, `Err` when it cannot be a field.
    pub(crate) fn admit(&mut self, name: &str) -> Result<Option<String>, String> {
        if !self.wire.insert(name.to_string()) {
            return Ok(Some("listed twice; the first is kept".into()));
        }
        let ident = naming::snake_avoiding(name, RESERVED_METHODS)?;
        if self.side == Side::Output && ident == "request_id" {
            return Ok(Some(
                "becomes the Rust field `request_id` that every response already has".into(),
            ));
        }
        if !self.idents.insert(ident.clone()) {
            return Ok(Some(format!(
                "becomes the Rust field `{ident}` like an earlier field, which is kept"
            )));
        }
        Ok(None)
    }

    /// The Rust field `name` becomes, when a field admitted already is it.
    pub(crate) fn taken(&self, name: &str) -> Option<String> {
        naming::snake_avoiding(name, RESERVED_METHODS)
            .ok()
            .filter(|ident| self.idents.contains(ident))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_shapes_get_distinct_names() {
        let mut claims = Claims::default();
        let ping = claims.check_action("Ping").unwrap();
        claims.claim_action(ping);
        assert!(claims.check_action("ping").is_err());
        assert!(claims.check_action("Ping").is_err());
        assert!(!claims.claim_shape("PingResponse"));
        assert!(claims.claim_shape("Data"));
        assert!(!claims.claim_shape("DATA"), "same module and file");
        assert!(!claims.claim_type("Data"));
    }

    #[test]
    fn field_names_are_distinct_in_rust() {
        let mut names = FieldNames::new(Side::Output);
        assert_eq!(names.admit("InstanceId"), Ok(None));
        assert!(
            names
                .admit("instanceId")
                .unwrap()
                .unwrap()
                .contains("`instance_id`")
        );
        assert!(
            names
                .admit("InstanceId")
                .unwrap()
                .unwrap()
                .contains("twice")
        );
        assert!(
            names
                .admit("RequestID")
                .unwrap()
                .unwrap()
                .contains("`request_id`")
        );
        assert!(names.admit("2nd").is_err());
    }
}
