//! The catalogue's products and their actions, and how a request finds its action.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use super::body::{Action, Body, ErrorDoc, parse_body};
use super::types::Shape;
use crate::protocol::Protocol;

/// One product of a vendor at one API version. Its actions and shapes are parsed on first
/// use: a bundle of a few hundred products starts a server without parsing them all.
pub(crate) struct Product {
    pub(crate) protocol: Protocol,
    pub(crate) name: String,
    pub(crate) version: String,
    /// The vendor's common error codes.
    pub(crate) common_errors: BTreeMap<String, ErrorDoc>,
    /// The action names, known without parsing the actions (they are the file names).
    action_names: BTreeSet<String>,
    pub(super) body: OnceLock<Body>,
    /// The action and shape files not parsed yet: (path, JSON text).
    unparsed: Vec<(&'static str, &'static str)>,
}

impl fmt::Debug for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Product")
            .field("protocol", &self.protocol)
            .field("name", &self.name)
            .field("version", &self.version)
            .field("common_errors", &self.common_errors)
            .field("body", self.body())
            .finish()
    }
}

impl Product {
    pub(crate) fn new(
        head: (Protocol, String, String),
        common_errors: BTreeMap<String, ErrorDoc>,
        action_names: BTreeSet<String>,
        body: Option<Body>,
        unparsed: Vec<(&'static str, &'static str)>,
    ) -> Product {
        let (protocol, name, version) = head;
        Product {
            protocol,
            name,
            version,
            common_errors,
            action_names,
            body: body.map(OnceLock::from).unwrap_or_default(),
            unparsed,
        }
    }

    fn body(&self) -> &Body {
        self.body.get_or_init(|| parse_body(&self.unparsed))
    }

    /// The actions, by name.
    pub(crate) fn actions(&self) -> &BTreeMap<String, Action> {
        &self.body().actions
    }

    /// The shared shapes, by name.
    pub(crate) fn shapes(&self) -> &BTreeMap<String, Shape> {
        &self.body().shapes
    }

    /// Whether the product has the action `name` (without parsing anything).
    pub(crate) fn has_action(&self, name: &str) -> bool {
        self.action_names.contains(name)
    }

    /// The documentation of `code` for `action`: its own, else the vendor's common one.
    pub(crate) fn error_doc(&self, action: &Action, code: &str) -> ErrorDoc {
        action
            .errors
            .get(code)
            .or_else(|| self.common_errors.get(code))
            .cloned()
            .unwrap_or_default()
    }
}

/// The products of both vendors.
#[derive(Debug, Default)]
pub(crate) struct Spec {
    pub(crate) products: Vec<Product>,
}

/// An action's identity across vendors: product, API version and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ActionId {
    pub(crate) product: String,
    pub(crate) version: String,
    pub(crate) name: String,
}

impl std::fmt::Display for ActionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} {})", self.name, self.product, self.version)
    }
}

impl Spec {
    fn of(&self, protocol: Protocol) -> impl Iterator<Item = &Product> {
        self.products.iter().filter(move |p| p.protocol == protocol)
    }

    /// The Tencent product whose name is `service` (the TC3 scope service).
    pub(crate) fn tencent_product(&self, service: &str) -> Option<&Product> {
        self.of(Protocol::Tc3Json).find(|p| p.name == service)
    }

    /// Any Tencent action named `action`, preferring the product `service`; used to classify
    /// requests (idempotency) even when authentication fails.
    pub(crate) fn tencent_action(&self, service: Option<&str>, action: &str) -> Option<&Action> {
        service
            .and_then(|s| self.tencent_product(s))
            .and_then(|p| p.actions().get(action))
            .or_else(|| {
                let product = self.of(Protocol::Tc3Json).find(|p| p.has_action(action))?;
                product.actions().get(action)
            })
    }

    /// Alibaba's products, of both its protocols (RPC and ROA).
    fn alibaba(&self) -> impl Iterator<Item = &Product> {
        self.products.iter().filter(|p| p.protocol.is_alibaba())
    }

    /// The Alibaba product that has `action` at `version`, else any that has `action`, else
    /// any at `version`: requests to a local endpoint do not name their product. Its
    /// protocol says whether the request is checked as RPC or as ROA.
    pub(crate) fn alibaba_guess(&self, version: &str, action: &str) -> Option<&Product> {
        let has = |p: &&Product| p.has_action(action);
        self.alibaba()
            .find(|p| p.version == version && has(p))
            .or_else(|| self.alibaba().find(has))
            .or_else(|| self.alibaba().find(|p| p.version == version))
    }

    /// Whether some product of the vendor of `protocol` has an action named `name` (without
    /// parsing anything).
    pub(crate) fn has_action_named(&self, protocol: Protocol, name: &str) -> bool {
        if protocol.is_alibaba() {
            return self.alibaba().any(|p| p.has_action(name));
        }
        self.of(protocol).any(|p| p.has_action(name))
    }

    /// Whether some Alibaba product has API version `version`.
    pub(crate) fn alibaba_has_version(&self, version: &str) -> bool {
        self.alibaba().any(|p| p.version == version)
    }

    /// The product and action `id` names, whatever the vendor.
    pub(crate) fn find(&self, id: &ActionId) -> Option<(&Product, &Action)> {
        self.products
            .iter()
            .filter(|p| p.name == id.product && p.version == id.version)
            .filter(|p| p.has_action(&id.name))
            .find_map(|p| p.actions().get(&id.name).map(|a| (p, a)))
    }

    /// Every action, as `product version Action`.
    pub(crate) fn action_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .products
            .iter()
            .flat_map(|p| {
                p.action_names
                    .iter()
                    .map(move |a| format!("{} {} {a}", p.name, p.version))
            })
            .collect();
        names.sort();
        names
    }
}
