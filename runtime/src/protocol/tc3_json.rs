//! Tencent Cloud API 3.0: JSON over POST, `TC3-HMAC-SHA256`, answers under
//! `Response`.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::seam::{
    ErrorClass, Failure, FixedHeaders, Protocol, RawResponse, Success, Target, header_value,
};
use crate::credential_types::key::Credentials;
use crate::error::ConfigError;
use crate::sensitive::Sensitive;
use crate::service::HttpBinding;
use crate::sign::tc3::{self, SigningKey, Tc3Request};
use crate::vendor::Vendor;

const CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// `X-TC-RequestClient`: which client sent the request, as the official SDKs report theirs.
fn request_client() -> String {
    format!(
        "SDK_RUST_{}_{}",
        crate::identity::SDK_NAME,
        env!("CARGO_PKG_VERSION")
    )
}

/// Tencent Cloud API 3.0; see the [module documentation](super).
#[derive(Debug)]
pub struct Tc3Json {
    /// The product, which is also the service of the credential scope.
    product: String,
    url: reqwest::Url,
    host: String,
    headers: FixedHeaders,
    /// The key of the current UTC day: derived once a day (three HMACs)
    /// instead of on every call, and again when the secret changes (a
    /// temporary key refreshed during the day).
    signing_key: Mutex<Option<DayKey>>,
}

/// A derived key with what it was derived from.
#[derive(Debug)]
struct DayKey {
    day: i64,
    secret: Sensitive<String>,
    key: Arc<SigningKey>,
}

impl Protocol for Tc3Json {
    const VENDOR: Vendor = Vendor::Tencent;

    /// The JSON body, shared by every attempt.
    type Encoded = bytes::Bytes;

    fn new(target: &Target<'_>) -> Result<Self, ConfigError> {
        let mut headers = FixedHeaders::default();
        headers.put("host", target.host)?;
        headers.put("content-type", CONTENT_TYPE)?;
        headers.put("x-tc-version", target.version)?;
        headers.put("x-tc-requestclient", &request_client())?;
        if let Some(region) = target.region {
            headers.put("x-tc-region", region)?;
        }
        if let Some(language) = target.language {
            headers.put("x-tc-language", language.as_str())?;
        }
        Ok(Tc3Json {
            product: target.product.to_owned(),
            url: target.url()?,
            host: target.host.to_owned(),
            headers,
            signing_key: Mutex::new(None),
        })
    }

    /// The body is the request as one JSON object; anything else (a list, a
    /// string, `null`) is refused here, since the server could only reject it.
    fn encode<R: Serialize + ?Sized>(
        &self,
        _http: Option<&'static HttpBinding>,
        request: &R,
    ) -> Result<Self::Encoded, String> {
        let body = serde_json::to_vec(request).map_err(|e| e.to_string())?;
        if body.first() != Some(&b'{') {
            return Err(
                "the parameters must be a JSON object (a struct or a map), not another JSON value"
                    .into(),
            );
        }
        Ok(body.into())
    }

    fn sign(
        &self,
        action: &str,
        body: &Self::Encoded,
        credentials: &Credentials,
        now: SystemTime,
    ) -> Result<reqwest::Request, Failure> {
        let timestamp = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or_default();
        let key = self.signing_key(credentials, timestamp);
        // Signing x-tc-action too binds the signature to the action, as Tencent's own examples do.
        let signed = [
            ("content-type", CONTENT_TYPE),
            ("host", self.host.as_str()),
            ("x-tc-action", action),
        ];
        let to_sign = Tc3Request {
            method: "POST",
            canonical_uri: "/",
            canonical_query: "",
            headers: &signed,
            payload: body,
        };
        let authorization = tc3::authorization(credentials.id(), &key, timestamp, &to_sign);
        let mut request = self.headers.request(self.url.clone());
        let headers = request.headers_mut();
        headers.insert(
            HeaderName::from_static("x-tc-action"),
            header_value(action, false)?,
        );
        headers.insert(
            HeaderName::from_static("x-tc-timestamp"),
            HeaderValue::from(timestamp),
        );
        headers.insert(AUTHORIZATION, header_value(&authorization, false)?);
        if let Some(token) = credentials.token() {
            headers.insert(
                HeaderName::from_static("x-tc-token"),
                header_value(token, true)?,
            );
        }
        *request.body_mut() = Some(body.clone().into());
        Ok(request)
    }

