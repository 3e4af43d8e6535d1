//! The scratch workspace both vendors' checks share, under
//! `target/import-check/<vendor>/`: a spec root of all imported products
//! (`spec/`), one where each product is imported on its own first
//! (`single/`), and a Cargo workspace of one crate per product (`crates/`).
//!
//! Every vendor's crates build into `target/import-check/target`, so the
//! runtime and its dependencies are built once for both.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::EmitOptions;

/// The scratch folders of one vendor's check under `target/import-check/`.
#[derive(Debug, Clone)]
pub struct Scratch {
    root: PathBuf,
    vendor: &'static str,
}

impl Scratch {
    /// The scratch folders of `vendor` in the checkout at `root`.
    pub fn new(root: &Path, vendor: &'static str) -> Self {
        Scratch {
            root: root.to_path_buf(),
            vendor,
        }
    }

    /// The vendor folder in spec roots (`tencent`, `alibaba`).
    pub fn vendor(&self) -> &'static str {
        self.vendor
    }

    /// The checkout.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `target/import-check/<vendor>`: this vendor's downloads and scratch trees.
    pub fn work(&self) -> PathBuf {
        self.root.join(self.label("."))
    }

    /// A folder of [`Scratch::work`] named from the repository root, as
    /// generated headers and spec errors name it.
    pub fn label(&self, folder: &str) -> String {
        let base = format!("target/import-check/{}", self.vendor);
        match folder {
            "." => base,
            folder => format!("{base}/{folder}"),
        }
    }

    /// The spec root of all imported products.
    pub fn spec(&self) -> PathBuf {
        self.root.join(self.label("spec"))
    }

    /// The spec root where each product is imported on its own first.
    pub fn single(&self) -> PathBuf {
        self.root.join(self.label("single"))
    }

    /// The scratch Cargo workspace: one crate per product.
    pub fn crates(&self) -> PathBuf {
        self.work().join("crates")
    }

    /// Where `cargo check` builds, shared by both vendors.
    pub fn target(&self) -> PathBuf {
        self.root.join("target/import-check/target")
    }

    /// The generator's options: headers name the combined spec root.
    pub fn emit_options(&self) -> EmitOptions {
        EmitOptions {
            spec_label: self.label("spec"),
            product_features: false,
            crate_doc: Some("Scratch crate of `cargo xtask import-check`: bindings generated from the vendor's own metadata.".into()),
        }
    }

    /// Makes `spec` an empty spec root with the checkout's
    /// `<vendor>/vendor.json` and schemas.
    pub fn prepare_spec_root(&self, spec: &Path) -> Result<(), String> {
        remove_dir(spec)?;
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |e: std::io::Error| format!("{path}: {e}")
        };
        fs::create_dir_all(spec.join(self.vendor)).map_err(io(spec))?;
        fs::create_dir_all(spec.join("schema")).map_err(io(spec))?;
        let repo = self.root.join("spec");
        let vendor_file = Path::new(self.vendor).join("vendor.json");
        fs::copy(repo.join(&vendor_file), spec.join(&vendor_file)).map_err(io(&repo))?;
        for entry in fs::read_dir(repo.join("schema")).map_err(io(&repo))? {
            let path = entry.map_err(io(&repo))?.path();
            fs::copy(&path, spec.join("schema").join(file_name(&path))).map_err(io(&path))?;
        }
        Ok(())
    }

    /// Writes the manifest of the crate `crates/<key>` and returns its folder:
    /// it depends on the checkout's runtime (and on `serde_json`, the type of
    /// `json` fields) and is a member of the scratch workspace, not of ours.
    pub fn write_manifest(&self, key: &str) -> Result<PathBuf, String> {
        let crate_dir = self.crates().join(key);
        fs::create_dir_all(crate_dir.join("src"))
            .map_err(|e| format!("{}: {e}", crate_dir.display()))?;
        let runtime = self.root.join("runtime");
        let manifest = format!(
            "[package]\nname = \"check_{key}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ncloudapi-runtime = {{ path = {:?} }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n",
            runtime.display().to_string()
        );
        let path = crate_dir.join("Cargo.toml");
        fs::write(&path, manifest).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(crate_dir)
    }
}

/// Removes `dir` and everything in it; a folder that is not there is fine.
pub fn remove_dir(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// The last part of `path`, as text.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
