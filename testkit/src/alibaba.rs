//! Alibaba Cloud RPC-style behaviour: ACS3 authentication with replay protection, then the
//! action's query parameters; errors are HTTP 4xx/5xx with the vendor's JSON error body.

use serde_json::{Map, Value};

use crate::acs3_auth::{self, refuse};
use crate::catalog::{Action, ActionId, Product, Spec};
use crate::envelope::Envelope;
use crate::evaluation::{Ctx, Evaluation};
use crate::http::RawRequest;
use crate::params::{self, Numbering, Problem, ProblemKind, query};
use crate::rules::ErrorAnswer;
use crate::verify_acs3;

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

/// The vendor's RPC checks in the order it applies them; `signature_valid` is set as soon
/// as the signature could be computed, whatever is refused afterwards. A refusal names the
/// header, parameter or rule that failed, never a value the request carried (it may be a
/// secret).
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
    acs3_auth::authenticate(ctx, req, signature_valid)?;
    let (product, spec_action) = action_of(ctx.spec, version, action)?;
    let pairs = verify_acs3::decode_query(&req.query);
    let params = query::rebuild(&pairs, &spec_action.inputs, product).map_err(refused)?;
    params::check(&params, &spec_action.inputs, product, Numbering(1)).map_err(refused)?;
    Ok(params)
}

/// The product and action a request names by `x-acs-version` and `x-acs-action`, or the
/// vendor's refusal: an unknown version, or an action the product of that version lacks.
pub(crate) fn action_of<'s>(
    spec: &'s Spec,
    version: &str,
    action: &str,
) -> Result<(&'s Product, &'s Action), ErrorAnswer> {
    if !spec.alibaba_has_version(version) {
        // The product of the action, when the spec has it, says which version to send.
        let hint = spec
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
    spec.alibaba_guess(version, action)
        .filter(|p| p.version == version && p.has_action(action))
        // A product file that did not parse has its action names but not the actions.
        .and_then(|p| p.actions().get(action).map(|a| (p, a)))
        .ok_or_else(|| {
            refuse(
                404,
                "InvalidApi.NotFound",
                "Specified api is not found, please check your url and method: no product of this server has the action in x-acs-action at the API version in x-acs-version.",
            )
        })
}

/// The vendor's refusal of a parameter: `MissingParameter` for an absent one,
/// `InvalidParameter` for any other problem.
pub(crate) fn refused(problem: Problem) -> ErrorAnswer {
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
}
