use serde_json::{Value, json};

use super::query::rebuild;
use super::{Numbering, Problem, ProblemKind, check};
use crate::catalog::{Product, from_bundle};

fn product() -> Product {
    let bundle = json!({
        "acme/x/service.json": {"product": "x", "version": "1", "protocol": "tc3-hmac-sha256"},
        "acme/x/actions/Put.json": {"name": "Put", "input": [
            {"name": "Id", "type": "string", "required": true},
            {"name": "Count", "type": "uint64", "required": false, "constraints": {"minimum": 1, "maximum": 5}},
            {"name": "Mode", "type": "string", "required": false, "enum": {"name": "Mode", "values": [{"value": "DNS"}, {"value": "FILE"}]}},
            {"name": "When", "type": "datetime", "required": false},
            {"name": "Ratio", "type": "float", "required": false},
            {"name": "On", "type": "boolean", "required": false},
            {"name": "Tags", "type": {"array": {"ref": "Tag"}}, "required": false, "constraints": {"max_items": 2}},
            {"name": "Names", "type": {"array": "string"}, "required": false, "constraints": {"max_length": 3}},
            {"name": "Kind", "type": {"ref": "Kind"}, "required": false},
            {"name": "Pairs", "type": {"array": {"ref": "Tag"}}, "required": false, "encoding": "json"},
            {"name": "Data", "type": "json", "required": false},
            {"name": "Items", "type": {"array": "json"}, "required": false},
            {"name": "Extra", "type": "json", "required": false, "encoding": "json"}
        ]},
        "acme/x/actions/Note.json": {"name": "Note", "input": [
            {"name": "Body", "type": "json", "required": true}
        ]},
        "acme/x/types/Tag.json": {"name": "Tag", "kind": "object", "fields": [
            {"name": "Key", "type": "string", "required": true, "constraints": {"forbidden_prefixes": ["acs:"]}},
            {"name": "Value", "type": "string", "required": false}
        ]},
        "acme/x/types/Kind.json": {"name": "Kind", "kind": "enum", "type": "int64", "values": [{"value": 1}, {"value": 2}]}
    });
    from_bundle(&bundle.to_string())
        .expect("loads")
        .products
        .remove(0)
}

fn tencent(params: Value) -> Result<(), Problem> {
    let product = product();
    let inputs = &product.actions()["Put"].inputs;
    check(
        params.as_object().expect("object"),
        inputs,
        &product,
        Numbering(0),
    )
}

fn problem(params: Value) -> (ProblemKind, String) {
    let p = tencent(params).expect_err("refused");
    (p.kind, p.path)
}

#[test]
fn accepts_what_the_spec_allows() {
    let all = json!({"Id": "a", "Count": 5, "Mode": "FILE", "When": "2026-12-01 08:00:00",
        "Ratio": 0.5, "On": true, "Tags": [{"Key": "k"}, {"Key": "k", "Value": "v"}],
        "Names": ["abc"], "Kind": 2, "Mode2": null});
    assert_eq!(problem(all.clone()), (ProblemKind::Unknown, "Mode2".into()));
    let mut all = all;
    all.as_object_mut().unwrap().remove("Mode2");
    assert_eq!(tencent(all), Ok(()));
    assert_eq!(
        tencent(json!({"Id": "a", "Count": null})),
        Ok(()),
        "null is absent"
    );
}

#[test]
fn refuses_like_the_vendor_with_the_wire_path() {
    use ProblemKind::*;
    let cases = [
        (json!({}), Missing, "Id"),
        (json!({"Id": null}), Missing, "Id"),
        (json!({"Id": ""}), Value, "Id"),
        (json!({"Id": 1}), Type, "Id"),
        (json!({"Id": "a", "Count": -1}), Type, "Count"),
        (json!({"Id": "a", "Count": "1"}), Type, "Count"),
        (json!({"Id": "a", "Count": 6}), Value, "Count"),
        (json!({"Id": "a", "Count": 0}), Value, "Count"),
        (json!({"Id": "a", "Mode": "dns"}), Value, "Mode"),
        (
            json!({"Id": "a", "When": "2026-12-01T08:00:00Z"}),
            Type,
            "When",
        ),
        (json!({"Id": "a", "On": "true"}), Type, "On"),
        (json!({"Id": "a", "Tags": {"Key": "k"}}), Type, "Tags"),
        (
            json!({"Id": "a", "Tags": [{"Key": "k"}, {}]}),
            Missing,
            "Tags.1.Key",
        ),
        (
            json!({"Id": "a", "Tags": [{"Key": "acs:x"}]}),
            Value,
            "Tags.0.Key",
        ),
        (
            json!({"Id": "a", "Tags": [{"Key": "k", "Color": "red"}]}),
            Unknown,
            "Tags.0.Color",
        ),
        (
            json!({"Id": "a", "Tags": [{"Key": "a"}, {"Key": "b"}, {"Key": "c"}]}),
            Value,
            "Tags",
        ),
        (json!({"Id": "a", "Names": ["abcd"]}), Value, "Names.0"),
        (json!({"Id": "a", "Kind": 3}), Value, "Kind"),
        (json!({"Id": "a", "Kind": "1"}), Type, "Kind"),
    ];
    for (params, kind, path) in cases {
        assert_eq!(problem(params.clone()), (kind, path.to_owned()), "{params}");
    }
}

