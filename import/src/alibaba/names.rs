//! Product-wide names, chosen once every type is known, so that they are
//! deterministic and pass our validator (`validate/names.rs`): every Rust type
//! of a product (shapes, value sets, `<Action>Request|Response|Error`) and
//! every action module and client method is distinct.
//!
//! Order: the reserved names first (the prelude-like [`naming::RESERVED_TYPES`]
//! and the three types of every imported action), then `components.schemas`
//! shapes (their names are the vendor's), then the rest in creation order.
//! A value set takes the field's name when no other value set of the product
//! wants it, or when it is the one set several fields of that name share;
//! else `<Owner><Field>`. A name that is taken gets `2`, `3`, ….
//! Names are chosen over all importable actions, so importing a subset with
//! `--actions` yields the same files as a full import.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::{TypeDef, TypeId};
use crate::names::Claims;
use codegen::model::naming;

/// Longest type name chosen; longer vendor names are cut.
const MAX_NAME: usize = 96;

/// A free name starting from `wanted`; shapes (`file`) also need a free module and file.
fn take(claims: &mut Claims, wanted: &str, file: bool) -> String {
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
        if naming::snake(&candidate).is_err() {
            continue;
        }
        let free = if file {
            claims.claim_shape(&candidate)
        } else {
            claims.claim_type(&candidate)
        };
        if free {
            return candidate;
        }
    }
}

/// Names for the types in `named`; `type_names` (curation) renames a type
/// by the name it would otherwise get.
pub(super) fn resolve(
    types: &[TypeDef],
    named: &BTreeSet<TypeId>,
    claims: &mut Claims,
    type_names: &BTreeMap<String, String>,
) -> BTreeMap<TypeId, String> {
    let mut wanted_by: BTreeMap<&str, usize> = BTreeMap::new();
    let mut shared_by: BTreeMap<&str, usize> = BTreeMap::new();
    for id in named {
        if types[*id].qualified.is_some() {
            *wanted_by.entry(types[*id].base.as_str()).or_default() += 1;
        }
        if types[*id].shared {
            *shared_by.entry(types[*id].base.as_str()).or_default() += 1;
        }
    }
    let mut order: Vec<TypeId> = named.iter().copied().collect();
    order.sort_by_key(|id| (!types[*id].from_ref, *id));
    let mut names = BTreeMap::new();
    for id in order {
        let def = &types[id];
        let base = def.base.as_str();
        // The field's own name goes to the one set of that name, or to the
        // one set several fields share when others differ.
        let plain = wanted_by.get(base).copied().unwrap_or(0) <= 1
            || (def.shared && shared_by.get(base).copied().unwrap_or(0) == 1);
        let wanted = match &def.qualified {
            Some(qualified) if !plain => qualified,
            _ => &def.base,
        };
        let proposed = naming::pascal(wanted).unwrap_or_default();
        let wanted = type_names
            .get(&proposed)
            .map_or(wanted.as_str(), String::as_str);
        names.insert(id, take(claims, wanted, !def.inline));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::model::naming::RESERVED_TYPES;

    #[test]
    fn actions_and_types_get_distinct_names() {
        let mut claims = Claims::default();
        claims.reserve_types(RESERVED_TYPES);
        let ping = claims.check_action("Ping").unwrap();
        claims.claim_action(ping);
        assert!(claims.check_action("ping").is_err());
        assert!(claims.check_action("Ping").is_err());
        assert_eq!(take(&mut claims, "PingResponse", true), "PingResponse2");
        assert_eq!(take(&mut claims, "Client", true), "Client2");
        assert_eq!(take(&mut claims, "Data", true), "Data");
        assert_eq!(take(&mut claims, "DATA", true), "Data2");
        assert_eq!(take(&mut claims, "Data", false), "Data3");
    }
}
