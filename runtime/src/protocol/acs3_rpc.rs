//! Alibaba Cloud RPC style: parameters in the query string,
//! `ACS3-HMAC-SHA256`, answers as top-level JSON, errors with a 4xx/5xx status.

use std::time::SystemTime;

use rand::RngExt;
use reqwest::header::{AUTHORIZATION, HeaderName};
use serde::Serialize;
use serde_json::value::RawValue;

use super::acs3_answer;
use super::seam::{
    ErrorClass, Failure, FixedHeaders, Protocol, RawResponse, Success, Target, header_value,
};
use crate::credential_types::key::Credentials;
use crate::error::ConfigError;
use crate::query;
use crate::service::HttpBinding;
use crate::sign::acs3::{self, Acs3Request};
use crate::vendor::Vendor;

/// SHA-256 of the empty body: RPC requests carry everything in the query.
const EMPTY_BODY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Alibaba Cloud RPC style; see the [module documentation](super).
#[derive(Debug)]
pub struct Acs3Rpc {
    version: String,
    url: reqwest::Url,
    host: String,
    headers: FixedHeaders,
}

/// An RPC request: its parameters, and their canonical (encoded, sorted)
/// query string, which is both what is signed and what the URL carries, so
/// the server sees exactly what was signed.
#[derive(Debug)]
pub struct Query {
    pairs: Vec<(String, String)>,
    canonical: String,
}

impl Protocol for Acs3Rpc {
    const VENDOR: Vendor = Vendor::Alibaba;

    type Encoded = Query;

    fn new(target: &Target<'_>) -> Result<Self, ConfigError> {
        let mut headers = FixedHeaders::default();
        headers.put("host", target.host)?;
        headers.put("accept", "application/json")?;
        headers.put("x-acs-version", target.version)?;
        Ok(Acs3Rpc {
            version: target.version.to_owned(),
            url: target.url()?,
            host: target.host.to_owned(),
            headers,
        })
    }

    fn encode<R: Serialize + ?Sized>(
        &self,
        _http: Option<&'static HttpBinding>,
        request: &R,
    ) -> Result<Self::Encoded, String> {
        let pairs = query::to_pairs(request).map_err(|e| e.to_string())?;
        Ok(Query {
            canonical: acs3::canonical_query(&pairs),
            pairs,
        })
    }

    fn sign(
        &self,
        action: &str,
        query: &Self::Encoded,
        credentials: &Credentials,
        now: SystemTime,
    ) -> Result<reqwest::Request, Failure> {
        let date = crate::clock::utc_text(now);
        // A fresh nonce per attempt: the server rejects a reused one as a replay.
        let nonce = hex::encode(rand::rng().random::<[u8; 16]>());
        let mut signed = vec![
            ("host", self.host.as_str()),
            ("x-acs-action", action),
            ("x-acs-content-sha256", EMPTY_BODY_SHA256),
            ("x-acs-date", date.as_str()),
            ("x-acs-signature-nonce", nonce.as_str()),
            ("x-acs-version", self.version.as_str()),
        ];
        if let Some(token) = credentials.token() {
            signed.push(("x-acs-security-token", token));
        }
        let to_sign = Acs3Request {
            method: "POST",
            canonical_uri: "/",
            query: &query.pairs,
            headers: &signed,
            payload_hash: EMPTY_BODY_SHA256,
        };
        let signature = acs3::sign(credentials.id(), credentials.secret(), &to_sign);
        let mut url = self.url.clone();
        if !query.canonical.is_empty() {
            url.set_query(Some(&query.canonical));
        }
        let mut request = self.headers.request(url);
        let headers = request.headers_mut();
        // `host` and `x-acs-version` are among the fixed headers already.
        for (name, value) in &signed[1..] {
            if *name != "x-acs-version" {
                let sensitive = *name == "x-acs-security-token";
                headers.insert(
                    HeaderName::from_static(name),
                    header_value(value, sensitive)?,
                );
            }
        }
        headers.insert(
            AUTHORIZATION,
            header_value(&signature.authorization, false)?,
        );
        Ok(request)
    }

    fn decode(
        response: RawResponse,
        _http: Option<&'static HttpBinding>,
    ) -> Result<Success, Failure> {
        let request_id = acs3_answer::request_id(&response.headers);
        if !(200..300).contains(&response.status) {
            return Err(acs3_answer::error::<Self>(&response, request_id));
        }
        if response.body.is_empty() {
            return Err(Failure::malformed(
                &response,
                request_id,
                "expected a JSON body, got none".into(),
            ));
        }
        match serde_json::from_slice::<Box<RawValue>>(&response.body) {
            Ok(payload) => Ok(Success {
                payload,
                http_status: response.status,
                request_id,
            }),
            Err(e) => Err(Failure::malformed(
                &response,
                request_id,
                format!("expected a JSON object: {e}"),
            )),
        }
    }

    fn classify(code: &str) -> ErrorClass {
        acs3_answer::classify(code)
    }

    fn is_clock_skew(code: &str) -> bool {
        acs3_answer::is_clock_skew(code)
    }
}
