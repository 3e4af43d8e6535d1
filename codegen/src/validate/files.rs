//! Whole-file checks: the `$schema` link, names that must match the file or
//! folder name, and the parts of vendor, service and shape files that are not fields.

use std::collections::{BTreeMap, BTreeSet};

use super::reporter::Reporter;
use crate::error::Diagnostics;
use crate::load::paths::stem;
use crate::load::raw::{EndpointKind, ShapeFile, ShapeKind};
use crate::load::type_expr::{Scalar, TypeExpr};
use crate::load::{Loaded, ProductSpec, SpecTree, VendorSpec};
use crate::model::naming;

/// Each kind of file names its own schema.
fn check_schema(at: &mut Reporter, schema: &str, expected_file: &str) {
    if !schema.ends_with(expected_file) {
        at.error(
            "$.$schema",
            format!(
                "expected a relative path ending in `schema/{expected_file}` (so editors validate this file), found `{schema}`"
            ),
        );
    }
}

pub(super) fn check_vendor(vendor: &VendorSpec, diagnostics: &mut Diagnostics) {
    let file = &vendor.vendor;
    let mut at = Reporter::new(&file.file, diagnostics);
    check_schema(&mut at, &file.value.schema, "vendor.schema.json");
    if file.value.name != vendor.dir_name {
        at.error(
            "$.name",
            format!(
                "expected `{}` (the folder name), found `{}`",
                vendor.dir_name, file.value.name
            ),
        );
    }
    check_module_name(&mut at, "$.name", &vendor.dir_name);
    check_error_codes(&mut at, "$.common_errors", &file.value.common_errors);
    check_no_templates(&mut at, "$.common_errors", &file.value.common_errors);
    if let Some(rule) = &file.value.endpoint_rule {
        let host_like = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        };
        if !host_like(&rule.domain) {
            at.error(
                "$.endpoint_rule.domain",
                format!(
                    "expected a domain such as `tencentcloudapi.com`, found `{}`",
                    rule.domain
                ),
            );
        }
        if let Some(template) = &rule.regional {
            let rest = template
                .replace("{product}", "p")
                .replace("{region}", "r")
                .replace("{domain}", "d");
            if !template.contains("{product}")
                || !template.contains("{region}")
                || !host_like(&rest)
            {
                at.error(
                    "$.endpoint_rule.regional",
                    format!(
                        "expected a host template with `{{product}}` and `{{region}}` (and optionally `{{domain}}`), such as `{{product}}.{{region}}.{{domain}}`, found `{template}`"
                    ),
                );
            }
        }
    }
}

pub(super) fn check_service(vendor: &str, product: &ProductSpec, diagnostics: &mut Diagnostics) {
    let service = &product.service.value;
    let mut at = Reporter::new(&product.service.file, diagnostics);
    check_schema(&mut at, &service.schema, "service.schema.json");
    if service.vendor != vendor {
        at.error(
            "$.vendor",
            format!(
                "expected `{vendor}` (the vendor folder), found `{}`",
                service.vendor
            ),
        );
    }
    if service.product != product.dir_name {
        at.error(
            "$.product",
            format!(
                "expected `{}` (the folder name), found `{}`",
                product.dir_name, service.product
            ),
        );
    }
    check_module_name(&mut at, "$.product", &product.dir_name);
    check_error_codes(&mut at, "$.errors", &service.errors);
    check_no_templates(&mut at, "$.errors", &service.errors);
    if service.version.trim().is_empty() {
        at.error(
            "$.version",
            "expected a non-empty API version such as `2019-12-05`",
        );
    }
    let defaults = service
        .endpoints
        .iter()
        .filter(|e| e.kind == EndpointKind::Default)
        .count();
    if defaults != 1 {
        at.error(
            "$.endpoints",
            format!("expected exactly one endpoint of kind `default`, found {defaults}"),
        );
    }
    let mut hosts = BTreeSet::new();
    for (i, endpoint) in service.endpoints.iter().enumerate() {
        let host = &endpoint.host;
        let valid = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
        if !valid {
            at.error(
                format!("$.endpoints[{i}].host"),
                format!("expected a host name such as `ssl.tencentcloudapi.com` (no scheme, no path), found `{host}`"),
            );
        }
        if !hosts.insert(host.as_str()) {
            at.error(
                format!("$.endpoints[{i}].host"),
                format!("expected each host once, found `{host}` again"),
            );
        }
        if endpoint.kind == EndpointKind::Regional && endpoint.region.is_none() {
            at.error(
                format!("$.endpoints[{i}]"),
                "expected key `region` on a `regional` endpoint",
            );
        }
    }
}