    /// Tencent answers everything, errors included, with HTTP 200 and
    /// `{"Response": …}`; any other status or shape comes from something in
    /// between (a proxy, a gateway).
    fn decode(
        response: RawResponse,
        _http: Option<&'static HttpBinding>,
    ) -> Result<Success, Failure> {
        let malformed = |reason: String| Failure::malformed(&response, None, reason);
        if response.status != 200 {
            return Err(malformed(format!(
                "expected HTTP 200, got {}",
                response.status
            )));
        }
        if response.body.is_empty() {
            return Err(malformed("expected a JSON body, got none".into()));
        }
        let envelope: Envelope = serde_json::from_slice(&response.body)
            .map_err(|e| malformed(format!("expected JSON with a `Response` object: {e}")))?;
        // Only a body that mentions "Error" can be an error: successes skip a parse.
        if envelope.response.get().contains("\"Error\"") {
            let probe: Probe = serde_json::from_str(envelope.response.get())
                .map_err(|e| malformed(format!("expected `Response` to be an object: {e}")))?;
            if let Some(error) = probe.error {
                return Err(Failure::service::<Self>(
                    error.code,
                    error.message,
                    probe.request_id,
                    response.status,
                ));
            }
        }
        Ok(Success {
            payload: envelope.response,
            http_status: response.status,
            request_id: None,
        })
    }

    fn classify(code: &str) -> ErrorClass {
        let throttled = code == "RequestLimitExceeded"
            || code.starts_with("RequestLimitExceeded.")
            || code == "LimitExceeded.RateLimitExceeded";
        ErrorClass::of(code, throttled)
    }

    fn is_clock_skew(code: &str) -> bool {
        code == "AuthFailure.SignatureExpire"
    }
}

impl Tc3Json {
    fn signing_key(&self, credentials: &Credentials, timestamp: i64) -> Arc<SigningKey> {
        let day = timestamp.div_euclid(86_400);
        let mut cached = self.signing_key.lock().unwrap_or_else(|e| e.into_inner());
        match cached.as_ref() {
            Some(c) if c.day == day && c.secret.expose() == credentials.secret() => {
                Arc::clone(&c.key)
            }
            _ => {
                let key = Arc::new(SigningKey::derive(
                    credentials.secret(),
                    &tc3::utc_date(timestamp),
                    &self.product,
                ));
                *cached = Some(DayKey {
                    day,
                    secret: Sensitive::new(credentials.secret().to_owned()),
                    key: Arc::clone(&key),
                });
                key
            }
        }
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "Response")]
    response: Box<RawValue>,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Error")]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestId")]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: String,
    #[serde(rename = "Message", default)]
    message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protocol() -> Tc3Json {
        Tc3Json::new(&Target {
            product: "ssl",
            version: "2019-12-05",
            base_url: "https://ssl.tencentcloudapi.com",
            host: "ssl.tencentcloudapi.com",
            region: None,
            language: None,
        })
        .unwrap()
    }

    fn authorization(protocol: &Tc3Json, credentials: &Credentials, now: SystemTime) -> String {
        let body = protocol
            .encode(None, &serde_json::json!({"Limit": 10}))
            .unwrap();
        let request = protocol
            .sign("DescribeCertificates", &body, credentials, now)
            .unwrap();
        request.headers()[AUTHORIZATION]
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn only_an_object_is_a_body() {
        let protocol = protocol();
        let body = protocol
            .encode(None, &serde_json::json!({"Limit": 10}))
            .unwrap();
        assert_eq!(&body[..], br#"{"Limit":10}"#);
        for not_an_object in [
            serde_json::json!(null),
            serde_json::json!([1]),
            serde_json::json!("Limit"),
        ] {
            let error = protocol.encode(None, &not_an_object).unwrap_err();
            assert!(error.contains("JSON object"), "{error}");
        }
    }

    #[test]
    fn a_secret_refreshed_during_the_day_signs_with_its_own_key() {
        let now = UNIX_EPOCH + std::time::Duration::from_secs(1_764_590_400);
        let first = Credentials::new("AKIDtemporary", "first secret").with_token("t1");
        let refreshed = Credentials::new("AKIDtemporary", "second secret").with_token("t2");
        let signer = protocol();
        let with_first = authorization(&signer, &first, now);
        let with_refreshed = authorization(&signer, &refreshed, now);
        assert_ne!(with_first, with_refreshed);
        // The same as a signer that never saw the first secret.
        assert_eq!(with_refreshed, authorization(&protocol(), &refreshed, now));
        // And the first secret, if it comes back, is not confused either.
        assert_eq!(with_first, authorization(&signer, &first, now));
    }
}
