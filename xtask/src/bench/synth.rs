//! Synthetic spec trees of any size, shaped like real Tencent Cloud
//! products: about 50 actions per product, three shared types per action,
//! a mix of scalars, arrays, nested references, value sets and error codes.
//! Deterministic: the same size always gives the same files.

use std::fs;
use std::io;
use std::path::Path;

use serde_json::{Value, json};

/// Actions per synthetic product (Tencent: ~16,000 actions over ~300 products).
pub const ACTIONS_PER_PRODUCT: usize = 50;

/// Writes a spec tree with `actions` actions (and three types per action)
/// under `root`, with the vendor file of the checkout at `checkout`.
pub fn write_spec(checkout: &Path, root: &Path, actions: usize) -> io::Result<()> {
    if root.exists() {
        fs::remove_dir_all(root)?;
    }
    let vendor = root.join("tencent");
    fs::create_dir_all(&vendor)?;
    let real_vendor = checkout.join("spec/tencent/vendor.json");
    fs::copy(real_vendor, vendor.join("vendor.json"))?;
    let products = actions.div_ceil(ACTIONS_PER_PRODUCT);
    for p in 0..products {
        let name = format!("prod{p:03}");
        let dir = vendor.join(&name);
        fs::create_dir_all(dir.join("actions"))?;
        fs::create_dir_all(dir.join("types"))?;
        write(&dir.join("service.json"), &service(&name))?;
        let count = ACTIONS_PER_PRODUCT.min(actions - p * ACTIONS_PER_PRODUCT);
        for a in 0..count {
            let noun = format!("Widget{a:02}");
            let verb = ["Describe", "Create", "Modify", "Delete", "Inquire"][a % 5];
            let action = format!("{verb}{noun}");
            write(
                &dir.join(format!("actions/{action}.json")),
                &action_file(&action, &noun, verb == "Describe"),
            )?;
            for (shape, body) in shapes(&noun) {
                write(&dir.join(format!("types/{shape}.json")), &body)?;
            }
        }
    }
    Ok(())
}

fn write(path: &Path, value: &Value) -> io::Result<()> {
    fs::write(path, codegen::load::raw::to_spec_text(value))
}

fn service(product: &str) -> Value {
    json!({
        "$schema": "../../schema/service.schema.json",
        "vendor": "tencent", "product": product, "title": format!("Synthetic product {product}"),
        "description": "A generated product for benchmarks.", "version": "2020-01-01",
        "protocol": "tc3-hmac-sha256",
        "endpoints": [
            {"host": format!("{product}.tencentcloudapi.com"), "kind": "default"},
            {"host": format!("{product}.intl.tencentcloudapi.com"), "kind": "international"}
        ]
    })
}

fn field(name: &str, ty: Value, required: bool, description: &str) -> Value {
    json!({"name": name, "type": ty, "required": required, "description": description})
}

fn action_file(action: &str, noun: &str, read_only: bool) -> Value {
    let mut status = field("Status", json!("int64"), false, "Only items in this state.");
    status["enum"] = json!({"name": format!("{noun}State"), "values": [
        {"value": 0, "name": "Creating", "description": "Being created."},
        {"value": 1, "name": "Running", "description": "In service."},
        {"value": 2, "name": "Stopped", "description": "Stopped."}
    ]});
    let mut name = field("Name", json!("string"), false, "A display name.");
    name["constraints"] = json!({"max_length": 60});
    let mut filters = field(
        "Filters",
        json!({"array": {"ref": format!("{noun}Filter")}}),
        false,
        "Conditions items must meet.",
    );
    filters["constraints"] = json!({"max_items": 10});
    let errors: Vec<Value> = [
        "FailedOperation",
        "FailedOperation.QuotaExceeded",
        "FailedOperation.StatusConflict",
        "InternalError",
        "InternalError.DbError",
        "InvalidParameter",
        "InvalidParameterValue",
        "InvalidParameterValue.NameTooLong",
        "LimitExceeded",
        "MissingParameter",
        "ResourceNotFound.Instance",
        "UnauthorizedOperation",
    ]
    .iter()
    .map(|code| json!({"code": code, "description": "What went wrong, in a sentence."}))
    .collect();
    json!({
        "$schema": "../../../schema/action.schema.json",
        "name": action,
        "summary": format!("Operates on {noun} resources."),
        "description": "A generated action with the shapes real actions have: paging, filters, tags and nested results.",
        "rate_limit_per_second": 20,
        "idempotent": read_only,
        "input": [
            field("InstanceId", json!("string"), true, "The resource to operate on."),
            field("Limit", json!("int64"), false, "How many items to return."),
            field("Offset", json!("uint64"), false, "Where to start."),
            filters,
            field("TagKeys", json!({"array": "string"}), false, "Tag keys to match."),
            name,
            field("DryRun", json!("boolean"), false, "Check the request without running it."),
            status
        ],
        "output": [
            field("TotalCount", json!("int64"), true, "How many items match."),
            {"name": "Items", "type": {"array": {"ref": noun}}, "required": true, "description": "The items.", "nullable": true},
            field("NextToken", json!("string"), false, "Where the next page starts."),
            field("UpdatedAt", json!("datetime"), false, "When the data was read.")
        ],
        "errors": errors
    })
}

fn shapes(noun: &str) -> Vec<(String, Value)> {
    let schema = "../../../schema/shape.schema.json";
    vec![
        (
            noun.to_string(),
            json!({"$schema": schema, "name": noun, "kind": "object", "description": "One resource.", "fields": [
                field("Id", json!("string"), true, "Its ID."),
                field("Name", json!("string"), false, "Its name."),
                {"name": "CreatedAt", "type": "datetime_iso", "required": false, "nullable": true, "description": "When it was created."},
                field("Size", json!("uint64"), false, "Its size."),
                field("Labels", json!({"array": "string"}), false, "Its labels."),
                {"name": "Detail", "type": {"ref": format!("{noun}Detail")}, "required": false, "nullable": true, "description": "More about it."}
            ]}),
        ),
        (
            format!("{noun}Detail"),
            json!({"$schema": schema, "name": format!("{noun}Detail"), "kind": "object", "description": "Details of a resource.", "fields": [
                field("Zone", json!("string"), false, "Its zone."),
                field("Weight", json!("float"), false, "Its weight."),
                field("Enabled", json!("boolean"), false, "Whether it is enabled."),
                field("Ports", json!({"array": "int64"}), false, "Its ports."),
                field("Owner", json!("string"), false, "Who owns it.")
            ]}),
        ),
        (
            format!("{noun}Filter"),
            json!({"$schema": schema, "name": format!("{noun}Filter"), "kind": "object", "description": "A filter condition.", "fields": [
                field("Name", json!("string"), true, "What to filter on."),
                field("Values", json!({"array": "string"}), true, "Accepted values.")
            ]}),
        ),
    ]
}
