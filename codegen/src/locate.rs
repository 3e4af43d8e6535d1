//! Between JSON paths and places in a file's text: where `$.input[3].type`
//! is (line and column), and which JSON path a position is in.
//!
//! serde_json knows a position only for the problems it finds while parsing;
//! problems found later (validate and model stages) know their JSON path
//! only, so the path is looked up here in the text that was loaded.
//!
//! The text is read with a small scanner rather than a JSON parser crate:
//! it must also outline text that is *not* valid JSON (a syntax error
//! deep in a file still has a well-formed prefix whose structure names the
//! error's path), and it is run only when something is reported. It is
//! lenient on purpose: it never decides whether the text is valid (serde
//! does that), it only finds where values are.
//!
//! Positions are 1-based; columns count characters (Unicode scalar
//! values), not bytes, so a position after Chinese text in a description
//! is where an editor puts the cursor.

/// How a value is named by its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Name {
    Root,
    Key(String),
    Index(usize),
}

/// One value of the text.
#[derive(Debug)]
struct Node {
    /// Byte range of the value. A container the text never closes ends
    /// after the end of the text, so that a position at the very end is
    /// inside it.
    start: usize,
    end: usize,
    name: Name,
    parent: Option<usize>,
    /// Indices of the member or element nodes, in text order.
    children: Vec<usize>,
}

/// The values of one JSON text and where each one is.
///
/// Nodes live in one flat list (children by index): a file nested thousands
/// of levels deep must neither overflow the stack while being read nor
/// while being dropped.
#[derive(Debug)]
pub struct Outline<'t> {
    text: &'t str,
    nodes: Vec<Node>,
}

/// What the scanner expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (at the top, after `:`, or after `,` in an array).
    Value,
    /// An element or `]`, right after `[`.
    ElementOrClose,
    /// A key or `}`, after `{` or after `,` in an object.
    KeyOrClose,
    /// `:` after a key.
    Colon,
    /// `,` or the closing bracket of the innermost container.
    CommaOrClose,
}

impl<'t> Outline<'t> {
    /// Reads the structure of `text`, as far as it is well-formed.
    pub fn new(text: &'t str) -> Self {
        let mut outline = Outline {
            text,
            nodes: Vec::new(),
        };
        outline.scan();
        outline
    }

    fn scan(&mut self) {
        let bytes = self.text.as_bytes();
        let mut open: Vec<usize> = Vec::new();
        let mut key: Option<String> = None;
        let mut expect = Expect::Value;
        let mut at = 0;
        loop {
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let Some(&byte) = bytes.get(at) else { break };
            match (expect, byte) {
                (Expect::ElementOrClose | Expect::KeyOrClose, b']' | b'}')
                | (Expect::CommaOrClose, b']' | b'}') => {
                    // A trailing comma is tolerated: serde reports it, and the
                    // structure around it is still clear.
                    let Some(node) = open.pop() else { break };
                    self.nodes[node].end = at + 1;
                    at += 1;
                    if open.is_empty() {
                        break; // the top-level value is complete
                    }
                    expect = Expect::CommaOrClose;
                }
                (Expect::CommaOrClose, b',') => {
                    at += 1;
                    expect = match open.last().map(|&n| self.is_object(n)) {
                        Some(true) => Expect::KeyOrClose,
                        _ => Expect::Value,
                    };
                }
                (Expect::KeyOrClose, b'"') => {
                    let end = string_end(bytes, at);
                    key = Some(decode_key(&self.text[at..end]));
                    at = end;
                    expect = Expect::Colon;
                }
                (Expect::Colon, b':') => {
                    at += 1;
                    expect = Expect::Value;
                }
                (Expect::Value | Expect::ElementOrClose, _) => {
                    let name = match open.last() {
                        None => Name::Root,
                        Some(&parent) => match key.take() {
                            Some(key) => Name::Key(key),
                            None => Name::Index(self.nodes[parent].children.len()),
                        },
                    };
                    let end = match byte {
                        b'{' | b'[' => None,
                        b'"' => Some(string_end(bytes, at)),
                        b',' | b':' | b']' | b'}' => break, // no value where one belongs
                        _ => Some(scalar_end(bytes, at)),
                    };
                    let node = self.push(at, end.unwrap_or(usize::MAX), name, open.last().copied());
                    match end {
                        None => {
                            open.push(node);
                            at += 1;
                            expect = if byte == b'{' {
                                Expect::KeyOrClose
                            } else {
                                Expect::ElementOrClose
                            };
                        }
                        Some(end) => {
                            at = end;
                            if open.is_empty() {
                                break;
                            }
                            expect = Expect::CommaOrClose;
                        }
                    }
                }
                // Anything else: the text is broken here; what was read stands.
                _ => break,
            }
        }
        let past_the_end = self.text.len() + 1;
        for node in open {
            self.nodes[node].end = past_the_end;
        }
    }

