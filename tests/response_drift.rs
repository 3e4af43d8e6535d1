//! A corpus of answers that drift from the documented types: each is read
//! through the same decoder as a call, into the generated response types.
//! Tolerated drifts give the documented value; unreadable values are still
//! a typed `MalformedResponse`. Each drift is logged once per field, at
//! debug level, with the action and the field, never the value.

use std::io::Write;
use std::sync::{Arc, Mutex};

use cloudapi::Error;
use cloudapi::alibaba::cas::{
    self, CreateCertificateWithCsrRequestError, CreateCertificateWithCsrRequestOutput,
};
use cloudapi::runtime::decode_response;
use cloudapi::runtime::protocol::{Acs3Rpc, Tc3Json};
use cloudapi::tencent::ssl::*;

fn order(body: &str) -> Result<CertificateOrderSubmitResponse, Error<CertificateOrderSubmitError>> {
    decode_response::<Tc3Json, _, _>(
        &certificate_order_submit::ACTION,
        200,
        format!(r#"{{"Response": {body}}}"#).as_bytes(),
    )
}

fn update(
    body: &str,
) -> Result<UploadUpdateCertificateInstanceResponse, Error<UploadUpdateCertificateInstanceError>> {
    decode_response::<Tc3Json, _, _>(
        &upload_update_certificate_instance::ACTION,
        200,
        format!(r#"{{"Response": {body}}}"#).as_bytes(),
    )
}

fn create(body: &str) -> Result<CreateCertificateResponse, Error<CreateCertificateError>> {
    decode_response::<Tc3Json, _, _>(
        &create_certificate::ACTION,
        200,
        format!(r#"{{"Response": {body}}}"#).as_bytes(),
    )
}

fn csr(
    body: &str,
) -> Result<CreateCertificateWithCsrRequestOutput, Error<CreateCertificateWithCsrRequestError>> {
    decode_response::<Acs3Rpc, _, _>(
        &cas::create_certificate_with_csr_request::ACTION,
        200,
        body.as_bytes(),
    )
}

const ORDER: &str = r#""OrderId": "SO1", "RequestId": "r""#;

/// Tests of this file run one at a time: drifts are logged once per
/// process, and one test captures the log.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn tolerated_drifts_read_as_documented() {
    let _serial = serial();
    let documented = order(&format!(r#"{{{ORDER}, "Status": 8, "IsAudited": true}}"#)).unwrap();
    let same = |body: &str| {
        assert_eq!(
            order(&format!("{{{ORDER}, {body}}}")).unwrap(),
            documented,
            "{body}"
        )
    };
    // 1–9: integer enum and boolean, in every spelling services use.
    same(r#""Status": "8", "IsAudited": true"#);
    same(r#""Status": " 8 ", "IsAudited": true"#);
    same(r#""Status": 8.0, "IsAudited": true"#);
    same(r#""Status": 8, "IsAudited": 1"#);
    same(r#""Status": 8, "IsAudited": "true""#);
    same(r#""Status": 8, "IsAudited": "TRUE""#);
    same(r#""Status": 8, "IsAudited": "1""#);
    same(r#""Status": "8", "IsAudited": "True""#);
    let not = order(&format!(r#"{{{ORDER}, "Status": 8, "IsAudited": 0}}"#)).unwrap();
    assert!(!not.is_audited);
    let not = order(&format!(
        r#"{{{ORDER}, "Status": 8, "IsAudited": "false"}}"#
    ))
    .unwrap();
    assert!(!not.is_audited);

    // 10–11: a string sent as a number, and the request ID too.
    let numeric =
        order(r#"{"OrderId": 12345, "Status": 8, "IsAudited": true, "RequestId": "r"}"#).unwrap();
    assert_eq!(numeric.order_id, "12345");
    let id =
        order(r#"{"OrderId": "SO1", "Status": 8, "IsAudited": true, "RequestId": 77}"#).unwrap();
    assert_eq!(id.request_id, "77");

    // 12–13: lists sent as null.
    let empty = create(r#"{"CertificateIds": null, "DealIds": null, "RequestId": "r"}"#).unwrap();
    assert!(empty.certificate_ids.is_empty() && empty.deal_ids.is_empty());
    let ids = create(r#"{"CertificateIds": ["a", 2], "DealIds": [], "RequestId": "r"}"#).unwrap();
    assert_eq!(ids.certificate_ids, ["a", "2"]);

    // 14–17: nested shapes: numbers as strings deep in lists of objects, null lists inside.
    let nested = update(
        r#"{"DeployRecordId": "1001", "DeployStatus": "1", "RequestId": "r",
            "UpdateSyncProgress": [{"ResourceType": "clb", "Status": "1",
              "UpdateSyncProgressRegions": [{"Region": "ap-guangzhou", "TotalCount": "3", "OffsetCount": 2.0, "Status": 0}]}]}"#,
    )
    .unwrap();
    assert_eq!(nested.deploy_record_id, 1001);
    assert_eq!(nested.deploy_status, DeployStatus::Created);
    let region = &nested.update_sync_progress.as_ref().unwrap()[0]
        .update_sync_progress_regions
        .as_ref()
        .unwrap()[0];
    assert_eq!(
        (region.total_count, region.offset_count),
        (Some(3), Some(2))
    );
    let nulls = update(r#"{"DeployRecordId": 1, "DeployStatus": 0, "RequestId": "r", "UpdateSyncProgress": [{"UpdateSyncProgressRegions": null}]}"#).unwrap();
    assert_eq!(
        nulls.update_sync_progress.unwrap()[0].update_sync_progress_regions,
        None
    );
    let absent = update(
        r#"{"DeployRecordId": 1, "DeployStatus": 0, "RequestId": "r", "UpdateSyncProgress": null}"#,
    )
    .unwrap();
    assert_eq!(absent.update_sync_progress, None);
    let region_number = update(
        r#"{"DeployRecordId": 1, "DeployStatus": 0, "RequestId": "r",
            "UpdateSyncProgress": [{"ResourceType": 7, "UpdateSyncProgressRegions": [{"Region": 1, "TotalCount": null}]}]}"#,
    )
    .unwrap();
    assert_eq!(
        region_number.update_sync_progress.unwrap()[0]
            .resource_type
            .as_deref(),
        Some("7")
    );

    // 18–20: Alibaba, a large integer sent as a string, and undocumented members.
    assert_eq!(
        csr(r#"{"OrderId": "98987582437920968", "RequestId": "r"}"#)
            .unwrap()
            .order_id,
        98987582437920968
    );
    assert_eq!(
        csr(r#"{"OrderId": 1234.0, "RequestId": "r"}"#)
            .unwrap()
            .order_id,
        1234
    );
    assert_eq!(
        csr(r#"{"OrderId": 1, "RequestId": "r", "New": {"a": [null, "x"]}}"#)
            .unwrap()
            .order_id,
        1
    );

    // 21: a field of any JSON value takes what comes, untouched by the tolerances above.
    for data in [
        r#""[]""#,
        r#"[]"#,
        r#"{"Jobs": [{"Id": "7", "Done": 1}], "Total": 2.0}"#,
        "null",
    ] {
        let body = format!(r#"{{"Data": {data}, "RequestId": "r"}}"#);
        let answer = decode_response::<
            Acs3Rpc,
            cas::UpdateDeploymentJobStatusResponse,
            cas::UpdateDeploymentJobStatusError,
        >(
            &cas::update_deployment_job_status::ACTION,
            200,
            body.as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{data}: {e:?}"));
        let sent: serde_json::Value = serde_json::from_str(data).unwrap();
        assert_eq!(answer.data, (!sent.is_null()).then_some(sent), "{data}");
    }
}

#[test]
fn unreadable_values_are_still_malformed_responses() {
    let _serial = serial();
    let bad_orders = [
        r#"{"OrderId": "SO1", "Status": "eight", "IsAudited": true, "RequestId": "r"}"#,
        r#"{"OrderId": "SO1", "Status": 8.5, "IsAudited": true, "RequestId": "r"}"#,
        r#"{"OrderId": "SO1", "Status": 8, "IsAudited": "yes", "RequestId": "r"}"#,
        r#"{"OrderId": "SO1", "Status": 8, "IsAudited": 2, "RequestId": "r"}"#,
        r#"{"OrderId": null, "Status": 8, "IsAudited": true, "RequestId": "r"}"#,
        r#"{"OrderId": ["SO1"], "Status": 8, "IsAudited": true, "RequestId": "r"}"#,
        r#"{"OrderId": "SO1", "Status": {}, "IsAudited": true, "RequestId": "r"}"#,
        r#"{"Status": 8, "IsAudited": true, "RequestId": "r"}"#,
    ];
    for body in bad_orders {
        match order(body) {
            Err(Error::MalformedResponse(m)) => {
                assert_eq!(m.action, "CertificateOrderSubmit");
                assert!(
                    m.reason.starts_with("unexpected response shape"),
                    "{}",
                    m.reason
                );
                // The value that could not be read may be a secret in the
                // wrong place: the reason names the problem, not the value.
                assert!(!m.reason.contains("eight"), "{}", m.reason);
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    assert!(matches!(
        create(r#"{"CertificateIds": "a", "DealIds": [], "RequestId": "r"}"#),
        Err(Error::MalformedResponse(_))
    ));
    assert!(matches!(
        csr(r#"{"OrderId": "1e3x", "RequestId": "r"}"#),
        Err(Error::MalformedResponse(_))
    ));
    // A float beyond exact integers is not silently rounded.
    assert!(matches!(
        csr(r#"{"OrderId": 98987582437920968.0, "RequestId": "r"}"#),
        Err(Error::MalformedResponse(_))
    ));
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn each_drift_is_logged_once_per_field_without_its_value() {
    let _serial = serial();
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        for _ in 0..3 {
            update(
                r#"{"DeployRecordId": 424242.0, "DeployStatus": 1, "RequestId": "r",
                    "UpdateSyncProgress": [{"UpdateSyncProgressRegions": [{"Status": "1", "Region": true}, {"Status": "0", "Region": false}]}]}"#,
            )
            .unwrap();
        }
    });
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = logs.lines().filter(|l| l.contains("tolerated")).collect();
    // (Other tests of this binary log other drifts of these fields; each kind is logged once.)
    assert_eq!(lines.len(), 3, "{logs}");
    assert!(
        lines.iter().any(|l| l.contains("field=DeployRecordId")),
        "{logs}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("field=UpdateSyncProgress[].UpdateSyncProgressRegions[].Status")),
        "{logs}"
    );
    assert!(
        lines.iter().all(|l| l.contains("DEBUG")
            && l.contains("action=\"UploadUpdateCertificateInstance\"")
            || l.contains("action=UploadUpdateCertificateInstance")),
        "{logs}"
    );
    for value in ["424242", "true", "false"] {
        assert!(!logs.contains(value), "{value} logged: {logs}");
    }
}
