//! The change report's verdicts: a catalogue of spec mutations, each
//! applied to a small valid spec and compared with it through the model.
//!
//! Every rule has at least one case, and each case names the exact rules
//! it must produce, so a mutation that is misclassified, or reported twice
//! under different rules, fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use codegen::impact::{self, Bump, Report, Rule, Verdict};
use serde_json::{Value, json};

const SERVICE: &str = "tencent/ssl/service.json";
const CREATE: &str = "tencent/ssl/actions/CreateCertificate.json";
const DESCRIBE: &str = "tencent/ssl/actions/DescribeCertificate.json";
const TAGS: &str = "tencent/ssl/types/Tags.json";
const DETAIL: &str = "tencent/ssl/types/CertificateDetail.json";
const STATUS: &str = "tencent/ssl/types/CertificateStatus.json";
const LIST: &str = "tencent/ssl/actions/DescribeCertificates.json";
const LOGS: &str = "tencent/ssl/actions/DescribeCertificateLogs.json";
const DOMAIN: &str = "alibaba/fc/actions/GetCustomDomain.json";

type Tree = BTreeMap<&'static str, Value>;

/// One vendor, one product, a buying action with limits and an inline
/// enum, a reading action with a waiter, a request type, a response type
/// and a shared enum.
fn base() -> Tree {
    let mut tree = Tree::new();
    tree.insert(
        "tencent/vendor.json",
        json!({
            "$schema": "../schema/vendor.schema.json",
            "name": "tencent", "title": "Tencent Cloud", "description": "Tencent Cloud API 3.0.",
            "common_errors": [{ "code": "InternalError", "description": "Server error." }],
            "common_protocol": "tc3-hmac-sha256"
        }),
    );
    tree.insert(
        SERVICE,
        json!({
            "$schema": "../../schema/service.schema.json",
            "vendor": "tencent", "product": "ssl", "title": "SSL Certificates",
            "description": "Certificates.", "version": "2019-12-05", "protocol": "tc3-hmac-sha256",
            "endpoints": [{ "host": "ssl.tencentcloudapi.com", "kind": "default" }],
            "errors": [{ "code": "FailedOperation", "description": "The operation failed." }]
        }),
    );
    tree.insert(
        CREATE,
        json!({
            "$schema": "../../../schema/action.schema.json",
            "name": "CreateCertificate", "summary": "Buys a certificate.",
            "rate_limit_per_second": 10, "idempotent": false,
            "input": [
                { "name": "ProductId", "type": "int64", "required": true, "description": "What to buy.",
                  "enum": { "name": "ProductId", "values": [
                      { "value": 3, "name": "SecuresiteEvPro", "description": "EV pro." },
                      { "value": 4, "name": "SecuresiteEv", "description": "EV." }
                  ] } },
                { "name": "DomainNum", "type": "int64", "required": true, "description": "How many names.",
                  "constraints": { "minimum": 1, "maximum": 100 } },
                { "name": "Alias", "type": "string", "required": false, "description": "A note.",
                  "constraints": { "max_length": 64 } },
                { "name": "KeyPassword", "type": "string", "required": false, "sensitive": true,
                  "description": "Private key password." },
                { "name": "Tags", "type": { "array": { "ref": "Tags" } }, "required": false,
                  "description": "Tags." }
            ],
            "output": [
                { "name": "CertificateIds", "type": { "array": "string" }, "required": true,
                  "description": "New certificates." },
                { "name": "DealId", "type": "string", "required": false, "nullable": true,
                  "description": "The order." }
            ],
            "errors": [
                { "code": "FailedOperation.AuthError", "description": "Not allowed." },
                { "code": "InvalidParameter", "description": "A parameter is wrong." }
            ]
        }),
    );
    tree.insert(
        DESCRIBE,
        json!({
            "$schema": "../../../schema/action.schema.json",
            "name": "DescribeCertificate", "summary": "Reads a certificate.", "idempotent": true,
            "input": [
                { "name": "CertificateId", "type": "string", "required": true, "description": "Which one." }
            ],
            "output": [
                { "name": "Status", "type": "int64", "required": true, "description": "Where it stands." },
                { "name": "Detail", "type": { "ref": "CertificateDetail" }, "required": true,
                  "description": "More." }
            ],
            "errors": [],
            "waiter": {
                "name": "Issued", "description": "the certificate is issued.",
                "until": { "field": "Status", "equals": 1 },
                "initial_delay_ms": 1000, "max_delay_ms": 10000, "timeout_secs": 600
            }
        }),
    );
    // Two listings: one pages, one does not yet.
    for (file, name, paging) in [
        (LIST, "DescribeCertificates", true),
        (LOGS, "DescribeCertificateLogs", false),
    ] {
        let mut action = json!({
            "$schema": "../../../schema/action.schema.json",
            "name": name, "summary": "Lists.", "idempotent": true,
            "input": [
                { "name": "Offset", "type": "uint64", "required": false, "description": "Skip." },
                { "name": "Limit", "type": "uint64", "required": false, "description": "Page size." }
            ],
            "output": [
                { "name": "TotalCount", "type": "uint64", "required": true, "description": "All." },
                { "name": "Names", "type": { "array": "string" }, "required": false, "nullable": true,
                  "description": "One page." }
            ],
            "errors": []
        });
        if paging {
            action["paging"] = json!({ "offset": "Offset", "page_size": "Limit", "items": "Names", "total": "TotalCount" });
        }
        tree.insert(file, action);
    }
    // A REST product, whose actions have a method, a path and member places.
    tree.insert(
        "alibaba/vendor.json",
        json!({
            "$schema": "../schema/vendor.schema.json",
            "name": "alibaba", "title": "Alibaba Cloud", "description": "Alibaba Cloud OpenAPI.",
            "common_errors": []
        }),
    );
    tree.insert(
        "alibaba/fc/service.json",
        json!({
            "$schema": "../../schema/service.schema.json",
            "vendor": "alibaba", "product": "fc", "title": "Function Compute",
            "description": "Functions.", "version": "2023-03-30", "protocol": "acs3-hmac-sha256-roa",
            "endpoints": [{ "host": "fcv3.cn-hangzhou.aliyuncs.com", "kind": "default" }]
        }),
    );
    tree.insert(
        DOMAIN,
        json!({
            "$schema": "../../../schema/action.schema.json",
            "name": "GetCustomDomain", "summary": "Reads a custom domain.", "idempotent": true,
            "http": { "method": "GET", "path": "/2023-03-30/custom-domains/{domainName}" },
            "input": [
                { "name": "domainName", "type": "string", "required": true, "description": "Which one.",
                  "location": "path" },
                { "name": "qualifier", "type": "string", "required": false, "description": "Version.",
                  "location": "query" }
            ],
            "output": [
                { "name": "protocol", "type": "string", "required": false, "description": "HTTP or HTTPS." }
            ],
            "errors": []
        }),
    );
    tree.insert(
        TAGS,
        json!({
            "$schema": "../../../schema/shape.schema.json",
            "name": "Tags", "kind": "object", "description": "A tag.",
            "fields": [
                { "name": "TagKey", "type": "string", "required": true, "description": "Key." },
                { "name": "TagValue", "type": "string", "required": true, "description": "Value." }
            ]
        }),
    );
    tree.insert(
        DETAIL,
        json!({
            "$schema": "../../../schema/shape.schema.json",
            "name": "CertificateDetail", "kind": "object", "description": "Details.",
            "fields": [
                { "name": "Domain", "type": "string", "required": true, "description": "Main name." },
                { "name": "State", "type": { "ref": "CertificateStatus" }, "required": false,
                  "nullable": true, "description": "State." }
            ]
        }),
    );
    tree.insert(
        STATUS,
        json!({
            "$schema": "../../../schema/shape.schema.json",
            "name": "CertificateStatus", "kind": "enum", "description": "States.", "type": "int64",
            "values": [
                { "value": 0, "name": "Pending", "description": "Under review." },
                { "value": 1, "name": "Issued", "description": "Issued." }
            ]
        }),
    );
    tree
}

