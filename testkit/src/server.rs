//! The listening socket, the connections (HTTP/1.1 with keep-alive, via hyper) and the
//! [`Server`] handle tests hold; its typed answers and assertions are in `typed.rs`.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Body as _;
use hyper::body::Incoming;
use hyper::header::{CONNECTION, CONTENT_TYPE, DATE, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use cloudapi::{Config, Credentials, Endpoint, RateLimit, RetryConfig, WaitOptions};

use crate::catalog;
use crate::config::{ServerConfig, TEST_KEY_ID, TEST_KEY_SECRET};
use crate::dispatch::{self, Outcome};
use crate::faults::{Fault, FaultPlan, RandomFaults};
use crate::http::{RawRequest, Reply};
use crate::limits::{DRAIN_LIMIT, MAX_BODY_BYTES};
use crate::log::{Received, Refusal, Stats};
use crate::state::Shared;

/// A waiter's first delay in [`Server::config`]: the server answers at once, so a scripted
/// sequence of answers needs no production-sized pause (5 s for most waiters) between polls.
pub const FAST_POLL: Duration = Duration::from_millis(1);
/// A waiter's largest delay in [`Server::config`].
pub const FAST_POLL_MAX: Duration = Duration::from_millis(20);
/// A waiter's deadline in [`Server::config`]: the server answers at once, so a waiter still
/// waiting after this long waits for an answer the test did not script, and a
/// [`WaitTimeout`](cloudapi::Error::WaitTimeout) says so sooner than the spec's minutes.
pub const WAIT_DEADLINE: Duration = Duration::from_secs(10);

/// A request body as read.
enum ReadBody {
    Whole(Vec<u8>),
    /// Over [`MAX_BODY_BYTES`]; `drained` when it was read to its end all the same.
    TooLarge {
        drained: bool,
    },
    /// The connection failed before the body's end.
    Broken(hyper::Error),
}

/// Reads a body up to [`MAX_BODY_BYTES`], keeping at most that much in memory, and drains an
/// over-size one up to [`DRAIN_LIMIT`].
async fn read_body(mut body: Incoming) -> ReadBody {
    // Exact when the request has a Content-Length, 0 when it is chunked.
    let declared = body.size_hint().lower();
    if declared > DRAIN_LIMIT {
        return ReadBody::TooLarge { drained: false };
    }
    let limit = MAX_BODY_BYTES as u64;
    let mut kept = Vec::with_capacity(if declared > limit {
        0
    } else {
        declared as usize
    });
    let mut total: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(e) => return ReadBody::Broken(e),
        };
        // Trailers carry no body bytes.
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total += data.len() as u64;
        if total > DRAIN_LIMIT {
            return ReadBody::TooLarge { drained: false };
        }
        if total <= limit {
            kept.extend_from_slice(&data);
        } else if kept.capacity() > 0 {
            // Over the cap: what was kept is freed, the rest is only counted.
            kept = Vec::new();
        }
    }
    if total > limit {
        ReadBody::TooLarge { drained: true }
    } else {
        ReadBody::Whole(kept)
    }
}

/// A running local endpoint on `127.0.0.1`, answering like Tencent Cloud and Alibaba Cloud do.
/// Dropping it stops it too (the listener and every connection end once the handle is gone).
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    pub(crate) shared: Arc<Shared>,
    // Never sent on: dropping it is the stop signal every task watches.
    stop: watch::Sender<()>,
    accept_task: JoinHandle<()>,
}

impl Server {
    /// Starts a server with the defaults of [`ServerConfig::new`]: the spec built into the
    /// `cloudapi` crate, the test key, a free port of 127.0.0.1. Serves on the current tokio
    /// runtime; fails only if the socket cannot be bound.
    pub async fn start() -> io::Result<Server> {
        Self::start_with(ServerConfig::new()).await
    }

