//! What an import produces before anything is written: typed spec files and
//! what could not be mapped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use codegen::load::raw::{ActionFile, ServiceFile, ShapeFile};
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

    /// Adds `file` at its place in the product folder.
    pub(crate) fn add(&mut self, file: SpecFile) {
        let place = match &file {
            SpecFile::Service(_) => "service.json".to_string(),
            SpecFile::Action(action) => format!("actions/{}.json", action.name),
            SpecFile::Shape(shape) => format!("types/{}.json", shape.name),
        };
        // `/` on every platform, like the loader's paths.
        let path = PathBuf::from(format!("{}/{}/{place}", self.vendor, self.product));
        self.files.insert(path, file);
    }
}
