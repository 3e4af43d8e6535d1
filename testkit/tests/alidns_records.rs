//! Alibaba Cloud DNS's records kept by the testkit, through the generated client over real
//! HTTP on 127.0.0.1, with no answer stubbed: added records exist with fresh IDs, the
//! listings search and page them, they can be described, changed and deleted, and an unknown
//! ID answers `DomainRecordNotBelongToUser` with HTTP 400.

use std::collections::BTreeSet;

use cloudapi::Error;
use cloudapi::alibaba::alidns::*;
use cloudapi::runtime::stream::TryStreamExt;
use testkit::{DnsRecord, DnsService, Server, ServerConfig};

const DOMAIN: &str = "example.org";

async fn start() -> (Server, Client) {
    let server = Server::start().await.expect("server starts");
    let client = Client::new(server.config()).expect("client builds");
    (server, client)
}

async fn add(client: &Client, rr: &str, kind: &str, value: &str) -> String {
    let request = AddDomainRecordRequest::new(DOMAIN, rr, kind, value);
    let answer = client.add_domain_record(request).await.expect("added");
    answer.record_id.expect("a record ID")
}

/// The IDs and total of a `DescribeDomainRecords` answer.
async fn search(client: &Client, request: DescribeDomainRecordsRequest) -> (Vec<String>, i64) {
    let answer = client
        .describe_domain_records(request)
        .await
        .expect("listed");
    let records = answer
        .domain_records
        .and_then(|d| d.record)
        .unwrap_or_default();
    let ids = records.into_iter().filter_map(|r| r.record_id).collect();
    (ids, answer.total_count.unwrap_or(-1))
}

/// The IDs of a `DescribeSubDomainRecords` answer.
async fn host(client: &Client, request: DescribeSubDomainRecordsRequest) -> Vec<String> {
    let answer = client
        .describe_sub_domain_records(request)
        .await
        .expect("listed");
    let records = answer
        .domain_records
        .and_then(|d| d.record)
        .unwrap_or_default();
    assert_eq!(answer.total_count, Some(records.len() as i64));
    records.into_iter().filter_map(|r| r.record_id).collect()
}