    /// Starts a server configured by `config`. Fails if its spec cannot be read or the
    /// socket cannot be bound.
    pub async fn start_with(config: ServerConfig) -> io::Result<Server> {
        let spec = catalog::resolve(&config.spec)?;
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(config, spec));
        let (stop, stopped) = watch::channel(());
        let accept_task = tokio::spawn(accept_loop(listener, Arc::clone(&shared), stopped));
        Ok(Server {
            addr,
            shared,
            stop,
            accept_task,
        })
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The actions this server knows, as `product version Action`, sorted.
    pub fn actions(&self) -> Vec<String> {
        self.shared.spec.action_names()
    }

    /// A client configuration pointed at this server: its URL, the test key
    /// ([`TEST_KEY_ID`](crate::TEST_KEY_ID)), no pacing, a 10-second timeout per attempt,
    /// up to 5 attempts with backoffs of 1 ms growing to at most 20 ms, and waiters that
    /// poll after 1 ms, doubling up to 20 ms, for at most 10 s, so that tests of retried
    /// faults and of waiters stay fast. Change any of it with the usual
    /// setters; a waiter call's own `WaitOptions` still take precedence.
    pub fn config(&self) -> Config {
        Config::new()
            .credentials(Credentials::new(TEST_KEY_ID, TEST_KEY_SECRET))
            .endpoint(Endpoint::Url(self.url()))
            .rate_limit(RateLimit::Disabled)
            .timeout(Duration::from_secs(10))
            .retry(
                RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(20)),
            )
            .wait_options(
                WaitOptions::default()
                    .delays(FAST_POLL, FAST_POLL_MAX)
                    .timeout(WAIT_DEADLINE),
            )
    }

    /// Queues `fault` for the next request whose action header is `action` (first in, first
    /// out per action). A [`Fault::ResetBeforeRead`] instead resets the next accepted
    /// connection, whatever it carries. [`Server::fault`] does the same for one product's action.
    pub fn push_fault(&self, action: &str, fault: Fault) {
        self.shared.lock().queue.push(action, None, fault);
    }

    /// Starts (or restarts, from the plan's seed) seeded random fault injection. Queued faults
    /// take precedence over drawn ones, without shifting the drawn sequence. Requests, accepted
    /// connections and `Connection: close` decisions draw from separate streams, so the fault
    /// sequence of the n-th request does not depend on how many connections the client opened.
    /// Requests with neither vendor header are never faulted.
    pub fn set_random_faults(&self, plan: FaultPlan) {
        self.shared.lock().random = Some(RandomFaults::new(plan));
    }

    /// Stops random fault injection.
    pub fn clear_random_faults(&self) {
        self.shared.lock().random = None;
    }

    /// Makes the resource `id` of `kind` (e.g. `"certificate"`) exist, as if created on this
    /// server, so that actions naming it do not answer the vendor's not-found error.
    /// The one kind tracked is Tencent Cloud SSL's `"certificate"`, named by the 24 actions
    /// that take a certificate ID and document `FailedOperation.CertificateNotFound`. DNS
    /// records are kept whole: see [`Server::add_dns_record`].
    ///
    /// # Panics
    ///
    /// If the server knows no resources of `kind`.
    pub fn add_resource(&self, kind: &str, id: &str) {
        if !self.shared.lock().resources.add(kind, id) {
            panic!(
                "testkit: no resource kind `{kind}`; the kinds are {:?}",
                crate::resources::Resources::kind_names()
            );
        }
    }

    /// Every request read completely, in the order processed, refused ones included.
    pub fn requests(&self) -> Vec<Received> {
        self.shared.lock().book.received().to_vec()
    }

    /// Every request refused by the server's checks (signature, parameters, action, version,
    /// body size), in order, with the vendor code and the reason.
    pub fn refusals(&self) -> Vec<Refusal> {
        self.shared.lock().book.refusals()
    }

    /// Panics, listing them, if any request was refused: for the end of a test whose client
    /// must only send what the real endpoint accepts.
    pub fn assert_no_refusals(&self) {
        let refusals = self.refusals();
        if !refusals.is_empty() {
            let list: Vec<String> = refusals.iter().map(|r| format!("  {r}")).collect();
            panic!(
                "testkit refused {} request(s):\n{}",
                refusals.len(),
                list.join("\n")
            );
        }
    }

    /// The counters so far.
    pub fn stats(&self) -> Stats {
        self.shared.lock().book.stats()
    }

    /// Stops accepting and closes every connection, waiting for the listener to be released.
    pub async fn shutdown(self) {
        let Server {
            stop, accept_task, ..
        } = self;
        drop(stop);
        if let Err(e) = accept_task.await {
            tracing::warn!(error = %e, "testkit accept loop ended abnormally");
        }
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stopped: watch::Receiver<()>) {
    loop {
        let accepted = tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Typically out of file descriptors: back off instead of spinning.
                tracing::warn!(error = %e, "testkit accept failed");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        if shared.on_accept() {
            // SO_LINGER 0 makes the close send RST instead of FIN: the client sees a reset
            // connection, as when a load balancer drops it.
            if let Err(e) = stream.set_zero_linger() {
                tracing::warn!(error = %e, "testkit could not set SO_LINGER 0");
            }
            drop(stream);
            continue;
        }
        // Small answers must not wait for Nagle's algorithm.
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_connection(
            stream,
            Arc::clone(&shared),
            stopped.clone(),
        ));
    }
}

