//! The parts of the project's spec the server needs, read with the project's spec loader
//! (so that overlays are merged as for the generated code); what the server does with them
//! (verifying signatures, reading parameters, writing answers) shares no code with the client.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use codegen::load::raw::Protocol;
use serde_json::Value;

/// One input parameter of an action.
#[derive(Clone, Debug)]
pub(crate) struct Input {
    pub(crate) name: String,
    pub(crate) required: bool,
}

/// One action: its inputs, whether repeating it is harmless, and the canned success answer.
#[derive(Clone, Debug)]
pub(crate) struct Action {
    pub(crate) idempotent: bool,
    pub(crate) inputs: Vec<Input>,
    pub(crate) example_response: Value,
}

/// One product (service) of a vendor at one API version.
#[derive(Clone, Debug)]
pub(crate) struct Product {
    pub(crate) product: String,
    pub(crate) version: String,
    pub(crate) actions: BTreeMap<String, Action>,
}

/// The products of both vendors, told apart by their signing protocol.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spec {
    pub(crate) tencent: Vec<Product>,
    pub(crate) alibaba: Vec<Product>,
}

impl Spec {
    /// The Tencent product whose name is `service` (the TC3 scope service).
    pub(crate) fn tencent_product(&self, service: &str) -> Option<&Product> {
        self.tencent.iter().find(|p| p.product == service)
    }

    /// Any Tencent action named `action`, preferring the product `service`; used to classify
    /// requests (idempotency) even when authentication fails.
    pub(crate) fn tencent_action(&self, service: Option<&str>, action: &str) -> Option<&Action> {
        service
            .and_then(|s| self.tencent_product(s))
            .and_then(|p| p.actions.get(action))
            .or_else(|| self.tencent.iter().find_map(|p| p.actions.get(action)))
    }

    /// The Alibaba product that has `action` at `version`, else any that has `action`, else
    /// any at `version`; used for error `Recommend` links and classification.
    pub(crate) fn alibaba_guess(&self, version: &str, action: &str) -> Option<&Product> {
        let has = |p: &&Product| p.actions.contains_key(action);
        self.alibaba
            .iter()
            .find(|p| p.version == version && has(p))
            .or_else(|| self.alibaba.iter().find(has))
            .or_else(|| self.alibaba.iter().find(|p| p.version == version))
    }
}

/// Loads the spec tree under `dir` with the project's spec loader, so that
/// overlays are merged exactly as for the generated code.
pub(crate) fn load(dir: &Path) -> io::Result<Spec> {
    let tree = codegen::load::load_tree(dir)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
    let mut spec = Spec::default();
    for vendor in &tree.vendors {
        for product in &vendor.products {
            let service = &product.service.value;
            let actions = product
                .actions
                .iter()
                .map(|action| {
                    let value = &action.value;
                    let inputs = value
                        .input
                        .iter()
                        .map(|f| Input {
                            name: f.name.clone(),
                            required: f.required,
                        })
                        .collect();
                    // Without a documented answer, an answer with only the request ID.
                    let example_response = value
                        .examples
                        .first()
                        .map(|e| e.response.clone())
                        .unwrap_or_else(|| serde_json::json!({}));
                    let action = Action {
                        idempotent: value.idempotent,
                        inputs,
                        example_response,
                    };
                    (value.name.clone(), action)
                })
                .collect();
            let loaded = Product {
                product: service.product.clone(),
                version: service.version.clone(),
                actions,
            };
            match service.protocol {
                Protocol::Tc3HmacSha256 => spec.tencent.push(loaded),
                Protocol::Acs3HmacSha256Rpc => spec.alibaba.push(loaded),
            }
        }
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_project_spec() {
        let spec = load(&crate::spec_dir()).expect("spec loads");
        let ssl = spec.tencent_product("ssl").expect("tencent ssl");
        assert_eq!(ssl.version, "2019-12-05");
        let create = &ssl.actions["CreateCertificate"];
        assert!(!create.idempotent);
        assert!(
            create
                .inputs
                .iter()
                .any(|i| i.name == "ProductId" && i.required)
        );
        let cas = spec
            .alibaba_guess("2020-04-07", "CreateCertificateWithCsrRequest")
            .expect("alibaba cas");
        assert_eq!(cas.product, "cas");
        let response = &cas.actions["CreateCertificateWithCsrRequest"].example_response;
        assert_eq!(response["OrderId"].as_u64(), Some(98987582437920968));
    }

    #[test]
    fn missing_dir_is_an_error() {
        assert!(load(Path::new("/nonexistent/spec")).is_err());
    }
}
