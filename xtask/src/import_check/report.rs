//! What a check found, and how it is shown: the figures both vendors print,
//! and the per-product table of the Alibaba check.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::time::Duration;

use ::import::Unmapped;

/// One product that failed, at which stage and why.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The product as the vendor's metadata names it (a folder, or a folder and version).
    pub product: String,
    /// `import`, `generate` or `compile`.
    pub stage: &'static str,
    /// The first lines of the error.
    pub message: String,
}

/// One product that imported.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The product as the vendor's metadata names it (see [`Failure::product`]).
    pub label: String,
    /// Its folder in the scratch workspace (`crates/<key>`).
    pub key: String,
    /// Actions in its spec files.
    pub actions: usize,
    /// Types in its spec files.
    pub types: usize,
    /// What the importer skipped or adapted.
    pub unmapped: Vec<Unmapped>,
    /// Whether the generator turned it into a crate.
    pub generated: bool,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// What was checked (a package, a folder).
    pub package: String,
    /// Products in the package.
    pub found: usize,
    /// Products selected.
    pub selected: usize,
    /// Every product that imported, generated or not.
    pub imported: Vec<Imported>,
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
    /// The products that generated.
    pub fn generated(&self) -> impl Iterator<Item = &Imported> {
        self.imported.iter().filter(|p| p.generated)
    }

    /// The products that generated and compiled.
    pub fn compiled(&self) -> impl Iterator<Item = &Imported> {
        let failed = self.failed();
        self.generated()
            .filter(move |p| !failed.contains(p.label.as_str()))
    }

    /// Whether every product passed and nothing failed outside them.
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.check_passed != Some(false)
    }

    fn failed(&self) -> BTreeSet<&str> {
        self.failures.iter().map(|f| f.product.as_str()).collect()
    }

    /// `compiled  N products, A actions, T types`.
    pub fn write_compiled(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compiled: Vec<&Imported> = self.compiled().collect();
        let actions: usize = compiled.iter().map(|p| p.actions).sum();
        let types: usize = compiled.iter().map(|p| p.types).sum();
        writeln!(
            f,
            "compiled         {} products, {actions} actions, {types} types",
            compiled.len()
        )
    }

    /// The generation and `cargo check` timings and result.
    pub fn write_timings(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
        )
    }

    /// How many items were not mapped, and the ten most frequent reasons.
    pub fn write_unmapped(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for item in self.imported.iter().flat_map(|p| &p.unmapped) {
            *reasons.entry(reason_kind(&item.reason)).or_default() += 1;
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
        Ok(())
    }

    /// Errors naming no product, then every failure with its first lines.
    pub fn write_failures(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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

    /// One line per imported or failed product: its actions, how far it
    /// got, and the first `examples` items not mapped.
    ///
    /// `listed` gives each product's label and the number of actions its
    /// metadata documents, in the order to show them.
    pub fn write_products(
        &self,
        f: &mut fmt::Formatter<'_>,
        listed: &[(String, usize)],
        examples: usize,
    ) -> fmt::Result {
        let imported: BTreeMap<&str, &Imported> = self
            .imported
            .iter()
            .map(|p| (p.label.as_str(), p))
            .collect();
        let failed = self.failed();
        let width = listed.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
        writeln!(
            f,
            "{:width$}  {:>7}  {:>8}  {:9}  {:8}  unmapped",
            "product", "actions", "imported", "generated", "compiled"
        )?;
        for (label, documented) in listed {
            let product = imported.get(label.as_str());
            let yes_no = |done: bool| if done { "yes" } else { "no" };
            let generated = product.is_some_and(|p| p.generated);
            let compiled = generated && !failed.contains(label.as_str());
            let unmapped = product.map_or(&[][..], |p| &p.unmapped);
            writeln!(
                f,
                "{label:width$}  {documented:>7}  {:>8}  {:9}  {:8}  {}",
                product.map_or("-".to_string(), |p| p.actions.to_string()),
                yes_no(generated),
                yes_no(compiled),
                unmapped.len()
            )?;
            for item in unmapped.iter().take(examples) {
                let line: String = item.to_string().chars().take(150).collect();
                writeln!(f, "    {line}")?;
            }
        }
        Ok(())
    }
}

/// The Tencent check's summary (unchanged since it was the only one).
impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "package          {} ({} products, {} selected)",
            self.package, self.found, self.selected
        )?;
        writeln!(
            f,
            "imported         {} products generated on their own",
            self.generated().count()
        )?;
        self.write_compiled(f)?;
        self.write_timings(f)?;
        self.write_unmapped(f)?;
        self.write_failures(f)
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

/// The first `n` non-blank lines of `text`, and how many more there were.
pub fn first_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = lines.iter().take(n).copied().collect::<Vec<_>>().join("\n");
    if lines.len() > n {
        out.push_str(&format!("\n… {} more lines", lines.len() - n));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_counted_without_their_names() {
        assert_eq!(
            reason_kind("member `Foo` collides with `foo`"),
            "member `…` collides with `…`"
        );
    }

    #[test]
    fn long_texts_keep_their_first_lines() {
        assert_eq!(first_lines("a\n\nb\nc\nd", 2), "a\nb\n… 2 more lines");
        assert_eq!(first_lines("a\nb", 2), "a\nb");
    }
}
