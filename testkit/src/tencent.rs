//! Tencent Cloud API 3.0 behaviour: TC3 authentication, then the action's parameters;
//! every answer is HTTP 200 with a JSON object under `Response`.

use serde_json::{Map, Value};

use crate::catalog::ActionId;
use crate::clock;
use crate::envelope::Envelope;
use crate::evaluation::{Ctx, Evaluation};
use crate::http::RawRequest;
use crate::params::{self, Numbering, ProblemKind};
use crate::rules::ErrorAnswer;
use crate::verify_tc3::{self, Authorization};

fn refuse(code: &str, message: impl Into<String>) -> ErrorAnswer {
    ErrorAnswer {
        code: code.to_owned(),
        message: message.into(),
        status: None,
    }
}

/// Checks one request addressed to Tencent (it has `X-TC-Action`).
pub(crate) fn evaluate(ctx: &mut Ctx<'_>, req: &RawRequest) -> Evaluation {
    let action = req.header_text("x-tc-action").unwrap_or_default();
    let auth = req
        .header("authorization")
        .map(|v| verify_tc3::parse_authorization(&v));
    let service = auth
        .as_ref()
        .and_then(|a| a.as_ref().ok())
        .map(|a| a.service.as_str());
    let spec_action = ctx.spec.tencent_action(service, &action);
    let (known_action, idempotent) = (
        spec_action.is_some(),
        spec_action.is_some_and(|a| a.idempotent),
    );
    let id = service
        .and_then(|s| ctx.spec.tencent_product(s))
        .filter(|p| p.has_action(&action))
        .map(|p| ActionId {
            product: p.name.clone(),
            version: p.version.clone(),
            name: action.clone(),
        });
    let mut signature_valid = false;
    let verdict = check(ctx, req, &action, auth.as_ref(), &mut signature_valid);
    Evaluation {
        fingerprint: fingerprint(req, &action),
        action,
        id,
        known_action,
        idempotent,
        signature_valid,
        verdict,
        envelope: Envelope::Tencent,
    }
}

/// Action, version, region and the body with keys in a canonical order; timestamp, nonce-like
/// and signature headers are left out so that retries of one call compare equal.
fn fingerprint(req: &RawRequest, action: &str) -> String {
    let version = req.header_text("x-tc-version").unwrap_or_default();
    let region = req.header_text("x-tc-region").unwrap_or_default();
    let body = match serde_json::from_slice::<Value>(&req.body) {
        Ok(v) => {
            let mut out = String::new();
            write_sorted(&v, &mut out);
            out
        }
        Err(_) => String::from_utf8_lossy(&req.body).into_owned(),
    };
    format!("tencent|{action}|{version}|{region}|{body}")
}

