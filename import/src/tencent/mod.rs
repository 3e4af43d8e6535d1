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
//! - `disabled` members (the vendor's documentation no longer shows them)
//!   are kept, as the official SDKs keep them, with `deprecated: true` and
//!   `hidden: true` (out of the documentation index, except where a caller
//!   must pass one to `new`); never required in answers, which may stop
//!   carrying them. One that becomes the Rust name of a documented member
//!   (an old spelling) gives way to it.
//! - An input member that cannot be mapped but is required makes the action
//!   skipped, since no call could succeed without it.
//! - Actions: `deprecated` → `deprecated: true`; `offline` → skipped; no
//!   status → online.
//! - `idempotent` is not in the format: true for read-only verbs (see
//!   [`READ_ONLY_VERBS`]) and for actions with a `ClientToken` parameter
//!   (the server deduplicates a retried call carrying the same token); false
//!   otherwise, which is always safe, it only limits retries.
//! - `sensitive` is not in the format: set on string members whose name or
//!   description says password, private key or secret (`draft::is_secret`).
//! - Value sets the descriptions list in a regular pattern become enum
//!   shapes (`detected`).
//! - No error codes and no rate limits in `api.json`; the product's codes come
//!   from the Python SDK's `errorcodes.py` when given ([`Sources`]).
//! - With the international package's English metadata ([`Sources`]), its
//!   text replaces the Chinese wherever it has some, and its actions,
//!   objects and members join the mainland's (`english`).
//! - A product whose short name is a Rust keyword (`as`, Auto Scaling) keeps
//!   it; the generator names its module `as_`.
//! - Flags written as `1`/`0` (a few files) are read as booleans.
//! - Names: see the `names` module; by-value cycles: the `shapes` module.

mod english;
mod errorcodes;
mod examples;
mod fields;
pub mod go_sdk;
mod names;
mod shapes;
mod source;

use std::collections::{BTreeMap, BTreeSet};

use codegen::load::raw::{EndpointKind, EndpointSpec, ExampleSpec, Protocol};
use codegen::load::type_expr::Scalar;

use crate::detected::{Candidate, detect_sets};
use crate::draft::{ActionDraft, FieldDraft, Side, enum_shape, object_shape};
use crate::error::ImportError;
use crate::names::{Claims, is_product_name};
pub use crate::plan::Input;
use crate::plan::{ImportOptions, ImportPlan, SpecFile, Unmapped};
use crate::report::Findings;
use crate::text::split_first_sentence;
use fields::map_members;
use source::{ApiFile, DOCS, Metadata, RawAction};

/// The parameter with which the server deduplicates calls.
const CLIENT_TOKEN: &str = "ClientToken";

/// Name prefixes of actions that only read: retrying them cannot change anything.
pub const READ_ONLY_VERBS: &[&str] = &[
    "Describe", "List", "Get", "Query", "Inquire", "Inquiry", "Check", "Search", "Download",
];

/// The vendor's metadata of one product, from the packages it publishes.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    /// `tccli`'s `api.json`: every action of the mainland site, text in Chinese.
    pub api: Input<'a>,
    /// `tccli`'s `examples.json`.
    pub examples: Option<Input<'a>>,
    /// `tccli-intl-en`'s `api.json`: English text, and the actions only the
    /// international site has.
    pub english: Option<Input<'a>>,
    /// `tccli-intl-en`'s `examples.json`.
    pub english_examples: Option<Input<'a>>,
    /// `tencentcloud-sdk-python-intl-en`'s `errorcodes.py`: the product's
    /// error codes, described in English.
    pub error_codes: Option<Input<'a>>,
}

/// Converts a tccli `api.json` (named `file_name` in messages) into the spec
/// files of its product; `options.actions` limits the import to those actions
/// and the shapes they use.
pub fn plan(
    file_name: &str,
    input: &str,
    options: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    let sources = Sources {
        api: Input::file(file_name, input),
        examples: None,
        english: None,
        english_examples: None,
        error_codes: None,
    };
    plan_product(&sources, options)
}