    fn push(&mut self, start: usize, end: usize, name: Name, parent: Option<usize>) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            start,
            end,
            name,
            parent,
            children: Vec::new(),
        });
        if let Some(parent) = parent {
            self.nodes[parent].children.push(id);
        }
        id
    }

    fn is_object(&self, node: usize) -> bool {
        self.text.as_bytes()[self.nodes[node].start] == b'{'
    }

    /// The byte offset where the value at `json_path` (as the stages write
    /// it: `$`, `.key`, `[index]`) starts. If the text has no such value, the
    /// offset of its deepest ancestor that it has, with `exact` false; `None`
    /// if the text holds no value at all.
    pub fn find(&self, json_path: &str) -> Option<Found> {
        let mut node = 0;
        self.nodes.first()?;
        let mut rest = json_path.strip_prefix('$').unwrap_or(json_path);
        while !rest.is_empty() {
            let next = if let Some(after) = rest.strip_prefix('[') {
                self.element(node, after)
            } else if let Some(after) = rest.strip_prefix('.') {
                self.member(node, after)
            } else {
                None
            };
            let Some((child, after)) = next else {
                return Some(Found {
                    offset: self.nodes[node].start,
                    exact: false,
                });
            };
            node = child;
            rest = after;
        }
        Some(Found {
            offset: self.nodes[node].start,
            exact: true,
        })
    }

    /// The element `[i]` of an array, and the rest of the path after it.
    fn element<'p>(&self, node: usize, after_bracket: &'p str) -> Option<(usize, &'p str)> {
        let (digits, rest) = after_bracket.split_once(']')?;
        let index: usize = digits.parse().ok()?;
        let child = *self.nodes[node].children.get(index)?;
        (self.nodes[child].name == Name::Index(index)).then_some((child, rest))
    }

    /// The member `.key` of an object, and the rest of the path after it.
    /// Keys may themselves contain `.` or `[`, so the longest key that the
    /// path continues with wins; of equal keys the last, as serde_json keeps
    /// the last of duplicate keys in a map.
    fn member<'p>(&self, node: usize, after_dot: &'p str) -> Option<(usize, &'p str)> {
        let mut best: Option<(usize, &'p str, usize)> = None;
        for &child in &self.nodes[node].children {
            let Name::Key(key) = &self.nodes[child].name else {
                continue;
            };
            let Some(rest) = after_dot.strip_prefix(key.as_str()) else {
                continue;
            };
            let ends_segment = rest.is_empty() || rest.starts_with(['.', '[']);
            if ends_segment && best.is_none_or(|(_, _, len)| key.len() >= len) {
                best = Some((child, rest, key.len()));
            }
        }
        best.map(|(child, rest, _)| (child, rest))
    }

    /// The JSON path of the deepest value that contains byte `offset` (an
    /// offset at or past the end counts as the last byte); `None` if the
    /// text holds no value, or the offset is outside it.
    pub fn path_at(&self, offset: usize) -> Option<String> {
        let offset = offset.min(self.text.len().saturating_sub(1));
        let contains = |n: usize| self.nodes[n].start <= offset && offset < self.nodes[n].end;
        let mut node = 0;
        if self.nodes.is_empty() || !contains(node) {
            return None;
        }
        // Children are in text order and do not overlap: at most one contains the offset.
        while let Some(&child) = self.nodes[node].children.iter().find(|&&c| contains(c)) {
            node = child;
        }
        let mut names = Vec::new();
        let mut at = Some(node);
        while let Some(n) = at {
            names.push(&self.nodes[n].name);
            at = self.nodes[n].parent;
        }
        let mut path = String::from("$");
        for name in names.into_iter().rev() {
            match name {
                Name::Root => {}
                Name::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Name::Index(index) => path.push_str(&format!("[{index}]")),
            }
        }
        Some(path)
    }
}

/// Where [`Outline::find`] found a JSON path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte offset of the value, or of its deepest ancestor in the text.
    pub offset: usize,
    /// Whether the value itself is in the text.
    pub exact: bool,
}

