//! No two files of a crate import each other, directly or through others:
//! modules stand on each other in one direction.
//!
//! A file imports another when it names a path into the module that file
//! defines: in a `use` (a `pub use` re-export included, so a `mod.rs` that
//! re-exports its child imports it) or written out in code
//! (`crate::server::Server::start()`, also inside `format!`, `assert!` and the
//! other standard macros that take expressions; not inside `quote!`, whose
//! paths are the generated crate's). A `mod.rs` counts as its own file, and a
//! parent declaring its children with `mod` is the tree, not an import. Test
//! code (`#[cfg(test)]`, `mod tests`) may reach anywhere and is left out.
//! A failure names the files of each cycle and the path behind each arrow.
//!
//! It is a test of `xtask` rather than an `xtask` command: it checks the
//! sources, as clippy does, so `cargo test` is where it belongs, and living in
//! `tests/` keeps `syn`'s visitor out of the `cargo xtask` binary. It sits in
//! its own folder (`tree`, `imports`, `graph`), each file one step, so that
//! Cargo does not take the steps for tests of their own.

mod graph;
mod imports;
mod tree;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use graph::Graph;
use tree::Tree;

/// The crates kept free of cycles, by folder.
const CHECKED: &[&str] = &["cli", "codegen", "import", "runtime", "testkit"];

#[test]
fn no_file_of_a_checked_crate_imports_one_that_imports_it_back() {
    let workspace = xtask::workspace_root();
    let read = |path: &Path| std::fs::read_to_string(workspace.join(path)).ok();
    let mut report = String::new();
    for name in CHECKED {
        for root in crate_roots(&workspace, name) {
            let tree = Tree::walk(&root, &read).unwrap_or_else(|why| panic!("{why}"));
            report.push_str(&describe_cycles(&tree));
        }
    }
    assert!(
        report.is_empty(),
        "files that import each other (move what both need down into a module of its own):\n{report}"
    );
}

/// The roots of `name`'s crates, relative to the workspace: its library, its
/// binary, `src/bin/*.rs`.
fn crate_roots(workspace: &Path, name: &str) -> Vec<PathBuf> {
    let src = Path::new(name).join("src");
    let bins = std::fs::read_dir(workspace.join(&src).join("bin"))
        .into_iter()
        .flatten();
    let bins = bins
        .flatten()
        .map(|entry| src.join("bin").join(entry.file_name()));
    [src.join("lib.rs"), src.join("main.rs")]
        .into_iter()
        .chain(bins.filter(|path| path.extension().is_some_and(|e| e == "rs")))
        .filter(|path| workspace.join(path).is_file())
        .collect()
}

/// Each cycle of `tree`: its files, then the arrows between them with the
/// path that makes each.
fn describe_cycles(tree: &Tree) -> String {
    let graph = Graph::of(tree);
    let name = |index: usize| tree.files[index].path.display().to_string();
    let mut report = String::new();
    for cycle in graph.cycles() {
        let files: Vec<String> = cycle.iter().map(|&file| name(file)).collect();
        writeln!(report, "- {}", files.join(", ")).unwrap();
        for ((from, to), written) in &graph.arrows {
            if cycle.contains(from) && cycle.contains(to) {
                writeln!(report, "    {} → {} ({written})", name(*from), name(*to)).unwrap();
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree of an in-memory crate rooted at `lib.rs`.
    fn crate_of(files: &[(&str, &str)]) -> Tree {
        let files: BTreeMap<PathBuf, String> = files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), text.to_string()))
            .collect();
        Tree::walk(Path::new("lib.rs"), &|path| files.get(path).cloned()).unwrap()
    }

    /// Every arrow of `tree`, as `from → to`.
    fn arrows(tree: &Tree) -> Vec<String> {
        let name = |index: usize| tree.files[index].path.display().to_string();
        let graph = Graph::of(tree);
        graph
            .arrows
            .keys()
            .map(|&(from, to)| format!("{} → {}", name(from), name(to)))
            .collect()
    }

    #[test]
    fn two_files_that_import_each_other_are_a_cycle() {
        let tree = crate_of(&[
            ("lib.rs", "mod a; mod b;"),
            ("a.rs", "use crate::b::B; pub struct A;"),
            (
                "b.rs",
                "pub struct B; fn make() -> crate::a::A { crate::a::A }",
            ),
        ]);
        assert_eq!(
            describe_cycles(&tree),
            "- a.rs, b.rs\n    a.rs → b.rs (crate::b::B)\n    b.rs → a.rs (crate::a::A)\n"
        );
    }

    #[test]
    fn a_mod_rs_that_re_exports_its_child_is_in_a_cycle_with_a_child_that_uses_it() {
        let tree = crate_of(&[
            ("lib.rs", "mod records; pub use records::Store;"),
            (
                "records/mod.rs",
                "mod store; pub use store::Store; pub struct Record;",
            ),
            (
                "records/store.rs",
                "use super::Record; pub struct Store(Record);",
            ),
        ]);
        assert_eq!(
            Graph::of(&tree).cycles().len(),
            1,
            "{}",
            describe_cycles(&tree)
        );
        assert!(describe_cycles(&tree).starts_with("- records/mod.rs, records/store.rs\n"));
    }

    #[test]
    fn declaring_children_test_code_and_quoted_code_are_no_imports() {
        let tree = crate_of(&[
            ("lib.rs", "mod a; mod b; #[cfg(test)] mod checks;"),
            ("a.rs", "use crate::b::helper; pub fn run() { helper() }"),
            (
                "b.rs",
                "pub fn helper() {}
                 fn emit() -> TokenStream { quote!(crate::a::run()) }
                 #[cfg(test)] fn uses_a() { crate::a::run() }
                 #[cfg(test)] use crate::a::run;
                 mod tests { use crate::a::*; }",
            ),
        ]);
        assert_eq!(arrows(&tree), ["a.rs → b.rs"]);
        assert!(Graph::of(&tree).cycles().is_empty());
    }

    #[test]
    fn every_kind_of_path_is_resolved_to_the_deepest_module_file() {
        let tree = crate_of(&[
            (
                "lib.rs",
                "mod a; mod deep; pub mod leaf; #[path = \"elsewhere/odd.rs\"] mod odd;",
            ),
            // A nested group with `self`, a glob, a rename and a use of a use.
            (
                "a.rs",
                "use crate::deep::{self, inner::{Thing as Other, *}}; use deep::Top;",
            ),
            ("deep/mod.rs", "pub mod inner; pub struct Top;"),
            // `super` twice, a written-out path inside a macro, a type path.
            (
                "deep/inner.rs",
                "pub struct Thing;
                 fn f() -> super::super::leaf::Leaf { assert!(crate::odd::yes()); todo!() }",
            ),
            (
                "leaf.rs",
                "pub struct Leaf; pub fn g() { std::mem::drop(1); let _ = self::Leaf; }",
            ),
            // A child of a `#[path]` module, an inline module reaching out.
            (
                "elsewhere/odd.rs",
                "mod near; pub fn yes() -> bool { near::NEAR }",
            ),
            (
                "elsewhere/near.rs",
                "pub const NEAR: bool = true; mod inline { use super::super::super::a; }",
            ),
        ]);
        assert_eq!(
            arrows(&tree),
            [
                "a.rs → deep/mod.rs",
                "a.rs → deep/inner.rs",
                "deep/inner.rs → leaf.rs",
                "deep/inner.rs → elsewhere/odd.rs",
                "elsewhere/odd.rs → elsewhere/near.rs",
                "elsewhere/near.rs → a.rs",
            ]
        );
    }
}