fn report(old: &Tree, new: &Tree) -> Report {
    let model = |tree: &Tree| {
        let files: BTreeMap<PathBuf, String> = tree
            .iter()
            .map(|(path, value)| (PathBuf::from(path), value.to_string()))
            .collect();
        let loaded = codegen::load::load_files(&files).unwrap_or_else(|e| panic!("{e}"));
        codegen::build_model(&loaded).unwrap_or_else(|e| panic!("the mutated spec is invalid: {e}"))
    };
    impact::compare(&model(old), &model(new))
}

/// The field named `name` in the list `list` of the file's JSON.
fn field<'a>(file: &'a mut Value, list: &str, name: &str) -> &'a mut Value {
    file[list]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {list}"))
}

fn remove_field(file: &mut Value, list: &str, name: &str) {
    file[list]
        .as_array_mut()
        .unwrap()
        .retain(|f| f["name"] != name);
}

fn push(list: &mut Value, item: Value) {
    list.as_array_mut().unwrap().push(item);
}

struct Case {
    name: &'static str,
    mutate: fn(&mut Tree),
    /// The rules the report must hold, each with a fragment of its detail.
    expect: &'static [(Rule, &'static str)],
}

fn catalogue() -> Vec<Case> {
    vec![
        Case {
            name: "an action removed",
            mutate: |t| {
                t.remove(DESCRIBE);
                // Its response type goes with it.
                t.remove(DETAIL);
                t.remove(STATUS);
            },
            expect: &[
                (Rule::ActionRemoved, "describe_certificate"),
                (Rule::TypeRemoved, "removed"),
                (Rule::TypeRemoved, "removed"),
            ],
        },
        Case {
            name: "an action added",
            mutate: |t| {
                let mut action = t[DESCRIBE].clone();
                action["name"] = json!("DescribeCertificateHistory");
                action.as_object_mut().unwrap().remove("waiter");
                t.insert(
                    "tencent/ssl/actions/DescribeCertificateHistory.json",
                    action,
                );
            },
            expect: &[(Rule::ActionAdded, "describe_certificate_history")],
        },
        Case {
            name: "a product removed",
            mutate: |t| t.retain(|path, _| !path.starts_with("tencent/ssl/")),
            expect: &[(Rule::ProductRemoved, "SSL Certificates (4 actions)")],
        },
        Case {
            name: "a product added",
            mutate: |t| {
                let mut service = t[SERVICE].clone();
                service["product"] = json!("scm");
                t.insert("tencent/scm/service.json", service);
                let action = t[DESCRIBE].clone();
                t.insert("tencent/scm/actions/DescribeCertificate.json", action);
                for (from, to) in [
                    (DETAIL, "tencent/scm/types/CertificateDetail.json"),
                    (STATUS, "tencent/scm/types/CertificateStatus.json"),
                ] {
                    let shape = t[from].clone();
                    t.insert(to, shape);
                }
            },
            expect: &[(Rule::ProductAdded, "1 actions")],
        },
        Case {
            name: "the API version changed",
            mutate: |t| {
                let service = t.get_mut(SERVICE).unwrap();
                service["version"] = json!("2025-01-01");
            },
            expect: &[(Rule::ProductWireChanged, "`2019-12-05` → `2025-01-01`")],
        },
        Case {
            name: "a REST action's path changed",
            mutate: |t| {
                t.get_mut(DOMAIN).unwrap()["http"]["path"] =
                    json!("/2023-03-30/domains/{domainName}");
            },
            expect: &[(
                Rule::HttpBindingChanged,
                "`GET /2023-03-30/custom-domains/{domainName}` → `GET /2023-03-30/domains/{domainName}`",
            )],
        },
        Case {
            name: "a REST member moved from the query to a header",
            mutate: |t| {
                field(t.get_mut(DOMAIN).unwrap(), "input", "qualifier")["location"] =
                    json!("header");
            },
            expect: &[(
                Rule::HttpBindingChanged,
                "input `qualifier`: travels in the query → the header",
            )],
        },
        Case {
            name: "an input removed",
            mutate: |t| remove_field(t.get_mut(CREATE).unwrap(), "input", "Alias"),
            expect: &[(Rule::FieldRemoved, "input `Alias` removed")],
        },
        Case {
            name: "an output removed",
            mutate: |t| remove_field(t.get_mut(CREATE).unwrap(), "output", "DealId"),
            expect: &[(Rule::FieldRemoved, "output `DealId` removed")],
        },
        Case {
            name: "an input renamed on the wire",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "Alias")["name"] = json!("Remark")
            },
            expect: &[(Rule::FieldRenamed, "input `Alias` → `Remark`")],
        },
        Case {
            name: "an output's type changed",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "output", "DealId")["type"] = json!("int64")
            },
            expect: &[(Rule::FieldRetyped, "output `DealId`: type string → int64")],
        },
        Case {
            name: "text kept as any JSON value instead",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "output", "DealId")["type"] = json!("json")
            },
            expect: &[(
                Rule::FieldRetyped,
                "output `DealId`: type string → json (any JSON value)",
            )],
        },
        Case {
            name: "a JSON value output added",
            mutate: |t| {
                let output = &mut t.get_mut(CREATE).unwrap()["output"];
                push(
                    output,
                    json!({ "name": "Data", "type": "json", "required": false, "description": "Any." }),
                );
            },
            expect: &[(Rule::OutputAdded, "output `Data` added (optional)")],
        },
        Case {
            name: "a member's type changed",
            mutate: |t| {
                field(t.get_mut(TAGS).unwrap(), "fields", "TagValue")["type"] =
                    json!({ "array": "string" })
            },
            expect: &[(
                Rule::FieldRetyped,
                "member `TagValue`: type string → array of string",
            )],
        },
        Case {
            name: "a new required input",
            mutate: |t| {
                let input = &mut t.get_mut(CREATE).unwrap()["input"];
                push(
                    input,
                    json!({ "name": "TimeSpan", "type": "int64", "required": true, "description": "Years." }),
                );
            },
            expect: &[(
                Rule::RequiredInputAdded,
                "input `TimeSpan` added (required)",
            )],
        },
        Case {
            name: "a new required member of a request type",
            mutate: |t| {
                let fields = &mut t.get_mut(TAGS).unwrap()["fields"];
                push(
                    fields,
                    json!({ "name": "TagScope", "type": "string", "required": true, "description": "Scope." }),
                );
            },
            expect: &[(
                Rule::RequiredInputAdded,
                "member `TagScope` added (required)",
            )],
        },
        Case {
            name: "a new optional input",
            mutate: |t| {
                let input = &mut t.get_mut(CREATE).unwrap()["input"];
                push(
                    input,
                    json!({ "name": "Remark", "type": "string", "required": false, "description": "A remark." }),
                );
            },
            expect: &[(Rule::OptionalInputAdded, "input `Remark` added (optional)")],
        },
        Case {
            name: "a new output",
            mutate: |t| {
                let output = &mut t.get_mut(CREATE).unwrap()["output"];
                push(
                    output,
                    json!({ "name": "ResourceIds", "type": { "array": "string" }, "required": false, "description": "Resources." }),
                );
            },
            expect: &[(Rule::OutputAdded, "output `ResourceIds` added")],
        },
        Case {
            name: "a new required member of a response type",
            mutate: |t| {
                let fields = &mut t.get_mut(DETAIL).unwrap()["fields"];
                push(
                    fields,
                    json!({ "name": "Owner", "type": "string", "required": true, "description": "Owner." }),
                );
            },
            expect: &[(Rule::OutputAdded, "member `Owner` added (required)")],
        },
        Case {
            name: "an optional input made required",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "Alias")["required"] = json!(true)
            },
            expect: &[(Rule::InputMadeRequired, "input `Alias`: now required")],
        },
        Case {
            name: "a required input made optional",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "DomainNum")["required"] = json!(false)
            },
            expect: &[(Rule::InputMadeOptional, "input `DomainNum`: now optional")],
        },
        Case {
            name: "an output made nullable",
            mutate: |t| {
                field(t.get_mut(DESCRIBE).unwrap(), "output", "Detail")["nullable"] = json!(true)
            },
            expect: &[(Rule::OutputMadeNullable, "output `Detail`: now optional")],
        },
        Case {
            name: "a nullable output made always present",
            mutate: |t| {
                let deal = field(t.get_mut(CREATE).unwrap(), "output", "DealId");
                deal["required"] = json!(true);
                deal["nullable"] = json!(false);
            },
            expect: &[(Rule::OutputMadeRequired, "output `DealId`: now required")],
        },
        Case {
            name: "an enum value removed",
            mutate: |t| {
                let values = &mut t.get_mut(STATUS).unwrap()["values"];
                values.as_array_mut().unwrap().pop();
            },
            expect: &[(Rule::EnumValueRemoved, "value 1 (`Issued`) removed")],
        },
        Case {
            name: "an enum value added",
            mutate: |t| {
                let values = &mut t.get_mut(STATUS).unwrap()["values"];
                push(
                    values,
                    json!({ "value": 2, "name": "Failed", "description": "Failed." }),
                );
            },
            expect: &[(Rule::EnumValueAdded, "value 2 (`Failed`) added")],
        },
        Case {
            name: "an inline enum value added",
            mutate: |t| {
                let product = field(t.get_mut(CREATE).unwrap(), "input", "ProductId");
                push(
                    &mut product["enum"]["values"],
                    json!({ "value": 5, "name": "Geotrust", "description": "GeoTrust." }),
                );
            },
            expect: &[(
                Rule::EnumValueAdded,
                "enum `ProductId`: value 5 (`Geotrust`) added",
            )],
        },
        Case {
            name: "an enum variant renamed",
            mutate: |t| t.get_mut(STATUS).unwrap()["values"][0]["name"] = json!("Reviewing"),
            expect: &[(
                Rule::EnumValueChanged,
                "value 0 variant `Pending` → `Reviewing`",
            )],
        },
        Case {
            name: "an enum variant sends another value",
            mutate: |t| t.get_mut(STATUS).unwrap()["values"][1]["value"] = json!(2),
            expect: &[(Rule::EnumValueChanged, "variant `Issued` value 1 → 2")],
        },
        Case {
            name: "an enum's wire form changed",
            mutate: |t| {
                let status = t.get_mut(STATUS).unwrap();
                status["type"] = json!("string");
                status["values"][0]["value"] = json!("0");
                status["values"][1]["value"] = json!("1");
            },
            expect: &[(Rule::FieldRetyped, "enum `CertificateStatus`: wire form")],
        },
        Case {
            name: "a shared type turned from a struct into an enum",
            mutate: |t| {
                let tags = t.get_mut(TAGS).unwrap();
                tags["kind"] = json!("enum");
                tags["type"] = json!("string");
                tags["values"] = json!([{ "value": "a", "name": "A", "description": "A." }]);
                tags.as_object_mut().unwrap().remove("fields");
            },
            expect: &[(Rule::TypeChanged, "was a struct, now an enum")],
        },
        Case {
            name: "a shared type added",
            mutate: |t| {
                let mut shape = t[TAGS].clone();
                shape["name"] = json!("Label");
                t.insert("tencent/ssl/types/Label.json", shape);
            },
            expect: &[(Rule::TypeAdded, "new")],
        },
        Case {
            name: "an action error code removed",
            mutate: |t| {
                t.get_mut(CREATE).unwrap()["errors"]
                    .as_array_mut()
                    .unwrap()
                    .truncate(1)
            },
            expect: &[(
                Rule::ErrorCodeRemoved,
                "error code `InvalidParameter` removed",
            )],
        },
        Case {
            name: "a product error code added",
            mutate: |t| {
                let errors = &mut t.get_mut(SERVICE).unwrap()["errors"];
                push(
                    errors,
                    json!({ "code": "LimitExceeded", "description": "Too many." }),
                );
            },
            expect: &[(Rule::ErrorCodeAdded, "product code `LimitExceeded` added")],
        },
        Case {
            name: "a vendor's common code removed",
            mutate: |t| t.get_mut("tencent/vendor.json").unwrap()["common_errors"] = json!([]),
            expect: &[(
                Rule::ErrorCodeRemoved,
                "common code `InternalError` removed",
            )],
        },
        Case {
            name: "a vendor's common client removed",
            mutate: |t| {
                let vendor = t.get_mut("tencent/vendor.json").unwrap();
                vendor.as_object_mut().unwrap().remove("common_protocol");
            },
            expect: &[(Rule::CommonClientChanged, "CommonClient removed")],
        },
        Case {
            name: "a vendor's common client speaks another protocol",
            mutate: |t| {
                t.get_mut("tencent/vendor.json").unwrap()["common_protocol"] =
                    json!("acs3-hmac-sha256-rpc");
            },
            expect: &[(Rule::CommonClientChanged, "another protocol")],
        },
        Case {
            name: "a new vendor with a common client and no product",
            mutate: |t| {
                t.insert(
                    "alibaba/vendor.json",
                    json!({
                        "$schema": "../schema/vendor.schema.json",
                        "name": "alibaba", "title": "Alibaba Cloud", "description": "RPC.",
                        "common_errors": [], "common_protocol": "acs3-hmac-sha256-rpc"
                    }),
                );
            },
            expect: &[(Rule::CommonClientAdded, "CommonClient")],
        },
        Case {
            name: "a limit tightened",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "DomainNum")["constraints"]["maximum"] =
                    json!(50);
            },
            expect: &[(Rule::LimitTightened, "maximum 100 → 50")],
        },
        Case {
            name: "a limit added",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "Tags")["constraints"] =
                    json!({ "max_items": 10 });
            },
            expect: &[(Rule::LimitTightened, "maximum items none → 10")],
        },
        Case {
            name: "a limit loosened",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "Alias")["constraints"]["max_length"] =
                    json!(128);
            },
            expect: &[(Rule::LimitLoosened, "maximum length 64 → 128")],
        },
        Case {
            name: "a waiter removed",
            mutate: |t| {
                t.get_mut(DESCRIBE)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("waiter");
            },
            expect: &[(
                Rule::WaiterRemoved,
                "`describe_certificate_until_issued` removed",
            )],
        },
        Case {
            name: "a waiter added",
            mutate: |t| {
                let describe = t.get_mut(DESCRIBE).unwrap();
                describe["waiter"]["name"] = json!("Done");
            },
            expect: &[
                (
                    Rule::WaiterRemoved,
                    "`describe_certificate_until_issued` removed",
                ),
                (Rule::WaiterAdded, "`describe_certificate_until_done`"),
            ],
        },
        Case {
            name: "a waiter waits for something else",
            mutate: |t| t.get_mut(DESCRIBE).unwrap()["waiter"]["until"]["equals"] = json!(2),
            expect: &[(Rule::WaiterChanged, "waits until Status == 2")],
        },
        Case {
            name: "a waiter polls longer",
            mutate: |t| t.get_mut(DESCRIBE).unwrap()["waiter"]["timeout_secs"] = json!(900),
            expect: &[(Rule::BehaviourChanged, "other delays or deadline")],
        },
        Case {
            name: "an action made idempotent",
            mutate: |t| t.get_mut(CREATE).unwrap()["idempotent"] = json!(true),
            expect: &[(Rule::BehaviourChanged, "now idempotent")],
        },
        Case {
            name: "a rate limit changed",
            mutate: |t| t.get_mut(CREATE).unwrap()["rate_limit_per_second"] = json!(20),
            expect: &[(Rule::BehaviourChanged, "rate limit 10/s → 20/s")],
        },
        Case {
            name: "a secret no longer marked secret",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "KeyPassword")["sensitive"] =
                    json!(false)
            },
            expect: &[(Rule::SecrecyChanged, "no longer secret: a plain value")],
        },
        Case {
            name: "an output made secret",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "output", "DealId")["sensitive"] = json!(true)
            },
            expect: &[(Rule::SecrecyChanged, "output `DealId`: now secret")],
        },
        Case {
            name: "a product made global",
            mutate: |t| t.get_mut(SERVICE).unwrap()["regional"] = json!(false),
            expect: &[(
                Rule::BehaviourChanged,
                "now global: requests carry no region",
            )],
        },
        Case {
            name: "an input filled with a token by the client",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "Alias")["idempotency_token"] =
                    json!(true);
            },
            expect: &[(
                Rule::BehaviourChanged,
                "input `Alias`: now filled with a fresh token",
            )],
        },
        Case {
            name: "a host added",
            mutate: |t| {
                let endpoints = &mut t.get_mut(SERVICE).unwrap()["endpoints"];
                push(
                    endpoints,
                    json!({ "host": "ssl.intl.tencentcloudapi.com", "kind": "international" }),
                );
            },
            expect: &[(Rule::BehaviourChanged, "hosts changed")],
        },
        Case {
            name: "a listing's streams removed",
            mutate: |t| {
                t.get_mut(LIST)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove("paging");
            },
            expect: &[(
                Rule::PagingRemoved,
                "`describe_certificates_pages` and `describe_certificates_items` removed",
            )],
        },
        Case {
            name: "a listing no longer ends at its total",
            mutate: |t| {
                t.get_mut(LIST).unwrap()["paging"]
                    .as_object_mut()
                    .unwrap()
                    .remove("total");
            },
            expect: &[(
                Rule::PagingChanged,
                "pages by offset Offset, page size Limit, items Names (was offset Offset, page size Limit, items Names, total TotalCount)",
            )],
        },
        Case {
            name: "a listing gets streams",
            mutate: |t| {
                t.get_mut(LOGS).unwrap()["paging"] =
                    json!({ "offset": "Offset", "items": "Names" });
            },
            expect: &[(Rule::PagingAdded, "new `describe_certificate_logs_pages`")],
        },
        Case {
            name: "descriptions reworded",
            mutate: |t| {
                let create = t.get_mut(CREATE).unwrap();
                create["summary"] = json!("Purchases a certificate.");
                field(create, "input", "Alias")["description"] =
                    json!("A note for the certificate.");
                field(t.get_mut(TAGS).unwrap(), "fields", "TagKey")["description"] =
                    json!("The key.");
            },
            expect: &[
                (Rule::Documentation, "summary; input `Alias` description"),
                (Rule::Documentation, "member `TagKey` description"),
            ],
        },
        Case {
            name: "a limit of an output changed",
            mutate: |t| {
                field(t.get_mut(DESCRIBE).unwrap(), "output", "Status")["constraints"] =
                    json!({ "maximum": 15 });
            },
            expect: &[(Rule::Documentation, "output `Status` limits")],
        },
        Case {
            name: "fields left out of the documentation index",
            mutate: |t| {
                field(t.get_mut(CREATE).unwrap(), "input", "Alias")["hidden"] = json!(true);
                field(t.get_mut(TAGS).unwrap(), "fields", "TagKey")["hidden"] = json!(true);
            },
            expect: &[
                (
                    Rule::Documentation,
                    "input `Alias` left out of the documentation index",
                ),
                (
                    Rule::Documentation,
                    "member `TagKey` left out of the documentation index",
                ),
            ],
        },
    ]
}