/// Converts a product's metadata into its spec files, with English text,
/// examples and error codes where `sources` has them, and an import report.
pub fn plan_product(sources: &Sources, options: &ImportOptions) -> Result<ImportPlan, ImportError> {
    let file_name = sources.api.source.file.as_str();
    let mut api = source::parse(file_name, sources.api.text)?;
    let mut findings = Findings::default();
    if let Some(english) = &sources.english {
        let english = source::parse(&english.source.file, english.text)?;
        let added = english::merge(&mut api, english);
        findings.english_only_actions = added.actions;
        findings.english_only_members = added.members;
    }
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
    let mut shapes = shapes;
    // A field whose overlay says `"enum": null` has no value set to detect.
    let without_sets = &options.curation.without_value_sets;
    let candidates = actions
        .iter_mut()
        .flat_map(|a| {
            let owner = a.name.as_str();
            a.input
                .iter_mut()
                .chain(a.output.iter_mut())
                .filter(move |field| {
                    !without_sets.contains(&(owner.to_string(), field.spec.name.clone()))
                })
                .map(move |field| Candidate { owner, field })
        })
        .chain(shapes.iter_mut().flat_map(|(owner, shape)| {
            shape
                .fields
                .iter_mut()
                .map(move |field| Candidate { owner, field })
        }))
        .collect();
    findings.value_sets = detect_sets(candidates, &options.curation.type_names, &mut claims);

    let mut plan = ImportPlan::new("tencent", &product);
    plan.complete = options.actions.is_none();
    add_service(&mut plan, &api.metadata);
    let (mut examples, mut shadowed) = read_examples(sources, &mut unmapped)?;
    for action in &actions {
        let mut file = action.written(&rename);
        file.examples = examples.remove(&action.name).unwrap_or_default();
        plan.add_action(file);
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
    for set in &findings.value_sets {
        let scalar = if set.scalar == Scalar::String {
            Scalar::String
        } else {
            Scalar::Int64
        };
        plan.add_shape(enum_shape(
            set.name.clone(),
            set.description.clone(),
            scalar,
            set.values.clone(),
        ));
    }
    if let Some(service) = plan.service_mut() {
        if let Some(codes) = &sources.error_codes {
            service.errors = errorcodes::parse(codes.text);
        }
        service.sources = [
            Some(&sources.api),
            sources.examples.as_ref(),
            sources.english.as_ref(),
            sources.english_examples.as_ref(),
            sources.error_codes.as_ref(),
        ]
        .into_iter()
        .flatten()
        .filter(|input| !input.source.version.is_empty())
        .map(|input| input.source.clone())
        .collect();
    }
    plan.unmapped = unmapped;
    crate::examples::check(&mut plan, None);
    // Where none of the English examples fits the documented types, the
    // mainland's may: better an example in Chinese than none.
    let mut retry = BTreeSet::new();
    for file in plan.files.values_mut() {
        if let SpecFile::Action(action) = file
            && action.examples.is_empty()
            && let Some(mainland) = shadowed.remove(&action.name)
        {
            action.examples = mainland;
            retry.insert(action.name.clone());
        }
    }
    if !retry.is_empty() {
        crate::examples::check(&mut plan, Some(&retry));
    }
    if options.report {
        plan.report = Some(crate::report::render(&plan, &findings, &options.curation));
    }
    Ok(plan)
}

/// Examples by action.
type Examples = BTreeMap<String, Vec<ExampleSpec>>;

/// Each action's examples: the international site's where it documents the
/// action in English, else the mainland's; and the mainland's that the
/// English ones replaced, to fall back on.
fn read_examples(
    sources: &Sources,
    unmapped: &mut Vec<Unmapped>,
) -> Result<(Examples, Examples), ImportError> {
    let parse = |input: &Option<Input>, unmapped: &mut Vec<Unmapped>| match input {
        Some(input) => examples::parse(&input.source.file, input.text, unmapped),
        None => Ok(BTreeMap::new()),
    };
    let mut examples = parse(&sources.examples, unmapped)?;
    let mut shadowed = BTreeMap::new();
    for (action, list) in parse(&sources.english_examples, unmapped)? {
        if !list.is_empty()
            && let Some(mainland) = examples.insert(action.clone(), list)
        {
            shadowed.insert(action, mainland);
        }
    }
    Ok((examples, shadowed))
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
    let client_token = input.fields.iter().any(FieldDraft::is_idempotency_token);
    let idempotency_note = match verb {
        Some(verb) => format!("Assumed idempotent by the importer: `{verb}` actions only read."),
        None if client_token => format!("Idempotent by its `{CLIENT_TOKEN}`: every attempt of a call carries the same token, and the server carries out a token once."),
        None => "Assumed not idempotent by the importer (the vendor metadata does not say), so a call that may have reached the server is not retried.".into(),
    };
    Ok(ActionDraft {
        name: name.to_string(),
        summary,
        description,
        idempotent: verb.is_some() || client_token,
        idempotency_note,
        deprecated,
        input: input.fields,
        output: output.fields,
        errors: Vec::new(),
        http: None,
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
