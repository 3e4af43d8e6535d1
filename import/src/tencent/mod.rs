//! Tencent Cloud: a tccli `api.json` (`tccli/services/<product>/<version>/api.json`)
//! → `tencent/<product>/{service.json, actions/*.json, types/*.json}`.
//!
//! Decisions where the vendor format and ours differ (each skipped or
//! adapted item is reported as [`Unmapped`]):
//!
//! - Types: `string`/`int`/`float`/`bool`/`binary` members map to our scalars,
//!   `object` to `{"ref"}`, `list` to `{"array"}`; anything else is skipped.
//! - Requiredness: inputs use `required`; outputs `output_required` (else
//!   `required`); outputs are nullable when `value_allowed_null`. Members of
//!   shapes: see `FieldDraft::in_shape`. Response `RequestId` is dropped (implied).
//! - `disabled` members are skipped, except required inputs, which are kept
//!   with `deprecated: true` (leaving them out would make every call fail).
//! - An input member that cannot be mapped but is required makes the action
//!   skipped, since no call could succeed without it.
//! - Actions: `deprecated` → `deprecated: true`; `offline` → skipped; no
//!   status → online.
//! - `idempotent` is not in the format: true only for read-only verbs (see
//!   [`READ_ONLY_VERBS`]); false is always safe, it only limits retries.
//! - `sensitive` is not in the format: set on string members whose name or
//!   description says password, private key or secret (`draft::is_secret`).
//! - No error codes (the format has none) and no rate limits.
//! - A product whose short name is a Rust keyword (`as`, Auto Scaling) keeps
//!   it; the generator names its module `as_`.
//! - Flags written as `1`/`0` (a few files) are read as booleans.
//! - Names: see the `names` module; by-value cycles: the `shapes` module.

mod fields;
mod names;
mod shapes;
mod source;

use std::collections::BTreeSet;

use codegen::load::raw::{EndpointKind, EndpointSpec, Protocol};

use crate::draft::{ActionDraft, FieldDraft, Side, object_shape};
use crate::names::{Claims, is_product_name};
use crate::text::{Dialect, Layout, split_first_sentence};
use crate::{ImportError, ImportOptions, ImportPlan, Unmapped};
use fields::map_members;
use source::{ApiFile, Metadata, RawAction};

/// How tccli documents are written.
const DOCS: Dialect = Dialect {
    layout: Layout::Paragraphs,
    no_description: "No description in the vendor metadata.",
};

/// Name prefixes of actions that only read: retrying them cannot change anything.
pub const READ_ONLY_VERBS: &[&str] = &[
    "Describe", "List", "Get", "Query", "Inquire", "Inquiry", "Check", "Search", "Verify",
];

/// Converts a tccli `api.json` (named `file_name` in messages) into the spec
/// files of its product; `options.actions` limits the import to those actions
/// and the shapes they use.
pub fn plan(
    file_name: &str,
    input: &str,
    options: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    let api = source::parse(file_name, input)?;
    let product = api.metadata.short_name.clone();
    if !is_product_name(&product) {
        return Err(ImportError::format(
            file_name,
            "$.metadata.serviceShortName",
            format!(
                "a lowercase product name (ASCII letters, digits and `_`), as the spec format uses it as a folder and module name (found `{product}`)"
            ),
        ));
    }
    if api.metadata.api_version.trim().is_empty() {
        return Err(ImportError::format(
            file_name,
            "$.metadata.apiVersion",
            "a non-empty API version",
        ));
    }
    let selected = select(&api, options)?;
    let mut unmapped = Vec::new();
    let object_ok = |name: &str| {
        if !api.objects.contains_key(name) {
            return Err(format!(
                "refers to the object `{name}`, which the file does not define"
            ));
        }
        names::shape_name_ok(name)
            .map_err(|e| format!("refers to the object `{name}`, which cannot become a shape: {e}"))
    };
    let mut claims = Claims::default();
    let mut actions = Vec::new();
    for name in selected {
        let Some(raw) = api.actions.get(name) else {
            continue;
        };
        match convert_action(&api, name, raw, &object_ok, &mut claims, &mut unmapped) {
            Ok(action) => actions.push(action),
            Err(reason) => unmapped.push(Unmapped {
                what: format!("action {name}"),
                reason,
            }),
        }
    }
    let inputs: Vec<&FieldDraft> = actions.iter().flat_map(|a| &a.input).collect();
    let outputs: Vec<&FieldDraft> = actions.iter().flat_map(|a| &a.output).collect();
    let shapes = shapes::collect(&api, &inputs, &outputs, &object_ok, &mut unmapped);
    let taken: BTreeSet<&str> = api.objects.keys().map(String::as_str).collect();
    let renames = names::claim_shapes(&mut claims, shapes.keys().map(String::as_str), &taken);
    for (from, to) in &renames {
        unmapped.push(Unmapped {
            what: format!("object {from}"),
            reason: format!("renamed to `{to}`: its Rust name would clash with an action's types or an earlier shape"),
        });
    }
    let rename = |name: &str| renames.get(name).cloned();

    let mut plan = ImportPlan::new("tencent", &product);
    add_service(&mut plan, &api.metadata);
    for action in &actions {
        plan.add_action(action.written(&rename));
    }
    for (name, shape) in &shapes {
        let fields = shape
            .fields
            .iter()
            .map(|f| f.in_shape(shape.usage, &rename));
        plan.add_shape(object_shape(
            rename(name).unwrap_or_else(|| name.clone()),
            shape.description.clone(),
            fields.collect(),
        ));
    }
    plan.unmapped = unmapped;
    Ok(plan)
}

