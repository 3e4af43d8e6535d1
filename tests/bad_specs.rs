//! A catalog of malformed spec trees.
//!
//! Each case starts from a small valid spec tree written below, breaks it in
//! one way and runs exactly what `cargo xtask gen` runs. Every case must fail
//! with an error naming the file from the repository root, the line and
//! column, the JSON path and what was expected there, and leave the
//! generated crate byte-identical. All cases run, and every
//! failure is reported at once; `BAD_SPECS_VERBOSE=1` prints each case's report.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::write::Mode;
use serde_json::{Value, json};
use xtask::SPEC_LABEL;
use xtask::generate::{GenError, Summary, Target, run_targets, targets};

const VENDOR: &str = "tencent/vendor.json";
const SERVICE: &str = "tencent/ssl/service.json";
const CREATE: &str = "tencent/ssl/actions/CreateCertificate.json";
const UPLOAD: &str = "tencent/ssl/actions/UploadUpdateCertificateInstance.json";
const TAGS: &str = "tencent/ssl/types/Tags.json";
const OVERLAY: &str = "tencent/ssl/overlay/actions/CreateCertificate.json";
const STATUS: &str = "tencent/ssl/types/UpdateSyncStatus.json";
const PROGRESS: &str = "tencent/ssl/types/UpdateSyncProgress.json";

/// The valid tree every case starts from: one vendor, one product, two
/// actions (one with a waiter) and three shapes (object, enum, nested).
fn valid_tree() -> Vec<(&'static str, Value)> {
    vec![
        (
            VENDOR,
            json!({
                "$schema": "../schema/vendor.schema.json",
                "name": "tencent",
                "title": "Tencent Cloud",
                "description": "Tencent Cloud API 3.0.",
                "common_errors": [
                    { "code": "AuthFailure.SignatureFailure", "description": "The signature does not match." },
                    { "code": "InternalError", "description": "The server hit an internal error." }
                ]
            }),
        ),
        (
            SERVICE,
            json!({
                "$schema": "../../schema/service.schema.json",
                "vendor": "tencent",
                "product": "ssl",
                "title": "SSL Certificates",
                "description": "Buy and manage SSL certificates.",
                "version": "2019-12-05",
                "protocol": "tc3-hmac-sha256",
                "endpoints": [
                    { "host": "ssl.tencentcloudapi.com", "kind": "default" },
                    { "host": "ssl.intl.tencentcloudapi.com", "kind": "international" }
                ]
            }),
        ),
        (
            CREATE,
            json!({
                "$schema": "../../../schema/action.schema.json",
                "name": "CreateCertificate",
                "summary": "Purchases a paid certificate.",
                "description": "Places an order for a certificate product.",
                "rate_limit_per_second": 10,
                "idempotent": false,
                "input": [
                    {
                        "name": "ProductId", "type": "int64", "required": true,
                        "description": "Which certificate product to buy.",
                        "enum": { "name": "ProductId", "values": [
                            { "value": 3, "name": "SecuresiteEvPro", "description": "securesite ev pro" },
                            { "value": 4, "name": "SecuresiteEv", "description": "securesite ev" }
                        ] }
                    },
                    {
                        "name": "DomainNum", "type": "int64", "required": true,
                        "description": "How many domain names the certificate covers.",
                        "constraints": { "minimum": 1, "maximum": 100 }
                    },
                    {
                        "name": "CsrType", "type": "string", "required": false,
                        "description": "How the certificate signing request is made.",
                        "enum": { "name": "CsrType", "values": [
                            { "value": "online", "description": "Generated online." },
                            { "value": "parse", "description": "Pasted by the user." }
                        ] }
                    },
                    {
                        "name": "Alias", "type": "string", "required": false,
                        "description": "A note for the certificate.",
                        "constraints": { "min_length": 1, "max_length": 64 }
                    },
                    {
                        "name": "KeyPassword", "type": "string", "required": false, "sensitive": true,
                        "description": "Password of the private key."
                    },
                    {
                        "name": "Tags", "type": { "array": { "ref": "Tags" } }, "required": false,
                        "description": "Tags to attach to the new certificates.",
                        "constraints": { "max_items": 20 }
                    }
                ],
                "output": [
                    {
                        "name": "CertificateIds", "type": { "array": "string" }, "required": true,
                        "description": "IDs of the certificates that were created."
                    },
                    {
                        "name": "IsAudited", "type": "boolean", "required": true,
                        "description": "Whether the order has been audited."
                    }
                ],
                "errors": [
                    { "code": "FailedOperation.AuthError", "description": "The caller is not allowed to do this." },
                    { "code": "InvalidParameter", "description": "A parameter is wrong." }
                ]
            }),
        ),
        (
            UPLOAD,
            json!({
                "$schema": "../../../schema/action.schema.json",
                "name": "UploadUpdateCertificateInstance",
                "summary": "Replaces a deployed certificate with an uploaded one.",
                "idempotent": true,
                "input": [
                    {
                        "name": "OldCertificateId", "type": "string", "required": true,
                        "description": "The certificate to replace."
                    }
                ],
                "output": [
                    {
                        "name": "DeployRecordId", "type": "uint64", "required": true,
                        "description": "The deployment record; 0 while the task is being created."
                    },
                    {
                        "name": "DeployStatus", "type": "int64", "required": true,
                        "description": "Whether the deployment task was created."
                    },
                    {
                        "name": "Message", "type": "string", "required": false, "nullable": true,
                        "description": "What the server says about the task."
                    },
                    {
                        "name": "UpdateSyncProgress", "type": { "array": { "ref": "UpdateSyncProgress" } },
                        "required": false, "nullable": true,
                        "description": "Progress per resource type."
                    }
                ],
                "errors": [
                    { "code": "FailedOperation.CertificateNotFound", "description": "The certificate does not exist." }
                ],
                "waiter": {
                    "name": "TaskCreated",
                    "description": "the update task exists.",
                    "until": { "field": "DeployRecordId", "greater_than": 0 },
                    "initial_delay_ms": 1000,
                    "max_delay_ms": 10000,
                    "timeout_secs": 300
                }
            }),
        ),
        (
            TAGS,
            json!({
                "$schema": "../../../schema/shape.schema.json",
                "name": "Tags",
                "kind": "object",
                "description": "One tag: a key and its value.",
                "fields": [
                    { "name": "TagKey", "type": "string", "required": true, "description": "The tag's key." },
                    { "name": "TagValue", "type": "string", "required": true, "description": "The tag's value." }
                ]
            }),
        ),
        (
            STATUS,
            json!({
                "$schema": "../../../schema/shape.schema.json",
                "name": "UpdateSyncStatus",
                "kind": "enum",
                "description": "Progress of an asynchronous certificate update.",
                "type": "int64",
                "values": [
                    { "value": 0, "name": "Pending", "description": "Waiting to start." },
                    { "value": 1, "name": "Processed", "description": "Finished." }
                ]
            }),
        ),
        (
            PROGRESS,
            json!({
                "$schema": "../../../schema/shape.schema.json",
                "name": "UpdateSyncProgress",
                "kind": "object",
                "description": "Update progress of one resource type.",
                "fields": [
                    {
                        "name": "ResourceType", "type": "string", "required": false, "nullable": true,
                        "description": "The resource type."
                    },
                    {
                        "name": "Status", "type": { "ref": "UpdateSyncStatus" }, "required": false, "nullable": true,
                        "description": "Where the update stands."
                    }
                ]
            }),
        ),
    ]
}

