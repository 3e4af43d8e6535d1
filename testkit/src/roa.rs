//! Alibaba Cloud ROA (REST) behaviour: the same ACS3 authentication as RPC, over the REST
//! request as received (its raw path is the canonical URI), then the action's method and
//! path, then its members from the path, query, headers and body; errors are HTTP 4xx/5xx
//! with the vendor's JSON error body.

use serde_json::{Map, Value};

use crate::acs3_auth::{self, refuse};
use crate::alibaba::{action_of, refused};
use crate::catalog::ActionId;
use crate::envelope::Envelope;
use crate::evaluation::{Ctx, Evaluation};
use crate::http::RawRequest;
use crate::params::{self, Numbering, rest};
use crate::rules::ErrorAnswer;
use crate::verify_acs3;

/// Checks one request addressed to an Alibaba product whose protocol is ROA.
pub(crate) fn evaluate(ctx: &mut Ctx<'_>, req: &RawRequest) -> Evaluation {
    let action = req.header_text("x-acs-action").unwrap_or_default();
    let version = req.header_text("x-acs-version").unwrap_or_default();
    let host = req.header_text("host").unwrap_or_default();
    let guess = ctx.spec.alibaba_guess(&version, &action);
    let product = guess.map_or_else(|| "unknown".to_owned(), |p| p.name.clone());
    let spec_action = guess.and_then(|p| p.actions().get(&action));
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
        // Method and path are part of the call: the same body sent elsewhere is another one.
        fingerprint: format!(
            "alibaba-roa|{action}|{version}|{} {}|{}|{}",
            req.method,
            req.path,
            verify_acs3::canonical_query(&req.query),
            String::from_utf8_lossy(&req.body)
        ),
        known_action: spec_action.is_some(),
        idempotent: spec_action.is_some_and(|a| a.idempotent),
        envelope: Envelope::AlibabaRoa {
            host,
            product,
            binding: spec_action.and_then(|a| a.http.clone()).map(Box::new),
        },
        action,
        id,
        signature_valid,
        verdict,
    }
}

/// The vendor's ROA checks in order: authentication (as for RPC), version and action, the
/// action's method and path, then the members. A refusal names the header, parameter or rule
/// that failed and what the spec expects, never a value the request carried (it may be a
/// secret): the expected method and path template are the spec's, not the request's.
fn check(
    ctx: &mut Ctx<'_>,
    req: &RawRequest,
    action: &str,
    version: &str,
    signature_valid: &mut bool,
) -> Result<Map<String, Value>, ErrorAnswer> {
    acs3_auth::authenticate(ctx, req, signature_valid)?;
    let (product, spec_action) = action_of(ctx.spec, version, action)?;
    let Some(binding) = &spec_action.http else {
        // The spec is validated before it is served; a ROA action without a binding is a bug.
        return Err(refuse(
            500,
            "InternalError",
            "testkit: the spec gives this ROA action no `http` method and path.",
        ));
    };
    if req.method != binding.method {
        return Err(refuse(
            400,
            "UnsupportedHTTPMethod",
            format!(
                "The HTTP method is not supported by this action; use {}.",
                binding.method
            ),
        ));
    }
    let members = binding.path.match_raw(&req.path).ok_or_else(|| {
        refuse(
            400,
            "PathNotSupported",
            format!(
                "The request path is not supported by this action: its path is `{}`, each `{{member}}` one percent-encoded segment.",
                binding.path.text
            ),
        )
    })?;
    let params = rest::gather(req, &members, &spec_action.inputs, product).map_err(refused)?;
    // The body is JSON, whose lists have no numbers on the wire: items are named by their
    // index, from 0.
    params::check(&params, &spec_action.inputs, product, Numbering(0)).map_err(refused)?;
    Ok(params)
}
