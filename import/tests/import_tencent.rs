//! The tccli importer on a small hand-written product (`fixtures/tencent/widgets.json`)
//! covering every member kind and every case the importer must adapt or skip.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{assert_not_planned, assert_summary, field, file, generate, spec_root};
use import::{self, ImportError, ImportOptions, ImportPlan, tencent};
use serde_json::{Value, json};

const FIXTURE: &str = "tencent/widgets.json";

fn plan_with(actions: Option<&[&str]>) -> ImportPlan {
    let options = ImportOptions {
        actions: actions.map(|a| a.iter().map(|s| s.to_string()).collect()),
        ..ImportOptions::default()
    };
    tencent::plan(FIXTURE, &common::fixture(FIXTURE), &options).expect("the fixture imports")
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|a| a.iter().filter_map(|f| f["name"].as_str()).collect())
        .unwrap_or_default()
}

fn unmapped_reason<'a>(plan: &'a ImportPlan, what: &str) -> &'a str {
    plan.unmapped
        .iter()
        .find(|u| u.what == what)
        .map(|u| u.reason.as_str())
        .unwrap_or_else(|| {
            panic!(
                "nothing unmapped for `{what}`; unmapped: {:#?}",
                plan.unmapped
            )
        })
}

/// A spec root holding the repository's tencent vendor file and schemas, plus `plan`.
fn spec_root_with(plan: &ImportPlan, name: &str) -> PathBuf {
    let root = spec_root("tencent", name);
    import::write_plan(&root, plan, false).expect("plan written");
    root
}

/// Every file under `root`, relative to it.
fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path.strip_prefix(root).expect("below root").to_path_buf());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn service_file_names_product_version_and_hosts() {
    let plan = plan_with(None);
    assert_eq!(
        (plan.vendor.as_str(), plan.product.as_str()),
        ("tencent", "widgets")
    );
    let service = file(&plan, "tencent/widgets/service.json");
    assert_eq!(service["$schema"], "../../schema/service.schema.json");
    assert_eq!(service["version"], "2024-01-01");
    assert_eq!(service["protocol"], "tc3-hmac-sha256");
    assert_eq!(service["title"], "Widget Service");
    assert_eq!(service["description"], "Create, list and tune widgets.");
    assert_eq!(
        service["endpoints"],
        json!([
            {"host": "widgets.tencentcloudapi.com", "kind": "default"},
            {"host": "widgets.intl.tencentcloudapi.com", "kind": "international"}
        ])
    );
}

#[test]
fn every_member_kind_maps_to_its_type() {
    let plan = plan_with(None);
    let create = file(&plan, "tencent/widgets/actions/CreateWidget.json");
    assert_eq!(create["$schema"], "../../../schema/action.schema.json");
    let input = &create["input"];
    assert_eq!(field(input, "Name")["type"], "string");
    assert_eq!(field(input, "Spec")["type"], json!({"ref": "WidgetSpec"}));
    assert_eq!(
        field(input, "Labels")["type"],
        json!({"array": {"ref": "Label"}})
    );
    assert_eq!(field(input, "Ratio")["type"], "float");
    assert_eq!(field(input, "Enabled")["type"], "boolean");
    assert_eq!(field(input, "Blob")["type"], "binary");
    let describe = file(&plan, "tencent/widgets/actions/DescribeWidgets.json");
    let input = &describe["input"];
    assert_eq!(
        field(input, "WidgetIds")["type"],
        json!({"array": "string"})
    );
    assert_eq!(field(input, "Limit")["type"], "uint64");
    assert_eq!(field(input, "Since")["type"], "datetime");
    assert_eq!(field(input, "Day")["type"], "date");
    assert_eq!(field(input, "Sizes")["type"], json!({"array": "int64"}));
    assert_eq!(field(&describe["output"], "TotalCount")["type"], "int64");
    let created_at = field(&create["output"], "CreatedAt");
    assert_eq!(created_at["type"], "datetime_iso");
}

