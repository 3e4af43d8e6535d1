//! The import report, `IMPORT.md` beside a product's spec files: where the
//! metadata came from, and every decision a person should review (value sets
//! found in prose, sensitive fields, members of no documented structure,
//! members the vendor no longer documents, idempotency, text left in Chinese, examples and members left out). Rewritten by every import; what a person
//! decides goes into `overlay/`.

use std::fmt::Write as _;

use codegen::load::raw::{FieldSpec, ShapeKind};
use codegen::load::type_expr::{Scalar, TypeExpr};

use crate::detected::DetectedSet;
use crate::paging::{self, Proposal};
use crate::plan::{Curation, ImportPlan};

/// What an importer found beyond the spec files themselves.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// Actions only the English metadata has.
    pub english_only_actions: Vec<String>,
    /// `Object.Member` only the English metadata has.
    pub english_only_members: Vec<String>,
    /// Value sets found in descriptions.
    pub value_sets: Vec<DetectedSet>,
}

/// The value sets of `plan`: its enum shapes and the fields' inline sets,
/// with the fields that use each.
pub(crate) fn sets_in_plan(plan: &ImportPlan) -> Vec<DetectedSet> {
    let mut sets: Vec<DetectedSet> = plan
        .shapes()
        .filter(|s| s.kind == ShapeKind::Enum)
        .map(|s| DetectedSet {
            name: s.name.clone(),
            imported_name: None,
            scalar: match &s.enum_type {
                Some(TypeExpr::Scalar(scalar)) => *scalar,
                _ => Scalar::String,
            },
            description: s.description.clone(),
            values: s.values.clone().unwrap_or_default(),
            fields: Vec::new(),
        })
        .collect();
    let owners = plan
        .actions()
        .flat_map(|a| {
            a.input
                .iter()
                .chain(&a.output)
                .map(move |f| (a.name.as_str(), f))
        })
        .chain(
            plan.shapes()
                .flat_map(|s| s.fields.iter().flatten().map(move |f| (s.name.as_str(), f))),
        );
    for (owner, field) in owners {
        let place = format!("{owner}.{}", field.name);
        if let Some(set) = &field.value_set {
            match sets.iter_mut().find(|s| s.name == set.name) {
                Some(known) => known.fields.push(place),
                None => sets.push(DetectedSet {
                    name: set.name.clone(),
                    imported_name: None,
                    scalar: match field.ty.element() {
                        TypeExpr::Scalar(scalar) => *scalar,
                        _ => Scalar::String,
                    },
                    description: set.description.clone().unwrap_or_default(),
                    values: set.values.clone(),
                    fields: vec![place],
                }),
            }
        } else if let TypeExpr::Ref(name) = field.ty.element()
            && let Some(known) = sets.iter_mut().find(|s| s.name == *name)
        {
            known.fields.push(place);
        }
    }
    sets.sort_by(|a, b| a.name.cmp(&b.name));
    sets
}

/// Whether `text` has Chinese characters.
pub(crate) fn is_chinese(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c))
}

