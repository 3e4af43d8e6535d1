//! The per-request pipeline: classify by vendor, verify and answer, pick a fault, log, and
//! turn the fault (if any) into what is actually sent.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::config::ServerConfig;
use crate::faults::Fault;
use crate::http::{RawRequest, Reply};
use crate::ids::IdGen;
use crate::log::{Protocol, Received};
use crate::spec::Spec;
use crate::state::Shared;
use crate::{alibaba, clock, tencent};

/// What a vendor handler needs: configuration, spec, the (offset) time and the mutable parts
/// of the state it touches.
pub(crate) struct Ctx<'a> {
    pub(crate) config: &'a ServerConfig,
    pub(crate) spec: &'a Spec,
    pub(crate) now: i64,
    pub(crate) nonces: &'a mut HashSet<String>,
    pub(crate) ids: &'a mut IdGen,
}

/// How a vendor writes errors, for the faults that imitate vendor errors.
#[derive(Clone, Debug)]
pub(crate) enum ErrorStyle {
    Tencent,
    Alibaba { host: String, product: String },
    Plain,
}

impl ErrorStyle {
    /// A vendor error; `status` only matters where the vendor uses HTTP statuses.
    pub(crate) fn error(
        &self,
        ids: &mut IdGen,
        code: &str,
        message: &str,
        status: Option<u16>,
    ) -> Reply {
        match self {
            ErrorStyle::Tencent => tencent::error_reply(ids, code, message),
            ErrorStyle::Alibaba { host, product } => {
                alibaba::error_reply(ids, host, product, status.unwrap_or(400), code, message)
            }
            ErrorStyle::Plain => Reply::text(status.unwrap_or(400), message),
        }
    }

    /// A success answer carrying `response`, in the vendor's envelope.
    fn success(&self, response: &serde_json::Value) -> Reply {
        match self {
            ErrorStyle::Tencent => Reply::json(200, &serde_json::json!({ "Response": response })),
            _ => Reply::json(200, response),
        }
    }

    /// The vendor's throttling error.
    fn throttled(&self, ids: &mut IdGen) -> Reply {
        match self {
            ErrorStyle::Tencent => self.error(
                ids,
                "RequestLimitExceeded",
                "Your request rate exceeds the frequency limit of this action; please reduce the frequency of calls.",
                None,
            ),
            _ => self.error(
                ids,
                "Throttling.User",
                "Request was denied due to user flow control.",
                Some(400),
            ),
        }
    }
}

/// A vendor handler's verdict on a request, before any fault.
#[derive(Clone, Debug)]
pub(crate) struct Evaluation {
    pub(crate) action: String,
    pub(crate) fingerprint: String,
    /// Whether the spec defines the action (only those count as duplicates).
    pub(crate) known_action: bool,
    pub(crate) idempotent: bool,
    pub(crate) signature_valid: bool,
    /// Whether every check passed, so the normal answer is the success response.
    pub(crate) accepted: bool,
    pub(crate) reply: Reply,
    pub(crate) errors: ErrorStyle,
}

/// What the connection does with a request.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Send `reply`, after `delay`, with `Connection: close` if `close`.
    Answer {
        reply: Reply,
        delay: Option<Duration>,
        close: bool,
    },
    /// Close the connection without answering.
    Drop,
}

/// The vendor API of a request, from its action header (Tencent wins if both are present).
pub(crate) fn protocol_of(req: &RawRequest) -> Protocol {
    if req.has_header("x-tc-action") {
        Protocol::Tc3Json
    } else if req.has_header("x-acs-action") {
        Protocol::Acs3Rpc
    } else {
        Protocol::Unknown
    }
}

fn unknown_vendor(req: &RawRequest) -> Evaluation {
    Evaluation {
        action: String::new(),
        fingerprint: format!(
            "unknown|{} {}?{}|{}",
            req.method,
            req.path,
            req.query,
            String::from_utf8_lossy(&req.body)
        ),
        known_action: false,
        idempotent: false,
        signature_valid: false,
        accepted: false,
        reply: Reply::text(
            400,
            "Bad Request: neither an X-TC-Action nor an x-acs-action header is present.\n",
        ),
        errors: ErrorStyle::Plain,
    }
}

