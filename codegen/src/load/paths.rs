//! Naming places: a file inside the spec tree, a value inside a file (its JSON path).

use std::path::{Path, PathBuf};

/// Whether the JSON path `inner` is `outer` or a path inside it.
pub(crate) fn is_within(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// Joins path components with `/` whatever the platform, so messages and
/// generated headers are identical everywhere.
pub(crate) fn rel_path(parts: &[&str]) -> PathBuf {
    PathBuf::from(parts.join("/"))
}

/// A file's path inside its product folder (`actions/X.json` for
/// `vendor/product/actions/X.json`), for messages that name another file of
/// the product of the problem's file, which already names the product.
pub(crate) fn in_product(file: &Path) -> String {
    let parts: Vec<_> = file
        .components()
        .skip(2)
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// `source` (relative to the spec root) named from the repository root, with `/`
/// separators on every platform: headers and spec errors name files alike.
pub(crate) fn display_path(label: &str, source: &Path) -> String {
    let source = source.to_string_lossy().replace('\\', "/");
    if source.is_empty() {
        format!("{label}/")
    } else {
        format!("{label}/{source}")
    }
}

/// The file stem (`CreateCertificate` for `actions/CreateCertificate.json`).
pub(crate) fn stem(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_product_drops_vendor_and_product() {
        assert_eq!(
            in_product(Path::new("tencent/ssl/actions/A.json")),
            "actions/A.json"
        );
        assert_eq!(
            in_product(Path::new("tencent/ssl/overlay/types/T.json")),
            "overlay/types/T.json"
        );
    }
}
