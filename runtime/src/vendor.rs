//! The cloud vendors the runtime knows: each has its own credential sources,
//! environment variables and profile files.

/// A cloud vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vendor {
    /// Tencent Cloud.
    Tencent,
    /// Alibaba Cloud.
    Alibaba,
}

impl Vendor {
    /// Human-readable name, e.g. `Tencent Cloud`.
    pub fn title(self) -> &'static str {
        match self {
            Vendor::Tencent => "Tencent Cloud",
            Vendor::Alibaba => "Alibaba Cloud",
        }
    }
}
