use std::time::{Duration, SystemTime};

use cloudapi::tencent::ssl::{Client, CreateCertificateError};
use renewals::{Certificate, RenewError, Renewal, renew_expiring};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn inventory(now: SystemTime) -> Vec<Certificate> {
    let certificate = |id: &str, domain: &str, days: u32| Certificate {
        id: id.into(),
        domain: domain.into(),
        expires: now + DAY * days,
    };
    vec![
        certificate("old-shop", "shop.example.com", 10),
        certificate("old-blog", "blog.example.com", 90),
    ]
}

#[tokio::test]
async fn renews_only_what_expires_within_30_days() {
    let server = testkit::Server::start().await.unwrap();
    let client = Client::new(server.config()).unwrap();
    let mut bought = server.example(Client::create_certificate);
    bought.certificate_ids = vec!["new-shop".into()];
    server.respond(Client::create_certificate, bought);

    let now = SystemTime::now();
    let renewals = renew_expiring(&client, &inventory(now), now).await.unwrap();

    let expected = Renewal {
        old_id: "old-shop".into(),
        new_id: "new-shop".into(),
        order_id: "SO8zRv29".into(), // the spec's example answer
    };
    assert_eq!(renewals, [expected]);
    // What the server received, decoded into the request types:
    assert_eq!(server.received(Client::create_certificate).len(), 1);
    let submitted = server.received(Client::submit_certificate_information);
    assert_eq!(submitted[0].certificate_id, "new-shop");
    let domain = submitted[0].certificate_domain.as_deref();
    assert_eq!(domain, Some("shop.example.com"));
    let ordered = server.received(Client::certificate_order_submit);
    assert_eq!(ordered[0].cert_id, "new-shop");
    // Nothing the real endpoint would refuse (signature, parameters, values):
    server.assert_no_refusals();
}

#[tokio::test]
async fn a_failed_purchase_stops_the_renewal() {
    let server = testkit::Server::start().await.unwrap();
    let client = Client::new(server.config()).unwrap();
    let no_order = CreateCertificateError::FailedOperationCannotGetOrder;
    server.fail(Client::create_certificate, no_order.clone());

    let now = SystemTime::now();
    let result = renew_expiring(&client, &inventory(now), now).await;

    let Err(RenewError::Buy(error)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(error.code(), Some(&no_order));
    let submitted = server.received(Client::submit_certificate_information);
    assert!(submitted.is_empty());
}
