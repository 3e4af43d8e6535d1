//! [`Call`]: one call of an action named at run time, set up with builder
//! methods and sent when awaited.

use std::borrow::Cow;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::code::{CommonCallError, CommonCode};
use super::signed::SignedRequest;
use crate::error::{Error, InvalidRequest};
use crate::protocol::Protocol;
use crate::service::{Action, HttpBinding};
use crate::transport::{Invocation, Transport};

/// One call of an action, from [`ProductClient::call`](super::ProductClient::call):
/// await it to send it.
///
/// The answer is a [`serde_json::Value`] unless [`returning`](Call::returning)
/// names a type. The call is not sent again once it may have reached the
/// server unless [`idempotent`](Call::idempotent) says it is safe; failures
/// before sending (connecting, throttling answers) are retried as for every action.
#[must_use = "a call is sent when it is awaited"]
pub struct Call<'a, P: Protocol, C, R = serde_json::Value> {
    transport: &'a Transport<P>,
    action: Cow<'static, str>,
    /// The parameters in wire form, or why they have none: encoded when the
    /// call is made, so that the call does not borrow them.
    encoded: Result<P::Encoded, InvalidRequest>,
    idempotent: bool,
    /// Answer fields an error quoting the answer redacts (a described action's).
    secret_outputs: &'static [&'static str],
    /// REST protocols: the method, path and member places (a described action's).
    http: Option<&'static HttpBinding>,
    answer: PhantomData<fn() -> (C, R)>,
}

impl<'a, P: Protocol, C> Call<'a, P, C> {
    pub(super) fn new<T: Serialize + ?Sized>(
        transport: &'a Transport<P>,
        action: &str,
        params: &T,
    ) -> Self {
        let action: Cow<'static, str> = Cow::Owned(action.to_owned());
        let encoded = match check_action(&action) {
            Ok(()) => transport.encode_unchecked(action.clone(), None, params),
            Err(problem) => Err(InvalidRequest {
                action: action.clone(),
                problems: vec![problem],
            }),
        };
        Call {
            transport,
            action,
            encoded,
            idempotent: false,
            secret_outputs: &[],
            http: None,
            answer: PhantomData,
        }
    }

    /// A call of an action described at run time: idempotent, sent and read
    /// as `action` says.
    pub(super) fn described<T: Serialize + ?Sized>(
        transport: &'a Transport<P>,
        action: &'static Action,
        params: &T,
    ) -> Self {
        let name = Cow::Borrowed(action.name);
        let encoded = match check_action(action.name) {
            Ok(()) => transport.encode_unchecked(name.clone(), action.http, params),
            Err(problem) => Err(InvalidRequest {
                action: name.clone(),
                problems: vec![problem],
            }),
        };
        Call {
            transport,
            action: name,
            encoded,
            idempotent: action.idempotent,
            secret_outputs: action.secret_outputs,
            http: action.http,
            answer: PhantomData,
        }
    }
}

impl<P: Protocol, C: CommonCode, R> Call<'_, P, C, R> {
    /// Signs the request as the first attempt would send it, now, and
    /// returns it instead of sending it: a dry run. The signature and
    /// session token are redacted; credentials are looked up as for a call,
    /// so a dry run also shows that they are found.
    pub async fn dry_run(self) -> Result<SignedRequest, Error<CommonCallError<C>>> {
        let invocation = self.invocation();
        let request = self.transport.sign_only(&invocation, self.encoded).await?;
        Ok(SignedRequest::redacted(&request))
    }

    fn invocation(&self) -> Invocation {
        Invocation {
            action: self.action.clone(),
            idempotent: self.idempotent,
            secret_outputs: self.secret_outputs,
            http: self.http,
        }
    }
}

impl<'a, P: Protocol, C, R> Call<'a, P, C, R> {
    /// Whether the action is safe to send twice (a `Describe…`, or a request
    /// carrying a `ClientToken` the server deduplicates on). Then a timeout,
    /// a reset, a broken answer, HTTP 5xx or `InternalError` is retried, as
    /// for a generated idempotent action. Default: `false`, since nothing is
    /// known about the action.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// Reads the answer (the object under Tencent's `Response`, or Alibaba's
    /// whole body) as `T` instead of a [`serde_json::Value`], with the
    /// generated answers' tolerance for numbers sent as strings and the like.
    pub fn returning<T: DeserializeOwned>(self) -> Call<'a, P, C, T> {
        Call {
            transport: self.transport,
            action: self.action,
            encoded: self.encoded,
            idempotent: self.idempotent,
            secret_outputs: self.secret_outputs,
            http: self.http,
            answer: PhantomData,
        }
    }
}

impl<'a, P, C, R> IntoFuture for Call<'a, P, C, R>
where
    P: Protocol,
    C: CommonCode,
    R: DeserializeOwned + 'a,
{
    type Output = Result<R, Error<CommonCallError<C>>>;
    // Boxed to be nameable; one allocation per call, next to the request's own.
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        let invocation = self.invocation();
        Box::pin(self.transport.run(invocation, self.encoded))
    }
}

impl<P: Protocol, C, R> fmt::Debug for Call<'_, P, C, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the parameters: they may hold secrets.
        f.debug_struct("Call")
            .field("product", &self.transport.product())
            .field("action", &self.action)
            .field("idempotent", &self.idempotent)
            .finish_non_exhaustive()
    }
}

/// An action name travels in a header and, for Tencent, a signed one:
/// letters, digits, `_`, `.` and `-` (`DescribeRegions`).
fn check_action(action: &str) -> Result<(), String> {
    let token = !action.is_empty()
        && action
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if token {
        Ok(())
    } else {
        Err("the action name must be letters and digits, such as `DescribeRegions`".into())
    }
}
