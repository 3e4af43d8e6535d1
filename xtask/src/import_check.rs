//! `cargo xtask import-check tencent [--products a,b] [--all]`: an end-to-end
//! check of the Tencent importer against the vendor's current metadata.
//!
//! Downloads the `tccli` wheel from PyPI, unpacks it, imports the newest API
//! version of one (`ssl` by default), some or all products into a scratch
//! spec root, generates a scratch crate from it and runs `cargo check` on it.
//! Everything lives under `target/import-check/`; nothing in the checkout
//! changes. It needs network access and minutes, so it is never part of
//! `cargo test`.
//!
//! Each product is imported and generated on its own, so one failure does
//! not hide the others, and into its own crate of a scratch workspace
//! (`target/import-check/crates/`); the products that generated are also
//! generated together once, as `cargo xtask gen` would. One
//! `cargo check --workspace --keep-going` then compiles every crate, and the
//! failing ones name their products.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use ::import::{ImportOptions, tencent, write_plan};
use codegen::write::{self, Mode};
use codegen::{EmitOptions, GenerateError};

/// Which products to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These tccli service folders (e.g. `ssl`, `cvm`).
    Products(Vec<String>),
    /// Every product in the package.
    All,
}

/// One product that failed, at which stage and why.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The tccli service folder.
    pub product: String,
    /// `import`, `generate` or `compile`.
    pub stage: &'static str,
    /// The first lines of the error.
    pub message: String,
}

/// One product that imported and generated.
#[derive(Debug, Clone)]
struct Imported {
    dir: String,
    product: String,
    actions: usize,
    types: usize,
    unmapped: Vec<String>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The wheel that was checked.
    pub package: String,
    /// Products in the package.
    pub found: usize,
    /// Products selected.
    pub selected: usize,
    imported: Vec<Imported>,
    /// Time spent generating the products one by one.
    pub generate_each: Duration,
    /// Time spent generating all imported products together.
    pub generate_all: Duration,
    /// Time spent in `cargo check`.
    pub check_time: Duration,
    /// Whether the final `cargo check` passed (`None`: nothing to compile).
    pub check_passed: Option<bool>,
    /// Errors that name no product (first lines).
    pub unattributed: Option<String>,
    /// Every product that failed.
    pub failures: Vec<Failure>,
}

impl Outcome {
    fn compiled(&self) -> impl Iterator<Item = &Imported> {
        let failed: BTreeSet<&str> = self.failures.iter().map(|f| f.product.as_str()).collect();
        self.imported
            .iter()
            .filter(move |p| !failed.contains(p.dir.as_str()))
    }
}

