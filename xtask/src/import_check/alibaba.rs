//! `cargo xtask import-check alibaba [--products a,b] [--all] [--all-versions]
//! [--api-docs DIR]`: the pinned Alibaba Cloud api-docs, each product
//! version in a style the importer converts (RPC, ROA, FC) imported,
//! generated and compiled; products in other styles are listed as skipped.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ::import::alibaba;

use super::api_docs::{self, Head};
use super::args::Selection;
use super::compile::compile;
use super::generate::{Candidate, generate_all};
use super::report::{Failure, Outcome};
use super::workspace::Scratch;

/// The products checked when none are named: the one the project ships.
pub const DEFAULT_PRODUCT: &str = "cas";

/// Where the api-docs are unless `--api-docs` says otherwise, from the
/// checkout's root: pinned copies beside it, since the vendor publishes
/// them on its portal, not in a package registry.
pub const DEFAULT_API_DOCS: &str = "../shared/vendor/alibaba/api-docs";

/// How many items not mapped are shown under each product.
const UNMAPPED_SHOWN: usize = 3;

/// What `cargo xtask import-check alibaba` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Which product folders.
    pub selection: Selection,
    /// `--all-versions`: every API version of each product, not only the newest.
    pub all_versions: bool,
    /// `--api-docs DIR`; [`DEFAULT_API_DOCS`] when `None`.
    pub api_docs: Option<PathBuf>,
}

/// Reads the words after `import-check alibaba`.
pub fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut all_versions = false;
    let mut api_docs = None;
    let mut rest = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        match *word {
            "--all-versions" => all_versions = true,
            "--api-docs" => match words.next() {
                Some(dir) if !dir.starts_with('-') => api_docs = Some(PathBuf::from(dir)),
                _ => return Err("expected a folder after --api-docs".into()),
            },
            other => rest.push(other),
        }
    }
    Ok(Args {
        selection: super::args::parse_selection(&rest, DEFAULT_PRODUCT)?,
        all_versions,
        api_docs,
    })
}

/// What the Alibaba check found.
#[derive(Debug, Default)]
pub struct Report {
    /// The api-docs folder.
    pub api_docs: PathBuf,
    /// Whether every version of each product was checked.
    pub all_versions: bool,
    /// Product folders in it.
    pub products: usize,
    /// Product versions in it.
    pub versions: usize,
    /// Product folders selected.
    pub selected: usize,
    /// Versions checked, with the actions each documents.
    pub checked: Vec<(String, usize)>,
    /// The style of each version checked, by label.
    pub styles: BTreeMap<String, String>,
    /// Versions in another style, with the style.
    pub skipped: Vec<(String, String)>,
    /// The import, generation and compilation of the versions checked.
    pub outcome: Outcome,
    /// The whole run.
    pub total: Duration,
}

/// Runs the whole check for the checkout at `root`.
pub fn run(root: &Path, args: &Args) -> Result<Report, String> {
    let started = Instant::now();
    let dir = args
        .api_docs
        .clone()
        .unwrap_or_else(|| root.join(DEFAULT_API_DOCS));
    if !dir.is_dir() {
        return Err(format!(
            "no Alibaba Cloud api-docs folder at {}: it should hold <product>/<version>/api-docs.json \
             (the pinned vendor metadata); give its place with --api-docs DIR",
            dir.display()
        ));
    }
    // Shown in the report as a plain path, without the `..` of the default.
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let available = api_docs::discover(&dir)?;
    let chosen = choose(&available, &args.selection, &dir)?;
    let mut report = Report {
        api_docs: dir.clone(),
        all_versions: args.all_versions,
        products: available.len(),
        versions: available.values().map(Vec::len).sum(),
        selected: chosen.len(),
        ..Report::default()
    };
    let mut candidates = Vec::new();
    for product in chosen {
        let versions = &available[product];
        // Oldest first, so the newest is last.
        let versions = if args.all_versions {
            &versions[..]
        } else {
            &versions[versions.len().saturating_sub(1)..]
        };
        for version in versions {
            let file = api_docs::file(&dir, product, version);
            let label = format!("{product}/{version}");
            match api_docs::read_head(&file) {
                Ok(head) if head.is_converted() => {
                    report.checked.push((label.clone(), head.actions));
                    report.styles.insert(label.clone(), head.style);
                    candidates.push(Candidate {
                        label,
                        file,
                        crate_suffix: args.all_versions.then(|| crate_suffix(version)),
                    });
                }
                Ok(Head { style, .. }) => report.skipped.push((label, style)),
                Err(message) => report.outcome.failures.push(Failure {
                    product: label,
                    stage: "import",
                    message,
                }),
            }
        }
    }
    let scratch = Scratch::new(root, "alibaba");
    let crates = generate_all(&scratch, &candidates, alibaba::plan, &mut report.outcome)?;
    compile(&scratch, &crates, &mut report.outcome)?;
    report.total = started.elapsed();
    Ok(report)
}

/// The product folders named by `selection`; an unknown name is an error.
fn choose<'a>(
    available: &'a BTreeMap<String, Vec<String>>,
    selection: &Selection,
    dir: &Path,
) -> Result<Vec<&'a String>, String> {
    let names = match selection {
        Selection::All => return Ok(available.keys().collect()),
        Selection::Products(names) => names,
    };
    let unknown: Vec<&str> = names
        .iter()
        .filter(|n| !available.contains_key(*n))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "no product folder {} with an api-docs.json in {}",
            unknown.join(", "),
            dir.display()
        ));
    }
    Ok(names
        .iter()
        .filter_map(|n| available.get_key_value(n).map(|(k, _)| k))
        .collect())
}

