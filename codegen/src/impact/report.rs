//! The classified changes between two versions of a spec.

use std::fmt;

use super::rule::{Rule, Verdict};

/// Where a change is, inside one product (or vendor).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// The product (or vendor) itself: its client, hosts and shared codes.
    Whole,
    /// An action, by wire name.
    Action(String),
    /// A shared type, by Rust name.
    Type(String),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Whole => f.write_str("(product)"),
            Item::Action(name) => f.write_str(name),
            Item::Type(name) => write!(f, "type {name}"),
        }
    }
}

/// One classified change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    /// `vendor/product`, or `vendor` for codes common to a vendor.
    pub scope: String,
    /// The action or type changed.
    pub item: Item,
    /// Which rule applies; decides the verdict.
    pub rule: Rule,
    /// What changed, e.g. ``input `Limit`: now required``.
    pub detail: String,
}

impl Change {
    /// The rule's verdict.
    pub fn verdict(&self) -> Verdict {
        self.rule.verdict()
    }
}

/// Every change between two versions of a spec, sorted by scope and item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The strongest verdict, if anything changed.
    pub fn verdict(&self) -> Option<Verdict> {
        self.changes.iter().map(Change::verdict).max()
    }

    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.verdict() == Some(Verdict::Breaking)
    }

    /// How many changes have `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.changes
            .iter()
            .filter(|c| c.verdict() == verdict)
            .count()
    }
}