#[test]
fn requiredness_nullability_examples_and_descriptions() {
    let plan = plan_with(None);
    let create = file(&plan, "tencent/widgets/actions/CreateWidget.json");
    let name = field(&create["input"], "Name");
    assert_eq!(
        (name["required"].clone(), name["example"].clone()),
        (json!(true), json!("my-widget"))
    );
    assert_eq!(
        field(&create["input"], "Spec").get("example"),
        None,
        "the placeholder 无 is dropped"
    );
    assert_eq!(field(&create["input"], "Ratio")["example"], json!(0.5));
    assert_eq!(field(&create["input"], "AdminPassword")["sensitive"], true);
    let created_at = field(&create["output"], "CreatedAt");
    assert_eq!(
        (
            created_at["required"].clone(),
            created_at["nullable"].clone()
        ),
        (json!(false), json!(true))
    );
    assert_eq!(
        created_at["description"],
        "No description in the vendor metadata."
    );
    assert_eq!(
        names(&create["output"]),
        ["WidgetId", "CreatedAt"],
        "RequestId is implied"
    );
    assert_summary(
        &create,
        "Create a widget.",
        "Creates one widget.\n\nThe widget starts stopped.",
    );
    assert_eq!(create["idempotent"], false);
    assert_eq!(create["errors"], json!([]));

    let describe = file(&plan, "tencent/widgets/actions/DescribeWidgets.json");
    assert_summary(
        &describe,
        "Lists widgets page by page.",
        "- Filters are combined with AND.\n\n- At most 100 per page.",
    );
    assert_eq!(describe["idempotent"], true);
    assert_eq!(
        field(&describe["input"], "WidgetIds")["example"],
        json!(["w-1", "w-2"])
    );
    let widgets = field(&describe["output"], "Widgets");
    assert_eq!(
        (widgets["required"].clone(), widgets["nullable"].clone()),
        (json!(true), json!(true))
    );

    let stats = file(&plan, "tencent/widgets/actions/GetWidgetStats.json");
    assert_eq!(
        field(&stats["output"], "Uptime")["required"],
        true,
        "`required` stands in for output_required"
    );
    assert_eq!(
        field(&stats["input"], "WidgetId")["required"],
        true,
        "`1` means true"
    );
}

#[test]
fn statuses_and_disabled_members() {
    let plan = plan_with(None);
    let stats = file(&plan, "tencent/widgets/actions/GetWidgetStats.json");
    assert_eq!(
        (stats["deprecated"].clone(), stats["idempotent"].clone()),
        (json!(true), json!(true))
    );
    let modify = file(&plan, "tencent/widgets/actions/ModifyWidgetTree.json");
    assert_eq!(modify.get("deprecated"), None, "no status means online");
    assert_eq!(modify["summary"], "Replaces the tree of a widget.");
    assert_eq!(modify.get("description"), None);
    assert_not_planned(&plan, "tencent/widgets/actions/RemoveWidget.json");
    assert!(unmapped_reason(&plan, "action RemoveWidget").contains("offline"));

    // `disabled`, required or not: kept, deprecated and hidden.
    let create = file(&plan, "tencent/widgets/actions/CreateWidget.json");
    for (name, required) in [("LegacyMode", true), ("OldFlag", false)] {
        let member = field(&create["input"], name);
        assert_eq!(
            (
                &member["required"],
                &member["deprecated"],
                &member["hidden"]
            ),
            (&json!(required), &json!(true), &json!(true)),
            "{name}"
        );
        assert!(
            plan.unmapped.iter().all(|u| !u.what.ends_with(name)),
            "{:#?}",
            plan.unmapped
        );
    }
    assert_eq!(field(&create["input"], "Name").get("hidden"), None);
    // A disabled member gives way to the one the vendor documents under the same Rust name.
    assert_eq!(names(&create["output"]), ["WidgetId", "CreatedAt"]);
    assert_eq!(field(&create["output"], "WidgetId").get("hidden"), None);
    assert!(
        unmapped_reason(&plan, "action CreateWidget, output WidgetID").contains(
            "disabled by the vendor, another spelling of a member it documents (both are the Rust field `widget_id`)"
        )
    );
    assert!(
        unmapped_reason(&plan, "action CreateWidget, input OLDFlag").contains(
            "disabled by the vendor, and becomes the Rust field `old_flag` like an earlier field"
        )
    );
}

