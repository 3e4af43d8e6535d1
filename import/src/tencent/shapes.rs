//! Shared objects reachable from the imported actions → shape drafts.
//!
//! Only objects reachable from the imported actions become shapes (so
//! `--actions` imports just what those actions need). A shape may not contain
//! itself by value, directly or through other shapes (a Rust struct cannot
//! have infinite size, and `Option` does not help); the member that closes
//! such a cycle is dropped and reported. Arrays of the shape itself are fine.

use std::collections::{BTreeMap, BTreeSet};

use super::DOCS;
use super::fields::{FieldDraft, Side, map_members};
use super::source::ApiFile;
use crate::Unmapped;
use codegen::load::type_expr::TypeExpr;

/// One shape to write.
#[derive(Debug)]
pub(super) struct ShapeDraft {
    /// Cleaned description.
    pub description: String,
    /// Members that map.
    pub fields: Vec<FieldDraft>,
    /// Reachable from a request.
    pub in_input: bool,
    /// Reachable from a response.
    pub in_output: bool,
}

impl ShapeDraft {
    /// Requiredness and nullability of `field` given where the shape is used.
    ///
    /// On both sides a field is required only if the vendor requires it in
    /// requests *and* always returns it: a missing "required" field would make
    /// a whole response fail to parse, while an optional input the server
    /// needs only earns a server error the caller can read.
    pub(super) fn flags(&self, field: &FieldDraft) -> (bool, bool) {
        let input = field.required.unwrap_or(false);
        let output = field.output_required.or(field.required).unwrap_or(false);
        let required = match (self.in_input, self.in_output) {
            (true, true) => input && output,
            (true, false) => input,
            _ => output,
        };
        (required, self.in_output && field.nullable)
    }
}

/// The object a field refers to, through arrays or not.
fn referenced(ty: &TypeExpr) -> Option<&str> {
    match ty.element() {
        TypeExpr::Ref(name) => Some(name),
        _ => None,
    }
}

/// Maps every object reachable from `inputs` and `outputs` (the imported
/// actions' fields), breaks by-value cycles and marks usage.
pub(super) fn collect(
    api: &ApiFile,
    inputs: &[&FieldDraft],
    outputs: &[&FieldDraft],
    object_ok: &dyn Fn(&str) -> Result<(), String>,
    unmapped: &mut Vec<Unmapped>,
) -> BTreeMap<String, ShapeDraft> {
    let mut shapes = BTreeMap::new();
    let mut pending: Vec<String> = inputs
        .iter()
        .chain(outputs)
        .filter_map(|f| referenced(&f.ty))
        .map(String::from)
        .collect();
    while let Some(name) = pending.pop() {
        if shapes.contains_key(&name) {
            continue;
        }
        let Some(object) = api.objects.get(&name) else {
            continue;
        };
        let owner = format!("object {name}, member");
        let mapped = map_members(&owner, &object.members, Side::Shape, object_ok, unmapped);
        pending.extend(
            mapped
                .fields
                .iter()
                .filter_map(|f| referenced(&f.ty))
                .map(String::from),
        );
        let draft = ShapeDraft {
            description: DOCS.describe(object.document.as_deref()),
            fields: mapped.fields,
            in_input: false,
            in_output: false,
        };
        shapes.insert(name, draft);
    }
    break_cycles(&mut shapes, unmapped);
    mark(&mut shapes, inputs, |s| &mut s.in_input);
    mark(&mut shapes, outputs, |s| &mut s.in_output);
    shapes.retain(|_, s| s.in_input || s.in_output);
    shapes
}

/// Sets `flag` on every shape reachable from `roots`.
fn mark(
    shapes: &mut BTreeMap<String, ShapeDraft>,
    roots: &[&FieldDraft],
    flag: fn(&mut ShapeDraft) -> &mut bool,
) {
    let mut pending: Vec<String> = roots
        .iter()
        .filter_map(|f| referenced(&f.ty))
        .map(String::from)
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(shape) = shapes.get_mut(&name) {
            *flag(shape) = true;
            pending.extend(
                shape
                    .fields
                    .iter()
                    .filter_map(|f| referenced(&f.ty))
                    .map(String::from),
            );
        }
    }
}

/// Drops each by-value member that closes a cycle: a depth-first search in
/// name order, removing every back edge, leaves a graph without cycles.
fn break_cycles(shapes: &mut BTreeMap<String, ShapeDraft>, unmapped: &mut Vec<Unmapped>) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    let names: Vec<String> = shapes.keys().cloned().collect();
    let mut state: BTreeMap<String, State> = BTreeMap::new();
    let mut back_edges: Vec<(String, String)> = Vec::new();
    for start in &names {
        if state.contains_key(start) {
            continue;
        }
        // Explicit stack of (shape, index of the next field to follow).
        let mut stack = vec![(start.clone(), 0usize)];
        state.insert(start.clone(), State::Open);
        while let Some((node, next)) = stack.pop() {
            let child = shapes
                .get(&node)
                .and_then(|s| s.fields.get(next))
                .map(|f| match &f.ty {
                    TypeExpr::Ref(name) => Some((name.clone(), f.name.clone())),
                    _ => None,
                });
            match child {
                None => {
                    state.insert(node, State::Done);
                }
                Some(edge) => {
                    stack.push((node.clone(), next + 1));
                    let Some((target, field)) = edge else {
                        continue;
                    };
                    match state.get(&target) {
                        Some(State::Open) => back_edges.push((node, field)),
                        Some(State::Done) => {}
                        None if shapes.contains_key(&target) => {
                            state.insert(target.clone(), State::Open);
                            stack.push((target, 0));
                        }
                        None => {}
                    }
                }
            }
        }
    }
    for (shape, field) in back_edges {
        if let Some(draft) = shapes.get_mut(&shape) {
            draft.fields.retain(|f| f.name != field);
        }
        unmapped.push(Unmapped {
            what: format!("object {shape}, member {field}"),
            reason: "skipped: it would make the shape contain itself by value (directly or through other shapes)"
                .into(),
        });
    }
}
