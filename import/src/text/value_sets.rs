//! Value sets the vendor lists in prose, in one of the regular patterns its
//! writers use, e.g.
//!
//! ```text
//! Certificate product id. `3`: securesite ev pro; `4`: securesite ev; …
//! Certificate status: 0 = under review, 1 = approved, 2 = review failed, …
//! Validation type: DNS_AUTO = automatic dns validation, DNS = manual dns validation
//! 证书状态：0：审核中，1：已通过，2：审核失败
//! ```
//!
//! Detection is deliberately narrow: a set needs at least two markers of
//! the same kind (numbers, or backticked or upper-case names), each at the
//! start of a line or after punctuation, with distinct values. Every set it
//! finds goes into the import report for a person to confirm in an overlay.

use serde_json::Value;

/// A value set found in a description.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ProseSet {
    /// Values with what each means, in the order written.
    pub values: Vec<(Value, String)>,
}

/// What the field carries, which decides which markers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Carrier {
    /// An integer field: only numbers are values.
    Integer,
    /// A text field: names, and numbers written as text.
    Text,
}

/// A marker: where it starts, where its description starts, and its value.
#[derive(Debug)]
struct Marker {
    start: usize,
    text_start: usize,
    value: String,
    numeric: bool,
}

/// The value set `text` lists, if it lists one in a regular pattern.
pub(crate) fn detect(text: &str, carrier: Carrier) -> Option<ProseSet> {
    let markers = markers(text);
    // One kind per set: a text field listing numbers (`2: trustasia …`)
    // keeps them as text; an integer field only takes numbers.
    let numeric = markers.iter().filter(|m| m.numeric).count();
    let keep_numeric = match carrier {
        Carrier::Integer => true,
        Carrier::Text => numeric * 2 > markers.len(),
    };
    let markers: Vec<&Marker> = markers
        .iter()
        .filter(|m| m.numeric == keep_numeric)
        .collect();
    if markers.len() < 2 {
        return None;
    }
    let mut values = Vec::with_capacity(markers.len());
    for (i, marker) in markers.iter().enumerate() {
        let end = markers.get(i + 1).map_or(text.len(), |next| next.start);
        let description = describe(&text[marker.text_start..end], i + 1 == markers.len());
        let value = match carrier {
            Carrier::Integer => Value::from(marker.value.parse::<i64>().ok()?),
            Carrier::Text => Value::from(marker.value.clone()),
        };
        if values.iter().any(|(v, _)| *v == value) {
            return None; // the same value twice is prose, not a list
        }
        values.push((value, description));
    }
    Some(ProseSet { values })
}

/// Every `` `V`: ``, `V =`, `V:` and `V：` where `V` is a number, a
/// backticked word, or an upper-case name, at a line start or after punctuation.
fn markers(text: &str) -> Vec<Marker> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        if let Some(marker) = marker_at(text, at) {
            at = marker.text_start;
            found.push(marker);
        } else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

fn marker_at(text: &str, start: usize) -> Option<Marker> {
    let before = text[..start].chars().next_back();
    let boundary = before.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | '.' | ':' | '(' | '，' | '；' | '。' | '：' | '、'
            )
    });
    if !boundary {
        return None;
    }
    let rest = &text[start..];
    let (value, numeric, backticked, len) = if let Some(inner) = rest.strip_prefix('`') {
        let close = inner.find('`')?;
        let value = &inner[..close];
        let numeric = is_number(value);
        if value.is_empty() || !(numeric || is_name(value)) {
            return None;
        }
        (value, numeric, true, close + 2)
    } else {
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let value = &rest[..len];
        let numeric = is_number(value);
        let upper_name = value.len() >= 2
            && value.starts_with(|c: char| c.is_ascii_uppercase())
            && !value.chars().any(|c| c.is_ascii_lowercase());
        if !(numeric || upper_name) {
            return None;
        }
        (value, numeric, false, len)
    };
    let after = &rest[len..];
    let trimmed = after.trim_start_matches(' ');
    let separator = trimmed.chars().next()?;
    if !matches!(separator, ':' | '=' | '：') {
        return None;
    }
    // `V = …` needs no backticks; a bare `V:` must be followed by text (not a time like 10:30).
    let after_separator = &trimmed[separator.len_utf8()..];
    if !backticked && separator == ':' && after_separator.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let text_start = text.len() - after_separator.len();
    Some(Marker {
        start,
        text_start,
        value: value.to_string(),
        numeric,
    })
}

