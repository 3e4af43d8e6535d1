//! What an import produces before anything is written: typed spec files and
//! what could not be mapped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use codegen::load::raw::{ActionFile, EndpointSpec, Protocol, ServiceFile, ShapeFile};
use serde::Serialize;

/// Which actions to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Only these actions (and the shapes they use); all when `None`.
    pub actions: Option<Vec<String>>,
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

    fn add(&mut self, place: String, file: SpecFile) {
        // `/` on every platform, like the loader's paths.
        let path = PathBuf::from(format!("{}/{}/{place}", self.vendor, self.product));
        self.files.insert(path, file);
    }
}
