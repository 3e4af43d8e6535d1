//! ROA signatures derived with Alibaba Cloud's official Python signer
//! (`cargo xtask signing-vectors`, at the versions the file names): the
//! runtime's ACS3 signer and path encoding must give the same.

use cloudapi_runtime::sign::acs3::{self, Acs3Request};
use serde_json::Value;

/// The path templates of the vectors' actions, as the fc spec has them.
const TEMPLATES: &[(&str, &str)] = &[
    ("PUT", "/2023-03-30/custom-domains/{domainName}"),
    (
        "DELETE",
        "/2023-03-30/functions/{functionName}/aliases/{aliasName}",
    ),
];

fn vectors() -> Value {
    let text = include_str!("vectors/acs3_roa.json");
    serde_json::from_str(text).expect("the vectors file is JSON")
}

fn text(value: &Value) -> &str {
    value.as_str().expect("a string")
}

#[test]
fn the_runtime_signs_roa_requests_as_the_official_signer_does() {
    let file = vectors();
    let vectors = file["vectors"].as_array().expect("a list");
    assert_eq!(vectors.len(), 2);
    for vector in vectors {
        let query: Vec<(String, String)> = vector["query"]
            .as_object()
            .expect("an object")
            .iter()
            .map(|(k, v)| (k.clone(), text(v).to_owned()))
            .collect();
        let headers: Vec<(&str, &str)> = vector["headers"]
            .as_object()
            .expect("an object")
            .iter()
            .map(|(k, v)| (k.as_str(), text(v)))
            .collect();
        let body = vector["body"].as_str().unwrap_or_default();
        let payload_hash = cloudapi_runtime::sign::sha256_hex(body.as_bytes());
        assert_eq!(payload_hash, text(&vector["payload_hash"]));
        let request = Acs3Request {
            method: text(&vector["method"]),
            canonical_uri: text(&vector["path"]),
            query: &query,
            headers: &headers,
            payload_hash: &payload_hash,
        };
        let signed = acs3::sign(
            text(&file["access_key_id"]),
            text(&file["access_key_secret"]),
            &request,
        );
        assert_eq!(
            signed.authorization,
            text(&vector["authorization"]),
            "{}",
            vector["name"]
        );
    }
}

#[test]
fn path_members_are_encoded_as_the_official_sdks_encode_them() {
    let file = vectors();
    for vector in file["vectors"].as_array().expect("a list") {
        let method = text(&vector["method"]);
        let (_, template) = TEMPLATES
            .iter()
            .find(|(m, _)| *m == method)
            .expect("a template per vector");
        let mut path = template.to_string();
        for (name, value) in vector["path_members"].as_object().expect("an object") {
            path = path.replace(&format!("{{{name}}}"), &acs3::percent_encode(text(value)));
        }
        assert_eq!(path, text(&vector["path"]), "{}", vector["name"]);
    }
}
