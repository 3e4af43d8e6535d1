//! The product's error codes from a Tencent Cloud SDK: the Python SDK's
//! `errorcodes.py`, or the Go SDK's `errors.go`. Each code is a constant
//! after a comment describing it.
//!
//! ```text
//! # Failed to cancel the order.
//! FAILEDOPERATION_CANCELORDERFAILED = 'FailedOperation.CancelOrderFailed'
//! ```

use codegen::load::raw::ErrorCodeSpec;

/// Said where the vendor's comment is empty; the spec needs a description.
const NO_DESCRIPTION: &str = "The vendor publishes no description of this code.";

/// The codes of an `errorcodes.py`, in the file's order; a code twice is kept once.
pub(super) fn parse(text: &str) -> Vec<ErrorCodeSpec> {
    parse_commented(text, "#")
}

/// The codes of a file whose comments start with `marker` (`#`, `//`).
pub(super) fn parse_commented(text: &str, marker: &str) -> Vec<ErrorCodeSpec> {
    let mut codes: Vec<ErrorCodeSpec> = Vec::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(text) = line.strip_prefix(marker) {
            comment.push(text.trim());
            continue;
        }
        let code = line
            .split_once('=')
            .filter(|(name, _)| {
                let name = name.trim();
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            })
            .map(|(_, value)| value.trim().trim_matches(|c| c == '\'' || c == '"'));
        if let Some(code) = code.filter(|c| !c.is_empty())
            && !codes.iter().any(|known| known.code == code)
        {
            let description = comment.join(" ").trim().to_string();
            codes.push(ErrorCodeSpec {
                code: code.to_string(),
                description: if description.is_empty() {
                    NO_DESCRIPTION.to_string()
                } else {
                    description
                },
                http_status: None,
            });
        }
        comment.clear();
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_take_the_comment_above_them() {
        let text = "# -*- coding: utf8 -*-\n# Copyright\n\n\n# A CAM signature/authentication error occurred.\nAUTHFAILURE = 'AuthFailure'\n\n# \nFAILEDOPERATION_X = 'FailedOperation.X'\n";
        let codes = parse(text);
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].code, "AuthFailure");
        assert_eq!(
            codes[0].description,
            "A CAM signature/authentication error occurred."
        );
        assert_eq!(codes[1].description, NO_DESCRIPTION);
    }
}
