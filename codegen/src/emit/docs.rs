//! Spec text → rustdoc attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` lines for `text`, one per line, so prettyplease prints `///` comments.
/// `text` is Markdown written by the generator; wrap spec text in [`prose`] first.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `//!` module documentation for `text` (Markdown, as for [`doc`]).
pub fn module_doc(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

/// Spec text is prose, not Markdown: brackets, angle brackets and asterisks
/// would turn into broken links, HTML tags and emphasis in rustdoc, so they
/// are escaped (except inside `code spans`). Code blocks would become
/// doctests that `cargo test` compiles, so fences are escaped and lines lose
/// their indentation; a bare carriage return (not allowed in a doc comment)
/// ends a line. Bare web addresses become links (`<https://…>`).
pub fn prose(text: &str) -> String {
    let mut in_item = false;
    text.replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(|line| {
            let line = line.trim_start();
            // A `* ` bullet (which the vendors mix with `- ` ones) stays a
            // list item: escaped, it would continue the item above it.
            let (item, text) = match line.strip_prefix("* ") {
                Some(rest) => (true, format!("- {}", escape(rest))),
                None => (is_list_item(line), escape(line)),
            };
            let continues = in_item && !item && !line.is_empty();
            in_item = (in_item || item) && !line.is_empty();
            // A line right under an item belongs to it, as Markdown reads
            // it anyway; indented, it says so.
            if continues { format!("  {text}") } else { text }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `line` starts a Markdown list item: `- `, `+ ` or `1. `.
fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("+ ")
        || (digits > 0 && line[digits..].starts_with(". "))
}

fn escape(line: &str) -> String {
    // Most lines have nothing to escape: copied as they are, they skip the
    // character walk (documentation is a third of the generated lines).
    if !line.contains(['[', ']', '<', '>', '*', '`', '~']) && !line.contains("http") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    if line.starts_with("```") || line.starts_with("~~~") {
        out.push('\\');
    }
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if !in_code && let Some(url) = bare_url(rest) {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        if c == '`' {
            in_code = !in_code;
        }
        match c {
            '[' | ']' | '<' | '>' | '*' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The web address `text` starts with, if any: up to whitespace, a quote,
/// a backtick, an angle or closing bracket or a character outside ASCII
/// (vendor text runs Chinese punctuation into its links), without the
/// punctuation that ends a sentence. Rustdoc warns about a bare address and
/// links one written `<https://…>`.
fn bare_url(text: &str) -> Option<&str> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let end = text
        .find(|c: char| {
            c.is_whitespace()
                || !c.is_ascii()
                || matches!(c, '"' | '\'' | '`' | '<' | '>' | ')' | ']' | '}')
        })
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    url.split_once("://")
        .is_some_and(|(_, host)| !host.is_empty())
        .then_some(url)
}

/// The first sentence of `text`, for one-line summaries of setters and lists:
/// a plain cut at the first `. ` of the first line, because spec descriptions
/// are written for it. (Splitting vendor prose, with its abbreviations and
/// full-width stops, is the importers' `split_first_sentence`.)
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let line = text.lines().next().unwrap_or_default();
    match line.find(". ") {
        Some(end) => &line[..=end],
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_bullet_stays_a_list_item() {
        assert_eq!(
            prose("Notes:\n\n- Basic instances: no.\n* Server groups: yes, *some*."),
            "Notes:\n\n- Basic instances: no.\n- Server groups: yes, \\*some\\*."
        );
    }

    #[test]
    fn a_line_under_a_list_item_is_indented_into_it() {
        assert_eq!(
            prose(
                "Values:\n\n- Insert: add a cookie.\nThe server remembers it.\n\nAfter the list."
            ),
            "Values:\n\n- Insert: add a cookie.\n  The server remembers it.\n\nAfter the list."
        );
        assert_eq!(prose("1. One.\nmore\n2. Two."), "1. One.\n  more\n2. Two.");
    }

    #[test]
    fn escapes_markdown_outside_code() {
        assert_eq!(
            escape("Tags.N <list> [x] 13****`a*b`"),
            "Tags.N \\<list\\> \\[x\\] 13\\*\\*\\*\\*`a*b`"
        );
    }

    #[test]
    fn bare_addresses_become_links() {
        assert_eq!(
            escape("See https://console.cloud.tencent.com/ssl. Or (http://a.example/x?y=1*2)"),
            "See <https://console.cloud.tencent.com/ssl>. Or (<http://a.example/x?y=1*2>)"
        );
        assert_eq!(
            escape("`https://in.code` and https:// alone"),
            "`https://in.code` and https:// alone"
        );
        assert_eq!(
            escape("链接：https://a.example/b，下载"),
            "链接：<https://a.example/b>，下载"
        );
    }

    #[test]
    fn code_blocks_and_carriage_returns_stay_prose() {
        assert_eq!(
            prose("Run:\n```\nfn x() {}\n```\n\n    indented\ra\r\nb"),
            "Run:\n\\```\nfn x() {}\n\\```\n\nindented\na\nb"
        );
    }

    #[test]
    fn first_sentence_stops_at_period() {
        assert_eq!(
            first_sentence("Certificate ID. Another."),
            "Certificate ID."
        );
        assert_eq!(first_sentence("No period"), "No period");
    }
}
