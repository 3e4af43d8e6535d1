//! The selection both vendors' checks read: `--products a,b`, `--all`, or
//! the vendor's default product.

/// Which products to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These product folders (e.g. `ssl`, `cvm`; `alidns`, `cas`).
    Products(Vec<String>),
    /// Every product in the metadata.
    All,
}

/// `--products a,b`, `--all` or nothing (`default` alone).
pub fn parse_selection(args: &[&str], default: &str) -> Result<Selection, String> {
    match args {
        [] => Ok(Selection::Products(vec![default.into()])),
        ["--all"] => Ok(Selection::All),
        ["--products", list] if !list.starts_with('-') => Ok(Selection::Products(
            list.split(',').map(|p| p.trim().to_string()).collect(),
        )),
        ["--products", ..] => Err("expected a comma-separated list after --products".into()),
        other => Err(format!("unknown arguments `{}`", other.join(" "))),
    }
}
