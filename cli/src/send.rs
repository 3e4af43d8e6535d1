//! Sending one call of the action a command names, and reading what every
//! answer carries: the piece the single call, the listing and the waiter share.

use std::future::{Future, IntoFuture};

use cloudapi::Error;
use cloudapi::runtime::common::{CommonCallError, CommonCode, ProductClient};
use cloudapi::runtime::protocol::Protocol;
use cloudapi::runtime::service;
use serde_json::{Map, Value};

/// Sends calls of the action, each with a fresh idempotency token when the
/// caller gave none, so that a server deduplicating on it never takes a
/// later page or poll for the first.
#[derive(Clone, Copy)]
pub struct Sender<'a> {
    pub action: &'static service::Action,
    pub token: Option<&'a str>,
}

impl Sender<'_> {
    /// `members` with a fresh token, if one is to be filled.
    pub fn members(&self, members: &Map<String, Value>) -> Map<String, Value> {
        let mut members = members.clone();
        if let Some(token) = self.token {
            members.insert(token.to_owned(), uuid::Uuid::new_v4().to_string().into());
        }
        members
    }

    /// One call with `members`; the answer as JSON.
    pub fn send<'p, P: Protocol, C: CommonCode>(
        &self,
        product: &'p ProductClient<P, C>,
        members: &Map<String, Value>,
    ) -> impl Future<Output = Result<Value, Error<CommonCallError<C>>>> + Send + use<'p, P, C> {
        product
            .call_described(self.action, &self.members(members))
            .into_future()
    }
}

/// The server's ID of an answer, as Tencent (`RequestId`) and Alibaba's
/// REST answers (`requestId`) name it.
pub fn request_id(answer: &Value) -> &str {
    ["RequestId", "requestId"]
        .iter()
        .find_map(|key| answer.get(*key).and_then(Value::as_str))
        .unwrap_or_default()
}
