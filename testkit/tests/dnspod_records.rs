//! Tencent Cloud DNSPod's records kept by the testkit, through the generated client over
//! real HTTP on 127.0.0.1, with no answer stubbed: created records exist with fresh IDs, the
//! listings filter and page them, they can be described, changed and deleted, and an unknown
//! ID answers `InvalidParameter.RecordIdInvalid`, an empty listing
//! `ResourceNotFound.NoDataOfRecord`.

use std::collections::BTreeSet;

use cloudapi::runtime::stream::TryStreamExt;
use cloudapi::tencent::dnspod::*;
use cloudapi::{Error, ErrorCode};
use testkit::{DnsRecord, DnsService, Server, ServerConfig};

const DOMAIN: &str = "example.com";

async fn start() -> (Server, Client) {
    let server = Server::start().await.expect("server starts");
    let client = Client::new(server.config()).expect("client builds");
    (server, client)
}

/// The code of a failed call, as sent.
fn code<T: std::fmt::Debug, E: ErrorCode>(result: Result<T, Error<E>>) -> String {
    match result {
        Err(Error::Service(e)) => e.code().code().to_owned(),
        other => panic!("expected a service error, got {other:?}"),
    }
}

async fn list(client: &Client, request: DescribeRecordListRequest) -> Vec<(u64, String, String)> {
    let answer = client.describe_record_list(request).await.expect("listed");
    assert_eq!(
        answer.record_count_info.list_count,
        answer.record_list.len() as u64
    );
    let records = answer.record_list.into_iter();
    records.map(|r| (r.record_id, r.name, r.type_)).collect()
}

