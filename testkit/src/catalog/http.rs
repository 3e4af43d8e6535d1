//! How a REST (Alibaba ROA) action is bound to HTTP: its method, its path template and where
//! each member travels, read from the spec's `http` and `location` with this crate's own
//! code, and the matching of a received path against the template.

use percent_encoding::percent_decode_str;
use serde_json::Value;

use super::location::Location;
use super::types::Field;

/// One part of a path template: text sent as it is, or a member's encoded value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(String),
    Member(String),
}

/// A path template such as `/2023-03-30/custom-domains/{domainName}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PathTemplate {
    /// The template as the spec writes it, for messages.
    pub(crate) text: String,
    parts: Vec<Part>,
}

impl PathTemplate {
    /// Parses a template: it starts with `/`, every `{` is closed and names a member.
    pub(crate) fn parse(text: &str) -> Result<PathTemplate, String> {
        if !text.starts_with('/') {
            return Err(format!("the path `{text}` does not start with `/`"));
        }
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find('{') {
            let end = rest[start..]
                .find('}')
                .map(|i| start + i)
                .ok_or_else(|| format!("the path `{text}` has an unclosed `{{`"))?;
            let name = &rest[start + 1..end];
            if name.is_empty() {
                return Err(format!("the path `{text}` has an unnamed `{{}}`"));
            }
            if start > 0 {
                parts.push(Part::Literal(rest[..start].to_owned()));
            }
            // Two members side by side could split their text anywhere: no such template is
            // matched reliably, so none is accepted.
            if matches!(parts.last(), Some(Part::Member(_))) {
                return Err(format!("the path `{text}` has two members side by side"));
            }
            parts.push(Part::Member(name.to_owned()));
            rest = &rest[end + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(PathTemplate {
            text: text.to_owned(),
            parts,
        })
    }

    /// The members of a received path, as sent (still percent-encoded), when the path has
    /// the template's form: each literal part exactly, each member within one segment (the
    /// client encodes a `/` in a value as `%2F`). A member may be empty (the client left it
    /// out); `None` when the path is not of this template.
    pub(crate) fn match_raw<'p>(&self, path: &'p str) -> Option<Vec<(&str, &'p str)>> {
        let mut members = Vec::new();
        let mut rest = path;
        let mut parts = self.parts.iter().peekable();
        while let Some(part) = parts.next() {
            match part {
                Part::Literal(text) => rest = rest.strip_prefix(text.as_str())?,
                Part::Member(name) => {
                    let segment_end = rest.find('/').unwrap_or(rest.len());
                    // The member ends where the next literal starts within its segment (the
                    // first place, as a value's own text is encoded and rarely holds it), or
                    // at the segment's end.
                    let end = match parts.peek() {
                        Some(Part::Literal(next)) => {
                            let stop = next.split('/').next().unwrap_or_default();
                            if stop.is_empty() {
                                segment_end
                            } else {
                                rest[..segment_end].find(stop)?
                            }
                        }
                        _ => segment_end,
                    };
                    members.push((name.as_str(), &rest[..end]));
                    rest = &rest[end..];
                }
            }
        }
        rest.is_empty().then_some(members)
    }
}

/// Percent-decodes a member of a path; `None` when the bytes are not UTF-8 text.
pub(crate) fn decode_segment(raw: &str) -> Option<String> {
    percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(|text| text.into_owned())
}

/// A REST action's binding: method, path, and where its answer's members travel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HttpBinding {
    /// Uppercase, as HTTP spells it.
    pub(crate) method: String,
    pub(crate) path: PathTemplate,
    /// The outputs that do not travel in the JSON body: header members and the payload.
    pub(crate) outputs: Vec<(String, Location)>,
    /// Whether the answer has a member in the JSON body at all.
    pub(crate) body_output: bool,
}

impl HttpBinding {
    /// Parses an action's `http` object; `None` when the action has none.
    pub(crate) fn parse(value: Option<&Value>, outputs: &[Field]) -> Result<Option<Self>, String> {
        let Some(http) = value.filter(|v| !v.is_null()) else {
            return Ok(None);
        };
        let method = http
            .get("method")
            .and_then(Value::as_str)
            .ok_or("`http` without a string `method`")?;
        let known = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];
        if !known.contains(&method) {
            return Err(format!("`http.method` is not an HTTP method: `{method}`"));
        }
        let path = http
            .get("path")
            .and_then(Value::as_str)
            .ok_or("`http` without a string `path`")?;
        Ok(Some(HttpBinding {
            method: method.to_owned(),
            path: PathTemplate::parse(path)?,
            outputs: outputs
                .iter()
                .filter(|f| f.location != Location::Body)
                .map(|f| (f.name.clone(), f.location))
                .collect(),
            body_output: outputs.iter().any(|f| f.location == Location::Body),
        }))
    }

    /// The output sent as the whole body, if any.
    pub(crate) fn payload_output(&self) -> Option<&str> {
        self.outputs
            .iter()
            .find(|(_, l)| *l == Location::Payload)
            .map(|(name, _)| name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(text: &str) -> PathTemplate {
        PathTemplate::parse(text).expect("parses")
    }

    #[test]
    fn a_path_matches_its_template_and_gives_the_members_as_sent() {
        let t = template("/2023-03-30/custom-domains/{domainName}");
        assert_eq!(
            t.match_raw("/2023-03-30/custom-domains/a%20b%2Fc.example.com"),
            Some(vec![("domainName", "a%20b%2Fc.example.com")])
        );
        assert_eq!(
            decode_segment("a%20b%2Fc.example.com").as_deref(),
            Some("a b/c.example.com")
        );
        // An empty member matches: the parameter check then says it is missing.
        assert_eq!(
            t.match_raw("/2023-03-30/custom-domains/"),
            Some(vec![("domainName", "")])
        );
        for other in [
            "/2023-03-30/custom-domains",
            "/2023-03-30/custom-domains/a/b",
            "/2023-03-30/functions/a",
            "/",
        ] {
            assert_eq!(t.match_raw(other), None, "{other}");
        }
    }

    #[test]
    fn members_between_literals_and_inside_a_segment() {
        let t = template("/fn/{name}/versions/{id}.json");
        assert_eq!(
            t.match_raw("/fn/f%2F1/versions/7.json"),
            Some(vec![("name", "f%2F1"), ("id", "7")])
        );
        assert_eq!(t.match_raw("/fn/f/versions/7.xml"), None);
        assert_eq!(decode_segment("%FF"), None, "not UTF-8");
    }

    #[test]
    fn broken_templates_and_bindings_are_errors() {
        for bad in ["no-slash", "/a/{b", "/a/{}", "/a/{b}{c}"] {
            assert!(PathTemplate::parse(bad).is_err(), "{bad}");
        }
        let http = serde_json::json!({"method": "FETCH", "path": "/a"});
        assert!(HttpBinding::parse(Some(&http), &[]).is_err());
        assert_eq!(HttpBinding::parse(None, &[]), Ok(None));
        assert!(Location::parse(Some(&serde_json::json!("cookie"))).is_err());
        assert_eq!(Location::parse(None), Ok(Location::Body));
    }
}
