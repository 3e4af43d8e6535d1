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
    match def.repr {
        EnumRepr::String => {
            let values: Vec<&str> = def
                .variants
                .iter()
                .map(|v| match &v.value {
                    EnumValue::String(s) => s.as_str(),
                    EnumValue::Integer(_) => "",
                })
                .collect();
            quote! {
                #enum_doc
                #[derive(Clone, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variants)*
                    /// A value this version of the crate does not document, kept as received.
                    Unknown(String),
                }
                impl #name {
                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(Self::#idents => #values,)*
                            Self::Unknown(value) => value,
                        }
                    }
                    /// Parses a wire value; undocumented values become [`Self::Unknown`].
                    pub fn from_wire(value: &str) -> Self {
                        match value {
                            #(#values => Self::#idents,)*
                            other => Self::Unknown(other.to_owned()),
                        }
                    }
                }
                crate::runtime::string_enum!(#name);
            }
        }
        EnumRepr::Integer => {
            let values: Vec<proc_macro2::Literal> = def
                .variants
                .iter()
                .map(|v| match &v.value {
                    EnumValue::Integer(n) => proc_macro2::Literal::i64_unsuffixed(*n),
                    EnumValue::String(_) => proc_macro2::Literal::i64_unsuffixed(0),
                })
                .collect();
            quote! {
                #enum_doc
                #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variants)*
                    /// A value this version of the crate does not document, kept as received.
                    Unknown(i64),
                }
                impl #name {
                    /// The value as sent on the wire.
                    pub fn as_i64(&self) -> i64 {
                        match self {
                            #(Self::#idents => #values,)*
                            Self::Unknown(value) => *value,
                        }
                    }
                    /// Parses a wire value; undocumented values become [`Self::Unknown`].
                    pub fn from_wire(value: i64) -> Self {
                        match value {
                            #(#values => Self::#idents,)*
                            other => Self::Unknown(other),
                        }
                    }
                }
                crate::runtime::int_enum!(#name);
            }
        }
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
    let idents: Vec<_> = codes.iter().map(|c| ident(&c.variant)).collect();
    let wires: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    let fallback = quote! {
        match crate::#vendor::CommonErrorCode::from_code(code) {
            Some(common) => Self::Common(common),
            None => Self::Unknown(code.to_owned()),
        }
    };
    // An action without documented codes needs no `match` of its own.
    let parse = if codes.is_empty() {
        fallback
    } else {
        quote! {
            match code {
                #(#wires => Self::#idents,)*
                _ => #fallback,
            }
        }
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
            /// Parses the code the server sent.
            pub fn from_code(code: &str) -> Self {
                #parse
            }
            /// The code as the server sent it, e.g. `FailedOperation.CertificateNotFound`.
            pub fn code(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::Common(common) => common.code(),
                    Self::Unknown(code) => code,
                }
            }
        }
        impl crate::runtime::ErrorCode for #name {
            fn from_code(code: &str) -> Self {
                Self::from_code(code)
            }
            fn code(&self) -> &str {
                self.code()
            }
        }
    }
}

/// The vendor's common codes: a closed set, parsed with `Option`.
pub fn common_error_enum(vendor_title: &str, codes: &[ErrorCode]) -> TokenStream {
    let enum_doc = doc(&format!(
        "Error codes every {vendor_title} action can return, whatever the product."
    ));
    let variants = code_variants(codes);
    let idents: Vec<_> = codes.iter().map(|c| ident(&c.variant)).collect();
    let wires: Vec<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    let parse = if codes.is_empty() {
        quote!(let _ = code; None)
    } else {
        quote! {
            match code {
                #(#wires => Some(Self::#idents),)*
                _ => None,
            }
        }
    };
    quote! {
        #enum_doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonErrorCode {
            #(#variants)*
        }
        impl CommonErrorCode {
            /// Parses a code; `None` if it is not a common code.
            pub fn from_code(code: &str) -> Option<Self> {
                #parse
            }
            /// The code as the server sends it.
            pub fn code(&self) -> &'static str {
                match self {
                    #(Self::#idents => #wires,)*
                }
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
