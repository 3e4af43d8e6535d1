//! Alibaba Cloud ROA style: each action has its own method and path,
//! members travel in the path, the query, headers or a JSON body, the
//! request is signed with `ACS3-HMAC-SHA256` over the whole REST request,
//! answers are the body itself, errors carry a 4xx/5xx status.

use std::time::SystemTime;

use rand::RngExt;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName};
use serde::Serialize;
use serde_json::{Map, Value};

use super::acs3_answer;
use super::seam::{
    ErrorClass, Failure, FixedHeaders, Protocol, RawResponse, Success, Target, header_value,
};
use crate::credential_types::key::Credentials;
use crate::error::ConfigError;
use crate::service::{HttpBinding, Location};
use crate::sign::acs3::{self, Acs3Request};
use crate::sign::sha256_hex;
use crate::vendor::Vendor;

/// Alibaba Cloud ROA style; see the [module documentation](super).
#[derive(Debug)]
pub struct Acs3Roa {
    version: String,
    base_url: String,
    host: String,
    headers: FixedHeaders,
}

/// A REST request in wire form. Path and query are encoded once, exactly
/// as signed, so the server sees what was signed; every attempt signs the
/// same bytes again with a fresh date and nonce.
#[derive(Debug)]
pub struct RestRequest {
    method: reqwest::Method,
    /// The path with every member segment percent-encoded.
    path: String,
    query: Vec<(String, String)>,
    canonical_query: String,
    /// Members that travel as headers, by lowercase name.
    headers: Vec<(HeaderName, String)>,
    /// The body and its content type; empty when no member travels in it.
    body: Option<(bytes::Bytes, &'static str)>,
    body_sha256: String,
}

impl Protocol for Acs3Roa {
    const VENDOR: Vendor = Vendor::Alibaba;

    type Encoded = RestRequest;

    fn new(target: &Target<'_>) -> Result<Self, ConfigError> {
        // Checked here so that every attempt can join base and path safely.
        target.url()?;
        let mut headers = FixedHeaders::default();
        headers.put("host", target.host)?;
        headers.put("accept", "application/json")?;
        headers.put("x-acs-version", target.version)?;
        Ok(Acs3Roa {
            version: target.version.to_owned(),
            base_url: target.base_url.to_owned(),
            host: target.host.to_owned(),
            headers,
        })
    }

    fn encode<R: Serialize + ?Sized>(
        &self,
        http: Option<&'static HttpBinding>,
        request: &R,
    ) -> Result<Self::Encoded, String> {
        let http = http.ok_or(
            "a ROA action needs its HTTP method and path, which only generated actions have",
        )?;
        let members = match serde_json::to_value(request).map_err(|e| e.to_string())? {
            Value::Object(members) => members,
            _ => return Err("parameters must form an object".into()),
        };
        let mut path_values = Map::new();
        let mut query = Vec::new();
        let mut headers = Vec::new();
        let mut body = Map::new();
        let mut payload = None;
        for (name, value) in members {
            if value.is_null() {
                continue;
            }
            match http.input_location(&name) {
                Location::Path => {
                    path_values.insert(name, value);
                }
                Location::Query => query.push((name, text(value))),
                Location::Header => {
                    let header = HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
                        .map_err(|_| format!("`{name}` is not a valid header name"))?;
                    headers.push((header, text(value)));
                }
                Location::Body => {
                    body.insert(name, value);
                }
                Location::Payload => payload = Some(text(value)),
            }
        }
        let path = fill_path(http.path, &path_values)?;
        let body = match (payload, body.is_empty()) {
            (Some(text), true) => Some((bytes::Bytes::from(text), "application/octet-stream")),
            (Some(_), false) => {
                return Err("a payload and body members cannot travel together".into());
            }
            (None, false) => Some((
                bytes::Bytes::from(serde_json::to_vec(&body).map_err(|e| e.to_string())?),
                "application/json; charset=utf-8",
            )),
            (None, true) => None,
        };
        let body_sha256 = sha256_hex(body.as_ref().map_or(&[][..], |(bytes, _)| bytes));
        let method = reqwest::Method::from_bytes(http.method.as_bytes())
            .map_err(|_| format!("`{}` is not an HTTP method", http.method))?;
        Ok(RestRequest {
            method,
            path,
            canonical_query: acs3::canonical_query(&query),
            query,
            headers,
            body,
            body_sha256,
        })
    }

