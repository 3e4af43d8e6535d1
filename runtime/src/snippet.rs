//! Bounded, redacted excerpts of response bodies, for error messages about
//! answers that could not be understood.

/// Longest part of a response body kept in errors.
pub const SNIPPET_LIMIT: usize = 256;

/// The `RequestId` field of a JSON object, if it has one; for error messages
/// about answers that could not be decoded otherwise.
pub(crate) fn request_id_in(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Id {
        #[serde(rename = "RequestId")]
        request_id: Option<String>,
    }
    serde_json::from_slice::<Id>(body).ok()?.request_id
}

/// The start of a body for an error message, at most `SNIPPET_LIMIT` bytes,
/// cut on a character boundary, with secrets the answer may carry redacted:
/// a response that failed to decode can still hold a private key or a
/// password (certificate downloads do). `secret_fields` names the fields
/// the answer's action declares secret, beyond [`SECRET_NAMES`].
pub(crate) fn snippet(body: &[u8], secret_fields: &[&str]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_LIMIT)]);
    bounded(redact_secrets(&text, secret_fields))
}

/// `text` cut to `SNIPPET_LIMIT` bytes: `[redacted]` may be longer than
/// what it replaced.
fn bounded(mut text: String) -> String {
    while text.len() > SNIPPET_LIMIT {
        text.pop();
    }
    text
}

/// Field names whose string values are secret, as the vendors name them
/// (`PrivateKey`, `KeyPassword`, `AccessKeySecret`, `SecretKey`, `Token`…).
const SECRET_NAMES: &[&str] = &["privatekey", "password", "secret", "token"];

const REDACTED: &str = "[redacted]";

/// A decoder's message without the values it quotes: serde names a wrong
/// value in double quotes (`invalid type: string "…", expected u64`), and a
/// value in the wrong place may be a secret. Field names, in backticks, stay.
pub(crate) fn without_quoted_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut escaped = false;
    for c in message.chars() {
        match c {
            // serde writes the value with `{:?}`: a quote inside it is `\"`.
            _ if quoted && escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' if quoted => {
                out.push_str("…\"");
                quoted = false;
            }
            '"' => {
                out.push('"');
                quoted = true;
            }
            _ if !quoted => out.push(c),
            _ => {}
        }
    }
    if quoted {
        out.push('…');
    }
    out
}

/// A snippet made without knowing the action, with the values of the
/// action's secret fields redacted too.
pub(crate) fn redact_fields(snippet: &str, secret_fields: &[&str]) -> String {
    bounded(redact_secrets(snippet, secret_fields))
}

/// Replaces PEM private-key blocks, and the string values of fields named
/// like secrets, with `[redacted]`; a block or value cut off by the snippet's
/// end is redacted to the end.
fn redact_secrets(text: &str, secret_fields: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = next_secret(rest, secret_fields) {
        let (before, secret) = rest.split_at(at);
        out.push_str(before);
        out.push_str(REDACTED);
        rest = &secret[secret_len(secret)..];
    }
    out.push_str(rest);
    out
}

