//! Which file imports which, and the cycles among them.

use std::collections::BTreeMap;

use crate::imports;
use crate::tree::Tree;

/// The arrows between the files of one crate: importer → imported, each with
/// the first path that makes it, for the report.
pub struct Graph {
    pub arrows: BTreeMap<(usize, usize), String>,
    files: usize,
}

impl Graph {
    /// Every file of `tree` to every other file it names a path into.
    pub fn of(tree: &Tree) -> Graph {
        let mut arrows = BTreeMap::new();
        for from in 0..tree.files.len() {
            for import in imports::of_file(tree, from) {
                let to = tree.file_of(&import.path);
                if to != from {
                    arrows.entry((from, to)).or_insert(import.written);
                }
            }
        }
        Graph {
            arrows,
            files: tree.files.len(),
        }
    }

    /// The cycles: each set of two or more files that reach each other
    /// (a strongly connected component, by Tarjan's algorithm), files in order.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let mut search = Tarjan {
            graph: self,
            next: 0,
            index: vec![None; self.files],
            low: vec![0; self.files],
            stack: Vec::new(),
            on_stack: vec![false; self.files],
            found: Vec::new(),
        };
        for file in 0..self.files {
            if search.index[file].is_none() {
                search.visit(file);
            }
        }
        search.found
    }

    fn targets(&self, from: usize) -> impl Iterator<Item = usize> + '_ {
        self.arrows
            .range((from, 0)..(from + 1, 0))
            .map(|(&(_, to), _)| to)
    }
}

/// The state of one run of Tarjan's algorithm.
struct Tarjan<'a> {
    graph: &'a Graph,
    next: usize,
    index: Vec<Option<usize>>,
    /// The lowest index reachable from each file through the files on the stack.
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    found: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, file: usize) {
        self.index[file] = Some(self.next);
        self.low[file] = self.next;
        self.next += 1;
        self.stack.push(file);
        self.on_stack[file] = true;
        for target in self.graph.targets(file) {
            match self.index[target] {
                None => {
                    self.visit(target);
                    self.low[file] = self.low[file].min(self.low[target]);
                }
                Some(seen) if self.on_stack[target] => self.low[file] = self.low[file].min(seen),
                Some(_) => {}
            }
        }
        if Some(self.low[file]) == self.index[file] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                component.push(member);
                if member == file {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                self.found.push(component);
            }
        }
    }
}
