//! Bytes of one file → its raw struct, or a `SpecError` with path and position.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::SpecError;

/// Spec files are small (the largest real action is tens of KiB); a bigger
/// file is a mistake, and refusing it early keeps memory bounded.
pub const MAX_SPEC_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Parses one spec file. `file` is only used in the error.
pub fn parse_file<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, SpecError> {
    if bytes.len() > MAX_SPEC_FILE_BYTES {
        return Err(SpecError::new(
            file,
            "$",
            format!(
                "expected a spec file of at most {} bytes, found {} bytes",
                MAX_SPEC_FILE_BYTES,
                bytes.len()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        SpecError::new(
            file,
            "$",
            format!(
                "expected UTF-8 text, found an invalid byte at offset {}",
                e.valid_up_to()
            ),
        )
    })?;
    if text.starts_with('\u{feff}') {
        return Err(SpecError {
            position: Some((1, 1)),
            ..SpecError::new(
                file,
                "$",
                "expected UTF-8 text without a byte order mark (U+FEFF) at the start; save the file as plain UTF-8",
            )
        });
    }
    if text.trim().is_empty() {
        return Err(SpecError::new(
            file,
            "$",
            "expected a JSON object, found an empty file",
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|e| from_serde(file, e.path().to_string(), e.into_inner()))?;
    deserializer
        .end()
        .map_err(|e| from_serde(file, ".".to_string(), e))?;
    Ok(value)
}

fn from_serde(file: &Path, path: String, error: serde_json::Error) -> SpecError {
    let json_path = if path == "." || path == "?" {
        "$".to_string()
    } else if path.starts_with('[') {
        format!("${path}")
    } else {
        format!("$.{path}")
    };
    let position = (error.line() > 0).then(|| (error.line(), error.column()));
    let mut message = error.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let expected = rephrase(&message);
    // A duplicate key is reported on its object; point at the key itself.
    let json_path = match message.strip_prefix("duplicate field `") {
        Some(key) => format!("{json_path}.{}", key.trim_end_matches('`')),
        None => json_path,
    };
    SpecError {
        file: file.to_path_buf(),
        json_path,
        expected,
        position,
    }
}

/// Turns serde's wording into "expected …" wording where it does not say so.
fn rephrase(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.trim_end_matches('`');
        return format!("expected key `{key}`, which is missing");
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let key = rest.trim_end_matches('`');
        return format!("expected key `{key}` once, found it twice");
    }
    if message.starts_with("EOF while parsing") {
        return format!("expected complete JSON, found the end of the file ({message})");
    }
    if message.starts_with("trailing characters") {
        return "expected the end of the file after the JSON object, found more characters"
            .to_string();
    }
    // serde names Rust structs ("expected struct WaiterSpec"); say what to write instead.
    if let Some((before, name)) = message.split_once("expected struct ") {
        return match name.split_once(" with ") {
            // A struct given as an array (serde accepts that form only with every element).
            Some((name, _)) => format!("expected a JSON object ({name}), found an array"),
            None => format!("{before}expected a JSON object ({name})"),
        };
    }
    if message == "expected value" {
        return "expected a JSON value (an object, array, string, number, `true`, `false` or `null`)"
            .to_string();
    }
    // Rust integer types, in words.
    for (rust, words) in [
        ("u16", "an integer from 0 to 65535"),
        ("u32", "an integer from 0 to 4294967295"),
        ("u64", "a non-negative integer"),
        ("i64", "an integer"),
    ] {
        if let Some(before) = message.strip_suffix(&format!("expected {rust}")) {
            return format!("{before}expected {words}");
        }
    }
    if message.starts_with("expected") || message.contains("expected") {
        return message.to_string();
    }
    format!("expected valid JSON: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::ErrorCodeSpec;

    fn err(json: &[u8]) -> SpecError {
        parse_file::<Vec<ErrorCodeSpec>>(Path::new("x.json"), json).unwrap_err()
    }

    #[test]
    fn names_path_position_and_expectation() {
        let e = err(br#"[{"code": "A", "description": "d"}, {"code": 5, "description": "d"}]"#);
        assert_eq!(e.json_path, "$[1].code");
        assert!(e.expected.contains("expected a string"), "{}", e.expected);
        assert!(e.position.is_some());
        let e = err(br#"[{"code": "A"}]"#);
        assert_eq!(e.json_path, "$[0]");
        assert_eq!(e.expected, "expected key `description`, which is missing");
    }

    #[test]
    fn rejects_empty_non_utf8_truncated_and_trailing() {
        assert!(err(b"  \n").expected.contains("empty file"));
        assert!(err(b"[\xff]").expected.contains("UTF-8"));
        assert!(
            err(b"[{\"code\": \"A\"")
                .expected
                .contains("end of the file")
        );
        assert!(err(b"[] []").expected.contains("more characters"));
    }

    #[test]
    fn rejects_a_byte_order_mark_and_names_objects_plainly() {
        let e = err("\u{feff}[]".as_bytes());
        assert!(e.expected.contains("byte order mark"), "{}", e.expected);
        assert_eq!(e.position, Some((1, 1)));
        let e = err(br#"["code"]"#);
        assert_eq!(
            e.expected,
            "invalid type: string \"code\", expected a JSON object (ErrorCodeSpec)"
        );
        let e = err(br#"[["A"]]"#);
        assert_eq!(
            e.expected,
            "expected a JSON object (ErrorCodeSpec), found an array"
        );
        let e = err(br#"[{"code": "A", "code": "B", "description": "d"}]"#);
        assert_eq!(e.json_path, "$[0].code");
    }
}
