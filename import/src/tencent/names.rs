//! Shape names. Actions whose Rust names are taken by an earlier action
//! (sorted by name) are skipped ([`crate::names::Claims::check_action`]); a
//! shape whose type, `types/` module or file name is taken (by an action's
//! types or an earlier shape) is renamed `<Name>Shape`, `<Name>Shape2`, …:
//! shape names never travel on the wire, so renaming is lossless.

use std::collections::{BTreeMap, BTreeSet};

use crate::names::Claims;
use codegen::model::naming;

/// Claims names for the shapes (sorted), renaming those that clash.
/// Returns the renames; `taken` holds every vendor object name, so a new
/// name never shadows another object.
pub(super) fn claim_shapes<'a>(
    claims: &mut Claims,
    shapes: impl Iterator<Item = &'a str>,
    taken: &BTreeSet<&str>,
) -> BTreeMap<String, String> {
    let mut renames = BTreeMap::new();
    for shape in shapes {
        let candidates = std::iter::once(shape.to_string())
            .chain((1..).map(|n| match n {
                1 => format!("{shape}Shape"),
                n => format!("{shape}Shape{n}"),
            }))
            .filter(|c| c == shape || !taken.contains(c.as_str()));
        for candidate in candidates {
            if shape_name_ok(&candidate).is_err() {
                break; // the caller only passes convertible names
            }
            if claims.claim_shape(&candidate) {
                if candidate != shape {
                    renames.insert(shape.to_string(), candidate);
                }
                break;
            }
        }
    }
    renames
}

/// Whether an object name can become a shape (type and module name).
pub(super) fn shape_name_ok(name: &str) -> Result<(), String> {
    naming::pascal(name).and(naming::snake(name)).map(|_| ())
}