#[tokio::test]
async fn a_record_is_created_listed_described_changed_and_deleted() {
    let (server, client) = start().await;
    let txt = CreateTxtRecordRequest::new(DOMAIN, "默认", "token-1")
        .sub_domain("_acme-challenge")
        .ttl(60);
    let txt_id = client.create_txt_record(txt).await.unwrap().record_id;
    let a = CreateRecordRequest::new(DOMAIN, "A", "默认", "192.0.2.1").sub_domain("www");
    let a_id = client.create_record(a).await.unwrap().record_id;
    assert_ne!(txt_id, a_id, "fresh IDs");
    assert!(![162, 16412959].contains(&txt_id), "not an example's ID");

    let all = client
        .describe_record_list(DescribeRecordListRequest::new(DOMAIN))
        .await
        .unwrap();
    assert_eq!(all.record_count_info.total_count, 2);
    assert_eq!(all.record_count_info.subdomain_count, 2);
    let first = &all.record_list[0];
    assert_eq!(
        (first.record_id, first.name.as_str(), first.type_.as_str()),
        (txt_id, "_acme-challenge", "TXT")
    );
    assert_eq!((first.value.as_str(), first.ttl), ("token-1", 60));
    assert_eq!((first.line.as_str(), first.line_id.as_str()), ("默认", "0"));
    assert_eq!(first.status, "ENABLE");

    let by_host = DescribeRecordListRequest::new(DOMAIN).sub_domain("_acme-challenge");
    let expected = (txt_id, "_acme-challenge".to_owned(), "TXT".to_owned());
    assert_eq!(list(&client, by_host).await, [expected]);
    let by_type = DescribeRecordListRequest::new(DOMAIN).record_type("A");
    let expected = (a_id, "www".to_owned(), "A".to_owned());
    assert_eq!(list(&client, by_type).await, [expected]);
    let by_keyword = DescribeRecordListRequest::new(DOMAIN).keyword("192.0.2");
    assert_eq!(
        list(&client, by_keyword).await.len(),
        1,
        "a keyword matches values too"
    );
    let by_line = DescribeRecordListRequest::new(DOMAIN).record_line("电信");
    let none = client.describe_record_list(by_line.clone()).await;
    assert_eq!(code(none), "ResourceNotFound.NoDataOfRecord");
    let empty = client
        .describe_record_list(by_line.error_on_empty("no"))
        .await
        .unwrap();
    assert!(empty.record_list.is_empty());
    assert_eq!(empty.record_count_info.total_count, 0);
    let elsewhere = client
        .describe_record_list(DescribeRecordListRequest::new("example.net"))
        .await;
    assert_eq!(
        code(elsewhere),
        "ResourceNotFound.NoDataOfRecord",
        "another domain"
    );

    let info = client
        .describe_record(DescribeRecordRequest::new(DOMAIN, txt_id))
        .await
        .unwrap()
        .record_info;
    assert_eq!(
        (info.id, info.sub_domain.as_str()),
        (txt_id, "_acme-challenge")
    );
    assert_eq!(
        (info.record_type.as_str(), info.value.as_str()),
        ("TXT", "token-1")
    );
    assert_eq!((info.ttl, info.enabled), (60, 1));
    // The domain has an ID now, and it names the domain instead of `Domain`.
    let by_id = DescribeRecordListRequest::new("ignored.example").domain_id(info.domain_id);
    assert_eq!(list(&client, by_id).await.len(), 2);

    let change = ModifyTxtRecordRequest::new(DOMAIN, "默认", "token-2", txt_id)
        .sub_domain("_acme-challenge")
        .status("DISABLE");
    assert_eq!(
        client.modify_txt_record(change).await.unwrap().record_id,
        txt_id
    );
    let change = ModifyRecordRequest::new(DOMAIN, "AAAA", "默认", "2001:db8::1", a_id).ttl(300);
    client.modify_record(change).await.unwrap();
    let described = |id| client.describe_record(DescribeRecordRequest::new(DOMAIN, id));
    let txt = described(txt_id).await.unwrap().record_info;
    assert_eq!(
        (txt.value.as_str(), txt.enabled, txt.ttl),
        ("token-2", 0, 60)
    );
    let aaaa = described(a_id).await.unwrap().record_info;
    assert_eq!(
        (
            aaaa.sub_domain.as_str(),
            aaaa.record_type.as_str(),
            aaaa.ttl
        ),
        ("@", "AAAA", 300),
        "no SubDomain means @"
    );

    let wrong_domain = client
        .delete_record(DeleteRecordRequest::new("example.net", txt_id))
        .await;
    assert_eq!(code(wrong_domain), "InvalidParameter.RecordIdInvalid");
    client
        .delete_record(DeleteRecordRequest::new(DOMAIN, txt_id))
        .await
        .unwrap();
    let again = client
        .delete_record(DeleteRecordRequest::new(DOMAIN, txt_id))
        .await;
    let Err(Error::Service(error)) = again else {
        panic!("{again:?}")
    };
    assert_eq!(
        error.code(),
        &DeleteRecordError::InvalidParameterRecordIdInvalid
    );
    assert!(error.message().contains("The record number is incorrect."));
    assert_eq!(
        code(described(txt_id).await),
        "InvalidParameter.RecordIdInvalid"
    );
    let change = ModifyTxtRecordRequest::new(DOMAIN, "默认", "token-3", txt_id);
    assert_eq!(
        code(client.modify_txt_record(change).await),
        "InvalidParameter.RecordIdInvalid"
    );
    let gone = DescribeRecordListRequest::new(DOMAIN).sub_domain("_acme-challenge");
    assert_eq!(
        code(client.describe_record_list(gone).await),
        "ResourceNotFound.NoDataOfRecord"
    );
    let left: Vec<u64> = server
        .dns_records(DnsService::Dnspod)
        .into_iter()
        .filter(|r| r.domain == DOMAIN)
        .map(|r| r.id)
        .collect();
    assert_eq!(left, [a_id]);
    server.assert_no_refusals();
}

#[tokio::test]
async fn the_filter_listing_matches_hosts_partly_or_exactly_types_and_statuses() {
    let (server, client) = start().await;
    let add = |name: &str, kind: &str| {
        server.add_dns_record(DnsService::Dnspod, DnsRecord::new(DOMAIN, name, kind, "v"))
    };
    let challenge = add("_acme-challenge", "TXT");
    let www = add("www", "A");
    let mut off = DnsRecord::new(DOMAIN, "old", "A", "v");
    off.enabled = false;
    let old = server.add_dns_record(DnsService::Dnspod, off);

    let ids = |answer: DescribeRecordFilterListResponse| -> Vec<u64> {
        answer.record_list.iter().map(|r| r.record_id).collect()
    };
    let filtered = |request| client.describe_record_filter_list(request);
    let partly = DescribeRecordFilterListRequest::new(DOMAIN).sub_domain("acme");
    assert_eq!(ids(filtered(partly.clone()).await.unwrap()), [challenge]);
    let exact = partly.is_exact_sub_domain(true);
    assert_eq!(
        code(filtered(exact).await),
        "ResourceNotFound.NoDataOfRecord"
    );
    let types = DescribeRecordFilterListRequest::new(DOMAIN).record_type(["A", "AAAA"]);
    assert_eq!(ids(filtered(types).await.unwrap()), [www, old]);
    let disabled =
        DescribeRecordFilterListRequest::new(DOMAIN).record_status([RecordStatus::Disable]);
    let answer = filtered(disabled).await.unwrap();
    assert_eq!(answer.record_list[0].status, "DISABLE");
    assert_eq!(ids(answer), [old]);
    let page = DescribeRecordFilterListRequest::new(DOMAIN)
        .offset(1)
        .limit(1);
    let answer = filtered(page).await.unwrap();
    assert_eq!(answer.record_count_info.total_count, 3);
    assert_eq!(ids(answer), [www]);
    server.assert_no_refusals();
}

