//! Alibaba Cloud's authentication, the same for RPC and ROA requests: the ACS3
//! Authorization header, the key, the date, the signature over the request as received
//! (its raw path, canonical query, signed headers and declared body hash), the body hash
//! itself, the token of temporary keys and replay protection by nonce.

use crate::clock;
use crate::crypto::sha256_hex;
use crate::evaluation::Ctx;
use crate::http::RawRequest;
use crate::rules::ErrorAnswer;
use crate::verify_acs3::{self, Authorization};

/// An Alibaba error answer: `status` and `code`.
pub(crate) fn refuse(status: u16, code: &str, message: impl Into<String>) -> ErrorAnswer {
    ErrorAnswer {
        code: code.to_owned(),
        message: message.into(),
        status: Some(status),
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

/// Authenticates a request, in the order the vendor checks; `signature_valid` is set as soon
/// as the signature could be computed, whatever is refused afterwards.
///
/// A refusal names the header or rule that failed and what is expected, and never quotes
/// what the request carried: a header may hold a secret (a key, a token), and refusals end
/// up in test output and in CI logs. The string to sign the vendor shows on a signature
/// mismatch is the server's, and quotes nothing either: it is the algorithm and a hash of
/// the canonical request.
pub(crate) fn authenticate(
    ctx: &mut Ctx<'_>,
    req: &RawRequest,
    signature_valid: &mut bool,
) -> Result<(), ErrorAnswer> {
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
    Ok(())
}