// ---------------------------------------------------------------------------
// Mutations: small helpers on the spec root of one case.

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

/// Parses `file`, lets `change` edit it, writes it back.
fn edit(root: &Path, file: &str, change: impl FnOnce(&mut Value)) {
    let path = root.join(file);
    let mut value: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    change(&mut value);
    fs::write(&path, pretty(&value)).unwrap();
}

/// Replaces the text of `file` (which must contain `from`).
fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn write(root: &Path, file: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn text(root: &Path, file: &str) -> String {
    fs::read_to_string(root.join(file)).unwrap()
}

fn remove_key(value: &mut Value, key: &str) {
    value
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap_or_else(|| panic!("no key {key}"));
}

fn push(list: &mut Value, item: Value) {
    list.as_array_mut().unwrap().push(item);
}

/// A valid optional string field named `name`.
fn field(name: &str) -> Value {
    json!({ "name": name, "type": "string", "required": false, "description": "A field." })
}

/// A valid optional field named `name` of type `ty`.
fn field_of(name: &str, ty: Value) -> Value {
    json!({ "name": name, "type": ty, "required": false, "description": "A field." })
}

// ---------------------------------------------------------------------------
// The catalog.

struct Case {
    name: &'static str,
    /// The file the error must name, relative to the spec root; the report
    /// names it from the repository root (`spec/...`).
    file: &'static str,
    /// The JSON path the error must name.
    json_path: &'static str,
    /// A fragment of the expectation, after the word "expected" or near it.
    fragment: &'static str,
    mutate: fn(&Path),
}

fn case(
    name: &'static str,
    file: &'static str,
    json_path: &'static str,
    fragment: &'static str,
    mutate: fn(&Path),
) -> Case {
    Case {
        name,
        file,
        json_path,
        fragment,
        mutate,
    }
}

#[rustfmt::skip] // one line per case reads as a table
fn cases() -> Vec<Case> {
    vec![
        // --- bytes and JSON syntax ---
        case("truncated_json", CREATE, "$.name", "end of the file", |r| {
            write(r, CREATE, "{\n  \"$schema\": \"../../../schema/action.schema.json\",\n  \"name\": \"Create");
        }),
        case("trailing_comma", CREATE, "$", "trailing comma", |r| {
            let t = text(r, CREATE);
            let at = t.rfind('}').unwrap();
            write(r, CREATE, format!("{},\n}}\n", t[..at].trim_end()));
        }),
        case("garbage", CREATE, "$", "expected a JSON value", |r| {
            write(r, CREATE, "<html>not json</html>");
        }),
        case("trailing_characters", CREATE, "$", "end of the file after the JSON object", |r| {
            let t = text(r, CREATE);
            write(r, CREATE, format!("{t}{{}}\n"));
        }),
        // serde cannot read a key here and names it `?`; the path is the object's.
        case("trailing_comma_in_a_field", CREATE, "$.input[2]", "trailing comma", |r| {
            edit(r, CREATE, |v| v["input"][2]["zz_last"] = json!(0));
            replace(r, CREATE, "\"zz_last\": 0", "");
        }),
        case("unquoted_key_in_a_value_set", CREATE, "$.input[2].enum", "key must be a string", |r| {
            // The first `"name": "CsrType"` is the value set's (`enum` sorts before `name`).
            replace(r, CREATE, "\"name\": \"CsrType\"", "name: \"CsrType\"");
        }),
        case("duplicate_json_key", CREATE, "$.name", "once, found it twice", |r| {
            replace(r, CREATE, "\"name\": \"CreateCertificate\",", "\"name\": \"CreateCertificate\",\n  \"name\": \"BuyCertificate\",");
        }),
        case("empty_file", CREATE, "$", "empty file", |r| write(r, CREATE, "")),
        case("whitespace_only_file", TAGS, "$", "empty file", |r| write(r, TAGS, " \n\t \r\n")),
        case("non_utf8_bytes", CREATE, "$", "UTF-8", |r| {
            let mut bytes = text(r, CREATE).into_bytes();
            let at = bytes.windows(9).position(|w| w == b"Purchases").unwrap();
            bytes[at] = 0xff;
            write(r, CREATE, bytes);
        }),
        case("utf8_byte_order_mark", SERVICE, "$", "byte order mark", |r| {
            write(r, SERVICE, format!("\u{feff}{}", text(r, SERVICE)));
        }),
        case("huge_file", CREATE, "$", "at most 4194304 bytes", |r| {
            write(r, CREATE, text(r, CREATE) + &" ".repeat(4 * 1024 * 1024));
        }),
        case("array_instead_of_object", CREATE, "$", "a JSON object `{ … }` at the top level", |r| {
            write(r, CREATE, format!("[{}]", text(r, CREATE)));
        }),
        case("string_instead_of_object", UPLOAD, "$.waiter", "a JSON object (WaiterSpec)", |r| {
            edit(r, UPLOAD, |v| v["waiter"] = json!("TaskCreated"));
        }),
        case("short_array_instead_of_object", UPLOAD, "$.waiter", "a JSON object (WaiterSpec), found an array", |r| {
            edit(r, UPLOAD, |v| v["waiter"] = json!(["TaskCreated", "the task exists."]));
        }),
        // --- wrong value types ---
        case("string_for_boolean", CREATE, "$.idempotent", "expected a boolean", |r| {
            edit(r, CREATE, |v| v["idempotent"] = json!("no"));
        }),
        case("number_for_name", CREATE, "$.name", "expected a string", |r| {
            edit(r, CREATE, |v| v["name"] = json!(42));
        }),
        case("object_for_description", CREATE, "$.description", "expected a string", |r| {
            edit(r, CREATE, |v| v["description"] = json!({ "en": "Buys." }));
        }),
        case("string_for_required", CREATE, "$.input[1].required", "expected a boolean", |r| {
            edit(r, CREATE, |v| v["input"][1]["required"] = json!("true"));
        }),
        case("negative_rate_limit", CREATE, "$.rate_limit_per_second", "expected an integer from 0 to 4294967295", |r| {
            edit(r, CREATE, |v| v["rate_limit_per_second"] = json!(-1));
        }),
        case("unknown_type_name", CREATE, "$.input[1].type", "unknown type `integer`", |r| {
            edit(r, CREATE, |v| v["input"][1]["type"] = json!("integer"));
        }),
        case("type_with_two_keys", CREATE, "$.input[5].type", "exactly one of `array` or `ref`", |r| {
            edit(r, CREATE, |v| v["input"][5]["type"] = json!({ "array": "string", "ref": "Tags" }));
        }),
        case("empty_type_object", CREATE, "$.input[5].type", "empty object", |r| {
            edit(r, CREATE, |v| v["input"][5]["type"] = json!({}));
        }),
        case("unknown_protocol", SERVICE, "$.protocol", "tc3-hmac-sha256", |r| {
            edit(r, SERVICE, |v| v["protocol"] = json!("hmac-sha1"));
        }),
        case("unknown_endpoint_kind", SERVICE, "$.endpoints[1].kind", "regional", |r| {
            edit(r, SERVICE, |v| v["endpoints"][1]["kind"] = json!("global"));
        }),
        // --- unknown keys ---
        case("unknown_top_level_key", CREATE, "$.requried", "unknown field `requried`", |r| {
            edit(r, CREATE, |v| v["requried"] = json!(true));
        }),
        case("unknown_field_key", CREATE, "$.input[1].descripton", "unknown field `descripton`", |r| {
            edit(r, CREATE, |v| v["input"][1]["descripton"] = json!("typo"));
        }),
        case("unknown_constraint_key", CREATE, "$.input[3].constraints.max_len", "unknown field `max_len`", |r| {
            edit(r, CREATE, |v| v["input"][3]["constraints"]["max_len"] = json!(64));
        }),
        // --- missing keys ---
        case("missing_schema", CREATE, "$", "key `$schema`", |r| edit(r, CREATE, |v| remove_key(v, "$schema"))),
        case("missing_name", CREATE, "$", "key `name`", |r| edit(r, CREATE, |v| remove_key(v, "name"))),
        case("missing_input", CREATE, "$", "key `input`", |r| edit(r, CREATE, |v| remove_key(v, "input"))),
        case("missing_errors", CREATE, "$", "key `errors`", |r| edit(r, CREATE, |v| remove_key(v, "errors"))),
        case("missing_summary", CREATE, "$", "key `summary`", |r| edit(r, CREATE, |v| remove_key(v, "summary"))),
        case("missing_field_type", CREATE, "$.input[1]", "key `type`", |r| {
            edit(r, CREATE, |v| remove_key(&mut v["input"][1], "type"));
        }),
        case("missing_field_required", CREATE, "$.output[0]", "key `required`", |r| {
            edit(r, CREATE, |v| remove_key(&mut v["output"][0], "required"));
        }),
        case("missing_service_version", SERVICE, "$", "key `version`", |r| {
            edit(r, SERVICE, |v| remove_key(v, "version"));
        }),
        case("missing_vendor_common_errors", VENDOR, "$", "key `common_errors`", |r| {
            edit(r, VENDOR, |v| remove_key(v, "common_errors"));
        }),
        // --- whole-file rules ---
        case("wrong_schema_target", CREATE, "$.$schema", "schema/action.schema.json", |r| {
            edit(r, CREATE, |v| v["$schema"] = json!("../../../schema/shape.schema.json"));
        }),
        case("two_files_claim_one_action", "tencent/ssl/actions/BuyCertificate.json", "$.name", "`BuyCertificate` (the file name)", |r| {
            write(r, "tencent/ssl/actions/BuyCertificate.json", text(r, CREATE));
        }),
        case("lowercase_action_name", "tencent/ssl/actions/createCertificate.json", "$.name", "PascalCase", |r| {
            edit(r, CREATE, |v| v["name"] = json!("createCertificate"));
            fs::rename(r.join(CREATE), r.join("tencent/ssl/actions/createCertificate.json")).unwrap();
        }),
        case("blank_summary", CREATE, "$.summary", "one-sentence summary", |r| {
            edit(r, CREATE, |v| v["summary"] = json!("  "));
        }),
        case("rate_limit_zero", CREATE, "$.rate_limit_per_second", "positive number", |r| {
            edit(r, CREATE, |v| v["rate_limit_per_second"] = json!(0));
        }),
        // --- field names ---
        case("duplicate_field_name", CREATE, "$.input[2].name", "each field name once", |r| {
            edit(r, CREATE, |v| v["input"][2]["name"] = json!("DomainNum"));
        }),
        case("field_names_collide_after_case_conversion", CREATE, "$.input[6].name", "becomes `domain_num`", |r| {
            edit(r, CREATE, |v| push(&mut v["input"], field("domainNum")));
        }),
        case("field_name_starts_with_digit", CREATE, "$.input[1].name", "Rust identifier, found `2Fa`", |r| {
            edit(r, CREATE, |v| v["input"][1]["name"] = json!("2Fa"));
        }),
        case("request_id_output", CREATE, "$.output[2].name", "no `RequestId` output", |r| {
            edit(r, CREATE, |v| push(&mut v["output"], field("RequestId")));
        }),
        case("request_id_output_in_another_case", CREATE, "$.output[2].name", "(found `requestId`)", |r| {
            edit(r, CREATE, |v| push(&mut v["output"], field("requestId")));
        }),
        // --- value sets ---
        case("string_value_without_identifier", CREATE, "$.input[2].enum.values[0].value", "give this value a `name`", |r| {
            edit(r, CREATE, |v| v["input"][2]["enum"]["values"][0]["value"] = json!("-"));
        }),
        case("non_ascii_variant_name", CREATE, "$.input[0].enum.values[0].name", "Rust identifier, found `证书`", |r| {
            edit(r, CREATE, |v| v["input"][0]["enum"]["values"][0]["name"] = json!("证书"));
        }),
        case("duplicate_enum_value", CREATE, "$.input[0].enum.values[1].value", "each value once", |r| {
            edit(r, CREATE, |v| v["input"][0]["enum"]["values"][1]["value"] = json!(3));
        }),
        case("enum_values_collide_after_case_conversion", CREATE, "$.input[2].enum.values[1]", "becomes `Online`", |r| {
            edit(r, CREATE, |v| v["input"][2]["enum"]["values"][1]["value"] = json!("ONLINE"));
        }),
        case("empty_value_set", CREATE, "$.input[2].enum.values", "at least one documented value", |r| {
            edit(r, CREATE, |v| v["input"][2]["enum"]["values"] = json!([]));
        }),
        case("inline_enum_name_twice", CREATE, "$.input[2].enum.name", "each inline enum name once", |r| {
            edit(r, CREATE, |v| v["input"][2]["enum"]["name"] = json!("ProductId"));
        }),
        case("integer_enum_with_string_value", CREATE, "$.input[0].enum.values[0].value", "expected an integer", |r| {
            edit(r, CREATE, |v| v["input"][0]["enum"]["values"][0]["value"] = json!("3"));
        }),
        case("string_enum_with_integer_value", CREATE, "$.input[2].enum.values[0].value", "expected a string", |r| {
            edit(r, CREATE, |v| v["input"][2]["enum"]["values"][0]["value"] = json!(1));
        }),
        case("integer_value_without_name", CREATE, "$.input[0].enum.values[0]", "key `name`", |r| {
            edit(r, CREATE, |v| remove_key(&mut v["input"][0]["enum"]["values"][0], "name"));
        }),
        case("enum_on_boolean_field", CREATE, "$.output[1].enum", "only on `string`, `int64` or `uint64` fields (or arrays of them), found \"boolean\"", |r| {
            edit(r, CREATE, |v| {
                v["output"][1]["enum"] = json!({ "name": "Audited", "values": [
                    { "value": true, "name": "Yes", "description": "Audited." }
                ] });
            });
        }),
        // --- error codes ---
        case("duplicate_error_code", CREATE, "$.errors[1].code", "each error code once", |r| {
            edit(r, CREATE, |v| v["errors"][1]["code"] = json!("FailedOperation.AuthError"));
        }),
        case("error_codes_collide_after_case_conversion", CREATE, "$.errors[2].code", "becomes `FailedOperationAuthError`", |r| {
            edit(r, CREATE, |v| {
                push(&mut v["errors"], json!({ "code": "FailedOperation.authError", "description": "Again." }));
            });
        }),
        case("malformed_error_code", VENDOR, "$.common_errors[1].code", "dotted error code", |r| {
            edit(r, VENDOR, |v| v["common_errors"][1]["code"] = json!("Internal Error"));
        }),
        case("http_status_out_of_range", CREATE, "$.errors[0].http_status", "between 100 and 599", |r| {
            edit(r, CREATE, |v| v["errors"][0]["http_status"] = json!(700));
        }),
        // --- types and references ---
        case("dangling_ref", CREATE, "$.input[5].type.array.ref", "found `Tag`", |r| {
            edit(r, CREATE, |v| v["input"][5]["type"]["array"]["ref"] = json!("Tag"));
        }),
        case("cyclic_refs", TAGS, "$.fields", "Tags → UpdateSyncProgress → Tags", |r| {
            edit(r, TAGS, |v| push(&mut v["fields"], field_of("Progress", json!({ "ref": "UpdateSyncProgress" }))));
            edit(r, PROGRESS, |v| push(&mut v["fields"], field_of("Tag", json!({ "ref": "Tags" }))));
        }),
        case("self_reference_by_value", TAGS, "$.fields", "Tags → Tags", |r| {
            edit(r, TAGS, |v| push(&mut v["fields"], field_of("Parent", json!({ "ref": "Tags" }))));
        }),
        case("array_of_arrays", CREATE, "$.input[5].type.array", "arrays of arrays", |r| {
            edit(r, CREATE, |v| v["input"][5]["type"] = json!({ "array": { "array": "string" } }));
        }),
        // --- field flags and constraints ---
        case("nullable_input", CREATE, "$.input[1].nullable", "only on output fields", |r| {
            edit(r, CREATE, |v| v["input"][1]["nullable"] = json!(true));
        }),
        case("idempotency_token_on_integer", CREATE, "$.input[1].idempotency_token", "only on an optional, non-sensitive `string` input", |r| {
            edit(r, CREATE, |v| v["input"][1]["idempotency_token"] = json!(true));
        }),
        case("idempotency_token_on_output", CREATE, "$.output[0].idempotency_token", "only on an optional, non-sensitive `string` input", |r| {
            edit(r, CREATE, |v| v["output"][0]["idempotency_token"] = json!(true));
        }),
        case("sensitive_integer", CREATE, "$.input[1].sensitive", "only on `string` fields", |r| {
            edit(r, CREATE, |v| v["input"][1]["sensitive"] = json!(true));
        }),
        case("min_greater_than_max", CREATE, "$.input[3].constraints", "minimum length (100) to be at most the maximum (64)", |r| {
            edit(r, CREATE, |v| v["input"][3]["constraints"]["min_length"] = json!(100));
        }),
        case("max_items_on_scalar", CREATE, "$.input[1].constraints", "only on array fields", |r| {
            edit(r, CREATE, |v| v["input"][1]["constraints"]["max_items"] = json!(3));
        }),
        case("length_rule_on_integer", CREATE, "$.input[1].constraints", "only on text fields", |r| {
            edit(r, CREATE, |v| v["input"][1]["constraints"]["max_length"] = json!(3));
        }),
        case("minimum_on_string", CREATE, "$.input[3].constraints", "only on integer fields", |r| {
            edit(r, CREATE, |v| v["input"][3]["constraints"]["minimum"] = json!(0));
        }),
        // --- waiters ---
        case("paging_on_missing_input", UPLOAD, "$.paging.offset", "an input field of this action, found `Offset`", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "offset": "Offset", "items": "UpdateSyncProgress" }));
        }),
        case("paging_with_two_choosers", UPLOAD, "$.paging", "exactly one of `offset`, `page` and `token`", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "offset": "OldCertificateId", "page": "OldCertificateId", "items": "UpdateSyncProgress" }));
        }),
        case("paging_items_not_a_list", UPLOAD, "$.paging.items", "`Message` to be an array", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "offset": "OldCertificateId", "items": "Message" }));
        }),
        case("paging_items_through_a_list", UPLOAD, "$.paging.items", "`UpdateSyncProgress` to be a structure, as `UpdateSyncProgress.Regions` says", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "offset": "OldCertificateId", "items": "UpdateSyncProgress.Regions" }));
        }),
        case("paging_items_two_structures_deep", UPLOAD, "$.paging.items", "a member of one structure of the answer (`Outer.Member`), found `A.B.C`", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "offset": "OldCertificateId", "items": "A.B.C" }));
        }),
        case("value_set_on_json", CREATE, "$.input[2].enum", "a value set only on `string`, `int64` or `uint64` fields (or arrays of them), found \"json\"", |r| {
            edit(r, CREATE, |v| v["input"][2]["type"] = json!("json"));
        }),
        case("length_rule_on_json", CREATE, "$.input[3].constraints", "only on text fields", |r| {
            edit(r, CREATE, |v| v["input"][3]["type"] = json!("json"));
        }),
        case("sensitive_json", CREATE, "$.input[4].sensitive", "only on `string` fields", |r| {
            edit(r, CREATE, |v| v["input"][4]["type"] = json!("json"));
        }),
        case("json_as_enum_type", STATUS, "$.type", "for an enum shape, found \"json\"", |r| {
            edit(r, STATUS, |v| v["type"] = json!("json"));
        }),
        case("encoding_on_a_scalar", CREATE, "$.input[1].encoding", "only on an input of an action that is a list, a structure or a JSON value", |r| {
            edit(r, CREATE, |v| v["input"][1]["encoding"] = json!("json"));
        }),
        case("paging_token_without_next_token", UPLOAD, "$.paging", "`token` and `next_token` together", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "token": "OldCertificateId", "items": "UpdateSyncProgress" }));
        }),
        case("paging_total_not_integer", UPLOAD, "$.paging.total", "`Message` to be an integer", |r| {
            edit(r, UPLOAD, |v| v["paging"] = json!({ "offset": "OldCertificateId", "items": "UpdateSyncProgress", "total": "Message" }));
        }),
        case("waiter_on_missing_field", UPLOAD, "$.waiter.until.field", "found `RecordId`", |r| {
            edit(r, UPLOAD, |v| v["waiter"]["until"]["field"] = json!("RecordId"));
        }),
        case("threshold_on_a_text_field", UPLOAD, "$.waiter.until.greater_than", "expected `equals` for `Message`, whose values are text", |r| {
            edit(r, UPLOAD, |v| v["waiter"]["until"]["field"] = json!("Message"));
        }),
        case("waiter_name_not_identifier", UPLOAD, "$.waiter.name", "Rust identifier, found `1st`", |r| {
            edit(r, UPLOAD, |v| v["waiter"]["name"] = json!("1st"));
        }),
        case("waiter_with_both_conditions", UPLOAD, "$.waiter.until", "exactly one of `greater_than` or `equals`", |r| {
            edit(r, UPLOAD, |v| v["waiter"]["until"]["equals"] = json!(1));
        }),
        case("waiter_without_condition", UPLOAD, "$.waiter.until", "exactly one of `greater_than` or `equals`", |r| {
            edit(r, UPLOAD, |v| remove_key(&mut v["waiter"]["until"], "greater_than"));
        }),
        case("waiter_delays_inverted", UPLOAD, "$.waiter", "initial_delay_ms <= max_delay_ms", |r| {
            edit(r, UPLOAD, |v| v["waiter"]["initial_delay_ms"] = json!(20000));
        }),
        case("negative_value_in_unsigned_set", UPLOAD, "$.output[0].enum.values[0].value", "0 or more (the value set's type is uint64), found -1", |r| {
            edit(r, UPLOAD, |v| {
                v["output"][0]["enum"] = json!({ "name": "RecordState", "values": [{ "value": -1, "name": "Gone", "description": "Gone." }] });
                v["waiter"]["until"] = json!({ "field": "DeployStatus", "equals": 1 });
            });
        }),
        case("sensitive_value_set", UPLOAD, "$.input[0].sensitive", "not on a field with a value set (`enum`)", |r| {
            edit(r, UPLOAD, |v| {
                v["input"][0]["sensitive"] = json!(true);
                v["input"][0]["enum"] = json!({ "name": "OldId", "values": [{ "value": "a", "name": "A", "description": "A." }] });
            });
        }),
        case("number_compared_with_a_text_value_set", UPLOAD, "$.waiter.until.equals", "expected a text, as `Message` is one, found the number 1", |r| {
            edit(r, UPLOAD, |v| {
                let message = v["output"].as_array().unwrap().iter().position(|f| f["name"] == "Message").unwrap();
                v["output"][message]["enum"] = json!({ "name": "Outcome", "values": [{ "value": "ok", "description": "Done." }] });
                v["waiter"]["until"] = json!({ "field": "Message", "equals": 1 });
            });
        }),
        case("waiter_negative_threshold_on_unsigned", UPLOAD, "$.waiter.until", "0 or more, as `DeployRecordId` is unsigned", |r| {
            edit(r, UPLOAD, |v| v["waiter"]["until"]["greater_than"] = json!(-1));
        }),
        // --- HTTP bindings: only REST protocols have them, and need them ---
        case("http_on_an_rpc_style_action", CREATE, "$.http", "only REST protocols", |r| {
            edit(r, CREATE, |v| v["http"] = json!({"method": "POST", "path": "/certificates"}));
        }),
        case("location_on_a_tc3_member", CREATE, "$.input[0].location", "only members of REST actions", |r| {
            edit(r, CREATE, |v| v["input"][0]["location"] = json!("query"));
        }),
        case("rest_action_without_http", CREATE, "$.http", "`method` and `path`", |r| {
            edit(r, SERVICE, |v| v["protocol"] = json!("acs3-hmac-sha256-roa"));
            edit(r, UPLOAD, |v| v["http"] = json!({"method": "PUT", "path": "/instances"}));
        }),
        case("path_segment_without_its_member", CREATE, "$.http.path", "`location: path`", |r| {
            edit(r, SERVICE, |v| v["protocol"] = json!("acs3-hmac-sha256-roa"));
            edit(r, UPLOAD, |v| v["http"] = json!({"method": "PUT", "path": "/instances"}));
            edit(r, CREATE, |v| v["http"] = json!({"method": "POST", "path": "/certificates/{Id}"}));
        }),
        case("unknown_http_method", CREATE, "$.http.method", "GET", |r| {
            edit(r, CREATE, |v| v["http"] = json!({"method": "FETCH", "path": "/certificates"}));
        }),
        // --- endpoints ---
        case("two_default_endpoints", SERVICE, "$.endpoints", "exactly one endpoint of kind `default`, found 2", |r| {
            edit(r, SERVICE, |v| v["endpoints"][1]["kind"] = json!("default"));
        }),
        case("no_default_endpoint", SERVICE, "$.endpoints", "exactly one endpoint of kind `default`, found 0", |r| {
            edit(r, SERVICE, |v| v["endpoints"][0]["kind"] = json!("international"));
        }),
        case("regional_endpoint_without_region", SERVICE, "$.endpoints[2]", "key `region`", |r| {
            edit(r, SERVICE, |v| {
                push(&mut v["endpoints"], json!({ "host": "ssl.ap-guangzhou.tencentcloudapi.com", "kind": "regional" }));
            });
        }),
        case("endpoint_host_with_scheme", SERVICE, "$.endpoints[0].host", "no scheme", |r| {
            edit(r, SERVICE, |v| v["endpoints"][0]["host"] = json!("https://ssl.tencentcloudapi.com"));
        }),
        case("duplicate_endpoint_host", SERVICE, "$.endpoints[1].host", "each host once", |r| {
            edit(r, SERVICE, |v| v["endpoints"][1]["host"] = json!("ssl.tencentcloudapi.com"));
        }),
        // --- names that must match folders ---
        case("service_vendor_not_folder", SERVICE, "$.vendor", "`tencent` (the vendor folder)", |r| {
            edit(r, SERVICE, |v| v["vendor"] = json!("alibaba"));
        }),
        case("service_product_not_folder", SERVICE, "$.product", "`ssl` (the folder name)", |r| {
            edit(r, SERVICE, |v| v["product"] = json!("cas"));
        }),
        case("vendor_name_not_folder", VENDOR, "$.name", "`tencent` (the folder name)", |r| {
            edit(r, VENDOR, |v| v["name"] = json!("tencentcloud"));
        }),
        case("product_folder_with_hyphen", "tencent/ssl-v2/service.json", "$.product", "lowercase module name", |r| {
            edit(r, SERVICE, |v| v["product"] = json!("ssl-v2"));
            fs::rename(r.join("tencent/ssl"), r.join("tencent/ssl-v2")).unwrap();
        }),
        case("vendor_named_runtime", "runtime/vendor.json", "$.name", "other than `runtime`, the module of the hand-written runtime", |r| {
            edit(r, VENDOR, |v| v["name"] = json!("runtime"));
            edit(r, SERVICE, |v| v["vendor"] = json!("runtime"));
            fs::rename(r.join("tencent"), r.join("runtime")).unwrap();
        }),
        case("products_become_one_module", "tencent/ssl_/service.json", "$.product", "module of product `ssl` (both become `ssl`)", |r| {
            harness::copy_dir(&r.join("tencent/ssl"), &r.join("tencent/ssl_"));
            edit(r, "tencent/ssl_/service.json", |v| v["product"] = json!("ssl_"));
        }),
        case("product_folder_is_uppercase", "tencent/SSL/service.json", "$.product", "lowercase module name", |r| {
            edit(r, SERVICE, |v| v["product"] = json!("SSL"));
            fs::rename(r.join("tencent/ssl"), r.join("tencent/SSL")).unwrap();
        }),
        // --- files where none belong, and missing files ---
        case("stray_text_file_in_actions", "tencent/ssl/actions/notes.txt", "$", "`<Name>.json` spec files", |r| {
            write(r, "tencent/ssl/actions/notes.txt", "todo\n");
        }),
        case("stray_json_in_product", "tencent/ssl/extra.json", "$", "service.json, actions/, types/ or overlay/", |r| {
            write(r, "tencent/ssl/extra.json", "{}\n");
        }),
        case("stray_folder_in_types", "tencent/ssl/types/old", "$", "`<Name>.json` spec files", |r| {
            write(r, "tencent/ssl/types/old/Tags.json", text(r, TAGS));
        }),
        case("stray_file_at_root", "notes.txt", "$", "a vendor folder", |r| write(r, "notes.txt", "todo\n")),
        case("non_utf8_file_name", "tencent/ssl/types", "$", "UTF-8 file names", |r| {
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"Tag\xff.json");
            fs::write(r.join("tencent/ssl/types").join(name), text(r, TAGS)).unwrap();
        }),
        case("missing_service_json", SERVICE, "$", "this file to exist", |r| fs::remove_file(r.join(SERVICE)).unwrap()),
        case("missing_vendor_json", VENDOR, "$", "this file to exist", |r| fs::remove_file(r.join(VENDOR)).unwrap()),
        // --- shapes ---
        case("enum_shape_without_values", STATUS, "$", "key `values`", |r| edit(r, STATUS, |v| remove_key(v, "values"))),
        case("enum_shape_without_type", STATUS, "$", "key `type`", |r| edit(r, STATUS, |v| remove_key(v, "type"))),
        case("enum_shape_of_booleans", STATUS, "$.type", "`string`, `int64` or `uint64` for an enum shape, found \"boolean\"", |r| {
            edit(r, STATUS, |v| v["type"] = json!("boolean"));
        }),
        case("object_shape_with_values", TAGS, "$.values", "kind `enum`", |r| {
            edit(r, TAGS, |v| v["values"] = json!([{ "value": "a", "description": "A." }]));
        }),
        case("object_shape_without_fields", TAGS, "$", "key `fields`", |r| edit(r, TAGS, |v| remove_key(v, "fields"))),
        case("inline_enum_on_shape_member", TAGS, "$.fields[0].enum", "no inline `enum` on a shape member", |r| {
            edit(r, TAGS, |v| {
                v["fields"][0]["enum"] = json!({ "name": "TagKey", "values": [{ "value": "env", "description": "Environment." }] });
            });
        }),
        case("shape_name_not_file_name", TAGS, "$.name", "`Tags` (the file name)", |r| {
            edit(r, TAGS, |v| v["name"] = json!("Tag"));
        }),
        case("shapes_collide_after_case_conversion", TAGS, "$.name", "already generated in this product for types/TAGS.json", |r| {
            let mut shape: Value = serde_json::from_str(&text(r, TAGS)).unwrap();
            shape["name"] = json!("TAGS");
            write(r, "tencent/ssl/types/TAGS.json", pretty(&shape));
        }),
        case("shape_named_like_generated_type", "tencent/ssl/types/CreateCertificateRequest.json", "$.name",
            "`CreateCertificateRequest`, already generated in this product for actions/CreateCertificate.json", |r| {
            let mut shape: Value = serde_json::from_str(&text(r, TAGS)).unwrap();
            shape["name"] = json!("CreateCertificateRequest");
            write(r, "tencent/ssl/types/CreateCertificateRequest.json", pretty(&shape));
        }),
        // --- overlays: curation that names what the vendor's metadata no longer has ---
        case("overlay_for_an_action_the_vendor_removed", "tencent/ssl/overlay/actions/RevokeCertificate.json", "$", "actions/RevokeCertificate.json beside overlay/, written by the importer from the vendor's metadata;", |r| {
            write(r, "tencent/ssl/overlay/actions/RevokeCertificate.json", pretty(&action_overlay("RevokeCertificate")));
        }),
        case("overlay_names_a_parameter_the_vendor_removed", OVERLAY, "$.input[0].name", "`Domains` to be a parameter of `input` in actions/CreateCertificate.json beside overlay/", |r| {
            let mut overlay = action_overlay("CreateCertificate");
            overlay["input"] = json!([{ "name": "Domains", "description": "Gone." }]);
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("overlay_names_an_output_the_vendor_removed", OVERLAY, "$.output[0].name", "`DealIds` to be an output field of `output`", |r| {
            let mut overlay = action_overlay("CreateCertificate");
            overlay["output"] = json!([{ "name": "DealIds", "description": "Gone." }]);
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("overlay_names_a_value_the_vendor_removed", OVERLAY, "$.input[0].enum.values[1].value", "the value 99 to be documented", |r| {
            let mut overlay = action_overlay("CreateCertificate");
            overlay["input"] = json!([{ "name": "ProductId", "enum": { "name": "CertificateProduct", "values": [
                { "value": 3, "name": "EvPro", "description": "EV Pro." },
                { "value": 99, "name": "Gone", "description": "No longer sold." }
            ] } }]);
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("overlay_error_code_without_any_description", OVERLAY, "$.errors[0].description", "a description of `FailedOperation.Nowhere`", |r| {
            let mut overlay = action_overlay("CreateCertificate");
            overlay["errors"] = json!([{ "code": "FailedOperation.Nowhere" }]);
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("overlay_name_not_file_name", OVERLAY, "$.name", "`CreateCertificate` (the file name)", |r| {
            write(r, OVERLAY, pretty(&action_overlay("BuyCertificate")));
        }),
        case("overlay_with_an_unknown_key", OVERLAY, "$.colour", "unknown field `colour`", |r| {
            let mut overlay = action_overlay("CreateCertificate");
            overlay["colour"] = json!("blue");
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("overlay_makes_a_field_invalid", CREATE, "$.input[1].constraints",
            "(this value comes from overlay spec/tencent/ssl/overlay/actions/CreateCertificate.json:5:22, at $.input[0].constraints)", |r| {
            let mut overlay = action_overlay("CreateCertificate");
            overlay["input"] = json!([{ "name": "DomainNum", "constraints": { "minimum": 5, "maximum": 1 } }]);
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("overlay_retypes_a_member_into_a_cycle", TAGS, "$.fields",
            "(part of this value comes from overlay spec/tencent/ssl/overlay/types/Tags.json:6:15, at $.fields[0].type)", |r| {
            edit(r, PROGRESS, |v| push(&mut v["fields"], field_of("Tag", json!({ "ref": "Tags" }))));
            let overlay = json!({ "$schema": "../../../../schema/shape-overlay.schema.json", "name": "Tags",
                "fields": [{ "name": "TagValue", "type": { "ref": "UpdateSyncProgress" } }] });
            write(r, "tencent/ssl/overlay/types/Tags.json", pretty(&overlay));
        }),
        case("overlaid_file_with_a_problem_the_overlay_does_not_touch", CREATE, "$.input[1].nullable",
            "(overlay spec/tencent/ssl/overlay/actions/CreateCertificate.json is merged over this file, but does not set this value)", |r| {
            edit(r, CREATE, |v| v["input"][1]["nullable"] = json!(true));
            let mut overlay = action_overlay("CreateCertificate");
            overlay["summary"] = json!("Buys a certificate.");
            write(r, OVERLAY, pretty(&overlay));
        }),
        case("stray_file_in_overlay", "tencent/ssl/overlay/notes.txt", "$", "service.json, actions/ or types/", |r| {
            write(r, "tencent/ssl/overlay/notes.txt", "todo\n");
        }),
        case("shape_named_like_the_input_of_an_action_ending_in_request", "tencent/ssl/types/SignRequestInput.json", "$.name",
            "`SignRequestInput`, already generated in this product for actions/SignRequest.json", |r| {
            let mut action: Value = serde_json::from_str(&text(r, CREATE)).unwrap();
            action["name"] = json!("SignRequest");
            action["input"] = json!([]);
            action["output"] = json!([]);
            write(r, "tencent/ssl/actions/SignRequest.json", pretty(&action));
            let mut shape: Value = serde_json::from_str(&text(r, TAGS)).unwrap();
            shape["name"] = json!("SignRequestInput");
            write(r, "tencent/ssl/types/SignRequestInput.json", pretty(&shape));
        }),
    ]
}

/// An overlay of `action` that changes nothing yet.
fn action_overlay(action: &str) -> Value {
    json!({ "$schema": "../../../../schema/action-overlay.schema.json", "name": action })
}

/// Cases whose file is a folder or does not exist: there is no text to give
/// a line and column in. Every other problem must have one.
const NO_TEXT: &[&str] = &[
    "stray_folder_in_types",
    "non_utf8_file_name",
    "missing_service_json",
    "missing_vendor_json",
];

/// The exact line and column of some cases, counted in the text their
/// mutation writes (pretty-printed, keys sorted): a parse error where serde
/// stopped, problems found later at the start of the value at their path.
const POSITIONS: &[(&str, (usize, usize))] = &[
    // serde stops on the last byte of the wrong value: `"no"` in `  "idempotent": "no",`.
    ("string_for_boolean", (14, 20)),
    // serde stops on the `}` after the trailing comma, alone on its line.
    ("trailing_comma_in_a_field", (66, 5)),
    // `name` in `        name: "CsrType",` of the value set.
    ("unquoted_key_in_a_value_set", (50, 9)),
    // `"RequestId"` in `      "name": "RequestId",` of the third output.
    ("request_id_output", (115, 15)),
    // `"Tag"` in `          "ref": "Tag"`.
    ("dangling_ref", (92, 18)),
    // `{` of `      "constraints": {` of DomainNum (input[1]), in the base file.
    ("overlay_makes_a_field_invalid", (38, 22)),
    // `"BuyCertificate"` in the overlay's `  "name": "BuyCertificate"`.
    ("overlay_name_not_file_name", (3, 11)),
    // `[` of the base's `  "fields": [`; its member's type comes from the overlay.
    ("overlay_retypes_a_member_into_a_cycle", (4, 13)),
    // Whole-file problems are at the start.
    ("empty_file", (1, 1)),
    ("utf8_byte_order_mark", (1, 1)),
    // The first invalid byte: the `P` of `  "summary": "Purchases`.
    ("non_utf8_bytes", (115, 15)),
];

/// Cases whose one mistake is rightly reported more than once; every other
/// case must report exactly one problem.
const MORE_THAN_ONE: &[(&str, usize)] = &[
    // once per action, and as a clash among the product's type names
    ("inline_enum_name_twice", 2),
    // the file name, and every `ref` to the old name
    ("shape_name_not_file_name", 2),
    // the type name and the module name
];

// ---------------------------------------------------------------------------
// Running a case.

/// Every file under `dir`, relative path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A scratch folder: a copy of the generated crate's manifest and sources
/// (`crate/`, the "before" state) and one valid spec tree per case.
struct Scratch {
    dir: PathBuf,
    krate: PathBuf,
    before: BTreeMap<PathBuf, Vec<u8>>,
}

impl Scratch {
    fn new(label: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("bad-specs-{}-{label}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let krate = dir.join("crate");
        let mut scratch = Scratch {
            dir,
            krate,
            before: BTreeMap::new(),
        };
        scratch.reset_crate();
        scratch
    }

    /// (Re)creates `crate/` from the real generated crate.
    fn reset_crate(&mut self) {
        let real = &targets(&xtask::workspace_root())[0].crate_dir;
        let _ = fs::remove_dir_all(&self.krate);
        fs::create_dir_all(&self.krate).unwrap();
        fs::copy(real.join("Cargo.toml"), self.krate.join("Cargo.toml")).unwrap();
        harness::copy_dir(&real.join("src"), &self.krate.join("src"));
        self.before = snapshot(&self.krate);
    }

    /// A fresh valid spec tree for case `name`.
    fn spec(&self, name: &str) -> PathBuf {
        let spec = self.dir.join(name);
        for (file, value) in valid_tree() {
            write(&spec, file, pretty(&value));
        }
        spec
    }

    /// Runs what `cargo xtask gen` runs, with the options of the real `generated` target.
    fn generate(&self, spec: &Path) -> Result<Summary, GenError> {
        let options = targets(&xtask::workspace_root())[0].options.clone();
        let target = Target {
            name: "generated",
            spec_dir: spec.to_path_buf(),
            crate_dir: self.krate.clone(),
            options,
        };
        run_targets(&[target], None, Mode::Write)
    }

    /// Files of `crate/` that differ from the "before" state.
    fn changed_files(&self) -> Vec<String> {
        let after = snapshot(&self.krate);
        after
            .keys()
            .chain(self.before.keys().filter(|k| !after.contains_key(*k)))
            .filter(|k| self.before.get(*k) != after.get(*k))
            .map(|k| k.display().to_string())
            .collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// One reported problem, split into its parts.
#[derive(Debug)]
struct Reported<'a> {
    file: &'a str,
    position: Option<(usize, usize)>,
    json_path: &'a str,
    expected: &'a str,
}

/// Splits the `error: <file>[:line:column]: at <path>: <expected>` lines of
/// a report; lines of another form (besides the closing count) are returned apart.
fn parse_report(text: &str) -> (Vec<Reported<'_>>, Vec<&str>) {
    let mut reported = Vec::new();
    let mut malformed = Vec::new();
    for line in text.lines() {
        if line.ends_with("in spec files; nothing was written") && !line.contains("error: ") {
            continue;
        }
        let parsed = line.split_once("error: ").and_then(|(_, rest)| {
            let (location, rest) = rest.split_once(": at ")?;
            let (json_path, expected) = rest.split_once(": ")?;
            let (file, position) = match location.split_once(':') {
                Some((file, position)) => {
                    let (line, column) = position.split_once(':')?;
                    (file, Some((line.parse().ok()?, column.parse().ok()?)))
                }
                None => (location, None),
            };
            json_path.starts_with('$').then_some(Reported {
                file,
                position,
                json_path,
                expected,
            })
        });
        match parsed {
            Some(r) if r.expected.contains("expected") => reported.push(r),
            _ => malformed.push(line),
        }
    }
    (reported, malformed)
}

/// Runs one case; `Ok` holds the report, `Err` what is wrong with the outcome.
fn run_case(scratch: &mut Scratch, case: &Case) -> Result<String, String> {
    let spec = scratch.spec(case.name);
    (case.mutate)(&spec);
    let outcome = scratch.generate(&spec);
    let mut problems = Vec::new();
    let changed = scratch.changed_files();
    if !changed.is_empty() {
        problems.push(format!("the crate changed: {}", changed.join(", ")));
        scratch.reset_crate();
    }
    let text = match outcome {
        Ok(_) => {
            problems.push("generation succeeded".to_string());
            String::new()
        }
        Err(error) => error.to_string(),
    };
    let (reported, malformed) = parse_report(&text);
    if !malformed.is_empty() {
        problems.push(format!(
            "lines without file, JSON path and \"expected\": {malformed:?}"
        ));
    }
    // Never a placeholder where serde could not name a key.
    if text.contains(".?") || text.contains("[?]") {
        problems.push("a JSON path with a `?` placeholder".to_string());
    }
    let has_text = !NO_TEXT.contains(&case.name);
    let unplaced: Vec<&str> = reported
        .iter()
        .filter(|r| r.position.is_none() == has_text)
        .map(|r| r.json_path)
        .collect();
    if !unplaced.is_empty() {
        let wrong = if has_text {
            "without line and column"
        } else {
            "with a line and column in a file that has no text"
        };
        problems.push(format!("problems {wrong} at {unplaced:?}"));
    }
    // Files are named from the repository root.
    let file = format!("{SPEC_LABEL}/{}", case.file);
    let hit = reported.iter().find(|r| {
        r.file == file && r.json_path == case.json_path && r.expected.contains(case.fragment)
    });
    match (hit, POSITIONS.iter().find(|(name, _)| *name == case.name)) {
        (None, _) if !text.is_empty() => problems.push(format!(
            "no error at {file} {} mentioning {:?}",
            case.json_path, case.fragment
        )),
        (Some(hit), Some((_, position))) if hit.position != Some(*position) => {
            problems.push(format!(
                "expected the position {position:?}, found {:?}",
                hit.position
            ))
        }
        _ => {}
    }
    let count = MORE_THAN_ONE
        .iter()
        .find(|(name, _)| *name == case.name)
        .map_or(1, |(_, n)| *n);
    if !text.is_empty() && reported.len() != count {
        problems.push(format!(
            "expected {count} reported problem(s), found {}",
            reported.len()
        ));
    }
    if problems.is_empty() {
        Ok(text)
    } else {
        Err(format!(
            "{}: {}\n    output:\n      {}",
            case.name,
            problems.join("; "),
            text.replace('\n', "\n      ")
        ))
    }
}

#[test]
fn every_malformed_spec_is_reported_and_nothing_is_written() {
    let started = std::time::Instant::now();
    let cases = cases();
    let mut names = std::collections::BTreeSet::new();
    for case in &cases {
        assert!(names.insert(case.name), "case {} twice", case.name);
    }
    let mut scratch = Scratch::new("catalog");
    let verbose = std::env::var_os("BAD_SPECS_VERBOSE").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        match run_case(&mut scratch, case) {
            Ok(report) if verbose => eprintln!("ok  {}\n{report}", case.name),
            Ok(_) => {}
            Err(failure) => failures.push(failure),
        }
    }
    drop(scratch);
    println!(
        "{} malformed-spec cases ran in {:.2?}; {} failed",
        cases.len(),
        started.elapsed(),
        failures.len()
    );
    assert!(
        cases.len() >= 45,
        "the catalog shrank to {} cases",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn the_valid_tree_generates() {
    let scratch = Scratch::new("valid");
    let spec = scratch.spec("spec");
    let summary = scratch.generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.targets[0].1, (1, 2, 3), "products, actions, shapes");
}

/// A shape may contain itself through an array (`Vec<Tags>` has a finite size).
#[test]
fn array_self_reference_is_accepted() {
    let scratch = Scratch::new("array-self-reference");
    let spec = scratch.spec("spec");
    edit(&spec, TAGS, |v| {
        push(
            &mut v["fields"],
            field_of("Children", json!({ "array": { "ref": "Tags" } })),
        );
    });
    scratch.generate(&spec).unwrap_or_else(|e| panic!("{e}"));
    let tags = fs::read_to_string(scratch.krate.join("src/tencent/ssl/types.rs")).unwrap();
    assert!(tags.contains("Vec<Tags>"), "{tags}");
}

/// One run reports every problem: three independent ones in two files.
#[test]
fn all_problems_are_reported_in_one_run() {
    let scratch = Scratch::new("three-problems");
    let spec = scratch.spec("spec");
    edit(&spec, CREATE, |v| {
        v["rate_limit_per_second"] = json!(0);
        v["input"][1]["nullable"] = json!(true);
    });
    edit(&spec, SERVICE, |v| {
        v["endpoints"][0]["host"] = json!("https://ssl.tencentcloudapi.com");
    });
    let text = scratch.generate(&spec).unwrap_err().to_string();
    assert_eq!(
        scratch.changed_files(),
        Vec::<String>::new(),
        "the crate changed"
    );
    let (reported, malformed) = parse_report(&text);
    assert!(malformed.is_empty(), "{text}");
    let found: Vec<(&str, &str)> = reported.iter().map(|r| (r.file, r.json_path)).collect();
    let create = format!("{SPEC_LABEL}/{CREATE}");
    let service = format!("{SPEC_LABEL}/{SERVICE}");
    assert_eq!(
        found,
        [
            (create.as_str(), "$.input[1].nullable"),
            (create.as_str(), "$.rate_limit_per_second"),
            (service.as_str(), "$.endpoints[0].host"),
        ],
        "{text}"
    );
    // In file order: each problem where its value is.
    assert!(
        reported
            .windows(2)
            .all(|w| w[0].file != w[1].file || w[0].position < w[1].position),
        "{text}"
    );
    assert!(
        text.ends_with("3 problems in spec files; nothing was written"),
        "{text}"
    );
}
