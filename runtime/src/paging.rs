//! Streams over the pages and items of a listing action.
//!
//! A listing action answers one page per call. The generated
//! `<action>_pages` and `<action>_items` methods turn it into a stream that
//! asks for the next page only when the caller polls for it. Each page is an
//! ordinary call of the action, so it is validated, paced to the action's
//! rate limit, retried and given its deadline like any other call.
//!
//! A listing ends at the first of: the total the server announced (unless
//! 0, which some servers send when they cannot count), an empty page, a
//! missing or empty next-page token. A server that keeps answering
//! the same page (the same items twice in a row, a token it sent before, or
//! only empty pages with new tokens) ends the stream with
//! [`Error::RepeatedPage`] instead of being read forever.

use std::collections::HashSet;
use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};

use super::error::{Error, RepeatedPage};

/// How a listing action chooses its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// An input says how many items to skip (`Offset`).
    Offset,
    /// An input gives the page number, counted from 1 (`CurrentPage`).
    Page,
    /// An input carries the token the previous page's answer gave (`NextToken`).
    Token,
}

/// Consecutive empty pages, each with a new token, after which a token
/// listing counts as making no progress.
pub const MAX_EMPTY_TOKEN_PAGES: u32 = 16;

/// The request of a listing action; implemented by generated code. Only the
/// methods of the action's [`Style`] are overridden.
pub trait PagedRequest: Clone {
    /// How the action pages.
    const STYLE: Style;

    /// The offset or page number the request asks for, if set.
    fn position(&self) -> Option<u64> {
        None
    }

    /// Asks for another offset or page number.
    fn set_position(&mut self, _position: u64) {}

    /// Asks for the page of `token`.
    fn set_token(&mut self, _token: String) {}

    /// How many items a page holds, if the request says.
    fn page_size(&self) -> Option<u64> {
        None
    }
}

/// The answer of a listing action; implemented by generated code.
pub trait PagedResponse {
    /// One listed item.
    type Item: Clone + PartialEq;

    /// The items of this page.
    fn items(&self) -> &[Self::Item];

    /// The items of this page, taken.
    fn into_items(self) -> Vec<Self::Item>;

    /// How many items the whole listing holds, if the answer says.
    fn total(&self) -> Option<u64> {
        None
    }

    /// The next page's token; missing or empty on the last page.
    fn next_token(&self) -> Option<&str> {
        None
    }

    /// The server's ID of this answer.
    fn request_id(&self) -> &str;
}

/// Where a walk over the pages stands.
struct Walk<Req, Item, F> {
    /// The next request to send; `None` once the listing ended.
    next: Option<Req>,
    call: F,
    action: &'static str,
    /// Index of the first item the walk reads, when known.
    start: Option<u64>,
    /// Items read so far.
    seen: u64,
    /// Pages read so far.
    pages: u64,
    /// The previous page's items, to notice a page answered twice.
    previous: Option<Vec<Item>>,
    /// Every token received, to notice a cycle.
    tokens: HashSet<String>,
    /// Consecutive empty pages of a token listing.
    empty_pages: u32,
}

/// Every page of a listing, from `request` on; `call` is the action's
/// client method.
pub fn pages<Req, Resp, E, F, Fut>(
    action: &'static str,
    request: Req,
    call: F,
) -> impl Stream<Item = Result<Resp, Error<E>>>
where
    Req: PagedRequest,
    Resp: PagedResponse,
    F: FnMut(Req) -> Fut,
    Fut: Future<Output = Result<Resp, Error<E>>>,
{
    let start = match Req::STYLE {
        Style::Offset => Some(request.position().unwrap_or(0)),
        Style::Page => match (request.position().unwrap_or(1), request.page_size()) {
            (1, _) => Some(0),
            (page, Some(size)) => Some(page.saturating_sub(1).saturating_mul(size)),
            // Unknown page size: the total cannot be compared with.
            (_, None) => None,
        },
        Style::Token => None,
    };
    let walk = Walk {
        next: Some(request),
        call,
        action,
        start,
        seen: 0,
        pages: 0,
        previous: None,
        tokens: HashSet::new(),
        empty_pages: 0,
    };
    stream::try_unfold(walk, step)
}

/// Every item of a listing, page after page.
pub fn items<S, Resp, E>(pages: S) -> impl Stream<Item = Result<Resp::Item, Error<E>>>
where
    S: Stream<Item = Result<Resp, Error<E>>>,
    Resp: PagedResponse,
{
    pages
        .map_ok(|page| stream::iter(page.into_items().into_iter().map(Ok)))
        .try_flatten()
}

async fn step<Req, Resp, E, F, Fut>(
    mut walk: Walk<Req, Resp::Item, F>,
) -> Result<Option<(Resp, Walk<Req, Resp::Item, F>)>, Error<E>>
where
    Req: PagedRequest,
    Resp: PagedResponse,
    F: FnMut(Req) -> Fut,
    Fut: Future<Output = Result<Resp, Error<E>>>,
{
    let Some(request) = walk.next.take() else {
        return Ok(None);
    };
    let page = (walk.call)(request.clone()).await?;
    walk.pages += 1;
    let count = page.items().len() as u64;
    let repeated = |reason| {
        Error::RepeatedPage(RepeatedPage {
            action: walk.action,
            pages: walk.pages,
            reason,
            request_id: Some(page.request_id().to_string()),
        })
    };
    match Req::STYLE {
        Style::Token => {
            walk.empty_pages = if count == 0 { walk.empty_pages + 1 } else { 0 };
            match page.next_token().filter(|t| !t.is_empty()) {
                None => {}
                Some(token) if walk.tokens.contains(token) => {
                    return Err(repeated("the server sent a page token it had sent before"));
                }
                Some(_) if walk.empty_pages >= MAX_EMPTY_TOKEN_PAGES => {
                    return Err(repeated(
                        "the server answered only empty pages, each with a new token",
                    ));
                }
                Some(token) => {
                    walk.tokens.insert(token.to_string());
                    let mut next = request;
                    next.set_token(token.to_string());
                    walk.next = Some(next);
                }
            }
        }
        Style::Offset | Style::Page => {
            if count > 0 && walk.previous.as_deref() == Some(page.items()) {
                return Err(repeated(
                    "the server answered the same items for two pages in a row",
                ));
            }
            walk.seen += count;
            // Some servers send a total of 0 when they cannot count; beside
            // items it means "unknown", and an empty page ends the listing.
            let reached_total = match (walk.start, page.total()) {
                (Some(start), Some(total)) if total > 0 => start + walk.seen >= total,
                _ => false,
            };
            if count > 0 && !reached_total {
                let mut next = request;
                let position = match Req::STYLE {
                    Style::Offset => walk.start.unwrap_or(0) + walk.seen,
                    _ => next.position().unwrap_or(1) + 1,
                };
                next.set_position(position);
                walk.next = Some(next);
            }
            // An empty page after the first only says the listing ended.
            if count == 0 && walk.pages > 1 {
                return Ok(None);
            }
            walk.previous = Some(page.items().to_vec());
        }
    }
    Ok(Some((page, walk)))
}
