//! Request encoding and response decoding of generated types, without the
//! network: `cargo bench -p cloudapi-tests --bench codec` (figures in BENCHMARKS.md).

use std::hint::black_box;

use cloudapi::alibaba::cas::{
    self, CreateCertificateWithCsrRequestError, CreateCertificateWithCsrRequestOutput,
};
use cloudapi::runtime::decode_response;
use cloudapi::runtime::protocol::{Acs3Rpc, Tc3Json};
use cloudapi::runtime::query;
use cloudapi::tencent::ssl::*;
use criterion::{Criterion, criterion_group, criterion_main};

fn encoding(c: &mut Criterion) {
    let request = SubmitCertificateInformationRequest::new("abcb1234")
        .csr_type(CsrType::Online)
        .certificate_domain("*.example.com")
        .domain_list(["a.example.com", "b.example.com"])
        .organization_name("Tencent")
        .organization_country("CN")
        .admin_email("admin@example.com")
        .contact_email("contact@example.com");
    c.bench_function("serialize_tencent_request", |b| {
        b.iter(|| serde_json::to_vec(black_box(&request)))
    });
    let csr = cas::CreateCertificateWithCsrRequestInput::new(
        "-----BEGIN CERTIFICATE REQUEST-----",
        "Tom",
        "139",
        "a@b.c",
        cas::ValidateType::Dns,
    )
    .tags([
        cas::Tag::new().key("team").value("web"),
        cas::Tag::new().key("env").value("prod"),
    ]);
    c.bench_function("serialize_alibaba_query", |b| {
        b.iter(|| query::to_pairs(black_box(&csr)))
    });
}

fn decoding(c: &mut Criterion) {
    let tencent = br#"{"Response":{"RequestId":"f716e441-d96a-4480-abb4-dd4925fd79b1","DeployRecordId":0,"DeployStatus":0,"UpdateSyncProgress":[{"ResourceType":"clb","UpdateSyncProgressRegions":[{"TotalCount":null,"OffsetCount":null,"Status":0,"Region":"ap-qingyuan"}],"Status":0}]}}"#;
    c.bench_function("decode_tencent_response", |b| {
        b.iter(|| {
            decode_response::<
                Tc3Json,
                UploadUpdateCertificateInstanceResponse,
                UploadUpdateCertificateInstanceError,
            >(
                &upload_update_certificate_instance::ACTION,
                200,
                black_box(tencent),
            )
        })
    });
    let alibaba =
        br#"{"OrderId":98987582437920968,"RequestId":"CBF1E9B7-D6A0-4E9E-AD3E-2B47E6C2837D"}"#;
    c.bench_function("decode_alibaba_response", |b| {
        b.iter(|| {
            decode_response::<
                Acs3Rpc,
                CreateCertificateWithCsrRequestOutput,
                CreateCertificateWithCsrRequestError,
            >(
                &cas::create_certificate_with_csr_request::ACTION,
                200,
                black_box(alibaba),
            )
        })
    });
}

criterion_group!(benches, encoding, decoding);
criterion_main!(benches);
