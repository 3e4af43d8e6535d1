//! One action's module: request, response, error codes, its enums, the
//! runtime description of the action, and its `Client` method(s).
//!
//! Everything an action generates lives in this one file, so its snapshot
//! shows every effect of editing its spec.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, module_doc, prose};
use super::enums::{action_error_enum, value_enum};
use super::structs::{StructPlan, emit_struct};
use super::types::ident;
use crate::model::{
    Action, Condition, Field, Location, Product, ShapeDef, TaskCarrier, TaskInput, TaskWaiter, Ty,
    VendorDef, WaitValue,
};

/// The module for `action`.
pub fn action_module(vendor: &VendorDef, product: &Product, action: &Action) -> TokenStream {
    let module_docs = module_doc(&format!("`{}`: {}", action.name, prose(&action.summary)));
    let method_link = format!(
        "[`Client::{}`](super::Client::{})",
        action.method, action.method
    );
    let imports = shape_imports(action);
    let request = emit_struct(&StructPlan {
        ident: &action.request,
        doc: format!("Parameters of {method_link}."),
        fields: &action.input,
        serialize: true,
        deserialize: false,
        request_id: false,
    });
    let response = emit_struct(&StructPlan {
        ident: &action.response,
        doc: format!("What {method_link} returns."),
        fields: &action.output,
        serialize: false,
        deserialize: true,
        request_id: true,
    });
    let errors = action_error_enum(
        &action.error,
        &method_link,
        &vendor.module,
        &prose(&vendor.title),
        !product.errors.is_empty(),
        &action.errors,
    );
    let enums = action.enums.iter().map(value_enum);
    let statics = action_static(product, action);
    let operation = operation(action);
    let methods = client_methods(vendor, product, action);
    let paging = action
        .paging
        .as_ref()
        .map(|p| super::paging::paging(action, p));
    quote! {
        #module_docs
        #imports
        #request
        #response
        #errors
        #(#enums)*
        #statics
        #operation
        #methods
        #paging
    }
}

