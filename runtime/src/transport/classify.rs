//! What a failure means: retry or not, and how to describe it in logs.

use crate::protocol::{ErrorClass, Failure};

/// Whether to send again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Retry {
    Yes,
    No,
}

/// Whether a failed attempt of an action is sent again: always when the
/// server surely did not execute it, otherwise only if the action is idempotent.
pub(super) fn retry(failure: &Failure, idempotent: bool) -> Retry {
    let yes = match failure {
        Failure::Credentials(_) => false,
        Failure::Transport {
            may_have_reached_server: false,
            ..
        } => true,
        Failure::Transport { .. } => idempotent,
        Failure::Service { class, .. } => match class {
            ErrorClass::Throttled => true,
            ErrorClass::Transient => idempotent,
            ErrorClass::Final => false,
        },
        // 429 and 503 pages (from proxies, gateways) refuse before executing;
        // other 5xx pages and broken 2xx bodies may follow execution.
        Failure::Malformed(m) if m.http_status == 429 || m.http_status == 503 => true,
        Failure::Malformed(m) => idempotent && (m.http_status >= 500 || m.http_status < 300),
    };
    if yes { Retry::Yes } else { Retry::No }
}

/// One line for logs; never includes a body beyond the bounded snippet.
pub(super) fn describe(failure: &Failure) -> String {
    match failure {
        Failure::Credentials(e) => e.to_string(),
        Failure::Transport {
            kind,
            may_have_reached_server,
            ..
        } => {
            format!("transport {kind:?} (may have reached server: {may_have_reached_server})")
        }
        Failure::Service {
            code, http_status, ..
        } => format!("service error {code} (HTTP {http_status})"),
        Failure::Malformed(m) => {
            format!("malformed response (HTTP {}): {}", m.http_status, m.reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{MalformedResponse, TransportKind};
    use crate::protocol::{Acs3Rpc, Protocol, Tc3Json};

    fn service<P: Protocol>(code: &str) -> Failure {
        Failure::service::<P>(code.into(), String::new(), None, 200)
    }

    fn malformed(status: u16) -> Failure {
        Failure::Malformed(MalformedResponse {
            action: "".into(),
            http_status: status,
            request_id: None,
            reason: String::new(),
            snippet: String::new(),
            body_len: 0,
            attempts: 0,
        })
    }

    #[test]
    fn purchases_are_retried_only_when_surely_not_executed() {
        let connect = Failure::Transport {
            kind: TransportKind::Connect,
            may_have_reached_server: false,
            source: None,
        };
        let reset = Failure::Transport {
            kind: TransportKind::Reset,
            may_have_reached_server: true,
            source: None,
        };
        for (failure, idempotent, non_idempotent) in [
            (connect, Retry::Yes, Retry::Yes),
            (reset, Retry::Yes, Retry::No),
            (
                service::<Tc3Json>("RequestLimitExceeded"),
                Retry::Yes,
                Retry::Yes,
            ),
            (
                service::<Tc3Json>("RequestLimitExceeded.UinLimitExceeded"),
                Retry::Yes,
                Retry::Yes,
            ),
            (
                service::<Acs3Rpc>("Throttling.User"),
                Retry::Yes,
                Retry::Yes,
            ),
            (service::<Tc3Json>("InternalError"), Retry::Yes, Retry::No),
            (
                service::<Tc3Json>("FailedOperation.CertificateNotFound"),
                Retry::No,
                Retry::No,
            ),
            (malformed(502), Retry::Yes, Retry::No),
            (malformed(200), Retry::Yes, Retry::No),
            (malformed(404), Retry::No, Retry::No),
            (malformed(429), Retry::Yes, Retry::Yes),
            (malformed(503), Retry::Yes, Retry::Yes),
            (
                service::<Tc3Json>("RequestLimitExceeded.GlobalRegionUinLimitExceeded"),
                Retry::Yes,
                Retry::Yes,
            ),
            (
                service::<Acs3Rpc>("ServiceUnavailable").throttled(),
                Retry::Yes,
                Retry::Yes,
            ),
        ] {
            assert_eq!(retry(&failure, true), idempotent, "{}", describe(&failure));
            assert_eq!(
                retry(&failure, false),
                non_idempotent,
                "{}",
                describe(&failure)
            );
        }
    }
}