#[test]
fn messages_name_the_parameter_and_the_rule_not_the_value() {
    let p = tencent(json!({"Id": "a", "Mode": "secret-value"})).unwrap_err();
    assert_eq!(
        p.message,
        "The value of parameter `Mode` is not one of the documented values (DNS, FILE)."
    );
    let p = tencent(json!({"Id": "a", "Names": ["secret"]})).unwrap_err();
    assert!(!p.message.contains("secret"), "{}", p.message);
}

fn pairs(query: &[(&str, &str)]) -> Vec<(Vec<u8>, Vec<u8>)> {
    query
        .iter()
        .map(|(n, v)| (n.as_bytes().to_vec(), v.as_bytes().to_vec()))
        .collect()
}

#[test]
fn alibaba_query_is_rebuilt_by_the_input_types() {
    let product = product();
    let inputs = &product.actions()["Put"].inputs;
    let query = pairs(&[
        ("Id", "a"),
        ("Count", "3"),
        ("On", "false"),
        ("Ratio", "1.5"),
        ("Tags.2.Key", "b"),
        ("Tags.10.Key", "c"),
        ("Tags.1.Key", "a"),
        ("Tags.1.Value", "x"),
        ("Names.1", "n"),
        ("Kind", "2"),
    ]);
    let params = rebuild(&query, inputs, &product).expect("rebuilt");
    assert_eq!(
        Value::Object(params.clone()),
        json!({"Id": "a", "Count": 3, "On": false, "Ratio": 1.5,
            "Tags": [{"Key": "a", "Value": "x"}, {"Key": "b"}, {"Key": "c"}],
            "Names": ["n"], "Kind": 2})
    );
    // Rebuilt, the third tag breaks the documented limit, with Alibaba's numbering.
    let p = check(&params, inputs, &product, Numbering(1)).unwrap_err();
    assert_eq!((p.kind, p.path.as_str()), (ProblemKind::Value, "Tags"));
}

#[test]
fn alibaba_query_problems() {
    let product = product();
    let inputs = &product.actions()["Put"].inputs;
    let refused = |query: &[(&str, &str)]| {
        let p = rebuild(&pairs(query), inputs, &product).unwrap_err();
        (p.kind, p.path)
    };
    use ProblemKind::*;
    assert_eq!(
        refused(&[("Id", "a"), ("Count", "x")]),
        (Type, "Count".into())
    );
    assert_eq!(refused(&[("Id", "a"), ("On", "1")]), (Type, "On".into()));
    assert_eq!(
        refused(&[("Id", "a"), ("Tags.0.Key", "k")]),
        (Unknown, "Tags.0.Key".into())
    );
    assert_eq!(
        refused(&[("Id", "a"), ("Tags.1", "k")]),
        (Unknown, "Tags.1".into())
    );
    assert_eq!(
        refused(&[("Id", "a"), ("Id.1", "k")]),
        (Unknown, "Id.1".into())
    );
    assert_eq!(refused(&[("Id", "a"), ("Id", "b")]), (Value, "Id".into()));
    let bad_utf8 = vec![(b"Id".to_vec(), vec![0xff])];
    assert_eq!(
        rebuild(&bad_utf8, inputs, &product).unwrap_err().kind,
        Value
    );
}

