//! Product-wide names, chosen once every type is known, so that they are
//! deterministic and pass our validator (`validate/names.rs`): every Rust type
//! of a product (shapes, value sets, `<Action>Request|Response|Error`) and
//! every action module and client method is distinct.
//!
//! Order: the reserved names first (the prelude-like [`naming::RESERVED_TYPES`]
//! and the three types of every imported action), then `components.schemas`
//! shapes (their names are the vendor's), then the rest in creation order.
//! A value set takes the field's name when no other value set of the product
//! wants it, else `<Owner><Field>`. A name that is taken gets `2`, `3`, ….
//! Names are chosen over all importable actions, so importing a subset with
//! `--actions` yields the same files as a full import.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::{TypeDef, TypeId};
use codegen::model::naming;

/// Longest type name chosen; longer vendor names are cut.
const MAX_NAME: usize = 96;

/// Names already used, in each namespace the validator checks.
#[derive(Debug, Default)]
pub(super) struct Claims {
    /// Rust type names.
    types: BTreeSet<String>,
    /// `types/` module names of shapes.
    shape_modules: BTreeSet<String>,
    /// Shape file names, lowercased, for case-insensitive file systems.
    files: BTreeSet<String>,
    /// Action module names and client methods.
    action_modules: BTreeSet<String>,
    methods: BTreeSet<String>,
}

impl Claims {
    pub fn new() -> Self {
        let mut claims = Claims::default();
        claims
            .types
            .extend(naming::RESERVED_TYPES.iter().map(|t| t.to_string()));
        claims
    }

    /// Claims the names an action generates, or says why it cannot have them.
    pub fn claim_action(&mut self, name: &str) -> Result<(), String> {
        if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            return Err(
                "the name does not start with an uppercase letter, as our action names must".into(),
            );
        }
        let module = naming::snake_avoiding(name, naming::RESERVED_MODULES)?;
        let method = naming::snake_avoiding(name, naming::RESERVED_CLIENT_METHODS)?;
        let pascal = naming::pascal(name)?;
        let types: Vec<String> = ["Request", "Response", "Error"]
            .iter()
            .map(|s| format!("{pascal}{s}"))
            .collect();
        if self.action_modules.contains(&module) || self.methods.contains(&method) {
            return Err(format!(
                "its module `{module}` is already generated for another action"
            ));
        }
        if let Some(taken) = types.iter().find(|t| self.types.contains(*t)) {
            return Err(format!(
                "its type `{taken}` is already generated for another action"
            ));
        }
        self.action_modules.insert(module);
        self.methods.insert(method);
        self.types.extend(types);
        Ok(())
    }

    /// A free name starting from `wanted`; shapes (`file`) also need a free module and file.
    fn take(&mut self, wanted: &str, file: bool) -> String {
        let mut wanted = naming::pascal(wanted).unwrap_or_else(|_| "Shape".to_string());
        // File names have limits (255 bytes on most file systems).
        let mut cut = wanted.len().min(MAX_NAME);
        while !wanted.is_char_boundary(cut) {
            cut -= 1;
        }
        wanted.truncate(cut);
        let mut n = 1;
        loop {
            let candidate = if n == 1 {
                wanted.clone()
            } else {
                format!("{wanted}{n}")
            };
            n += 1;
            let Ok(module) = naming::snake(&candidate) else {
                continue;
            };
            let lower = candidate.to_ascii_lowercase();
            let free = !self.types.contains(&candidate)
                && (!file
                    || (!self.shape_modules.contains(&module) && !self.files.contains(&lower)));
            if free {
                self.types.insert(candidate.clone());
                if file {
                    self.shape_modules.insert(module);
                    self.files.insert(lower);
                }
                return candidate;
            }
        }
    }
}

/// Names for the types in `named`.
pub(super) fn resolve(
    types: &[TypeDef],
    named: &BTreeSet<TypeId>,
    claims: &mut Claims,
) -> BTreeMap<TypeId, String> {
    let mut wanted_by: BTreeMap<&str, usize> = BTreeMap::new();
    for id in named {
        if types[*id].qualified.is_some() {
            *wanted_by.entry(types[*id].base.as_str()).or_default() += 1;
        }
    }
    let mut order: Vec<TypeId> = named.iter().copied().collect();
    order.sort_by_key(|id| (!types[*id].from_ref, *id));
    let mut names = BTreeMap::new();
    for id in order {
        let def = &types[id];
        let wanted = match &def.qualified {
            Some(qualified) if wanted_by.get(def.base.as_str()).copied().unwrap_or(0) > 1 => {
                qualified
            }
            _ => &def.base,
        };
        names.insert(id, claims.take(wanted, !def.inline));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_types_get_distinct_names() {
        let mut claims = Claims::new();
        assert_eq!(claims.claim_action("Ping"), Ok(()));
        assert!(claims.claim_action("ping").is_err());
        assert!(claims.claim_action("Ping").is_err());
        assert_eq!(claims.take("PingResponse", true), "PingResponse2");
        assert_eq!(claims.take("Client", true), "Client2");
        assert_eq!(claims.take("Data", true), "Data");
        assert_eq!(claims.take("DATA", true), "Data2");
        assert_eq!(claims.take("Data", false), "Data3");
    }
}
