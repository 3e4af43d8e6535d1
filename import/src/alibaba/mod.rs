//! Alibaba Cloud: an OpenAPI metadata file (`api-docs.json`) of an RPC-style
//! product → `alibaba/<product>/{service.json, actions/*.json, types/*.json}`.
//!
//! Decisions where the vendor format and ours differ (each skipped or
//! adapted item is reported as [`Unmapped`]):
//!
//! - Only `info.style: "RPC"` maps to our `acs3-hmac-sha256-rpc` protocol;
//!   any other style (ROA, …) is refused as a whole ([`ImportError::Format`]),
//!   since no action of it could be sent. The product folder is `info.product`
//!   lowercased, `-` and `.` becoming `_`.
//! - Parameters `in: query` map directly; `in: formData` too (one note per import): RPC
//!   gateways read form and query parameters alike, and our client signs them
//!   into the query string. Path, body and header parameters are left out, and
//!   a required one (or any required parameter that cannot be mapped) skips
//!   the action, since no call could succeed without it.
//! - Types: `string` → `string`; `integer` (`int32`, `int64`, none) → `int64`;
//!   `number` → `float`; `boolean` → `boolean`; arrays (`repeatList`, `flat`
//!   or no style) → `{"array": …}`; objects → shapes (see `types`); `json`
//!   style arrays and objects keep their type with `encoding: json` (sent
//!   as one parameter holding their JSON text, as the vendor's SDKs do);
//!   `simple` style ones travel as one comma-separated text parameter, so
//!   they become `string` with a note in the description. `any`, and an
//!   object without documented `properties` (free-form, or a map of
//!   `additionalProperties`), become `json`, any JSON value, its example
//!   as the vendor writes it; arrays of arrays have no form and are left out.
//! - Requiredness: inputs from `required`; outputs and the members of shapes
//!   that responses contain are never required (responses leave fields out,
//!   and a missing required field would fail the whole response). Response
//!   `RequestId` is dropped (the generator adds it).
//! - Value sets: see `enums`; limits: `maxItems`/`minItems`,
//!   `maxLength`/`minLength`, integer `maximum`/`minimum` (`pattern` is reported).
//! - Errors: see `errors`. Idempotent only when every operation type given
//!   reads (`action::READ_OPERATIONS`). `deprecated` is kept.
//! - `sensitive` is not in the format: set on strings named or described as
//!   private keys, passwords or secrets.
//! - Properties come out in alphabetical order: that is how `serde_json`
//!   (without `preserve_order`) reads objects.
//! - Names: see `names`. Service title and description are placeholders to edit.

mod action;
mod emit;
mod endpoints;
mod english;
mod enums;
mod errors;
mod fields;
mod ir;
mod names;
mod product;
mod source;
mod types;
mod values;

use codegen::load::raw::Protocol;
use codegen::model::naming::{self, RESERVED_TYPES};
use serde_json::Value;

use crate::names::{Claims, is_product_name};
use crate::text::{Dialect, Layout};
use crate::{ImportError, ImportOptions, ImportPlan, Unmapped};
pub use product::{EnglishRequests, Sources, plan_product};
use types::{Builder, Scope};

/// Used where the vendor gives no text: our validator rejects empty descriptions.
const NO_DESCRIPTION: &str = "No description.";

/// How the metadata's descriptions are written: Markdown with site-specific
/// extras (links to document IDs `[text](~~123~~)`, `<props="china">`).
const DOCS: Dialect = Dialect {
    layout: Layout::Markdown,
    no_description: NO_DESCRIPTION,
};

/// Converts an `api-docs.json` (named `file_name` in messages) into the spec
/// files of its product; `options.actions` limits the import to those actions
/// and the types they use.
pub fn plan(
    file_name: &str,
    input: &str,
    options: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    let root = parse_json(file_name, input)?;
    plan_docs(file_name, &root, None, options)
}

/// The JSON document in `input`; `file_name` names it in the error.
fn parse_json(file_name: &str, input: &str) -> Result<Value, ImportError> {
    serde_json::from_str(input)
        .map_err(|e| ImportError::format(file_name, "$", format!("a JSON document ({e})")))
}