/// `import-check tencent [--products a,b] [--all]` with `args` after `import-check`.
pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let selection = match parse_args(args) {
        Ok(selection) => selection,
        Err(e) => {
            eprintln!("{e}\n\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(root, &selection) {
        Ok(outcome) => {
            println!("{outcome}");
            if outcome.failures.is_empty() && outcome.check_passed != Some(false) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("import-check: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The arguments of `cargo xtask import-check`.
pub const USAGE: &str = "cargo xtask import-check tencent [--products a,b] [--all]";

fn parse_args(args: &[&str]) -> Result<Selection, String> {
    let rest = match args {
        ["tencent", rest @ ..] => rest,
        [] => return Err("expected the vendor `tencent`".into()),
        [other, ..] => return Err(format!("expected the vendor `tencent`, found `{other}`")),
    };
    match rest {
        [] => Ok(Selection::Products(vec!["ssl".into()])),
        ["--all"] => Ok(Selection::All),
        ["--products", list] if !list.starts_with('-') => Ok(Selection::Products(
            list.split(',').map(|p| p.trim().to_string()).collect(),
        )),
        ["--products", ..] => Err("expected a comma-separated list after --products".into()),
        other => Err(format!("unknown arguments `{}`", other.join(" "))),
    }
}

/// Runs the whole check for the checkout at `root`.
pub fn run(root: &Path, selection: &Selection) -> Result<Outcome, String> {
    let work = root.join("target/import-check");
    let wheel = download(&work)?;
    let unpacked = work.join("wheel");
    remove_dir(&unpacked)?;
    run_command(
        Command::new("python3")
            .args(["-m", "zipfile", "-e"])
            .arg(&wheel)
            .arg(&unpacked),
    )?;
    let available = find_products(&unpacked.join("tccli/services"))?;
    let chosen: Vec<&String> = match selection {
        Selection::All => available.keys().collect(),
        Selection::Products(names) => {
            let unknown: Vec<&str> = names
                .iter()
                .filter(|n| !available.contains_key(*n))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                return Err(format!("no product {} in the package", unknown.join(", ")));
            }
            names.iter().collect()
        }
    };
    let mut outcome = Outcome {
        package: file_name(&wheel),
        found: available.len(),
        selected: chosen.len(),
        ..Outcome::default()
    };
    let spec = root.join(SCRATCH_SPEC);
    prepare_spec_root(root, &spec)?;
    let mut products: BTreeMap<String, String> = BTreeMap::new();
    for dir in chosen {
        match import_one(
            root,
            &available[dir],
            &work,
            &products,
            &mut outcome.generate_each,
        ) {
            Ok(imported) => {
                let from = root
                    .join(SCRATCH_SINGLE)
                    .join("tencent")
                    .join(&imported.product);
                let to = spec.join("tencent").join(&imported.product);
                fs::rename(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
                products.insert(imported.product.clone(), dir.clone());
                outcome.imported.push(imported);
            }
            Err(failure) => outcome.failures.push(Failure {
                product: dir.clone(),
                ..failure
            }),
        }
    }
    if outcome.imported.is_empty() {
        return Ok(outcome);
    }
    // All products in one tree, as `cargo xtask gen` would see them.
    let started = Instant::now();
    let together = codegen::generate(&spec, &emit_options());
    outcome.generate_all = started.elapsed();
    if let Err(e) = together {
        outcome.unattributed = Some(format!(
            "generating all products together failed:\n{}",
            first_lines(&e.to_string(), 10)
        ));
    }
    compile(root, &work, &products, &mut outcome)?;
    Ok(outcome)
}

/// Imports and generates one product in `single`, timing the generation,
/// and writes its scratch crate `crates/<product>`.
fn import_one(
    root: &Path,
    api: &Path,
    work: &Path,
    done: &BTreeMap<String, String>,
    generate_time: &mut Duration,
) -> Result<Imported, Failure> {
    let failure = |stage, message: String| Failure {
        product: String::new(),
        stage,
        message: first_lines(&message, 8),
    };
    let text = fs::read_to_string(api)
        .map_err(|e| failure("import", format!("{}: {e}", api.display())))?;
    let dir = api
        .parent()
        .and_then(Path::parent)
        .map(file_name)
        .unwrap_or_default();
    let plan = tencent::plan(&api.display().to_string(), &text, &ImportOptions::default())
        .map_err(|e| failure("import", e.to_string()))?;
    if let Some(first) = done.get(&plan.product) {
        return Err(failure(
            "import",
            format!("same product `{}` as the folder `{first}`", plan.product),
        ));
    }
    let single = root.join(SCRATCH_SINGLE);
    prepare_spec_root(root, &single).map_err(|e| failure("import", e))?;
    write_plan(&single, &plan, true)
        .map_err(|e| failure("import", e.with_spec_label(SCRATCH_SINGLE).to_string()))?;
    let started = Instant::now();
    let generated = codegen::generate(&single, &emit_options());
    *generate_time += started.elapsed();
    // The headers name where the product will be (`spec/`); a problem is
    // in the files where they are now.
    let generated = generated.map_err(|e| {
        let e = match e {
            GenerateError::Spec(diagnostics) => {
                GenerateError::Spec(diagnostics.with_spec_label(SCRATCH_SINGLE))
            }
            internal => internal,
        };
        failure("generate", e.to_string())
    })?;
    let crate_dir = work.join("crates").join(&plan.product);
    write_manifest(root, &crate_dir, &plan.product).map_err(|e| failure("generate", e))?;
    write::write(&crate_dir, &generated.files, None, Mode::Write)
        .map_err(|e| failure("generate", e.to_string()))?;
    let count = |folder: &str| {
        plan.files
            .keys()
            .filter(|p| p.parent().is_some_and(|d| d.ends_with(folder)))
            .count()
    };
    Ok(Imported {
        dir,
        product: plan.product.clone(),
        actions: count("actions"),
        types: count("types"),
        unmapped: plan.unmapped.iter().map(|u| u.reason.clone()).collect(),
    })
}

/// Checks every product's crate in one `cargo check --keep-going` of a
/// scratch workspace, and names the products whose crates fail.
///
/// One crate per product rather than one crate for all: all products
/// together are about 185 MB of source, and rustc needs more memory for one
/// such crate than a developer machine has.
fn compile(
    root: &Path,
    work: &Path,
    products: &BTreeMap<String, String>,
    outcome: &mut Outcome,
) -> Result<(), String> {
    let crates = work.join("crates");
    // Crates of products not checked this time would only slow cargo down.
    for entry in fs::read_dir(&crates)
        .map_err(|e| format!("{}: {e}", crates.display()))?
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !products.contains_key(&name) {
            remove_dir(&entry.path())?;
        }
    }
    let members: Vec<String> = products.keys().map(|p| format!("{p:?}")).collect();
    let manifest = format!(
        "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    fs::write(crates.join("Cargo.toml"), manifest)
        .map_err(|e| format!("{}: {e}", crates.display()))?;
    if let Ok(lock) = fs::read_to_string(root.join("Cargo.lock")) {
        let _ = fs::write(crates.join("Cargo.lock"), lock);
    }
    let started = Instant::now();
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--quiet",
            "--message-format",
            "short",
            "--manifest-path",
        ])
        .arg(crates.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", work.join("target"))
        .output()
        .map_err(|e| format!("running cargo check: {e}"))?;
    outcome.check_time = started.elapsed();
    outcome.check_passed = Some(output.status.success());
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mut by_product = errors_by_product(&stderr);
    for line in stderr.lines() {
        // `error: could not compile `check_<product>` …` names crates whose errors name no file.
        if let Some(rest) = line.strip_prefix("error: could not compile `check_")
            && let Some((product, _)) = rest.split_once('`')
        {
            by_product
                .entry(product.to_string())
                .or_insert_with(|| vec![line.to_string()]);
        }
    }
    if by_product.is_empty() {
        outcome.unattributed = Some(first_lines(&stderr, 20));
    }
    for (product, errors) in by_product {
        let count = errors.len();
        let mut message = errors.into_iter().take(3).collect::<Vec<_>>().join("\n");
        if count > 3 {
            message.push_str(&format!("\n… {count} errors in all"));
        }
        let dir = products.get(&product).cloned().unwrap_or(product);
        outcome.failures.push(Failure {
            product: dir,
            stage: "compile",
            message,
        });
    }
    Ok(())
}

/// `…/src/tencent/<product>/…: error…` lines, by product.
fn errors_by_product(stderr: &str) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in stderr.lines().filter(|l| l.contains(": error")) {
        let Some(rest) = line
            .find("src/tencent/")
            .map(|at| &line[at + "src/tencent/".len()..])
        else {
            continue;
        };
        let Some((product, _)) = rest.split_once('/') else {
            continue;
        };
        found
            .entry(product.to_string())
            .or_default()
            .push(line.trim().to_string());
    }
    found
}

/// The scratch spec root of all imported products, from the repository root.
const SCRATCH_SPEC: &str = "target/import-check/spec";
/// The scratch spec root where each product is imported on its own first.
const SCRATCH_SINGLE: &str = "target/import-check/single";

fn emit_options() -> EmitOptions {
    EmitOptions {
        spec_label: SCRATCH_SPEC.into(),
        product_features: false,
        crate_doc: Some("Scratch crate of `cargo xtask import-check`: bindings generated from the vendor's own metadata.".into()),
    }
}

/// The crate of one product: depends on the checkout's runtime; it is a
/// member of the scratch workspace in `crates/`, not of ours.
fn write_manifest(root: &Path, crate_dir: &Path, product: &str) -> Result<(), String> {
    fs::create_dir_all(crate_dir.join("src"))
        .map_err(|e| format!("{}: {e}", crate_dir.display()))?;
    let runtime = root.join("runtime");
    let manifest = format!(
        "[package]\nname = \"check_{product}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ncloudapi-runtime = {{ path = {:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n",
        runtime.display().to_string()
    );
    let path = crate_dir.join("Cargo.toml");
    fs::write(&path, manifest).map_err(|e| format!("{}: {e}", path.display()))
}

/// An empty spec root with the checkout's `tencent/vendor.json` and schemas.
fn prepare_spec_root(root: &Path, spec: &Path) -> Result<(), String> {
    remove_dir(spec)?;
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |e: std::io::Error| format!("{path}: {e}")
    };
    fs::create_dir_all(spec.join("tencent")).map_err(io(spec))?;
    fs::create_dir_all(spec.join("schema")).map_err(io(spec))?;
    let repo = root.join("spec");
    fs::copy(
        repo.join("tencent/vendor.json"),
        spec.join("tencent/vendor.json"),
    )
    .map_err(io(&repo))?;
    for entry in fs::read_dir(repo.join("schema")).map_err(io(&repo))? {
        let path = entry.map_err(io(&repo))?.path();
        fs::copy(
            &path,
            spec.join("schema")
                .join(path.file_name().unwrap_or_default()),
        )
        .map_err(io(&path))?;
    }
    Ok(())
}

/// Downloads the newest `tccli` wheel into `work/pip`; returns its path.
fn download(work: &Path) -> Result<PathBuf, String> {
    let pip = work.join("pip");
    fs::create_dir_all(&pip).map_err(|e| format!("{}: {e}", pip.display()))?;
    run_command(
        Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "tccli",
                "--no-deps",
                "--quiet",
                "--disable-pip-version-check",
                "-d",
            ])
            .arg(&pip),
    )?;
    let mut wheels: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(&pip)
        .map_err(|e| format!("{}: {e}", pip.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| file_name(p).starts_with("tccli-") && file_name(p).ends_with(".whl"))
        .filter_map(|p| Some((fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    wheels.sort();
    wheels
        .pop()
        .map(|(_, p)| p)
        .ok_or_else(|| format!("no tccli wheel in {}", pip.display()))
}

/// `<service>/<version>/api.json` with the newest version of each service.
fn find_products(services: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        entries.sort();
        Ok(entries)
    };
    let mut products = BTreeMap::new();
    for service in list(services)? {
        // Versions are `vYYYYMMDD`, so the last in sorted order is the newest.
        let newest = list(&service)?
            .into_iter()
            .rfind(|v| file_name(v).starts_with('v') && v.join("api.json").is_file());
        if let Some(version) = newest {
            products.insert(file_name(&service), version.join("api.json"));
        }
    }
    Ok(products)
}

fn run_command(command: &mut Command) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("running {command:?}: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{command:?} failed:\n{}",
        first_lines(&String::from_utf8_lossy(&output.stderr), 10)
    ))
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = lines.iter().take(n).copied().collect::<Vec<_>>().join("\n");
    if lines.len() > n {
        out.push_str(&format!("\n… {} more lines", lines.len() - n));
    }
    out
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compiled: Vec<&Imported> = self.compiled().collect();
        let actions: usize = compiled.iter().map(|p| p.actions).sum();
        let types: usize = compiled.iter().map(|p| p.types).sum();
        writeln!(
            f,
            "package          {} ({} products, {} selected)",
            self.package, self.found, self.selected
        )?;
        writeln!(
            f,
            "imported         {} products generated on their own",
            self.imported.len()
        )?;
        writeln!(
            f,
            "compiled         {} products, {actions} actions, {types} types",
            compiled.len()
        )?;
        writeln!(
            f,
            "generation       {:.1}s one by one, {:.1}s combined",
            self.generate_each.as_secs_f64(),
            self.generate_all.as_secs_f64()
        )?;
        let check = match self.check_passed {
            Some(true) => "passed",
            Some(false) => "failed",
            None => "not run",
        };
        writeln!(
            f,
            "cargo check      {check} ({:.1}s)",
            self.check_time.as_secs_f64()
        )?;
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for reason in self.imported.iter().flat_map(|p| &p.unmapped) {
            *reasons.entry(reason_kind(reason)).or_default() += 1;
        }
        let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        writeln!(
            f,
            "not mapped       {} items; most frequent:",
            reasons.iter().map(|r| r.1).sum::<usize>()
        )?;
        for (reason, count) in reasons.iter().take(10) {
            writeln!(f, "  {count:>6}  {reason}")?;
        }
        if let Some(errors) = &self.unattributed {
            writeln!(f, "errors naming no product:\n{errors}")?;
        }
        writeln!(f, "failures         {}", self.failures.len())?;
        for failure in &self.failures {
            writeln!(f, "  {} ({}):", failure.product, failure.stage)?;
            for line in failure.message.lines() {
                writeln!(f, "      {line}")?;
            }
        }
        Ok(())
    }
}

