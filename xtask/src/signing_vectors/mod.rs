//! `cargo xtask signing-vectors`: ROA signatures derived with Alibaba
//! Cloud's official Python signer, pinned in the runtime's tests.
//!
//! Alibaba publishes an ACS3 example for RPC calls only (the runtime's
//! `sign::acs3` tests pin it); for ROA the vectors come from the vendor's
//! own signer at a pinned version, installed into a virtual environment
//! under `target/`. This needs PyPI and is never run by `cargo test`, which
//! reads the file this writes.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::products::pypi;

/// The vendor's signer, and the packages it needs, at the versions the
/// vectors were derived with.
const PACKAGES: &[&str] = &[
    "alibabacloud-openapi-util==0.2.4",
    "alibabacloud-tea-util==0.3.15",
    "alibabacloud-tea==0.4.3",
];

/// Where the vectors are written, from the checkout's root.
pub const VECTORS: &str = "runtime/tests/vectors/acs3_roa.json";

/// Derives the vectors and writes them to [`VECTORS`].
pub fn run(root: &Path) -> Result<(), String> {
    let python = pypi::venv(&root.join("target/signing-vectors/venv"), PACKAGES)?.join("python");
    let script = root.join("xtask/src/signing_vectors/derive.py");
    let output = Command::new(&python)
        .arg(&script)
        .output()
        .map_err(|e| format!("{}: {e}", script.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed:\n{}",
            script.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut vectors: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("{} printed no JSON: {e}", script.display()))?;
    vectors["derived_with"] = PACKAGES.iter().map(|p| serde_json::json!(p)).collect();
    let path = root.join(VECTORS);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = serde_json::to_string_pretty(&vectors).map_err(|e| e.to_string())? + "\n";
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {VECTORS}");
    Ok(())
}
