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
//! [`Error::RepeatedPage`] instead of being read forever. A listing whose
//! next offset or page number would pass `u64::MAX` (one started near the
//! top of the range) ends with [`Error::PageOutOfRange`] instead of
//! overflowing.

use std::collections::HashSet;
use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};

pub(crate) mod style;

pub use style::Style;

use super::error::{Error, PageOutOfRange, RepeatedPage};

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
/// client method. The stream is `Unpin` (its state is boxed, one
/// allocation per listing), so callers can poll it with `try_next` without
/// pinning it first.
pub fn pages<Req, Resp, E, F, Fut>(
    action: &'static str,
    request: Req,
    call: F,
) -> impl Stream<Item = Result<Resp, Error<E>>> + Unpin
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
    Box::pin(stream::try_unfold(walk, step))
}

/// The position of a request that sets none: offset 0, or page 1.
fn first_position<Req: PagedRequest>() -> u64 {
    match Req::STYLE {
        Style::Page => 1,
        Style::Offset | Style::Token => 0,
    }
}

/// Every item of a listing, page after page.
pub fn items<S, Resp, E>(pages: S) -> impl Stream<Item = Result<Resp::Item, Error<E>>> + Unpin
where
    S: Stream<Item = Result<Resp, Error<E>>> + Unpin,
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
            // Items held in memory so far: far from `u64::MAX`.
            walk.seen += count;
            // The index of the item after this page. The caller chose the
            // start, and may have chosen one near `u64::MAX`: `None` is an
            // index past it, which no total reaches.
            let end = walk.start.map(|start| start.checked_add(walk.seen));
            // Some servers send a total of 0 when they cannot count; beside
            // items it means "unknown", and an empty page ends the listing.
            let reached_total = match (end, page.total()) {
                (Some(end), Some(total)) if total > 0 => end.is_none_or(|end| end >= total),
                _ => false,
            };
            if count > 0 && !reached_total {
                // The offset or page number this page was asked for.
                let position = request.position().unwrap_or(first_position::<Req>());
                let next_position = match Req::STYLE {
                    Style::Offset => end.flatten(),
                    _ => position.checked_add(1),
                };
                let Some(next_position) = next_position else {
                    return Err(Error::PageOutOfRange(PageOutOfRange {
                        action: walk.action,
                        pages: walk.pages,
                        style: Req::STYLE,
                        position,
                        request_id: Some(page.request_id().to_string()),
                    }));
                };
                let mut next = request;
                next.set_position(next_position);
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use futures_util::TryStreamExt;

    use super::*;

    /// A request of either style; `style` is fixed per test through the type parameter.
    #[derive(Clone, Debug, Default)]
    struct Request<const TOKEN: bool> {
        position: Option<u64>,
        token: Option<String>,
        size: Option<u64>,
    }

    impl<const TOKEN: bool> PagedRequest for Request<TOKEN> {
        const STYLE: Style = if TOKEN { Style::Token } else { Style::Offset };
        fn position(&self) -> Option<u64> {
            self.position
        }
        fn set_position(&mut self, position: u64) {
            self.position = Some(position);
        }
        fn set_token(&mut self, token: String) {
            self.token = Some(token);
        }
        fn page_size(&self) -> Option<u64> {
            self.size
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Page {
        items: Vec<u32>,
        total: Option<u64>,
        next: Option<String>,
    }

    impl PagedResponse for Page {
        type Item = u32;
        fn items(&self) -> &[u32] {
            &self.items
        }
        fn into_items(self) -> Vec<u32> {
            self.items
        }
        fn total(&self) -> Option<u64> {
            self.total
        }
        fn next_token(&self) -> Option<&str> {
            self.next.as_deref()
        }
        fn request_id(&self) -> &str {
            "r"
        }
    }

    type Requests<const TOKEN: bool> = Arc<Mutex<Vec<Request<TOKEN>>>>;
    type Answer = std::future::Ready<Result<Page, Error<String>>>;

    /// Answers each request with `answer` and records it.
    fn server<const TOKEN: bool>(
        answer: impl Fn(&Request<TOKEN>) -> Page,
    ) -> (impl FnMut(Request<TOKEN>) -> Answer, Requests<TOKEN>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let call = move |request: Request<TOKEN>| {
            let page = answer(&request);
            log.lock().unwrap().push(request);
            std::future::ready(Ok(page))
        };
        (call, seen)
    }

    #[tokio::test]
    async fn an_offset_listing_stops_at_its_total() {
        let (call, seen) = server::<false>(|r| {
            let from = r.position.unwrap_or(0) as u32;
            let to = (from + 100).min(250);
            Page {
                items: (from..to).collect(),
                total: Some(250),
                next: None,
            }
        });
        let items: Vec<u32> = items(pages("List", Request::default(), call))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, (0..250).collect::<Vec<_>>());
        let offsets: Vec<_> = seen.lock().unwrap().iter().map(|r| r.position).collect();
        assert_eq!(offsets, [None, Some(100), Some(200)]);
    }

    #[tokio::test]
    async fn a_total_of_zero_beside_items_means_unknown() {
        let (call, seen) = server::<false>(|r| {
            let from = r.position.unwrap_or(0) as u32;
            let items = if from < 4 {
                vec![from, from + 1]
            } else {
                Vec::new()
            };
            Page {
                items,
                total: Some(0),
                next: None,
            }
        });
        let pages: Vec<Page> = pages("List", Request::default(), call)
            .try_collect()
            .await
            .unwrap();
        // The empty page that ends the listing is not one of them.
        assert_eq!(pages.len(), 2);
        assert_eq!(seen.lock().unwrap().len(), 3);
    }

    #[tokio::test]
    async fn a_repeated_page_ends_the_listing_with_an_error() {
        let (call, seen) = server::<false>(|_| Page {
            items: vec![1, 2],
            total: None,
            next: None,
        });
        let error = items(pages("List", Request::default(), call))
            .try_collect::<Vec<u32>>()
            .await
            .unwrap_err();
        match error {
            Error::RepeatedPage(e) => {
                assert_eq!((e.action, e.pages), ("List", 2));
                assert!(e.reason.contains("same items"), "{}", e.reason);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(seen.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_token_listing_follows_tokens_and_notices_a_cycle() {
        let (call, seen) = server::<true>(|r| match r.token.as_deref() {
            None => Page {
                items: vec![1],
                total: None,
                next: Some("a".into()),
            },
            Some("a") => Page {
                items: vec![2],
                total: None,
                next: Some("b".into()),
            },
            Some(_) => Page {
                items: vec![3],
                total: None,
                next: None,
            },
        });
        let items: Vec<u32> = items(pages("List", Request::default(), call))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(seen.lock().unwrap().len(), 3);

        let (call, _) = server::<true>(|r| Page {
            items: vec![9],
            total: None,
            next: Some(if r.token.is_none() { "a" } else { "b" }.into()),
        });
        let error = pages("List", Request::default(), call)
            .try_collect::<Vec<Page>>()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::RepeatedPage(ref e) if e.pages == 3),
            "{error:?}"
        );
    }

    /// A request that pages by page number (no generated action can carry
    /// a page number near `u64::MAX`: the vendors' are `i64`).
    #[derive(Clone, Debug, Default)]
    struct PageNumber(Request<false>);

    impl PagedRequest for PageNumber {
        const STYLE: Style = Style::Page;
        fn position(&self) -> Option<u64> {
            self.0.position
        }
        fn set_position(&mut self, position: u64) {
            self.0.position = Some(position);
        }
    }

    #[tokio::test]
    async fn a_page_number_past_u64_max_ends_the_listing_with_a_typed_error() {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        // A server that answers every page number, each with another item.
        let call = move |request: PageNumber| {
            log.lock().unwrap().push(request.0.position);
            std::future::ready(Ok::<_, Error<String>>(Page {
                items: vec![request.0.position.unwrap_or(1) as u32],
                total: None,
                next: None,
            }))
        };
        let start = PageNumber(Request {
            position: Some(u64::MAX - 1),
            ..Request::default()
        });
        let error = items(pages("List", start, call))
            .try_collect::<Vec<u32>>()
            .await
            .unwrap_err();
        match error {
            Error::PageOutOfRange(e) => {
                assert_eq!((e.action, e.pages, e.position), ("List", 2, u64::MAX));
                assert_eq!(e.style, Style::Page);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(*asked.lock().unwrap(), [Some(u64::MAX - 1), Some(u64::MAX)]);
    }

    #[tokio::test]
    async fn empty_pages_with_ever_new_tokens_are_no_progress() {
        let counter = Mutex::new(0);
        let (call, seen) = server::<true>(move |_| {
            let mut n = counter.lock().unwrap();
            *n += 1;
            Page {
                items: Vec::new(),
                total: None,
                next: Some(format!("t{n}")),
            }
        });
        let error = pages("List", Request::default(), call)
            .try_collect::<Vec<Page>>()
            .await
            .unwrap_err();
        assert!(matches!(error, Error::RepeatedPage(_)), "{error:?}");
        assert_eq!(seen.lock().unwrap().len(), MAX_EMPTY_TOKEN_PAGES as usize);
    }
}