/// The actions to import, sorted; every name in `options.actions` must exist.
fn select<'a>(api: &'a ApiFile, options: &ImportOptions) -> Result<Vec<&'a str>, ImportError> {
    let Some(wanted) = &options.actions else {
        return Ok(api.actions.keys().map(String::as_str).collect());
    };
    let mut selected = BTreeSet::new();
    for name in wanted {
        match api.actions.get_key_value(name) {
            Some((key, _)) => selected.insert(key.as_str()),
            None => return Err(ImportError::NoSuchAction(name.clone())),
        };
    }
    Ok(selected.into_iter().collect())
}

/// `service.json`: the product's name and brief, and its two hosts.
fn add_service(plan: &mut ImportPlan, meta: &Metadata) {
    let product = &meta.short_name;
    let title = meta
        .name_cn
        .as_deref()
        .map(|t| DOCS.clean(t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| product.to_ascii_uppercase());
    let description = meta
        .api_brief
        .as_deref()
        .map(|t| DOCS.clean(t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            format!("Tencent Cloud product `{product}`, imported from the tccli metadata.")
        });
    let endpoint = |host: String, kind| EndpointSpec {
        host,
        kind,
        region: None,
    };
    let endpoints = vec![
        endpoint(
            format!("{product}.tencentcloudapi.com"),
            EndpointKind::Default,
        ),
        endpoint(
            format!("{product}.intl.tencentcloudapi.com"),
            EndpointKind::International,
        ),
    ];
    let version = &meta.api_version;
    plan.add_service(
        title,
        description,
        version,
        Protocol::Tc3HmacSha256,
        endpoints,
    );
}

/// One action, or why it is skipped.
fn convert_action(
    api: &ApiFile,
    name: &str,
    raw: &RawAction,
    object_ok: &dyn Fn(&str) -> Result<(), String>,
    claims: &mut Claims,
    unmapped: &mut Vec<Unmapped>,
) -> Result<ActionDraft, String> {
    let deprecated = match raw.status.as_deref() {
        None | Some("online") => false,
        Some("deprecated") => true,
        Some("offline") => return Err("skipped: the vendor has taken the action offline".into()),
        Some(other) => {
            unmapped.push(Unmapped {
                what: format!("action {name}"),
                reason: format!("imported as online: unknown status `{other}`"),
            });
            false
        }
    };
    let action_names = claims
        .check_action(name)
        .map_err(|e| format!("skipped: {e}"))?;
    let object = |key: &str| {
        api.objects
            .get(key)
            .ok_or_else(|| format!("skipped: its {key} object is missing from the file"))
    };
    let (request, response) = (object(&raw.input)?, object(&raw.output)?);
    let input = map_members(
        &format!("action {name}, input"),
        &request.members,
        Side::Input,
        object_ok,
        unmapped,
    );
    if !input.lost_required.is_empty() {
        return Err(format!(
            "skipped: the required input(s) {} could not be mapped, so no call could succeed",
            input
                .lost_required
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let output = map_members(
        &format!("action {name}, output"),
        &response.members,
        Side::Output,
        object_ok,
        unmapped,
    );
    claims.claim_action(action_names);
    let (summary, description) = summary(name, raw);
    let verb = READ_ONLY_VERBS.iter().find(|verb| {
        name.strip_prefix(**verb).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_uppercase())
        })
    });
    let idempotency_note = match verb {
        Some(verb) => format!("Assumed idempotent by the importer: `{verb}` actions only read."),
        None => "Assumed not idempotent by the importer (the vendor metadata does not say), so a call that may have reached the server is not retried.".into(),
    };
    Ok(ActionDraft {
        name: name.to_string(),
        summary,
        description,
        idempotent: verb.is_some(),
        idempotency_note,
        deprecated,
        input: input.fields,
        output: output.fields,
        errors: Vec::new(),
    })
}

/// Summary: the first sentence of the title (`name`), else of the document.
/// Description: the document (without its first sentence when that is the summary).
fn summary(action: &str, raw: &RawAction) -> (String, Option<String>) {
    let title = DOCS.clean(raw.name.as_deref().unwrap_or_default());
    let document = DOCS.clean(raw.document.as_deref().unwrap_or_default());
    let (mut summary, description) = if title.is_empty() {
        split_first_sentence(&document)
    } else {
        (split_first_sentence(&title).0, document)
    };
    if summary.is_empty() {
        summary = format!("Calls the `{action}` action.");
    } else if summary.ends_with(|c: char| c.is_ascii_alphanumeric()) {
        summary.push('.');
    }
    let description = Some(description).filter(|d| !d.is_empty() && *d != summary);
    (summary, description)
}
