//! A waiter's two checks of an answer, as closures for the runtime's
//! `wait_until`: whether the awaited state is reached, and whether a state
//! from which it never will be is (the field's name and value, for
//! `Error::WaitFailed`).
//!
//! The polled field is an integer or a text (or a value set of either,
//! compared by its wire value), of the answer or of every item of a list of
//! the answer. A list's state is reached when it has items and each item's
//! field has reached it; any item in a failure state fails the wait. A field
//! that is absent (`None`) never satisfies and never fails.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::ident;
use crate::model::{Condition, WaitValue, Waiter};

/// `(done, failed)`: two closures over `&response`.
pub fn checks(w: &Waiter, response: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let wire_name = &w.field_wire_name;
    let Some(list) = &w.list else {
        let value = read(w, quote!(response));
        let done = satisfies(&value, &w.condition);
        let failed = match fails(w, &value) {
            Some(check) => quote!(|response: &#response| #check.map(|v| (#wire_name, v))),
            None => quote!(|_: &#response| None),
        };
        return (quote!(|response: &#response| #done), failed);
    };
    let items = ident(&list.ident);
    let items = if list.optional {
        quote!(response.#items.as_deref().unwrap_or_default())
    } else {
        quote!(response.#items.as_slice())
    };
    let value = read(w, quote!(item));
    let each = satisfies(&value, &w.condition);
    let done = quote!(|response: &#response| crate::runtime::every_item(#items, |item| #each));
    let failed = match fails(w, &value) {
        Some(check) => quote!(|response: &#response| {
            #items.iter().find_map(|item| #check).map(|v| (#wire_name, v))
        }),
        None => quote!(|_: &#response| None),
    };
    (done, failed)
}

/// How the polled field of `owner` reads.
enum Read {
    /// A value that is always there: `response.status.as_i64()`.
    Always(TokenStream),
    /// An `Option` of one: `item.status.as_deref()`.
    Maybe(TokenStream),
}

fn read(w: &Waiter, owner: TokenStream) -> Read {
    let field = ident(&w.field);
    let at = quote!(#owner.#field);
    match (w.field_optional, w.field_enum, w.field_text) {
        (false, true, false) => Read::Always(quote!(#at.as_i64())),
        (false, true, true) | (false, false, true) => Read::Always(quote!(#at.as_str())),
        (false, false, false) => Read::Always(at),
        (true, true, false) => Read::Maybe(quote!(#at.as_ref().map(|v| v.as_i64()))),
        (true, true, true) => Read::Maybe(quote!(#at.as_ref().map(|v| v.as_str()))),
        (true, false, true) => Read::Maybe(quote!(#at.as_deref())),
        (true, false, false) => Read::Maybe(at),
    }
}

/// The condition on the value: an absent one never satisfies it.
fn satisfies(value: &Read, condition: &Condition) -> TokenStream {
    let (op, literal) = match condition {
        Condition::GreaterThan(n) => (quote!(>), Literal::i64_unsuffixed(*n)),
        Condition::Equals(value) => (quote!(==), literal(value)),
    };
    match value {
        Read::Always(v) => quote!(#v #op #literal),
        Read::Maybe(v) => quote!(#v.is_some_and(|v| v #op #literal)),
    }
}

/// `Some(text of the value)` when it is a failure state, as an expression;
/// `None` when the waiter has no failure states.
fn fails(w: &Waiter, value: &Read) -> Option<TokenStream> {
    if w.fail_on.is_empty() {
        return None;
    }
    let states = w.fail_on.iter().map(literal);
    Some(match value {
        Read::Always(v) => quote!({
            let v = #v;
            [#(#states),*].contains(&v).then(|| v.to_string())
        }),
        Read::Maybe(v) => quote!(#v.filter(|v| [#(#states),*].contains(v)).map(|v| v.to_string())),
    })
}

fn literal(value: &WaitValue) -> Literal {
    match value {
        WaitValue::Integer(n) => Literal::i64_unsuffixed(*n),
        WaitValue::Text(text) => Literal::string(text),
    }
}
