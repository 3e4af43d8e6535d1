//! Vendor documentation text → description text our validator and rustdoc accept.
//!
//! `document` strings mix HTML (`<br>`, `<li>`, `<p>`), Markdown and entities.
//! Tags become line breaks or disappear, entities are decoded, whitespace is
//! collapsed, and every line becomes its own paragraph: single newlines would
//! make rustdoc join list items and following lines ("lazy continuation"),
//! and leading spaces or code fences would turn prose into doctests.

/// Used where the vendor gives no text: our validator rejects empty descriptions.
pub(super) const NO_DESCRIPTION: &str = "No description in the vendor metadata.";

/// Tags that end a line; every other tag is dropped.
const BLOCK_TAGS: &[&str] = &[
    "br",
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dd",
    "dt",
    "hr",
    "pre",
    "blockquote",
];

const ENTITIES: &[(&str, &str)] = &[
    ("&nbsp;", " "),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&apos;", "'"),
    ("&amp;", "&"),
];

/// Cleaned text; empty when the vendor text has nothing readable.
pub(super) fn clean(text: &str) -> String {
    let mut decoded = strip_tags(text);
    for (entity, plain) in ENTITIES {
        decoded = decoded.replace(entity, plain);
    }
    let mut out = String::new();
    let mut previous_was_table = false;
    for line in decoded.lines() {
        let mut line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.starts_with("```") {
            continue;
        }
        if line.matches('`').count() % 2 == 1 {
            line = line.replace('`', "");
        }
        if line.is_empty() {
            continue;
        }
        let is_table = line.starts_with('|');
        if !out.is_empty() {
            out.push_str(if is_table && previous_was_table {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(&line);
        previous_was_table = is_table;
    }
    out
}

/// `clean(text)`, or [`NO_DESCRIPTION`] when that is empty.
pub(super) fn describe(text: Option<&str>) -> String {
    let cleaned = clean(text.unwrap_or_default());
    if cleaned.is_empty() {
        NO_DESCRIPTION.to_string()
    } else {
        cleaned
    }
}

/// Replaces HTML tags: block tags by a line break (`<li>` by a list dash),
/// others by nothing. A `<` that does not open a tag is kept as text.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let candidate = &rest[at..];
        match tag(candidate) {
            Some((name, closing, len)) => {
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.push('\n');
                    if name == "li" && !closing {
                        out.push_str("- ");
                    }
                } else if name == "td" || name == "th" {
                    out.push(' ');
                }
                rest = &candidate[len..];
            }
            None => {
                out.push('<');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// At the start of `text` (which starts with `<`): a tag's lowercase name,
/// whether it is a closing tag, and its length in bytes.
fn tag(text: &str) -> Option<(String, bool, usize)> {
    let inner = &text[1..];
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // A tag ends at the next `>` on the same line, not too far away.
    let end = text.find('>')?;
    let span = &text[..end];
    if end > 400 || span.contains('\n') || span[1..].contains('<') {
        return None;
    }
    let after_name = body[name.len()..].chars().next();
    if !matches!(after_name, Some(c) if c == '>' || c == '/' || c.is_whitespace()) {
        return None;
    }
    Some((name, closing, end + 1))
}

/// Splits the first sentence (of the first paragraph) from the rest.
pub(super) fn first_sentence(text: &str) -> (String, String) {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let end = match c {
            '\n' => Some(at),
            '。' | '！' | '？' => Some(at + c.len_utf8()),
            '.' | '!' | '?'
                if next.is_none_or(char::is_whitespace) && !abbreviation(&text[..at]) =>
            {
                Some(at + 1)
            }
            _ => None,
        };
        if let Some(end) = end {
            return (
                text[..end].trim().to_string(),
                text[end..].trim().to_string(),
            );
        }
    }
    (text.to_string(), String::new())
}

/// Whether the text before a full stop ends with `e.g` or `i.e`.
fn abbreviation(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    lower.ends_with("e.g") || lower.ends_with("i.e") || lower.ends_with(" vs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_paragraphs() {
        let text = "<p>Lists things.</p><ul><li>one</li><li>two  items</li></ul>a &lt; b<br/>done";
        assert_eq!(
            clean(text),
            "Lists things.\n\n- one\n\n- two items\n\na < b\n\ndone"
        );
    }

    #[test]
    fn keeps_text_that_only_looks_like_a_tag() {
        assert_eq!(clean("x <5 and y<z>"), "x <5 and y");
        assert_eq!(clean("1 < 2 > 0"), "1 < 2 > 0");
    }

    #[test]
    fn drops_fences_and_unbalanced_backticks() {
        assert_eq!(clean("```json\n{\"a\": 1}\n```"), "{\"a\": 1}");
        assert_eq!(clean("a `b"), "a b");
        assert_eq!(clean("   indented `code`"), "indented `code`");
    }

    #[test]
    fn keeps_table_rows_together() {
        assert_eq!(
            clean("Values:\n|a|b|\n|-|-|\n|1|2|"),
            "Values:\n\n|a|b|\n|-|-|\n|1|2|"
        );
    }

    #[test]
    fn splits_the_first_sentence() {
        let split = |t: &str| first_sentence(t);
        assert_eq!(
            split("Does X, e.g. Y. Then Z."),
            ("Does X, e.g. Y.".into(), "Then Z.".into())
        );
        assert_eq!(
            split("本接口用于查询。其他说明"),
            ("本接口用于查询。".into(), "其他说明".into())
        );
        assert_eq!(
            split("Version 1.2 is used"),
            ("Version 1.2 is used".into(), String::new())
        );
        assert_eq!(split("One\n\nTwo"), ("One".into(), "Two".into()));
    }

    #[test]
    fn falls_back_when_empty() {
        assert_eq!(describe(Some("<br>  ")), NO_DESCRIPTION);
        assert_eq!(describe(None), NO_DESCRIPTION);
    }
}
