//! Wire names → Rust identifiers.
//!
//! Rules, each with a test below:
//! - fields, modules and methods are `snake_case`; types and variants `PascalCase` (heck);
//! - a Rust keyword gets a trailing underscore (`Type` → `type_`), as typify does,
//!   because `r#type` setters read badly at call sites;
//! - a name that collides with a generated item gets the same underscore
//!   (`New` → `new_`, since `new` is the request constructor);
//! - an enum value whose variant would be a fallback variant gets a suffix
//!   (`Unknown` → `UnknownValue`), so undocumented values keep their own variant;
//! - an action's types are `<Action>Request`, `<Action>Response` and
//!   `<Action>Error`, except that an action whose name already ends in
//!   `Request` or `Response` takes `<Action>Input` and `<Action>Output`
//!   (`CreateCertificateWithCsrRequestInput`, never `…RequestRequest`);
//! - a name that does not become an identifier (starts with a digit, has no
//!   letters) is an error for the validate stage to report.

use std::cell::RefCell;
use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict, reserved and edition-2024 keywords; none can be a plain identifier.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Methods every generated request and shape has, or that a setter would
/// shadow for method-call syntax (`request.clone()`); fields must not take them.
pub const RESERVED_METHODS: &[&str] = &["new", "validate", "clone", "eq"];

/// Methods of every generated product `Client`; actions must not shadow them.
pub const RESERVED_CLIENT_METHODS: &[&str] = &["new", "with_retry", "in_region", "config", "clone"];

/// Modules every generated product has next to its action modules.
pub const RESERVED_MODULES: &[&str] = &["types"];

/// Type names a generated product module already uses, or prelude names the
/// generated code uses unqualified (`impl Into<String>`, `Vec<…>`).
pub const RESERVED_TYPES: &[&str] = &[
    "Client",
    "Error",
    "Result",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "Config",
    "Into",
    "IntoIterator",
    "ProductErrorCode",
];

/// Variant names the generator adds to every enum it emits.
pub const FALLBACK_VARIANTS: &[&str] = &["Unknown", "Common", "Product"];

/// The type names of one action: request, response and error-code enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionTypes {
    /// What the client method takes.
    pub request: String,
    /// What it returns.
    pub response: String,
    /// Its error codes.
    pub error: String,
}

/// The type names of the action whose `PascalCase` name is `action`; see
/// the module documentation for the rule.
pub fn action_types(action: &str) -> ActionTypes {
    let (request, response) = if action.ends_with("Request") || action.ends_with("Response") {
        ("Input", "Output")
    } else {
        ("Request", "Response")
    };
    ActionTypes {
        request: format!("{action}{request}"),
        response: format!("{action}{response}"),
        error: format!("{action}Error"),
    }
}

/// A client method derived from an action's method `method`:
/// `<method>_<suffix>`, e.g. a waiter's `describe_certificate_until_issued`
/// or the streams `describe_certificates_pages` and `describe_certificates_items`.
/// A trailing `_` that made either part a non-keyword is dropped, as the
/// joined name is no keyword.
pub fn derived_method(method: &str, suffix: &str) -> String {
    format!(
        "{}_{}",
        method.trim_end_matches('_'),
        suffix.trim_end_matches('_')
    )
}

/// The placeholder of an error code written as a template, where the vendor
/// fills in a parameter's or a product's name (Alibaba's CDN answers
/// `InvalidDomainName.ValueNotSupported` for `Invalid%s.ValueNotSupported`).
pub const CODE_PLACEHOLDER: &str = "%s";

/// Whether `code` is a template: it holds [`CODE_PLACEHOLDER`].
pub fn is_code_template(code: &str) -> bool {
    code.contains(CODE_PLACEHOLDER)
}

