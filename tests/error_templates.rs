//! Error codes the vendor documents as templates (Alibaba Cloud CDN's
//! `Invalid%s.ValueNotSupported`, where the server fills in a parameter's
//! name) are matchable: a code that fills one is its variant, holding the
//! code as sent; a code the action documents exactly stays its own variant.

use cloudapi::Error;
use cloudapi::alibaba::cdn::{
    BatchSetCdnDomainConfigError, BatchSetCdnDomainConfigRequest, Client,
};
use testkit::Fault;

async fn answered_with(code: &str) -> BatchSetCdnDomainConfigError {
    let server = harness::server().await;
    let client = Client::new(server.config()).expect("client builds");
    server.fault(
        Client::batch_set_cdn_domain_config,
        Fault::ServiceError {
            code: code.to_owned(),
            message: "refused".to_owned(),
            status: Some(400),
        },
    );
    let request = BatchSetCdnDomainConfigRequest::new("example.com", "[]");
    let error = client
        .batch_set_cdn_domain_config(request)
        .await
        .unwrap_err();
    server.assert_no_refusals();
    match error {
        Error::Service(e) => e.code().clone(),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_code_that_fills_a_template_is_its_variant_and_keeps_its_text() {
    let code = answered_with("InvalidDomainNames.ValueNotSupported").await;
    assert_eq!(
        code,
        BatchSetCdnDomainConfigError::InvalidAnyValueNotSupported(
            "InvalidDomainNames.ValueNotSupported".into()
        )
    );
    assert_eq!(code.code(), "InvalidDomainNames.ValueNotSupported");

    let code = answered_with("MissingParameterDomainNames").await;
    assert!(
        matches!(&code, BatchSetCdnDomainConfigError::MissingParameterAny(sent) if sent == "MissingParameterDomainNames"),
        "{code:?}"
    );
}

#[tokio::test]
async fn a_code_the_action_documents_exactly_wins_over_a_template() {
    // Both also fill a template (`Invalid%s.Malformed`, `MissingParameter%s`).
    assert_eq!(
        answered_with("InvalidFunctions.Malformed").await,
        BatchSetCdnDomainConfigError::InvalidFunctionsMalformed
    );
    assert_eq!(
        answered_with("MissingParameterFunctions").await,
        BatchSetCdnDomainConfigError::MissingParameterFunctions
    );
    // Nothing to fill: the exact code without the placeholder.
    assert_eq!(
        answered_with("MissingParameter").await,
        BatchSetCdnDomainConfigError::MissingParameter
    );
}