#[tokio::test]
async fn a_record_is_added_listed_described_changed_and_deleted() {
    let (server, client) = start().await;
    let txt = add(&client, "_acme-challenge", "TXT", "token-1").await;
    let www = add(&client, "www", "A", "192.0.2.1").await;
    assert_ne!(txt, www, "fresh IDs");
    assert_ne!(txt, "9999985", "not the example's ID");

    let newest_first = vec![www.clone(), txt.clone()];
    let all = DescribeDomainRecordsRequest::new(DOMAIN);
    assert_eq!(search(&client, all.clone()).await, (newest_first, 2));
    let oldest_first = search(&client, all.direction("ASC")).await.0;
    assert_eq!(oldest_first, [txt.clone(), www.clone()]);
    let by_rr = DescribeDomainRecordsRequest::new(DOMAIN).rr_key_word("ACME");
    assert_eq!(search(&client, by_rr).await, (vec![txt.clone()], 1));
    let by_type = DescribeDomainRecordsRequest::new(DOMAIN).type_key_word("a");
    assert_eq!(search(&client, by_type).await.0, [www.as_str()]);
    let by_value = DescribeDomainRecordsRequest::new(DOMAIN).value_key_word("token");
    assert_eq!(search(&client, by_value).await.0, [txt.as_str()]);
    let like = DescribeDomainRecordsRequest::new(DOMAIN).key_word("192.0");
    assert_eq!(search(&client, like).await.0, [www.as_str()]);
    let exact = DescribeDomainRecordsRequest::new(DOMAIN)
        .key_word("www")
        .search_mode("EXACT");
    assert_eq!(search(&client, exact).await.0, [www.as_str()]);
    let none = DescribeDomainRecordsRequest::new(DOMAIN).type_("MX");
    assert_eq!(
        search(&client, none).await,
        (vec![], 0),
        "an empty listing is no error"
    );

    let full = DescribeSubDomainRecordsRequest::new("_acme-challenge.example.org");
    assert_eq!(
        host(&client, full.clone().type_("TXT")).await,
        [txt.as_str()]
    );
    assert_eq!(
        host(&client, full.clone().type_("A")).await,
        Vec::<String>::new()
    );
    let named = full.domain_name(DOMAIN);
    assert_eq!(host(&client, named).await, [txt.as_str()]);
    let apex = DescribeSubDomainRecordsRequest::new(DOMAIN);
    assert_eq!(
        host(&client, apex).await,
        Vec::<String>::new(),
        "no record at @"
    );

    let info =
        |id: &str| client.describe_domain_record_info(DescribeDomainRecordInfoRequest::new(id));
    let described = info(&txt).await.unwrap();
    assert_eq!(described.record_id.as_deref(), Some(txt.as_str()));
    assert_eq!(described.domain_name.as_deref(), Some(DOMAIN));
    assert_eq!(
        (
            described.rr.as_deref(),
            described.type_.as_deref(),
            described.value.as_deref()
        ),
        (Some("_acme-challenge"), Some("TXT"), Some("token-1"))
    );
    assert_eq!(
        (described.ttl, described.line.as_deref()),
        (Some(600), Some("default"))
    );
    assert_eq!(described.status.as_deref(), Some("Enable"));

    let change = UpdateDomainRecordRequest::new(&txt, "_acme-challenge", "TXT", "token-2").ttl(60);
    let changed = client.update_domain_record(change).await.unwrap();
    assert_eq!(changed.record_id.as_deref(), Some(txt.as_str()));
    let described = info(&txt).await.unwrap();
    assert_eq!(
        (described.value.as_deref(), described.ttl),
        (Some("token-2"), Some(60))
    );

    let deleted = client
        .delete_domain_record(DeleteDomainRecordRequest::new(&txt))
        .await
        .unwrap();
    assert_eq!(deleted.record_id.as_deref(), Some(txt.as_str()));
    let again = client
        .delete_domain_record(DeleteDomainRecordRequest::new(&txt))
        .await;
    let Err(Error::Service(error)) = again else {
        panic!("{again:?}")
    };
    assert_eq!(
        error.code(),
        &DeleteDomainRecordError::DomainRecordNotBelongToUser
    );
    assert_eq!(error.http_status, 400);
    assert!(error.message().contains("does not belong to this user"));
    let Err(Error::Service(error)) = info(&txt).await else {
        panic!("described after delete")
    };
    assert_eq!(
        error.code(),
        &DescribeDomainRecordInfoError::DomainRecordNotBelongToUser
    );
    let change = UpdateDomainRecordRequest::new(&txt, "_acme-challenge", "TXT", "token-3");
    let Err(Error::Service(error)) = client.update_domain_record(change).await else {
        panic!("updated after delete")
    };
    assert_eq!(
        error.code(),
        &UpdateDomainRecordError::DomainRecordNotBelongToUser
    );
    let gone = DescribeSubDomainRecordsRequest::new("_acme-challenge.example.org").type_("TXT");
    assert_eq!(host(&client, gone).await, Vec::<String>::new());
    let not_a_number = client
        .delete_domain_record(DeleteDomainRecordRequest::new("not-a-record"))
        .await;
    assert!(matches!(not_a_number, Err(Error::Service(e)) if e.http_status == 400));
    server.assert_no_refusals();
}

#[tokio::test]
async fn deleting_a_host_deletes_its_records_of_the_type() {
    let (server, client) = start().await;
    add(&client, "_acme-challenge", "TXT", "a").await;
    add(&client, "_acme-challenge", "TXT", "b").await;
    let kept = add(&client, "_acme-challenge", "CNAME", "elsewhere.example").await;
    let request = DeleteSubDomainRecordsRequest::new(DOMAIN, "_acme-challenge").type_("TXT");
    let answer = client
        .delete_sub_domain_records(request.clone())
        .await
        .unwrap();
    assert_eq!(answer.total_count.as_deref(), Some("2"));
    assert_eq!(answer.rr.as_deref(), Some("_acme-challenge"));
    let again = client.delete_sub_domain_records(request).await.unwrap();
    assert_eq!(again.total_count.as_deref(), Some("0"));
    let left = host(
        &client,
        DescribeSubDomainRecordsRequest::new("_acme-challenge.example.org"),
    )
    .await;
    assert_eq!(left, [kept]);
    server.assert_no_refusals();
}

