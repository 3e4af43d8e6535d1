//! References between shapes: every `ref` resolves, and no shape contains
//! itself except through an array (a struct cannot have infinite size).

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Diagnostics, SpecError};
use crate::load::ProductSpec;
use crate::load::raw::{FieldSpec, ShapeKind};
use crate::load::type_expr::TypeExpr;

/// The shapes of one product, by name.
pub(crate) struct ShapeIndex {
    kinds: BTreeMap<String, ShapeKind>,
    /// Enum shapes whose values are integers.
    integer_enums: BTreeSet<String>,
    /// The members of object shapes.
    members: BTreeMap<String, Vec<FieldSpec>>,
}

impl ShapeIndex {
    pub(crate) fn new(product: &ProductSpec) -> Self {
        let kinds = product
            .shapes
            .iter()
            .map(|s| (s.value.name.clone(), s.value.kind))
            .collect();
        let integer_enums = product
            .shapes
            .iter()
            .filter(|s| {
                s.value.kind == ShapeKind::Enum
                    && matches!(&s.value.enum_type, Some(TypeExpr::Scalar(scalar)) if scalar.is_integer())
            })
            .map(|s| s.value.name.clone())
            .collect();
        let members = product
            .shapes
            .iter()
            .filter(|s| s.value.kind == ShapeKind::Object)
            .map(|s| {
                (
                    s.value.name.clone(),
                    s.value.fields.clone().unwrap_or_default(),
                )
            })
            .collect();
        ShapeIndex {
            kinds,
            integer_enums,
            members,
        }
    }

    /// The members of the object shape `name`.
    pub(crate) fn members(&self, name: &str) -> Option<&[FieldSpec]> {
        self.members.get(name).map(Vec::as_slice)
    }

    /// Whether `ty` is a reference to an enum shape.
    pub(crate) fn is_enum(&self, ty: &TypeExpr) -> bool {
        matches!(ty, TypeExpr::Ref(name) if self.kinds.get(name) == Some(&ShapeKind::Enum))
    }

    /// Whether `ty` is a reference to an enum shape of integers.
    pub(crate) fn is_integer_enum(&self, ty: &TypeExpr) -> bool {
        matches!(ty, TypeExpr::Ref(name) if self.integer_enums.contains(name))
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.kinds.contains_key(name)
    }

    /// A short list of known names for error messages.
    pub(crate) fn known(&self) -> String {
        if self.kinds.is_empty() {
            return "none".to_string();
        }
        let names: Vec<&str> = self.kinds.keys().map(String::as_str).take(12).collect();
        let more = self.kinds.len().saturating_sub(names.len());
        if more > 0 {
            format!("{}, and {more} more", names.join(", "))
        } else {
            names.join(", ")
        }
    }
}

/// Shapes a shape holds by value (not through an array).
fn direct_refs(fields: &[FieldSpec]) -> impl Iterator<Item = &str> {
    fields.iter().filter_map(|f| match &f.ty {
        TypeExpr::Ref(name) => Some(name.as_str()),
        _ => None,
    })
}

pub(super) fn check_cycles(
    product: &ProductSpec,
    shapes: &ShapeIndex,
    diagnostics: &mut Diagnostics,
) {
    let graph: BTreeMap<&str, Vec<&str>> = product
        .shapes
        .iter()
        .filter_map(|s| Some((s.value.name.as_str(), s.value.fields.as_deref()?)))
        .map(|(name, fields)| {
            (
                name,
                direct_refs(fields).filter(|r| shapes.contains(r)).collect(),
            )
        })
        .collect();
    let files: BTreeMap<&str, &std::path::Path> = product
        .shapes
        .iter()
        .map(|s| (s.value.name.as_str(), s.file.as_path()))
        .collect();
    let mut reported = BTreeSet::new();
    for start in graph.keys() {
        if let Some(cycle) = find_cycle(&graph, start)
            && reported.insert(cycle.iter().copied().collect::<BTreeSet<_>>())
        {
            diagnostics.push(SpecError::new(
                files[start],
                "$.fields",
                format!(
                    "expected shapes that do not contain themselves except through an array, found the cycle {}",
                    cycle.join(" → ")
                ),
            ));
        }
    }
}

/// Depth-first search for a path from `start` back to itself.
fn find_cycle<'a>(graph: &BTreeMap<&'a str, Vec<&'a str>>, start: &'a str) -> Option<Vec<&'a str>> {
    let mut stack = vec![(start, 0usize)];
    let mut path = vec![start];
    let mut visited = BTreeSet::new();
    while let Some((node, next)) = stack.pop() {
        let edges = graph.get(node).map(Vec::as_slice).unwrap_or_default();
        if let Some(&child) = edges.get(next) {
            stack.push((node, next + 1));
            if child == start {
                path.push(start);
                return Some(path);
            }
            if visited.insert(child) {
                stack.push((child, 0));
                path.push(child);
            }
        } else {
            path.pop();
        }
    }
    None
}
