//! The clashing names compile (that is the first test); these check that
//! they still mean the right thing on the wire.

use clash_fixture::acme::CommonErrorCode;
use clash_fixture::acme::clashing::{
    Kind, NewError, NewRequest, NewResponse, OptionShape, ResultShape,
};
use clash_fixture::runtime::{Operation, Validate, Validator};

#[test]
fn renamed_fields_keep_their_wire_names() {
    let request = NewRequest::new("n")
        .type_("t")
        .validate_("v")
        .async_(true)
        .item(["a", "b"])
        .options([OptionShape::new("x").self_(7)])
        .kind(Kind::Self_)
        .result(ResultShape::UnknownValue);
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "New": "n", "Type": "t", "Validate": "v", "Async": true, "Item": ["a", "b"],
            "Options": [{"Type": "x", "Self": 7}], "Kind": 1, "Result": "Unknown"
        })
    );
}

#[test]
fn documented_values_named_unknown_stay_apart_from_undocumented_ones() {
    let response: NewResponse =
        serde_json::from_str(r#"{"Type": "t", "Results": ["Ok", "Unknown", "self", "Other"], "RequestId": "r", "Extra": 1}"#).unwrap();
    assert_eq!(
        response.results,
        vec![
            ResultShape::Ok,
            ResultShape::UnknownValue,
            ResultShape::Self_,
            ResultShape::Unknown("Other".into())
        ]
    );
    assert_eq!(
        serde_json::to_value(&response.results).unwrap(),
        serde_json::json!(["Ok", "Unknown", "self", "Other"])
    );
    assert_eq!(Kind::from_wire(0), Kind::UnknownValue);
    assert_eq!(Kind::from_wire(9), Kind::Unknown(9));
    assert_eq!(Kind::Unknown(9).as_i64(), 9);
}

#[test]
fn error_codes_named_like_fallbacks_parse_to_their_own_variants() {
    assert_eq!(NewError::from_code("Unknown"), NewError::UnknownCode);
    assert_eq!(NewError::from_code("Common"), NewError::CommonCode);
    assert_eq!(
        NewError::from_code("FailedOperation.Type"),
        NewError::FailedOperationType
    );
    assert_eq!(
        NewError::from_code("RequestLimitExceeded"),
        NewError::Common(CommonErrorCode::RequestLimitExceeded)
    );
    assert_eq!(
        NewError::from_code("Nope.Never"),
        NewError::Unknown("Nope.Never".into())
    );
    for code in [
        "Unknown",
        "Common",
        "FailedOperation.Type",
        "RequestLimitExceeded",
        "Nope.Never",
    ] {
        assert_eq!(NewError::from_code(code).code(), code);
    }
}

#[test]
fn constraints_are_checked_on_renamed_fields() {
    let problems = Validator::check(&NewRequest::new("").item(["1", "2", "3"]));
    assert_eq!(
        problems,
        vec![
            "New: must not be empty",
            "Item: must have at most 2 items, has 3"
        ]
    );
    assert!(Validator::check(&NewRequest::new("ok").item(["1"])).is_empty());
    let mut v = Validator::default();
    NewRequest::new("").validate(&mut v);
    assert_eq!(format!("{v:?}").matches("must not be empty").count(), 1);
}

#[test]
fn prelude_and_trait_method_names_are_renamed_not_shadowed() {
    use clash_fixture::acme::clashing::clone::CloneRequest;
    use clash_fixture::acme::clashing::types::IntoShape;
    // A field named `Clone` gets the setter `clone_`, so `clone()` is still Clone's.
    let request = CloneRequest::new()
        .clone_("c")
        .items([IntoShape::new().clone_("i").eq_(1)]);
    let copy = request.clone();
    assert_eq!(copy, request);
    assert_eq!(
        serde_json::to_value(&copy).unwrap(),
        serde_json::json!({"Clone": "c", "Items": [{"Clone": "i", "Eq": 1}]})
    );
}

#[test]
fn actions_named_like_their_types_do_not_stutter() {
    use clash_fixture::acme::clashing::{
        ParseResponseInput, ParseResponseOutput, SendRequest, SendRequestInput, SendRequestOutput,
        SendResponse,
    };
    // `SendRequest` (the action) takes `SendRequestInput`; `Send` keeps `SendRequest`.
    assert_eq!(
        serde_json::to_value(SendRequestInput::new("b")).unwrap(),
        serde_json::json!({"Body": "b"})
    );
    let output: SendRequestOutput =
        serde_json::from_str(r#"{"Receipt": "r", "RequestId": "id"}"#).unwrap();
    assert_eq!(output.receipt, "r");
    assert_eq!(
        serde_json::to_value(SendRequest::new()).unwrap(),
        serde_json::json!({})
    );
    let _: SendResponse = serde_json::from_str(r#"{"RequestId": "id"}"#).unwrap();
    let _ = ParseResponseInput::new();
    let _: ParseResponseOutput = serde_json::from_str(r#"{"RequestId": "id"}"#).unwrap();
}

#[test]
fn product_codes_come_after_the_action_s_own_and_before_common_ones() {
    use clash_fixture::acme::clashing::ProductErrorCode;
    assert_eq!(
        NewError::from_code("ResourceNotFound.Widget"),
        NewError::Product(ProductErrorCode::ResourceNotFoundWidget)
    );
    assert_eq!(
        NewError::from_code("Product"),
        NewError::Product(ProductErrorCode::ProductCode)
    );
    assert_eq!(
        NewError::from_code("FailedOperation.Type"),
        NewError::FailedOperationType
    );
    for code in ["ResourceNotFound.Widget", "Product", "FailedOperation.Type"] {
        assert_eq!(NewError::from_code(code).code(), code);
    }
    assert_eq!(ProductErrorCode::from_code("Nope"), None);
}

#[test]
fn an_action_named_items_pages_by_token() {
    use clash_fixture::acme::clashing::{ItemsRequest, ItemsResponse};
    use clash_fixture::runtime::paging::{PagedRequest, PagedResponse, Style};

    assert_eq!(<ItemsRequest as PagedRequest>::STYLE, Style::Token);
    let mut request = ItemsRequest::new().max_results(2);
    request.set_token("t2".into());
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({ "NextToken": "t2", "MaxResults": 2 })
    );
    assert_eq!(request.page_size(), Some(2));

    let page: ItemsResponse =
        serde_json::from_str(r#"{"Items": ["a", "b"], "NextToken": "t3", "RequestId": "r"}"#)
            .unwrap();
    assert_eq!(page.items(), ["a", "b"]);
    assert_eq!(page.next_token(), Some("t3"));
    assert_eq!(page.request_id(), "r");
    let last: ItemsResponse = serde_json::from_str(r#"{"Items": [], "RequestId": "r"}"#).unwrap();
    assert_eq!(last.next_token(), None);
    assert!(last.into_items().is_empty());
}

#[test]
fn with_the_testkit_feature_requests_decode_and_responses_encode_under_the_same_names() {
    let wire = serde_json::json!({
        "New": "n", "Type": "t", "Validate": "v", "Async": true, "Item": ["a", "b"],
        "Options": [{"Type": "x", "Self": 7}], "Kind": 1, "Result": "Unknown"
    });
    let request: NewRequest = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(request.type_.as_deref(), Some("t"));
    assert_eq!(serde_json::to_value(&request).unwrap(), wire);
    assert_eq!(<NewRequest as Operation>::ACTION.name, "New");
    assert_eq!(<NewRequest as Operation>::SERVICE.product, "clashing");
    let response: NewResponse =
        serde_json::from_str(r#"{"Type": "t", "Results": ["Unknown"], "RequestId": "r"}"#).unwrap();
    let encoded = serde_json::to_value(&response).unwrap();
    assert_eq!(
        (&encoded["Type"], &encoded["RequestId"]),
        (&"t".into(), &"r".into())
    );
}
