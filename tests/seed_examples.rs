//! The documented example of every seed action, both ways, read from the
//! `example` of its spec file: the request built with the generated types
//! goes on the wire as exactly the documented parameters, and the documented
//! response, nulls included, decodes (through the same path as a call) into
//! the documented field values.

use std::collections::BTreeMap;
use std::fmt::Debug;

use cloudapi::ErrorCode;
use cloudapi::alibaba::cas::{
    self, CreateCertificateWithCsrRequestError, CreateCertificateWithCsrRequestInput,
    CreateCertificateWithCsrRequestOutput,
};
use cloudapi::runtime::protocol::{Acs3Rpc, Tc3Json};
use cloudapi::runtime::{Action, decode_response, query};
use cloudapi::tencent::ssl::{self, *};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// `request` and `response` of the first example of a seed action, as the
/// spec loader reads it (its overlay merged).
fn example(path: &str) -> (Value, Value) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let tree = codegen::load::load_tree(&root).expect("the spec loads");
    let action = tree
        .vendors
        .iter()
        .flat_map(|v| &v.products)
        .flat_map(|p| &p.actions)
        .find(|a| a.file == std::path::Path::new(path))
        .unwrap_or_else(|| panic!("no action file {path}"));
    let example = action.value.examples.first().expect("a documented example");
    let request = example.request.clone().expect("a documented request");
    (request, example.response.clone())
}

/// A Tencent request as its JSON body.
fn tencent_body(request: &impl Serialize) -> Value {
    serde_json::to_value(request).expect("requests serialize")
}

/// A documented Tencent response, decoded as a call decodes the answer body.
fn tencent_decode<Resp: DeserializeOwned, E: ErrorCode + Debug>(
    action: &'static Action,
    response: &Value,
) -> Resp {
    let body = serde_json::to_vec(&serde_json::json!({ "Response": response })).unwrap();
    decode_response::<Tc3Json, Resp, E>(action, 200, &body)
        .unwrap_or_else(|e| panic!("{}: the documented response decodes: {e:?}", action.name))
}

#[test]
fn create_certificate() {
    let (request, response) = example("tencent/ssl/actions/CreateCertificate.json");
    let built = CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1);
    assert_eq!(tencent_body(&built), request);

    let decoded: CreateCertificateResponse =
        tencent_decode::<_, CreateCertificateError>(&ssl::create_certificate::ACTION, &response);
    assert_eq!(decoded.certificate_ids, ["gf16kv3A"]);
    assert_eq!(decoded.deal_ids, ["20200923877000003022941"]);
    assert_eq!(decoded.request_id, "5a3d8310-3d7e-42d3-923a-b81407fe495e");
}

#[test]
fn certificate_order_submit() {
    let (request, response) = example("tencent/ssl/actions/CertificateOrderSubmit.json");
    let built = CertificateOrderSubmitRequest::new("Dsqef134")
        .delete_dns_auto_record(DeleteDnsAutoRecord::Delete)
        .verify_type(VerifyType::Dns);
    assert_eq!(tencent_body(&built), request);

    let decoded: CertificateOrderSubmitResponse = tencent_decode::<_, CertificateOrderSubmitError>(
        &ssl::certificate_order_submit::ACTION,
        &response,
    );
    assert_eq!(decoded.order_id, "SO8zRv29");
    assert_eq!(decoded.status, CertificateStatus::PendingConfirmationLetter);
    assert_eq!(decoded.status.as_i64(), 8);
    assert!(decoded.is_audited);
    assert_eq!(decoded.request_id, "9b397ac6-7d01-4fbc-8acc-52dd6ff0877b");
}

