//! `explain <ErrorCode>`: what a code means and which actions document it,
//! across every product of both vendors.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::failure::Failure;

/// The explanation of `code` (exact, else ignoring case), or why there is none.
pub fn explain(catalog: &Catalog, code: &str) -> Result<String, Failure> {
    // meaning → where it is documented ("ssl ApplyCertificate", "common").
    let mut meanings: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    let mut add = |vendor: &str, found: &str, description: &str, place: String| {
        if found == code || found.eq_ignore_ascii_case(code) {
            meanings
                .entry((
                    vendor.to_owned(),
                    found.to_owned(),
                    description.trim().to_owned(),
                ))
                .or_default()
                .push(place);
        }
    };
    for vendor in catalog.vendors() {
        let file = catalog.vendor(vendor).map_err(Failure::Internal)?;
        let title = file.title;
        for e in &file.common_errors {
            add(
                &title,
                &e.code,
                &e.description,
                format!("every {title} action"),
            );
        }
        for entry in catalog.products(vendor).map_err(Failure::Internal)? {
            let loaded = catalog
                .load(vendor, &entry.name)
                .map_err(Failure::Internal)?;
            let product = &loaded.product;
            for e in &product.errors {
                add(
                    &title,
                    &e.code,
                    &e.description,
                    format!("every {} action", product.name),
                );
            }
            for action in &product.actions {
                for e in &action.errors {
                    add(
                        &title,
                        &e.code,
                        &e.description,
                        format!("{} {}", product.name, action.name),
                    );
                }
            }
        }
    }
    if meanings.is_empty() {
        return Err(Failure::Usage(format!(
            "no product in the spec documents the error code `{code}`"
        )));
    }
    let mut out = String::new();
    for ((vendor, found, description), places) in meanings {
        let meaning = if description.is_empty() {
            "(no description)".to_owned()
        } else {
            description
        };
        out.push_str(&format!(
            "{found} ({vendor})\n  {meaning}\n  returned by: {}\n",
            places.join(", ")
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_common_code_and_a_product_code_are_explained() {
        let catalog = Catalog::builtin().unwrap();
        let text = explain(&catalog, "AuthFailure.SignatureFailure").unwrap();
        assert!(text.contains("every Tencent Cloud action"), "{text}");
        assert!(explain(&catalog, "No.Such.Code").is_err());
    }
}
