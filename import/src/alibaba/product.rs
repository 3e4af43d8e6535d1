//! A whole product: the api-docs, the CLI's English request text and
//! product list, its documented answers as examples, the sources it came
//! from, a check against the vendor's SDK, and the report.

use std::collections::BTreeMap;

use codegen::load::raw::{ExampleSpec, SourceSpec};
use serde_json::Value;

use super::convert::plan_docs;
use super::source::parse_json;
use crate::error::ImportError;
use crate::plan::{ImportOptions, ImportPlan, Input, SpecFile, Unmapped};
use crate::report::{Findings, sets_in_plan};

/// The metadata of one product.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    /// The product's `api-docs.json`.
    pub api_docs: Input<'a>,
    /// The official CLI's English request metadata of the product.
    pub english: Option<EnglishRequests<'a>>,
    /// The CLI's product list (`metadatas/products.json`): the product's
    /// global endpoint, where it has one.
    pub products: Option<Input<'a>>,
    /// The vendor SDK's `client.py`, whose `action = '…'` lines name every
    /// action the SDK calls: a check that the api-docs miss none.
    pub sdk_client: Option<Input<'a>>,
}

/// The `aliyun` CLI's English request metadata of one product
/// (`openapi-meta/en-US/<product>/<Action>.json`).
#[derive(Debug, Clone)]
pub struct EnglishRequests<'a> {
    /// Where the files come from, recorded in `service.json`.
    pub source: SourceSpec,
    /// Each action's file, by action name.
    pub actions: BTreeMap<String, &'a str>,
    /// The folder's `version.json`: each action's summary.
    pub summaries: Option<&'a str>,
}

/// Converts the product's api-docs into its spec files, with English request
/// text, examples and sources, and the import report when `options.report`.
pub fn plan_product(sources: &Sources, options: &ImportOptions) -> Result<ImportPlan, ImportError> {
    let docs = &sources.api_docs;
    let mut root = parse_json(&docs.source.file, docs.text)?;
    let mut recorded: Vec<SourceSpec> = vec![docs.source.clone()];
    let mut notes = Vec::new();
    if let Some(english) = &sources.english {
        let mut files = BTreeMap::new();
        for (action, text) in &english.actions {
            let file = format!("{}/{action}.json", english.source.file);
            files.insert(action.clone(), parse_json(&file, text)?);
        }
        let summaries = match english.summaries {
            Some(text) => {
                let file = format!("{}/version.json", english.source.file);
                Some(parse_json(&file, text)?)
            }
            None => None,
        };
        if let Some(apis) = root.get_mut("apis") {
            let merged = super::english::merge(apis, &files, summaries.as_ref());
            if !merged.only_english.is_empty() {
                notes.push(Unmapped {
                    what: format!(
                        "{} actions of the English request metadata",
                        merged.only_english.len()
                    ),
                    reason: format!(
                        "not imported: the api-docs do not document them, and the English metadata has no answers ({})",
                        merged.only_english.join(", ")
                    ),
                });
            }
        }
        recorded.push(english.source.clone());
    }
    let global = match &sources.products {
        Some(products) => {
            recorded.push(products.source.clone());
            global_endpoint(&products.source.file, products.text, &root)?
        }
        None => None,
    };
    let mut plan = plan_docs(&docs.source.file, &root, global.as_deref(), options)?;
    plan.unmapped.extend(notes);
    add_examples(&mut plan, &root);
    if let Some(client) = &sources.sdk_client {
        cross_check(&mut plan, client.text, &client.source.name);
        recorded.push(client.source.clone());
    }
    if let Some(service) = plan.service_mut() {
        service.sources = recorded
            .into_iter()
            .filter(|s| !s.version.is_empty())
            .collect();
    }
    crate::examples::check(&mut plan, None);
    if options.report {
        let findings = Findings {
            value_sets: sets_in_plan(&plan),
            ..Findings::default()
        };
        plan.report = Some(crate::report::render(&plan, &findings, &options.curation));
    }
    Ok(plan)
}

/// The global endpoint the product list gives the api-docs' product and
/// version (`None` when it names none, or only regional ones).
fn global_endpoint(file: &str, text: &str, docs: &Value) -> Result<Option<String>, ImportError> {
    let list = parse_json(file, text)?;
    let products = list
        .get("products")
        .and_then(Value::as_array)
        .ok_or_else(|| ImportError::format(file, "$.products", "a list of products"))?;
    let wanted = |key: &str| {
        docs.pointer(&format!("/info/{key}"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let (product, version) = (wanted("product"), wanted("version"));
    let entry = products.iter().find(|p| {
        let field = |key: &str| p.get(key).and_then(Value::as_str).unwrap_or_default();
        field("code").eq_ignore_ascii_case(&product) && field("version") == version
    });
    Ok(entry
        .and_then(|p| super::source::text(p.get("global_endpoint")))
        .map(str::to_string))
}

/// Each action's `responseDemo`: the vendor documents answers, not requests.
fn add_examples(plan: &mut ImportPlan, root: &Value) {
    let mut notes = Vec::new();
    for file in plan.files.values_mut() {
        let SpecFile::Action(action) = file else {
            continue;
        };
        let demos = root
            .pointer(&format!("/apis/{}/responseDemo", action.name))
            .and_then(Value::as_str)
            .and_then(|text| serde_json::from_str::<Vec<Value>>(text).ok())
            .unwrap_or_default();
        for (i, demo) in demos.iter().enumerate() {
            if demo.get("type").and_then(Value::as_str) != Some("json") {
                continue;
            }
            let parsed = demo
                .get("example")
                .and_then(Value::as_str)
                .map(serde_json::from_str::<Value>);
            match parsed {
                Some(Ok(response)) if response.is_object() => action.examples.push(ExampleSpec {
                    title: "The documented answer".into(),
                    request: None,
                    response,
                }),
                _ => notes.push(Unmapped {
                    what: format!("action {}, example {}", action.name, i + 1),
                    reason: "left out: its answer is not a JSON object".into(),
                }),
            }
        }
    }
    plan.unmapped.extend(notes);
}

/// Reports the actions the SDK calls that the api-docs do not document.
fn cross_check(plan: &mut ImportPlan, client: &str, sdk: &str) {
    let imported: Vec<String> = plan.actions().map(|a| a.name.clone()).collect();
    let mut missing: Vec<&str> = client
        .lines()
        .filter_map(|line| line.trim().strip_prefix("action = '"))
        .filter_map(|rest| rest.split('\'').next())
        .filter(|name| !imported.iter().any(|a| a == name))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if !missing.is_empty() {
        plan.unmapped.push(Unmapped {
            what: format!("{} actions of {sdk}", missing.len()),
            reason: format!(
                "not imported: the api-docs do not document them ({})",
                missing.join(", ")
            ),
        });
    }
}
