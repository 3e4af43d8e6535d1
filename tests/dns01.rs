//! The DNS part of an ACME DNS-01 challenge on both clouds, through the generated clients
//! and the testkit over real HTTP, with no answer stubbed: the `_acme-challenge` TXT record
//! is added, found by listing the host's TXT records, deleted, and then no longer found.
//! The records a domain had before stay.

use cloudapi::alibaba::alidns::{
    self, AddDomainRecordRequest, DeleteDomainRecordRequest, DescribeDomainRecordInfoError,
    DescribeDomainRecordInfoRequest, DescribeDomainRecordsRequest, DescribeSubDomainRecordsRequest,
};
use cloudapi::tencent::dnspod::{
    self, CreateRecordRequest, CreateTxtRecordRequest, DeleteRecordRequest,
    DescribeRecordListError, DescribeRecordListRequest,
};
use testkit::{DnsService, Server};

const DOMAIN: &str = "shop.example";
const HOST: &str = "_acme-challenge";
const TOKEN: &str = "gfj9Xq_dns-01-key-authorization-digest";

/// DNS-01 on DNSPod; returns the ID the challenge record had.
async fn on_dnspod(server: &Server) -> u64 {
    let client = dnspod::Client::new(server.config()).expect("client builds");
    // What the domain already has: an address, and a TXT record at another host.
    let www = CreateRecordRequest::new(DOMAIN, "A", "默认", "192.0.2.1").sub_domain("www");
    client.create_record(www).await.unwrap();
    let spf = CreateTxtRecordRequest::new(DOMAIN, "默认", "v=spf1 -all");
    client.create_txt_record(spf).await.unwrap();

    let challenge = CreateTxtRecordRequest::new(DOMAIN, "默认", TOKEN)
        .sub_domain(HOST)
        .ttl(600);
    let id = client.create_txt_record(challenge).await.unwrap().record_id;

    let listing = DescribeRecordListRequest::new(DOMAIN)
        .sub_domain(HOST)
        .record_type("TXT");
    let found = client.describe_record_list(listing.clone()).await.unwrap();
    assert_eq!(found.record_count_info.total_count, 1, "only the challenge");
    let record = &found.record_list[0];
    assert_eq!((record.record_id, record.value.as_str()), (id, TOKEN));
    assert_eq!((record.name.as_str(), record.type_.as_str()), (HOST, "TXT"));

    client
        .delete_record(DeleteRecordRequest::new(DOMAIN, id))
        .await
        .unwrap();
    let gone = client.describe_record_list(listing).await.unwrap_err();
    assert_eq!(
        gone.code(),
        Some(&DescribeRecordListError::ResourceNotFoundNoDataOfRecord)
    );
    let left = client
        .describe_record_list(DescribeRecordListRequest::new(DOMAIN))
        .await
        .unwrap();
    let hosts: Vec<&str> = left.record_list.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(hosts, ["www", "@"], "the domain's other records stay");
    id
}

/// DNS-01 on Alibaba Cloud DNS; returns the ID the challenge record had.
async fn on_alidns(server: &Server) -> String {
    let client = alidns::Client::new(server.config()).expect("client builds");
    let www = AddDomainRecordRequest::new(DOMAIN, "www", "A", "192.0.2.1");
    client.add_domain_record(www).await.unwrap();
    let spf = AddDomainRecordRequest::new(DOMAIN, "@", "TXT", "v=spf1 -all");
    client.add_domain_record(spf).await.unwrap();

    let challenge = AddDomainRecordRequest::new(DOMAIN, HOST, "TXT", TOKEN);
    let added = client.add_domain_record(challenge).await.unwrap();
    let id = added.record_id.expect("a record ID");

    let listing = DescribeSubDomainRecordsRequest::new(format!("{HOST}.{DOMAIN}")).type_("TXT");
    let found = client
        .describe_sub_domain_records(listing.clone())
        .await
        .unwrap();
    assert_eq!(found.total_count, Some(1), "only the challenge");
    let records = found
        .domain_records
        .and_then(|d| d.record)
        .unwrap_or_default();
    assert_eq!(records[0].record_id.as_deref(), Some(id.as_str()));
    assert_eq!(records[0].value.as_deref(), Some(TOKEN));
    assert_eq!(records[0].rr.as_deref(), Some(HOST));
    // The domain-wide listing finds it too, by host keyword and type.
    let search = DescribeDomainRecordsRequest::new(DOMAIN)
        .rr_key_word(HOST)
        .type_("TXT");
    let searched = client.describe_domain_records(search).await.unwrap();
    assert_eq!(searched.total_count, Some(1));

    client
        .delete_domain_record(DeleteDomainRecordRequest::new(&id))
        .await
        .unwrap();
    let gone = client.describe_sub_domain_records(listing).await.unwrap();
    assert_eq!(gone.total_count, Some(0));
    let described = DescribeDomainRecordInfoRequest::new(&id);
    let error = client
        .describe_domain_record_info(described)
        .await
        .unwrap_err();
    assert_eq!(
        error.code(),
        Some(&DescribeDomainRecordInfoError::DomainRecordNotBelongToUser)
    );
    let left = client
        .describe_domain_records(DescribeDomainRecordsRequest::new(DOMAIN))
        .await
        .unwrap();
    assert_eq!(left.total_count, Some(2), "the domain's other records stay");
    id
}

#[tokio::test]
async fn dns01_on_dnspod() {
    let server = Server::start().await.unwrap();
    on_dnspod(&server).await;
    server.assert_no_refusals();
}

#[tokio::test]
async fn dns01_on_alidns() {
    let server = Server::start().await.unwrap();
    on_alidns(&server).await;
    server.assert_no_refusals();
}

#[tokio::test]
async fn both_clouds_at_once_on_one_server_keep_their_own_records() {
    let server = Server::start().await.unwrap();
    let (tencent, alibaba) = tokio::join!(on_dnspod(&server), on_alidns(&server));
    let kept = |service| -> Vec<(String, String)> {
        let records = server.dns_records(service).into_iter();
        let in_domain = records.filter(|r| r.domain == DOMAIN);
        in_domain.map(|r| (r.name, r.record_type)).collect()
    };
    let expected = [
        ("www".to_owned(), "A".to_owned()),
        ("@".into(), "TXT".into()),
    ];
    assert_eq!(kept(DnsService::Dnspod), expected);
    assert_eq!(kept(DnsService::Alidns), expected);
    let ids = |service| server.dns_records(service).into_iter().map(|r| r.id);
    assert!(ids(DnsService::Dnspod).all(|id| id != tencent));
    assert!(ids(DnsService::Alidns).all(|id| id.to_string() != alibaba));
    server.assert_no_refusals();
}