/// The byte just after the string starting at `start` (a `"`), or the end of
/// the text if it is never closed.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

/// The byte just after a number or literal (`true`, `null`, or anything
/// else that is not a string or a bracket) starting at `start`.
fn scalar_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while at < bytes.len()
        && !bytes[at].is_ascii_whitespace()
        && !matches!(bytes[at], b',' | b':' | b'[' | b']' | b'{' | b'}' | b'"')
    {
        at += 1;
    }
    at
}

/// A key as serde sees it (escapes decoded); a key with a broken escape is
/// taken as written, which is the best name there is for it.
fn decode_key(quoted: &str) -> String {
    serde_json::from_str(quoted).unwrap_or_else(|_| {
        let inner = quoted.strip_prefix('"').unwrap_or(quoted);
        inner.strip_suffix('"').unwrap_or(inner).to_string()
    })
}

/// The 1-based line and column (in characters) of byte `offset` of `text`;
/// an offset past the end is the end, one inside a character is that
/// character.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
    (line, 1 + before[line_start..].chars().count())
}

/// The byte offset of a position as serde_json reports it: its column
/// counts the bytes of the line up to and including the last one it read
/// (0 when it read none of that line).
pub fn serde_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTION: &str = r#"{
  "name": "Create",
  "input": [
    { "name": "Id", "type": "int64" },
    {
      "name": "Tags",
      "type": { "array": { "ref": "Tag" } },
      "enum": { "values": [ { "value": 3 }, { "value": "证书" } ] }
    }
  ],
  "a.b": { "c": true },
  "a": { "b": null }
}
"#;

    /// Line and column of the value at `path`, and whether it is exact.
    fn at(text: &str, path: &str) -> ((usize, usize), bool) {
        let found = Outline::new(text).find(path).unwrap();
        (line_column(text, found.offset), found.exact)
    }

    #[test]
    fn finds_values_by_path() {
        assert_eq!(at(ACTION, "$"), ((1, 1), true));
        assert_eq!(at(ACTION, "$.name"), ((2, 11), true));
        assert_eq!(at(ACTION, "$.input"), ((3, 12), true));
        assert_eq!(at(ACTION, "$.input[0]"), ((4, 5), true));
        assert_eq!(at(ACTION, "$.input[0].type"), ((4, 29), true));
        assert_eq!(at(ACTION, "$.input[1]"), ((5, 5), true));
        assert_eq!(at(ACTION, "$.input[1].type.array.ref"), ((7, 35), true));
        assert_eq!(
            at(ACTION, "$.input[1].enum.values[1].value"),
            ((8, 56), true)
        );
    }

    #[test]
    fn a_missing_value_is_found_at_its_deepest_ancestor() {
        assert_eq!(at(ACTION, "$.input[1].constraints"), ((5, 5), false));
        assert_eq!(at(ACTION, "$.input[7].name"), ((3, 12), false));
        assert_eq!(at(ACTION, "$.output"), ((1, 1), false));
        assert_eq!(at(ACTION, "$.name.first"), ((2, 11), false));
        assert_eq!(at(ACTION, "$.input.name"), ((3, 12), false));
        assert_eq!(at(ACTION, "$.input[x]"), ((3, 12), false));
    }

    #[test]
    fn keys_with_dots_and_escapes_are_matched_whole() {
        // `a.b` is a key of its own; `$.a.b` must not stop at `a`.
        assert_eq!(at(ACTION, "$.a.b.c"), ((11, 17), true));
        assert_eq!(at(ACTION, "$.a.b"), ((11, 10), true));
        let text = r#"{"t\u0061g": 1, "$schema": 2}"#;
        assert_eq!(at(text, "$.tag"), ((1, 14), true));
        assert_eq!(at(text, "$.$schema"), ((1, 28), true));
    }

    #[test]
    fn the_last_of_duplicate_keys_is_found() {
        assert_eq!(at(r#"{"a": 1, "a": 2}"#, "$.a"), ((1, 15), true));
    }

    /// The byte offset of a 1-based line and column (in characters).
    fn offset(text: &str, line: usize, column: usize) -> usize {
        let start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        start + text[start..].char_indices().nth(column - 1).unwrap().0
    }

    #[test]
    fn a_position_names_the_deepest_value_containing_it() {
        let outline = Outline::new(ACTION);
        let path_at = |line, column| outline.path_at(offset(ACTION, line, column)).unwrap();
        assert_eq!(path_at(1, 1), "$");
        assert_eq!(path_at(2, 13), "$.name");
        // Between members: the object holding them.
        assert_eq!(path_at(4, 20), "$.input[0]");
        assert_eq!(path_at(4, 35), "$.input[0].type");
        assert_eq!(path_at(7, 37), "$.input[1].type.array.ref");
        assert_eq!(path_at(7, 40), "$.input[1].type.array");
        assert_eq!(path_at(8, 56), "$.input[1].enum.values[1].value");
        assert_eq!(path_at(11, 3), "$");
        assert_eq!(path_at(11, 18), "$.a.b.c");
        // Past the end counts as the last byte: the newline after the root value.
        assert_eq!(outline.path_at(usize::MAX), None);
    }

    #[test]
    fn broken_text_is_outlined_as_far_as_it_goes() {
        // A trailing comma in an element: the element still contains the `}`.
        let text = "{\"input\": [{\"name\": \"A\"}, {\"name\": \"B\", }]}";
        let outline = Outline::new(text);
        assert_eq!(
            outline.path_at(text.find(", }").unwrap() + 2).unwrap(),
            "$.input[1]"
        );
        // An unquoted key: everything open at that point contains it.
        let text = "{\"input\": [{\"name\": \"A\"}, {name: \"B\"}]}";
        let outline = Outline::new(text);
        assert_eq!(
            outline.path_at(text.find("name:").unwrap()).unwrap(),
            "$.input[1]"
        );
        // The end of a truncated file is inside the value that was being read.
        let text = "{\n  \"name\": \"Create";
        assert_eq!(Outline::new(text).path_at(text.len()).unwrap(), "$.name");
        let text = "{\"input\": [{\"na";
        assert_eq!(
            Outline::new(text).path_at(text.len()).unwrap(),
            "$.input[0]"
        );
        assert_eq!(at(text, "$.input[0].name"), ((1, 12), false));
    }

    #[test]
    fn text_without_a_value_has_no_path() {
        for text in ["", "  \n", "]", ":", "}{"] {
            let outline = Outline::new(text);
            assert_eq!(outline.find("$"), None, "{text:?}");
            assert_eq!(outline.path_at(0), None, "{text:?}");
        }
        // Garbage is one scalar value: its start is the start.
        assert_eq!(at("<html>", "$"), ((1, 1), true));
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_is_slow() {
        let depth = 200_000;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let outline = Outline::new(&text);
        let path = outline.path_at(depth - 1).unwrap();
        assert_eq!(path.len(), 1 + 3 * (depth - 1));
        assert_eq!(outline.find(&path).unwrap().offset, depth - 1);
        drop(outline);
        let text = "{\"a\":".repeat(depth);
        assert_eq!(
            Outline::new(&text).path_at(text.len()).unwrap().len(),
            1 + 2 * (depth - 1)
        );
    }

    #[test]
    fn columns_count_characters_and_serde_columns_count_bytes() {
        let text = "{\n  \"说明\": \"证书\", \"x\": 1\n}";
        let offset = text.find("\"x\"").unwrap();
        assert_eq!(line_column(text, offset), (2, 15));
        // serde_json says column 25 for the last byte of `"x"` (its closing quote).
        assert_eq!(serde_offset(text, 2, 25), offset + 2);
        assert_eq!(line_column(text, serde_offset(text, 2, 25)), (2, 17));
        // Column 0: nothing of that line was read.
        assert_eq!(serde_offset(text, 3, 0), text.len() - 1);
        // Out of range positions are clamped, never a panic.
        assert_eq!(serde_offset(text, 99, 99), text.len());
        assert_eq!(line_column(text, usize::MAX), (3, 2));
        assert_eq!(line_column(text, text.find('书').unwrap() + 1), (2, 11));
    }

    #[test]
    fn agrees_with_serde_on_where_it_stopped() {
        // For a wrong value, serde stops on the value's last byte: that byte's
        // path is the path serde_path_to_error reports.
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": true\n}";
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct B {
            b: u32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            a: (u32, B),
            c: bool,
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        let error = serde_path_to_error::deserialize::<_, Doc>(de).unwrap_err();
        assert_eq!(error.path().to_string(), "a[1].b");
        let inner = error.into_inner();
        let offset = serde_offset(text, inner.line(), inner.column());
        assert_eq!(Outline::new(text).path_at(offset).unwrap(), "$.a[1].b");
    }
}