/// Every name `type_names` gives must be a type of the product: a shape, or
/// a value set declared on a field.
pub(super) fn check_type_names(product: &ProductSpec, diagnostics: &mut Diagnostics) {
    let Some(overlay) = product.overlays.get(&product.service.file) else {
        return;
    };
    let inline = |fields: &[crate::load::raw::FieldSpec], name: &str| {
        fields
            .iter()
            .any(|f| f.value_set.as_ref().is_some_and(|set| set.name == name))
    };
    for (from, to) in &product.type_names {
        let known = product.shapes.iter().any(|s| s.value.name == *to)
            || product
                .actions
                .iter()
                .any(|a| inline(&a.value.input, to) || inline(&a.value.output, to));
        if !known {
            diagnostics.push(crate::error::SpecError::new(
                &overlay.file,
                format!("$.type_names.{from}"),
                format!(
                    "expected `{to}` to be a type of the product; the importer names so the type \
                     it would name `{from}`: run the import, or remove this entry"
                ),
            ));
        }
    }
}

pub(super) fn check_shape(shape: &Loaded<ShapeFile>, diagnostics: &mut Diagnostics) {
    let value = &shape.value;
    let mut at = Reporter::new(&shape.file, diagnostics);
    check_schema(&mut at, &value.schema, "shape.schema.json");
    check_matches_file_name(&mut at, &shape.file, &value.name);
    match value.kind {
        ShapeKind::Object => {
            if value.fields.is_none() {
                at.error("$", "expected key `fields` on a shape of kind `object`");
            }
            for key in [
                ("type", value.enum_type.is_some()),
                ("values", value.values.is_some()),
            ] {
                if key.1 {
                    at.error(format!("$.{}", key.0), "expected no `type` or `values` on a shape of kind `object` (they belong to kind `enum`)");
                }
            }
        }
        ShapeKind::Enum => {
            if value.fields.is_some() {
                at.error("$.fields", "expected no `fields` on a shape of kind `enum`");
            }
            let scalar = match &value.enum_type {
                Some(TypeExpr::Scalar(s)) if *s == Scalar::String || s.is_integer() => Some(*s),
                Some(other) => {
                    at.error("$.type", format!("expected `string`, `int64` or `uint64` for an enum shape, found {other}"));
                    None
                }
                None => {
                    at.error("$", "expected key `type` on a shape of kind `enum`");
                    None
                }
            };
            match (&value.values, scalar) {
                (Some(values), Some(scalar)) => {
                    super::fields::check_enum_values(&mut at, "$.values", scalar, values)
                }
                (None, _) => at.error("$", "expected key `values` on a shape of kind `enum`"),
                _ => {}
            }
        }
    }
}

/// A file `actions/X.json` or `types/X.json` must declare `"name": "X"`, so
/// two files can never claim one action.
pub(super) fn check_matches_file_name(at: &mut Reporter, file: &std::path::Path, name: &str) {
    let stem = stem(file);
    if stem != name {
        at.error(
            "$.name",
            format!("expected `{stem}` (the file name), found `{name}`"),
        );
    }
}

