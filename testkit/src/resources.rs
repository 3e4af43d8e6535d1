//! A small in-memory state, so that answers behave like a service: the
//! resources an action creates exist afterwards, and an action naming a
//! resource that does not exist answers the vendor's not-found error.
//!
//! Which action creates or names which kind of resource is not in the spec;
//! [`KINDS`] says it for the workflows the project knows. A kind whose
//! actions are not in the spec is ignored, so a new product's kinds can be
//! added here as its actions arrive. The IDs in the spec's examples exist
//! from the start, so that requests copied from the documentation work.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::catalog::Spec;
use crate::protocol::Protocol;

/// A kind of resource: the actions that create it (and the output field holding the new
/// IDs, a string or a list) and those that name it (the input field, and the error code
/// answered when it does not exist).
struct Kind {
    name: &'static str,
    protocol: Protocol,
    product: &'static str,
    created_by: &'static [(&'static str, &'static str)],
    named_by: &'static [(&'static str, &'static str, &'static str)],
}

const KINDS: &[Kind] = &[Kind {
    name: "certificate",
    protocol: Protocol::Tc3Json,
    product: "ssl",
    created_by: &[
        ("CreateCertificate", "CertificateIds"),
        ("ApplyCertificate", "CertificateId"),
    ],
    // Every action whose required certificate IDs (or renewed one) the
    // vendor answers with `FailedOperation.CertificateNotFound` when unknown.
    named_by: &[
        ("ApplyCertificate", "OldCertificateId", NOT_FOUND),
        ("CancelCertificateOrder", "CertificateId", NOT_FOUND),
        ("CertificateInfoSubmit", "CertId", NOT_FOUND),
        ("CertificateOrderSubmit", "CertId", NOT_FOUND),
        (
            "CheckCertificateDomainVerification",
            "CertificateId",
            NOT_FOUND,
        ),
        ("CommitCertificateInformation", "CertificateId", NOT_FOUND),
        (
            "CreateCertificateBindResourceSyncTask",
            "CertificateIds",
            NOT_FOUND,
        ),
        ("DeleteCertificate", "CertificateId", NOT_FOUND),
        ("DeployCertificateInstance", "CertificateId", NOT_FOUND),
        ("DescribeCertificate", "CertificateId", NOT_FOUND),
        ("DescribeCertificateDetail", "CertificateId", NOT_FOUND),
        ("DescribeDownloadCertificateUrl", "CertificateId", NOT_FOUND),
        ("DescribeHostDeployRecord", "CertificateId", NOT_FOUND),
        ("DownloadCertificate", "CertificateId", NOT_FOUND),
        ("ModifyCertificateAlias", "CertificateId", NOT_FOUND),
        ("ModifyCertificateResubmit", "CertificateId", NOT_FOUND),
        (
            "ModifyCertificatesExpiringNotificationSwitch",
            "CertificateIds",
            NOT_FOUND,
        ),
        ("ReplaceCertificate", "CertificateId", NOT_FOUND),
        ("RevokeCertificate", "CertificateId", NOT_FOUND),
        ("SubmitCertificateInformation", "CertificateId", NOT_FOUND),
        ("UpdateCertificateInstance", "OldCertificateId", NOT_FOUND),
        ("UploadConfirmLetter", "CertificateId", NOT_FOUND),
        ("UploadRevokeLetter", "CertificateId", NOT_FOUND),
        (
            "UploadUpdateCertificateInstance",
            "OldCertificateId",
            NOT_FOUND,
        ),
    ],
}];

const NOT_FOUND: &str = "FailedOperation.CertificateNotFound";

/// A resource the request names but the server does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Missing {
    pub(crate) kind: &'static str,
    pub(crate) id: String,
    pub(crate) code: &'static str,
}

/// The IDs that exist, per kind.
///
/// The IDs of a kind's examples are read from the spec the first time the
/// kind is used, not when the server starts: reading them parses the
/// product's part of the spec, which a test that never calls the product
/// should not pay for.
#[derive(Debug)]
pub(crate) struct Resources {
    enabled: bool,
    spec: Arc<Spec>,
    known: HashMap<&'static str, HashSet<String>>,
}

