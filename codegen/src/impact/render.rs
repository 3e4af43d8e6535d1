//! The report as plain text for a terminal and as Markdown for a pull request.

use std::fmt::Write;

use super::report::Report;
use super::rule::{Rule, Verdict};

impl Report {
    /// The report as plain text; `against` names the old version (e.g. a
    /// revision), `version` is the crate's current version.
    pub fn to_text(&self, against: &str, version: Option<(u64, u64, u64)>) -> String {
        text(self, against, version)
    }

    /// The report as Markdown, ready to paste into a pull request.
    pub fn to_markdown(&self, against: &str, version: Option<(u64, u64, u64)>) -> String {
        markdown(self, against, version)
    }

    /// The rule table as Markdown (rule, verdict, what it covers).
    pub fn rule_table() -> String {
        rule_table()
    }
}

/// Plain text: a verdict line, then changes grouped by product and item.
fn text(report: &Report, against: &str, version: Option<(u64, u64, u64)>) -> String {
    let mut out = format!("{}\n", headline(report, against, version));
    let mut last_scope = None;
    let mut last_item = None;
    for change in &report.changes {
        if last_scope != Some(&change.scope) {
            let _ = writeln!(out, "\n{}", change.scope);
            last_scope = Some(&change.scope);
            last_item = None;
        }
        if last_item != Some(&change.item) {
            let _ = writeln!(out, "  {}", change.item);
            last_item = Some(&change.item);
        }
        let _ = writeln!(
            out,
            "    {:<13}  {}",
            change.verdict().name(),
            change.detail
        );
    }
    out
}

/// Markdown: a heading, the verdict, and one table row per change.
fn markdown(report: &Report, against: &str, version: Option<(u64, u64, u64)>) -> String {
    let mut out = format!(
        "### API impact against `{against}`\n\n{}\n",
        headline(report, against, version)
    );
    if report.is_empty() {
        return out;
    }
    out.push_str("\n| Verdict | Where | Change |\n|---|---|---|\n");
    for change in &report.changes {
        let verdict = match change.verdict() {
            Verdict::Breaking => "**breaking**",
            other => other.name(),
        };
        let _ = writeln!(
            out,
            "| {verdict} | `{}` {} | {} |",
            change.scope,
            cell(&change.item.to_string()),
            cell(&change.detail)
        );
    }
    out
}

/// Every rule with its verdict, as a Markdown table.
fn rule_table() -> String {
    let mut out = String::from("| Change | Verdict | Version bump |\n|---|---|---|\n");
    for rule in Rule::ALL {
        let verdict = rule.verdict();
        let bump = match verdict {
            Verdict::Breaking => "major (minor while 0.x)",
            Verdict::Additive => "minor (patch while 0.x)",
            Verdict::Documentation => "patch",
        };
        let _ = writeln!(out, "| {} | {verdict} | {bump} |", cell(rule.summary()));
    }
    out
}

fn headline(report: &Report, against: &str, version: Option<(u64, u64, u64)>) -> String {
    let Some(verdict) = report.verdict() else {
        return format!("No change to the generated API against {against}.");
    };
    let counts: Vec<String> = [Verdict::Breaking, Verdict::Additive, Verdict::Documentation]
        .into_iter()
        .map(|v| (v, report.count(v)))
        .filter(|(_, n)| *n > 0)
        .map(|(v, n)| format!("{n} {v}"))
        .collect();
    let release = match verdict {
        Verdict::Breaking => "a breaking release",
        Verdict::Additive => "a feature release",
        Verdict::Documentation => "a patch release",
    };
    let next = version.map_or(String::new(), |current| {
        let (major, minor, patch) = verdict.bump().next(current);
        format!(
            " ({}.{}.{} → {major}.{minor}.{patch})",
            current.0, current.1, current.2
        )
    });
    format!(
        "Against {against}: {} change{}; needs {release}{next}.",
        counts.join(", "),
        if report.changes.len() == 1 { "" } else { "s" }
    )
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