#[test]
fn every_mutation_in_the_catalogue_gets_exactly_its_rules() {
    let base = base();
    let unchanged = report(&base, &base);
    assert!(unchanged.is_empty(), "{unchanged:?}");
    let mut failures = Vec::new();
    let mut covered = std::collections::BTreeSet::new();
    let cases = catalogue();
    for case in &cases {
        let mut tree = base.clone();
        (case.mutate)(&mut tree);
        let got = report(&base, &tree);
        let mut rules: Vec<Rule> = got.changes.iter().map(|c| c.rule).collect();
        let mut want: Vec<Rule> = case.expect.iter().map(|(r, _)| *r).collect();
        rules.sort();
        want.sort();
        let details_match = case.expect.iter().all(|(rule, fragment)| {
            got.changes
                .iter()
                .any(|c| c.rule == *rule && c.detail.contains(fragment))
        });
        if rules != want || !details_match {
            failures.push(format!(
                "{}: expected {:?}, got\n{}",
                case.name,
                case.expect,
                got.to_text("base", None)
            ));
        }
        covered.extend(rules);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(cases.len() >= 20);
    let missing: Vec<_> = Rule::ALL.iter().filter(|r| !covered.contains(r)).collect();
    assert!(missing.is_empty(), "rules without a case: {missing:?}");
}

#[test]
fn the_report_needs_the_bump_of_its_strongest_change() {
    let base = base();
    let mut tree = base.clone();
    tree.get_mut(CREATE).unwrap()["summary"] = json!("Purchases a certificate.");
    let docs = report(&base, &tree);
    assert_eq!(docs.verdict(), Some(Verdict::Documentation));
    field(tree.get_mut(CREATE).unwrap(), "input", "Alias")["constraints"]["max_length"] =
        json!(128);
    let additive = report(&base, &tree);
    assert_eq!(additive.verdict(), Some(Verdict::Additive));
    remove_field(tree.get_mut(CREATE).unwrap(), "output", "DealId");
    let breaking = report(&base, &tree);
    assert!(breaking.is_breaking());
    assert_eq!(
        breaking.count(Verdict::Breaking)
            + breaking.count(Verdict::Additive)
            + breaking.count(Verdict::Documentation),
        3
    );

    // Cargo's rule: while the major version is 0, the minor one is the major.
    assert_eq!(Bump::Major.next((0, 1, 4)), (0, 2, 0));
    assert_eq!(Bump::Minor.next((0, 1, 4)), (0, 1, 5));
    assert_eq!(Bump::Patch.next((0, 1, 4)), (0, 1, 5));
    assert_eq!(Bump::Major.next((1, 2, 3)), (2, 0, 0));
    assert_eq!(Bump::Minor.next((1, 2, 3)), (1, 3, 0));
    assert_eq!(Bump::Patch.next((1, 2, 3)), (1, 2, 4));
    let text = breaking.to_text("HEAD", Some((0, 1, 0)));
    assert!(text.starts_with("Against HEAD: 1 breaking, 1 additive, 1 documentation changes; needs a breaking release (0.1.0 → 0.2.0)."), "{text}");
}

#[test]
fn the_markdown_report_is_one_table_row_per_change() {
    let base = base();
    let mut tree = base.clone();
    remove_field(tree.get_mut(CREATE).unwrap(), "input", "Alias");
    field(tree.get_mut(CREATE).unwrap(), "output", "DealId")["description"] =
        json!("The order | deal.");
    let markdown = report(&base, &tree).to_markdown("main", None);
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Verdict"))
        .collect();
    assert_eq!(rows.len(), 2, "{markdown}");
    assert!(
        rows[0].starts_with(
            "| **breaking** | `tencent/ssl` CreateCertificate | input `Alias` removed |"
        ),
        "{markdown}"
    );
    assert!(rows[1].starts_with("| documentation |"), "{markdown}");
}

#[test]
fn the_project_spec_read_back_from_its_merged_files_has_the_same_model() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let tree = codegen::load::load_tree(&spec).unwrap_or_else(|e| panic!("{e}"));
    let again = codegen::load::load_files(&tree.to_files()).unwrap_or_else(|e| panic!("{e}"));
    let (old, new) = (codegen::build_model(&tree), codegen::build_model(&again));
    let report = impact::compare(&old.unwrap(), &new.unwrap());
    assert!(report.is_empty(), "{}", report.to_text("the spec", None));
}
