//! A crate's module tree: which file holds which module, found as rustc finds
//! it, from the crate root through each `mod` declaration.
//!
//! Walking the declarations (rather than listing `src/**/*.rs`) gives each
//! file its module path even under `#[path]`, and leaves out what the crate
//! only builds for its own tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A module path below the crate root: `["records", "store"]`; the root is `[]`.
pub type ModulePath = Vec<String>;

/// The files of one crate and the module each inline or file module lives in.
pub struct Tree {
    /// Each file of the crate, parsed, with the module path it defines.
    pub files: Vec<SourceFile>,
    /// Every module, inline ones included, to the index of the file holding it.
    pub modules: BTreeMap<ModulePath, usize>,
    /// Each `#[macro_export]` macro to the index of the file defining it: the
    /// attribute names it at the crate root (`crate::name`), whichever file
    /// holds it, so a path to it leads to that file, not to the root.
    pub exported_macros: BTreeMap<String, usize>,
}

/// One source file of the crate.
pub struct SourceFile {
    /// As read, e.g. `testkit/src/records/mod.rs`.
    pub path: PathBuf,
    /// The module the file defines.
    pub module: ModulePath,
    pub syntax: syn::File,
}

impl Tree {
    /// The tree under `root` (a `lib.rs` or `main.rs`), reading files with `read`
    /// (the disk, or a map in the tests).
    pub fn walk(root: &Path, read: &dyn Fn(&Path) -> Option<String>) -> Result<Tree, String> {
        let mut tree = Tree {
            files: Vec::new(),
            modules: BTreeMap::new(),
            exported_macros: BTreeMap::new(),
        };
        let dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
        tree.add_file(root.to_path_buf(), Vec::new(), dir, read)?;
        Ok(tree)
    }

    /// `path`'s text, parsed, as module `module`, whose children are under `dir`.
    fn add_file(
        &mut self,
        path: PathBuf,
        module: ModulePath,
        dir: PathBuf,
        read: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<(), String> {
        let text = read(&path).ok_or_else(|| format!("{} cannot be read", path.display()))?;
        let syntax = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let index = self.files.len();
        self.modules.insert(module.clone(), index);
        let file_dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        // The index is taken before the children take theirs; the syntax follows them.
        let empty = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: Vec::new(),
        };
        self.files.push(SourceFile {
            path,
            module: module.clone(),
            syntax: empty,
        });
        self.add_items(index, &syntax.items, &module, &dir, Some(&file_dir), read)?;
        self.files[index].syntax = syntax;
        Ok(())
    }

    /// The modules `items` declare, inside module `module` of file `index`.
    /// `file_dir` is the folder a `#[path]` is relative to outside inline modules.
    fn add_items(
        &mut self,
        index: usize,
        items: &[syn::Item],
        module: &ModulePath,
        dir: &Path,
        file_dir: Option<&Path>,
        read: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<(), String> {
        for item in items {
            if let syn::Item::Macro(defined) = item
                && let Some(name) = &defined.ident
                && defined
                    .attrs
                    .iter()
                    .any(|a| a.path().is_ident("macro_export"))
            {
                self.exported_macros.insert(name.to_string(), index);
            }
            let syn::Item::Mod(declared) = item else {
                continue;
            };
            if only_for_tests(&declared.attrs) || declared.ident == "tests" {
                continue;
            }
            let name = declared.ident.to_string();
            let child: ModulePath = module.iter().cloned().chain([name.clone()]).collect();
            if let Some((_, inline)) = &declared.content {
                self.modules.insert(child.clone(), index);
                self.add_items(index, inline, &child, &dir.join(&name), None, read)?;
                continue;
            }
            let (path, child_dir) = match path_attribute(&declared.attrs) {
                Some(given) => {
                    let path = file_dir.unwrap_or(dir).join(given);
                    let child_dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
                    (path, child_dir)
                }
                None => {
                    let flat = dir.join(format!("{name}.rs"));
                    if read(&flat).is_some() {
                        (flat, dir.join(&name))
                    } else {
                        (dir.join(&name).join("mod.rs"), dir.join(&name))
                    }
                }
            };
            self.add_file(path, child, child_dir, read)?;
        }
        Ok(())
    }

    /// The file that defines the deepest module `path` starts with: the file a
    /// path to an item, a module or a re-export leads to.
    pub fn file_of(&self, path: &[String]) -> usize {
        if let [name] = path
            && let Some(&index) = self.exported_macros.get(name)
        {
            return index;
        }
        (0..=path.len())
            .rev()
            .find_map(|len| self.modules.get(&path[..len]).copied())
            .expect("the crate root is a module")
    }
}

/// Whether `#[cfg(test)]` is among `attrs`: code the crate builds only for its
/// own tests, which may reach anywhere.
pub fn only_for_tests(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && matches!(&attr.meta, syn::Meta::List(list) if list.tokens.to_string() == "test")
    })
}

/// The value of a `#[path = "…"]` among `attrs`.
fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(pair) if pair.path.is_ident("path") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some(text.value()),
            _ => None,
        },
        _ => None,
    })
}
