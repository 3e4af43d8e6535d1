//! The streams of listing actions over real HTTP, against the loopback test
//! server answering each page from the typed request: offset paging
//! (Tencent `DescribeCertificates`) and page-number paging (Alibaba
//! `ListCert`), over 0, 1 and 250 items; the walk stops at the total, asks
//! for a page only when polled, survives a failed page by retrying it, and
//! gives up with a typed error on a server that repeats a page.

use std::sync::Arc;

use cloudapi::Error;
use cloudapi::alibaba::cas::{self, ListCertRequest};
use cloudapi::runtime::stream::{StreamExt, TryStreamExt};
use cloudapi::tencent::ssl::{Client, DescribeCertificatesRequest};
use testkit::{Fault, Server};

/// A Tencent server listing `count` certificates, `Limit` at a time
/// (default 20), from `Offset`; `ignore_offset` makes it answer the first
/// page whatever is asked.
async fn tencent_server(count: usize, ignore_offset: bool) -> (Server, Client) {
    let server = Server::start().await.unwrap();
    let example = server.example(Client::describe_certificates);
    let template = Arc::new(example.certificates[0].clone());
    server.respond_with(Client::describe_certificates, move |request| {
        let mut page = example.clone();
        let limit = request.limit.unwrap_or(20) as usize;
        let offset = if ignore_offset {
            0
        } else {
            request.offset.unwrap_or(0) as usize
        };
        page.total_count = count as u64;
        page.certificates = (offset..(offset + limit).min(count))
            .map(|i| {
                let mut certificate = (*template).clone();
                certificate.certificate_id = format!("cert-{i}");
                certificate
            })
            .collect();
        Ok(page)
    });
    let client = harness::tencent(&server);
    (server, client)
}

/// An Alibaba server listing `count` certificates, `ShowSize` a page
/// (default 50), page `CurrentPage` counted from 1.
async fn alibaba_server(count: usize) -> (Server, cas::Client) {
    let server = Server::start().await.unwrap();
    let example = server.example(cas::Client::list_cert);
    let template = Arc::new(example.cert_list.clone().unwrap_or_default()[0].clone());
    server.respond_with(cas::Client::list_cert, move |request| {
        let mut page = example.clone();
        let size = request.show_size.unwrap_or(50) as usize;
        let first = (request.current_page.unwrap_or(1) as usize - 1) * size;
        page.total_count = Some(count as i64);
        page.cert_list = Some(
            (first..(first + size).min(count))
                .map(|i| {
                    let mut certificate = (*template).clone();
                    certificate.identifier = Some(format!("cert-{i}"));
                    certificate
                })
                .collect(),
        );
        Ok(page)
    });
    let client = harness::alibaba(&server);
    (server, client)
}

#[tokio::test]
async fn offset_paging_walks_0_1_and_250_items_and_stops_at_the_total() {
    for (count, pages) in [(0, 1), (1, 1), (250, 3)] {
        let (server, client) = tencent_server(count, false).await;
        let request = DescribeCertificatesRequest::new().limit(100);
        let ids: Vec<String> = client
            .describe_certificates_items(request)
            .map_ok(|c| c.certificate_id)
            .try_collect()
            .await
            .unwrap();
        let expected: Vec<String> = (0..count).map(|i| format!("cert-{i}")).collect();
        assert_eq!(ids, expected, "{count} items");
        let offsets: Vec<Option<u64>> = server
            .received(Client::describe_certificates)
            .iter()
            .map(|r| r.offset)
            .collect();
        let expected: Vec<Option<u64>> = [None, Some(100), Some(200)][..pages].to_vec();
        assert_eq!(
            offsets, expected,
            "{count} items: one request per page, none past the total"
        );
        server.assert_no_refusals();
    }
}

#[tokio::test]
async fn page_number_paging_walks_0_1_and_250_items_and_stops_at_the_total() {
    for (count, pages) in [(0, 1), (1, 1), (250, 3)] {
        let (server, client) = alibaba_server(count).await;
        let request = ListCertRequest::new().show_size(100);
        let pages_read: Vec<_> = client
            .list_cert_pages(request.clone())
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages_read.len(), pages, "{count} items");
        let ids: Vec<String> = client
            .list_cert_items(request)
            .map_ok(|c| c.identifier.unwrap_or_default())
            .try_collect()
            .await
            .unwrap();
        let expected: Vec<String> = (0..count).map(|i| format!("cert-{i}")).collect();
        assert_eq!(ids, expected, "{count} items");
        let numbers: Vec<Option<i64>> = server
            .received(cas::Client::list_cert)
            .iter()
            .map(|r| r.current_page)
            .take(pages)
            .collect();
        let expected: Vec<Option<i64>> = [None, Some(2), Some(3)][..pages].to_vec();
        assert_eq!(numbers, expected, "{count} items");
        server.assert_no_refusals();
    }
}

