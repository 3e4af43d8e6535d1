//! Named types → spec files.

use std::collections::{BTreeMap, BTreeSet};

use codegen::load::raw::{ActionFile, ShapeFile};

use super::action::ActionIr;
use super::ir::{Def, TypeDef, TypeId, type_id};
use crate::draft::{FieldDraft, Usage, enum_shape, object_shape, reachable};

/// Types reachable from `fields`, through shape members.
pub(super) fn reach<'f>(
    types: &'f [TypeDef],
    fields: impl IntoIterator<Item = &'f FieldDraft>,
) -> BTreeSet<TypeId> {
    let members = |name: &str| match &types.get(type_id(name)?)?.def {
        Def::Object(members) => Some(members.as_slice()),
        Def::Enum { .. } => None,
    };
    reachable(fields, members)
        .iter()
        .filter_map(|name| type_id(name))
        .collect()
}

/// Writes actions and shapes once names are chosen.
pub(super) struct Emitter<'a> {
    pub types: &'a [TypeDef],
    pub names: &'a BTreeMap<TypeId, String>,
    /// Shapes some request contains.
    pub in_requests: &'a BTreeSet<TypeId>,
    /// Shapes some response contains: their members cannot be required,
    /// since a missing member would fail the whole response.
    pub in_responses: &'a BTreeSet<TypeId>,
}

impl Emitter<'_> {
    fn name(&self, id: TypeId) -> String {
        self.names.get(&id).cloned().unwrap_or_default()
    }

    /// The final name for a provisional one.
    fn rename(&self, provisional: &str) -> Option<String> {
        type_id(provisional).map(|id| self.name(id))
    }

    /// `actions/<Action>.json`.
    pub fn action(&self, action: &ActionIr) -> ActionFile {
        action.draft.written(&|name| self.rename(name))
    }

    /// `types/<Shape>.json`.
    pub fn shape(&self, id: TypeId) -> ShapeFile {
        let def = &self.types[id];
        let (name, description) = (self.name(id), def.description.clone());
        match &def.def {
            Def::Object(members) => {
                let usage = Usage {
                    in_requests: self.in_requests.contains(&id),
                    in_responses: self.in_responses.contains(&id),
                };
                let fields = members
                    .iter()
                    .map(|f| f.in_shape(usage, &|name| self.rename(name)));
                object_shape(name, description, fields.collect())
            }
            Def::Enum { scalar, values } => enum_shape(name, description, *scalar, values.clone()),
        }
    }
}
