//! Enums: documented value sets and error codes.
//!
//! Every enum has a fallback variant, so a value the server adds later never
//! fails deserialization; it is kept as received and sent back unchanged.

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
    let (wire_type, unknown, derive_copy, as_wire, unknown_value, from_arg, owned, macro_name) =
        match def.repr {
            EnumRepr::String => (
                quote!(&'static str),
                quote!(String),
                quote!(),
                quote!(as_str(&self) -> &str),
                quote!(value),
                quote!(value: &str),
                quote!(value.to_owned()),
                quote!(string_enum),
            ),
            EnumRepr::Integer => (
                quote!(i64),
                quote!(i64),
                quote!(Copy,),
                quote!(as_i64(&self) -> i64),
                quote!(*value),
                quote!(value: i64),
                quote!(value),
                quote!(int_enum),
            ),
        };
    // An integer is copied for free; a string is only copied when it is unknown.
    let from_wire_body = match def.repr {
        EnumRepr::String => {
            quote!(crate::runtime::enums::from_wire(value, Self::WIRE).unwrap_or_else(|| Self::Unknown(#owned)))
        }
        EnumRepr::Integer => {
            quote!(crate::runtime::enums::from_wire(value, Self::WIRE).unwrap_or(Self::Unknown(#owned)))
        }
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
        impl #name {
            /// The documented values and their variants.
            const WIRE: &'static [(#wire_type, Self)] = &[#((#values, Self::#idents)),*];
            /// The value as sent on the wire.
            pub fn #as_wire {
                match self {
                    Self::Unknown(value) => #unknown_value,
                    known => crate::runtime::enums::wire_key(known, Self::WIRE),
                }
            }
            /// Parses a wire value; undocumented values become [`Self::Unknown`].
            pub fn from_wire(#from_arg) -> Self {
                #from_wire_body
            }
        }
        crate::runtime::#macro_name!(#name);
    }
}

/// The error-code enum of one action: its documented codes, then the
/// vendor's common codes, then anything else as `Unknown`.
pub fn action_error_enum(
    name: &str,
    action_link: &str,
    vendor: &str,
    vendor_title: &str,
    codes: &[ErrorCode],
) -> TokenStream {
    let name = ident(name);
    let vendor = ident(vendor);
    let enum_doc = doc(&format!(
        "Error codes of {action_link}.\n\nDocumented codes of this action have their own variant; any other code that every {vendor_title} action can return is [`Common`](Self::Common); anything else is kept in [`Unknown`](Self::Unknown)."
    ));
    let variants = code_variants(codes);
    let fallback = quote! {
        match crate::#vendor::CommonErrorCode::from_code(code) {
            Some(common) => Self::Common(common),
            None => Self::Unknown(code.to_owned()),
        }
    };
    // An action without documented codes needs no table of its own.
    let (table, parse, documented_arm) = if codes.is_empty() {
        (quote!(), fallback, quote!())
    } else {
        let idents = codes.iter().map(|c| ident(&c.variant));
        let wires = codes.iter().map(|c| c.code.as_str());
        (
            quote! {
                /// The documented codes and their variants.
                const CODES: &'static [(&'static str, Self)] = &[#((#wires, Self::#idents)),*];
            },
            quote! {
                crate::runtime::enums::from_wire(code, Self::CODES).unwrap_or_else(|| #fallback)
            },
            quote!(documented => crate::runtime::enums::wire_key(documented, Self::CODES),),
        )
    };
    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code every action of this vendor can return (authentication, throttling, …).
            Common(crate::#vendor::CommonErrorCode),
            /// A code this version of the crate does not document for this action, kept as received.
            Unknown(String),
        }
        impl #name {
            #table
            /// Parses the code the server sent.
            pub fn from_code(code: &str) -> Self {
                #parse
            }
            /// The code as the server sent it, e.g. `FailedOperation.CertificateNotFound`.
            pub fn code(&self) -> &str {
                match self {
                    Self::Common(common) => common.code(),
                    Self::Unknown(code) => code,
                    #documented_arm
                }
            }
        }
        crate::runtime::error_code!(#name);
    }
}

/// The vendor's common codes: a closed set, parsed with `Option`.
pub fn common_error_enum(vendor_title: &str, codes: &[ErrorCode]) -> TokenStream {
    let enum_doc = doc(&format!(
        "Error codes every {vendor_title} action can return, whatever the product."
    ));
    let variants = code_variants(codes);
    let idents = codes.iter().map(|c| ident(&c.variant));
    let wires = codes.iter().map(|c| c.code.as_str());
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonErrorCode {
            #(#variants)*
        }
        impl CommonErrorCode {
            /// The codes and their variants.
            const CODES: &'static [(&'static str, Self)] = &[#((#wires, Self::#idents)),*];
            /// Parses a code; `None` if it is not a common code.
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
        let variant_doc = doc(&format!("`{}`{status}: {}", c.code, prose(&c.description)));
        quote!(#variant_doc #variant,)
    })
}
