//! What the two whole certificate products cost a user, against the five
//! seed actions alone, measured in the same run:
//!
//! - generated lines per action;
//! - a clean debug build of a crate that depends on the bindings (feature
//!   `full`: every product);
//! - the size of a release binary that calls one action: unused actions
//!   must cost nothing at link time.
//!
//! The baseline is a crate generated from a copy of `spec/` that keeps only
//! the five seed actions (and their overlays), against the same runtime.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::write::{self, Mode};

use super::{median, run_command, secs};

/// The actions the project started with.
const SEEDS: &[&str] = &[
    "CreateCertificate",
    "CertificateOrderSubmit",
    "SubmitCertificateInformation",
    "UploadUpdateCertificateInstance",
    "CreateCertificateWithCsrRequest",
];

/// Clean builds per variant.
const RUNS: usize = 3;

/// The program both variants build: one call of one action.
const MAIN: &str = "#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n    let client = cloudapi::tencent::ssl::Client::new(cloudapi::Config::new()).unwrap();\n    let request = cloudapi::tencent::ssl::CertificateOrderSubmitRequest::new(\"id\");\n    println!(\"{:?}\", client.certificate_order_submit(request).await.is_ok());\n}\n";

pub(super) fn run(root: &Path, scratch: &Path) -> Result<(), String> {
    let seeds = seeds_crate(root, scratch)?;
    let variants = [
        ("five seed actions", seeds.clone()),
        ("both whole products", root.join("generated")),
    ];
    println!(
        "\nwhole products against the five seed actions (clean debug builds: median of {RUNS}; release binary calling one action)"
    );
    let mut sizes = Vec::new();
    let mut builds = Vec::new();
    for (label, bindings) in &variants {
        let (actions, lines) = lines_per_action(bindings)?;
        let user = user_crate(scratch, label, bindings)?;
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let target = user.join("target");
            let _ = fs::remove_dir_all(&target);
            let started = Instant::now();
            run_command(
                Command::new(crate::cargo())
                    .current_dir(&user)
                    .args(["build", "--quiet"]),
            )?;
            times.push(secs(started.elapsed()));
        }
        run_command(Command::new(crate::cargo()).current_dir(&user).args([
            "build",
            "--quiet",
            "--release",
        ]))?;
        let binary = user.join("target/release/user");
        let size = fs::metadata(&binary)
            .map_err(|e| format!("{}: {e}", binary.display()))?
            .len();
        let build = median(times);
        println!(
            "  {label:<20} {actions:>4} actions, {:>4} generated lines per action; clean debug build {build:.1} s; release binary {size} bytes",
            lines / actions.max(1)
        );
        sizes.push(size as f64);
        builds.push(build);
    }
    println!(
        "  whole products / seeds: build {:.2}×, binary {:.4}× ({:+} bytes)",
        builds[1] / builds[0],
        sizes[1] / sizes[0],
        sizes[1] as i64 - sizes[0] as i64
    );
    Ok(())
}

/// The bindings of the five seed actions: `spec/` without the other actions.
fn seeds_crate(root: &Path, scratch: &Path) -> Result<PathBuf, String> {
    let spec = scratch.join("seeds-spec");
    let _ = fs::remove_dir_all(&spec);
    copy_dir(&root.join("spec"), &spec)?;
    for folder in ["actions", "overlay/actions"] {
        for product in ["tencent/ssl", "alibaba/cas"] {
            let dir = spec.join(product).join(folder);
            for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
                let path = entry.map_err(|e| e.to_string())?.path();
                let action = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default();
                if !SEEDS.contains(&action) {
                    fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                }
            }
        }
    }
    prune_shapes(&spec)?;
    let dir = scratch.join("seeds-bindings");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let options = codegen::EmitOptions {
        spec_label: "spec".into(),
        product_features: true,
        crate_doc: Some("The five seed actions, for measurements.".into()),
    };
    let generated = codegen::generate(&spec, &options).map_err(|e| e.to_string())?;
    let runtime = root
        .join("runtime")
        .display()
        .to_string()
        .replace('\\', "/");
    let manifest = format!(
        "[package]\nname = \"cloudapi\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\ncloudapi-runtime = {{ path = \"{runtime}\" }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\n{}\n[workspace]\n",
        generated.features.as_deref().unwrap_or_default()
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    write::write(&dir, &generated.files, None, Mode::Write).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Removes the shared types the remaining actions do not reach, with their
/// overlays and the names `overlay/service.json` gives them, so that the
/// baseline is what the seed actions alone generate.
fn prune_shapes(spec: &Path) -> Result<(), String> {
    let tree = codegen::load::load_tree(spec).map_err(|e| e.to_string())?;
    for product in tree.vendors.iter().flat_map(|v| &v.products) {
        let shapes: BTreeMap<&str, &codegen::load::raw::ShapeFile> = product
            .shapes
            .iter()
            .map(|s| (s.value.name.as_str(), &s.value))
            .collect();
        let mut pending: Vec<&str> = product
            .actions
            .iter()
            .flat_map(|a| a.value.input.iter().chain(&a.value.output))
            .filter_map(|f| shape_ref(&f.ty))
            .collect();
        let mut reached = BTreeSet::new();
        while let Some(name) = pending.pop() {
            if !reached.insert(name) {
                continue;
            }
            if let Some(fields) = shapes.get(name).and_then(|s| s.fields.as_ref()) {
                pending.extend(fields.iter().filter_map(|f| shape_ref(&f.ty)));
            }
        }
        let dir = spec.join(&product.dir);
        for name in shapes.keys().filter(|n| !reached.contains(*n)) {
            for file in [
                format!("types/{name}.json"),
                format!("overlay/types/{name}.json"),
            ] {
                let path = dir.join(file);
                if path.is_file() {
                    fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                }
            }
        }
        let service = dir.join("overlay/service.json");
        if service.is_file() {
            let text = fs::read_to_string(&service).map_err(|e| e.to_string())?;
            let mut value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| e.to_string())?;
            if let Some(names) = value.get_mut("type_names").and_then(|v| v.as_object_mut()) {
                names.retain(|_, to| to.as_str().is_some_and(|to| reached.contains(to)));
            }
            fs::write(&service, value.to_string()).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn shape_ref(ty: &codegen::load::type_expr::TypeExpr) -> Option<&str> {
    match ty.element() {
        codegen::load::type_expr::TypeExpr::Ref(name) => Some(name.as_str()),
        _ => None,
    }
}

/// A user's crate depending on `bindings` (every product).
fn user_crate(scratch: &Path, label: &str, bindings: &Path) -> Result<PathBuf, String> {
    let dir = scratch.join(format!("user-{}", label.replace(' ', "-")));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let bindings = bindings.display().to_string().replace('\\', "/");
    let manifest = format!(
        "[package]\nname = \"user\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\ncloudapi = {{ path = \"{bindings}\", features = [\"full\"] }}\ntokio = {{ version = \"1\", features = [\"rt\", \"macros\"] }}\n\n[workspace]\n"
    );
    fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    fs::write(dir.join("src/main.rs"), MAIN).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Actions and generated lines of the bindings crate at `dir`.
pub(super) fn lines_per_action(dir: &Path) -> Result<(usize, usize), String> {
    let mut files = Vec::new();
    rust_files(&dir.join("src"), &mut files)?;
    let mut lines = 0;
    let mut actions = 0;
    for file in files {
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        lines += text.lines().count();
        actions += text.matches("pub static ACTION:").count();
    }
    Ok((actions, lines))
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rust_files(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}
