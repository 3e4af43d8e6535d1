//! The per-request pipeline: classify by vendor and check, pick a fault, choose the answer
//! (a test's rule, the kept state, the spec's example), log, and turn the fault (if
//! any) into what is actually sent.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use crate::catalog::{ActionId, Spec};
use crate::envelope::Envelope;
use crate::evaluation::{Ctx, Evaluation};
use crate::faults::Fault;
use crate::http::{RawRequest, Reply};
use crate::limits::MAX_BODY_BYTES;
use crate::log::{Received, Refusal};
use crate::protocol::Protocol;
use crate::rules::{Compute, Computed, ErrorAnswer, Rule};
use crate::state::{Shared, State};
use crate::{alibaba, clock, kept, roa, tencent};

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

/// The vendor API of a request, from its action header (Tencent wins if both are present);
/// an Alibaba one is [`Protocol::Acs3Rpc`] until [`protocol_in`] looks at its product.
pub(crate) fn protocol_of(req: &RawRequest) -> Protocol {
    if req.has_header("x-tc-action") {
        Protocol::Tc3Json
    } else if req.has_header("x-acs-action") {
        Protocol::Acs3Rpc
    } else {
        Protocol::Unknown
    }
}

/// The protocol of a request to `spec`: an Alibaba request is ROA when the product it names
/// (by `x-acs-version` and `x-acs-action`, as the checks find it) is a ROA product, since
/// both styles carry the same headers and only the product tells them apart.
pub(crate) fn protocol_in(spec: &Spec, req: &RawRequest) -> Protocol {
    let protocol = protocol_of(req);
    if protocol != Protocol::Acs3Rpc {
        return protocol;
    }
    let version = req.header_text("x-acs-version").unwrap_or_default();
    let action = req.header_text("x-acs-action").unwrap_or_default();
    match spec.alibaba_guess(&version, &action) {
        Some(product) if product.protocol == Protocol::Acs3Roa => Protocol::Acs3Roa,
        _ => Protocol::Acs3Rpc,
    }
}

fn unknown_vendor(req: &RawRequest) -> Evaluation {
    Evaluation {
        action: String::new(),
        id: None,
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
        verdict: Err(ErrorAnswer {
            code: "BadRequest".to_owned(),
            message: "Bad Request: neither an X-TC-Action nor an x-acs-action header is present.\n"
                .to_owned(),
            status: Some(400),
        }),
        envelope: Envelope::Plain,
    }
}

const BAD_GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// Where the answer of an accepted request goes once computed: its envelope, and the
/// resources it may create.
struct Finish {
    style: Envelope,
    protocol: Protocol,
    id: ActionId,
}

impl Finish {
    fn success(&self, state: &mut State, response: Value, keep_given: bool) -> Reply {
        state
            .resources
            .created(self.protocol, &self.id.product, &self.id.name, &response);
        self.style.success(&mut state.ids, response, keep_given)
    }
}

/// The answer a request gets without a fault, or what has to run (outside the lock) to get it.
enum Normal {
    Ready(Reply),
    Compute(Compute, Value, Finish),
}

/// Chooses the answer of a request: a refusal, the test's rule, the kept state, the example.
fn normal(eval: &Evaluation, protocol: Protocol, spec: &Spec, state: &mut State) -> Normal {
    let params = match (&eval.verdict, &eval.id) {
        (Ok(params), Some(id)) => (params, id),
        (Err(refusal), _) => return Normal::Ready(eval.envelope.error(&mut state.ids, refusal)),
        // An accepted request always names an action of the spec.
        (Ok(_), None) => return Normal::Ready(Reply::text(500, "testkit: no action")),
    };
    let (params, id) = params;
    let finish = Finish {
        style: eval.envelope.clone(),
        protocol,
        id: id.clone(),
    };
    match state.rules.get(id).cloned() {
        Some(Rule::Success(response)) => Normal::Ready(finish.success(state, response, true)),
        Some(Rule::Error(e)) => Normal::Ready(eval.envelope.error(&mut state.ids, &e)),
        Some(Rule::Compute(f)) => Normal::Compute(f, Value::Object(params.clone()), finish),
        None => {
            let Some((product, action)) = spec.find(id) else {
                return Normal::Ready(Reply::text(500, "testkit: no action"));
            };
            match kept::answer(state, protocol, product, action, params) {
                Some(Err(e)) => Normal::Ready(eval.envelope.error(&mut state.ids, &e)),
                Some(Ok(response)) => Normal::Ready(finish.success(state, response, false)),
                None => {
                    Normal::Ready(finish.success(state, action.example_response.clone(), false))
                }
            }
        }
    }
}