/// The IDs in `value`: a string, or the strings of a list.
fn ids(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(id)) => vec![id.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

impl Resources {
    /// The state at start: the IDs of the spec's examples (read when first
    /// needed), or nothing tracked when disabled.
    pub(crate) fn new(spec: Arc<Spec>, enabled: bool) -> Self {
        Resources {
            enabled,
            spec,
            known: HashMap::new(),
        }
    }

    /// The known IDs of `kind`, its examples' read on first use.
    fn known_of(&mut self, kind: &'static Kind) -> &mut HashSet<String> {
        let spec = &self.spec;
        self.known.entry(kind.name).or_insert_with(|| {
            let mut known = HashSet::new();
            let product = spec
                .products
                .iter()
                .find(|p| p.protocol == kind.protocol && p.name == kind.product);
            if let Some(product) = product {
                for (action, field) in kind.created_by {
                    if let Some(a) = product.actions().get(*action) {
                        known.extend(ids(a.example_response.get(*field)));
                    }
                }
                for (action, field, _) in kind.named_by {
                    if let Some(a) = product.actions().get(*action) {
                        known.extend(ids(a.example_request.get(*field)));
                    }
                }
            }
            known
        })
    }

    fn kinds(&self, protocol: Protocol, product: &str) -> impl Iterator<Item = &'static Kind> {
        let product = product.to_owned();
        KINDS
            .iter()
            .filter(move |k| k.protocol == protocol && k.product == product)
    }

    /// The first resource named by a request of `action` that does not exist.
    pub(crate) fn missing(
        &mut self,
        protocol: Protocol,
        product: &str,
        action: &str,
        params: &Map<String, Value>,
    ) -> Option<Missing> {
        if !self.enabled {
            return None;
        }
        let kinds: Vec<&'static Kind> = self.kinds(protocol, product).collect();
        for kind in kinds {
            for (_, field, code) in kind.named_by.iter().filter(|(a, _, _)| *a == action) {
                let known = self.known_of(kind);
                for id in ids(params.get(*field)) {
                    if !known.contains(&id) {
                        return Some(Missing {
                            kind: kind.name,
                            id,
                            code,
                        });
                    }
                }
            }
        }
        None
    }

    /// Records the resources a successful answer of `action` created.
    pub(crate) fn created(
        &mut self,
        protocol: Protocol,
        product: &str,
        action: &str,
        response: &Value,
    ) {
        let kinds: Vec<&'static Kind> = self.kinds(protocol, product).collect();
        for kind in kinds {
            for (_, field) in kind.created_by.iter().filter(|(a, _)| *a == action) {
                let new = ids(response.get(*field));
                self.known_of(kind).extend(new);
            }
        }
    }

    /// Makes `id` exist as a `kind`.
    pub(crate) fn add(&mut self, kind: &str, id: &str) -> bool {
        match KINDS.iter().find(|k| k.name == kind) {
            Some(k) => self.known_of(k).insert(id.to_owned()),
            None => false,
        }
    }

    /// The kinds this server knows, for messages.
    pub(crate) fn kind_names() -> Vec<&'static str> {
        KINDS.iter().map(|k| k.name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn example_ids_exist_created_ones_too_and_others_are_missing() {
        let spec = Arc::new(crate::catalog::from_bundle(cloudapi::SPEC).expect("spec"));
        let mut r = Resources::new(Arc::clone(&spec), true);
        let submit = |r: &mut Resources, id: &str| {
            r.missing(
                Protocol::Tc3Json,
                "ssl",
                "CertificateOrderSubmit",
                &params(serde_json::json!({"CertId": id})),
            )
        };
        assert_eq!(submit(&mut r, "Dsqef134"), None, "an example ID");
        assert_eq!(
            submit(&mut r, "gf16kv3A"),
            None,
            "the example purchase's ID"
        );
        assert_eq!(
            submit(&mut r, "new-1"),
            Some(Missing {
                kind: "certificate",
                id: "new-1".into(),
                code: NOT_FOUND
            })
        );
        r.created(
            Protocol::Tc3Json,
            "ssl",
            "CreateCertificate",
            &serde_json::json!({"CertificateIds": ["new-1"]}),
        );
        assert_eq!(submit(&mut r, "new-1"), None);
        assert!(r.add("certificate", "added") && !r.add("bucket", "x"));
        assert_eq!(submit(&mut r, "added"), None);
        assert_eq!(
            r.missing(
                Protocol::Acs3Rpc,
                "ssl",
                "CertificateOrderSubmit",
                &params(serde_json::json!({"CertId": "x"}))
            ),
            None,
            "another vendor's product"
        );
        let mut off = Resources::new(spec, false);
        assert_eq!(submit(&mut off, "new-2"), None, "not tracked");
    }
}