/// `use super::types::{…}` for the shared shapes this action mentions,
/// the items of its listing included (they may sit in a structure).
fn shape_imports(action: &Action) -> TokenStream {
    let items = action.paging.iter().map(|p| &p.items.field);
    let names: BTreeSet<&str> = action
        .input
        .iter()
        .chain(&action.output)
        .chain(items)
        .filter_map(|f| match f.ty.element() {
            Ty::Object(name)
            | Ty::Enum {
                ident: name,
                shared: true,
                ..
            } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        return TokenStream::new();
    }
    let names = names.into_iter().map(ident);
    quote!(use super::types::{#(#names),*};)
}

fn action_static(product: &Product, action: &Action) -> TokenStream {
    let wire = &action.name;
    let idempotent = action.idempotent;
    let rate = match action.rate_limit_per_second {
        Some(n) => {
            let n = proc_macro2::Literal::u32_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    let secret_outputs = secret_outputs(product, action);
    let http = http_binding(action);
    quote! {
        /// How the runtime treats this action: name on the wire, retry safety, documented rate limit,
        /// and the response fields an error message must not quote.
        pub static ACTION: crate::runtime::Action = crate::runtime::Action {
            name: #wire,
            idempotent: #idempotent,
            rate_limit_per_second: #rate,
            secret_outputs: &[#(#secret_outputs),*],
            http: #http,
        };
    }
}

/// A REST action's method, path and the members outside the JSON body.
fn http_binding(action: &Action) -> TokenStream {
    let Some(http) = &action.http else {
        return quote!(None);
    };
    let method = http.method.as_str();
    let path = &http.path;
    let places = |fields: &[Field]| {
        let places = fields.iter().filter_map(|f| {
            let location = match f.location? {
                Location::Body => return None,
                Location::Path => quote!(Path),
                Location::Query => quote!(Query),
                Location::Header => quote!(Header),
                Location::Payload => quote!(Payload),
            };
            let name = &f.wire_name;
            Some(quote!((#name, crate::runtime::Location::#location)))
        });
        quote!(&[#(#places),*])
    };
    let input = places(&action.input);
    let output = places(&action.output);
    quote! {
        Some(&crate::runtime::HttpBinding {
            method: #method,
            path: #path,
            input: #input,
            output: #output,
        })
    }
}

/// The wire names of the secret fields of the response, at any depth:
/// its own and those of the shared shapes it reaches.
fn secret_outputs(product: &Product, action: &Action) -> BTreeSet<String> {
    let mut secrets = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut pending = vec![action.output.as_slice()];
    while let Some(fields) = pending.pop() {
        for field in fields {
            if field.sensitive {
                secrets.insert(field.wire_name.clone());
            }
            let Ty::Object(name) = field.ty.element() else {
                continue;
            };
            if !seen.insert(name) {
                continue;
            }
            let shape = product.shapes.iter().find_map(|shape| match &shape.def {
                ShapeDef::Object(object) if object.ident == *name => Some(object),
                _ => None,
            });
            if let Some(shape) = shape {
                pending.push(&shape.fields);
            }
        }
    }
    secrets
}

/// Ties the request type to its action for the testkit; compiled with the `testkit` feature only.
fn operation(action: &Action) -> TokenStream {
    let request = ident(&action.request);
    quote!(crate::runtime::operation!(#request);)
}

fn client_methods(vendor: &VendorDef, product: &Product, action: &Action) -> TokenStream {
    let method = ident(&action.method);
    let request = ident(&action.request);
    let response = ident(&action.response);
    let error = ident(&action.error);
    let method_doc = doc(&method_doc(vendor, product, action));
    let waiter = action.waiter.as_ref().map(|w| {
        let waiter_method = ident(&w.method);
        let (condition, failed) = super::polling::checks(w, &response);
        let condition_text = match &w.condition {
            Condition::GreaterThan(n) => format!("`{}` > {n}", w.field_wire_name),
            Condition::Equals(value) => format!("`{}` == {}", w.field_wire_name, plain(value)),
        };
        let waiter_doc = doc(&format!(
            "Calls [`{}`](Self::{}) until {condition_text}: {}\n\nWaits {} ms after the first call, doubling up to {} ms between calls, for at most {} s, unless `options` or the client's [`Config::wait_options`](crate::runtime::Config::wait_options) say otherwise. Each call is retried and paced like any other; when the deadline passes first, the error is [`Error::WaitTimeout`](crate::runtime::Error::WaitTimeout).{}",
            action.method, action.method, prose(&w.description), w.initial_delay_ms, w.max_delay_ms, w.timeout_secs,
            if w.fail_on.is_empty() {
                String::new()
            } else {
                let values: Vec<String> = w.fail_on.iter().map(plain).collect();
                let some = if w.list.is_some() { "an item's " } else { "" };
                format!(" When {some}`{}` is {}, the awaited state can no longer be reached and the error is [`Error::WaitFailed`](crate::runtime::Error::WaitFailed).", w.field_wire_name, values.join(", "))
            }
        ));
        let (initial, max, timeout) = (w.initial_delay_ms, w.max_delay_ms, w.timeout_secs);
        quote! {
            #waiter_doc
            pub async fn #waiter_method(
                &self,
                request: #request,
                options: crate::runtime::WaitOptions,
            ) -> Result<#response, crate::runtime::Error<#error>> {
                let defaults = crate::runtime::WaitDefaults { initial_delay_ms: #initial, max_delay_ms: #max, timeout_secs: #timeout };
                self.transport.wait_until(
                    &ACTION,
                    self.transport.wait_policy(options, defaults),
                    // Not `request.clone()`: a parameter named `Clone` has a setter `clone`.
                    || self.#method(::core::clone::Clone::clone(&request)),
                    #condition,
                    #failed,
                    |response: &#response| response.request_id.as_str(),
                )
                .await
            }
        }
    });
    let task = action.task.as_ref().map(|task| task_waiter(action, task));
    quote! {
        impl super::Client {
            #method_doc
            pub async fn #method(&self, request: #request) -> Result<#response, crate::runtime::Error<#error>> {
                self.transport.call(&ACTION, request).await
            }
            #waiter
            #task
        }
    }
}

/// `<action>_until_<state>(&answer, options)`: the reporting action's waiter,
/// on the request the answer of `action` makes.
fn task_waiter(action: &Action, task: &TaskWaiter) -> TokenStream {
    let method = ident(&task.method);
    let response = ident(&action.response);
    let module = ident(&task.reporter_module);
    let (request, reported, error) = (
        ident(&task.request),
        ident(&task.response),
        ident(&task.error),
    );
    let waiter = ident(&task.reporter_waiter.method);
    // An answer that may lack the task's ID is checked first: waiting on it
    // is refused as the reporting request it cannot make, before sending.
    let mut checked = Vec::new();
    let checks: Vec<TokenStream> = task
        .inputs
        .iter()
        .filter(|input| input.from_optional)
        .filter(|input| {
            let first = !checked.contains(&input.from);
            checked.push(input.from.clone());
            first
        })
        .map(|input| {
            let from = ident(&input.from);
            let problem = format!(
                "{}: the {} answer names no task (it has no {})",
                input.wire_name, action.name, input.from_wire_name
            );
            quote! {
                let #from = crate::runtime::task_id(
                    response.#from.as_ref(),
                    &super::#module::ACTION,
                    #problem,
                )?;
            }
        })
        .collect();
    let value = |input: &TaskInput| {
        let from = ident(&input.from);
        let id = if input.from_optional {
            quote!(::core::clone::Clone::clone(#from))
        } else {
            quote!(::core::clone::Clone::clone(&response.#from))
        };
        match &input.carrier {
            TaskCarrier::Text => id,
            TaskCarrier::List => quote!([#id]),
            TaskCarrier::Filter { shape, name } => {
                let shape = ident(shape);
                quote!([super::types::#shape::new(#name, [#id])])
            }
        }
    };
    let required = task.inputs.iter().filter(|i| i.required).map(value);
    let setters = task.inputs.iter().filter(|i| !i.required).map(|input| {
        let setter = ident(&input.ident);
        let value = value(input);
        quote!(.#setter(#value))
    });
    let sets: Vec<String> = task
        .inputs
        .iter()
        .map(|i| match &i.carrier {
            TaskCarrier::Text => format!(
                "`{}` set to the answer's `{}`",
                i.wire_name, i.from_wire_name
            ),
            TaskCarrier::List => format!(
                "`{}` set to a list of the answer's `{}`",
                i.wire_name, i.from_wire_name
            ),
            TaskCarrier::Filter { name, .. } => format!(
                "`{}` set to the filter `{}` with the answer's `{}`",
                i.wire_name, name, i.from_wire_name
            ),
        })
        .collect();
    let refused = if checks.is_empty() {
        String::new()
    } else {
        " An answer without the task's ID is refused with [`Error::InvalidRequest`](crate::runtime::Error::InvalidRequest), before anything is sent.".to_string()
    };
    let method_doc = doc(&format!(
        "Waits for the asynchronous task that a [`{}`](Self::{}) call started, whose answer is `response`: runs [`{}`](Self::{}) on a `{}` request with {}.\n\nReturns that action's last answer once {} The failure states, delays and deadline are that waiter's.{}",
        action.name,
        action.method,
        task.reporter_waiter.method,
        task.reporter_waiter.method,
        task.reported_by,
        sets.join(", "),
        prose(
            task.reporter_waiter
                .description
                .trim()
                .trim_end_matches('.')
        ) + ".",
        refused,
    ));
    quote! {
        #method_doc
        pub async fn #method(
            &self,
            response: &#response,
            options: crate::runtime::WaitOptions,
        ) -> Result<super::#module::#reported, crate::runtime::Error<super::#module::#error>> {
            #(#checks)*
            let request = super::#module::#request::new(#(#required),*)#(#setters)*;
            self.#waiter(request, options).await
        }
    }
}

/// A compared value as the documentation shows it: `1`, `"done"`.
fn plain(value: &WaitValue) -> String {
    match value {
        WaitValue::Integer(n) => n.to_string(),
        WaitValue::Text(text) => format!("{text:?}"),
    }
}

/// Summary, description, idempotency, rate limit and error codes.
fn method_doc(vendor: &VendorDef, product: &Product, action: &Action) -> String {
    let mut text = format!("{}\n", prose(action.summary.trim()));
    if let Some(description) = &action.description {
        text.push_str(&format!("\n{}\n", prose(description.trim())));
    }
    text.push_str(&format!(
        "\nSends `{}` to {} {} (API version `{}`).",
        action.name,
        prose(&vendor.title),
        prose(&product.title),
        product.version
    ));
    match action.rate_limit_per_second {
        Some(n) => text.push_str(&format!(
            " Rate limit: {n} requests per second; the client paces calls to stay under it."
        )),
        None => text.push_str(" No rate limit is documented."),
    }
    if action.idempotent {
        text.push_str(" Idempotent: failed attempts are retried.");
    } else {
        text.push_str(" Not idempotent: once a request may have reached the server it is never sent again; on such a failure, check the state before calling again.");
    }
    if let Some(note) = &action.idempotency_note {
        text.push_str(&format!(" {}", prose(note.trim())));
    }
    if action.deprecated {
        text.push_str("\n\nDeprecated by the vendor.");
    }
    text.push_str(&format!(
        "\n\n# Errors\n\nA service error carries a [`{}`] code: one of the {} codes this action documents, or a code common to every {} action. ",
        action.error,
        action.errors.len(),
        prose(&vendor.title)
    ));
    text.push_str("Other failures (client-side validation, credentials, transport, malformed answers) are the other variants of [`Error`](crate::runtime::Error).");
    text
}
