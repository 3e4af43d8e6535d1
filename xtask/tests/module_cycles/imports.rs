//! The paths into its own crate that one file names, each resolved to the
//! module path it starts with: its `use` items (`pub use` re-exports
//! included) and the paths written out in code (`crate::server::Server::start()`),
//! which are imports in all but name.

use std::collections::HashMap;

use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

use crate::tree::{ModulePath, Tree, only_for_tests};

/// The standard macros whose arguments are expressions, which may name paths.
const EXPRESSION_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "panic",
    "print",
    "println",
    "todo",
    "unimplemented",
    "unreachable",
    "vec",
    "write",
    "writeln",
];

/// A path one file names into its own crate.
pub struct Import {
    /// From the crate root: `["server", "Server", "start"]`.
    pub path: ModulePath,
    /// As written, for the report: `crate::server::Server::start`.
    pub written: String,
}

/// What file `index` of `tree` names into its own crate, its test code left out.
pub fn of_file(tree: &Tree, index: usize) -> Vec<Import> {
    let file = &tree.files[index];
    let mut collector = Collector {
        tree,
        module: file.module.clone(),
        names: HashMap::new(),
        found: Vec::new(),
    };
    collector.module_items(&file.syntax.items);
    collector.found
}

/// Walks one file, knowing the module it is in and the names its `use` items bring in.
struct Collector<'a> {
    tree: &'a Tree,
    /// The module being read: the file's, or an inline module's inside it.
    module: ModulePath,
    /// The names the module's `use` items bring in, to where they lead.
    names: HashMap<String, ModulePath>,
    found: Vec<Import>,
}

impl Collector<'_> {
    /// The items of one module: its `use` names first, as they hold for the whole module.
    fn module_items(&mut self, items: &[syn::Item]) {
        for item in items {
            if let syn::Item::Use(used) = item
                && !only_for_tests(&used.attrs)
            {
                for (path, name) in use_paths(&used.tree) {
                    if let (Some(name), Some(absolute)) = (name, self.absolute(&path)) {
                        self.names.insert(name, absolute);
                    }
                }
            }
        }
        for item in items {
            self.visit_item(item);
        }
    }

    /// `segments` from the crate root, if they lead into this crate: through
    /// `crate`, `self`, `super`, a child module, or a name a `use` brought in.
    fn absolute(&self, segments: &[String]) -> Option<ModulePath> {
        let (first, rest) = segments.split_first()?;
        let mut module = self.module.clone();
        match first.as_str() {
            "crate" => return Some(rest.to_vec()),
            "self" => return Some([module, rest.to_vec()].concat()),
            "super" => {
                module.pop();
                let supers = rest.iter().take_while(|s| *s == "super").count();
                module.truncate(module.len().saturating_sub(supers));
                return Some([module, rest[supers..].to_vec()].concat());
            }
            _ => {}
        }
        module.push(first.clone());
        if self.tree.modules.contains_key(&module) {
            return Some([module, rest.to_vec()].concat());
        }
        self.names
            .get(first)
            .map(|to| [to.clone(), rest.to_vec()].concat())
    }

    /// Records `segments` if they lead into this crate.
    fn note(&mut self, segments: Vec<String>) {
        if let Some(path) = self.absolute(&segments) {
            self.found.push(Import {
                path,
                written: segments.join("::"),
            });
        }
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Static(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Trait(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            _ => return visit::visit_item(self, item),
        };
        if !only_for_tests(attrs) {
            visit::visit_item(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, method: &'ast syn::ImplItemFn) {
        if !only_for_tests(&method.attrs) {
            visit::visit_impl_item_fn(self, method);
        }
    }

    fn visit_item_mod(&mut self, declared: &'ast syn::ItemMod) {
        // A parent declaring its children is the tree, not an import; an
        // inline module's items are this file's, read in that module.
        let Some((_, items)) = &declared.content else {
            return;
        };
        if declared.ident == "tests" {
            return;
        }
        let outer_names = std::mem::take(&mut self.names);
        self.module.push(declared.ident.to_string());
        self.module_items(items);
        self.module.pop();
        self.names = outer_names;
    }

    fn visit_item_use(&mut self, used: &'ast syn::ItemUse) {
        for (path, _) in use_paths(&used.tree) {
            self.note(path);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        // One segment is a local name or a type in scope; a module alone is no expression.
        if path.leading_colon.is_none() && path.segments.len() > 1 {
            self.note(path.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // The standard macros that take expressions; the others' bodies are left
        // unread: `quote!`'s paths, for one, are the generated crate's.
        let takes_expressions = mac
            .path
            .get_ident()
            .is_some_and(|name| EXPRESSION_MACROS.contains(&name.to_string().as_str()));
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Some(Ok(arguments)) = takes_expressions.then(|| mac.parse_body_with(parser)) {
            for argument in &arguments {
                self.visit_expr(argument);
            }
        }
        visit::visit_macro(self, mac);
    }
}

/// The paths of a `use` tree, each with the name it brings in (none for a glob).
fn use_paths(tree: &syn::UseTree) -> Vec<(Vec<String>, Option<String>)> {
    let mut paths = Vec::new();
    flatten(tree, &mut Vec::new(), &mut paths);
    paths
}

/// Appends each path of `tree` below `prefix` to `out`, with the name it brings in.
fn flatten(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    match tree {
        syn::UseTree::Path(step) => {
            prefix.push(step.ident.to_string());
            flatten(&step.tree, prefix, out);
            prefix.pop();
        }
        // `use a::b::{self}` names module `a::b`.
        syn::UseTree::Name(name) if name.ident == "self" => {
            out.push((prefix.clone(), prefix.last().cloned()));
        }
        syn::UseTree::Name(name) => {
            let path = [prefix.clone(), vec![name.ident.to_string()]].concat();
            out.push((path, Some(name.ident.to_string())));
        }
        syn::UseTree::Rename(rename) => {
            let original = if rename.ident == "self" {
                vec![]
            } else {
                vec![rename.ident.to_string()]
            };
            out.push((
                [prefix.clone(), original].concat(),
                Some(rename.rename.to_string()),
            ));
        }
        syn::UseTree::Glob(_) => out.push((prefix.clone(), None)),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten(tree, prefix, out);
            }
        }
    }
}