/// Serializes `v` with object keys sorted, explicitly: serde_json keeps insertion order when
/// another crate of the workspace enables its `preserve_order` feature.
fn write_sorted(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_sorted(value, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The vendor's checks in the order it applies them; `signature_valid` is set as soon as the
/// signature could be computed, whatever is refused afterwards.
///
/// A refusal names the header, part or rule that failed and what is expected, and never
/// quotes what the request carried: a header or a parameter may hold a secret (a key, a
/// token, a private key), and refusals end up in test output and in CI logs.
fn check(
    ctx: &mut Ctx<'_>,
    req: &RawRequest,
    action: &str,
    auth: Option<&Result<Authorization, String>>,
    signature_valid: &mut bool,
) -> Result<Map<String, Value>, ErrorAnswer> {
    const INVALID_AUTH: &str = "AuthFailure.InvalidAuthorization";
    if req.method != "POST" {
        return Err(refuse(
            "UnsupportedProtocol",
            "The HTTP method is not supported; use POST.",
        ));
    }
    let auth = match auth {
        None => return Err(refuse(INVALID_AUTH, "The Authorization header is missing.")),
        Some(Err(e)) => {
            return Err(refuse(
                INVALID_AUTH,
                format!("The Authorization header is malformed: {e}."),
            ));
        }
        Some(Ok(a)) => a,
    };
    for needed in ["content-type", "host"] {
        if !auth.signed_headers.iter().any(|h| h == needed) {
            return Err(refuse(
                INVALID_AUTH,
                format!("SignedHeaders must include `{needed}`."),
            ));
        }
    }
    let credential = ctx
        .config
        .tencent_keys
        .get(&auth.secret_id)
        .ok_or_else(|| {
            refuse(
                "AuthFailure.SecretIdNotFound",
                "The SecretId is not found, please ensure that your SecretId is correct.",
            )
        })?;
    let timestamp_text = req.header_text("x-tc-timestamp").ok_or_else(|| {
        refuse(
            "MissingParameter",
            "The request is missing a required parameter `Timestamp` (header X-TC-Timestamp).",
        )
    })?;
    let timestamp: i64 = Some(&timestamp_text)
        .filter(|t| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()))
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| {
            refuse(
                "InvalidParameter",
                format!(
                    "X-TC-Timestamp must be a Unix time in whole seconds, in decimal digits (the server's is {}).",
                    ctx.now
                ),
            )
        })?;
    let computed = verify_tc3::compute(req, auth, &timestamp_text, &credential.secret);
    let date_matches = clock::utc_date(timestamp).as_deref() == Some(auth.date.as_str());
    let signature_matches = computed.signature == auth.signature;
    *signature_valid = date_matches && signature_matches;
    if !signature_matches {
        // What the server signed, for whoever debugs a client with tracing enabled.
        tracing::debug!(
            canonical_request = %String::from_utf8_lossy(&computed.canonical_request),
            string_to_sign = %computed.string_to_sign,
            "testkit TC3 signature mismatch"
        );
    }
    if timestamp.abs_diff(ctx.now) > ctx.config.max_skew.as_secs() {
        return Err(refuse(
            "AuthFailure.SignatureExpire",
            format!(
                "Signature expired: X-TC-Timestamp is more than {} seconds from the server time, {}.",
                ctx.config.max_skew.as_secs(),
                ctx.now
            ),
        ));
    }
    if !date_matches {
        return Err(refuse(
            "AuthFailure.SignatureFailure",
            "The date of the Credential scope is not the UTC date (YYYY-MM-DD) of X-TC-Timestamp.",
        ));
    }
    if !signature_matches {
        return Err(refuse(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated. Please check your signature is correct.",
        ));
    }
    let token_ok = credential
        .token
        .as_ref()
        .is_none_or(|token| req.header_text("x-tc-token").as_deref() == Some(token.as_str()));
    if !token_ok {
        return Err(refuse(
            "AuthFailure.TokenFailure",
            "The X-TC-Token is missing or does not belong to this SecretId.",
        ));
    }
    let product = ctx.spec.tencent_product(&auth.service).ok_or_else(|| {
        refuse(
            "NoSuchProduct",
            "The product named by the service of the Credential scope does not exist.",
        )
    })?;
    let version = req.header_text("x-tc-version").ok_or_else(|| {
        refuse(
            "MissingParameter",
            "The request is missing a required parameter `Version` (header X-TC-Version).",
        )
    })?;
    if version != product.version {
        return Err(refuse(
            "NoSuchVersion",
            format!(
                "X-TC-Version is not an API version of product `{}`, whose version is `{}`.",
                product.name, product.version
            ),
        ));
    }
    let spec_action = product.actions().get(action).ok_or_else(|| {
        refuse(
            "InvalidAction",
            format!(
                "The action in X-TC-Action does not exist in product `{}`.",
                product.name
            ),
        )
    })?;
    let params = match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(map)) => map,
        _ => {
            return Err(refuse(
                "InvalidParameter",
                "The request body must be a JSON object.",
            ));
        }
    };
    params::check(&params, &spec_action.inputs, product, Numbering(0)).map_err(|problem| {
        let code = match problem.kind {
            ProblemKind::Missing => "MissingParameter",
            ProblemKind::Unknown => "UnknownParameter",
            ProblemKind::Type => "InvalidParameter",
            ProblemKind::Value => "InvalidParameterValue",
        };
        refuse(code, problem.message)
    })?;
    Ok(params)
}