#[test]
fn unmappable_members_and_names_are_reported_not_fatal() {
    let plan = plan_with(None);
    let create = file(&plan, "tencent/widgets/actions/CreateWidget.json");
    assert_eq!(
        names(&create["input"]),
        [
            "Name",
            "Spec",
            "Labels",
            "Ratio",
            "Enabled",
            "Blob",
            "AdminPassword",
            "LegacyMode",
            "OldFlag"
        ]
    );
    assert!(unmapped_reason(&plan, "action CreateWidget, input Extras").contains("type `map`"));
    assert!(
        unmapped_reason(&plan, "action CreateWidget, input 2ndName").contains("Rust identifier")
    );
    assert!(unmapped_reason(&plan, "action CreateWidget, input NAME").contains("`name`"));
    let describe = file(&plan, "tencent/widgets/actions/DescribeWidgets.json");
    assert_eq!(names(&describe["output"]), ["TotalCount", "Widgets"]);
    assert!(
        unmapped_reason(&plan, "action DescribeWidgets, output RequestID").contains("request_id")
    );
    // A required input that cannot be mapped makes the action uncallable.
    assert_not_planned(&plan, "tencent/widgets/actions/TuneWidget.json");
    assert!(unmapped_reason(&plan, "action TuneWidget").contains("Knobs"));
}

#[test]
fn shapes_are_reachable_renamed_on_clashes_and_never_contain_themselves() {
    let plan = plan_with(None);
    let types: Vec<String> = plan
        .files
        .keys()
        .filter_map(|p| p.strip_prefix("tencent/widgets/types").ok())
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        types,
        [
            "Alpha.json",
            "Beta.json",
            "CreateWidgetErrorShape.json",
            "Filter.json",
            "Label.json",
            "TreeNode.json",
            "Widget.json",
            "WidgetSpec.json",
            "Widget_SpecShape.json"
        ]
    );
    let widget = file(&plan, "tencent/widgets/types/Widget.json");
    assert_eq!(widget["$schema"], "../../../schema/shape.schema.json");
    for (name, shape) in [
        ("Variant", "Widget_SpecShape"),
        ("Error", "CreateWidgetErrorShape"),
    ] {
        assert_eq!(
            field(&widget["fields"], name)["type"],
            json!({ "ref": shape })
        );
    }
    assert!(
        unmapped_reason(&plan, "object CreateWidgetError")
            .contains("renamed to `CreateWidgetErrorShape`")
    );
    let tree = file(&plan, "tencent/widgets/types/TreeNode.json");
    assert_eq!(
        names(&tree["fields"]),
        ["Id", "Children"],
        "the by-value self reference is dropped"
    );
    assert!(unmapped_reason(&plan, "object TreeNode, member Parent").contains("contain itself"));
    let beta = file(&plan, "tencent/widgets/types/Beta.json");
    assert_eq!(
        names(&beta["fields"]),
        ["Note"],
        "Alpha → Beta → Alpha is broken once"
    );
    assert_eq!(
        names(&file(&plan, "tencent/widgets/types/Alpha.json")["fields"]),
        ["Beta"]
    );
}

