//! Printing answers: `--query` (JMESPath) first, then the format of
//! `--output`: JSON (pretty on a terminal, compact otherwise), JSON lines,
//! a table, or tab-separated text.

use std::io::{IsTerminal, Write};

use clap::ArgMatches;
use comfy_table::Table;
use serde_json::Value;

use crate::failure::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    JsonLines,
    Table,
    Text,
}

/// How answers are printed.
pub struct Output {
    format: Format,
    query: Option<jmespath::Expression<'static>>,
    pretty: bool,
}

impl Output {
    pub fn from_matches(matches: &ArgMatches) -> Result<Output, Failure> {
        let format = match matches.get_one::<String>("output").map(String::as_str) {
            Some("json-lines") => Format::JsonLines,
            Some("table") => Format::Table,
            Some("text") => Format::Text,
            _ => Format::Json,
        };
        let query = match matches.get_one::<String>("query") {
            Some(expression) => Some(
                jmespath::compile(expression)
                    .map_err(|e| Failure::Usage(format!("--query: {e}")))?,
            ),
            None => None,
        };
        Ok(Output {
            format,
            query,
            pretty: std::io::stdout().is_terminal(),
        })
    }

    /// Whether items of a listing are printed one by one as they come.
    pub fn streams_items(&self) -> bool {
        self.format == Format::JsonLines
    }

    /// Applies `--query` to `value`.
    pub fn select(&self, value: Value) -> Result<Value, Failure> {
        let Some(query) = &self.query else {
            return Ok(value);
        };
        let found = query
            .search(value)
            .map_err(|e| Failure::Usage(format!("--query: {e}")))?;
        serde_json::to_value(&*found).map_err(|e| Failure::Internal(e.to_string()))
    }

    /// Prints one answer (or a listing's items as one list).
    pub fn print(&self, value: Value) -> Result<(), Failure> {
        let value = self.select(value)?;
        let text = self.render(&value);
        write_out(&text)
    }

    /// Prints one item of a listing, as it comes (JSON lines).
    pub fn print_item(&self, item: Value) -> Result<(), Failure> {
        let item = self.select(item)?;
        write_out(&format!("{item}\n"))
    }

    fn render(&self, value: &Value) -> String {
        match self.format {
            Format::Json if self.pretty => {
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(value).unwrap_or_default()
                )
            }
            Format::Json => format!("{value}\n"),
            Format::JsonLines => match value {
                Value::Array(items) => items.iter().map(|i| format!("{i}\n")).collect(),
                other => format!("{other}\n"),
            },
            Format::Table => tables(value),
            Format::Text => text(value),
        }
    }
}

/// Writes to standard output. A closed pipe (`| head`) ends the command:
/// a listing stops asking for pages, and the exit code is 0.
pub fn write_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::OutputClosed),
        Err(e) => Err(Failure::Internal(format!("writing the output: {e}"))),
    }
}

/// A scalar as a cell or a text field: strings bare, the rest as JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A list of objects as rows under the union of their keys; a list of
/// scalars as one column; an object as key and value rows for its scalars,
/// then each of its lists and structures as a table of its own under its
/// name (an answer's list of items is a table, not one long cell).
fn tables(value: &Value) -> String {
    let Value::Object(map) = value else {
        return format!("{}\n", table(value));
    };
    let (nested, scalars): (Vec<_>, Vec<_>) = map.iter().partition(|(_, v)| {
        v.is_object() || (v.is_array() && !v.as_array().is_some_and(Vec::is_empty))
    });
    let mut out = String::new();
    if !scalars.is_empty() {
        let scalars: serde_json::Map<String, Value> = scalars
            .into_iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.push_str(&format!("{}\n", table(&Value::Object(scalars))));
    }
    for (key, value) in nested {
        out.push_str(&format!("{key}\n{}", tables(value)));
    }
    out
}

fn table(value: &Value) -> Table {
    let mut table = Table::new();
    match value {
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            let mut columns: Vec<String> = Vec::new();
            for item in items {
                for key in item.as_object().into_iter().flat_map(|o| o.keys()) {
                    if !columns.contains(key) {
                        columns.push(key.clone());
                    }
                }
            }
            table.set_header(columns.clone());
            for item in items {
                table.add_row(
                    columns
                        .iter()
                        .map(|c| cell(item.get(c).unwrap_or(&Value::Null))),
                );
            }
        }
        Value::Array(items) => {
            for item in items {
                // A row of a multi-select (`[].[Id,Status]`) is a list of cells.
                match item {
                    Value::Array(cells) => table.add_row(cells.iter().map(cell)),
                    other => table.add_row(vec![cell(other)]),
                };
            }
        }
        Value::Object(map) => {
            for (key, value) in map {
                table.add_row(vec![key.clone(), cell(value)]);
            }
        }
        scalar => {
            table.add_row(vec![cell(scalar)]);
        }
    }
    table
}

/// Tab-separated text: a scalar on its line, a list one element per line,
/// an object's scalars as `key<TAB>value` lines and its lists and objects
/// below under their key.
fn text(value: &Value) -> String {
    let mut out = String::new();
    write_text(value, &mut out);
    out
}

fn write_text(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(map) if map.values().all(|v| !v.is_array() && !v.is_object()) => {
                        let cells: Vec<String> = map.values().map(cell).collect();
                        out.push_str(&cells.join("\t"));
                        out.push('\n');
                    }
                    other => write_text(other, out),
                }
            }
        }
        Value::Object(map) => {
            for (key, value) in map {
                if value.is_array() || value.is_object() {
                    out.push_str(key);
                    out.push('\n');
                    write_text(value, out);
                } else {
                    out.push_str(&format!("{key}\t{}\n", cell(value)));
                }
            }
        }
        scalar => {
            out.push_str(&cell(scalar));
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn output(format: Format, query: Option<&str>) -> Output {
        Output {
            format,
            query: query.map(|q| jmespath::compile(q).unwrap()),
            pretty: false,
        }
    }

    #[test]
    fn a_query_selects_before_the_format() {
        let answer = json!({"Certificates": [{"Id": "a", "Status": 1}, {"Id": "b", "Status": 0}], "TotalCount": 2});
        let out = output(Format::Json, Some("Certificates[?Status==`1`].Id"));
        assert_eq!(
            out.render(&out.select(answer.clone()).unwrap()),
            "[\"a\"]\n"
        );
        let out = output(Format::Text, Some("Certificates"));
        assert_eq!(out.render(&out.select(answer).unwrap()), "a\t1\nb\t0\n");
    }

    #[test]
    fn tables_have_a_column_per_key() {
        let out = output(Format::Table, None);
        let shown = out.render(&json!([{"Id": "a"}, {"Id": "b", "Status": 1}]));
        assert!(shown.contains("Id") && shown.contains("Status"), "{shown}");
        assert_eq!(
            shown.lines().filter(|l| l.contains(" b ")).count(),
            1,
            "{shown}"
        );
    }
}
