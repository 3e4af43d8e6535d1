//! Shared objects reachable from the imported actions → shape drafts.
//!
//! Only objects reachable from the imported actions become shapes (so
//! `--actions` imports just what those actions need). A shape may not contain
//! itself by value, directly or through other shapes (a Rust struct cannot
//! have infinite size, and `Option` does not help); the member that closes
//! such a cycle is dropped and reported. Arrays of the shape itself are fine.

use std::collections::BTreeMap;

use super::fields::map_members;
use super::source::ApiFile;
use super::source::DOCS;
use crate::draft::{FieldDraft, Side, Usage, reachable};
use crate::plan::Unmapped;
use codegen::load::type_expr::TypeExpr;

/// One shape to write.
#[derive(Debug)]
pub(super) struct ShapeDraft {
    /// Cleaned description.
    pub description: String,
    /// Members that map.
    pub fields: Vec<FieldDraft>,
    /// Where the imported actions use it.
    pub usage: Usage,
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
        .flat_map(|f| f.references())
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
        let mapped = map_members(&owner, &object.members, Side::Member, object_ok, unmapped);
        pending.extend(
            mapped
                .fields
                .iter()
                .flat_map(|f| f.references())
                .map(String::from),
        );
        let draft = ShapeDraft {
            description: DOCS.describe(object.document.as_deref()),
            fields: mapped.fields,
            usage: Usage::default(),
        };
        shapes.insert(name, draft);
    }
    break_cycles(&mut shapes, unmapped);
    let fields_of = |name: &str| shapes.get(name).map(|s| s.fields.as_slice());
    let in_requests = reachable(inputs.iter().copied(), fields_of);
    let in_responses = reachable(outputs.iter().copied(), fields_of);
    for (name, shape) in &mut shapes {
        shape.usage = Usage {
            in_requests: in_requests.contains(name),
            in_responses: in_responses.contains(name),
        };
    }
    shapes.retain(|_, s| s.usage != Usage::default());
    shapes
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
            let child =
                shapes
                    .get(&node)
                    .and_then(|s| s.fields.get(next))
                    .map(|f| match &f.spec.ty {
                        TypeExpr::Ref(name) => Some((name.clone(), f.spec.name.clone())),
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
            draft.fields.retain(|f| f.spec.name != field);
        }
        unmapped.push(Unmapped {
            what: format!("object {shape}, member {field}"),
            reason: "skipped: it would make the shape contain itself by value (directly or through other shapes)"
                .into(),
        });
    }
}