#[test]
fn shape_requiredness_depends_on_the_side_it_is_used_on() {
    let plan = plan_with(None);
    // WidgetSpec is used in a request and a response: required only where both sides agree.
    let spec = file(&plan, "tencent/widgets/types/WidgetSpec.json");
    assert_eq!(field(&spec["fields"], "Size")["required"], true);
    assert_eq!(field(&spec["fields"], "Colour")["required"], false);
    assert_eq!(field(&spec["fields"], "Size")["example"], json!(3));
    // Widget is output-only: output_required and value_allowed_null.
    let widget = file(&plan, "tencent/widgets/types/Widget.json");
    let spec_member = field(&widget["fields"], "Spec");
    assert_eq!(
        (
            spec_member["required"].clone(),
            spec_member["nullable"].clone()
        ),
        (json!(true), json!(true))
    );
    // Filter is input-only: `required`, never nullable.
    let filter = file(&plan, "tencent/widgets/types/Filter.json");
    assert_eq!(field(&filter["fields"], "Values")["required"], true);
    assert_eq!(field(&filter["fields"], "Values").get("nullable"), None);
}

#[test]
fn actions_option_imports_only_those_actions_and_the_shapes_they_reach() {
    let plan = plan_with(Some(&["DescribeWidgets"]));
    let paths: Vec<String> = plan.files.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "tencent/widgets/actions/DescribeWidgets.json",
            "tencent/widgets/service.json",
            // CreateWidget is not imported, so its error type does not clash.
            "tencent/widgets/types/CreateWidgetError.json",
            "tencent/widgets/types/Filter.json",
            "tencent/widgets/types/Label.json",
            "tencent/widgets/types/Widget.json",
            "tencent/widgets/types/WidgetSpec.json",
            "tencent/widgets/types/Widget_SpecShape.json",
        ]
    );
    // Now output-only, WidgetSpec takes its output flags.
    let spec = file(&plan, "tencent/widgets/types/WidgetSpec.json");
    assert_eq!(field(&spec["fields"], "Colour")["required"], false);
    let error = tencent::plan(
        FIXTURE,
        &common::fixture(FIXTURE),
        &ImportOptions {
            actions: Some(vec!["Nope".into()]),
            ..ImportOptions::default()
        },
    );
    assert!(matches!(error, Err(ImportError::NoSuchAction(name)) if name == "Nope"));
}

#[test]
fn the_plan_passes_validation_and_generates() {
    for (name, actions) in [
        ("all", None),
        ("filtered", Some(&["DescribeWidgets", "GetWidgetStats"][..])),
    ] {
        let plan = plan_with(actions);
        let root = spec_root_with(&plan, name);
        let generated = generate(&root, true);
        let (products, actions, shapes) = generated.counts;
        let planned_types = plan
            .files
            .keys()
            .filter(|p| p.starts_with("tencent/widgets/types"))
            .count();
        let planned_actions = plan
            .files
            .keys()
            .filter(|p| p.starts_with("tencent/widgets/actions"))
            .count();
        assert_eq!(
            (products, actions, shapes),
            (1, planned_actions, planned_types),
            "{name}"
        );
        fs::remove_dir_all(&root).expect("cleanup");
    }
}

#[test]
fn writing_twice_changes_nothing_and_hand_edits_survive_without_force() {
    let plan = plan_with(None);
    let root = spec_root_with(&plan, "rewrite");
    let again = import::write_plan(&root, &plan, false).expect("second write");
    assert!(again.created.is_empty() && again.skipped.is_empty() && again.overwritten.is_empty());
    assert_eq!(again.unchanged.len(), plan.files.len());

    let edited = PathBuf::from("tencent/widgets/actions/CreateWidget.json");
    let mut value = file(&plan, "tencent/widgets/actions/CreateWidget.json").clone();
    value["summary"] = json!("Creates a widget (hand-edited).");
    fs::write(root.join(&edited), codegen::load::raw::to_spec_text(&value)).expect("hand edit");
    let kept = import::write_plan(&root, &plan, false).expect("third write");
    assert_eq!(kept.skipped, vec![edited.clone()]);
    assert!(
        fs::read_to_string(root.join(&edited))
            .expect("read")
            .contains("hand-edited")
    );
    let forced = import::write_plan(&root, &plan, true).expect("forced write");
    assert_eq!(forced.overwritten, vec![edited.clone()]);
    assert!(
        !fs::read_to_string(root.join(&edited))
            .expect("read")
            .contains("hand-edited")
    );
    fs::remove_dir_all(&root).expect("cleanup");
}