/// The report, as Markdown.
pub(crate) fn render(plan: &ImportPlan, findings: &Findings, curation: &Curation) -> String {
    let mut out = String::new();
    let actions: Vec<_> = plan.actions().collect();
    let objects = plan
        .shapes()
        .filter(|s| s.kind == ShapeKind::Object)
        .count();
    let enums = plan.shapes().filter(|s| s.kind == ShapeKind::Enum).count();
    // An action reads as English when its summary does; a longer
    // description the vendor wrote only in Chinese is counted apart.
    let chinese: Vec<&str> = actions
        .iter()
        .filter(|a| is_chinese(&a.summary))
        .map(|a| a.name.as_str())
        .collect();
    let chinese_descriptions = actions
        .iter()
        .filter(|a| !is_chinese(&a.summary) && a.description.as_deref().is_some_and(is_chinese))
        .count();
    let fields = || {
        actions
            .iter()
            .flat_map(|a| {
                a.input
                    .iter()
                    .chain(&a.output)
                    .map(move |f| (a.name.clone(), f))
            })
            .chain(
                plan.shapes()
                    .flat_map(|s| s.fields.iter().flatten().map(move |f| (s.name.clone(), f))),
            )
    };
    let chinese_fields = fields().filter(|(_, f)| is_chinese(&f.description)).count();
    let all_fields = fields().count();
    let sensitive: Vec<(String, &FieldSpec)> = fields().filter(|(_, f)| f.sensitive).collect();
    let json: Vec<(String, &FieldSpec)> = fields()
        .filter(|(_, f)| *f.ty.element() == TypeExpr::Json)
        .collect();
    let hidden: Vec<(String, &FieldSpec)> = fields().filter(|(_, f)| f.hidden).collect();
    let confirmed = |set: &DetectedSet| {
        set.imported_name.is_some() || curation.curated_types.contains(&set.name)
    };
    let examples: usize = actions.iter().map(|a| a.examples.len()).sum();
    let with_examples = actions.iter().filter(|a| !a.examples.is_empty()).count();
    let left_out = plan
        .unmapped
        .iter()
        .filter(|u| u.what.contains(", example "))
        .count();
    let service = plan.files.values().find_map(|f| match f {
        crate::plan::SpecFile::Service(s) => Some(s),
        _ => None,
    });

    let _ = writeln!(out, "# Import report: `{}/{}`\n", plan.vendor, plan.product);
    let _ = writeln!(
        out,
        "Written by the importer from the vendor's metadata, anew on every import, like \
         `service.json`, `actions/` and `types/`. Review it; what a person decides goes \
         into `overlay/`, which no import touches.\n"
    );
    if let Some(service) = service {
        let _ = writeln!(
            out,
            "## Sources\n\n| package | version | file | used for |\n|---|---|---|---|"
        );
        for source in &service.sources {
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} |",
                source.name, source.version, source.file, source.used_for
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(
        out,
        "- Actions: {} ({} with English text, {} with Chinese text only; {} only in the English metadata)",
        actions.len(),
        actions.len() - chinese.len(),
        chinese.len(),
        findings.english_only_actions.len()
    );
    if chinese_descriptions > 0 {
        let _ = writeln!(
            out,
            "- Actions with an English summary but a longer description only in Chinese: {chinese_descriptions}"
        );
    }
    let _ = writeln!(
        out,
        "- Fields: {all_fields}; with English descriptions: {}; with Chinese descriptions: {chinese_fields}",
        all_fields - chinese_fields
    );
    let _ = writeln!(
        out,
        "- Types: {objects} structures, {enums} value-set shapes; value sets: {} ({} of them confirmed in `overlay/`)",
        findings.value_sets.len(),
        findings.value_sets.iter().filter(|s| confirmed(s)).count()
    );
    let _ = writeln!(
        out,
        "- Error codes: {} published for the product; {} actions list their own",
        service.map_or(0, |s| s.errors.len()),
        actions.iter().filter(|a| !a.errors.is_empty()).count()
    );
    let _ = writeln!(out, "- Sensitive fields: {}", sensitive.len());
    let _ = writeln!(
        out,
        "- Fields of any JSON value (no documented structure): {}",
        json.len()
    );
    let _ = writeln!(
        out,
        "- Fields the vendor no longer documents (hidden): {}",
        hidden.len()
    );
    let _ = writeln!(
        out,
        "- Idempotent actions: {} of {}",
        actions.iter().filter(|a| a.idempotent).count(),
        actions.len()
    );
    let _ = writeln!(
        out,
        "- Examples: {examples} for {with_examples} actions; {left_out} left out"
    );
    let members = |name: &str| {
        plan.shapes()
            .find(|s| s.name == name)
            .and_then(|s| s.fields.as_deref())
    };
    let proposals: Vec<(&str, Proposal)> = actions
        .iter()
        .map(|a| (a.name.as_str(), paging::propose(a, members)))
        .filter(|(_, p)| *p != Proposal::None)
        .collect();
    let proposed = proposals
        .iter()
        .filter(|(_, p)| matches!(p, Proposal::Paging(_)))
        .count();
    let _ = writeln!(
        out,
        "- Paging: {proposed} listings proposed, {} unclear; in `overlay/`, {} paged and {} not",
        proposals.len() - proposed,
        curation.paging.values().filter(|p| p.is_some()).count(),
        curation.paging.values().filter(|p| p.is_none()).count()
    );
    let _ = writeln!(
        out,
        "- Answer members relaxed by the documented answers: {}",
        plan.relaxed.len()
    );
    let _ = writeln!(out, "- Not mapped or left out: {}\n", plan.unmapped.len());

    if !chinese.is_empty() {
        let _ = writeln!(
            out,
            "## Actions with Chinese text only\n\nThe English metadata does not document them; an overlay may give them English text.\n"
        );
        for name in &chinese {
            let _ = writeln!(out, "- {name}");
        }
        out.push('\n');
    }
    if !findings.english_only_members.is_empty() {
        let _ = writeln!(out, "## Members only the English metadata has\n");
        for member in &findings.english_only_members {
            let _ = writeln!(out, "- {member}");
        }
        out.push('\n');
    }
    if !findings.value_sets.is_empty() {
        let _ = writeln!(
            out,
            "## Value sets\n\nEach became an enum, from the metadata or from a list in a description; confirm or correct it with `overlay/types/<Name>.json` (names, descriptions) and `type_names` in `overlay/service.json`, or remove it with `\"enum\": null` on the field.\n\n| set | values | fields | confirmed |\n|---|---|---|---|"
        );
        for set in &findings.value_sets {
            let values: Vec<String> = set.values.iter().map(|v| v.value.to_string()).collect();
            let name = match &set.imported_name {
                Some(imported) => format!("`{}` (imported as `{imported}`)", set.name),
                None => format!("`{}`", set.name),
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} |",
                values.join(", ").replace('|', "\\|"),
                set.fields.join(", "),
                if confirmed(set) { "yes" } else { "no" }
            );
        }
        out.push('\n');
    }
    if !sensitive.is_empty() {
        let _ = writeln!(
            out,
            "## Sensitive fields\n\nRedacted in `Debug` output, errors and logs (the rule: `is_secret` in the importer).\n"
        );
        for (owner, field) in &sensitive {
            let _ = writeln!(out, "- {owner}.{}", field.name);
        }
        out.push('\n');
    }
    if !json.is_empty() {
        let _ = writeln!(
            out,
            "## Fields of any JSON value\n\nThe vendor documents no structure for these (a type `any`, an object without documented members): each holds any JSON value (`serde_json::Value`), as it comes; `type` in `overlay/` may give one a structure.\n"
        );
        for (owner, field) in &json {
            let _ = writeln!(out, "- {owner}.{}", field.name);
        }
        out.push('\n');
    }
    if !hidden.is_empty() {
        let _ = writeln!(
            out,
            "## Fields the vendor no longer documents\n\nThe metadata marks these `disabled`: the vendor's documentation leaves them out, yet its SDKs still carry them and some of its examples send them. Each is generated like any other field, deprecated, never required in answers (a server may stop sending it) and left out of the documentation index (`hidden`); one a caller must pass to `new` stays documented.\n"
        );
        for (owner, field) in &hidden {
            let _ = writeln!(out, "- {owner}.{}", field.name);
        }
        out.push('\n');
    }
    if !proposals.is_empty() {
        paging_section(&mut out, &proposals, curation);
    }
    if !plan.relaxed.is_empty() {
        let _ = writeln!(
            out,
            "## Answer members relaxed\n\nThe metadata calls these members of answers required (or never null), but an answer the vendor documents leaves them out (or sends null); servers evidently do too, so they are optional (or nullable): an answer without them still decodes.\n"
        );
        for item in &plan.relaxed {
            let _ = writeln!(out, "- {item}");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "## Idempotency\n\n| action | retried | why |\n|---|---|---|"
    );
    for action in &actions {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            action.name,
            if action.idempotent { "yes" } else { "no" },
            action.idempotency_note.as_deref().unwrap_or_default()
        );
    }
    out.push('\n');
    if !plan.unmapped.is_empty() {
        let _ = writeln!(out, "## Not mapped or left out\n");
        for item in &plan.unmapped {
            let _ = writeln!(out, "- {item}");
        }
    }
    out
}

/// Each proposal, and what the overlay decided.
fn paging_section(out: &mut String, proposals: &[(&str, Proposal)], curation: &Curation) {
    let _ = writeln!(
        out,
        "## Paging\n\nProposed from the names of inputs and outputs. The client streams pages and items of an action only once `paging` in `overlay/actions/<Action>.json` confirms the proposal or sets another; `\"paging\": null` there records that it does not page the way streams need.\n\n| action | proposed | in `overlay/` |\n|---|---|---|"
    );
    for (action, proposal) in proposals {
        let proposed = match proposal {
            Proposal::Paging(spec) => paging::describe(spec),
            Proposal::Unclear(why) => format!("none: {why}"),
            Proposal::None => continue,
        };
        let decided = match (curation.paging.get(*action), proposal) {
            (None, _) => "not reviewed".to_string(),
            (Some(None), _) => "not paged (see the overlay's note)".to_string(),
            (Some(Some(set)), Proposal::Paging(spec)) if set == spec => "confirmed".to_string(),
            (Some(Some(set)), _) => format!("set: {}", paging::describe(set)),
        };
        let _ = writeln!(out, "| {action} | {proposed} | {decided} |");
    }
    out.push('\n');
}