fn is_number(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.len() <= 18 && digits.chars().all(|c| c.is_ascii_digit())
}

/// A name worth a variant: ASCII letters, digits, `_`, `-`, `.` or `/`.
fn is_name(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_alphanumeric())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
}

/// The text after a marker, up to the next one: separators trimmed; the
/// last one ends with its line or sentence (notes follow it).
fn describe(raw: &str, last: bool) -> String {
    let mut text = raw;
    if last {
        if let Some(line_end) = text.find('\n') {
            text = &text[..line_end];
        }
        if let Some(sentence_end) = text.find(". ").or_else(|| text.find('。')) {
            text = &text[..sentence_end];
        }
    }
    let trim =
        |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | '，' | '；' | '。' | '、');
    text.trim_matches(trim).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, carrier: Carrier) -> Vec<(Value, String)> {
        detect(text, carrier).map(|s| s.values).unwrap_or_default()
    }

    #[test]
    fn backticked_numbers_with_colons() {
        let found = values(
            "Certificate product id. `3`: securesite ev pro; `4`: securesite ev; `25`: wotrus dv",
            Carrier::Integer,
        );
        assert_eq!(
            found,
            [
                (Value::from(3), "securesite ev pro".to_string()),
                (Value::from(4), "securesite ev".to_string()),
                (Value::from(25), "wotrus dv".to_string())
            ]
        );
    }

    #[test]
    fn numbers_with_equals_and_commas_inside_descriptions() {
        let found = values(
            "Certificate status: 0 = under review, 1 = approved, 5 = enterprise certificate, pending submission, 13 = free certificate pending submission.\nNote: this field may return null.",
            Carrier::Integer,
        );
        let described: Vec<&str> = found.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(
            described,
            [
                "under review",
                "approved",
                "enterprise certificate, pending submission",
                "free certificate pending submission"
            ]
        );
        assert_eq!(found[3].0, Value::from(13));
    }

    #[test]
    fn upper_case_names_and_backticked_names() {
        let found = values(
            "Validation type: DNS_AUTO = automatic dns validation, DNS = manual dns validation, FILE_PROXY = file proxy verification.",
            Carrier::Text,
        );
        let names: Vec<&Value> = found.iter().map(|(v, _)| v).collect();
        assert_eq!(names, ["DNS_AUTO", "DNS", "FILE_PROXY"]);
        let found = values(
            "Certificate type. `CA`: client certificate; `SVR`: server certificate\nNote: this field may return null, indicating that no valid values can be obtained.",
            Carrier::Text,
        );
        assert_eq!(
            found,
            [
                (Value::from("CA"), "client certificate".to_string()),
                (Value::from("SVR"), "server certificate".to_string())
            ]
        );
    }

    #[test]
    fn line_lists_and_chinese_punctuation() {
        let found = values(
            "Deployment status. valid values:.\n0: To be deployed.\n1: Deployment successful.\n2: Deployment failed.",
            Carrier::Integer,
        );
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[1],
            (Value::from(1), "Deployment successful".to_string())
        );
        let found = values(
            "证书状态：0：审核中，1：已通过，2：审核失败",
            Carrier::Integer,
        );
        assert_eq!(
            found,
            [
                (Value::from(0), "审核中".to_string()),
                (Value::from(1), "已通过".to_string()),
                (Value::from(2), "审核失败".to_string())
            ]
        );
    }

    #[test]
    fn numbers_listed_for_a_text_field_stay_text() {
        let found = values(
            "Certificate package type:.\nNull: user uploads a certificate,.\n2: trustasia tls rsa ca,. \n3: securesite enhanced (ev pro),.",
            Carrier::Text,
        );
        let names: Vec<&Value> = found.iter().map(|(v, _)| v).collect();
        assert_eq!(names, ["2", "3"]);
    }

    #[test]
    fn prose_that_is_not_a_list() {
        for text in [
            "Certificate type, optional, currently only type 83 is supported. 83 = trustasia c1 dv free.",
            "Note: this field may return null, indicating that no valid values can be obtained.",
            "Starts at 10:30 and ends at 11:45.",
            "The ID, e.g. `abc`.",
            "Level 1: a and Level 1: b.",
        ] {
            assert_eq!(detect(text, Carrier::Integer), None, "{text}");
            assert_eq!(detect(text, Carrier::Text), None, "{text}");
        }
        // Names on an integer field are not its values.
        assert_eq!(
            detect("ENABLED: online.\nDISABLED: offline.", Carrier::Integer),
            None
        );
    }
}