    fn sign(
        &self,
        action: &str,
        rest: &Self::Encoded,
        credentials: &Credentials,
        now: SystemTime,
    ) -> Result<reqwest::Request, Failure> {
        let date = crate::clock::utc_text(now);
        // A fresh nonce per attempt: the server rejects a reused one as a replay.
        let nonce = hex::encode(rand::rng().random::<[u8; 16]>());
        let mut signed = vec![
            ("host", self.host.as_str()),
            ("x-acs-action", action),
            ("x-acs-content-sha256", rest.body_sha256.as_str()),
            ("x-acs-date", date.as_str()),
            ("x-acs-signature-nonce", nonce.as_str()),
            ("x-acs-version", self.version.as_str()),
        ];
        if let Some((_, content_type)) = &rest.body {
            signed.push(("content-type", content_type));
        }
        if let Some(token) = credentials.token() {
            signed.push(("x-acs-security-token", token));
        }
        // ACS3 signs every `x-acs-*` header, members' included.
        let member_headers = rest
            .headers
            .iter()
            .filter(|(name, _)| name.as_str().starts_with("x-acs-"))
            .map(|(name, value)| (name.as_str(), value.as_str()));
        let mut to_sign_headers = signed.clone();
        to_sign_headers.extend(member_headers);
        let to_sign = Acs3Request {
            method: rest.method.as_str(),
            canonical_uri: &rest.path,
            query: &rest.query,
            headers: &to_sign_headers,
            payload_hash: &rest.body_sha256,
        };
        let signature = acs3::sign(credentials.id(), credentials.secret(), &to_sign);
        let mut url = format!("{}{}", self.base_url, rest.path);
        if !rest.canonical_query.is_empty() {
            url.push('?');
            url.push_str(&rest.canonical_query);
        }
        let url = reqwest::Url::parse(&url).map_err(|e| Failure::Transport {
            kind: crate::error::TransportKind::Other,
            may_have_reached_server: false,
            source: Some(format!("the request URL is not valid: {e}").into()),
        })?;
        let mut request = self.headers.request_to(rest.method.clone(), url);
        let headers = request.headers_mut();
        // Members first: a member named like a signed header cannot replace it.
        for (name, value) in &rest.headers {
            headers.insert(name.clone(), header_value(value, false)?);
        }
        // `host` and `x-acs-version` are among the fixed headers already.
        for (name, value) in &signed[1..] {
            if *name == "x-acs-version" {
                continue;
            }
            let name = if *name == "content-type" {
                CONTENT_TYPE
            } else {
                HeaderName::from_static(name)
            };
            let sensitive = name == "x-acs-security-token";
            headers.insert(name, header_value(value, sensitive)?);
        }
        headers.insert(
            AUTHORIZATION,
            header_value(&signature.authorization, false)?,
        );
        if let Some((body, _)) = &rest.body {
            *request.body_mut() = Some(body.clone().into());
        }
        Ok(request)
    }

    fn decode(
        response: RawResponse,
        http: Option<&'static HttpBinding>,
    ) -> Result<Success, Failure> {
        let request_id = acs3_answer::request_id(&response.headers);
        if !(200..300).contains(&response.status) {
            return Err(acs3_answer::error::<Self>(&response, request_id));
        }
        let outputs = http.map_or(&[][..], |http| http.output);
        let mut object = match outputs.iter().find(|(_, l)| *l == Location::Payload) {
            Some((name, _)) => match std::str::from_utf8(&response.body) {
                Ok(text) => Map::from_iter([(name.to_string(), Value::from(text))]),
                Err(_) => {
                    return Err(Failure::malformed(
                        &response,
                        request_id,
                        "expected a body of UTF-8 text".into(),
                    ));
                }
            },
            // Actions that answer nothing but their status send no body (204).
            None if response.body.iter().all(u8::is_ascii_whitespace) => Map::new(),
            None => match serde_json::from_slice::<Value>(&response.body) {
                Ok(Value::Object(object)) => object,
                Ok(_) => {
                    return Err(Failure::malformed(
                        &response,
                        request_id,
                        "expected a JSON object".into(),
                    ));
                }
                Err(e) => {
                    return Err(Failure::malformed(
                        &response,
                        request_id,
                        format!("expected a JSON object: {e}"),
                    ));
                }
            },
        };
        for (name, location) in outputs {
            if *location != Location::Header {
                continue;
            }
            if let Some(value) = response.headers.get(*name).and_then(|v| v.to_str().ok()) {
                object.insert(name.to_string(), Value::from(value));
            }
        }
        // The request ID travels as a header, or in the body as some
        // products spell it; every answer type reads it as `RequestId`.
        let request_id = request_id.or_else(|| {
            ["requestId", "request_id"]
                .iter()
                .find_map(|key| object.get(*key)?.as_str().map(str::to_owned))
        });
        if let Some(id) = &request_id {
            object
                .entry("RequestId")
                .or_insert_with(|| Value::from(id.as_str()));
        }
        let payload = serde_json::value::to_raw_value(&object)
            .map_err(|e| Failure::malformed(&response, request_id.clone(), format!("{e}")))?;
        Ok(Success {
            payload,
            http_status: response.status,
            request_id,
        })
    }

    fn classify(code: &str) -> ErrorClass {
        acs3_answer::classify(code)
    }

    fn is_clock_skew(code: &str) -> bool {
        acs3_answer::is_clock_skew(code)
    }
}

/// A member's value as one query or header value: text as it is, numbers
/// and booleans as JSON writes them, lists and objects as their JSON text.
fn text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => other.to_string(),
    }
}

