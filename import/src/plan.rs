//! What an import produces before anything is written: typed spec files and
//! what could not be mapped.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use codegen::load::raw::{
    ActionFile, EndpointSpec, PagingSpec, Protocol, ServiceFile, ShapeFile, SourceSpec,
};
use serde::Serialize;

/// Which actions to import, and the curation an import must respect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Only these actions (and the shapes they use); all when `None`.
    pub actions: Option<Vec<String>>,
    /// What the product's `overlay/` folder says.
    pub curation: Curation,
    /// Write the import report (`IMPORT.md`) beside the spec files.
    pub report: bool,
}

/// One file of vendor metadata: its text, and where it comes from.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// Package, version, file and use, recorded in `service.json`.
    pub source: SourceSpec,
    /// The file's content.
    pub text: &'a str,
}

impl<'a> Input<'a> {
    /// A file given by name only (as `cargo xtask import` does).
    pub fn file(name: &str, text: &'a str) -> Self {
        Input {
            source: SourceSpec {
                name: name.to_string(),
                version: String::new(),
                file: name.to_string(),
                used_for: String::new(),
            },
            text,
        }
    }
}

/// What an import reads from a product's `overlay/` folder: the names a
/// person chose for the types the importer creates, and which files are
/// curated (for the report).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curation {
    /// The name the importer would give a type → the name to give it
    /// (`overlay/service.json`, `type_names`).
    pub type_names: BTreeMap<String, String>,
    /// Types with an overlay (`overlay/types/<Name>.json`).
    pub curated_types: BTreeSet<String>,
    /// Actions with an overlay (`overlay/actions/<Name>.json`).
    pub curated_actions: BTreeSet<String>,
    /// Fields of actions (action, wire name) whose overlay removes the
    /// value set (`"enum": null`): the importer does not look for one.
    pub without_value_sets: BTreeSet<(String, String)>,
    /// The paging each action's overlay confirms or sets (`None`: the
    /// overlay says the action does not page).
    pub paging: BTreeMap<String, Option<PagingSpec>>,
}

/// The spec files of one product, before anything is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportPlan {
    /// Vendor folder, e.g. `tencent`.
    pub vendor: String,
    /// Product folder, e.g. `ssl`.
    pub product: String,
    /// Spec files by their path relative to the spec root (`tencent/ssl/service.json`, …).
    pub files: BTreeMap<PathBuf, SpecFile>,
    /// Everything that could not be mapped, and why.
    pub unmapped: Vec<Unmapped>,
    /// Answer members the metadata calls required (or never null) that a
    /// documented answer leaves out (or sends as null): they are optional
    /// (or nullable), since the vendor's own answers show servers do so.
    pub relaxed: Vec<Unmapped>,
    /// The import report, written beside the product's spec files as
    /// `IMPORT.md`: sources, decisions to review, counts.
    pub report: Option<String>,
    /// Whether the plan has every action of the product (no `--actions`): then
    /// files in `actions/` and `types/` it does not have are the vendor's
    /// removals, stale.
    pub complete: bool,
}

/// One spec file of a product, as the loader reads it; serialized, it is the
/// file's content (see `codegen::load::raw::to_spec_text`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SpecFile {
    /// `service.json`.
    Service(ServiceFile),
    /// `actions/<Action>.json`.
    Action(Box<ActionFile>),
    /// `types/<Shape>.json`.
    Shape(ShapeFile),
}

/// One thing an import skipped or changed, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// What, e.g. `action DescribeFoo, member Bar`.
    pub what: String,
    /// Why it was skipped or how it was adapted.
    pub reason: String,
}

impl fmt::Display for Unmapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.what, self.reason)
    }
}

impl ImportPlan {
    /// An empty plan for `vendor`'s `product`.
    pub(crate) fn new(vendor: &str, product: &str) -> Self {
        ImportPlan {
            vendor: vendor.to_string(),
            product: product.to_string(),
            ..ImportPlan::default()
        }
    }

    /// Adds `service.json`.
    pub(crate) fn add_service(
        &mut self,
        title: String,
        description: String,
        version: &str,
        protocol: Protocol,
        endpoints: Vec<EndpointSpec>,
    ) {
        let service = ServiceFile {
            schema: "../../schema/service.schema.json".into(),
            vendor: self.vendor.clone(),
            product: self.product.clone(),
            title,
            description,
            version: version.to_string(),
            protocol,
            endpoints,
            errors: Vec::new(),
            sources: Vec::new(),
            // Most products are; the importers cannot tell which are not.
            regional: true,
        };
        self.add("service.json".into(), SpecFile::Service(service));
    }

    /// Adds `actions/<Action>.json`.
    pub(crate) fn add_action(&mut self, action: ActionFile) {
        let place = format!("actions/{}.json", action.name);
        self.add(place, SpecFile::Action(Box::new(action)));
    }

    /// Adds `types/<Shape>.json`.
    pub(crate) fn add_shape(&mut self, shape: ShapeFile) {
        let place = format!("types/{}.json", shape.name);
        self.add(place, SpecFile::Shape(shape));
    }

    /// The service file, once added.
    pub(crate) fn service_mut(&mut self) -> Option<&mut ServiceFile> {
        self.files.values_mut().find_map(|file| match file {
            SpecFile::Service(service) => Some(service),
            _ => None,
        })
    }

    /// The action files.
    pub(crate) fn actions(&self) -> impl Iterator<Item = &ActionFile> {
        self.files.values().filter_map(|file| match file {
            SpecFile::Action(action) => Some(action.as_ref()),
            _ => None,
        })
    }

    /// The shape files.
    pub(crate) fn shapes(&self) -> impl Iterator<Item = &ShapeFile> {
        self.files.values().filter_map(|file| match file {
            SpecFile::Shape(shape) => Some(shape),
            _ => None,
        })
    }

    fn add(&mut self, place: String, file: SpecFile) {
        // `/` on every platform, like the loader's paths.
        let path = PathBuf::from(format!("{}/{}/{place}", self.vendor, self.product));
        self.files.insert(path, file);
    }
}
