//! A whole product: the api-docs, its documented answers as examples, the
//! sources it came from, a check against the vendor's SDK, and the report.

use codegen::load::raw::{ExampleSpec, SourceSpec};
use serde_json::Value;

use crate::report::{Findings, sets_in_plan};
use crate::{ImportError, ImportOptions, ImportPlan, Input, SpecFile, Unmapped};

/// The metadata of one product.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    /// The product's `api-docs.json`.
    pub api_docs: Input<'a>,
    /// The vendor SDK's `client.py`, whose `action = '…'` lines name every
    /// action the SDK calls: a check that the api-docs miss none.
    pub sdk_client: Option<Input<'a>>,
}

/// Converts the product's api-docs into its spec files, with examples and
/// sources, and the import report when `options.report`.
pub fn plan_product(sources: &Sources, options: &ImportOptions) -> Result<ImportPlan, ImportError> {
    let docs = &sources.api_docs;
    let mut plan = super::plan(&docs.source.file, docs.text, options)?;
    let root: Value = serde_json::from_str(docs.text).map_err(|e| {
        ImportError::format(&docs.source.file, "$", format!("a JSON document ({e})"))
    })?;
    add_examples(&mut plan, &root);
    let mut recorded: Vec<SourceSpec> = vec![docs.source.clone()];
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
    crate::examples::check(&mut plan);
    if options.report {
        let findings = Findings {
            value_sets: sets_in_plan(&plan),
            ..Findings::default()
        };
        plan.report = Some(crate::report::render(&plan, &findings, &options.curation));
    }
    Ok(plan)
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
