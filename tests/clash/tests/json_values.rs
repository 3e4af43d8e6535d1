//! Fields of type `json` hold any JSON value: sent as they are, read as they
//! come, in an action named like their crate (`serde_json`) beside a shape
//! named like their type (`Value`).

use clash_fixture::acme::clashing::{Client, SerdeJsonRequest, SerdeJsonResponse, Value};
use clash_fixture::serde_json::{self, json};
use testkit::{Server, ServerConfig};

#[test]
fn json_values_are_sent_and_read_as_they_are() {
    let request = SerdeJsonRequest::new(json!({"a": [1, "x", null]}))
        .data("text")
        .tags([json!(1), json!(null), json!({"k": "v"})])
        .value(Value::new().json(false));
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"Body": {"a": [1, "x", null]}, "Data": "text", "Tags": [1, null, {"k": "v"}],
            "Value": {"Json": false}})
    );
    let response: SerdeJsonResponse = serde_json::from_str(
        r#"{"Data": null, "Items": [1, "a", [true]], "Value": {"Json": {"deep": [1.5]}}, "RequestId": "r"}"#,
    )
    .unwrap();
    assert_eq!(
        response.data,
        serde_json::Value::Null,
        "null is a JSON value"
    );
    assert_eq!(
        response.items,
        Some(vec![json!(1), json!("a"), json!([true])])
    );
    assert_eq!(
        response.value.and_then(|v| v.json),
        Some(json!({"deep": [1.5]}))
    );
}

#[tokio::test]
async fn the_testkit_takes_any_json_value_and_answers_with_one() {
    let server = Server::start_with(ServerConfig::new().spec_json(clash_fixture::SPEC))
        .await
        .unwrap();
    let client = Client::new(server.config()).unwrap();

    // No answer set: the placeholder of a required JSON value decodes.
    let request = SerdeJsonRequest::new("just text").data(json!([{"any": {"thing": null}}]));
    let response = client.serde_json(request.clone()).await.unwrap();
    assert_eq!(response.data, serde_json::Value::Null);

    let answer: SerdeJsonResponse = serde_json::from_value(
        json!({"Data": {"nested": [1, 2]}, "Items": ["a", 2, false], "RequestId": "r"}),
    )
    .unwrap();
    server.respond(Client::serde_json, answer);
    let response = client
        .serde_json(SerdeJsonRequest::new(7).tags([json!("a"), json!(2)]))
        .await
        .unwrap();
    assert_eq!(response.data, json!({"nested": [1, 2]}));
    assert_eq!(
        response.items,
        Some(vec![json!("a"), json!(2), json!(false)])
    );

    let received = server.received(Client::serde_json);
    assert_eq!(received.len(), 2);
    assert_eq!(received[0], request, "the server read what was sent");
    assert_eq!(received[1].body, json!(7));
}
