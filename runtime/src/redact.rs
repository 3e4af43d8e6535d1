//! What of a URL may be shown in messages, errors and `Debug` output: never
//! its user information, query or fragment, where keys and tokens travel.

/// A URL without user information, query or fragment, for messages. Text
/// that is not a URL with a host is not shown, except what follows its last
/// `@` (where a proxy-style `user:password@` ends).
pub(crate) fn shown_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) if parsed.has_host() => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.set_query(None);
            parsed.set_fragment(None);
            parsed.to_string()
        }
        _ => match url.rfind('@') {
            Some(at) => {
                let host = url[at + 1..].split(['?', '#']).next().unwrap_or_default();
                format!("***@{host}")
            }
            None => "(not a URL)".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_secrets() {
        assert_eq!(
            shown_url("http://user:pw@127.0.0.1:8080/creds?token=abc#x"),
            "http://127.0.0.1:8080/creds"
        );
        assert_eq!(shown_url("::"), "(not a URL)");
        assert_eq!(shown_url("admin:pw@proxy:8080"), "***@proxy:8080");
        assert_eq!(shown_url("https://u:p/w@host/?t=1"), "***@host/");
    }
}