/// `2020-04-07` → `v2020_04_07`: a version as part of a crate name.
fn crate_suffix(version: &str) -> String {
    let safe: String = version
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '_',
        })
        .collect();
    format!("v{safe}")
}

impl Report {
    /// How many versions checked of each style pass `keep`, e.g. `RPC 3, ROA 1`.
    fn per_style(&self, keep: impl Fn(&str) -> bool) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (label, style) in &self.styles {
            let count = counts.entry(style.as_str()).or_default();
            if keep(label) {
                *count += 1;
            }
        }
        let counts: Vec<String> = counts.iter().map(|(s, n)| format!("{s} {n}")).collect();
        counts.join(", ")
    }

    /// Whether every version checked imported, generated and compiled.
    pub fn passed(&self) -> bool {
        self.outcome.passed()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let outcome = &self.outcome;
        let which = if self.all_versions {
            "every version of each product"
        } else {
            "the newest version of each product"
        };
        writeln!(
            f,
            "api-docs         {} ({} products, {} versions; {which})",
            self.api_docs.display(),
            self.products,
            self.versions
        )?;
        let mut styles: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, style) in &self.skipped {
            *styles.entry(style.as_str()).or_default() += 1;
        }
        let styles: Vec<String> = styles.iter().map(|(s, n)| format!("{s} {n}")).collect();
        writeln!(
            f,
            "selected         {} products: {} versions ({}); skipped by style: {}",
            self.selected,
            self.checked.len(),
            self.per_style(|_| true),
            if styles.is_empty() {
                "none".to_string()
            } else {
                styles.join(", ")
            }
        )?;
        let documented: usize = self.checked.iter().map(|(_, n)| n).sum();
        let imported: usize = outcome.imported.iter().map(|p| p.actions).sum();
        let done: std::collections::BTreeSet<&str> =
            outcome.imported.iter().map(|p| p.label.as_str()).collect();
        writeln!(
            f,
            "imported         {} of {} versions ({}), {imported} of {documented} documented actions",
            outcome.imported.len(),
            self.checked.len(),
            self.per_style(|label| done.contains(label))
        )?;
        writeln!(
            f,
            "generated        {} versions",
            outcome.generated().count()
        )?;
        outcome.write_compiled(f)?;
        outcome.write_timings(f)?;
        writeln!(f, "total time       {:.1}s", self.total.as_secs_f64())?;
        outcome.write_unmapped(f)?;
        writeln!(f)?;
        outcome.write_products(f, &self.checked, UNMAPPED_SHOWN)?;
        if !self.skipped.is_empty() {
            writeln!(f, "\nskipped          {} versions", self.skipped.len())?;
            for (label, style) in &self.skipped {
                writeln!(f, "  {label}  {style}")?;
            }
        }
        writeln!(f)?;
        outcome.write_failures(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_selection_versions_and_folder() {
        let parsed = parse_args(&[]).unwrap();
        assert_eq!(
            parsed,
            Args {
                selection: Selection::Products(vec!["cas".into()]),
                all_versions: false,
                api_docs: None,
            }
        );
        let parsed = parse_args(&["--api-docs", "docs", "--all", "--all-versions"]).unwrap();
        assert_eq!(parsed.selection, Selection::All);
        assert!(parsed.all_versions);
        assert_eq!(parsed.api_docs, Some(PathBuf::from("docs")));
        let parsed = parse_args(&["--products", "alidns,cas", "--api-docs", "d"]).unwrap();
        assert_eq!(
            parsed.selection,
            Selection::Products(vec!["alidns".into(), "cas".into()])
        );
    }

    #[test]
    fn says_what_is_wrong_with_the_arguments() {
        for missing in [&["--api-docs"][..], &["--api-docs", "--all"]] {
            assert_eq!(
                parse_args(missing),
                Err("expected a folder after --api-docs".to_string())
            );
        }
        assert_eq!(
            parse_args(&["--products"]),
            Err("expected a comma-separated list after --products".to_string())
        );
        assert_eq!(
            parse_args(&["--all", "--newest"]),
            Err("unknown arguments `--all --newest`".to_string())
        );
    }

    #[test]
    fn versions_become_crate_names() {
        assert_eq!(crate_suffix("2020-04-07"), "v2020_04_07");
        assert_eq!(crate_suffix("iap_1.0"), "viap_1_0");
    }

    fn fixture() -> PathBuf {
        crate::workspace_root().join("xtask/tests/fixtures/import-check/api-docs")
    }

    #[test]
    fn chooses_named_folders_and_names_unknown_ones() {
        let dir = fixture();
        let available = api_docs::discover(&dir).unwrap();
        let named = Selection::Products(vec!["widgets".into(), "gallery".into()]);
        assert_eq!(
            choose(&available, &named, &dir).unwrap(),
            ["widgets", "gallery"]
        );
        assert_eq!(choose(&available, &Selection::All, &dir).unwrap().len(), 5);
        let unknown = Selection::Products(vec!["widgets".into(), "cas".into()]);
        let error = choose(&available, &unknown, &dir).unwrap_err();
        assert!(
            error.starts_with("no product folder cas with an api-docs.json in"),
            "{error}"
        );
    }

    #[test]
    fn a_missing_api_docs_folder_fails_with_the_option_to_give() {
        let args = Args {
            selection: Selection::All,
            all_versions: false,
            api_docs: Some(fixture().join("nowhere")),
        };
        let error = run(Path::new("."), &args).unwrap_err();
        assert!(
            error.starts_with("no Alibaba Cloud api-docs folder at "),
            "{error}"
        );
        assert!(error.contains("nowhere"), "{error}");
        assert!(
            error.ends_with("give its place with --api-docs DIR"),
            "{error}"
        );
    }
}
