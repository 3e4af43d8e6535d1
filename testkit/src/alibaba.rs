//! Alibaba Cloud RPC-style behaviour: ACS3 authentication with replay protection, then the
//! action's query parameters; errors are HTTP 4xx/5xx with the vendor's JSON error body.

use serde_json::{Map, Value};

use crate::catalog::ActionId;
use crate::clock;
use crate::crypto::sha256_hex;
use crate::envelope::Envelope;
use crate::evaluation::{Ctx, Evaluation};
use crate::http::RawRequest;
use crate::params::{self, Numbering, Problem, ProblemKind, query};
use crate::rules::ErrorAnswer;
use crate::verify_acs3::{self, Authorization};

fn refuse(status: u16, code: &str, message: impl Into<String>) -> ErrorAnswer {
    ErrorAnswer {
        code: code.to_owned(),
        message: message.into(),
        status: Some(status),
    }
}

/// Checks one request addressed to Alibaba (it has `x-acs-action`).
pub(crate) fn evaluate(ctx: &mut Ctx<'_>, req: &RawRequest) -> Evaluation {
    let action = req.header_text("x-acs-action").unwrap_or_default();
    let version = req.header_text("x-acs-version").unwrap_or_default();
    let host = req.header_text("host").unwrap_or_default();
    let guess = ctx.spec.alibaba_guess(&version, &action);
    let product = guess.map_or_else(|| "unknown".to_owned(), |p| p.name.clone());
    let spec_action = guess.and_then(|p| p.actions().get(&action));
    let (known_action, idempotent) = (
        spec_action.is_some(),
        spec_action.is_some_and(|a| a.idempotent),
    );
    let id = guess
        .filter(|p| p.version == version && p.has_action(&action))
        .map(|p| ActionId {
            product: p.name.clone(),
            version: p.version.clone(),
            name: action.clone(),
        });
    let mut signature_valid = false;
    let verdict = check(ctx, req, &action, &version, &mut signature_valid);
    Evaluation {
        fingerprint: format!(
            "alibaba|{action}|{version}|{}|{}",
            verify_acs3::canonical_query(&req.query),
            String::from_utf8_lossy(&req.body)
        ),
        action,
        id,
        known_action,
        idempotent,
        signature_valid,
        verdict,
        envelope: Envelope::Alibaba { host, product },
    }
}

fn authorization(req: &RawRequest) -> Result<Authorization, ErrorAnswer> {
    let incomplete = |detail: String| {
        refuse(
            400,
            "IncompleteSignature",
            format!("The request signature does not conform to Aliyun standards: {detail}."),
        )
    };
    let value = req
        .header("authorization")
        .ok_or_else(|| incomplete("the Authorization header is missing".to_owned()))?;
    let auth = verify_acs3::parse_authorization(&value).map_err(incomplete)?;
    // The vendor insists that the host and every x-acs-* header be signed, so that none of
    // them can be altered in transit.
    let must_sign = req
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.starts_with("x-acs-"))
        .chain(["host"]);
    for name in must_sign {
        if !auth.signed_headers.iter().any(|h| h == name) {
            return Err(incomplete(format!("SignedHeaders must include `{name}`")));
        }
    }
    Ok(auth)
}

