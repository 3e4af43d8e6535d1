//! The first sentence of vendor prose, for an action's one-line summary.

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs"];

/// Splits cleaned text into its first sentence (of its first line) and the
/// rest; a leading list dash is dropped from the sentence.
pub(crate) fn split_first_sentence(text: &str) -> (String, String) {
    let text = text.trim();
    let line = text.lines().next().unwrap_or_default();
    let end = sentence_end(line).unwrap_or(line.len());
    let first = line[..end].trim();
    let first = first.strip_prefix("- ").unwrap_or(first).trim();
    (first.to_string(), text[end..].trim().to_string())
}

/// Byte offset just after the mark that ends the first sentence of `line`, if any.
fn sentence_end(line: &str) -> Option<usize> {
    for (at, c) in line.char_indices() {
        let after = at + c.len_utf8();
        match c {
            '。' | '！' | '？' => return Some(after),
            '.' | '!' | '?' => {}
            _ => continue,
        }
        let rest = &line[after..];
        if rest.starts_with(|n: char| !n.is_whitespace()) {
            continue; // 2.0, aliyun.com
        }
        let word = line[..at]
            .rsplit(|w: char| w.is_whitespace() || w == '(')
            .next()
            .unwrap_or_default();
        let abbreviation = ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
            || word == "No"
            || (word.len() == 1 && !word.starts_with(|w: char| w.is_ascii_uppercase()));
        // `1.` numbers a list; a sentence does not go on in lowercase.
        if (c == '.' && abbreviation) || rest.trim_start().starts_with(char::is_lowercase) {
            continue;
        }
        return Some(after);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> String {
        split_first_sentence(text).0
    }

    #[test]
    fn splits_the_first_sentence() {
        let split = |t: &str| split_first_sentence(t);
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
    fn finds_the_first_sentence() {
        let (first_one, rest) = split_first_sentence(
            "Applies for a certificate (aliyun.com). You can also renew it.\nMore.",
        );
        assert_eq!(first_one, "Applies for a certificate (aliyun.com).");
        assert_eq!(rest, "You can also renew it.\nMore.");
        assert_eq!(first("- Use e.g. this one. Then"), "Use e.g. this one.");
        assert_eq!(first("No period here"), "No period here");
        assert_eq!(first("查询证书。然后"), "查询证书。");
    }

    #[test]
    fn abbreviations_and_numbers_do_not_end_it() {
        assert_eq!(first("Steps: 1. Open it. Then"), "Steps: 1. Open it.");
        assert_eq!(
            first("Page No. 2 of the list! More"),
            "Page No. 2 of the list!"
        );
        assert_eq!(first("Stops? Yes"), "Stops?");
    }
}
