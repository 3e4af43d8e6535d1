//! The invariants the fuzz targets check, shared with `cargo test`: the fuzz
//! crate includes this file by path, and tests/fuzz_regressions.rs replays
//! every saved input through the same functions. Each panics on a violation.

#![allow(dead_code)] // each includer uses a part

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cloudapi::ErrorCode;
use cloudapi::runtime::protocol::{Acs3Rpc, Protocol, Tc3Json};
use cloudapi::runtime::{Action, decode_response};
use codegen::load::raw::{ActionFile, ServiceFile, ShapeFile, VendorFile};
use codegen::load::{Loaded, SpecTree, load_tree, parse_file};
use codegen::{EmitOptions, GenerateError};
use serde::de::DeserializeOwned;

fn base_tree() -> &'static SpecTree {
    static BASE: OnceLock<SpecTree> = OnceLock::new();
    BASE.get_or_init(|| {
        load_tree(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec")))
            .expect("the project's own spec loads")
    })
}

/// Any bytes as a spec file: no parser panics, and an action that loads goes
/// through validate → model → emit → format next to the real Tencent SSL
/// spec; whatever the generator emits for it must parse as Rust.
pub fn spec_loader(data: &[u8]) {
    let file = Path::new("tencent/ssl/actions/Fuzzed.json");
    let _ = parse_file::<VendorFile>(file, data);
    let _ = parse_file::<ServiceFile>(file, data);
    let _ = parse_file::<ShapeFile>(file, data);
    let Ok(action) = parse_file::<ActionFile>(file, data) else {
        return;
    };
    let mut tree = base_tree().clone();
    let Some(vendor) = tree.vendors.iter_mut().find(|v| v.dir_name == "tencent") else {
        return;
    };
    let product = &mut vendor.products[0];
    let file = PathBuf::from(format!("tencent/ssl/actions/{}.json", action.name));
    product.actions.retain(|a| a.file != file);
    product.actions.push(Loaded {
        file,
        value: action,
    });
    let options = EmitOptions {
        spec_label: "spec".into(),
        product_features: true,
        crate_doc: None,
    };
    if let Err(GenerateError::Internal { file, message }) = codegen::generate_tree(&tree, &options)
    {
        panic!(
            "the generator emitted code that does not parse for {}: {message}",
            file.display()
        );
    }
}

/// The first byte picks an HTTP status, the rest is the body.
fn status_and_body(data: &[u8], statuses: &[u16]) -> Option<(u16, Vec<u8>)> {
    let (&selector, body) = data.split_first()?;
    Some((
        statuses[usize::from(selector) % statuses.len()],
        body.to_vec(),
    ))
}

fn decode<P: Protocol, R: std::fmt::Debug + serde::de::DeserializeOwned, E: ErrorCode>(
    action: &'static Action,
    status: u16,
    body: &[u8],
) {
    // Printing must not panic either: errors carry bounded snippets of the body.
    match decode_response::<P, R, E>(action, status, body) {
        Ok(response) => drop(format!("{response:?}")),
        Err(error) => drop(format!("{error} {error:?} {:?}", error.request_id())),
    }
}

/// Any bytes as a Tencent Cloud answer: a typed response or a typed error.
pub fn tencent_response(data: &[u8]) {
    use cloudapi::tencent::ssl::*;
    let Some((status, body)) = status_and_body(data, &[200, 200, 200, 200, 400, 404, 500, 502])
    else {
        return;
    };
    decode::<Tc3Json, UploadUpdateCertificateInstanceResponse, UploadUpdateCertificateInstanceError>(
        &upload_update_certificate_instance::ACTION,
        status,
        &body,
    );
    decode::<Tc3Json, CertificateOrderSubmitResponse, CertificateOrderSubmitError>(
        &certificate_order_submit::ACTION,
        status,
        &body,
    );
    decode::<Tc3Json, CreateCertificateResponse, CreateCertificateError>(
        &create_certificate::ACTION,
        status,
        &body,
    );
}

/// Any bytes as an Alibaba Cloud answer: a typed response or a typed error.
pub fn alibaba_response(data: &[u8]) {
    use cloudapi::alibaba::cas::*;
    let Some((status, body)) = status_and_body(data, &[200, 200, 200, 400, 403, 404, 500, 503])
    else {
        return;
    };
    decode::<Acs3Rpc, CreateCertificateWithCsrRequestOutput, CreateCertificateWithCsrRequestError>(
        &create_certificate_with_csr_request::ACTION,
        status,
        &body,
    );
}

fn accepted_as<R: DeserializeOwned>(action: &str, params: serde_json::Value) {
    if let Err(e) = serde_json::from_value::<R>(params.clone()) {
        panic!(
            "testkit accepted {action} {params} but it does not decode as the request type: {e}"
        );
    }
}

/// Any bytes as a request to the testkit's local endpoint (the first byte's bit 0 re-signs
/// it, so that the parameter checks are reached): no panic, a vendor answer that is JSON
/// with a request id, and every accepted request decodes into its generated request type.
pub fn testkit_request(data: &[u8]) {
    use cloudapi::alibaba::cas::CreateCertificateWithCsrRequestInput;
    use cloudapi::tencent::ssl::*;
    let Some(exchange) = testkit::fuzzing::exchange(data) else {
        return;
    };
    let Some(params) = exchange.params else {
        return;
    };
    let action = exchange.action.as_str();
    match action {
        "CertificateOrderSubmit" => accepted_as::<CertificateOrderSubmitRequest>(action, params),
        "CreateCertificate" => accepted_as::<CreateCertificateRequest>(action, params),
        "SubmitCertificateInformation" => {
            accepted_as::<SubmitCertificateInformationRequest>(action, params)
        }
        "UploadUpdateCertificateInstance" => {
            accepted_as::<UploadUpdateCertificateInstanceRequest>(action, params)
        }
        "CreateCertificateWithCsrRequest" => {
            accepted_as::<CreateCertificateWithCsrRequestInput>(action, params)
        }
        // An action of the spec this check does not know yet: the decode is the server's
        // own `received` check, covered by the typed tests.
        _ => {}
    }
}