/// The vendor's checks in the order it applies them; `signature_valid` is set as soon as the
/// signature could be computed, whatever is refused afterwards.
///
/// A refusal names the header, part or rule that failed and what is expected, and never
/// quotes what the request carried: a header or a parameter may hold a secret (a key, a
/// token, a private key), and refusals end up in test output and in CI logs. The string to
/// sign the vendor shows on a signature mismatch is the server's, and quotes nothing either:
/// it is the algorithm and a hash of the canonical request.
fn check(
    ctx: &mut Ctx<'_>,
    req: &RawRequest,
    action: &str,
    version: &str,
    signature_valid: &mut bool,
) -> Result<Map<String, Value>, ErrorAnswer> {
    if req.method != "POST" {
        return Err(refuse(
            400,
            "UnsupportedHTTPMethod",
            "The HTTP method is not supported; use POST.",
        ));
    }
    let auth = authorization(req)?;
    let credential = ctx
        .config
        .alibaba_keys
        .get(&auth.access_key_id)
        .ok_or_else(|| {
            refuse(
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            )
        })?;
    for header in [
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
        "x-acs-version",
    ] {
        if !req.has_header(header) {
            return Err(refuse(
                400,
                "MissingParameter",
                format!("{header} is mandatory for this action."),
            ));
        }
    }
    let date_text = req.header_text("x-acs-date").unwrap_or_default();
    let date = clock::parse_acs_date(&date_text).ok_or_else(|| {
        refuse(
            400,
            "InvalidTimeStamp.Format",
            "Specified time stamp or date value is not well formatted: x-acs-date must be UTC in ISO 8601, YYYY-MM-DDTHH:MM:SSZ.",
        )
    })?;
    let computed = verify_acs3::compute(req, &auth, &credential.secret);
    let body_matches = req.header_text("x-acs-content-sha256") == Some(sha256_hex(&req.body));
    let signature_matches = computed.signature == auth.signature;
    *signature_valid = signature_matches && body_matches;
    if !signature_matches {
        // What the server signed, for whoever debugs a client with tracing enabled.
        tracing::debug!(
            canonical_request = %String::from_utf8_lossy(&computed.canonical_request),
            "testkit ACS3 signature mismatch"
        );
    }
    if date.abs_diff(ctx.now) > ctx.config.max_skew.as_secs() {
        return Err(refuse(
            400,
            "InvalidTimeStamp.Expired",
            format!(
                "Specified time stamp or date value is expired: x-acs-date is more than {} seconds from the server time, {}.",
                ctx.config.max_skew.as_secs(),
                clock::acs_date(ctx.now).unwrap_or_else(|| ctx.now.to_string())
            ),
        ));
    }
    if !signature_matches {
        return Err(refuse(
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{}",
                computed.string_to_sign
            ),
        ));
    }
    if !body_matches {
        return Err(refuse(
            400,
            "SignatureDoesNotMatch",
            "Specified x-acs-content-sha256 is not the hex SHA-256 of the request body.",
        ));
    }
    let token_ok = credential.token.as_ref().is_none_or(|token| {
        req.header_text("x-acs-security-token").as_deref() == Some(token.as_str())
    });
    if !token_ok {
        return Err(refuse(
            400,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "Specified SecurityToken mismatch with the AccessKey.",
        ));
    }
    let nonce = req.header_text("x-acs-signature-nonce").unwrap_or_default();
    // Replay protection: a nonce is spent by the first validly signed request that uses it,
    // whatever happens to that request afterwards (faults included).
    if !ctx
        .nonces
        .insert(format!("{}\n{nonce}", auth.access_key_id))
    {
        return Err(refuse(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        ));
    }
    if !ctx.spec.alibaba_has_version(version) {
        // The product of the action, when the spec has it, says which version to send.
        let hint = ctx
            .spec
            .alibaba_guess(version, action)
            .filter(|p| p.has_action(action))
            .map(|p| {
                format!(
                    " The action's product `{}` has version `{}`.",
                    p.name, p.version
                )
            })
            .unwrap_or_default();
        return Err(refuse(
            400,
            "InvalidVersion",
            format!(
                "Specified parameter Version is not valid: no product of this server has the API version in x-acs-version.{hint}"
            ),
        ));
    }
    let product = ctx
        .spec
        .alibaba_guess(version, action)
        .filter(|p| p.version == version && p.has_action(action))
        .ok_or_else(|| {
            refuse(
                404,
                "InvalidApi.NotFound",
                "Specified api is not found, please check your url and method: no product of this server has the action in x-acs-action at the API version in x-acs-version.",
            )
        })?;
    let spec_action = &product.actions()[action];
    let pairs = verify_acs3::decode_query(&req.query);
    let refused = |problem: Problem| {
        let message = match problem.kind {
            ProblemKind::Missing => format!("{} is mandatory for this action.", problem.path),
            ProblemKind::Unknown => format!(
                "The specified parameter `{}` is not valid for this action.",
                problem.path
            ),
            ProblemKind::Type | ProblemKind::Value => problem.message,
        };
        let code = match problem.kind {
            ProblemKind::Missing => "MissingParameter",
            _ => "InvalidParameter",
        };
        refuse(400, code, message)
    };
    let params = query::rebuild(&pairs, &spec_action.inputs, product).map_err(refused)?;
    params::check(&params, &spec_action.inputs, product, Numbering(1)).map_err(refused)?;
    Ok(params)
}
