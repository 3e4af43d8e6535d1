//! Temporary credentials as the vendors' services send them. Each vendor
//! uses one set of field names everywhere (Alibaba: STS, the ECS metadata
//! service and a credentials URI; Tencent: STS and the CVM metadata
//! service), so each set is read in one place.

use serde::Deserialize;

use super::fetch;
use crate::credential_types::error::Problem;
use crate::credential_types::key::Credentials;
use crate::sensitive::Sensitive;

/// Alibaba Cloud's four fields.
#[derive(Deserialize)]
pub(crate) struct AlibabaTemporary {
    #[serde(rename = "AccessKeyId")]
    id: String,
    #[serde(rename = "AccessKeySecret")]
    secret: Sensitive<String>,
    #[serde(rename = "SecurityToken")]
    token: Sensitive<String>,
    #[serde(rename = "Expiration")]
    expiration: String,
}

impl AlibabaTemporary {
    /// What a reader of an unreadable answer is told was expected.
    pub(crate) const EXPECTED: &'static str =
        "JSON with AccessKeyId, AccessKeySecret, SecurityToken and Expiration";

    pub(crate) fn credentials(self) -> Result<Credentials, Problem> {
        let expiry = fetch::parse_time(&self.expiration)?;
        Ok(Credentials::new(self.id, self.secret.expose().as_str())
            .with_token(self.token.expose().as_str())
            .with_expiry(expiry))
    }
}

/// Tencent Cloud's three fields; the expiry (`ExpiredTime`, Unix seconds)
/// stands beside them in STS answers and among them in the metadata
/// service's, so the caller passes it in.
#[derive(Deserialize)]
pub(crate) struct TencentTemporary {
    #[serde(rename = "TmpSecretId")]
    id: String,
    #[serde(rename = "TmpSecretKey")]
    secret: Sensitive<String>,
    #[serde(rename = "Token")]
    token: Sensitive<String>,
}

impl TencentTemporary {
    pub(crate) fn credentials(self, expired_time: i64) -> Result<Credentials, Problem> {
        let expiry = fetch::unix_time(expired_time)?;
        Ok(Credentials::new(self.id, self.secret.expose().as_str())
            .with_token(self.token.expose().as_str())
            .with_expiry(expiry))
    }
}

/// The `Code` a metadata service or credentials URI sends beside the
/// credentials: anything but `Success` is a refusal. The code is quoted only
/// if it looks like one (letters, digits, dots, underscores); it is not a
/// secret, but anything else in that place might be.
pub(crate) fn success(code: &str) -> Result<(), Problem> {
    if code == "Success" {
        return Ok(());
    }
    let looks_like_a_code = !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
    let shown = if looks_like_a_code {
        code
    } else {
        "(not shown)"
    };
    Err(Problem::Refused(format!(
        "the service answered Code {shown}"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_quoted_only_when_they_look_like_codes() {
        assert!(success("Success").is_ok());
        let refused = |code: &str| match success(code) {
            Err(Problem::Refused(why)) => why,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused("Forbidden.Role_Missing"),
            "the service answered Code Forbidden.Role_Missing"
        );
        assert_eq!(refused(""), "the service answered Code (not shown)");
        assert_eq!(
            refused("AKID secret"),
            "the service answered Code (not shown)"
        );
        assert_eq!(
            refused(&"A".repeat(65)),
            "the service answered Code (not shown)"
        );
    }

    #[test]
    fn both_vendors_fields_read_into_expiring_credentials() {
        let alibaba: AlibabaTemporary = serde_json::from_str(
            r#"{"AccessKeyId":"STS.id","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2030-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        let alibaba = alibaba.credentials().unwrap();
        assert_eq!(alibaba.id(), "STS.id");
        assert!(alibaba.expiry().is_some());

        let tencent: TencentTemporary =
            serde_json::from_str(r#"{"TmpSecretId":"AKID","TmpSecretKey":"s","Token":"t"}"#)
                .unwrap();
        let tencent = tencent.credentials(1_893_456_000).unwrap();
        assert_eq!(tencent.id(), "AKID");
        assert_eq!(
            tencent.expiry(),
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_456_000))
        );
    }
}
