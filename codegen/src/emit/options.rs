//! What the caller chooses about the emitted crate.

/// Choices that differ between the generated crate and test fixtures.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// How headers name the spec root, e.g. `spec`.
    pub spec_label: String,
    /// Gate every product behind a cargo feature `<vendor>-<product>`.
    pub product_features: bool,
    /// Crate documentation; `None` includes the crate's README.md.
    pub crate_doc: Option<String>,
}