#[tokio::test]
async fn the_items_stream_pages_through_250_records_by_their_total() {
    let (server, client) = start().await;
    let mut created = BTreeSet::new();
    for i in 0..250 {
        let request = CreateTxtRecordRequest::new("many.example", "默认", format!("v{i}"))
            .sub_domain(format!("host-{i}"));
        created.insert(client.create_txt_record(request).await.unwrap().record_id);
    }
    assert_eq!(created.len(), 250, "250 fresh IDs");
    let request = DescribeRecordListRequest::new("many.example").limit(100);
    let listed: Vec<RecordListItem> = client
        .describe_record_list_items(request)
        .try_collect()
        .await
        .unwrap();
    let ids: BTreeSet<u64> = listed.iter().map(|r| r.record_id).collect();
    assert_eq!((listed.len(), ids), (250, created));
    let pages = server.received(Client::describe_record_list);
    let offsets: Vec<Option<u64>> = pages.iter().map(|p| p.offset).collect();
    assert_eq!(
        offsets,
        [None, Some(100), Some(200)],
        "no page asked past the total"
    );
    server.assert_no_refusals();
}

#[tokio::test]
async fn the_examples_records_exist_from_the_start() {
    let (server, client) = start().await;
    // DescribeRecord and DeleteRecord as the documentation sends them.
    let request = DescribeRecordRequest::new("dnspod.site", 162).domain_id(62);
    let info = client.describe_record(request).await.unwrap().record_info;
    assert_eq!(
        (info.sub_domain.as_str(), info.value.as_str()),
        ("bbbb", "129.23.32.32")
    );
    assert_eq!((info.domain_id, info.enabled), (62, 0));
    // The English example's domain (it sends the disabled `Subdomain`, kept since).
    let request = DescribeRecordListRequest::new("shenjianing.com").record_type("NS");
    assert_eq!(
        list(&client, request).await.len(),
        2,
        "the listing example's records"
    );
    let request = DeleteRecordRequest::new("dnspod.site", 162).domain_id(62);
    client.delete_record(request.clone()).await.unwrap();
    let again = client.delete_record(request).await;
    assert_eq!(code(again), "InvalidParameter.RecordIdInvalid");
    let seeded: BTreeSet<u64> = server
        .dns_records(DnsService::Dnspod)
        .iter()
        .map(|r| r.id)
        .collect();
    let expected = BTreeSet::from([1, 16412959, 16412960, 556507778, 556507779]);
    assert_eq!(seeded, expected);
    server.assert_no_refusals();
}

#[tokio::test]
async fn without_tracking_the_actions_answer_their_examples() {
    let config = ServerConfig::new().track_resources(false);
    let server = Server::start_with(config).await.unwrap();
    let client = Client::new(server.config()).unwrap();
    let request = CreateTxtRecordRequest::new(DOMAIN, "默认", "token");
    let created = client.create_txt_record(request).await.unwrap();
    assert_eq!(created.record_id, 16412959, "the example's answer");
    let listed = client
        .describe_record_list(DescribeRecordListRequest::new(DOMAIN))
        .await
        .unwrap();
    assert_eq!(
        listed.record_list[0].record_id, 556507778,
        "the example's answer"
    );
    let deleted = client
        .delete_record(DeleteRecordRequest::new(DOMAIN, 424242))
        .await;
    assert!(deleted.is_ok(), "no not-found without tracking");
    server.assert_no_refusals();
}