#[test]
fn submit_certificate_information() {
    let (request, response) = example("tencent/ssl/actions/SubmitCertificateInformation.json");
    let built = SubmitCertificateInformationRequest::new("abcb1234")
        .csr_type(CsrType::Online)
        .certificate_domain("*.test-dq342da.com")
        .organization_name("Tencent")
        .organization_division("Qcloud")
        .organization_address("Tencent Building, No.10000 Shennan Avenue, Nanshan District")
        .organization_country("CN")
        .organization_city("Shenzhen")
        .organization_region("Guangdong")
        .phone_area_code("0755")
        .phone_number("86013388")
        .admin_first_name("test")
        .admin_last_name("test")
        .admin_phone_num("12345678901")
        .admin_email("test@tencent.com")
        .admin_position("developer")
        .contact_first_name("test")
        .contact_last_name("test")
        .contact_email("test@tencent.com")
        .contact_number("12345678901")
        .contact_position("developer");
    assert_eq!(tencent_body(&built), request);

    let decoded: SubmitCertificateInformationResponse =
        tencent_decode::<_, SubmitCertificateInformationError>(
            &ssl::submit_certificate_information::ACTION,
            &response,
        );
    assert_eq!(decoded.certificate_id, "abcb1234");
    assert_eq!(decoded.request_id, "9b397ac6-7d01-4fbc-8acc-52dd6ff0877b");
}

#[test]
fn upload_update_certificate_instance() {
    let (request, response) = example("tencent/ssl/actions/UploadUpdateCertificateInstance.json");
    let built = UploadUpdateCertificateInstanceRequest::new(
        "JADeKqED",
        [ResourceType::Clb],
        "-----BEGIN CERTIFICATE-----\n(certificate chain elided)\n-----END CERTIFICATE-----",
        "-----BEGIN RSA PRIVATE KEY-----\n(private key elided)\n-----END RSA PRIVATE KEY-----",
    )
    .resource_types_regions([ResourceTypeRegions::new()
        .resource_type(ResourceType::Clb)
        .regions(["ap-qingyuan"])]);
    // The private key is redacted everywhere but on the wire.
    assert_eq!(tencent_body(&built), request);

    let decoded: UploadUpdateCertificateInstanceResponse =
        tencent_decode::<_, UploadUpdateCertificateInstanceError>(
            &ssl::upload_update_certificate_instance::ACTION,
            &response,
        );
    assert_eq!(decoded.request_id, "f716e441-d96a-4480-abb4-dd4925fd79b1");
    assert_eq!(decoded.deploy_record_id, 0);
    assert_eq!(decoded.deploy_status, DeployStatus::AlreadyRunning);
    let progress = decoded.update_sync_progress.expect("documented as present");
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0].resource_type.as_deref(), Some("clb"));
    assert_eq!(progress[0].status, Some(UpdateSyncStatus::Pending));
    let regions = progress[0]
        .update_sync_progress_regions
        .as_deref()
        .expect("documented as present");
    assert_eq!(regions.len(), 1);
    assert_eq!(regions[0].region.as_deref(), Some("ap-qingyuan"));
    assert_eq!(regions[0].status, Some(UpdateSyncStatus::Pending));
    // Documented as `null`: absent, not zero.
    assert_eq!(regions[0].total_count, None);
    assert_eq!(regions[0].offset_count, None);
}

#[test]
fn create_certificate_with_csr_request() {
    let (request, response) = example("alibaba/cas/actions/CreateCertificateWithCsrRequest.json");
    let built = CreateCertificateWithCsrRequestInput::new(
        "-----BEGIN CERTIFICATE REQUEST----- ...... -----END CERTIFICATE REQUEST-----",
        "Tom",
        "1390000****",
        "username@example.com",
        cas::ValidateType::Dns,
    )
    .product_code(cas::ProductCode::SymantecFree1Free);
    // RPC parameters travel in the query string, every value as text.
    let sent: BTreeMap<String, String> = query::to_pairs(&built)
        .expect("the request flattens")
        .into_iter()
        .collect();
    let documented: BTreeMap<String, String> = request
        .as_object()
        .expect("the documented request is an object")
        .iter()
        .map(|(name, value)| {
            let text = value.as_str().map(str::to_owned);
            (name.clone(), text.unwrap_or_else(|| value.to_string()))
        })
        .collect();
    assert_eq!(sent, documented);

    let body = serde_json::to_vec(&response).unwrap();
    let decoded = decode_response::<
        Acs3Rpc,
        CreateCertificateWithCsrRequestOutput,
        CreateCertificateWithCsrRequestError,
    >(
        &cas::create_certificate_with_csr_request::ACTION,
        200,
        &body,
    )
    .expect("the documented response decodes");
    // Above 2^53: exact only if never read through a float.
    assert_eq!(decoded.order_id, 98987582437920968);
    assert_eq!(decoded.request_id, "CBF1E9B7-D6A0-4E9E-AD3E-2B47E6C2837D");
}
