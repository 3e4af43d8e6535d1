//! The server's view of one HTTP exchange: the request exactly as received and the reply to
//! send, independent of hyper so that the vendor logic can be tested without sockets.

use serde_json::Value;

/// A request as received: header names are lowercase (HTTP names are case-insensitive and
/// hyper normalizes them), values and body are the raw bytes, the query is undecoded.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawRequest {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: String,
    pub(crate) headers: Vec<(String, Vec<u8>)>,
    pub(crate) body: Vec<u8>,
}

impl RawRequest {
    /// All values of header `name` (lowercase), joined with `,` as HTTP allows for repeated
    /// headers; `None` when absent.
    pub(crate) fn header(&self, name: &str) -> Option<Vec<u8>> {
        let mut values = self.headers.iter().filter(|(n, _)| n == name);
        let (_, first) = values.next()?;
        let mut joined = first.clone();
        for (_, v) in values {
            joined.push(b',');
            joined.extend_from_slice(v);
        }
        Some(joined)
    }

    /// Header `name` as text (invalid UTF-8 replaced), trimmed.
    pub(crate) fn header_text(&self, name: &str) -> Option<String> {
        self.header(name)
            .map(|v| String::from_utf8_lossy(v.trim_ascii()).into_owned())
    }

    /// Whether header `name` is present at all.
    pub(crate) fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n == name)
    }
}

/// A reply to send: status, content type, body and any headers of the vendor's (ROA's request
/// ID, an answer's header members); the length header is added when sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    /// Names lowercase.
    pub(crate) headers: Vec<(String, String)>,
}

impl Reply {
    /// A JSON reply; `serde_json::Value` keeps integers beyond 2^53 exact when serialized.
    pub(crate) fn json(status: u16, value: &Value) -> Self {
        Self {
            status,
            content_type: "application/json; charset=utf-8",
            body: value.to_string().into_bytes(),
            headers: Vec::new(),
        }
    }

    /// This reply with the header `name: value` too.
    pub(crate) fn with_header(mut self, name: &str, value: String) -> Self {
        self.headers.push((name.to_owned(), value));
        self
    }

    /// A plain-text reply, for requests that are no vendor's.
    pub(crate) fn text(status: u16, text: &str) -> Self {
        Self {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }
}
