//! Bytes of one file → its raw struct, or a `SpecError` with path and position.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::files::MAX_SPEC_FILE_BYTES;
use super::paths::is_within;
use crate::error::SpecError;
use crate::locate::{self, Outline, line_column};

/// Parses one spec file. `file` is only used in the error.
pub fn parse_file<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, SpecError> {
    // Problems with the file as a whole are at its start.
    let whole_file = |expected: String| SpecError {
        position: Some((1, 1)),
        ..SpecError::new(file, "$", expected)
    };
    if bytes.len() > MAX_SPEC_FILE_BYTES {
        return Err(whole_file(format!(
            "expected a spec file of at most {} bytes, found {} bytes",
            MAX_SPEC_FILE_BYTES,
            bytes.len()
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The bytes before the first invalid one are text: place it after them.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        SpecError {
            position: Some(line_column(before, before.len())),
            ..SpecError::new(
                file,
                "$",
                format!(
                    "expected UTF-8 text, found an invalid byte at offset {}",
                    e.valid_up_to()
                ),
            )
        }
    })?;
    if text.starts_with('\u{feff}') {
        return Err(whole_file(
            "expected UTF-8 text without a byte order mark (U+FEFF) at the start; save the file as plain UTF-8".into(),
        ));
    }
    if text.trim().is_empty() {
        return Err(whole_file(
            "expected a JSON object, found an empty file".into(),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().clone();
        from_serde(file, text, Some(&path), e.into_inner())
    })?;
    // After the top-level value: a problem there belongs to the whole file.
    deserializer
        .end()
        .map_err(|e| from_serde(file, text, None, e))?;
    Ok(value)
}

fn from_serde(
    file: &Path,
    text: &str,
    path: Option<&serde_path_to_error::Path>,
    error: serde_json::Error,
) -> SpecError {
    let offset =
        (error.line() > 0).then(|| locate::serde_offset(text, error.line(), error.column()));
    let json_path = json_path(text, path, offset);
    let position = offset.map(|offset| line_column(text, offset));
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
        position,
        ..SpecError::new(file, json_path, expected)
    }
}

/// The JSON path serde_path_to_error tracked, as `$.input[3].type`.
///
/// It writes `?` for a key it could not read, e.g. where the text is broken
/// inside an object (`{"name": "A",}`, an unquoted key). Such a path is
/// never shown: the real one is the path of the deepest value that contains
/// the position where serde stopped; the part before the `?` (the object
/// whose key failed) is the fallback, and must be where that value is.
fn json_path(
    text: &str,
    path: Option<&serde_path_to_error::Path>,
    offset: Option<usize>,
) -> String {
    use serde_path_to_error::Segment;
    let mut known = String::from("$");
    let mut placeholder = false;
    for segment in path.into_iter().flatten() {
        match segment {
            Segment::Seq { index } => known.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                known.push('.');
                known.push_str(key);
            }
            Segment::Unknown => {
                placeholder = true;
                break;
            }
        }
    }
    if !placeholder {
        return known;
    }
    offset
        .and_then(|offset| Outline::new(text).path_at(offset))
        .filter(|found| is_within(found, &known))
        .unwrap_or(known)
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

    #[test]
    fn a_key_serde_cannot_read_is_named_by_the_value_holding_it() {
        // serde_path_to_error names such a key `?`; that placeholder is never shown.
        for (json, placeholder, shown) in [
            (r#"[{"code": "A", "description": "d",}]"#, "[0].?", "$[0]"),
            (r#"[{"code": "A", description: "d"}]"#, "[0].?", "$[0]"),
            (
                r#"[{"code": "A", "description": "d"}, {"code": "B", "desc"#,
                "[1].?",
                "$[1]",
            ),
        ] {
            let de = &mut serde_json::Deserializer::from_str(json);
            let raw = serde_path_to_error::deserialize::<_, Vec<ErrorCodeSpec>>(de);
            assert_eq!(raw.unwrap_err().path().to_string(), placeholder, "{json}");
            let e = err(json.as_bytes());
            assert_eq!(e.json_path, shown, "{json}");
            assert!(e.position.is_some(), "{json}");
        }
        // At the top level.
        let json = r#"{"code": "A", "description": "d",}"#;
        let de = &mut serde_json::Deserializer::from_str(json);
        let raw = serde_path_to_error::deserialize::<_, ErrorCodeSpec>(de);
        assert_eq!(raw.unwrap_err().path().to_string(), "?");
        let e = parse_file::<ErrorCodeSpec>(Path::new("x.json"), json.as_bytes()).unwrap_err();
        assert_eq!((e.json_path.as_str(), e.position), ("$", Some((1, 34))));
    }

    #[test]
    fn columns_count_characters() {
        // serde says column 36 (bytes); the `5` is the 32nd character.
        let e = err(r#"[{"code": "证书", "description": 5}]"#.as_bytes());
        assert_eq!(e.json_path, "$[0].description");
        assert_eq!(e.position, Some((1, 32)));
        let e = err("[{\"code\": \"A\",\n  \"description\": \"证书\", \"x\": 1}]".as_bytes());
        assert_eq!(e.json_path, "$[0].x");
        assert_eq!(e.position, Some((2, 26)));
    }

    #[test]
    fn whole_file_problems_are_at_its_start_and_bad_bytes_where_they_are() {
        assert_eq!(err(b"  \n").position, Some((1, 1)));
        let huge = vec![b' '; MAX_SPEC_FILE_BYTES + 1];
        assert_eq!(err(&huge).position, Some((1, 1)));
        let mut bytes = "[{\"code\": \"证\",\n \"description\": \"X\"}]"
            .as_bytes()
            .to_vec();
        let x = bytes.iter().position(|&b| b == b'X').unwrap();
        bytes[x] = 0xff;
        let e = err(&bytes);
        assert_eq!(e.position, Some((2, 18)), "{e}");
    }
}
