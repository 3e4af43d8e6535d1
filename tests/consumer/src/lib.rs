//! Renews the TLS certificates that expire within 30 days: for each, buys a
//! replacement, submits its domain and orders it.

use std::time::{Duration, SystemTime};

use cloudapi::Error;
use cloudapi::tencent::ssl::{
    CertificateOrderSubmitError, CertificateOrderSubmitRequest, Client, CreateCertificateError,
    CreateCertificateRequest, CsrType, ProductId, SubmitCertificateInformationError,
    SubmitCertificateInformationRequest, VerifyType,
};

/// How long before expiry a certificate is renewed.
pub const RENEW_WITHIN: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// A certificate the application keeps track of.
#[derive(Clone, Debug)]
pub struct Certificate {
    pub id: String,
    pub domain: String,
    pub expires: SystemTime,
}

/// A replacement that was bought and ordered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renewal {
    pub old_id: String,
    pub new_id: String,
    pub order_id: String,
}

/// Why a renewal stopped, with the step's typed error.
#[derive(Debug)]
pub enum RenewError {
    Buy(Error<CreateCertificateError>),
    NothingBought,
    Submit(Error<SubmitCertificateInformationError>),
    Order(Error<CertificateOrderSubmitError>),
}

/// Renews every certificate of `inventory` that expires within [`RENEW_WITHIN`] of `now`,
/// in order; stops at the first failure.
pub async fn renew_expiring(
    client: &Client,
    inventory: &[Certificate],
    now: SystemTime,
) -> Result<Vec<Renewal>, RenewError> {
    let mut renewals = Vec::new();
    for certificate in inventory.iter().filter(|c| c.expires <= now + RENEW_WITHIN) {
        renewals.push(renew(client, certificate).await?);
    }
    Ok(renewals)
}

async fn renew(client: &Client, certificate: &Certificate) -> Result<Renewal, RenewError> {
    let bought = client
        .create_certificate(CreateCertificateRequest::new(ProductId::WotrusDv, 1, 1))
        .await
        .map_err(RenewError::Buy)?;
    let new_id = bought
        .certificate_ids
        .into_iter()
        .next()
        .ok_or(RenewError::NothingBought)?;
    let information = SubmitCertificateInformationRequest::new(&new_id)
        .csr_type(CsrType::Online)
        .certificate_domain(&certificate.domain);
    client
        .submit_certificate_information(information)
        .await
        .map_err(RenewError::Submit)?;
    let order = CertificateOrderSubmitRequest::new(&new_id).verify_type(VerifyType::Dns);
    let ordered = client
        .certificate_order_submit(order)
        .await
        .map_err(RenewError::Order)?;
    Ok(Renewal {
        old_id: certificate.id.clone(),
        new_id,
        order_id: ordered.order_id,
    })
}