#[test]
fn malformed_input_names_the_json_path() {
    let missing_version =
        r#"{"actions": {}, "objects": {}, "metadata": {"serviceShortName": "x"}}"#;
    let error = tencent::plan("api.json", missing_version, &ImportOptions::default())
        .expect_err("no apiVersion");
    assert_eq!(
        error.to_string(),
        "api.json: at $.metadata: expected key `apiVersion`"
    );
    let bad_member = r#"{"actions": {}, "metadata": {"apiVersion": "1", "serviceShortName": "x"},
        "objects": {"O": {"members": [{"name": "A", "type": 3, "member": "string"}]}}}"#;
    let error = tencent::plan("api.json", bad_member, &ImportOptions::default())
        .expect_err("type is a number");
    assert!(
        error
            .to_string()
            .starts_with("api.json: at $.objects.O.members[0].type: expected a string"),
        "{error}"
    );
    let bad_flag = r#"{"actions": {}, "metadata": {"apiVersion": "1", "serviceShortName": "x"},
        "objects": {"O": {"members": [{"name": "A", "type": "string", "member": "string", "required": "yes"}]}}}"#;
    let error =
        tencent::plan("api.json", bad_flag, &ImportOptions::default()).expect_err("not a flag");
    assert!(
        error
            .to_string()
            .contains("members[0].required: expected a boolean (or 0 or 1)"),
        "{error}"
    );
}

#[test]
fn a_product_name_that_is_a_keyword_is_kept_and_a_bad_one_refused() {
    let keyword = r#"{"actions": {}, "objects": {}, "metadata": {"apiVersion": "1", "serviceShortName": "as"}}"#;
    let plan = tencent::plan("api.json", keyword, &ImportOptions::default())
        .expect("`as` is imported; its module is `as_`");
    assert_eq!(plan.product, "as");
    let bad = r#"{"actions": {}, "objects": {}, "metadata": {"apiVersion": "1", "serviceShortName": "Auto-Scaling"}}"#;
    let error =
        tencent::plan("api.json", bad, &ImportOptions::default()).expect_err("not a module name");
    assert!(
        error.to_string().contains("$.metadata.serviceShortName"),
        "{error}"
    );
}

#[test]
fn an_import_the_validator_refuses_writes_nothing() {
    let plan = plan_with(None);
    // A hand-written shape named like the request type of an imported action.
    let root = spec_root("tencent", "refused");
    let shape = PathBuf::from("tencent/widgets/types/CreateWidgetRequest.json");
    fs::create_dir_all(root.join("tencent/widgets/types")).expect("types dir");
    let hand_written = json!({
        "$schema": "../../../schema/shape.schema.json",
        "name": "CreateWidgetRequest",
        "kind": "object",
        "description": "Kept from an earlier hand-written spec.",
        "fields": []
    });
    fs::write(root.join(&shape), hand_written.to_string()).expect("shape");
    let before = files_under(&root);
    match import::write_plan(&root, &plan, false) {
        Err(ImportError::Invalid(diagnostics)) => {
            let clash = diagnostics
                .errors
                .iter()
                .find(|e| e.file == shape)
                .unwrap_or_else(|| panic!("no problem in {}: {diagnostics}", shape.display()));
            assert_eq!(clash.json_path, "$.name");
            assert!(
                clash.expected.contains("distinct Rust type name"),
                "{clash}"
            );
        }
        other => panic!("expected the validator to refuse the import, got {other:?}"),
    }
    assert_eq!(files_under(&root), before, "nothing written");

    // Without the clash, the same import passes.
    fs::remove_file(root.join(&shape)).expect("remove");
    import::write_plan(&root, &plan, false).expect("valid import");
    fs::remove_dir_all(&root).expect("cleanup");
}

