//! The modules that tie actions together: crate root, vendor, product,
//! shared shapes.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, module_doc, prose};
use super::enums::{common_error_enum, product_error_enum, value_enum};
use super::options::EmitOptions;
use super::structs::{StructPlan, emit_struct};
use super::types::ident;
use super::waiters;
use crate::model::{EndpointKind, Model, Product, Protocol, Shape, ShapeDef, VendorDef};

/// The runtime's names that applications use, re-exported at the crate root.
const ROOT_REEXPORTS: &[&str] = &[
    "Clock",
    "Config",
    "ConfigError",
    "Credentials",
    "CredentialsError",
    "CredentialsFailure",
    "Endpoint",
    "Error",
    "ErrorCode",
    "InvalidRequest",
    "Language",
    "MalformedResponse",
    "Proxy",
    "RateLimit",
    "RetryConfig",
    "Sensitive",
    "ServiceError",
    "TransportError",
    "TransportKind",
    "WaitOptions",
    "WaitTimeout",
    "http_client_builder",
];

/// `lib.rs`: the runtime, the vendors, and the names most callers need.
pub fn crate_root(model: &Model, options: &EmitOptions) -> TokenStream {
    let crate_doc = match &options.crate_doc {
        Some(text) => module_doc(text),
        None => quote!(#![doc = include_str!("../README.md")]),
    };
    // One name per `use`, so rustfmt (which lays out this file) and
    // prettyplease (which writes it) agree on the layout.
    let reexports = ROOT_REEXPORTS.iter().map(|name| {
        let name = ident(name);
        quote!(pub use runtime::#name;)
    });
    // Vendor modules are never gated: their common codes and `CommonClient`
    // serve every product, generated or not, even with no product feature on.
    let vendors = model.vendors.iter().map(|v| {
        let module = ident(&v.module);
        // Generated modules are laid out by prettyplease, not rustfmt; `cargo fmt` must leave them alone.
        quote!(#[rustfmt::skip] pub mod #module;)
    });
    let json = model.uses_json().then(|| {
        quote! {
            /// The JSON values of the fields a vendor documents without a structure
            /// (`serde_json::Value`), so that callers build them (`serde_json::json!`)
            /// without a dependency of their own.
            pub use ::serde_json;
        }
    });
    // Only a crate whose products are features has the feature to gate it.
    let documented = options.product_features.then(|| {
        quote! {
            /// The same spec with its documentation (summaries, descriptions, value
            /// meanings), for tools that explain the API, such as the command-line client.
            #[cfg(feature = "spec-docs")]
            pub const SPEC_DOCS: &str = include_str!("../spec-docs.json");
        }
    });
    quote! {
        #crate_doc
        #![deny(missing_docs)]
        /// The hand-written runtime every call goes through: configuration,
        /// credentials, signing, transport, errors.
        pub use ::cloudapi_runtime as runtime;
        // Where rustfmt, which sorts `use`s, puts it.
        #json
        #(#reexports)*
        /// The spec this crate was generated from, as one JSON object (spec file → content,
        /// documentation left out), for the `testkit` crate's local endpoint.
        #[cfg(feature = "testkit")]
        pub const SPEC: &str = include_str!("../spec.json");
        #documented
        #(#vendors)*
    }
}

/// `<vendor>/mod.rs`: products and the common error codes.
pub fn vendor_module(vendor: &VendorDef, options: &EmitOptions) -> TokenStream {
    let docs = module_doc(&format!(
        "# {}\n\n{}",
        prose(&vendor.title),
        prose(&vendor.description)
    ));
    let products = vendor.products.iter().map(|p| {
        let module = ident(&p.module);
        let gate = options.product_features.then(|| {
            let feature = feature_name(vendor, p);
            quote!(#[cfg(feature = #feature)])
        });
        quote!(#gate pub mod #module;)
    });
    let common = common_error_enum(&prose(&vendor.title), &vendor.common_errors);
    let rule = vendor.endpoint_rule.as_ref().map(|rule| {
        let domain = &rule.domain;
        let regional = match &rule.regional {
            Some(template) => quote!(Some(#template)),
            None => quote!(None),
        };
        quote! {
            /// How this vendor names its hosts: the domain a custom suffix replaces, and regional hosts.
            pub static ENDPOINT_RULE: crate::runtime::EndpointRule = crate::runtime::EndpointRule { domain: #domain, regional: #regional };
        }
    });
    let common_client = vendor
        .common_protocol
        .map(|protocol| common_client(vendor, protocol));
    quote! {
        #docs
        #(#products)*
        #common
        #rule
        #common_client
    }
}

/// The runtime's common client, named for this vendor: its protocol and its
/// common error codes.
fn common_client(vendor: &VendorDef, protocol: Protocol) -> TokenStream {
    let title = prose(&vendor.title);
    let protocol = protocol_type(protocol);
    let client_doc = doc(&format!(
        "Calls any {title} action by product, version and name, including those this crate does not generate: `CommonClient::new(config)?`, then `.product(name, version)?` and `.call(action, &params).await`. See [`crate::runtime::common`] for the hosts, the errors and the retries."
    ));
    let product_doc = doc(&format!(
        "One {title} product at one API version, from [`CommonClient::product`]."
    ));
    let code_doc = doc(&format!(
        "The error code of a call through [`CommonClient`]: {title}'s common codes typed as [`CommonErrorCode`], the product's own codes as sent."
    ));
    quote! {
        #client_doc
        pub type CommonClient = crate::runtime::common::CommonClient<#protocol, CommonErrorCode>;
        #product_doc
        pub type ProductClient = crate::runtime::common::ProductClient<#protocol, CommonErrorCode>;
        #code_doc
        pub type CommonCallError = crate::runtime::common::CommonCallError<CommonErrorCode>;
        impl crate::runtime::common::CommonCode for CommonErrorCode {
            fn from_code(code: &str) -> Option<Self> {
                Self::from_code(code)
            }
            fn code(&self) -> &'static str {
                self.code()
            }
        }
    }
}

/// The runtime type of a wire protocol.
fn protocol_type(protocol: Protocol) -> TokenStream {
    match protocol {
        Protocol::Tc3HmacSha256 => quote!(crate::runtime::protocol::Tc3Json),
        Protocol::Acs3HmacSha256Rpc => quote!(crate::runtime::protocol::Acs3Rpc),
        Protocol::Acs3HmacSha256Roa => quote!(crate::runtime::protocol::Acs3Roa),
    }
}

/// The cargo feature that compiles `product`.
pub fn feature_name(vendor: &VendorDef, product: &Product) -> String {
    // Folder names, not module names: `tencent-as`, not `tencent-as_`.
    format!("{}-{}", vendor.module.trim_end_matches('_'), product.name)
}

/// `<vendor>/<product>/mod.rs`: the client, action modules and re-exports.
pub fn product_module(vendor: &VendorDef, product: &Product) -> TokenStream {
    let docs = module_doc(&product_doc(vendor, product));
    let types_mod = (!product.shapes.is_empty()).then(|| {
        quote!(
            pub mod types;
        )
    });
    let action_mods = product.actions.iter().map(|a| {
        let module = ident(&a.module);
        quote!(pub mod #module;)
    });
    let reexports = product.actions.iter().map(|a| {
        let module = ident(&a.module);
        let mut names = vec![ident(&a.request), ident(&a.response), ident(&a.error)];
        names.extend(a.enums.iter().map(|e| ident(&e.ident)));
        quote!(pub use self::#module::{#(#names),*};)
    });
    let shape_names = product.shapes.iter().map(|s| ident(s.ident()));
    let shape_reexport =
        (!product.shapes.is_empty()).then(|| quote!(pub use self::types::{#(#shape_names),*};));
    let client_doc = doc(&format!(
        "Client for {} {} (`{}`, API version `{}`).\n\nCheap to clone: clones share one connection pool, one credential cache and one set of rate limiters.",
        prose(&vendor.title),
        prose(&product.title),
        product.name,
        product.version
    ));
    let service = service_static(vendor, product);
    let product_errors = (!product.errors.is_empty()).then(|| {
        product_error_enum(
            &format!("{} {}", prose(&vendor.title), prose(&product.title)),
            &product.errors,
        )
    });
    let protocol = protocol_type(product.protocol);
    quote! {
        #docs
        #types_mod
        #(#action_mods)*
        #(#reexports)*
        #shape_reexport
        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            transport: crate::runtime::Transport<#protocol>,
        }
        impl Client {
            /// Creates a client; credentials not given in `config` are looked up at the first call.
            pub fn new(config: crate::runtime::Config) -> Result<Self, crate::runtime::ConfigError> {
                Ok(Client { transport: crate::runtime::Transport::new(&SERVICE, config)? })
            }
            /// A client sharing this one's connections and limits, with other retry settings.
            pub fn with_retry(&self, retry: crate::runtime::RetryConfig) -> Self {
                Client { transport: self.transport.with_retry(retry) }
            }
            /// The same product in `region` (e.g. `ap-guangzhou`, `cn-hangzhou`), sharing this
            /// client's credentials cache, connections, rate limits and retry settings: one
            /// handle per region, cheap to make, instead of a client per region. Requests
            /// carry the region, and go to its host when the configured endpoint picks hosts
            /// by region.
            pub fn in_region(&self, region: &str) -> Result<Self, crate::runtime::ConfigError> {
                Ok(Client { transport: self.transport.in_region(region)? })
            }
            /// The configuration this client was built with.
            pub fn config(&self) -> &crate::runtime::Config {
                self.transport.config()
            }
        }
        #service
        #product_errors
    }
}

fn product_doc(vendor: &VendorDef, product: &Product) -> String {
    let mut text = format!(
        "# {} {}\n\n{}\n\nProduct `{}`, API version `{}`, ",
        prose(&vendor.title),
        prose(&product.title),
        prose(product.description.trim()),
        product.name,
        product.version
    );
    text.push_str(match product.protocol {
        Protocol::Tc3HmacSha256 => "JSON over POST signed with `TC3-HMAC-SHA256`.",
        Protocol::Acs3HmacSha256Rpc => {
            "RPC style (parameters in the query string) signed with `ACS3-HMAC-SHA256`."
        }
        Protocol::Acs3HmacSha256Roa => {
            "ROA style (each action its own method and path, members in the path, query, headers or a JSON body) signed with `ACS3-HMAC-SHA256`."
        }
    });
    text.push_str("\n\nEndpoints:\n");
    for endpoint in &product.endpoints {
        let role = match (endpoint.kind, &endpoint.region) {
            (EndpointKind::Default, _) => "default".to_string(),
            (EndpointKind::International, _) => "international site".to_string(),
            (EndpointKind::Regional, Some(region)) => format!("region `{region}`"),
            (EndpointKind::Regional, None) => "regional".to_string(),
        };
        text.push_str(&format!("- `{}`: {role}\n", endpoint.host));
    }
    if let Some(waiters) = waiters::section(product) {
        text.push_str(&format!("\n{waiters}"));
    }
    text.push_str("\nActions:\n");
    for action in &product.actions {
        text.push_str(&format!(
            "- [`{}`](Client::{}): {}\n",
            action.name,
            action.method,
            prose(action.summary.trim())
        ));
    }
    text
}

fn service_static(vendor: &VendorDef, product: &Product) -> TokenStream {
    let name = &product.name;
    let regional = product.regional;
    let rule = match vendor.endpoint_rule {
        Some(_) => quote!(Some(&super::ENDPOINT_RULE)),
        None => quote!(None),
    };
    let version = &product.version;
    let endpoints = product.endpoints.iter().map(|e| {
        let host = &e.host;
        let kind = match e.kind {
            EndpointKind::Default => quote!(Default),
            EndpointKind::International => quote!(International),
            EndpointKind::Regional => quote!(Regional),
        };
        let region = match &e.region {
            Some(r) => quote!(Some(#r)),
            None => quote!(None),
        };
        quote!(crate::runtime::EndpointSpec { host: #host, kind: crate::runtime::EndpointKind::#kind, region: #region })
    });
    let actions = product.actions.iter().map(|a| {
        let module = ident(&a.module);
        quote!(&#module::ACTION)
    });
    quote! {
        /// What the runtime needs to know about this product: name, version, hosts, whether it is regional, actions.
        pub static SERVICE: crate::runtime::Service = crate::runtime::Service {
            product: #name,
            version: #version,
            endpoints: &[#(#endpoints),*],
            regional: #regional,
            endpoint_rule: #rule,
            actions: &[#(#actions),*],
        };
    }
}

/// `types.rs`: every shared shape of a product, in one file. One file per
/// product rather than per shape: a large product has hundreds of small
/// shapes, and a file each would dominate generation and build time.
pub fn types_module(product: &Product) -> TokenStream {
    let docs = module_doc(&format!(
        "Data types shared by the actions of {} (`{}`).",
        prose(&product.title),
        product.name
    ));
    let shapes = product.shapes.iter().map(shape_items);
    quote! {
        #docs
        #(#shapes)*
    }
}

/// The items of one shape.
fn shape_items(shape: &Shape) -> TokenStream {
    match &shape.def {
        ShapeDef::Enum(def) => value_enum(def),
        ShapeDef::Object(object) => emit_struct(&StructPlan {
            ident: &object.ident,
            doc: prose(&object.description),
            fields: &object.fields,
            serialize: shape.in_input,
            deserialize: shape.in_output || !shape.in_input,
            request_id: false,
        }),
    }
}
