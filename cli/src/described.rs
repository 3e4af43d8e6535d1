//! The runtime's static descriptions of a product and an action, built from
//! the model for the one product and action of this process.
//!
//! The runtime takes them as `&'static`, as a generated client's statics;
//! a process makes one call (or one listing or wait) and exits, so they are
//! leaked once rather than owned.

use std::collections::BTreeSet;

use cloudapi::runtime::service::{self, EndpointSpec};
use codegen::model::{self, Action, Field, Ty};

use crate::catalog::Loaded;
use crate::describe::Scope;

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// The product, with its hosts and the vendor's host rule, and `action`.
pub fn service(loaded: &Loaded, action: &'static service::Action) -> &'static service::Service {
    let product = &loaded.product;
    let endpoints = product
        .endpoints
        .iter()
        .map(|e| EndpointSpec {
            host: leak(&e.host),
            kind: match e.kind {
                model::EndpointKind::Default => service::EndpointKind::Default,
                model::EndpointKind::International => service::EndpointKind::International,
                model::EndpointKind::Regional => service::EndpointKind::Regional,
            },
            region: e.region.as_deref().map(leak),
        })
        .collect();
    let endpoint_rule = loaded.vendor.endpoint_rule.as_ref().map(|rule| {
        &*Box::leak(Box::new(service::EndpointRule {
            domain: leak(&rule.domain),
            regional: rule.regional.as_deref().map(leak),
        }))
    });
    Box::leak(Box::new(service::Service {
        product: leak(&product.name),
        version: leak(&product.version),
        endpoints: leak_slice(endpoints),
        regional: product.regional,
        endpoint_rule,
        actions: leak_slice(vec![action]),
    }))
}

/// The action as the transport needs it. `token_filled`: the request
/// carries an idempotency token, so the server deduplicates it and it is
/// retried like an idempotent one, as the generated clients do.
pub fn action(scope: Scope, token_filled: bool) -> &'static service::Action {
    let action = scope.action;
    Box::leak(Box::new(service::Action {
        name: leak(&action.name),
        idempotent: action.idempotent || token_filled,
        rate_limit_per_second: action.rate_limit_per_second,
        secret_outputs: leak_slice(
            secret_names(scope, &action.output)
                .into_iter()
                .map(|n| leak(&n))
                .collect(),
        ),
        http: action.http.as_ref().map(|http| http_binding(action, http)),
    }))
}

fn http_binding(action: &Action, http: &model::HttpSpec) -> &'static service::HttpBinding {
    let places = |fields: &[Field]| {
        let listed = fields.iter().filter_map(|f| {
            let location = match f.location? {
                model::Location::Path => service::Location::Path,
                model::Location::Query => service::Location::Query,
                model::Location::Header => service::Location::Header,
                model::Location::Body => return None,
                model::Location::Payload => service::Location::Payload,
            };
            Some((leak(&f.wire_name), location))
        });
        leak_slice(listed.collect())
    };
    Box::leak(Box::new(service::HttpBinding {
        method: http.method.as_str(),
        path: leak(&http.path),
        input: places(&action.input),
        output: places(&action.output),
    }))
}

/// Wire names of the members the spec marks secret, at any depth of `fields`.
pub fn secret_names(scope: Scope, fields: &[Field]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut seen = BTreeSet::new();
    collect_secrets(scope, fields, &mut names, &mut seen);
    names
}

fn collect_secrets(
    scope: Scope,
    fields: &[Field],
    names: &mut BTreeSet<String>,
    seen: &mut BTreeSet<String>,
) {
    for field in fields {
        if field.sensitive {
            names.insert(field.wire_name.clone());
        }
        if let Ty::Object(ident) = field.ty.element()
            && seen.insert(ident.clone())
            && let Some(shape) = scope.object(ident)
        {
            collect_secrets(scope, &shape.fields, names, seen);
        }
    }
}
