//! Model types → Rust type tokens, and the conversions setters accept.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::{Field, Scalar, Ty};

/// An identifier token for a name the model already made valid.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of a field without `Option`.
pub fn field_type(field: &Field) -> TokenStream {
    ty(&field.ty, field.sensitive)
}

/// The Rust type of a field as stored in its struct.
pub fn stored_type(field: &Field) -> TokenStream {
    let inner = field_type(field);
    if field.is_optional() {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

fn ty(ty: &Ty, sensitive: bool) -> TokenStream {
    match ty {
        Ty::Scalar(scalar) => scalar_type(*scalar, sensitive),
        // The leading `::` keeps the path apart from any generated item.
        Ty::Json => quote!(::serde_json::Value),
        Ty::Array(inner) => {
            let inner = self::ty(inner, sensitive);
            quote!(Vec<#inner>)
        }
        Ty::Object(name) | Ty::Enum { ident: name, .. } => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

fn scalar_type(scalar: Scalar, sensitive: bool) -> TokenStream {
    match scalar {
        _ if scalar.is_text() && sensitive => quote!(crate::runtime::Sensitive<String>),
        Scalar::Int64 => quote!(i64),
        Scalar::Uint64 => quote!(u64),
        Scalar::Float => quote!(f64),
        Scalar::Boolean => quote!(bool),
        _ => quote!(String),
    }
}

/// What a constructor or setter takes for `field`, and how the parameter
/// named `value` becomes the stored value (`Option` excluded); `None` when it
/// is stored as is.
pub fn setter_conversion(field: &Field, value: &Ident) -> (TokenStream, Option<TokenStream>) {
    match &field.ty {
        Ty::Scalar(s) if s.is_text() => text_conversion(field.sensitive, quote!(#value)),
        // `json!(…)`, text, numbers, `Vec`s and maps all convert.
        Ty::Json => (
            quote!(impl Into<::serde_json::Value>),
            Some(quote!(#value.into())),
        ),
        Ty::Array(inner) => match &**inner {
            Ty::Scalar(s) if s.is_text() => {
                let item = quote!(item);
                let convert = match text_conversion(field.sensitive, item.clone()).1 {
                    Some(convert) => convert,
                    None => item,
                };
                (
                    quote!(impl IntoIterator<Item = impl Into<String>>),
                    Some(quote!(#value.into_iter().map(|item| #convert).collect())),
                )
            }
            other => {
                let element = ty(other, field.sensitive);
                (
                    quote!(impl IntoIterator<Item = #element>),
                    Some(quote!(#value.into_iter().collect())),
                )
            }
        },
        other => (ty(other, field.sensitive), None),
    }
}

fn text_conversion(sensitive: bool, value: TokenStream) -> (TokenStream, Option<TokenStream>) {
    if sensitive {
        (
            quote!(impl Into<String>),
            Some(quote!(crate::runtime::Sensitive::new(#value.into()))),
        )
    } else {
        (quote!(impl Into<String>), Some(quote!(#value.into())))
    }
}
