//! Vendor documentation text → description text our validator and rustdoc accept.
//!
//! Both vendors mix HTML (`<br>`, `<li>`, `<p>`, `<props="china">`),
//! entities and Markdown. Tags become line breaks or disappear, entities are
//! decoded, and leading whitespace goes: rustdoc would read an indented line
//! or a code fence as a code block, that is, as a doctest. How lines become
//! paragraphs is where the vendors differ ([`Layout`]).

mod markup;
mod sentence;
pub(crate) mod value_sets;

pub(crate) use sentence::split_first_sentence;

/// How one vendor writes its documentation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dialect {
    /// How lines become paragraphs.
    pub layout: Layout,
    /// Used where the vendor gives no text: our validator rejects empty descriptions.
    pub no_description: &'static str,
}

/// How the lines of a vendor's text become paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Every line is its own paragraph (tccli): single newlines would make
    /// rustdoc join list items and following lines ("lazy continuation").
    /// Whitespace is collapsed, table rows stay together.
    Paragraphs,
    /// Markdown whose line breaks are kept (Alibaba): links keep their text,
    /// `**` emphasis, `\` escapes, `>` quotes and `#` headings go, `*` bullets
    /// become `- `, runs of blank lines collapse into one.
    Markdown,
}

impl Dialect {
    /// Cleaned text; empty when the vendor text has nothing readable.
    pub(crate) fn clean(&self, raw: &str) -> String {
        let raw = raw.replace("\r\n", "\n");
        let linked = match self.layout {
            Layout::Paragraphs => raw,
            Layout::Markdown => markup::strip_links(&raw),
        };
        let text = markup::decode_entities(&markup::strip_tags(&linked));
        match self.layout {
            Layout::Paragraphs => paragraphs(&text),
            Layout::Markdown => markdown_lines(&text),
        }
    }

    /// `text`, or [`Dialect::no_description`] when it is empty.
    pub(crate) fn or_placeholder(&self, text: String) -> String {
        if text.trim().is_empty() {
            self.no_description.to_string()
        } else {
            text
        }
    }

    /// The cleaned `raw` text, or the placeholder.
    pub(crate) fn describe(&self, raw: Option<&str>) -> String {
        self.or_placeholder(self.clean(raw.unwrap_or_default()))
    }
}

/// [`Layout::Paragraphs`]: one paragraph a line, fences and unbalanced
/// backticks dropped.
fn paragraphs(text: &str) -> String {
    let mut out = String::new();
    let mut previous_was_table = false;
    for line in text.lines() {
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

/// [`Layout::Markdown`]: lines kept, blank runs collapsed.
fn markdown_lines(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = markdown_line(line);
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

fn markdown_line(line: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const TCCLI: Dialect = Dialect {
        layout: Layout::Paragraphs,
        no_description: "No description in the vendor metadata.",
    };
    const ALIBABA: Dialect = Dialect {
        layout: Layout::Markdown,
        no_description: "No description.",
    };

    #[test]
    fn strips_tags_and_keeps_paragraphs() {
        let text = "<p>Lists things.</p><ul><li>one</li><li>two  items</li></ul>a &lt; b<br/>done";
        assert_eq!(
            TCCLI.clean(text),
            "Lists things.\n\n- one\n\n- two items\n\na < b\n\ndone"
        );
    }

    #[test]
    fn keeps_text_that_only_looks_like_a_tag() {
        assert_eq!(TCCLI.clean("x <5 and y<z>"), "x <5 and y");
        assert_eq!(TCCLI.clean("1 < 2 > 0"), "1 < 2 > 0");
    }

    #[test]
    fn drops_fences_and_unbalanced_backticks() {
        assert_eq!(TCCLI.clean("```json\n{\"a\": 1}\n```"), "{\"a\": 1}");
        assert_eq!(TCCLI.clean("a `b"), "a b");
        assert_eq!(TCCLI.clean("   indented `code`"), "indented `code`");
    }

    #[test]
    fn keeps_table_rows_together() {
        assert_eq!(
            TCCLI.clean("Values:\n|a|b|\n|-|-|\n|1|2|"),
            "Values:\n\n|a|b|\n|-|-|\n|1|2|"
        );
    }

    #[test]
    fn falls_back_when_empty() {
        assert_eq!(TCCLI.describe(Some("<br>  ")), TCCLI.no_description);
        assert_eq!(TCCLI.describe(None), TCCLI.no_description);
    }

    #[test]
    fn cleans_vendor_markdown() {
        let clean = |raw: &str| ALIBABA.clean(raw);
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
}
