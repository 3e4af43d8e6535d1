//! Structured parameters that travel as one text parameter holding their
//! JSON (Alibaba's `style: json`, e.g. `HealthTasks=[{"Port":80}]`).
//!
//! Generated fields marked so in the spec use this module with serde's
//! `with`: the Rust type stays the structure (checked, documented, built
//! with setters); only the wire form is text. Reading accepts the text and,
//! for tools that rebuild parameters (the testkit, examples), the structure
//! itself.

use serde::de::{DeserializeOwned, Error as _};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Writes `value` as a string holding its JSON text.
pub fn serialize<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(value).map_err(S::Error::custom)?;
    serializer.serialize_str(&text)
}

/// Reads a string holding JSON text, or the JSON value itself.
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(text) => serde_json::from_str(&text).map_err(D::Error::custom),
        other => serde_json::from_value(other).map_err(D::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Task {
        #[serde(rename = "Port")]
        port: u16,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Request {
        #[serde(
            rename = "Tasks",
            skip_serializing_if = "Option::is_none",
            default,
            with = "super"
        )]
        tasks: Option<Vec<Task>>,
    }

    #[test]
    fn the_structure_travels_as_its_json_text() {
        let request = Request {
            tasks: Some(vec![Task { port: 80 }]),
        };
        let wire = serde_json::to_value(&request).unwrap();
        assert_eq!(wire, serde_json::json!({"Tasks": "[{\"Port\":80}]"}));
        assert_eq!(serde_json::from_value::<Request>(wire).unwrap(), request);
        let structured = serde_json::json!({"Tasks": [{"Port": 80}]});
        assert_eq!(
            serde_json::from_value::<Request>(structured).unwrap(),
            request
        );
        let empty = Request { tasks: None };
        assert_eq!(serde_json::to_value(&empty).unwrap(), serde_json::json!({}));
        assert_eq!(serde_json::from_str::<Request>("{}").unwrap(), empty);
        let broken = serde_json::json!({"Tasks": "[{\"Port\":"});
        assert!(serde_json::from_value::<Request>(broken).is_err());
    }
}