/// Vendor and product folders become modules: two folders must not become
/// one module (`ssl` and `ssl_`), and no vendor may take `runtime`, the
/// module of the hand-written runtime.
pub(super) fn check_module_clashes(tree: &SpecTree, diagnostics: &mut Diagnostics) {
    let mut vendors = BTreeMap::new();
    for vendor in &tree.vendors {
        let Ok(module) = naming::snake(&vendor.dir_name) else {
            continue; // reported by check_module_name
        };
        let mut at = Reporter::new(&vendor.vendor.file, diagnostics);
        if module == "runtime" {
            at.error(
                "$.name",
                "expected a vendor name other than `runtime`, the module of the hand-written runtime",
            );
        }
        if let Some(other) = vendors.insert(module.clone(), &vendor.dir_name) {
            at.error(
                "$.name",
                format!("expected a vendor name that does not become the module of vendor `{other}` (both become `{module}`)"),
            );
        }
        let mut products = BTreeMap::new();
        for product in &vendor.products {
            let Ok(module) = naming::snake(&product.dir_name) else {
                continue;
            };
            if let Some(other) = products.insert(module.clone(), &product.dir_name) {
                Reporter::new(&product.service.file, diagnostics).error(
                    "$.product",
                    format!("expected a product name that does not become the module of product `{other}` (both become `{module}`)"),
                );
            }
        }
    }
}

fn check_module_name(at: &mut Reporter, path: &str, name: &str) {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    // A keyword is fine (Tencent's Auto Scaling is `as`): its module becomes `as_`.
    let converts = naming::snake(name)
        .is_ok_and(|module| module.trim_end_matches('_') == name.trim_end_matches('_'));
    if !valid || !converts {
        at.error(
            path,
            format!("expected a lowercase module name such as `ssl` (ASCII letters, digits and `_`), found `{name}`"),
        );
    }
}

/// Error codes: well formed, unique, and unique after case conversion.
/// The vendor's and a product's codes are closed sets, matched exactly; a
/// template (`Invalid%s.Malformed`) belongs to the actions that return it.
fn check_no_templates(at: &mut Reporter, path: &str, codes: &[crate::load::raw::ErrorCodeSpec]) {
    for (i, code) in codes.iter().enumerate() {
        if naming::is_code_template(&code.code) {
            at.error(
                format!("{path}[{i}].code"),
                format!("expected an exact code here (templates such as `{}` are listed by the actions that return them)", code.code),
            );
        }
    }
}

pub(super) fn check_error_codes(
    at: &mut Reporter,
    path: &str,
    codes: &[crate::load::raw::ErrorCodeSpec],
) {
    let mut seen = BTreeSet::new();
    let mut variants = BTreeSet::new();
    for (i, code) in codes.iter().enumerate() {
        let well_formed = naming::is_error_code(&code.code);
        if !well_formed {
            at.error(
                format!("{path}[{i}].code"),
                format!("expected a dotted error code such as `FailedOperation.CertificateNotFound` (or a template such as `Invalid%s.Malformed`), found `{}`", code.code),
            );
            continue;
        }
        if !seen.insert(code.code.as_str()) {
            at.error(
                format!("{path}[{i}].code"),
                format!("expected each error code once, found `{}` again", code.code),
            );
            continue;
        }
        match naming::error_variant(&code.code) {
            Ok(variant) => {
                if !variants.insert(variant.clone()) {
                    at.error(
                        format!("{path}[{i}].code"),
                        format!("expected codes that stay distinct as Rust variants, found `{}` which becomes `{variant}` like an earlier code", code.code),
                    );
                }
            }
            Err(e) => at.error(format!("{path}[{i}].code"), e),
        }
        if let Some(status) = code.http_status
            && !(100..=599).contains(&status)
        {
            at.error(
                format!("{path}[{i}].http_status"),
                format!("expected an HTTP status between 100 and 599, found {status}"),
            );
        }
    }
}
