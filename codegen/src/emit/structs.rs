//! Structs: requests, responses and object shapes.
//!
//! Fields are public and the struct is `#[non_exhaustive]`: callers read and
//! change fields freely, but build values through `new(required…)`, so a
//! required parameter cannot be left out and new optional fields are not
//! breaking changes.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, first_sentence, prose};
use super::types::{ident, setter_conversion, stored_type};
use super::validate::validate_impl;
use crate::model::{Constraints, Field};

/// What one struct needs.
pub struct StructPlan<'a> {
    /// Rust name.
    pub ident: &'a str,
    /// Documentation of the struct.
    pub doc: String,
    /// Fields in spec order.
    pub fields: &'a [Field],
    /// Sent to the server.
    pub serialize: bool,
    /// Received from the server.
    pub deserialize: bool,
    /// Ends with `RequestId` (responses).
    pub request_id: bool,
}

/// The struct, and for sendable structs a constructor, setters and checks.
pub fn emit_struct(plan: &StructPlan) -> TokenStream {
    let name = ident(plan.ident);
    let struct_doc = doc(&plan.doc);
    let mut derives = vec![quote!(Clone), quote!(Debug), quote!(PartialEq)];
    let all_optional = plan.fields.iter().all(Field::is_optional);
    if plan.serialize && all_optional && !plan.request_id {
        derives.push(quote!(Default));
    }
    if plan.serialize {
        derives.push(quote!(serde::Serialize));
    }
    if plan.deserialize {
        derives.push(quote!(serde::Deserialize));
    }
    // The testkit decodes the requests it receives and encodes the answers a
    // test sets; other users do not compile the other direction.
    let testkit = match (plan.serialize, plan.deserialize) {
        (true, false) => Some(quote!(#[cfg_attr(feature = "testkit", derive(serde::Deserialize))])),
        (false, true) => Some(quote!(#[cfg_attr(feature = "testkit", derive(serde::Serialize))])),
        _ => None,
    };
    let fields = plan.fields.iter().map(|f| field(f, plan.serialize));
    let request_id = plan.request_id.then(|| {
        quote! {
            /// Unique ID of this request, assigned by the server; quote it when asking the vendor for help.
            #[serde(rename = "RequestId", default)]
            pub request_id: String,
        }
    });
    let builder = plan.serialize.then(|| builder(&name, plan.fields));
    let checks = plan.serialize.then(|| validate_impl(&name, plan.fields));
    quote! {
        #struct_doc
        #[derive(#(#derives),*)]
        #testkit
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #request_id
        }
        #builder
        #checks
    }
}

fn field(field: &Field, serialize: bool) -> TokenStream {
    let name = ident(&field.ident);
    let ty = stored_type(field);
    let wire = &field.wire_name;
    let docs = doc(&field_doc(field));
    // A hidden field leaves the documentation index, unless it is an
    // argument of `new`: every caller passes it, so it stays documented.
    let argument = serialize && !field.is_optional();
    let hidden = (field.hidden && !argument).then(|| quote!(#[doc(hidden)]));
    let serde = match (serialize && field.is_optional(), field.json_text) {
        // `default`: with `with`, serde no longer treats a missing `Option` as `None`.
        (true, true) => {
            quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none", default, with = "crate::runtime::json_text")])
        }
        (true, false) => quote!(#[serde(rename = #wire, skip_serializing_if = "Option::is_none")]),
        (false, true) => quote!(#[serde(rename = #wire, with = "crate::runtime::json_text")]),
        (false, false) => quote!(#[serde(rename = #wire)]),
    };
    quote! {
        #docs
        #hidden
        #serde
        pub #name: #ty,
    }
}

/// The description, then one line of facts: requiredness, limits, example.
fn field_doc(field: &Field) -> String {
    let mut facts = Vec::new();
    if field.nullable {
        facts.push("May be null.".to_string());
    }
    if field.sensitive {
        facts.push("Secret: redacted in `Debug` output.".to_string());
    }
    if field.json_text {
        facts.push("Sent as one parameter holding its JSON text.".to_string());
    }
    if field.idempotency_token {
        facts.push(
            "Filled with a fresh UUID when left unset, so retries are executed once.".to_string(),
        );
    }
    facts.extend(constraint_facts(&field.constraints));
    if let Some(default) = &field.default {
        facts.push(format!("Server default: `{default}`."));
    }
    if let Some(example) = field.example.as_ref().filter(|_| !field.sensitive)
        && example.len() <= 80
    {
        facts.push(format!("Example: `{}`.", example.replace('`', "'")));
    }
    if field.hidden {
        facts.push("Left out of the vendor's documentation.".to_string());
    }
    if field.deprecated {
        facts.push("Deprecated by the vendor.".to_string());
    }
    let mut text = prose(field.description.trim());
    // Facts follow the description on the same line: one line per field
    // instead of three keeps generated files short.
    for fact in facts {
        text.push(' ');
        text.push_str(&fact);
    }
    text
}

fn constraint_facts(c: &Constraints) -> Vec<String> {
    let mut facts = Vec::new();
    let range = |what: &str, min: Option<String>, max: Option<String>| match (min, max) {
        (Some(min), Some(max)) => Some(format!("{what} {min} to {max}.")),
        (Some(min), None) => Some(format!("{what} at least {min}.")),
        (None, Some(max)) => Some(format!("{what} at most {max}.")),
        (None, None) => None,
    };
    facts.extend(range(
        "Length:",
        c.min_length.map(|v| v.to_string()),
        c.max_length.map(|v| v.to_string()),
    ));
    facts.extend(range(
        "Items:",
        c.min_items.map(|v| v.to_string()),
        c.max_items.map(|v| v.to_string()),
    ));
    facts.extend(range(
        "Value:",
        c.minimum.map(|v| v.to_string()),
        c.maximum.map(|v| v.to_string()),
    ));
    for prefix in &c.forbidden_prefixes {
        facts.push(format!("Must not start with `{prefix}`."));
    }
    for part in &c.forbidden_substrings {
        facts.push(format!("Must not contain `{part}`."));
    }
    facts
}

/// `new(required…)` and one setter per optional field.
fn builder(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional()).collect();
    let params = required.iter().map(|f| {
        let param = ident(&f.ident);
        let (ty, _) = setter_conversion(f, &param);
        quote!(#param: #ty)
    });
    let inits = fields.iter().map(|f| {
        let field = ident(&f.ident);
        if f.is_optional() {
            return quote!(#field: None);
        }
        match setter_conversion(f, &field).1 {
            Some(convert) => quote!(#field: #convert),
            None => quote!(#field),
        }
    });
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = if required.is_empty() {
        "Creates a value with every optional field unset.".to_string()
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", f.wire_name))
            .collect();
        format!(
            "Creates a value from the required fields ({}); optional fields start unset.",
            names.join(", ")
        )
    };
    let new_doc = doc(&new_doc);
    let setters = fields.iter().filter(|f| f.is_optional()).map(|f| {
        let field = ident(&f.ident);
        let (ty, convert) = setter_conversion(f, &field);
        let convert = convert.unwrap_or_else(|| quote!(#field));
        let setter_doc = doc(&format!(
            "Sets `{}`: {}",
            f.wire_name,
            prose(first_sentence(&f.description))
        ));
        let hidden = f.hidden.then(|| quote!(#[doc(hidden)]));
        quote! {
            #setter_doc
            #hidden
            pub fn #field(mut self, #field: #ty) -> Self {
                self.#field = Some(#convert);
                self
            }
        }
    });
    quote! {
        impl #name {
            #new_doc
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}