/// Where the next secret starts: a PEM private-key block, or the value
/// (after its opening quote) of a field named like a secret.
fn next_secret(text: &str, secret_fields: &[&str]) -> Option<usize> {
    let pem = text.match_indices("-----BEGIN ").find_map(|(at, begin)| {
        let label = &text[at + begin.len()..];
        let label = &label[..label.find("-----")?];
        (label.len() <= 64 && label.contains("PRIVATE KEY")).then_some(at)
    });
    let field = text.match_indices('"').find_map(|(at, _)| {
        let name_end = text[at + 1..].find('"')? + at + 1;
        let raw_name = &text[at + 1..name_end];
        let name = raw_name.to_ascii_lowercase();
        if !SECRET_NAMES.iter().any(|secret| name.contains(secret))
            && !secret_fields.contains(&raw_name)
        {
            return None;
        }
        let after = text[name_end + 1..].trim_start();
        let value = after.strip_prefix(':')?.trim_start().strip_prefix('"')?;
        Some(text.len() - value.len())
    });
    match (pem, field) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The length of the secret at the start of `text`: a PEM block through its
/// `-----END …-----` line, or a JSON string through its closing quote (kept).
fn secret_len(text: &str) -> usize {
    if text.starts_with("-----BEGIN ") {
        return match text.find("-----END ") {
            Some(end) => {
                let tail = &text[end + "-----END ".len()..];
                end + "-----END ".len() + tail.find("-----").map_or(tail.len(), |i| i + 5)
            }
            None => text.len(),
        };
    }
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i,
            _ => escaped = false,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_redact_private_keys_and_secret_fields() {
        let body = r#"{"Response":{"CertificatePrivateKey":"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----","KeyPassword":"pa\"ss","Name":"web","CertificatePublicKey":"-----BEGIN CERTIFICATE-----\nMIIB"#;
        let shown = snippet(body.as_bytes(), &[]);
        assert!(
            !shown.contains("MIIEow") && !shown.contains("pa\\\"ss"),
            "{shown}"
        );
        assert!(
            shown.contains(r#""KeyPassword":"[redacted]","Name":"web""#),
            "{shown}"
        );
        assert!(
            shown.contains("BEGIN CERTIFICATE-----\\nMIIB"),
            "certificates stay: {shown}"
        );
        let pem = "text -----BEGIN PRIVATE KEY-----\nMIIEv (cut off)";
        assert_eq!(snippet(pem.as_bytes(), &[]), "text [redacted]");
        let wide = "-----BEGIN ".to_owned() + &"鍵".repeat(30) + " PRIVATE KEY-----x";
        assert_eq!(
            snippet(wide.as_bytes(), &[]),
            wide[..wide.len().min(SNIPPET_LIMIT)]
        );
        let cut = r#"{"SecretKey": "abc"#;
        assert_eq!(snippet(cut.as_bytes(), &[]), r#"{"SecretKey": "[redacted]"#);
    }

    #[test]
    fn fields_the_action_declares_secret_are_redacted_by_exact_name() {
        let body = r#"{"Response":{"Content":"UEsDBBQACAgI","ContentType":"application/zip"}}"#;
        let shown = snippet(body.as_bytes(), &["Content"]);
        assert_eq!(
            shown,
            r#"{"Response":{"Content":"[redacted]","ContentType":"application/zip"}}"#
        );
        assert!(snippet(body.as_bytes(), &[]).contains("UEsDBBQACAgI"));
        // Cut off inside the value, then redacted once the action is known.
        let cut = snippet(br#"{"Response":{"Content":"UEsDBBQA"#, &[]);
        assert_eq!(
            redact_fields(&cut, &["Content"]),
            r#"{"Response":{"Content":"[redacted]"#
        );
    }

    #[test]
    fn decoder_messages_lose_the_values_they_quote() {
        assert_eq!(
            without_quoted_values(
                r#"invalid type: string "s3cr3t", expected u64 at line 1 column 9"#
            ),
            r#"invalid type: string "…", expected u64 at line 1 column 9"#
        );
        assert_eq!(
            without_quoted_values("missing field `Content` at line 1 column 2"),
            "missing field `Content` at line 1 column 2"
        );
        assert_eq!(without_quoted_values(r#"cut "abc"#), r#"cut "…"#);
        // A quote inside the value is escaped by serde; the value still ends at its own quote.
        assert_eq!(
            without_quoted_values(r#"invalid type: string "pa\"ss\\", expected u64"#),
            r#"invalid type: string "…", expected u64"#
        );
    }

    #[test]
    fn snippets_are_bounded_and_valid_utf8() {
        let body = "数".repeat(200);
        let s = snippet(body.as_bytes(), &[]);
        assert!(s.len() <= SNIPPET_LIMIT);
        assert!(snippet(b"", &[]).is_empty());
    }
}
