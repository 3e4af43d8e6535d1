//! Signing, the hot path of every attempt, without the network:
//! `cargo bench -p cloudapi-runtime` (figures in BENCHMARKS.md).

use std::hint::black_box;

use cloudapi_runtime::sign::{acs3, tc3};
use criterion::{Criterion, criterion_group, criterion_main};

fn signing(c: &mut Criterion) {
    let payload = vec![b'x'; 1024];
    let key = tc3::SigningKey::derive("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "ssl");
    let headers = [
        ("content-type", "application/json; charset=utf-8"),
        ("host", "ssl.tencentcloudapi.com"),
        ("x-tc-action", "SubmitCertificateInformation"),
    ];
    let request = tc3::Tc3Request {
        method: "POST",
        canonical_uri: "/",
        canonical_query: "",
        headers: &headers,
        payload: &payload,
    };
    c.bench_function("tc3_sign_1kib", |b| {
        b.iter(|| {
            tc3::authorization(
                black_box("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
                &key,
                black_box(1551113065),
                black_box(&request),
            )
        })
    });
    // The same signature with the key derived on every call, as a client
    // without a per-day key cache would do.
    c.bench_function("tc3_sign_1kib_deriving_key", |b| {
        b.iter(|| {
            let key = tc3::SigningKey::derive(
                black_box("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
                "2019-02-25",
                "ssl",
            );
            tc3::authorization(
                black_box("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
                &key,
                black_box(1551113065),
                black_box(&request),
            )
        })
    });
    // Baseline, measured in the same run: the signature written out as the
    // vendor documents it, step by step with owned strings.
    assert_eq!(
        textbook_tc3(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            1551113065,
            &payload
        ),
        tc3::authorization(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            &key,
            1551113065,
            &request
        ),
        "the baseline computes the same signature"
    );
    c.bench_function("tc3_sign_1kib_textbook_baseline", |b| {
        b.iter(|| {
            textbook_tc3(
                black_box("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"),
                black_box("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"),
                black_box(1551113065),
                black_box(&payload),
            )
        })
    });
    let pairs: Vec<(String, String)> = [
        (
            "Csr",
            "-----BEGIN CERTIFICATE REQUEST-----\nMIIC...\n-----END CERTIFICATE REQUEST-----",
        ),
        ("Email", "username@example.com"),
        ("Phone", "1390000****"),
        ("Tags.1.Key", "team"),
        ("Tags.1.Value", "web"),
        ("Username", "Tom"),
        ("ValidateType", "DNS"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let acs_headers = [
        ("host", "cas.aliyuncs.com"),
        ("x-acs-action", "CreateCertificateWithCsrRequest"),
        (
            "x-acs-content-sha256",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        ("x-acs-date", "2023-10-26T10:22:32Z"),
        ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
        ("x-acs-version", "2020-04-07"),
    ];
    c.bench_function("acs3_sign_rpc", |b| {
        b.iter(|| {
            let request = acs3::Acs3Request {
                method: "POST",
                canonical_uri: "/",
                query: black_box(&pairs),
                headers: &acs_headers,
                payload_hash: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            };
            acs3::sign("YourAccessKeyId", "YourAccessKeySecret", &request).authorization
        })
    });
}

/// TC3-HMAC-SHA256 as its documentation spells it out, for the baseline.
fn textbook_tc3(secret_id: &str, secret_key: &str, timestamp: i64, payload: &[u8]) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    use sha2::{Digest, Sha256};
    fn hmac(key: &[u8], data: &str) -> Vec<u8> {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
        mac.update(data.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
    let date = "2019-02-25";
    let canonical_headers = "content-type:application/json; charset=utf-8\nhost:ssl.tencentcloudapi.com\nx-tc-action:submitcertificateinformation\n";
    let signed_headers = "content-type;host;x-tc-action";
    let canonical_request = format!(
        "POST\n/\n\n{canonical_headers}\n{signed_headers}\n{}",
        hex::encode(Sha256::digest(payload))
    );
    let scope = format!("{date}/ssl/tc3_request");
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let secret_date = hmac(format!("TC3{secret_key}").as_bytes(), date);
    let secret_service = hmac(&secret_date, "ssl");
    let secret_signing = hmac(&secret_service, "tc3_request");
    let signature = hex::encode(hmac(&secret_signing, &string_to_sign));
    format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

criterion_group!(benches, signing);
criterion_main!(benches);
