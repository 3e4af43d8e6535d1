//! Markup inside vendor text: HTML tags, entities and Markdown links.

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

/// Entities the vendors write, `&amp;` last so that `&amp;lt;` stays `&lt;`.
const ENTITIES: &[(&str, &str)] = &[
    ("&nbsp;", " "),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&apos;", "'"),
    ("&amp;", "&"),
];

/// Replaces the entities vendors write by their characters.
pub(super) fn decode_entities(text: &str) -> String {
    let mut decoded = text.to_string();
    for (entity, plain) in ENTITIES {
        decoded = decoded.replace(entity, plain);
    }
    decoded
}

/// Replaces HTML tags: block tags by a line break (`<li>` by a list dash),
/// cells by a space, others by nothing. A `<` that does not open a tag is
/// kept as text.
pub(super) fn strip_tags(text: &str) -> String {
    replace_spans(text, '<', |candidate| {
        let (name, closing, len) = tag(candidate)?;
        let replacement = if BLOCK_TAGS.contains(&name.as_str()) {
            if name == "li" && !closing {
                "\n- "
            } else {
                "\n"
            }
        } else if name == "td" || name == "th" {
            " "
        } else {
            ""
        };
        Some((replacement.to_string(), len))
    })
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
    // `<br/>`, `<p class="x">`, `<props="china">`; not `<5` or `a<b-c>`.
    let after_name = body[name.len()..].chars().next();
    if !matches!(after_name, Some(c) if matches!(c, '>' | '/' | '=') || c.is_whitespace()) {
        return None;
    }
    Some((name, closing, end + 1))
}

/// `[text](target)` → `text`, or `text (url)` for web links; `(~~123~~)`
/// (a link to a document ID) disappears.
pub(super) fn strip_links(text: &str) -> String {
    let linked = replace_spans(text, '[', |candidate| {
        let after = &candidate[1..];
        let close = after.find(']')?;
        let label = &after[..close];
        let target_part = after[close + 1..].strip_prefix('(')?;
        let end = target_part.find(')')?;
        if label.contains('\n') {
            return None;
        }
        let target = &target_part[..end];
        let replacement = if target.starts_with("http") {
            format!("{label} ({target})")
        } else {
            label.to_string()
        };
        Some((replacement, 1 + close + 2 + end + 1))
    });
    remove_doc_ids(&linked)
}

fn remove_doc_ids(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find("(~~") {
        let Some(len) = out[start..].find("~~)") else {
            break;
        };
        out.replace_range(start..start + len + 3, "");
    }
    out
}

/// Replaces each span of markup that starts with `open`: `span` is given the
/// text from an `open` on and returns the replacement and the length of the
/// span, or `None` when it is not markup (the `open` then stays as text).
fn replace_spans(text: &str, open: char, span: impl Fn(&str) -> Option<(String, usize)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let candidate = &rest[at..];
        match span(candidate) {
            Some((replacement, len)) => {
                out.push_str(&replacement);
                rest = &candidate[len..];
            }
            None => {
                out.push(open);
                rest = &candidate[open.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_line_breaks_list_dashes_or_nothing() {
        assert_eq!(
            strip_tags(
                "<p>A</p><ul><li>one</li></ul>x<br/>y <b>z</b> <props=\"china\">site</props>"
            ),
            "\nA\n\n\n- one\n\nx\ny z site"
        );
        assert_eq!(
            strip_tags("x <5 and y<z>, 1 < 2 > 0"),
            "x <5 and y, 1 < 2 > 0"
        );
    }

    #[test]
    fn links_keep_their_text_and_web_targets() {
        assert_eq!(
            strip_links("see [docs](https://example.com/x), [CSR](~~42218~~) and (~~1~~)."),
            "see docs (https://example.com/x), CSR and ."
        );
        assert_eq!(
            strip_links("[not a link] [a\nb](x)"),
            "[not a link] [a\nb](x)"
        );
    }

    #[test]
    fn entities_are_decoded_once() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &amp;lt; &nbsp;"),
            "a <b> &lt;  "
        );
    }
}
