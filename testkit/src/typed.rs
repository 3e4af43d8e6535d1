//! What a test sets and asserts by type: answers per action (a response, an error code, a
//! function of the request, a scripted sequence), the requests that arrived, decoded.
//!
//! An action is named by its client method, `Client::certificate_order_submit`: that gives
//! its request, response and error types, so answers and assertions are checked by the
//! compiler. The method is never called.

use std::any::type_name;
use std::sync::Arc;

use cloudapi::runtime::{Error, ErrorCode, Operation};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::catalog::{ActionId, Spec};
use crate::faults::Fault;
use crate::rules::{Computed, ErrorAnswer, Rule};
use crate::server::Server;

/// The spec action of request type `R`.
fn id_of<R: Operation>() -> ActionId {
    ActionId {
        product: R::SERVICE.product.to_owned(),
        version: R::SERVICE.version.to_owned(),
        name: R::ACTION.name.to_owned(),
    }
}

/// The error answer for `code` of action `id`: the spec's message and (Alibaba) status.
fn error_answer(spec: &Spec, id: &ActionId, code: &str) -> ErrorAnswer {
    let doc = spec
        .find(id)
        .map(|(product, action)| product.error_doc(action, code))
        .unwrap_or_default();
    ErrorAnswer {
        code: code.to_owned(),
        message: if doc.message.is_empty() {
            format!("{code} (answered by testkit as the test asked).")
        } else {
            doc.message
        },
        status: doc.http_status,
    }
}

/// A decoder's message without the values it quotes, each replaced by `…`: serde writes a
/// string in double quotes (`invalid type: string "…", expected u64`) and other values, variants
/// and fields in backticks (`invalid value: integer `7``), and the message goes back to the
/// caller as a refusal, which quotes no value of the request (it may be a secret).
fn without_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    // The closing character of the quote being skipped, and whether the character before
    // was a backslash inside a string.
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in message.chars() {
        match quote {
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    out.push('…');
                    quote = Some(c);
                }
            }
            // serde writes a string with `{:?}`: a quote inside it is `\"`.
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(close) if c == close => {
                out.push(c);
                quote = None;
            }
            Some(_) => {}
        }
    }
    if let Some(close) = quote {
        out.push(close);
    }
    out
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value)
        .unwrap_or_else(|e| panic!("testkit: a {} does not serialize: {e}", type_name::<T>()))
}

impl Server {
    /// The spec action of `R`, which must be in this server's spec.
    fn action<R: Operation>(&self) -> ActionId {
        let id = id_of::<R>();
        if self.shared.spec.find(&id).is_none() {
            panic!(
                "testkit: this server's spec has no action {id}; start it with the spec the client was generated from"
            );
        }
        id
    }

    /// From now on, every accepted call of `method` answers `response` (with a fresh
    /// `RequestId` unless it has one), instead of the spec's example.
    ///
    /// ```no_run
    /// # async fn demo(server: &testkit::Server) {
    /// use cloudapi::tencent::ssl::Client;
    /// let mut response = server.example(Client::certificate_order_submit);
    /// response.order_id = "order-1".into();
    /// server.respond(Client::certificate_order_submit, response);
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action.
    pub fn respond<C, R, T, E>(
        &self,
        method: impl AsyncFn(&C, R) -> Result<T, Error<E>>,
        response: T,
    ) where
        R: Operation,
        T: Serialize,
    {
        let _ = method;
        let id = self.action::<R>();
        let rule = Rule::Success(to_json(&response));
        self.shared.lock().rules.insert(id, rule);
    }

    /// From now on, every accepted call of `method` answers the service error `code`, with
    /// the message (and, for Alibaba, the HTTP status) the spec documents for it.
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action.
    pub fn fail<C, R, T, E>(&self, method: impl AsyncFn(&C, R) -> Result<T, Error<E>>, code: E)
    where
        R: Operation,
        E: ErrorCode,
    {
        let _ = method;
        let id = self.action::<R>();
        let rule = Rule::Error(error_answer(&self.shared.spec, &id, code.code()));
        self.shared.lock().rules.insert(id, rule);
    }

    /// From now on, every accepted call of `method` answers what `answer` makes of the typed
    /// request: a response, or a service error code. It runs on the server's tasks, outside
    /// its lock (it may call the server); if it panics, the call gets an `InternalError`
    /// and [`Server::refusals`] says why.
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action.
    pub fn respond_with<C, R, T, E, F>(
        &self,
        method: impl AsyncFn(&C, R) -> Result<T, Error<E>>,
        answer: F,
    ) where
        R: Operation + DeserializeOwned,
        T: Serialize,
        E: ErrorCode,
        F: Fn(&R) -> Result<T, E> + Send + Sync + 'static,
    {
        let _ = method;
        let id = self.action::<R>();
        let spec = Arc::clone(&self.shared.spec);
        let action = id.clone();
        let compute = move |params: &Value| {
            let request: R = match serde_json::from_value(params.clone()) {
                Ok(request) => request,
                Err(e) => {
                    return Computed::Broken(format!(
                        "testkit: the request passed the spec's checks but does not decode as {}: {}",
                        type_name::<R>(),
                        without_quoted_values(&e.to_string())
                    ));
                }
            };
            match answer(&request) {
                Ok(response) => match serde_json::to_value(&response) {
                    Ok(value) => Computed::Success(value),
                    Err(e) => {
                        Computed::Broken(format!("testkit: the answer does not serialize: {e}"))
                    }
                },
                Err(code) => Computed::Error(error_answer(&spec, &action, code.code())),
            }
        };
        let rule = Rule::Compute(Arc::new(compute));
        self.shared.lock().rules.insert(id, rule);
    }

