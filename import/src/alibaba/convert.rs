//! One api-docs → the product's spec files: every action converted (chosen
//! or not, so that names do not depend on the choice), the types they reach,
//! the service and the notes of what was left out.

use codegen::load::raw::Protocol;
use codegen::model::naming::{self, RESERVED_TYPES};
use serde_json::Value;

use super::source::{self, parse_json};
use super::types::{Builder, Scope};
use super::{action, emit, endpoints, enums, names};
use crate::error::ImportError;
use crate::names::{Claims, is_product_name};
use crate::plan::{ImportOptions, ImportPlan, Unmapped};

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

/// [`plan`] of parsed api-docs, with the product's global endpoint when the
/// vendor's product list names one (`endpoints`).
pub(super) fn plan_docs(
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
    let mut actions = convert_actions(&mut builder, &mut claims, docs.apis, docs.rest);
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
    rest: bool,
) -> Vec<action::ActionIr> {
    let mut sorted: Vec<(&String, &Value)> = apis.iter().collect();
    sorted.sort_by_key(|(name, _)| *name);
    let mut actions = Vec::new();
    for (name, api) in sorted {
        let scope = Scope::Action(name.clone());
        let mark = builder.notes.len();
        let result = action::convert(builder, name, api, rest)
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
        if docs.rest {
            Protocol::Acs3HmacSha256Roa
        } else {
            Protocol::Acs3HmacSha256Rpc
        },
        endpoints,
    );
}