#[test]
fn alibaba_json_text_parameters_are_parsed_then_checked() {
    let product = product();
    let inputs = &product.actions()["Put"].inputs;
    let query = pairs(&[
        ("Id", "a"),
        ("Pairs", r#"[{"Key":"k","Value":"v"},{"Key":"acs:x"}]"#),
    ]);
    let params = rebuild(&query, inputs, &product).expect("rebuilt");
    assert_eq!(
        Value::Object(params.clone()),
        json!({"Id": "a", "Pairs": [{"Key": "k", "Value": "v"}, {"Key": "acs:x"}]})
    );
    // Once parsed, its members are checked like any other: `acs:` is forbidden.
    let p = check(&params, inputs, &product, Numbering(1)).unwrap_err();
    assert_eq!(
        (p.kind, p.path.as_str()),
        (ProblemKind::Value, "Pairs.2.Key")
    );
    let p = rebuild(&pairs(&[("Id", "a"), ("Pairs", "[{")]), inputs, &product).unwrap_err();
    assert_eq!((p.kind, p.path.as_str()), (ProblemKind::Value, "Pairs"));
    // The dotted form is not how this parameter travels.
    let p = rebuild(
        &pairs(&[("Id", "a"), ("Pairs.1.Key", "k")]),
        inputs,
        &product,
    )
    .unwrap_err();
    assert_eq!(
        (p.kind, p.path.as_str()),
        (ProblemKind::Unknown, "Pairs.1.Key")
    );
}

#[test]
fn a_json_value_is_any_json_but_a_required_one_is_still_required() {
    for data in [
        json!({"a": [1, {"b": null}]}),
        json!("text"),
        json!(""),
        json!(-3.5),
        json!([true]),
    ] {
        let params = json!({"Id": "a", "Data": data.clone(), "Items": [data.clone(), 1]});
        assert_eq!(tencent(params), Ok(()), "{data}");
    }
    let product = product();
    let inputs = &product.actions()["Note"].inputs;
    let note = |params: Value| check(params.as_object().unwrap(), inputs, &product, Numbering(0));
    assert_eq!(
        note(json!({"Body": ""})),
        Ok(()),
        "empty text is a JSON value"
    );
    assert_eq!(note(json!({"Body": {}})), Ok(()));
    let p = note(json!({"Body": null})).unwrap_err();
    assert_eq!((p.kind, p.path.as_str()), (ProblemKind::Missing, "Body"));
}

#[test]
fn alibaba_json_values_are_rebuilt_from_what_is_under_their_name() {
    let product = product();
    let inputs = &product.actions()["Put"].inputs;
    let query = pairs(&[
        ("Id", "a"),
        ("Data.Name", "n"),
        ("Data.List.1", "x"),
        ("Data.List.2.Deep", "y"),
        ("Data.Count", "3"),
        ("Data.Sparse.1", "s"),
        ("Data.Sparse.3", "t"),
        ("Items.1", "a"),
        ("Items.2.K", "b"),
        ("Extra", r#"{"k":[1]}"#),
    ]);
    let params = rebuild(&query, inputs, &product).expect("rebuilt");
    assert_eq!(
        Value::Object(params.clone()),
        json!({"Id": "a",
            "Data": {"Name": "n", "List": ["x", {"Deep": "y"}], "Count": "3",
                "Sparse": {"1": "s", "3": "t"}},
            "Items": ["a", {"K": "b"}],
            "Extra": {"k": [1]}}),
        "members numbered 1 to n are a list; leaves stay text"
    );
    assert_eq!(check(&params, inputs, &product, Numbering(1)), Ok(()));
    let text = rebuild(&pairs(&[("Id", "a"), ("Data", "plain")]), inputs, &product);
    assert_eq!(text.expect("rebuilt")["Data"], json!("plain"));
    let refused = |query: &[(&str, &str)]| {
        let p = rebuild(&pairs(query), inputs, &product).unwrap_err();
        (p.kind, p.path)
    };
    assert_eq!(
        refused(&[("Id", "a"), ("Data.a", "1"), ("Data.a.b", "2")]),
        (ProblemKind::Value, "Data.a.b".into())
    );
    assert_eq!(
        refused(&[("Id", "a"), ("Data", "x"), ("Data.a", "1")]),
        (ProblemKind::Unknown, "Data".into()),
        "the client sends one form or the other"
    );
    assert_eq!(
        refused(&[("Id", "a"), ("Extra", "{")]),
        (ProblemKind::Value, "Extra".into())
    );
}