#[test]
fn a_broken_vendor_file_stops_the_import() {
    let plan = plan_with(None);
    let root = spec_root("tencent", "broken-vendor");
    fs::write(
        root.join("tencent/vendor.json"),
        "{\"name\": \"tencent\"}\n",
    )
    .expect("vendor");
    let before = files_under(&root);
    let error = import::write_plan(&root, &plan, true).expect_err("vendor.json is broken");
    let text = error.to_string();
    assert!(
        text.contains("tencent/vendor.json") && text.contains("nothing was written"),
        "{text}"
    );
    assert_eq!(files_under(&root), before, "nothing written");
    fs::remove_dir_all(&root).expect("cleanup");
}

/// A product from all five files of its vendor metadata (`fixtures/tencent/product/`).
fn product_plan() -> ImportPlan {
    let text = |name: &str| common::fixture(&format!("tencent/product/{name}"));
    let (api, examples, english, english_examples, codes) = (
        text("api.json"),
        text("examples.json"),
        text("api-en.json"),
        text("examples-en.json"),
        text("errorcodes.py"),
    );
    let input = |name: &str, text| {
        let mut input = import::Input::file(name, text);
        input.source.version = "1.0".into();
        input
    };
    let sources = tencent::Sources {
        api: input("api.json", &api),
        examples: Some(input("examples.json", &examples)),
        english: Some(input("api-en.json", &english)),
        english_examples: Some(input("examples-en.json", &english_examples)),
        error_codes: Some(input("errorcodes.py", &codes)),
    };
    let options = ImportOptions {
        report: true,
        ..ImportOptions::default()
    };
    tencent::plan_product(&sources, &options).expect("the product imports")
}

#[test]
fn a_product_takes_english_text_codes_examples_and_value_sets_from_its_sources() {
    let plan = product_plan();
    let apply = file(&plan, "tencent/gizmo/actions/ApplyGizmo.json");
    assert_eq!(apply["summary"], "Applies for a gizmo.");
    // The English text lists two values, the Chinese three: the set has all of them.
    let method = field(&apply["input"], "Method");
    assert_eq!(method["type"], json!({"ref": "Method"}));
    let values = file(&plan, "tencent/gizmo/types/Method.json")["values"].clone();
    let wire: Vec<&str> = values
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["value"].as_str())
        .collect();
    assert_eq!(wire, ["DNS", "FILE", "DNS_AUTO"]);
    assert_eq!(field(&apply["input"], "KeyPass")["sensitive"], true);
    assert_eq!(
        apply["idempotent"], true,
        "a ClientToken makes retries safe"
    );
    // Quotes and commas the vendor left out of the example are added.
    assert_eq!(
        apply["examples"][0]["request"],
        json!({"Method": "DNS", "KeyPass": "x"})
    );

    let describe = file(&plan, "tencent/gizmo/actions/DescribeGizmo.json");
    let status = file(&plan, "tencent/gizmo/types/Status.json");
    assert_eq!(status["type"], "int64");
    assert_eq!(
        status["values"][1],
        json!({"value": 1, "name": "Approved", "description": "approved"})
    );
    let example = &describe["examples"][0];
    assert_eq!(
        example["title"], "Query a gizmo",
        "the English example wins"
    );
    assert_eq!(
        example["response"],
        json!({"Status": 1, "Count": 2, "RequestId": "r1"})
    );
    assert_eq!(
        field(&describe["output"], "Note")["required"],
        false,
        "left out by an answer: optional"
    );

    let purge = file(&plan, "tencent/gizmo/actions/PurgeGizmos.json");
    assert_eq!(
        purge["summary"], "清理小工具",
        "no English text: the Chinese stays"
    );
    assert!(
        plan.files
            .contains_key(Path::new("tencent/gizmo/actions/RenameGizmo.json"))
    );

    let service = file(&plan, "tencent/gizmo/service.json");
    let codes: Vec<&str> = service["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "FailedOperation",
            "ResourceNotFound.Gizmo",
            "FailedOperation.Undocumented"
        ]
    );
    assert_eq!(service["sources"].as_array().unwrap().len(), 5);

    let report = plan.report.as_deref().expect("a report");
    for line in [
        "- Actions: 4 (3 with English text, 1 with Chinese text only; 1 only in the English metadata)",
        "- PurgeGizmos",
        "| `Method` | \"DNS\", \"FILE\", \"DNS_AUTO\" | ApplyGizmo.Method | no |",
        "- ApplyGizmo.KeyPass",
        "| ApplyGizmo | yes | Idempotent by its `ClientToken`",
        "taken as the number 1",
        "undocumented `response.Extra` removed",
    ] {
        assert!(report.contains(line), "{line:?} missing from:\n{report}");
    }
}

