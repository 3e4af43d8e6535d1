//! Value sets documented in prose: a "Valid values:" header followed by a
//! bullet list, one value per bullet.
//!
//! ```text
//! The method to verify the domain. Valid values:
//!
//! *   **DNS**: add a TXT record.
//! *   **FILE** (default): upload a file.
//! ```
//!
//! Bullets may also be plain (`*   pending`, `*   RSA: text`); a plain value
//! must be one word, otherwise the list is prose and nothing is taken from it.
//! Several lists ("Valid values when CloudName is aliyun:", "… is Tencent:")
//! are merged; the description is shortened only for a single plain list.
//! A header that is itself indented or a bullet documents a member of a
//! structure the text describes (the keys of a JSON value), not the field:
//! it is not read.

/// One documented value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Documented {
    /// The wire value.
    pub value: String,
    /// The vendor text after the value (raw Markdown), possibly empty.
    pub description: String,
    /// Marked `(default)`.
    pub is_default: bool,
}

/// The values found, and the description without the list where that loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ValueList {
    /// Values in order of appearance, each once.
    pub values: Vec<Documented>,
    /// The raw description minus the header phrase and bullets; `None` when
    /// the lists carry conditions that only the full text explains.
    pub remaining: Option<String>,
}

/// The value lists of a raw vendor description, if it has any.
pub(super) fn value_list(raw: &str) -> Option<ValueList> {
    let text = raw.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut values: Vec<Documented> = Vec::new();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_header(lines[i])
            && let Some((items, end)) = bullets(&lines, i + 1)
        {
            for item in items {
                if !values.iter().any(|v| v.value == item.value) {
                    values.push(item);
                }
            }
            blocks.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    if values.is_empty() {
        return None;
    }
    let remaining = match blocks.as_slice() {
        [(header, end)] if is_plain_header(lines[*header]) => {
            let line = lines[*header];
            let cut = line
                .to_ascii_lowercase()
                .find("valid value")
                .unwrap_or(line.len());
            let mut kept: Vec<&str> = lines[..*header].to_vec();
            kept.push(&line[..cut]);
            kept.extend_from_slice(&lines[*end..]);
            Some(kept.join("\n"))
        }
        _ => None,
    };
    Some(ValueList { values, remaining })
}

fn is_header(line: &str) -> bool {
    if line.starts_with([' ', '\t']) || bullet(line).is_some() {
        return false;
    }
    let lower = line.trim().to_ascii_lowercase();
    lower.contains("valid value") && (lower.ends_with(':') || lower.ends_with('：'))
}

/// "Valid values:" with nothing between the phrase and the colon.
fn is_plain_header(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    lower.ends_with("valid values:") || lower.ends_with("valid value:")
}

/// The bullets starting at `start` (after blank lines), and the index after them;
/// `None` if there are none or one is not a value.
fn bullets(lines: &[&str], start: usize) -> Option<(Vec<Documented>, usize)> {
    let mut items: Vec<Documented> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if line.trim().is_empty() {
            let next = lines[i..]
                .iter()
                .position(|l| !l.trim().is_empty())
                .map(|p| i + p);
            match next {
                Some(n) if bullet(lines[n]).is_some() && !items.is_empty() => i = n,
                _ if items.is_empty() => i += 1,
                _ => break,
            }
            continue;
        }
        if let Some(content) = bullet(line) {
            items.push(item(content)?);
        } else if line.starts_with([' ', '\t']) && !items.is_empty() {
            let last = items.len() - 1;
            items[last].description.push(' ');
            items[last].description.push_str(line.trim());
        } else {
            break;
        }
        i += 1;
    }
    (!items.is_empty()).then_some((items, i))
}

fn bullet(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix('*')
        .or_else(|| trimmed.strip_prefix('-'))?;
    rest.starts_with([' ', '\t']).then(|| rest.trim())
}

/// Markdown text without its backslash escapes (`SHA\_1` is `SHA_1` on the wire).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

