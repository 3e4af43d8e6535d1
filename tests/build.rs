//! Writes `$OUT_DIR/operations_<vendor>.rs` for each vendor: one entry per
//! action of its products in `spec/`, with its request and response types
//! and its client method, so that tests can run every action's documented
//! examples without a list kept by hand. The names come from the
//! generator's own model, so they are the generated ones.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let spec = manifest.join("../spec");
    println!("cargo:rerun-if-changed={}", spec.display());
    let tree = codegen::load::load_tree(&spec)
        .unwrap_or_else(|e| panic!("spec/ does not load (run cargo xtask gen for details): {e}"));
    let model = codegen::build_model(&tree)
        .unwrap_or_else(|e| panic!("spec/ is not valid (run cargo xtask gen for details): {e}"));

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    for vendor in &model.vendors {
        let mut entries = String::new();
        let mut calls = String::new();
        for product in &vendor.products {
            let product_path = format!("cloudapi::{}::{}", vendor.module, product.module);
            for (i, action) in product.actions.iter().enumerate() {
                let module = format!("{product_path}::{}", action.module);
                let call = format!("call_{}_{}_{i}", vendor.module, product.module);
                let _ = writeln!(
                    entries,
                    "    Operation {{ vendor: {:?}, product: {:?}, action: {:?}, request: roundtrip::<{module}::{}>, response: roundtrip::<{module}::{}>, call: {call} }},",
                    vendor.module, product.name, action.name, action.request, action.response
                );
                let _ = writeln!(
                    calls,
                    "fn {call}(server: &testkit::Server, request: serde_json::Value) -> Call<'_> {{\n    Box::pin(async move {{\n        let request: {module}::{} = serde_json::from_value(request).map_err(|e| format!(\"the request does not decode: {{e}}\"))?;\n        let client = {product_path}::Client::new(server.config()).map_err(|e| e.to_string())?;\n        let response = client.{}(request).await.map_err(|e| e.to_string())?;\n        serde_json::to_value(&response).map_err(|e| e.to_string())\n    }})\n}}",
                    action.request, action.method
                );
            }
        }
        let code = format!(
            "/// Every action of `spec/{}/`.\npub const OPERATIONS: &[Operation] = &[\n{entries}];\n\n{calls}",
            vendor.module
        );
        let out = out_dir.join(format!("operations_{}.rs", vendor.module));
        std::fs::write(&out, code).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    }
}
