//! Client-side checks of what the spec documents, so a request that the
//! server would reject (21 tags, an empty required ID) fails before it is
//! signed and sent. The checks name fields, never values: a value may be secret.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::ident;
use crate::model::{Field, Scalar, Ty};

/// `impl Validate for <name>`; the trait's default body covers structs with nothing to check.
pub fn validate_impl(name: &Ident, fields: &[Field]) -> TokenStream {
    let checks: Vec<TokenStream> = fields.iter().filter_map(field_checks).collect();
    let token = fields.iter().find(|f| f.idempotency_token).map(|f| {
        let field = ident(&f.ident);
        quote! {
            fn idempotency_token(&mut self) -> Option<&mut Option<String>> {
                Some(&mut self.#field)
            }
        }
    });
    if checks.is_empty() && token.is_none() {
        return quote!(impl crate::runtime::Validate for #name {});
    }
    let validate = (!checks.is_empty()).then(|| {
        quote! {
            fn validate(&self, v: &mut crate::runtime::Validator) {
                #(#checks)*
            }
        }
    });
    quote! {
        impl crate::runtime::Validate for #name {
            #validate
            #token
        }
    }
}

/// How checks reach a value: through a reference (`value`, `item`) or, for
/// a required field, in place (`self.field`), which needs no `let`.
struct Access {
    expr: TokenStream,
    is_ref: bool,
}

impl Access {
    /// A `&T` expression.
    fn by_ref(&self) -> TokenStream {
        let expr = &self.expr;
        if self.is_ref {
            quote!(#expr)
        } else {
            quote!(&#expr)
        }
    }

    /// A `T` expression, for `Copy` values.
    fn by_value(&self) -> TokenStream {
        let expr = &self.expr;
        if self.is_ref {
            quote!(*#expr)
        } else {
            quote!(#expr)
        }
    }
}

/// Checks of one field, or `None` if it has none.
fn field_checks(field: &Field) -> Option<TokenStream> {
    let access = ident(&field.ident);
    let value = if field.is_optional() {
        Access {
            expr: quote!(value),
            is_ref: true,
        }
    } else {
        Access {
            expr: quote!(self.#access),
            is_ref: false,
        }
    };
    let wire = &field.wire_name;
    let body: Vec<TokenStream> = match &field.ty {
        Ty::Array(inner) => {
            let c = &field.constraints;
            let mut body = Vec::new();
            let list = &value.expr;
            if c.min_items.is_some() || c.max_items.is_some() {
                let (min, max) = (opt(c.min_items), opt(c.max_items));
                body.push(quote!(v.items(#wire, #list.len(), #min, #max);));
            }
            let item = Access {
                expr: quote!(item),
                is_ref: true,
            };
            let per_item = element_checks(field, inner, &item, false);
            let list = value.by_ref();
            if matches!(**inner, Ty::Object(_)) {
                body.push(quote!(v.each(#wire, #list);));
            } else if !per_item.is_empty() {
                body.push(quote! {
                    for item in #list {
                        #(#per_item)*
                    }
                });
            }
            body
        }
        other => element_checks(field, other, &value, field.required),
    };
    if body.is_empty() {
        return None;
    }
    Some(if field.is_optional() {
        quote! {
            if let Some(value) = &self.#access {
                #(#body)*
            }
        }
    } else {
        quote!(#(#body)*)
    })
}

/// Checks of one scalar or object value.
fn element_checks(field: &Field, ty: &Ty, value: &Access, required: bool) -> Vec<TokenStream> {
    let wire = &field.wire_name;
    let c = &field.constraints;
    let mut checks = Vec::new();
    match ty {
        Ty::Scalar(s) if s.is_text() => {
            let text = if field.sensitive {
                let expr = &value.expr;
                quote!(#expr.expose())
            } else {
                value.by_ref()
            };
            if required && c.min_length != Some(0) {
                checks.push(quote!(v.non_empty(#wire, #text);));
            }
            if c.min_length.is_some() || c.max_length.is_some() {
                let (min, max) = (opt(c.min_length), opt(c.max_length));
                checks.push(quote!(v.length(#wire, #text, #min, #max);));
            }
            if !c.forbidden_prefixes.is_empty() || !c.forbidden_substrings.is_empty() {
                let prefixes = &c.forbidden_prefixes;
                let parts = &c.forbidden_substrings;
                checks.push(quote!(v.forbidden(#wire, #text, &[#(#prefixes),*], &[#(#parts),*]);));
            }
        }
        Ty::Scalar(Scalar::Int64 | Scalar::Uint64)
            if c.minimum.is_some() || c.maximum.is_some() =>
        {
            let (min, max) = (opt(c.minimum), opt(c.maximum));
            let number = value.by_value();
            checks.push(quote!(v.range(#wire, i128::from(#number), #min, #max);));
        }
        Ty::Object(_) => {
            let nested = value.by_ref();
            checks.push(quote!(v.nested(#wire, #nested);));
        }
        _ => {}
    }
    checks
}

/// `Some(n)` or `None`, with an unsuffixed literal so the type comes from the call.
fn opt<T: Into<i128>>(value: Option<T>) -> TokenStream {
    match value.map(Into::into) {
        Some(n) if n < 0 => {
            let magnitude = proc_macro2::Literal::u128_unsuffixed(n.unsigned_abs());
            quote!(Some(-#magnitude))
        }
        Some(n) => {
            let literal = proc_macro2::Literal::u128_unsuffixed(n as u128);
            quote!(Some(#literal))
        }
        None => quote!(None),
    }
}
