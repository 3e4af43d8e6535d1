//! Error codes of an action: the `extraInfo` Markdown table
//! (`|404|NotFoundPackage|description|`, columns as its header row names
//! them), then the structured `errorCodes`
//! object (`{"400": [{"errorCode", "errorMessage", "description"}]}`) that
//! some products carry instead. Each code is kept once, first entry wins.

use std::collections::BTreeSet;

use codegen::load::raw::ErrorCodeSpec;
use serde_json::Value;

use super::source::{DOCS, text};
use codegen::model::naming;

/// The errors of `api`, and the rows that could not be read.
pub(super) fn errors(api: &Value) -> (Vec<ErrorCodeSpec>, Vec<String>) {
    let mut list = ErrorList::default();
    let mut problems = Vec::new();
    if let Some(table) = text(api.get("extraInfo")) {
        for row in table_rows(table) {
            match row {
                Row::Error {
                    status,
                    code,
                    description,
                } => list.push(status, code, &description, &mut problems),
                Row::Malformed(reason) => problems.push(reason),
            }
        }
    }
    if let Some(by_status) = api.get("errorCodes").and_then(Value::as_object) {
        for (status, entries) in by_status {
            let status = status.parse().ok().filter(|s| (100..=599).contains(s));
            for entry in entries.as_array().into_iter().flatten() {
                let Some(code) = text(entry.get("errorCode")) else {
                    continue;
                };
                let description =
                    text(entry.get("description")).or(text(entry.get("errorMessage")));
                list.push(status, code, description.unwrap_or_default(), &mut problems);
            }
        }
    }
    (list.values, problems)
}

#[derive(Default)]
struct ErrorList {
    values: Vec<ErrorCodeSpec>,
    codes: BTreeSet<String>,
    variants: BTreeSet<String>,
}

impl ErrorList {
    fn push(
        &mut self,
        status: Option<u16>,
        code: &str,
        description: &str,
        problems: &mut Vec<String>,
    ) {
        // Some tables leave tabs or spaces after a code (`InvalidRule.Malformed\t`).
        let code = code.trim();
        // The validator's rule; a template such as `Invalid%s.Malformed` is
        // kept, and matches the codes that fill it.
        if !naming::is_error_code(code) {
            problems.push(format!(
                "error code `{code}` is not a dotted identifier such as `Invalid.Name`"
            ));
            return;
        }
        if self.codes.contains(code) {
            return; // the same code under another status, or in both sources
        }
        let Ok(variant) = naming::error_variant(code) else {
            problems.push(format!(
                "error code `{code}` does not become a Rust variant name"
            ));
            return;
        };
        if !self.variants.insert(variant.clone()) {
            problems.push(format!(
                "error code `{code}` becomes the variant `{variant}` like an earlier code"
            ));
            return;
        }
        self.codes.insert(code.to_string());
        self.values.push(ErrorCodeSpec {
            code: code.to_string(),
            description: describe(description),
            http_status: status,
        });
    }
}

/// Drops the vendor's boilerplate opening, which says nothing about the error.
fn describe(raw: &str) -> String {
    let text = DOCS.clean(raw);
    let trimmed = text
        .strip_prefix("The error message returned because ")
        .unwrap_or(&text);
    let mut chars = trimmed.chars();
    let sentence = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    DOCS.or_placeholder(sentence)
}

enum Row<'a> {
    Error {
        status: Option<u16>,
        code: &'a str,
        description: String,
    },
    Malformed(String),
}

/// Where the status, code and description are; tables come in several layouts
/// (`|HTTP status code|Error code|Description|`, `| 错误代码 | 错误信息 | HTTP 状态码 | 说明 |`).
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    status: usize,
    code: usize,
    /// Candidates, best first: a description, else the message.
    description: Vec<usize>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            status: 0,
            code: 1,
            description: vec![2],
        }
    }
}

