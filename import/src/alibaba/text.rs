//! Vendor Markdown → plain description text that our validator and rustdoc accept.
//!
//! The metadata writes Markdown with site-specific extras: links to document
//! IDs (`[text](~~123~~)`), `**bold**` values, `\_` escapes, a trailing `\`
//! for line breaks, `>` notes and HTML such as `<props="china">`. Links keep
//! their text, emphasis and tags disappear, bullets become `- `. Leading
//! whitespace is removed from every line: rustdoc would read an indented
//! line as a code block, that is, as a doctest.

/// Used where the vendor gives no text: our validator rejects empty descriptions.
pub(super) const NO_DESCRIPTION: &str = "No description.";

const ENTITIES: &[(&str, &str)] = &[
    ("&nbsp;", " "),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&amp;", "&"),
];

/// Cleaned text; empty when nothing readable is left.
pub(super) fn clean(raw: &str) -> String {
    let mut text = strip_tags(&strip_links(&raw.replace("\r\n", "\n")));
    for (entity, plain) in ENTITIES {
        text = text.replace(entity, plain);
    }
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = clean_line(line);
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue; // collapses runs of blank lines and drops leading ones
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// `text`, or [`NO_DESCRIPTION`] when it is empty.
pub(super) fn or_placeholder(text: String) -> String {
    if text.trim().is_empty() {
        NO_DESCRIPTION.to_string()
    } else {
        text
    }
}

fn clean_line(line: &str) -> String {
    // A trailing backslash is a Markdown hard line break.
    let line = line.trim().trim_end_matches('\\').trim_end();
    if line.starts_with("```")
        || (!line.is_empty() && line.chars().all(|c| matches!(c, '-' | '=' | '*' | '_')))
    {
        return String::new(); // fences and rules would become doctests or headings
    }
    let (marker, rest) =
        if let Some(rest) = line.strip_prefix("* ").or_else(|| line.strip_prefix("- ")) {
            ("- ", rest.trim_start())
        } else if let Some(rest) = line.strip_prefix('>') {
            ("", rest.trim_start())
        } else if line.starts_with('#') {
            ("", line.trim_start_matches('#').trim_start())
        } else {
            ("", line)
        };
    format!("{marker}{}", unescape(rest))
}

/// Drops `**` and `\x` escapes outside `code spans`.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '\\' if !in_code && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) => {
                out.extend(chars.next());
            }
            '*' if !in_code && chars.peek() == Some(&'*') => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// `[text](target)` → `text`, or `text (url)` for web links; `(~~123~~)` alone disappears.
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let link = after.find(']').and_then(|close| {
            let label = &after[..close];
            let target_part = after[close + 1..].strip_prefix('(')?;
            let end = target_part.find(')')?;
            (!label.contains('\n')).then(|| (label, &target_part[..end], close + 2 + end + 1))
        });
        match link {
            Some((label, target, used)) => {
                out.push_str(label);
                if target.starts_with("http") {
                    out.push_str(&format!(" ({target})"));
                }
                rest = &after[used..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    remove_doc_ids(&out)
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

/// Removes HTML tags (`<br>` becomes a line break); `<` not starting a tag stays.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let is_tag = after
            .trim_start_matches('/')
            .starts_with(|c: char| c.is_ascii_alphabetic());
        match after
            .find('>')
            .filter(|end| is_tag && !after[..*end].contains(['<', '\n']))
        {
            Some(end) => {
                let name = after[..end].trim_start_matches('/').to_ascii_lowercase();
                if name.starts_with("br") || name == "p" {
                    out.push('\n');
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits cleaned text into its first sentence and the rest; a leading bullet
/// marker is dropped from the sentence.
pub(super) fn first_sentence(text: &str) -> (String, String) {
    let text = text.trim();
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    let end = sentence_end(line).unwrap_or(line.len());
    let first = line[..end].trim();
    let first = first.strip_prefix("- ").unwrap_or(first).trim().to_string();
    (first, text[end..].trim().to_string())
}

/// Byte offset just after the first sentence-ending period of `line`, if any.
fn sentence_end(line: &str) -> Option<usize> {
    const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs", "No"];
    for (i, c) in line.char_indices() {
        let after = i + c.len_utf8();
        if c == '。' {
            return Some(after);
        }
        if c != '.' {
            continue;
        }
        let next = line[after..].chars().next();
        if next.is_some_and(|n| !n.is_whitespace()) {
            continue; // 2.0, aliyun.com
        }
        let word = line[..i]
            .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
            .next()
            .unwrap_or_default();
        if ABBREVIATIONS.contains(&word) || word.len() == 1 {
            continue;
        }
        let following = line[after..].trim_start().chars().next();
        if following.is_none_or(|f| !f.is_lowercase()) {
            return Some(after);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_vendor_markdown() {
        let raw = "The **CN** field, see [How do I create a CSR file?](~~42218~~)\\\nNext line \\_x\\_.\n\n\n\n>  A note with <props=\"china\">site text</props>.\n\n*   **DNS**: by record.\n    indented `a**b`\n";
        assert_eq!(
            clean(raw),
            "The CN field, see How do I create a CSR file?\nNext line _x_.\n\nA note with site text.\n\n- DNS: by record.\nindented `a**b`"
        );
        assert_eq!(
            clean("see [docs](https://example.com/x) and (~~1~~)."),
            "see docs (https://example.com/x) and ."
        );
        assert_eq!(clean("a<br>b &lt;c&gt; 1 < 2"), "a\nb <c> 1 < 2");
        assert_eq!(clean("```\ncode\n```\n## Limits"), "code\n\nLimits");
        assert_eq!(clean("  \n\n"), "");
    }

    #[test]
    fn finds_the_first_sentence() {
        let (first, rest) =
            first_sentence("Applies for a certificate (aliyun.com). You can also renew it.\nMore.");
        assert_eq!(first, "Applies for a certificate (aliyun.com).");
        assert_eq!(rest, "You can also renew it.\nMore.");
        assert_eq!(
            first_sentence("- Use e.g. this one. Then").0,
            "Use e.g. this one."
        );
        assert_eq!(first_sentence("No period here").0, "No period here");
        assert_eq!(first_sentence("查询证书。然后").0, "查询证书。");
    }
}
