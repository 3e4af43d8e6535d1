//! `cargo xtask import-check <tencent|alibaba> …`: an end-to-end check of an
//! importer against a vendor's own metadata.
//!
//! Each product is imported into a scratch spec root, generated into a
//! scratch crate and compiled with `cargo check`, all under
//! `target/import-check/`; nothing in the checkout changes. It takes minutes
//! (and, for Tencent, network access), so it is never part of `cargo test`.
//!
//! - [`tencent`]: the newest API version of tccli's products, from PyPI.
//! - [`alibaba`]: the RPC-style products of the pinned api-docs folder
//!   ([`api_docs`] finds and classifies them).
//! - What both share: the scratch workspace (`workspace`), each product
//!   imported and generated on its own (`generate`), one `cargo check` and
//!   which product each error belongs to (`compile`), the selection
//!   (`args`) and the figures and how they are shown ([`report`]).

pub mod alibaba;
pub mod api_docs;
mod args;
mod compile;
mod generate;
pub mod report;
pub mod tencent;
mod workspace;

pub use args::Selection;

use std::path::Path;
use std::process::ExitCode;

/// What `cargo xtask import-check` was asked to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// tccli's products.
    Tencent(Selection),
    /// The api-docs folder's products.
    Alibaba(alibaba::Args),
}

/// The arguments of `cargo xtask import-check`.
pub const USAGE: &str = "cargo xtask import-check tencent [--products a,b] [--all]
       cargo xtask import-check alibaba [--products a,b] [--all] [--all-versions] [--api-docs DIR]";

/// `import-check <vendor> …` with `args` after `import-check`.
pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let check = match parse_args(args) {
        Ok(check) => check,
        Err(e) => {
            eprintln!("{e}\n\nusage: {USAGE}");
            return ExitCode::from(2);
        }
    };
    let passed = match &check {
        Check::Tencent(selection) => tencent::run(root, selection).map(|outcome| {
            println!("{outcome}");
            outcome.passed()
        }),
        Check::Alibaba(args) => alibaba::run(root, args).map(|report| {
            println!("{report}");
            report.passed()
        }),
    };
    match passed {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("import-check: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the words after `import-check`.
pub fn parse_args(args: &[&str]) -> Result<Check, String> {
    match args {
        ["tencent", rest @ ..] => {
            args::parse_selection(rest, tencent::DEFAULT_PRODUCT).map(Check::Tencent)
        }
        ["alibaba", rest @ ..] => alibaba::parse_args(rest).map(Check::Alibaba),
        [] => Err("expected the vendor `tencent` or `alibaba`".into()),
        [other, ..] => Err(format!(
            "expected the vendor `tencent` or `alibaba`, found `{other}`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tencent(args: &[&str]) -> Result<Selection, String> {
        match parse_args(args)? {
            Check::Tencent(selection) => Ok(selection),
            other => Err(format!("not a Tencent check: {other:?}")),
        }
    }

    #[test]
    fn reads_the_selection_and_says_what_is_wrong() {
        assert_eq!(
            tencent(&["tencent"]),
            Ok(Selection::Products(vec!["ssl".into()]))
        );
        assert_eq!(tencent(&["tencent", "--all"]), Ok(Selection::All));
        assert_eq!(
            tencent(&["tencent", "--products", "ssl, cvm"]),
            Ok(Selection::Products(vec!["ssl".into(), "cvm".into()]))
        );
        assert_eq!(
            tencent(&[]),
            Err("expected the vendor `tencent` or `alibaba`".to_string())
        );
        assert_eq!(
            tencent(&["aws"]),
            Err("expected the vendor `tencent` or `alibaba`, found `aws`".to_string())
        );
        for missing in [
            &["tencent", "--products"][..],
            &["tencent", "--products", "--all"],
        ] {
            assert_eq!(
                tencent(missing),
                Err("expected a comma-separated list after --products".to_string())
            );
        }
        assert_eq!(
            tencent(&["tencent", "--force"]),
            Err("unknown arguments `--force`".to_string())
        );
        // Only the Alibaba check reads several versions or a folder.
        assert_eq!(
            tencent(&["tencent", "--all-versions"]),
            Err("unknown arguments `--all-versions`".to_string())
        );
    }

    #[test]
    fn the_vendor_word_chooses_the_check() {
        let check = parse_args(&["alibaba", "--products", "alidns,cas"]).unwrap();
        assert_eq!(
            check,
            Check::Alibaba(alibaba::Args {
                selection: Selection::Products(vec!["alidns".into(), "cas".into()]),
                all_versions: false,
                api_docs: None,
            })
        );
    }
}
