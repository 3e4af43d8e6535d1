//! `import::alibaba`: api-docs.json fixtures → spec files that our
//! validator accepts and our generator turns into code.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{assert_not_planned, assert_summary, field, file};
use import::{ImportError, ImportOptions, ImportPlan, Input, alibaba, write_plan};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn fixture(name: &str) -> String {
    common::fixture(&format!("alibaba/{name}"))
}

fn plan(name: &str, options: &ImportOptions) -> ImportPlan {
    alibaba::plan(name, &fixture(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The product of the api-docs `text` alone, as `import-products` imports
/// one: with its documented answers as examples, and the report.
fn product(name: &str, text: &str) -> ImportPlan {
    let sources = alibaba::Sources {
        api_docs: Input::file(name, text),
        english: None,
        products: None,
        sdk_client: None,
    };
    let options = ImportOptions {
        report: true,
        ..ImportOptions::default()
    };
    alibaba::plan_product(&sources, &options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn unmapped(plan: &ImportPlan, what: &str) -> String {
    let found: Vec<String> = plan
        .unmapped
        .iter()
        .filter(|u| u.what.contains(what))
        .map(ToString::to_string)
        .collect();
    assert!(
        !found.is_empty(),
        "nothing unmapped about {what}: {:#?}",
        plan.unmapped
    );
    found.join("\n")
}

/// A spec root holding the real vendor file and schemas, for `generate`.
fn spec_root(tag: &str) -> PathBuf {
    common::spec_root("alibaba", tag)
}

/// Writes `plan` into a fresh spec root and generates code from it.
fn generate(tag: &str, plan: &ImportPlan) -> codegen::Generated {
    let root = spec_root(tag);
    write_plan(&root, plan, false).unwrap();
    let generated = common::generate(&root, false);
    fs::remove_dir_all(&root).unwrap();
    generated
}

#[test]
fn maps_scalars_arrays_shapes_and_json_style() {
    let plan = plan("widgets.json", &ImportOptions::default());
    let action = file(&plan, "alibaba/widgets/actions/DescribeWidgets.json");
    assert_eq!(action["$schema"], "../../../schema/action.schema.json");
    let input = &action["input"];
    let types: Vec<(&str, &Value)> = [
        "RegionId",
        "PageSize",
        "PageNumber",
        "Capacity",
        "Ratio",
        "DryRun",
    ]
    .iter()
    .map(|n| (*n, &field(input, n)["type"]))
    .collect();
    assert_eq!(
        types,
        [
            ("RegionId", &json!("string")),
            ("PageSize", &json!("int64")),
            ("PageNumber", &json!("int64")),
            ("Capacity", &json!("int64")),
            ("Ratio", &json!("float")),
            ("DryRun", &json!("boolean")),
        ]
    );
    assert_eq!(field(input, "RegionId")["required"], true);
    assert_eq!(
        field(input, "PageSize")["constraints"],
        json!({"minimum": 1, "maximum": 100})
    );
    assert_eq!(
        (
            &field(input, "PageSize")["default"],
            &field(input, "PageSize")["example"]
        ),
        (&json!(10), &json!(20))
    );
    assert_eq!(
        field(input, "Capacity")["example"],
        json!(9007199254740993_i64)
    );
    assert_eq!(
        field(input, "Name")["constraints"],
        json!({"min_length": 1, "max_length": 64})
    );
    assert_eq!(
        field(input, "WidgetIds")["type"],
        json!({"array": "string"})
    );
    assert_eq!(
        field(input, "WidgetIds")["constraints"],
        json!({"max_items": 20})
    );
    assert_eq!(
        field(input, "Filters")["type"],
        json!({"array": {"ref": "DescribeWidgetsFiltersItem"}})
    );
    assert_eq!(field(input, "Owner")["type"], json!({"ref": "Person"}));
    // A `json` style structure keeps its type and travels as its JSON text.
    let options = field(input, "Options");
    assert_eq!(options["type"], json!({"ref": "DescribeWidgetsOptions"}));
    assert_eq!(options["encoding"], "json");
    assert!(
        plan.unmapped
            .iter()
            .all(|u| !u.what.contains("input Options")),
        "{:?}",
        plan.unmapped
    );
    assert!(
        unmapped(&plan, "1 form parameter (e.g. DescribeWidgets.Name)").contains("query string")
    );
    assert!(unmapped(&plan, "input X-Trace").contains("header"));

    let filter = file(
        &plan,
        "alibaba/widgets/types/DescribeWidgetsFiltersItem.json",
    );
    assert_eq!(filter["$schema"], "../../../schema/shape.schema.json");
    assert_eq!(
        (
            &filter["kind"],
            &field(&filter["fields"], "Key")["required"]
        ),
        (&json!("object"), &json!(true))
    );
    let person = file(&plan, "alibaba/widgets/types/Person.json");
    assert_eq!(person["description"], "Someone who owns widgets.");
    assert_eq!(
        field(&person["fields"], "Role")["type"],
        json!({"ref": "Role"})
    );
    let tags = file(&plan, "alibaba/widgets/actions/CreateWidget.json");
    assert_eq!(field(&tags["input"], "Owner")["required"], true);
    assert_eq!(
        field(&tags["input"], "Tags")["constraints"],
        json!({"max_items": 5})
    );
    let password = field(&tags["input"], "AdminPassword");
    assert_eq!(
        (&password["sensitive"], password.get("example")),
        (&json!(true), None)
    );
}

#[test]
fn keeps_what_has_no_documented_structure_as_any_json_value() {
    let plan = product("widgets.json", &fixture("widgets.json"));
    let output = &file(&plan, "alibaba/widgets/actions/DescribeWidgets.json")["output"];
    // Typed `any`, a map of `additionalProperties`, a component without `properties`.
    for name in ["Extra", "Labels", "Blob"] {
        assert_eq!(field(output, name)["type"], "json", "{name}");
    }
    assert_eq!(
        field(output, "Extra")["example"],
        "[]",
        "the vendor's example, as it writes it"
    );
    assert_not_planned(&plan, "alibaba/widgets/types/Blob.json");
    let input = &file(&plan, "alibaba/widgets/actions/CreateWidget.json")["input"];
    let settings = field(input, "Settings");
    assert_eq!(
        (&settings["type"], &settings["encoding"]),
        (&json!("json"), &json!("json")),
        "a free-form object of style `json` travels as its JSON text"
    );
    let hints = field(input, "Hints");
    assert_eq!(
        (&hints["type"], hints.get("encoding"), &hints["example"]),
        (&json!("json"), None, &json!("{\"fast\": true}"))
    );
    let about = |name: &str| plan.unmapped.iter().any(|u| u.what.ends_with(name));
    assert!(
        !["Extra", "Labels", "Blob", "Settings", "Hints"]
            .into_iter()
            .any(about),
        "{:#?}",
        plan.unmapped
    );
    let report = plan.report.as_deref().expect("asked for");
    assert!(
        report.contains("- Fields of any JSON value (no documented structure): 5\n"),
        "{report}"
    );
    let listed = report
        .split("## Fields of any JSON value\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").nth(1))
        .expect("a section listing them");
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        [
            "- CreateWidget.Settings",
            "- CreateWidget.Hints",
            "- DescribeWidgets.Blob",
            "- DescribeWidgets.Extra",
            "- DescribeWidgets.Labels",
        ]
    );
    let generated = generate("json", &plan);
    let lib = &generated
        .files
        .iter()
        .find(|(p, _)| p == Path::new("lib.rs"))
        .unwrap()
        .1;
    assert!(lib.contains("pub use ::serde_json;"));
}

#[test]
fn maps_value_sets_from_enum_and_valid_values_lists() {
    let plan = plan("widgets.json", &ImportOptions::default());
    let input = &file(&plan, "alibaba/widgets/actions/DescribeWidgets.json")["input"];
    let size = field(input, "Size");
    assert_eq!(size["enum"]["name"], "Size");
    assert_eq!(size["enum"]["values"].as_array().map(Vec::len), Some(3));
    let mode = field(input, "Mode");
    assert_eq!(
        mode["description"],
        "How to search.\n\nOther values are refused."
    );
    assert_eq!(mode["default"], "fast");
    assert_eq!(
        mode["enum"],
        json!({"name": "Mode", "values": [
            {"value": "fast", "description": "quick and rough."},
            {"value": "2x", "name": "Value2x", "description": "twice as thorough."}
        ]})
    );
    let role = file(&plan, "alibaba/widgets/types/Role.json");
    assert_eq!(
        (&role["kind"], &role["type"]),
        (&json!("enum"), &json!("string"))
    );
    assert_eq!(
        role["values"][0],
        json!({"value": "admin", "description": "No description."})
    );
}

#[test]
fn maps_responses_into_optional_fields_and_output_shapes() {
    let plan = plan("widgets.json", &ImportOptions::default());
    let output = &file(&plan, "alibaba/widgets/actions/DescribeWidgets.json")["output"];
    let names: Vec<&str> = output
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["Blob", "Extra", "Labels", "Summary", "Widgets"],
        "RequestId is implied"
    );
    assert_eq!(
        field(output, "Summary")["type"],
        json!({"ref": "DescribeWidgetsSummary"})
    );
    assert_eq!(
        field(output, "Widgets")["type"],
        json!({"array": {"ref": "DescribeWidgetsWidgetsItem"}})
    );
    assert!(
        output
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["required"] == false)
    );
    let item = file(
        &plan,
        "alibaba/widgets/types/DescribeWidgetsWidgetsItem.json",
    );
    assert_eq!(
        field(&item["fields"], "Id")["required"],
        false,
        "members of response shapes are optional"
    );
    for (name, ty) in [
        ("Labels", json!({"array": "string"})),
        ("State", json!({"ref": "State"})),
    ] {
        assert_eq!(field(&item["fields"], name)["type"], ty, "{name}");
    }
    assert_eq!(
        file(&plan, "alibaba/widgets/types/State.json")["values"][1]["value"],
        "off"
    );
}

#[test]
fn maps_errors_summaries_idempotency_and_deprecation() {
    let plan = plan("widgets.json", &ImportOptions::default());
    let describe = file(&plan, "alibaba/widgets/actions/DescribeWidgets.json");
    assert_eq!(
        describe["errors"],
        json!([
            {"code": "WidgetNotFound", "description": "The widget does not exist.", "http_status": 404},
            {"code": "Invalid.PageSize", "description": "The page size is out of range.", "http_status": 400}
        ])
    );
    assert!(unmapped(&plan, "DescribeWidgets, errors").contains("|oops|"));
    assert_summary(
        &describe,
        "Lists widgets.",
        "Results are paged.\n\nSee Paging for details.\n\nNote: slow for big accounts.",
    );
    assert_eq!(describe["idempotent"], true);
    assert_eq!(
        file(&plan, "alibaba/widgets/actions/CreateWidget.json")["idempotent"],
        false
    );
    // A write whose `ClientToken` the server deduplicates on is retried.
    let rename = file(&plan, "alibaba/widgets/actions/RenameWidget.json");
    assert_eq!(rename["idempotent"], true);
    assert!(
        rename["idempotency_note"]
            .as_str()
            .is_some_and(|note| note.contains("changing state") && note.contains("`ClientToken`")),
        "{rename:#}"
    );
    let legacy = file(&plan, "alibaba/widgets/actions/LegacyWidget.json");
    assert_eq!(
        (&legacy["deprecated"], &legacy["summary"]),
        (&json!(true), &json!("Old way to read a widget."))
    );
    assert!(describe.get("deprecated").is_none());
    assert_not_planned(&plan, "alibaba/widgets/actions/GetWidgetByPath.json");
    assert!(unmapped(&plan, "action GetWidgetByPath").contains("goes in the path"));
}

#[test]
fn maps_the_service_and_its_endpoints() {
    let plan = plan("widgets.json", &ImportOptions::default());
    assert_eq!(
        (plan.vendor.as_str(), plan.product.as_str()),
        ("alibaba", "widgets")
    );
    let service = file(&plan, "alibaba/widgets/service.json");
    assert_eq!(service["$schema"], "../../schema/service.schema.json");
    assert_eq!(
        (&service["version"], &service["protocol"]),
        (&json!("2024-01-01"), &json!("acs3-hmac-sha256-rpc"))
    );
    assert_eq!(
        service["endpoints"],
        json!([
            {"host": "widgets.example.com", "kind": "default", "region": "cn-hangzhou"},
            {"host": "widgets.cn-shanghai.example.com", "kind": "regional", "region": "cn-shanghai"}
        ])
    );
}

#[test]
fn renames_whatever_would_collide() {
    let plan = plan("collisions.json", &ImportOptions::default());
    let ping = file(&plan, "alibaba/clash/actions/Ping.json");
    assert_eq!(
        field(&ping["output"], "Response")["type"],
        json!({"ref": "PingResponse2"})
    );
    assert!(unmapped(&plan, "input instanceId").contains("`instance_id`"));
    assert_eq!(
        field(&ping["input"], "Status")["enum"]["name"],
        "PingStatus"
    );
    let pong = file(&plan, "alibaba/clash/actions/Pong.json");
    assert_eq!(
        field(&pong["input"], "Status")["enum"]["name"],
        "PongStatus"
    );
    assert_eq!(
        field(&pong["input"], "Who")["type"],
        json!({"ref": "Client2"})
    );
    let levels: Vec<Option<&str>> = field(&ping["input"], "Level")["enum"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str())
        .collect();
    assert_eq!(
        levels,
        [Some("Value0"), Some("Value2"), None, Some("ValueUnknown")]
    );
    let node = file(&plan, "alibaba/clash/types/Node.json");
    assert_eq!(
        field(&node["fields"], "Children")["type"],
        json!({"array": {"ref": "Node"}})
    );
    assert!(unmapped(&plan, "component Node Child").contains("contain itself"));
    assert!(unmapped(&plan, "Ping, errors").contains("`BadCode`"));
    assert!(unmapped(&plan, "action lowercaseAction").contains("uppercase"));
    assert!(unmapped(&plan, "endpoints").contains("clash.aliyuncs.com"));
    assert!(unmapped(&plan, "output requestId").contains("`request_id`"));
    assert_eq!(ping["errors"].as_array().map(Vec::len), Some(1));
}

#[test]
fn imports_only_the_chosen_actions_under_the_same_names() {
    let full = plan("widgets.json", &ImportOptions::default());
    let only = plan(
        "widgets.json",
        &ImportOptions {
            actions: Some(vec!["CreateWidget".into()]),
            ..ImportOptions::default()
        },
    );
    let files: Vec<String> = only.files.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(
        files,
        [
            "alibaba/widgets/actions/CreateWidget.json",
            "alibaba/widgets/service.json",
            "alibaba/widgets/types/CreateWidgetTagsItem.json",
            "alibaba/widgets/types/Person.json",
            "alibaba/widgets/types/Role.json",
        ]
    );
    for (path, value) in &only.files {
        assert_eq!(full.files.get(path), Some(value), "{}", path.display());
    }
    assert!(
        only.unmapped
            .iter()
            .all(|u| !u.what.contains("DescribeWidgets")),
        "{:?}",
        only.unmapped
    );
    let missing = alibaba::plan(
        "w",
        &fixture("widgets.json"),
        &ImportOptions {
            actions: Some(vec!["Nope".into()]),
            ..ImportOptions::default()
        },
    );
    assert!(matches!(missing, Err(ImportError::NoSuchAction(name)) if name == "Nope"));
}

#[test]
fn maps_roa_actions_to_methods_paths_and_member_places() {
    let plan = plan("roa.json", &ImportOptions::default());
    let service = file(&plan, "alibaba/paths/service.json");
    assert_eq!(service["protocol"], "acs3-hmac-sha256-roa");
    let get = file(&plan, "alibaba/paths/actions/GetThing.json");
    assert_eq!(
        get["http"],
        json!({"method": "GET", "path": "/things/{Id}"})
    );
    let places: Vec<(&Value, &Value)> = get["input"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (&f["name"], &f["location"]))
        .collect();
    assert_eq!(
        places,
        [
            (&json!("Id"), &json!("path")),
            (&json!("qualifier"), &json!("query")),
            (&json!("x-trace"), &json!("header"))
        ]
    );
    assert_eq!(
        get["idempotent"], true,
        "sent with GET, whatever the metadata's marking"
    );
    assert!(field(&get["output"], "color").get("location").is_none());
    // An object body is taken apart into members of the JSON body; the
    // vendor's SDKs send the first of the methods it lists.
    let update = file(&plan, "alibaba/paths/actions/UpdateThing.json");
    assert_eq!(update["http"]["method"], "PUT");
    let color = field(&update["input"], "color");
    assert_eq!(
        (&color["required"], color.get("location")),
        (&json!(true), None)
    );
    assert_eq!(field(&update["input"], "size")["required"], false);
    assert_eq!(update["idempotent"], false);
    // A text body is the whole payload, both ways.
    let poke = file(&plan, "alibaba/paths/actions/Poke.json");
    assert_eq!(field(&poke["input"], "body")["location"], "payload");
    assert_eq!(field(&poke["output"], "body")["location"], "payload");
    // A form body has no place in a ROA call yet: the action is left out.
    assert_not_planned(&plan, "alibaba/paths/actions/Upload.json");
    assert!(unmapped(&plan, "Upload").contains("formData"));
    let generated = generate("roa", &plan);
    assert_eq!(generated.counts.1, 3, "{:?}", generated.counts);
}

#[test]
fn refuses_other_styles_and_broken_input() {
    let oss = r#"{"info": {"style": "OSS", "product": "bucket", "version": "1"}, "apis": {}}"#;
    let oss = alibaba::plan("oss.json", oss, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(oss.contains("oss.json: at $.info.style"), "{oss}");
    let broken = alibaba::plan("x.json", "{", &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        broken.contains("x.json: at $: expected a JSON document"),
        "{broken}"
    );
    let keyword = r#"{"info": {"style": "RPC", "product": "Match", "version": "1"}, "apis": {}}"#;
    let keyword = alibaba::plan("k.json", keyword, &ImportOptions::default())
        .unwrap_err()
        .to_string();
    assert!(keyword.contains("$.info.product"), "{keyword}");
}

#[test]
fn fixtures_pass_the_validator_and_generate() {
    for (tag, name) in [("widgets", "widgets.json"), ("clash", "collisions.json")] {
        let generated = generate(tag, &plan(name, &ImportOptions::default()));
        assert!(generated.counts.1 >= 2, "{tag}: {:?}", generated.counts);
    }
}

#[test]
fn writing_twice_changes_nothing_and_keeps_hand_edits() {
    let plan = plan("widgets.json", &ImportOptions::default());
    let root = spec_root("write");
    let first = write_plan(&root, &plan, false).unwrap();
    assert_eq!(first.created.len(), plan.files.len());
    let again = write_plan(&root, &plan, false).unwrap();
    assert_eq!(
        (again.created.len(), again.unchanged.len()),
        (0, plan.files.len())
    );
    let edited = root.join("alibaba/widgets/service.json");
    let text = fs::read_to_string(&edited)
        .unwrap()
        .replace("\"title\": \"Widgets\"", "\"title\": \"Widget Service\"");
    fs::write(&edited, &text).unwrap();
    let kept = write_plan(&root, &plan, false).unwrap();
    assert_eq!(
        kept.skipped,
        vec![PathBuf::from("alibaba/widgets/service.json")]
    );
    assert_eq!(fs::read_to_string(&edited).unwrap(), text);
    let forced = write_plan(&root, &plan, true).unwrap();
    assert_eq!(
        forced.overwritten,
        vec![PathBuf::from("alibaba/widgets/service.json")]
    );
    fs::remove_dir_all(&root).unwrap();
}

/// The vendor's cas 2020-04-07 metadata (English edition), kept byte for
/// byte as the vendor published it.
const CAS_API_DOCS: &str = "alibaba-cas-2020-04-07-api-docs.json";

/// The fixture is the file `spec/alibaba/cas/` was imported from: its
/// import report names that file by its SHA-256. So the test below imports
/// what the committed spec came from, not a look-alike.
#[test]
fn the_cas_fixture_is_the_source_of_the_committed_spec() {
    let digest = hex(&Sha256::digest(fixture(CAS_API_DOCS).as_bytes()));
    let report = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/alibaba/cas/IMPORT.md");
    let report =
        fs::read_to_string(&report).unwrap_or_else(|e| panic!("{}: {e}", report.display()));
    let source = report
        .lines()
        .find(|l| l.contains("(api-docs)"))
        .unwrap_or_else(|| panic!("IMPORT.md names no api-docs source:\n{report}"));
    assert!(
        source.contains(&format!("| sha256:{digest} | `{CAS_API_DOCS}` |")),
        "the fixture (sha256:{digest}) is not the api-docs IMPORT.md names: {source}"
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_full_cas_metadata_imports_and_generates() {
    let input = fixture(CAS_API_DOCS);
    let plan = alibaba::plan("cas.json", &input, &ImportOptions::default()).unwrap();
    let actions = plan
        .files
        .keys()
        .filter(|p| p.starts_with("alibaba/cas/actions"))
        .count();
    assert_eq!(actions, 44, "{:#?}", plan.unmapped);
    let csr = file(
        &plan,
        "alibaba/cas/actions/CreateCertificateWithCsrRequest.json",
    );
    let input = &csr["input"];
    // Both sets are shared with CreateCertificateRequest (and more): one type each.
    let values = |name: &str| -> Vec<String> {
        let shape = field(input, name)["type"]["ref"]
            .as_str()
            .unwrap()
            .to_string();
        file(&plan, &format!("alibaba/cas/types/{shape}.json"))["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["value"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        field(input, "ValidateType")["type"],
        json!({"ref": "ValidateType"})
    );
    assert_eq!(values("ValidateType"), ["DNS", "FILE"]);
    assert_eq!(values("ProductCode").len(), 7);
    assert_eq!(
        field(input, "ProductCode")["default"],
        "digicert-free-1-free"
    );
    assert_eq!(
        field(input, "Tags")["constraints"],
        json!({"max_items": 100})
    );
    assert_eq!(field(&csr["output"], "OrderId")["type"], "int64");
    assert_eq!(
        csr["errors"][0],
        json!({"code": "NotFoundPackage", "description": "No certificate resource plans were purchased.", "http_status": 404})
    );
    let service = file(&plan, "alibaba/cas/service.json");
    assert_eq!(
        service["endpoints"][0],
        json!({"host": "cas.aliyuncs.com", "kind": "default", "region": "cn-hangzhou"})
    );
    // `any`: kept, and so is what the documented answer says of it.
    let plan = product("cas.json", &fixture(CAS_API_DOCS));
    let update = file(&plan, "alibaba/cas/actions/UpdateDeploymentJobStatus.json");
    let data = field(&update["output"], "Data");
    assert_eq!(
        (&data["type"], &data["example"]),
        (&json!("json"), &json!("[]"))
    );
    assert_eq!(update["examples"][0]["response"]["Data"], "[]");
    assert!(
        plan.unmapped
            .iter()
            .all(|u| !u.what.contains("UpdateDeploymentJobStatus")),
        "{:#?}",
        plan.unmapped
    );
    let generated = generate("cas", &plan);
    assert_eq!(generated.counts.1, 44);
}