#[tokio::test]
async fn the_next_page_is_requested_only_when_the_stream_is_polled() {
    let (server, client) = tencent_server(250, false).await;
    // Polled as the README shows: the streams are `Unpin`, no pinning needed.
    let mut items =
        client.describe_certificates_items(DescribeCertificatesRequest::new().limit(100));
    for _ in 0..100 {
        items.try_next().await.unwrap().unwrap();
    }
    assert_eq!(server.received(Client::describe_certificates).len(), 1);
    items.try_next().await.unwrap().unwrap();
    assert_eq!(server.received(Client::describe_certificates).len(), 2);
    let mut pages =
        client.describe_certificates_pages(DescribeCertificatesRequest::new().limit(100));
    assert_eq!(pages.next().await.unwrap().unwrap().certificates.len(), 100);
}

#[tokio::test]
async fn a_failed_page_is_retried_like_any_call() {
    let (server, client) = tencent_server(250, false).await;
    // The first page's first answer is a proxy's error page.
    server.fault(Client::describe_certificates, Fault::BadGatewayHtml);
    let items: Vec<_> = client
        .describe_certificates_items(DescribeCertificatesRequest::new().limit(100))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 250);
    let offsets: Vec<Option<u64>> = server
        .received(Client::describe_certificates)
        .iter()
        .map(|r| r.offset)
        .collect();
    assert_eq!(
        offsets,
        [None, None, Some(100), Some(200)],
        "the first page sent twice"
    );
}

#[tokio::test]
async fn a_server_that_repeats_a_page_ends_the_stream_with_a_typed_error() {
    let (server, client) = tencent_server(1000, true).await;
    let error = client
        .describe_certificates_items(DescribeCertificatesRequest::new().limit(100))
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    let Error::RepeatedPage(repeated) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (repeated.action, repeated.pages),
        ("DescribeCertificates", 2)
    );
    assert!(error.to_string().contains("same items"), "{error}");
    assert_eq!(server.received(Client::describe_certificates).len(), 2);
}

/// The listing starts at the last offset there is, at a server that answers
/// every offset with one certificate: the page after it has no offset. An
/// unchecked addition there would panic (debug builds) or wrap to offset 0
/// and list everything again (release builds).
#[tokio::test]
async fn an_offset_past_u64_max_ends_the_stream_with_a_typed_error() {
    for total in [0, u64::MAX] {
        let server = Server::start().await.unwrap();
        let example = server.example(Client::describe_certificates);
        server.respond_with(Client::describe_certificates, move |request| {
            let mut page = example.clone();
            // 0: a server that cannot count, so only the offset can end the listing.
            page.total_count = total;
            page.certificates.truncate(1);
            page.certificates[0].certificate_id = format!("cert-{:?}", request.offset);
            Ok(page)
        });
        let client = harness::tencent(&server);
        let request = DescribeCertificatesRequest::new().offset(u64::MAX).limit(1);
        let result: Result<Vec<_>, _> = client
            .describe_certificates_items(request)
            .map_ok(|c| c.certificate_id)
            .try_collect()
            .await;
        let offsets: Vec<Option<u64>> = server
            .received(Client::describe_certificates)
            .iter()
            .map(|r| r.offset)
            .collect();
        assert_eq!(
            offsets,
            [Some(u64::MAX)],
            "total {total}: one page asked for"
        );
        server.assert_no_refusals();
        if total > 0 {
            // The item after the page is past any total: the listing ended.
            assert_eq!(result.unwrap(), [format!("cert-{:?}", Some(u64::MAX))]);
            continue;
        }
        let error = result.unwrap_err();
        let Error::PageOutOfRange(out_of_range) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            (
                out_of_range.action,
                out_of_range.pages,
                out_of_range.position
            ),
            ("DescribeCertificates", 1, u64::MAX)
        );
        assert!(
            error
                .to_string()
                .contains("next page's offset would be past"),
            "{error}"
        );
        assert!(error.request_id().is_some_and(|id| !id.is_empty()));
    }
}
