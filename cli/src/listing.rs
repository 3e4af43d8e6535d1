//! `--all-pages`: every page of a listing action, through the runtime's
//! own page walk (the same end rules, repeated-page and overflow checks as
//! the generated `<action>_pages`), over JSON requests and answers.

use std::marker::PhantomData;

use cloudapi::runtime::common::{CommonCode, ProductClient};
use cloudapi::runtime::paging::{self, PagedRequest, PagedResponse, Style};
use cloudapi::runtime::protocol::Protocol;
use codegen::model::{PageCursor, Paging, Scalar, Ty};
use futures_util::TryStreamExt;
use serde_json::{Map, Value};

use crate::failure::Failure;
use crate::output::Output;
use crate::send::{Sender, request_id};

/// A paging style as a type, since the runtime reads it from one.
pub trait StyleOf: Clone {
    const STYLE: Style;
}

#[derive(Clone)]
pub struct ByOffset;
#[derive(Clone)]
pub struct ByPage;
#[derive(Clone)]
pub struct ByToken;

impl StyleOf for ByOffset {
    const STYLE: Style = Style::Offset;
}
impl StyleOf for ByPage {
    const STYLE: Style = Style::Page;
}
impl StyleOf for ByToken {
    const STYLE: Style = Style::Token;
}

/// A request of a listing: its members, and which of them choose the page.
#[derive(Clone)]
pub struct PageRequest<S> {
    members: Map<String, Value>,
    cursor: String,
    /// The cursor is text (`"20"`), as some listings document their offset.
    cursor_is_text: bool,
    size: Option<String>,
    style: PhantomData<S>,
}

impl<S: StyleOf> PagedRequest for PageRequest<S> {
    const STYLE: Style = S::STYLE;

    fn position(&self) -> Option<u64> {
        count(self.members.get(&self.cursor))
    }

    fn set_position(&mut self, position: u64) {
        let value = if self.cursor_is_text {
            Value::String(position.to_string())
        } else {
            position.into()
        };
        self.members.insert(self.cursor.clone(), value);
    }

    fn set_token(&mut self, token: String) {
        self.members.insert(self.cursor.clone(), token.into());
    }

    fn page_size(&self) -> Option<u64> {
        count(self.members.get(self.size.as_ref()?))
    }
}

/// One page, read from the answer where the spec says its parts are.
pub struct Page {
    items: Vec<Value>,
    total: Option<u64>,
    next: Option<String>,
    request_id: String,
}

impl PagedResponse for Page {
    type Item = Value;

    fn items(&self) -> &[Value] {
        &self.items
    }

    fn into_items(self) -> Vec<Value> {
        self.items
    }

    fn total(&self) -> Option<u64> {
        self.total
    }

    fn next_token(&self) -> Option<&str> {
        self.next.as_deref()
    }

    fn request_id(&self) -> &str {
        &self.request_id
    }
}

/// The value at a dotted wire path (`Outer.Member`) of an answer.
fn at<'a>(answer: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(answer, |value, key| value.get(key))
}

/// A number the answer may send as text.
fn count(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn page(mut answer: Value, paging: &Paging) -> Page {
    let next = match &paging.cursor {
        PageCursor::Token { next, .. } => at(&answer, &next.wire_name)
            .and_then(Value::as_str)
            .map(str::to_owned),
        _ => None,
    };
    let total = paging
        .total
        .as_ref()
        .and_then(|t| count(at(&answer, &t.path())));
    let request_id = request_id(&answer).to_owned();
    let items = paging
        .items
        .path()
        .split('.')
        .try_fold(&mut answer, |value, key| value.get_mut(key))
        .map(Value::take);
    Page {
        items: match items {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        total,
        next,
        request_id,
    }
}

/// Reads every page from `members` on and prints the items: one per line
/// as they come for JSON lines (`--query` applied to each), else as one
/// list at the end (`--query` applied to the list).
pub async fn all<P: Protocol, C: CommonCode>(
    product: &ProductClient<P, C>,
    sender: Sender<'_>,
    paging: &Paging,
    members: Map<String, Value>,
    output: &Output,
) -> Result<(), Failure> {
    let (cursor, style) = match &paging.cursor {
        PageCursor::Offset(f) => (f, Style::Offset),
        PageCursor::Page(f) => (f, Style::Page),
        PageCursor::Token { token, .. } => (&**token, Style::Token),
    };
    let request = |members| Request {
        members,
        cursor: cursor.wire_name.clone(),
        cursor_is_text: cursor.ty == Ty::Scalar(Scalar::String),
        size: paging.page_size.as_ref().map(|f| f.wire_name.clone()),
    };
    match style {
        Style::Offset => {
            walk::<ByOffset, P, C>(product, sender, paging, request(members), output).await
        }
        Style::Page => {
            walk::<ByPage, P, C>(product, sender, paging, request(members), output).await
        }
        Style::Token => {
            walk::<ByToken, P, C>(product, sender, paging, request(members), output).await
        }
    }
}

/// A listing's first request, whatever its style.
struct Request {
    members: Map<String, Value>,
    cursor: String,
    cursor_is_text: bool,
    size: Option<String>,
}

async fn walk<S: StyleOf, P: Protocol, C: CommonCode>(
    product: &ProductClient<P, C>,
    sender: Sender<'_>,
    paging: &Paging,
    first: Request,
    output: &Output,
) -> Result<(), Failure> {
    let request = PageRequest::<S> {
        members: first.members,
        cursor: first.cursor,
        cursor_is_text: first.cursor_is_text,
        size: first.size,
        style: PhantomData,
    };
    let pages = paging::pages(sender.action.name, request, |request: PageRequest<S>| {
        let call = sender.send(product, &request.members);
        async move { Ok(page(call.await?, paging)) }
    });
    let mut items = paging::items(pages);
    let mut all = Vec::new();
    while let Some(item) = items.try_next().await? {
        if output.streams_items() {
            output.print_item(item)?;
        } else {
            all.push(item);
        }
    }
    if output.streams_items() {
        Ok(())
    } else {
        output.print(Value::Array(all))
    }
}
