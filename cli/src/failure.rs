//! Why a command failed, its exit code, and what it prints on standard error.
//!
//! | exit | meaning |
//! |---:|---|
//! | 0 | success |
//! | 1 | the tool itself failed (writing the output, a broken built-in spec) |
//! | 2 | usage: unknown option, bad value, the request breaks the spec; nothing was sent |
//! | 3 | the service answered an error code (printed as JSON: code, message, request ID) |
//! | 4 | no usable credentials; nothing was sent |
//! | 5 | transport: no connection, a timeout, an answer that could not be read, a listing whose server repeats a page |
//! | 6 | a waiter gave up: its deadline passed, or a state it cannot leave |

use cloudapi::Error;
use cloudapi::runtime::common::{CommonCallError, CommonCode};
use serde_json::json;

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// Standard output was closed by its reader (`| head`): exit 0, nothing said.
    OutputClosed,
    /// Exit 1.
    Internal(String),
    /// Exit 2.
    Usage(String),
    /// Exit 3: the vendor's answer, as JSON.
    Service(serde_json::Value),
    /// Exit 4.
    Credentials(String),
    /// Exit 5.
    Transport(String),
    /// Exit 6.
    Wait(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::OutputClosed => 0,
            Failure::Internal(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Service(_) => 3,
            Failure::Credentials(_) => 4,
            Failure::Transport(_) => 5,
            Failure::Wait(_) => 6,
        }
    }

    /// Writes the failure to standard error: a service error as one JSON
    /// object (for scripts), anything else as a sentence.
    pub fn report(&self) {
        match self {
            Failure::OutputClosed => {}
            Failure::Service(answer) => eprintln!("{answer}"),
            Failure::Internal(text)
            | Failure::Usage(text)
            | Failure::Credentials(text)
            | Failure::Transport(text)
            | Failure::Wait(text) => eprintln!("cloudapi: {text}"),
        }
    }

    /// A request the spec refuses: every problem, one per line.
    pub fn refused(action: &str, problems: &[String]) -> Failure {
        let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        Failure::Usage(format!(
            "{action}: the request does not fit the spec; nothing was sent\n{}",
            lines.join("\n")
        ))
    }
}

impl<C: CommonCode> From<Error<CommonCallError<C>>> for Failure {
    fn from(error: Error<CommonCallError<C>>) -> Failure {
        match error {
            Error::Service(e) => Failure::Service(json!({
                "Code": e.code.code(),
                "Message": e.message,
                "RequestId": e.request_id,
                "Action": e.action,
                "HttpStatus": e.http_status,
            })),
            Error::InvalidRequest(e) => Failure::refused(&e.action, &e.problems),
            Error::Credentials(e) => Failure::Credentials(e.to_string()),
            Error::WaitTimeout(e) => Failure::Wait(e.to_string()),
            Error::WaitFailed(e) => Failure::Wait(e.to_string()),
            other => Failure::Transport(other.to_string()),
        }
    }
}
