//! Facts the vendor's Go SDK records and its other metadata does not: which
//! error codes each action may return (the comment above each client
//! method in `client.go`), and a description of every code of the product
//! (`errors.go`, in Chinese).
//!
//! ```text
//! // 可能返回的错误码:
//! //  FAILEDOPERATION_DOMAINISLOCKED = "FailedOperation.DomainIsLocked"
//! func (c *Client) CreateRecord(request *CreateRecordRequest) (response *CreateRecordResponse, err error) {
//! ```
//!
//! The SDK is not a package this project can download, so these are read
//! from a checkout and recorded in the product's overlays (`cargo xtask
//! import-go-errors`), which every later import keeps.

use std::collections::BTreeMap;

use codegen::load::raw::ErrorCodeSpec;

/// Each action's error codes, by action name, in the file's order.
pub fn action_errors(client_go: &str) -> BTreeMap<String, Vec<String>> {
    let mut actions = BTreeMap::new();
    let mut codes: Vec<String> = Vec::new();
    let mut listing = false;
    for line in client_go.lines() {
        let line = line.trim_end();
        if line.starts_with("// 可能返回的错误码") {
            listing = true;
            codes.clear();
            continue;
        }
        if listing && let Some(entry) = line.strip_prefix("//  ") {
            if let Some((_, value)) = entry.split_once('=') {
                let code = value.trim().trim_matches('"');
                if !code.is_empty() && !codes.iter().any(|c| c == code) {
                    codes.push(code.to_string());
                }
            }
            continue;
        }
        listing = false;
        // Only the plain method: `…WithContext` repeats the same list.
        if let Some(rest) = line.strip_prefix("func (c *Client) ")
            && let Some((name, _)) = rest.split_once("(request ")
            && !name.ends_with("WithContext")
            && !codes.is_empty()
        {
            actions.insert(name.to_string(), std::mem::take(&mut codes));
        }
        if !line.starts_with("//") {
            codes.clear();
        }
    }
    actions
}

/// Every code of `errors.go` with the comment above it.
pub fn error_descriptions(errors_go: &str) -> Vec<ErrorCodeSpec> {
    super::errorcodes::parse_commented(errors_go, "//")
        .into_iter()
        // The file's first comment heads the constant block, not a code.
        .map(|mut code| {
            if let Some(rest) = code.description.strip_prefix("此产品的特有错误码") {
                code.description = rest.trim().to_string();
            }
            code
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLIENT: &str = r#"
// CreateRecord
// 添加记录
//
// 可能返回的错误码:
//  FAILEDOPERATION = "FailedOperation"
//  INVALIDPARAMETER_DOMAININVALID = "InvalidParameter.DomainInvalid"
func (c *Client) CreateRecord(request *CreateRecordRequest) (response *CreateRecordResponse, err error) {
    return c.CreateRecordWithContext(context.Background(), request)
}

// CreateRecord
// 可能返回的错误码:
//  FAILEDOPERATION = "FailedOperation"
func (c *Client) CreateRecordWithContext(ctx context.Context, request *CreateRecordRequest) (response *CreateRecordResponse, err error) {
}

// DescribeNothing
// 没有错误码
func (c *Client) DescribeNothing(request *DescribeNothingRequest) (response *DescribeNothingResponse, err error) {
}
"#;

    #[test]
    fn each_method_takes_the_codes_listed_above_it() {
        let actions = action_errors(CLIENT);
        assert_eq!(
            actions.get("CreateRecord").map(Vec::as_slice),
            Some(
                &[
                    "FailedOperation".to_string(),
                    "InvalidParameter.DomainInvalid".to_string()
                ][..]
            )
        );
        assert_eq!(actions.len(), 1, "{actions:?}");
    }

    #[test]
    fn codes_take_their_comment() {
        let errors = "package v20210323\n\nconst (\n\t// 此产品的特有错误码\n\n\t// CAM签名/鉴权错误。\n\tAUTHFAILURE = \"AuthFailure\"\n\n\t// 操作失败。\n\tFAILEDOPERATION = \"FailedOperation\"\n)\n";
        let codes = error_descriptions(errors);
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].code, "AuthFailure");
        assert_eq!(codes[0].description, "CAM签名/鉴权错误。");
        assert_eq!(codes[1].description, "操作失败。");
    }
}
