//! What the state the server keeps makes of an accepted request that no test rule
//! answers: the vendor's not-found error for a resource it does not know
//! ([`crate::resources`]), or the answer of a DNS records action ([`crate::records`]).
//! `None` leaves the spec's example answer.

use serde_json::{Map, Value};

use crate::catalog::{Action, Product};
use crate::protocol::Protocol;
use crate::records::Call;
use crate::rules::ErrorAnswer;
use crate::state::State;

/// The answer the kept state gives `params` of `action`, if any.
pub(crate) fn answer(
    state: &mut State,
    protocol: Protocol,
    product: &Product,
    action: &Action,
    params: &Map<String, Value>,
) -> Option<Result<Value, ErrorAnswer>> {
    if let Some(missing) = state
        .resources
        .missing(protocol, &product.name, &action.name, params)
    {
        let detail = format!(
            "no {} `{}` was created on this server or added with Server::add_resource",
            missing.kind, missing.id
        );
        return Some(Err(error(product, action, missing.code, &detail)));
    }
    let call = Call {
        action: &action.name,
        params,
        example: &action.example_response,
    };
    let answer = state.records.answer(protocol, product, &call)?;
    Some(answer.map_err(|f| error(product, action, f.code, &f.detail)))
}

/// The vendor error `code`, with the spec's message and status, and why the testkit sent it.
fn error(product: &Product, action: &Action, code: &str, detail: &str) -> ErrorAnswer {
    let doc = product.error_doc(action, code);
    ErrorAnswer {
        code: code.to_owned(),
        message: format!("{} (testkit: {detail}.)", doc.message),
        status: doc.http_status,
    }
}