    /// Queues answers for the next accepted calls of `method`, one each, in order, before
    /// its standing answer applies again: e.g. a task that does not exist yet, then does,
    /// for a waiter.
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action.
    pub fn script<C, R, T, E>(
        &self,
        method: impl AsyncFn(&C, R) -> Result<T, Error<E>>,
        answers: impl IntoIterator<Item = Result<T, E>>,
    ) where
        R: Operation,
        T: Serialize,
        E: ErrorCode,
    {
        let _ = method;
        let id = self.action::<R>();
        let faults: Vec<Fault> = answers
            .into_iter()
            .map(|answer| match answer {
                Ok(response) => Fault::Respond(to_json(&response)),
                Err(code) => {
                    let e = error_answer(&self.shared.spec, &id, code.code());
                    Fault::ServiceError {
                        code: e.code,
                        message: e.message,
                        status: e.status,
                    }
                }
            })
            .collect();
        let mut state = self.shared.lock();
        for fault in faults {
            state.queue.push(&id.name, Some(id.clone()), fault);
        }
    }

    /// Queues `fault` for the next call of `method` (see [`Server::push_fault`]).
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action.
    pub fn fault<C, R, T, E>(
        &self,
        method: impl AsyncFn(&C, R) -> Result<T, Error<E>>,
        fault: Fault,
    ) where
        R: Operation,
    {
        let _ = method;
        let id = self.action::<R>();
        self.shared
            .lock()
            .queue
            .push(&id.name, Some(id.clone()), fault);
    }

    /// The spec's example answer of `method`, typed: a response to change and pass to
    /// [`Server::respond`] (or to return from an answer function).
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action, or its example does not decode as
    /// the response type.
    pub fn example<C, R, T, E>(&self, method: impl AsyncFn(&C, R) -> Result<T, Error<E>>) -> T
    where
        R: Operation,
        T: DeserializeOwned,
    {
        let _ = method;
        let id = self.action::<R>();
        let example = self
            .shared
            .spec
            .find(&id)
            .map(|(_, action)| action.example_response.clone())
            .unwrap_or_default();
        serde_json::from_value(example).unwrap_or_else(|e| {
            panic!(
                "testkit: the example answer of {id} does not decode as {}: {e}",
                type_name::<T>()
            )
        })
    }

    /// The requests of `method` the server accepted, in the order they arrived, decoded into
    /// the request type (retries of one call appear once per attempt).
    ///
    /// # Panics
    ///
    /// If this server's spec does not have the action, or an accepted request does not
    /// decode as the request type (which the spec's checks should make impossible).
    pub fn received<C, R, T, E>(&self, method: impl AsyncFn(&C, R) -> Result<T, Error<E>>) -> Vec<R>
    where
        R: Operation + DeserializeOwned,
    {
        let _ = method;
        let id = self.action::<R>();
        let params: Vec<Value> = self
            .shared
            .lock()
            .book
            .received()
            .iter()
            .filter(|r| r.id.as_ref() == Some(&id))
            .filter_map(|r| r.params.clone())
            .collect();
        params
            .into_iter()
            .map(|p| {
                serde_json::from_value(p).unwrap_or_else(|e| {
                    panic!(
                        "testkit: an accepted request of {id} does not decode as {}: {e}",
                        type_name::<R>()
                    )
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::without_quoted_values;

    #[test]
    fn decoder_messages_lose_the_values_they_quote() {
        assert_eq!(
            without_quoted_values(r#"invalid type: string "s3cret", expected u64"#),
            r#"invalid type: string "…", expected u64"#
        );
        assert_eq!(
            without_quoted_values("invalid value: integer `42`, expected a string"),
            "invalid value: integer `…`, expected a string"
        );
        // A quote inside a string is escaped by serde: the value still ends at its own quote.
        assert_eq!(
            without_quoted_values(r#"string "a\"b`c", then `d`"#),
            r#"string "…", then `…`"#
        );
        // A message cut inside a quote still closes it.
        assert_eq!(without_quoted_values(r#"cut "abc"#), r#"cut "…""#);
        assert_eq!(without_quoted_values("no quotes"), "no quotes");
    }
}