/// Whether `code` is a well-formed error code: dot-separated identifiers
/// (`FailedOperation.CertificateNotFound`); a template's placeholder stands
/// for a name (`Invalid%s.Malformed`, `%s.OverQuota`).
pub fn is_error_code(code: &str) -> bool {
    code.replace(CODE_PLACEHOLDER, "Name")
        .split('.')
        .all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// The Rust variant of an error code. A template's placeholder reads `Any`
/// (`Invalid%s.ValueNotSupported` → `InvalidAnyValueNotSupported`), which
/// keeps it apart from the code without it (`MissingParameter%s` beside
/// `MissingParameter`).
pub fn error_variant(code: &str) -> Result<String, String> {
    pascal_avoiding(
        &code.replace(CODE_PLACEHOLDER, "Any"),
        FALLBACK_VARIANTS,
        "Code",
    )
}

/// The suffixes of the two streams of a paged action.
pub const PAGING_SUFFIXES: [&str; 2] = ["pages", "items"];

/// `snake_case` identifier for a wire name, or why there is none.
pub fn snake(name: &str) -> Result<String, String> {
    let ident = name.to_snake_case();
    check_ident(name, &ident)?;
    Ok(escape_keyword(ident))
}

/// `PascalCase` identifier for a wire name, or why there is none.
pub fn pascal(name: &str) -> Result<String, String> {
    // The same names come back thousands of times (a product's error codes
    // are listed again by each of its actions), and heck's conversion is
    // the costliest step of building a model: each thread remembers its answers.
    thread_local! {
        static KNOWN: RefCell<HashMap<String, Result<String, String>>> = RefCell::default();
    }
    KNOWN.with(|known| {
        if let Some(answer) = known.borrow().get(name) {
            return answer.clone();
        }
        let ident = name.to_upper_camel_case();
        let answer = check_ident(name, &ident).map(|()| escape_keyword(ident));
        known.borrow_mut().insert(name.to_owned(), answer.clone());
        answer
    })
}

/// `snake` plus the trailing underscore when the result is in `reserved`.
pub fn snake_avoiding(name: &str, reserved: &[&str]) -> Result<String, String> {
    let ident = snake(name)?;
    Ok(if reserved.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    })
}

/// `pascal` plus `suffix` when the result is in `reserved`.
pub fn pascal_avoiding(name: &str, reserved: &[&str], suffix: &str) -> Result<String, String> {
    let ident = pascal(name)?;
    Ok(if reserved.contains(&ident.as_str()) {
        format!("{ident}{suffix}")
    } else {
        ident
    })
}

fn check_ident(name: &str, ident: &str) -> Result<(), String> {
    let mut chars = ident.chars();
    let valid_start = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let valid_rest = chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ident.is_empty() || !valid_start || !valid_rest || ident == "_" {
        return Err(format!(
            "expected a name that becomes a Rust identifier, found `{name}` (converts to `{ident}`, \
             which must start with an ASCII letter and contain only ASCII letters, digits and `_`)"
        ));
    }
    Ok(())
}

fn escape_keyword(ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_wire_names() {
        assert_eq!(
            snake("CertificatePrivateKey").unwrap(),
            "certificate_private_key"
        );
        assert_eq!(
            snake("CreateCertificateWithCsrRequest").unwrap(),
            "create_certificate_with_csr_request"
        );
        assert_eq!(
            pascal("FailedOperation.CertificateNotFound").unwrap(),
            "FailedOperationCertificateNotFound"
        );
        assert_eq!(pascal("digicert-free-1-free").unwrap(), "DigicertFree1Free");
        assert_eq!(pascal("DNS").unwrap(), "Dns");
    }

    #[test]
    fn keywords_get_an_underscore() {
        assert_eq!(snake("Type").unwrap(), "type_");
        assert_eq!(snake("Match").unwrap(), "match_");
        assert_eq!(snake("Async").unwrap(), "async_");
        assert_eq!(pascal("Self").unwrap(), "Self_");
    }

    #[test]
    fn clashes_with_generated_items_are_renamed() {
        assert_eq!(snake_avoiding("New", RESERVED_METHODS).unwrap(), "new_");
        assert_eq!(
            snake_avoiding("New", RESERVED_CLIENT_METHODS).unwrap(),
            "new_"
        );
        assert_eq!(snake_avoiding("Types", RESERVED_MODULES).unwrap(), "types_");
        assert_eq!(
            pascal_avoiding("unknown", FALLBACK_VARIANTS, "Value").unwrap(),
            "UnknownValue"
        );
        assert_eq!(
            pascal_avoiding("Client", RESERVED_TYPES, "Shape").unwrap(),
            "ClientShape"
        );
        assert_eq!(
            snake_avoiding("Newest", RESERVED_METHODS).unwrap(),
            "newest"
        );
    }

    #[test]
    fn action_types_never_stutter() {
        let plain = action_types("CreateCertificate");
        assert_eq!(
            (plain.request, plain.response, plain.error),
            (
                "CreateCertificateRequest".into(),
                "CreateCertificateResponse".into(),
                "CreateCertificateError".into()
            )
        );
        for action in ["CreateCertificateWithCsrRequest", "ParseResponse"] {
            let types = action_types(action);
            assert_eq!(types.request, format!("{action}Input"));
            assert_eq!(types.response, format!("{action}Output"));
            assert_eq!(types.error, format!("{action}Error"));
        }
        // Only a whole word at the end counts.
        assert_eq!(action_types("Requested").request, "RequestedRequest");
    }

    #[test]
    fn names_without_an_identifier_are_errors() {
        assert!(snake("2Fa").unwrap_err().contains("`2fa`"));
        assert!(pascal("0").is_err());
        assert!(snake("").is_err());
        assert!(snake("-").is_err());
        assert!(pascal("中文").is_err());
    }
}
