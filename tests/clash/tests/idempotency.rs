//! The idempotency token through generated code: `Ping`'s `ClientToken` is
//! an idempotency token member, so the generated request hands it to the
//! client, which fills it once per call. Called here through the generated
//! client against the testkit serving this crate's spec on 127.0.0.1, with
//! attempts that fail as a lost answer and a server error would, so that
//! the retries are real requests on the wire.

use clash_fixture::acme::match_::{Client, PingRequest};
use testkit::{Fault, FaultKind, Server, ServerConfig};

/// A server error the client retries for this (idempotent) action.
fn internal_error() -> Fault {
    Fault::ServiceError {
        code: "InternalError".into(),
        message: "An internal error occurred.".into(),
        status: None,
    }
}

/// The `ClientToken` of every `Ping` the server read, in order, with how it
/// was answered (`None`: normally).
fn tokens(server: &Server) -> Vec<(Option<String>, Option<FaultKind>)> {
    server
        .requests()
        .iter()
        .filter(|r| r.action == "Ping")
        .map(|r| {
            let params = r.params.as_ref().expect("the server accepted the request");
            let token = params.get("ClientToken").and_then(|t| t.as_str());
            (token.map(str::to_owned), r.answered_with)
        })
        .collect()
}

#[tokio::test]
async fn the_token_is_filled_once_per_call_and_sent_unchanged_on_each_retry() {
    let server = Server::start_with(ServerConfig::new().spec_json(clash_fixture::SPEC))
        .await
        .unwrap();
    let client = Client::new(server.config()).unwrap();

    // One call, three attempts: the first answer is lost after the server
    // read the request (the case the token exists for: the server may have
    // acted), the second is a server error, the third succeeds.
    server.fault(Client::ping, Fault::ResetAfterRead);
    server.fault(Client::ping, internal_error());
    client.ping(PingRequest::new()).await.unwrap();
    let first = tokens(&server);
    assert_eq!(
        first.iter().map(|(_, fault)| *fault).collect::<Vec<_>>(),
        [
            Some(FaultKind::ResetAfterRead),
            Some(FaultKind::ServiceError),
            None
        ],
        "three attempts of one call: {first:?}"
    );
    let token = first[0].0.clone().expect("the client filled the token");
    // A fresh UUID (version 4), not a constant or an empty string.
    assert_eq!((token.len(), &token[14..15]), (36, "4"), "{token}");
    assert!(
        first
            .iter()
            .all(|(t, _)| t.as_deref() == Some(token.as_str())),
        "every attempt of one call carries the same token: {first:?}"
    );
    // The generated request type reads the token back as the server received it.
    let received = server.received(Client::ping);
    assert_eq!(received.len(), 3);
    assert!(
        received
            .iter()
            .all(|r| r.client_token.as_deref() == Some(token.as_str())),
        "{received:?}"
    );

    // The next call is another operation: another token, again kept across its retry.
    server.fault(Client::ping, internal_error());
    client.ping(PingRequest::new()).await.unwrap();
    let second: Vec<_> = tokens(&server).split_off(3);
    assert_eq!(second.len(), 2, "{second:?}");
    let next = second[0].0.clone().expect("the client filled the token");
    assert_ne!(next, token, "each call has its own token");
    assert_eq!(second[1].0.as_deref(), Some(next.as_str()), "{second:?}");

    // A token the caller set is sent as it is, on every attempt.
    server.fault(Client::ping, internal_error());
    client
        .ping(PingRequest::new().client_token("order-42"))
        .await
        .unwrap();
    let mine: Vec<_> = tokens(&server).split_off(5);
    assert_eq!(
        mine,
        [
            (Some("order-42".into()), Some(FaultKind::ServiceError)),
            (Some("order-42".into()), None)
        ]
    );

    // Every request was one the real endpoint would take: signed, well-formed.
    server.assert_no_refusals();
}
