//! The catalogue the server serves: the products, actions, fields and documented
//! answers of a spec, the parts of it the server needs, read with `serde_json::Value`
//! (not with the generator's model, so that a bug in how the generator understands a
//! spec cannot hide here too).
//!
//! A spec comes from a folder (`spec/`), or from the `spec.json` bundle a
//! generated crate embeds (the same files in one JSON object); both become
//! the same [`Spec`]. A folder is first loaded by the generator's loader (`codegen`
//! without its code printers: every file checked, overlays merged), exactly as
//! `cargo xtask gen` reads it, so that it is served as the client generated from it
//! expects.

mod body;
mod http;
mod load;
mod location;
mod products;
mod types;

pub(crate) use body::Action;
pub(crate) use http::{HttpBinding, decode_segment};
pub(crate) use load::{SpecSource, resolve};
#[cfg(test)]
pub(crate) use load::{from_bundle, from_dir};
pub(crate) use location::Location;
pub(crate) use products::{ActionId, Product, Spec};
pub(crate) use types::{Constraints, Field, Shape, Ty};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_project_spec_from_its_folder_and_from_the_bundle_alike() {
        let dir = from_dir(&crate::selftest::project_spec()).expect("spec loads");
        let bundle = from_bundle(cloudapi::SPEC).expect("bundle loads");
        for spec in [&dir, &bundle] {
            let ssl = spec.tencent_product("ssl").expect("tencent ssl");
            assert_eq!(ssl.version, "2019-12-05");
            let create = &ssl.actions()["CreateCertificate"];
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
            assert_eq!(cas.name, "cas");
            let response = &cas.actions()["CreateCertificateWithCsrRequest"].example_response;
            assert_eq!(response["OrderId"].as_u64(), Some(98987582437920968));
            assert_eq!(
                cas.error_doc(
                    &cas.actions()["CreateCertificateWithCsrRequest"],
                    "NotFoundOrder"
                )
                .http_status,
                Some(404)
            );
        }
        assert_eq!(
            format!("{dir:?}"),
            format!("{bundle:?}"),
            "the same spec either way"
        );
    }

    #[test]
    fn missing_dir_is_an_error() {
        assert!(from_dir(std::path::Path::new("/nonexistent/spec")).is_err());
    }
}