/// A fault that replaces the answer entirely; `None` for those that change the normal one.
fn replacement(
    fault: &Fault,
    eval: &Evaluation,
    protocol: Protocol,
    state: &mut State,
) -> Option<Outcome> {
    let reply = match fault {
        // A ResetBeforeRead never gets here (it is applied at accept time); dropping is its
        // closest equivalent once the request has been read.
        Fault::ResetAfterRead | Fault::ResetBeforeRead => return Some(Outcome::Drop),
        Fault::BadGatewayHtml => Reply {
            status: 502,
            content_type: "text/html",
            body: BAD_GATEWAY_PAGE.as_bytes().to_vec(),
            headers: Vec::new(),
        },
        Fault::EmptyBody => Reply {
            status: 200,
            content_type: "application/json; charset=utf-8",
            body: Vec::new(),
            headers: Vec::new(),
        },
        Fault::Throttled => eval.envelope.throttled(&mut state.ids),
        Fault::ServiceError {
            code,
            message,
            status,
        } => eval.envelope.error(
            &mut state.ids,
            &ErrorAnswer {
                code: code.clone(),
                message: message.clone(),
                status: *status,
            },
        ),
        // A scripted answer replaces only a success: a refused request still gets its refusal.
        Fault::Respond(response) => match (&eval.verdict, &eval.id) {
            (Ok(_), Some(id)) => {
                let finish = Finish {
                    style: eval.envelope.clone(),
                    protocol,
                    id: id.clone(),
                };
                finish.success(state, response.clone(), true)
            }
            _ => return None,
        },
        Fault::Delay(_) | Fault::TruncatedJson => return None,
    };
    Some(Outcome::Answer {
        reply,
        delay: None,
        close: false,
    })
}

/// Applies a fault that changes the normal answer (a delay, a truncation).
fn shape(reply: Reply, fault: Option<&Fault>, close: bool) -> Outcome {
    match fault {
        Some(Fault::Delay(d)) => Outcome::Answer {
            reply,
            delay: Some(*d),
            close,
        },
        Some(Fault::TruncatedJson) => {
            // Every JSON answer here is an object, so any strict prefix is invalid JSON.
            let mut body = reply.body;
            body.truncate((body.len() / 2).max(1));
            Outcome::Answer {
                reply: Reply {
                    status: 200,
                    content_type: "application/json; charset=utf-8",
                    body,
                    // The headers stay: a truncated answer is the answer cut off in its body.
                    headers: reply.headers,
                },
                delay: None,
                close,
            }
        }
        _ => Outcome::Answer {
            reply,
            delay: None,
            close,
        },
    }
}

/// The decision taken under the lock.
enum Step {
    Done(Outcome),
    Compute {
        compute: Compute,
        params: Value,
        finish: Finish,
        fault: Option<Fault>,
        close: bool,
    },
}

/// Handles one completely read request: check, choose a fault and an answer, log. The
/// decisions happen under the state lock so that log order, nonce use and fault draws follow
/// the order in which requests were processed; a test's answer function runs outside it.
pub(crate) fn process(shared: &Shared, req: RawRequest, at: Instant) -> Outcome {
    let (step, refusal) = decide(shared, req, at);
    report(shared, refusal);
    match step {
        Step::Done(outcome) => outcome,
        // Only a delay or a truncation waits for a computed answer: other faults replace it.
        Step::Compute {
            compute,
            params,
            finish,
            fault,
            close,
        } => shape(
            computed(shared, &compute, &params, &finish),
            fault.as_ref(),
            close,
        ),
    }
}

/// Runs a test's answer function on `params` and writes its answer; a function that panics
/// answers an internal error, reported as a refusal.
fn computed(shared: &Shared, compute: &Compute, params: &Value, finish: &Finish) -> Reply {
    let computed = catch_unwind(AssertUnwindSafe(|| compute(params))).unwrap_or_else(|panic| {
        let text = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Computed::Broken(format!(
            "testkit: the test's answer function panicked: {text}"
        ))
    });
    let mut state = shared.lock();
    match computed {
        Computed::Success(response) => finish.success(&mut state, response, true),
        Computed::Error(e) => finish.style.error(&mut state.ids, &e),
        Computed::Broken(message) => {
            let e = ErrorAnswer {
                code: "InternalError".to_owned(),
                message,
                status: Some(500),
            };
            let refusal = Refusal {
                protocol: finish.protocol,
                action: finish.id.name.clone(),
                code: e.code.clone(),
                message: e.message.clone(),
                http_status: finish.style.status(&e),
            };
            state.book.refuse(refusal.clone());
            let reply = finish.style.error(&mut state.ids, &e);
            drop(state);
            report(shared, Some(refusal));
            reply
        }
    }
}