async fn serve_connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<()>,
) {
    // Signalled by a request that must end the connection without an answer.
    let kill = Arc::new(Notify::new());
    let service = {
        let kill = Arc::clone(&kill);
        service_fn(move |req| handle(Arc::clone(&shared), Arc::clone(&kill), req))
    };
    // No header-read timeout: hyper would also apply it to idle keep-alive connections and
    // close pooled connections at unpredictable moments; tests that want that use faults.
    let conn = http1::Builder::new()
        .header_read_timeout(None)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    // Dropping the connection future drops the socket: that is how a request gets no answer.
    tokio::select! {
        result = conn => {
            if let Err(e) = result {
                tracing::debug!(error = %e, "testkit connection ended with an error");
            }
        }
        _ = kill.notified() => {}
        _ = stopped.changed() => {}
    }
}

async fn handle(
    shared: Arc<Shared>,
    kill: Arc<Notify>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();
    let mut raw = RawRequest {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect(),
        body: Vec::new(),
    };
    match read_body(body).await {
        ReadBody::Whole(body) => raw.body = body,
        ReadBody::TooLarge { drained } => {
            let reply = dispatch::too_large(&shared, &raw);
            // A body left unread midway leaves the connection unusable.
            return Ok(to_response(reply, !drained, shared.config.clock_offset));
        }
        ReadBody::Broken(e) => {
            // The request was not read completely: it is not logged, the connection just ends.
            tracing::debug!(error = %e, "testkit could not read a request body");
            kill.notify_one();
            return std::future::pending().await;
        }
    }
    let at = Instant::now();
    match dispatch::process(&shared, raw, at) {
        Outcome::Drop => {
            kill.notify_one();
            std::future::pending().await
        }
        Outcome::Answer {
            reply,
            delay,
            close,
        } => {
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
            Ok(to_response(reply, close, shared.config.clock_offset))
        }
    }
}

fn to_response(reply: Reply, close: bool, clock_offset: i64) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(reply.body)));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    // An answer without a body (204) has no content type either.
    if !reply.content_type.is_empty() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(reply.content_type));
    }
    for (name, value) in reply.headers {
        // A test's answer may give a header member a value HTTP cannot carry (a line break):
        // it is left out, with a warning, rather than failing the whole answer.
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            (Ok(name), Ok(value)) => {
                headers.append(name, value);
            }
            _ => tracing::warn!(%name, "testkit leaves out a header HTTP cannot carry"),
        }
    }
    // The server's (offset) clock, as a server whose time differs says it; hyper adds none then.
    if let Some(date) = crate::clock::http_date(crate::clock::now_unix(clock_offset)) {
        headers.insert(DATE, date);
    }
    if close {
        // hyper closes the connection after a response carrying this header.
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response
}