/// The path template with each `{name}` replaced by the member's encoded value.
fn fill_path(template: &str, values: &Map<String, Value>) -> Result<String, String> {
    let mut path = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|i| start + i)
            .ok_or_else(|| format!("the path template `{template}` has an unclosed `{{`"))?;
        path.push_str(&rest[..start]);
        let name = &rest[start + 1..end];
        let value = values
            .get(name)
            .ok_or_else(|| format!("the path member `{name}` has no value"))?;
        let value = text(value.clone());
        if value.is_empty() {
            return Err(format!("the path member `{name}` is empty"));
        }
        path.push_str(&acs3::percent_encode(&value));
        rest = &rest[end + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    static BINDING: HttpBinding = HttpBinding {
        method: "PUT",
        path: "/2023-03-30/custom-domains/{domainName}",
        input: &[
            ("domainName", Location::Path),
            ("qualifier", Location::Query),
            ("x-fc-log-type", Location::Header),
        ],
        output: &[("x-fc-code-checksum", Location::Header)],
    };

    fn protocol() -> Acs3Roa {
        Acs3Roa::new(&Target {
            product: "fc",
            version: "2023-03-30",
            base_url: "https://fcv3.cn-hangzhou.aliyuncs.com",
            host: "fcv3.cn-hangzhou.aliyuncs.com",
            region: None,
            language: None,
        })
        .unwrap()
    }

    #[test]
    fn members_go_where_the_binding_says() {
        let request = serde_json::json!({
            "domainName": "a b/c.example.com",
            "qualifier": "LATEST",
            "x-fc-log-type": "Tail",
            "protocol": "HTTPS",
            "certConfig": {"certName": "c"},
            "absent": null
        });
        let rest = protocol().encode(Some(&BINDING), &request).unwrap();
        assert_eq!(rest.method, reqwest::Method::PUT);
        assert_eq!(
            rest.path,
            "/2023-03-30/custom-domains/a%20b%2Fc.example.com"
        );
        assert_eq!(rest.canonical_query, "qualifier=LATEST");
        assert_eq!(rest.headers[0].0.as_str(), "x-fc-log-type");
        let (body, content_type) = rest.body.unwrap();
        assert_eq!(content_type, "application/json; charset=utf-8");
        assert_eq!(
            serde_json::from_slice::<Value>(&body).unwrap(),
            serde_json::json!({"protocol": "HTTPS", "certConfig": {"certName": "c"}})
        );
        assert_eq!(rest.body_sha256, sha256_hex(&body));
    }

    #[test]
    fn a_missing_path_member_is_an_encoding_error() {
        let error = protocol()
            .encode(Some(&BINDING), &serde_json::json!({"qualifier": "1"}))
            .unwrap_err();
        assert_eq!(error, "the path member `domainName` has no value");
        let error = protocol().encode(None, &serde_json::json!({})).unwrap_err();
        assert!(error.contains("method and path"), "{error}");
    }

    #[test]
    fn answers_gain_header_members_and_the_request_id() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-acs-request-id", "1-abc".parse().unwrap());
        headers.insert("x-fc-code-checksum", "123".parse().unwrap());
        let success = Acs3Roa::decode(
            RawResponse {
                status: 200,
                headers,
                body: bytes::Bytes::from_static(br#"{"domainName":"x"}"#),
            },
            Some(&BINDING),
        )
        .unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(success.payload.get()).unwrap(),
            serde_json::json!({"domainName": "x", "x-fc-code-checksum": "123", "RequestId": "1-abc"})
        );
        let empty = Acs3Roa::decode(
            RawResponse {
                status: 204,
                headers: Default::default(),
                body: bytes::Bytes::new(),
            },
            Some(&BINDING),
        )
        .unwrap();
        assert_eq!(empty.payload.get(), "{}");
    }

    #[test]
    fn a_request_id_in_the_body_is_read_where_no_header_carries_one() {
        let success = Acs3Roa::decode(
            RawResponse {
                status: 200,
                headers: Default::default(),
                body: bytes::Bytes::from_static(br#"{"requestId":"in-body","name":"x"}"#),
            },
            Some(&BINDING),
        )
        .unwrap();
        assert_eq!(success.request_id.as_deref(), Some("in-body"));
        let payload: Value = serde_json::from_str(success.payload.get()).unwrap();
        assert_eq!(payload["RequestId"], "in-body");
    }

    #[test]
    fn errors_are_read_in_either_spelling() {
        for body in [
            &br#"{"Code":"DomainNameNotFound","Message":"no","RequestId":"r"}"#[..],
            &br#"{"code":"DomainNameNotFound","message":"no","requestId":"r"}"#[..],
        ] {
            let failure = Acs3Roa::decode(
                RawResponse {
                    status: 404,
                    headers: Default::default(),
                    body: bytes::Bytes::copy_from_slice(body),
                },
                Some(&BINDING),
            )
            .unwrap_err();
            let Failure::Service {
                code, request_id, ..
            } = failure
            else {
                panic!("expected a service error");
            };
            assert_eq!(code, "DomainNameNotFound");
            assert_eq!(request_id.as_deref(), Some("r"));
        }
    }
}