#[tokio::test]
async fn the_items_stream_pages_through_250_records_by_their_total() {
    let (server, client) = start().await;
    let mut created = BTreeSet::new();
    for i in 0..250 {
        let request =
            AddDomainRecordRequest::new("many.example", format!("host-{i}"), "A", "192.0.2.7");
        let answer = client.add_domain_record(request).await.unwrap();
        created.insert(answer.record_id.unwrap_or_default());
    }
    assert_eq!(created.len(), 250, "250 fresh IDs");
    let request = DescribeDomainRecordsRequest::new("many.example").page_size(100);
    let listed: Vec<DescribeDomainRecordsRecordItem> = client
        .describe_domain_records_items(request)
        .try_collect()
        .await
        .unwrap();
    let ids: BTreeSet<String> = listed.iter().filter_map(|r| r.record_id.clone()).collect();
    assert_eq!((listed.len(), ids), (250, created));
    let pages = server.received(Client::describe_domain_records);
    let numbers: Vec<Option<i64>> = pages.iter().map(|p| p.page_number).collect();
    assert_eq!(
        numbers,
        [None, Some(2), Some(3)],
        "no page asked past the total"
    );
    server.assert_no_refusals();
}

#[tokio::test]
async fn an_added_record_is_served_beside_the_examples_one() {
    let (server, client) = start().await;
    // The record of the documented answers exists from the start.
    let example = DescribeDomainRecordInfoRequest::new("9999985");
    let described = client.describe_domain_record_info(example).await.unwrap();
    assert_eq!(
        (
            described.domain_name.as_deref(),
            described.rr.as_deref(),
            described.type_.as_deref()
        ),
        (Some("example.com"), Some("www"), Some("MX"))
    );
    let record = DnsRecord::new(DOMAIN, "_acme-challenge", "TXT", "seeded").ttl(120);
    let id = server.add_dns_record(DnsService::Alidns, record);
    let request = DescribeSubDomainRecordsRequest::new("_acme-challenge.example.org");
    let answer = client.describe_sub_domain_records(request).await.unwrap();
    let listed = &answer
        .domain_records
        .and_then(|d| d.record)
        .unwrap_or_default()[0];
    assert_eq!(listed.record_id, Some(id.to_string()));
    assert_eq!(
        (listed.value.as_deref(), listed.ttl),
        (Some("seeded"), Some(120))
    );
    assert_eq!(
        listed.line.as_deref(),
        Some("default"),
        "the service's default line"
    );
    let request = DeleteDomainRecordRequest::new(id.to_string());
    client.delete_domain_record(request).await.unwrap();
    let ids: Vec<u64> = server
        .dns_records(DnsService::Alidns)
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [9999985], "only the example's record is left");
    server.assert_no_refusals();
}

#[tokio::test]
async fn without_tracking_the_actions_answer_their_examples() {
    let config = ServerConfig::new().track_resources(false);
    let server = Server::start_with(config).await.unwrap();
    let client = Client::new(server.config()).unwrap();
    let request = AddDomainRecordRequest::new(DOMAIN, "www", "A", "192.0.2.1");
    let added = client.add_domain_record(request).await.unwrap();
    assert_eq!(
        added.record_id.as_deref(),
        Some("9999985"),
        "the example's answer"
    );
    let deleted = client
        .delete_domain_record(DeleteDomainRecordRequest::new("424242"))
        .await;
    assert!(deleted.is_ok(), "no not-found without tracking");
    server.assert_no_refusals();
}
