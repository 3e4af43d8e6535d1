//! The generated documentation of the products listed here is English only.
//!
//! Where a vendor publishes a description only in Chinese, the product's
//! overlays carry our English for it (the import report still counts what
//! the vendor left untranslated). Example values are data, quoted in
//! backticks, and may stay as the vendor gives them; everything else on a
//! doc line is prose.

use std::path::Path;

/// Products whose every description has English, by their folder under `generated/src/`.
const ENGLISH_PRODUCTS: [&str; 2] = ["tencent/ssl", "alibaba/cas"];

/// Chinese, Japanese and Korean script and punctuation: ideographs (with
/// extension A and the compatibility block), CJK symbols and punctuation,
/// and full-width forms such as `（` and `：`.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// The prose of a doc line: its text without backtick-quoted spans.
fn prose(doc: &str) -> String {
    doc.split('`').step_by(2).collect()
}

/// `file:line: text` for every doc line of `file` with CJK prose.
fn cjk_prose(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let doc = line.trim_start();
            let doc = doc
                .strip_prefix("///")
                .or_else(|| doc.strip_prefix("//!"))?;
            prose(doc)
                .chars()
                .any(is_cjk)
                .then(|| format!("{}:{}: {}", file.display(), i + 1, doc.trim()))
        })
        .collect()
}

#[test]
fn the_english_products_have_no_chinese_prose_in_their_docs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/src");
    let mut found = Vec::new();
    let mut files = 0;
    for product in ENGLISH_PRODUCTS {
        for entry in std::fs::read_dir(root.join(product)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                files += 1;
                found.extend(cjk_prose(&path));
            }
        }
    }
    assert!(files > 100, "the products' files were read: {files}");
    assert!(
        found.is_empty(),
        "{} doc lines with Chinese prose; give them English in the product's overlays:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_check_sees_chinese_prose_and_spares_quoted_examples() {
    assert!(prose(" 证书的类型").chars().any(is_cjk));
    assert!(
        prose(" Type（CA）").chars().any(is_cjk),
        "full-width punctuation"
    );
    assert!(!prose(" Remark. Example: `\"测试\"`.").chars().any(is_cjk));
    assert!(prose(" Example: `\"a\"`, 备注").chars().any(is_cjk));
}