const BAD_GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// Turns the verdict and the chosen fault into what is sent.
fn shape(eval: Evaluation, fault: Option<Fault>, close: bool, ids: &mut IdGen) -> Outcome {
    let answer = |reply| Outcome::Answer {
        reply,
        delay: None,
        close,
    };
    match fault {
        None => answer(eval.reply),
        // A ResetBeforeRead never gets here (it is applied at accept time); dropping is its
        // closest equivalent once the request has been read.
        Some(Fault::ResetAfterRead | Fault::ResetBeforeRead) => Outcome::Drop,
        Some(Fault::BadGatewayHtml) => answer(Reply {
            status: 502,
            content_type: "text/html",
            body: BAD_GATEWAY_PAGE.as_bytes().to_vec(),
        }),
        Some(Fault::TruncatedJson) => {
            // Every JSON answer here is an object, so any strict prefix is invalid JSON.
            let mut body = eval.reply.body;
            body.truncate((body.len() / 2).max(1));
            answer(Reply {
                status: 200,
                content_type: "application/json; charset=utf-8",
                body,
            })
        }
        Some(Fault::EmptyBody) => answer(Reply {
            status: 200,
            content_type: "application/json; charset=utf-8",
            body: Vec::new(),
        }),
        Some(Fault::Throttled) => answer(eval.errors.throttled(ids)),
        Some(Fault::Delay(d)) => Outcome::Answer {
            reply: eval.reply,
            delay: Some(d),
            close,
        },
        Some(Fault::ServiceError {
            code,
            message,
            status,
        }) => answer(eval.errors.error(ids, &code, &message, status)),
        // A scripted answer replaces only a success: a refused request still gets its refusal.
        Some(Fault::Respond(response)) if eval.accepted => answer(eval.errors.success(&response)),
        Some(Fault::Respond(_)) => answer(eval.reply),
    }
}

/// Handles one completely read request: verify, choose a fault, log, and decide the answer.
/// Everything happens under the state lock so that log order, nonce use and fault draws follow
/// the order in which requests were processed.
pub(crate) fn process(shared: &Shared, req: RawRequest, at: Instant) -> Outcome {
    let now = clock::now_unix(shared.config.clock_offset);
    let protocol = protocol_of(&req);
    let mut guard = shared.lock();
    let state = &mut *guard;
    let eval = {
        let mut ctx = Ctx {
            config: &shared.config,
            spec: &shared.spec,
            now,
            nonces: &mut state.nonces,
            ids: &mut state.ids,
        };
        match protocol {
            Protocol::Tc3Json => tencent::evaluate(&mut ctx, &req),
            Protocol::Acs3Rpc => alibaba::evaluate(&mut ctx, &req),
            Protocol::Unknown => unknown_vendor(&req),
        }
    };
    let (fault, close) = if protocol == Protocol::Unknown {
        (None, false)
    } else {
        // Draw before popping the queue so that queued faults do not shift the random sequence.
        let (drawn, close) = match state.random.as_mut() {
            Some(r) => (r.draw_request(), r.draw_close()),
            None => (None, false),
        };
        (state.queue.pop(&eval.action).or(drawn), close)
    };
    let RawRequest {
        headers,
        body,
        query,
        ..
    } = req;
    state.book.record(
        Received {
            protocol,
            action: eval.action.clone(),
            fingerprint: eval.fingerprint.clone(),
            idempotent: eval.idempotent,
            signature_valid: eval.signature_valid,
            headers: headers
                .into_iter()
                .map(|(n, v)| (n, String::from_utf8_lossy(&v).into_owned()))
                .collect(),
            body,
            query,
            at,
            answered_with: fault.as_ref().map(Fault::kind),
        },
        eval.known_action,
    );
    shape(eval, fault, close, &mut state.ids)
}