/// Answers a request whose body is over [`MAX_BODY_BYTES`]: Tencent's with its documented
/// `RequestSizeLimitExceeded`, any other with HTTP 413 in plain text (Alibaba documents no
/// code for it). Reported as a refusal, but not logged as a request: it was not read whole.
pub(crate) fn too_large(shared: &Shared, req: &RawRequest) -> Reply {
    let protocol = protocol_in(&shared.spec, req);
    let (envelope, code, status) = match protocol {
        Protocol::Tc3Json => (Envelope::Tencent, "RequestSizeLimitExceeded", None),
        _ => (Envelope::Plain, "PayloadTooLarge", Some(413)),
    };
    let e = ErrorAnswer {
        code: code.to_owned(),
        message: format!(
            "The request body is larger than the {MAX_BODY_BYTES} bytes (10 MiB) this server reads."
        ),
        status,
    };
    let header = match protocol {
        Protocol::Tc3Json => "x-tc-action",
        _ => "x-acs-action",
    };
    let action = req.header_text(header).unwrap_or_default();
    let refusal = Refusal {
        protocol,
        // As in every refusal, an action header is quoted only when it names an action of the spec.
        action: if shared.spec.has_action_named(protocol, &action) {
            action
        } else {
            String::new()
        },
        code: e.code.clone(),
        message: e.message.clone(),
        http_status: envelope.status(&e),
    };
    let mut state = shared.lock();
    state.book.refuse(refusal.clone());
    let reply = envelope.error(&mut state.ids, &e);
    drop(state);
    report(shared, Some(refusal));
    reply
}

fn report(shared: &Shared, refusal: Option<Refusal>) {
    if let (Some(hook), Some(refusal)) = (&shared.config.on_refusal, refusal) {
        (hook.0)(&refusal);
    }
}

fn decide(shared: &Shared, req: RawRequest, at: Instant) -> (Step, Option<Refusal>) {
    let now = clock::now_unix(shared.config.clock_offset);
    let protocol = protocol_in(&shared.spec, &req);
    let mut guard = shared.lock();
    let state = &mut *guard;
    let eval = {
        let mut ctx = Ctx {
            config: &shared.config,
            spec: &shared.spec,
            now,
            nonces: &mut state.nonces,
        };
        match protocol {
            Protocol::Tc3Json => tencent::evaluate(&mut ctx, &req),
            Protocol::Acs3Rpc => alibaba::evaluate(&mut ctx, &req),
            Protocol::Acs3Roa => roa::evaluate(&mut ctx, &req),
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
        (
            state.queue.pop(&eval.action, eval.id.as_ref()).or(drawn),
            close,
        )
    };
    let refusal = eval.verdict.as_ref().err().map(|e| Refusal {
        protocol,
        // An action header that names no action of the spec is the caller's text: a refusal
        // quotes none.
        action: if eval.known_action {
            eval.action.clone()
        } else {
            String::new()
        },
        code: e.code.clone(),
        message: e.message.clone(),
        http_status: eval.envelope.status(e),
    });
    if let Some(refusal) = &refusal {
        state.book.refuse(refusal.clone());
    }
    let replaced = fault
        .as_ref()
        .and_then(|f| replacement(f, &eval, protocol, state))
        .map(|outcome| match outcome {
            Outcome::Answer { reply, delay, .. } => Outcome::Answer {
                reply,
                delay,
                close,
            },
            Outcome::Drop => Outcome::Drop,
        });
    let step = match replaced {
        Some(outcome) => Step::Done(outcome),
        None => match normal(&eval, protocol, &shared.spec, state) {
            Normal::Ready(reply) => Step::Done(shape(reply, fault.as_ref(), close)),
            Normal::Compute(compute, params, finish) => Step::Compute {
                compute,
                params,
                finish,
                fault: fault.clone(),
                close,
            },
        },
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
            params: eval.verdict.as_ref().ok().map(|p| Value::Object(p.clone())),
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
            id: eval.id.clone(),
        },
        eval.known_action,
    );
    (step, refusal)
}