fn item(content: &str) -> Option<Documented> {
    let mut default_inside = false;
    let (value, rest) = if let Some(bold) = content.strip_prefix("**") {
        let end = bold.find("**")?;
        // `**en-US (default)**`: the mark inside the bold is not part of the value.
        let bold_text = bold[..end].trim();
        let bold_text = match bold_text.strip_suffix("(default)") {
            Some(value) => {
                default_inside = true;
                value.trim_end()
            }
            None => bold_text,
        };
        (unescape(bold_text), &bold[end + 2..])
    } else if let Some(code) = content.strip_prefix('`') {
        // In a code span a backslash is a backslash.
        let end = code.find('`')?;
        (code[..end].trim().to_string(), &code[end + 1..])
    } else {
        let end = content.find([':', '：']).unwrap_or(content.len());
        let value = content[..end]
            .trim()
            .trim_end_matches(['.', '。', ';', '；', ',']);
        if value.contains(char::is_whitespace) {
            return None;
        }
        (unescape(value), &content[end..])
    };
    if value.is_empty() {
        return None;
    }
    let rest = rest.trim_start();
    let (is_default, rest) = match rest.strip_prefix("(default)") {
        Some(after) => (true, after),
        None => (default_inside, rest),
    };
    let description = rest.trim_start().trim_start_matches([':', '：']).trim();
    Some(Documented {
        value,
        description: description.to_string(),
        is_default,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(list: &ValueList) -> Vec<&str> {
        list.values.iter().map(|v| v.value.as_str()).collect()
    }

    #[test]
    fn reads_bold_bullets_and_shortens_the_description() {
        let raw = "The specification. Valid values:\n\n*   **a-1** (default): first\n    continued.\n*   **b**: second.\n\nSee also X.\n";
        let list = value_list(raw).unwrap();
        assert_eq!(values(&list), ["a-1", "b"]);
        assert_eq!(list.values[0].description, "first continued.");
        assert!(list.values[0].is_default && !list.values[1].is_default);
        assert_eq!(
            list.remaining.as_deref(),
            Some("The specification. \n\nSee also X.")
        );
    }

    #[test]
    fn reads_plain_bullets_and_merges_conditional_lists() {
        let raw = "Cloud.\n\nValid values when A is x:\n\n*   SLB: one.\n*   pending\n\nValid values when A is y:\n\n*   TencentCDN: two.\n*   SLB: again.";
        let list = value_list(raw).unwrap();
        assert_eq!(values(&list), ["SLB", "pending", "TencentCDN"]);
        assert_eq!(list.remaining, None);
    }

    #[test]
    fn ignores_prose_lists_and_other_text() {
        assert_eq!(
            value_list("Valid values:\n\n*   The first thing: x.\n"),
            None
        );
        assert_eq!(value_list("Valid values: RSA, ECC, and SM2."), None);
        assert_eq!(value_list("The type.\n\n*   **cloud**: a.\n"), None);
        let escaped =
            value_list("Valid values:\n\n*   **RSAES_OAEP_SHA\\_1**\n*   **SM2PKE**\n").unwrap();
        assert_eq!(
            escaped.values[0].value, "RSAES_OAEP_SHA_1",
            "markdown escapes are not part of a value"
        );
        assert_eq!(value_list("Valid values of N: 1 to 20."), None);
    }

    #[test]
    fn a_default_mark_inside_the_bold_is_not_part_of_the_value() {
        let list = value_list(
            "Language. Valid values:\n\n*   **zh-CN**: Chinese\n*   **en-US (default)**: English",
        )
        .unwrap();
        assert_eq!(values(&list), ["zh-CN", "en-US"]);
        assert!(list.values[1].is_default);
        assert_eq!(list.values[1].description, "English");
    }

    #[test]
    fn lists_of_the_members_a_text_describes_are_not_the_fields() {
        let raw = "JSON text with these keys.\n\n*   HTTP:\n\n    *   port: the port\n\n    *   sni: whether to use SNI. Valid values:\n\n        *   true: on.\n        *   other: off.\n\n*   ping:\n\n    *   packetNum: packets";
        assert_eq!(value_list(raw), None);
        let indented = "JSON text.\n\n    **code**: a threshold. Valid values:\n\n    *   400: a\n    *   500: b";
        assert_eq!(value_list(indented), None);
    }
}