#[test]
fn members_the_vendor_disabled_are_kept_hidden_and_so_are_examples_that_send_them() {
    let plan = product_plan();
    let describe = file(&plan, "tencent/gizmo/actions/DescribeGizmo.json");
    let owner = file(&plan, "tencent/gizmo/types/GizmoOwner.json");
    // Never required in answers (OldNote is `output_required`): a server may stop sending it.
    for member in [
        field(&describe["input"], "Zone"),
        field(&describe["output"], "OldNote"),
        field(&owner["fields"], "Nick"),
    ] {
        assert_eq!(
            (
                &member["deprecated"],
                &member["hidden"],
                &member["required"]
            ),
            (&json!(true), &json!(true), &json!(false)),
            "{member}"
        );
    }
    assert_eq!(field(&owner["fields"], "Uin").get("hidden"), None);
    // The vendor's example sends a disabled parameter and answers disabled members.
    let example = &describe["examples"][1];
    assert_eq!(example["title"], "Query a gizmo by zone");
    assert_eq!(example["request"], json!({"GizmoId": "g-2", "Zone": "z-1"}));
    assert_eq!(example["response"]["OldNote"], "o");
    assert_eq!(
        example["response"]["Owner"],
        json!({"Uin": "1", "Nick": "k"})
    );
    assert!(
        plan.unmapped
            .iter()
            .all(|u| !u.what.contains("example 2") && !u.what.contains("Zone")),
        "{:#?}",
        plan.unmapped
    );
    let report = plan.report.as_deref().expect("a report");
    assert!(
        report.contains("- Fields the vendor no longer documents (hidden): 3\n"),
        "{report}"
    );
    let listed = report
        .split("## Fields the vendor no longer documents\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").nth(1))
        .expect("a section listing them");
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        [
            "- DescribeGizmo.Zone",
            "- DescribeGizmo.OldNote",
            "- GizmoOwner.Nick"
        ]
    );
}

