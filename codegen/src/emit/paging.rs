//! A listing action's streams: how its request chooses a page and its
//! answer lists items (the runtime's `PagedRequest` and `PagedResponse`),
//! and the `<action>_pages` and `<action>_items` client methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::types::{field_type, ident};
use crate::model::{Action, Field, PageCursor, Paging, Reached, Scalar, Ty};

/// Everything paging adds to the action's module.
pub fn paging(action: &Action, paging: &Paging) -> TokenStream {
    let request = ident(&action.request);
    let response = ident(&action.response);
    let error = ident(&action.error);
    let method = ident(&action.method);

    let (style, cursor_methods) = match &paging.cursor {
        PageCursor::Offset(field) | PageCursor::Page(field) => {
            let style = match paging.cursor {
                PageCursor::Offset(_) => quote!(Offset),
                _ => quote!(Page),
            };
            let read = read_count(field, &quote!(self));
            let write = write_count(field, &quote!(position));
            let methods = quote! {
                fn position(&self) -> Option<u64> { #read }
                fn set_position(&mut self, position: u64) { #write }
            };
            (style, methods)
        }
        PageCursor::Token { token, .. } => {
            let name = ident(&token.ident);
            let write = if token.is_optional() {
                quote!(self.#name = Some(token);)
            } else {
                quote!(self.#name = token;)
            };
            (
                quote!(Token),
                quote!(fn set_token(&mut self, token: String) { #write }),
            )
        }
    };
    let page_size = paging.page_size.as_ref().map(|field| {
        let read = read_count(field, &quote!(self));
        quote!(fn page_size(&self) -> Option<u64> { #read })
    });

    let item = item_type(&paging.items.field);
    let (borrow, take) = item_access(&paging.items);
    let total = paging.total.as_ref().map(|total| {
        let read = match &total.within {
            None => read_count(&total.field, &quote!(self)),
            Some(within) => {
                let outer = ident(&within.ident);
                let read = read_count(&total.field, &quote!(o));
                if within.is_optional() {
                    quote!(self.#outer.as_ref().and_then(|o| #read))
                } else {
                    quote!({ let o = &self.#outer; #read })
                }
            }
        };
        quote!(fn total(&self) -> Option<u64> { #read })
    });
    let next_token = match &paging.cursor {
        PageCursor::Token { next, .. } => {
            let name = ident(&next.ident);
            let read = if next.is_optional() {
                quote!(self.#name.as_deref())
            } else {
                quote!(Some(self.#name.as_str()))
            };
            Some(quote!(fn next_token(&self) -> Option<&str> { #read }))
        }
        _ => None,
    };

    let pages_method = ident(&paging.pages_method);
    let items_method = ident(&paging.items_method);
    let ends = ending(paging);
    let pages_doc = doc(&format!(
        "Every page of [`{m}`](Self::{m}), from the one `request` asks for. The next page is requested only when the stream is polled, as an ordinary call (validated, paced, retried). The listing ends {ends}; a server that repeats a page ends it with [`Error::RepeatedPage`](crate::runtime::Error::RepeatedPage).",
        m = action.method
    ));
    let items_doc = doc(&format!(
        "Every item of [`{m}`](Self::{m}), page after page: the items of [`{p}`](Self::{p}).",
        m = action.method,
        p = paging.pages_method
    ));
    quote! {
        impl crate::runtime::paging::PagedRequest for #request {
            const STYLE: crate::runtime::paging::Style = crate::runtime::paging::Style::#style;
            #cursor_methods
            #page_size
        }
        impl crate::runtime::paging::PagedResponse for #response {
            type Item = #item;
            fn items(&self) -> &[#item] { #borrow }
            fn into_items(self) -> Vec<#item> { #take }
            #total
            #next_token
            fn request_id(&self) -> &str { &self.request_id }
        }
        impl super::Client {
            #pages_doc
            pub fn #pages_method(
                &self,
                request: #request,
            ) -> impl crate::runtime::stream::Stream<Item = Result<#response, crate::runtime::Error<#error>>> + Send + Unpin + '_ {
                crate::runtime::paging::pages(ACTION.name, request, move |request| self.#method(request))
            }
            #items_doc
            pub fn #items_method(
                &self,
                request: #request,
            ) -> impl crate::runtime::stream::Stream<Item = Result<#item, crate::runtime::Error<#error>>> + Send + Unpin + '_ {
                crate::runtime::paging::items(self.#pages_method(request))
            }
        }
    }
}

/// How `items()` borrows and `into_items()` takes the page's items: the
/// list itself, or the list inside a structure of the answer.
fn item_access(items: &Reached) -> (TokenStream, TokenStream) {
    let list = ident(&items.field.ident);
    let Some(within) = &items.within else {
        return if items.field.is_optional() {
            (
                quote!(self.#list.as_deref().unwrap_or_default()),
                quote!(self.#list.unwrap_or_default()),
            )
        } else {
            (quote!(&self.#list), quote!(self.#list))
        };
    };
    let outer = ident(&within.ident);
    // The structure borrowed or taken as an `Option`.
    let (outer_ref, outer_owned) = if within.is_optional() {
        (quote!(self.#outer.as_ref()), quote!(self.#outer))
    } else {
        (quote!(Some(&self.#outer)), quote!(Some(self.#outer)))
    };
    if items.field.is_optional() {
        (
            quote!(#outer_ref.and_then(|o| o.#list.as_deref()).unwrap_or_default()),
            quote!(#outer_owned.and_then(|o| o.#list).unwrap_or_default()),
        )
    } else {
        (
            quote!(#outer_ref.map(|o| o.#list.as_slice()).unwrap_or_default()),
            quote!(#outer_owned.map(|o| o.#list).unwrap_or_default()),
        )
    }
}

/// When the listing ends, in words.
fn ending(paging: &Paging) -> String {
    match (&paging.cursor, &paging.total) {
        (PageCursor::Token { next, .. }, _) => format!(
            "when an answer has no `{}` (or an empty one)",
            next.wire_name
        ),
        (_, Some(total)) => format!(
            "once `{}` items have been read, or at an empty page",
            total.path()
        ),
        (_, None) => "at the first empty page".to_string(),
    }
}

/// The element type of the items list.
fn item_type(items: &Field) -> TokenStream {
    let element = Field {
        ty: match &items.ty {
            Ty::Array(inner) => (**inner).clone(),
            other => other.clone(),
        },
        ..items.clone()
    };
    field_type(&element)
}

/// How a count travels: as `u64`, `i64` or a string holding a number.
enum Count {
    Unsigned,
    Signed,
    Text,
}

fn count(field: &Field) -> Count {
    match field.ty {
        Ty::Scalar(Scalar::Uint64) => Count::Unsigned,
        Ty::Scalar(Scalar::Int64) => Count::Signed,
        _ => Count::Text,
    }
}

/// A count field of `owner` (`self`, or a structure) as `Option<u64>` (a
/// negative or unreadable value reads as unset).
fn read_count(field: &Field, owner: &TokenStream) -> TokenStream {
    let name = ident(&field.ident);
    match (count(field), field.is_optional()) {
        (Count::Unsigned, true) => quote!(#owner.#name),
        (Count::Unsigned, false) => quote!(Some(#owner.#name)),
        (Count::Signed, true) => quote!(#owner.#name.and_then(|v| u64::try_from(v).ok())),
        (Count::Signed, false) => quote!(u64::try_from(#owner.#name).ok()),
        (Count::Text, true) => quote!(#owner.#name.as_deref().and_then(|v| v.parse().ok())),
        (Count::Text, false) => quote!(#owner.#name.parse().ok()),
    }
}

/// Sets a count field from the `u64` named `value`.
fn write_count(field: &Field, value: &TokenStream) -> TokenStream {
    let name = ident(&field.ident);
    let converted = match count(field) {
        Count::Unsigned => value.clone(),
        Count::Signed => quote!(i64::try_from(#value).unwrap_or(i64::MAX)),
        Count::Text => quote!(#value.to_string()),
    };
    if field.is_optional() {
        quote!(self.#name = Some(#converted);)
    } else {
        quote!(self.#name = #converted;)
    }
}
