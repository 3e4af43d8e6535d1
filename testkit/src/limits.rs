//! How much of a request the server reads: below the connections that enforce it and the
//! answers that name it.

/// The largest request body a [`Server`](crate::Server) reads: 10 MiB. A bigger one is
/// refused, Tencent's with its `RequestSizeLimitExceeded` (HTTP 200, as Tencent answers every
/// error), any other with HTTP 413 in plain text (Alibaba documents no error code for it; a
/// front proxy answers so), and reported in [`Server::refusals`](crate::Server::refusals).
///
/// Why 10 MiB: Tencent Cloud documents 10 MB as the largest POST request signed with
/// `TC3-HMAC-SHA256`, and the largest requests of these APIs stay well below it: a
/// certificate upload with its chain and private key is tens of KB, a confirmation letter
/// (`UploadConfirmLetter`, `UploadRevokeLetter`) a file of at most 1.4 MB, under 2 MB in
/// base64; Alibaba's RPC requests carry their parameters in the query and send no body. A
/// body beyond it is a client's bug (a runaway loop, a file attached by mistake), and
/// reading it whole would only grow the test process.
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// How much of an over-size body is still read, and dropped, before answering. The client
/// is still sending it, and a server that answers and closes a connection with bytes left
/// unread makes its kernel reset the connection, which clients then report instead of the
/// answer. A body declared or found bigger than this is answered without reading on, and
/// the connection is closed after the answer.
pub(crate) const DRAIN_LIMIT: u64 = 4 * MAX_BODY_BYTES as u64;