#[test]
fn a_product_import_writes_its_report_and_removes_stale_files_only_when_forced() {
    let plan = product_plan();
    let root = spec_root("tencent", "product");
    fs::create_dir_all(root.join("tencent/gizmo/actions")).unwrap();
    let stale = root.join("tencent/gizmo/actions/RetiredGizmo.json");
    fs::write(&stale, "{}\n").unwrap();
    let error = import::write_plan(&root, &plan, false).unwrap_err();
    assert!(
        error.to_string().contains("RetiredGizmo.json"),
        "a stale broken file is still loaded: {error}"
    );
    let report = import::write_plan(&root, &plan, true).expect("forced: the stale file goes");
    assert_eq!(
        report.removed,
        [PathBuf::from("tencent/gizmo/actions/RetiredGizmo.json")]
    );
    assert!(!stale.exists());
    assert!(root.join("tencent/gizmo/IMPORT.md").is_file());
    let again = import::write_plan(&root, &plan, false).expect("nothing to change");
    assert!(again.created.is_empty() && again.overwritten.is_empty() && again.removed.is_empty());
    generate(&root, true);
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_newer_vendor_release_keeps_the_overlays_and_reports_what_changed() {
    let root = spec_root("tencent", "newer");
    let first = product_plan();
    import::write_plan(&root, &first, false).expect("the first import");
    let overlay = root.join("tencent/gizmo/overlay/actions/DescribeGizmo.json");
    fs::create_dir_all(overlay.parent().unwrap()).unwrap();
    let curated = json!({
        "$schema": "../../../../schema/action-overlay.schema.json",
        "name": "DescribeGizmo",
        "summary": "Reads a gizmo's state.",
        "output": [{ "name": "Count", "description": "How many gizmos there are." }]
    });
    fs::write(&overlay, serde_json::to_string_pretty(&curated).unwrap()).unwrap();

    // The vendor's next release: Count becomes Total, Note becomes required, PurgeGizmos goes.
    let mut plan = product_plan();
    let path = Path::new("tencent/gizmo/actions/DescribeGizmo.json");
    let Some(import::SpecFile::Action(action)) = plan.files.get_mut(path) else {
        panic!("DescribeGizmo planned")
    };
    action
        .output
        .iter_mut()
        .find(|f| f.name == "Count")
        .unwrap()
        .name = "Total".into();
    action
        .output
        .iter_mut()
        .find(|f| f.name == "Note")
        .unwrap()
        .required = true;
    plan.files
        .remove(Path::new("tencent/gizmo/actions/PurgeGizmos.json"));
    let error = import::write_plan(&root, &plan, true)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("overlay/actions/DescribeGizmo.json")
            && error.contains("$.output[0].name")
            && error.contains("in actions/DescribeGizmo.json beside overlay/"),
        "the stale overlay is named with its base: {error}"
    );
    assert!(
        root.join("tencent/gizmo/actions/PurgeGizmos.json").exists(),
        "nothing written"
    );

    // Once the curation follows the rename, the release imports and its changes are listed.
    let curated = json!({
        "$schema": "../../../../schema/action-overlay.schema.json",
        "name": "DescribeGizmo",
        "summary": "Reads a gizmo's state.",
        "output": [{ "name": "Total", "description": "How many gizmos there are." }]
    });
    fs::write(&overlay, serde_json::to_string_pretty(&curated).unwrap()).unwrap();
    let report = import::write_plan(&root, &plan, true).expect("the newer release imports");
    for change in [
        "DescribeGizmo output: Count removed",
        "DescribeGizmo output: Note is now required",
        "DescribeGizmo output: Total added (required)",
        "action PurgeGizmos removed",
    ] {
        assert!(
            report.vendor_changes.iter().any(|c| c == change),
            "{change}: {:?}",
            report.vendor_changes
        );
    }
    assert_eq!(
        fs::read_to_string(&overlay).unwrap(),
        serde_json::to_string_pretty(&curated).unwrap(),
        "the overlay is kept"
    );
    let generated = generate(&root, true);
    let describe = generated
        .files
        .iter()
        .find(|(p, _)| p.ends_with("describe_gizmo.rs"))
        .map(|(_, text)| text.as_str())
        .unwrap();
    assert!(
        describe.contains("Reads a gizmo's state.")
            && describe.contains("How many gizmos there are.")
    );
    // The same release again changes nothing.
    let again = import::write_plan(&root, &plan, true).unwrap();
    assert!(
        again.overwritten.is_empty() && again.vendor_changes.is_empty(),
        "{again:?}"
    );
    fs::remove_dir_all(&root).unwrap();
}