/// [`plan`] of parsed api-docs, with the product's global endpoint when the
/// vendor's product list names one (`endpoints`).
fn plan_docs(
    file_name: &str,
    root: &Value,
    global_endpoint: Option<&str>,
    options: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    let docs = source::parse(file_name, root)?;
    let product = module_name(docs.product).ok_or_else(|| {
        ImportError::format(file_name,
            "$.info.product",
            format!(
                "a product name that becomes a lowercase module name, not a Rust keyword (found `{}`)",
                docs.product
            ),
        )
    })?;
    if let Some(wanted) = &options.actions
        && let Some(missing) = wanted.iter().find(|a| !docs.apis.contains_key(*a))
    {
        return Err(ImportError::NoSuchAction(missing.clone()));
    }
    let selected = |name: &str| {
        options
            .actions
            .as_ref()
            .is_none_or(|w| w.iter().any(|a| a == name))
    };

    // Every action is converted, chosen or not, so names do not depend on the choice.
    let mut builder = Builder::new(&docs.components);
    let mut claims = Claims::default();
    claims.reserve_types(RESERVED_TYPES);
    let mut actions = convert_actions(&mut builder, &mut claims, docs.apis);
    for action in &mut actions {
        enums::refer_to_shared(&builder.types, &mut action.draft.input);
        enums::refer_to_shared(&builder.types, &mut action.draft.output);
    }
    let inputs = || actions.iter().flat_map(|a| &a.draft.input);
    let outputs = || actions.iter().flat_map(|a| &a.draft.output);
    let named = emit::reach(&builder.types, inputs().chain(outputs()));
    let names = names::resolve(
        &builder.types,
        &named,
        &mut claims,
        &options.curation.type_names,
    );
    let emitter = emit::Emitter {
        types: &builder.types,
        names: &names,
        in_requests: &emit::reach(&builder.types, inputs()),
        in_responses: &emit::reach(&builder.types, outputs()),
    };

    let mut plan = ImportPlan::new("alibaba", &product);
    plan.complete = options.actions.is_none();
    let chosen: Vec<&action::ActionIr> =
        actions.iter().filter(|a| selected(&a.draft.name)).collect();
    for action in &chosen {
        plan.add_action(emitter.action(action));
    }
    let used = emit::reach(
        &builder.types,
        chosen
            .iter()
            .flat_map(|a| a.draft.input.iter().chain(&a.draft.output)),
    );
    for id in names.keys().filter(|id| used.contains(*id)) {
        if !builder.types[*id].inline {
            plan.add_shape(emitter.shape(*id));
        }
    }
    report_form_parameters(&chosen, &mut plan.unmapped);
    add_service(&mut plan, &docs, global_endpoint);
    for note in &builder.notes {
        let keep = match &note.scope {
            Scope::Action(name) => selected(name),
            Scope::Type(id) => used.contains(id),
        };
        if keep {
            plan.unmapped.push(Unmapped {
                what: note.what.clone(),
                reason: note.reason.clone(),
            });
        }
    }
    Ok(plan)
}

/// `info.product` as a module name: lowercase, `-` and `.` become `_`.
fn module_name(product: &str) -> Option<String> {
    let name = product.to_ascii_lowercase().replace(['-', '.'], "_");
    // A keyword would get a `_` in its module name, unlike its folder.
    let valid = is_product_name(&name) && naming::snake(&name).ok().as_deref() == Some(&name);
    valid.then_some(name)
}

/// Converts every action, in name order; a skipped one leaves a single note saying why.
fn convert_actions(
    builder: &mut Builder,
    claims: &mut Claims,
    apis: &serde_json::Map<String, Value>,
) -> Vec<action::ActionIr> {
    let mut sorted: Vec<(&String, &Value)> = apis.iter().collect();
    sorted.sort_by_key(|(name, _)| *name);
    let mut actions = Vec::new();
    for (name, api) in sorted {
        let scope = Scope::Action(name.clone());
        let mark = builder.notes.len();
        let result = action::convert(builder, name, api)
            .and_then(|a| claims.check_action(name).map(|names| (a, names)));
        match result {
            Ok((converted, names)) => {
                claims.claim_action(names);
                actions.push(converted);
            }
            Err(reason) => {
                // Notes about parts of a skipped action say nothing; shared shapes keep theirs.
                let mut index = 0;
                builder.notes.retain(|n| {
                    index += 1;
                    index <= mark || n.scope != scope
                });
                let what = format!("action {name}");
                builder.note(&scope, what, format!("skipped: {reason}"));
            }
        }
    }
    actions
}

/// One note for all form parameters: some products document every parameter so.
fn report_form_parameters(actions: &[&action::ActionIr], unmapped: &mut Vec<Unmapped>) {
    let form: Vec<String> = actions
        .iter()
        .flat_map(|a| {
            a.form_parameters
                .iter()
                .map(move |p| format!("{}.{p}", a.draft.name))
        })
        .collect();
    if let Some(first) = form.first() {
        unmapped.push(Unmapped {
            what: format!(
                "{} form parameter{} (e.g. {first})",
                form.len(),
                if form.len() == 1 { "" } else { "s" }
            ),
            reason: "documented `in: formData`; sent in the signed query string, which RPC gateways read alike \
                     (very long values may exceed URL limits)"
                .into(),
        });
    }
}

/// `service.json`: hosts from [`endpoints::choose`].
fn add_service(plan: &mut ImportPlan, docs: &source::ApiDocs, global_endpoint: Option<&str>) {
    let product = plan.product.clone();
    let endpoints = endpoints::choose(
        &product,
        &docs.endpoints,
        global_endpoint,
        &mut plan.unmapped,
    );
    let description = format!(
        "Alibaba Cloud {} API, version {}, imported from its OpenAPI metadata; replace this text with what the product does.",
        docs.product, docs.version
    );
    let title = docs.product.to_string();
    plan.add_service(
        title,
        description,
        docs.version,
        Protocol::Acs3HmacSha256Rpc,
        endpoints,
    );
}
