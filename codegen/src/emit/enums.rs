//! Enums: documented value sets and error codes.
//!
//! Every value set and action error enum has a fallback variant, so a value
//! the server adds later never fails deserialization; it is kept as received
//! and sent back unchanged. The vendor's common codes are a closed set that
//! action error enums fall back through.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, prose};
use super::types::ident;
use crate::model::{EnumDef, EnumRepr, EnumValue, ErrorCode};

/// A value-set enum with its wire conversions and serde impls.
pub fn value_enum(def: &EnumDef) -> TokenStream {
    let name = ident(&def.ident);
    let enum_doc = doc(&prose(&def.description));
    let variants = def.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let wire = match &v.value {
            EnumValue::String(s) => format!("`{s}`"),
            EnumValue::Integer(n) => format!("`{n}`"),
        };
        let variant_doc = doc(&format!("{wire}: {}", prose(&v.description)));
        quote!(#variant_doc #variant,)
    });
    let idents: Vec<_> = def.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<TokenStream> = def
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::String(s) => quote!(#s),
            EnumValue::Integer(n) => {
                let n = proc_macro2::Literal::i64_unsuffixed(*n);
                quote!(#n)
            }
        })
        .collect();
    let (wire_type, unknown, derive_copy, macro_name) = match def.repr {
        EnumRepr::String => (
            quote!(&'static str),
            quote!(String),
            quote!(),
            quote!(string_enum),
        ),
        EnumRepr::Integer => (quote!(i64), quote!(i64), quote!(Copy,), quote!(int_enum)),
    };
    quote! {
        #enum_doc
        #[derive(Clone, #derive_copy Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not document, kept as received.
            Unknown(#unknown),
        }
        // The documented values and their variants; the runtime's macro reads
        // them (private, so no doc line: the macro documents the table).
        impl #name {
            const WIRE: &'static [(#wire_type, Self)] = &[#((#values, Self::#idents)),*];
        }
        // The wire conversions and serde impls, shared through the runtime.
        crate::runtime::#macro_name!(#name);
    }
}

/// The error-code enum of one action: its documented codes, then the
/// product's published codes (when it has any), then the vendor's common
/// codes, then anything else as `Unknown`.
pub fn action_error_enum(
    name: &str,
    action_link: &str,
    vendor: &str,
    vendor_title: &str,
    product_codes: bool,
    codes: &[ErrorCode],
) -> TokenStream {
    let name = ident(name);
    let vendor = ident(vendor);
    let product_doc = if product_codes {
        "any other code the product publishes is [`Product`](Self::Product); "
    } else {
        ""
    };
    let enum_doc = doc(&format!(
        "Error codes of {action_link}.\n\nDocumented codes of this action have their own variant; {product_doc}any other code that every {vendor_title} action can return is [`Common`](Self::Common); anything else is kept in [`Unknown`](Self::Unknown)."
    ));
    let variants = code_variants(codes);
    let (templates, exact): (Vec<&ErrorCode>, Vec<&ErrorCode>) =
        codes.iter().partition(|c| c.template);
    let idents = exact.iter().map(|c| ident(&c.variant));
    let wires = exact.iter().map(|c| c.code.as_str());
    let template_idents: Vec<_> = templates.iter().map(|c| ident(&c.variant)).collect();
    let template_wires = templates.iter().map(|c| c.code.as_str());
    let templates_arg =
        (!templates.is_empty()).then(|| quote!(, templates = [#(#template_idents),*]));
    let templates_table = (!templates.is_empty()).then(|| {
        quote! {
            const TEMPLATES: &'static crate::runtime::enums::Templates<Self> = &[#((#template_wires, Self::#template_idents)),*];
        }
    });
    let (product_variant, product_arg) = if product_codes {
        (
            quote! {
                /// A code the product publishes for all its actions.
                Product(super::ProductErrorCode),
            },
            quote!(, product = super::ProductErrorCode),
        )
    } else {
        (quote!(), quote!())
    };
    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #product_variant
            /// A code every action of this vendor can return (authentication, throttling, …).
            Common(crate::#vendor::CommonErrorCode),
            /// A code this version of the crate does not document for this action, kept as received.
            Unknown(String),
        }
        // The documented codes and their variants, read by the runtime's macro.
        impl #name {
            const CODES: &'static [(&'static str, Self)] = &[#((#wires, Self::#idents)),*];
            #templates_table
        }
        // `from_code`, `code` and the `ErrorCode` impl, shared through the runtime.
        crate::runtime::error_code!(#name, #vendor #product_arg #templates_arg);
    }
}

/// The vendor's common codes: a closed set, parsed with `Option`.
pub fn common_error_enum(vendor_title: &str, codes: &[ErrorCode]) -> TokenStream {
    closed_error_enum(
        "CommonErrorCode",
        &format!("Error codes every {vendor_title} action can return, whatever the product."),
        codes,
    )
}

/// The codes a product publishes for all its actions: a closed set, parsed with `Option`.
pub fn product_error_enum(product_title: &str, codes: &[ErrorCode]) -> TokenStream {
    closed_error_enum(
        "ProductErrorCode",
        &format!(
            "Error codes {product_title} publishes for all its actions; each action's error enum falls back on them."
        ),
        codes,
    )
}

fn closed_error_enum(name: &str, description: &str, codes: &[ErrorCode]) -> TokenStream {
    let name = ident(name);
    let enum_doc = doc(description);
    let variants = code_variants(codes);
    let idents = codes.iter().map(|c| ident(&c.variant));
    let wires = codes.iter().map(|c| c.code.as_str());
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// The codes and their variants.
            const CODES: &'static [(&'static str, Self)] = &[#((#wires, Self::#idents)),*];
            /// Parses a code; `None` if it is not one of these.
            pub fn from_code(code: &str) -> Option<Self> {
                crate::runtime::enums::from_wire(code, Self::CODES)
            }
            /// The code as the server sends it.
            pub fn code(&self) -> &'static str {
                crate::runtime::enums::wire_key(self, Self::CODES)
            }
        }
    }
}

fn code_variants(codes: &[ErrorCode]) -> impl Iterator<Item = TokenStream> + '_ {
    codes.iter().map(|c| {
        let variant = ident(&c.variant);
        let status = c
            .http_status
            .map(|s| format!(" (HTTP {s})"))
            .unwrap_or_default();
        if c.template {
            let variant_doc = doc(&format!(
                "A code of the form `{}`{status}, as the server sent it (`%s` stands for a name): {}",
                c.code,
                prose(&c.description)
            ));
            return quote!(#variant_doc #variant(String),);
        }
        let variant_doc = doc(&format!("`{}`{status}: {}", c.code, prose(&c.description)));
        quote!(#variant_doc #variant,)
    })
}