/// A reason with its specific names (in backticks) blanked out, for counting.
fn reason_kind(reason: &str) -> String {
    let mut out = String::new();
    for (i, part) in reason.split('`').enumerate() {
        out.push_str(if i % 2 == 1 { "`…`" } else { part });
    }
    out.chars().take(110).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_selection_and_says_what_is_wrong() {
        assert_eq!(
            parse_args(&["tencent"]),
            Ok(Selection::Products(vec!["ssl".into()]))
        );
        assert_eq!(parse_args(&["tencent", "--all"]), Ok(Selection::All));
        assert_eq!(
            parse_args(&["tencent", "--products", "ssl, cvm"]),
            Ok(Selection::Products(vec!["ssl".into(), "cvm".into()]))
        );
        assert_eq!(
            parse_args(&[]),
            Err("expected the vendor `tencent`".to_string())
        );
        assert_eq!(
            parse_args(&["alibaba"]),
            Err("expected the vendor `tencent`, found `alibaba`".to_string())
        );
        for missing in [
            &["tencent", "--products"][..],
            &["tencent", "--products", "--all"],
        ] {
            assert_eq!(
                parse_args(missing),
                Err("expected a comma-separated list after --products".to_string())
            );
        }
        assert_eq!(
            parse_args(&["tencent", "--force"]),
            Err("unknown arguments `--force`".to_string())
        );
    }
}