impl Columns {
    /// The layout named by a header row, if `cells` is one.
    fn from_header(cells: &[&str]) -> Option<Columns> {
        let lower: Vec<String> = cells.iter().map(|c| c.to_lowercase()).collect();
        let find = |words: &[&str]| {
            lower
                .iter()
                .position(|c| words.iter().any(|w| c.contains(w)))
        };
        let status = find(&["status", "httpcode", "状态码", "http"])?;
        let code = lower.iter().enumerate().position(|(i, c)| {
            i != status
                && ["error code", "errorcode", "错误码", "错误代码", "code"]
                    .iter()
                    .any(|w| c.contains(w))
        })?;
        let description = [
            &["description", "描述", "说明", "语义"][..],
            &["message", "错误信息", "信息"][..],
        ]
        .iter()
        .flat_map(|words| {
            lower
                .iter()
                .enumerate()
                .filter(|(_, c)| words.iter().any(|w| c.contains(w)))
                .map(|(i, _)| i)
        })
        .filter(|i| *i != status && *i != code)
        .collect();
        Some(Columns {
            status,
            code,
            description,
        })
    }
}

/// Reads `table` row by row; a header row sets the layout of the rows after it.
fn table_rows(table: &str) -> Vec<Row<'_>> {
    let mut columns = Columns::default();
    let mut rows = Vec::new();
    for line in table.lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue;
        }
        let has_status = cells.iter().any(|c| c.parse::<u16>().is_ok());
        if !has_status && let Some(header) = Columns::from_header(&cells) {
            columns = header;
            continue;
        }
        let cell = |i: usize| cells.get(i).copied().unwrap_or_default();
        let status = cell(columns.status)
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s));
        let code = cell(columns.code).trim_matches('`');
        rows.push(match status {
            Some(status) if !code.is_empty() => Row::Error {
                status: Some(status),
                code,
                description: columns
                    .description
                    .iter()
                    .map(|i| cell(*i))
                    .find(|d| !d.is_empty())
                    .unwrap_or_default()
                    .to_string(),
            },
            _ => Row::Malformed(format!(
                "error table row `{line}` has no HTTP status and code where its header says"
            )),
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Reads the errors of `api` and compares them, as a spec file writes
    /// them, and the number of rows that could not be read.
    fn assert_reads(api: Value, expected: Value, unreadable: usize) {
        let (list, problems) = errors(&api);
        assert_eq!(serde_json::to_value(list).unwrap(), expected);
        assert_eq!(problems.len(), unreadable, "{problems:?}");
    }

    #[test]
    fn reads_the_table_and_error_codes() {
        let api = json!({
            "extraInfo": "|HTTP status code|Error code|Description|\n|---|---|---|\n|404|NotFoundPackage|The error message returned because no plan was bought.|\n|40x|Bad|x|\n|500|Bad Code|x|\n|403|NotFoundPackage|again|",
            "errorCodes": {"400": [{"errorCode": "Invalid.Period", "errorMessage": "The period is not valid."}]}
        });
        let expected = json!([
            {"code": "NotFoundPackage", "description": "No plan was bought.", "http_status": 404},
            {"code": "Invalid.Period", "description": "The period is not valid.", "http_status": 400},
        ]);
        assert_reads(api, expected, 2);
    }

    #[test]
    fn follows_the_header_layout() {
        let table = "| 错误代码 | 错误信息 | HTTP 状态码 | 说明 |\n| --- | --- | --- | --- |\n| Invalid.Name | The name is bad. | 400 | 名称无效。 |\n| Other | | 500 | |";
        let named =
            json!({"code": "Invalid.Name", "description": "名称无效。", "http_status": 400});
        let empty = json!({"code": "Other", "description": "No description.", "http_status": 500});
        assert_reads(json!({ "extraInfo": table }), json!([named, empty]), 0);
    }

    #[test]
    fn keeps_template_codes_and_trims_what_follows_a_code() {
        let api = json!({ "errorCodes": { "400": [
            {"errorCode": "Invalid%s.ValueNotSupported", "errorMessage": "The %s is not supported."},
            {"errorCode": "%sServiceRisked", "errorMessage": "Your %s service is risked."},
            {"errorCode": "InvalidRule.Malformed\t\t", "errorMessage": "Bad rule."},
            {"errorCode": "-124", "errorMessage": "Not yours."}
        ] } });
        let expected = json!([
            {"code": "Invalid%s.ValueNotSupported", "description": "The %s is not supported.", "http_status": 400},
            {"code": "%sServiceRisked", "description": "Your %s service is risked.", "http_status": 400},
            {"code": "InvalidRule.Malformed", "description": "Bad rule.", "http_status": 400},
        ]);
        assert_reads(api, expected, 1);
    }
}
