//! The official CLI's English request metadata over the api-docs.
//!
//! The api-docs of most products are written in Chinese; the metadata of the
//! `aliyun` command line tool describes each action's parameters in English
//! (`openapi-meta/en-US/<product>/<Action>.json`), nested members included
//! (`sub_parameters`), and each action in one English sentence or two
//! (`version.json`, `apis.<Action>.summary`), but has no answers. Structure,
//! types and requiredness stay the api-docs'; only summaries and
//! descriptions are replaced, and only where the English text is not empty.

use std::collections::BTreeMap;

use serde_json::Value;

use super::source::text;

/// What the English metadata changed, for the import report.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Merged {
    /// Actions of the api-docs with an English file.
    pub actions: usize,
    /// Actions that got an English summary.
    pub summaries: usize,
    /// Parameters and nested members that got an English description.
    pub members: usize,
    /// Actions only the English metadata has: no answer schema, so not imported.
    pub only_english: Vec<String>,
}

/// Replaces the descriptions of `apis` (the api-docs' `apis` object) with
/// those of `english` (action name → the parsed English file), and the
/// summaries with those of `summaries` (the parsed `version.json`).
pub(super) fn merge(
    apis: &mut Value,
    english: &BTreeMap<String, Value>,
    summaries: Option<&Value>,
) -> Merged {
    let mut merged = Merged::default();
    let Some(apis) = apis.as_object_mut() else {
        return merged;
    };
    let listed = summaries
        .and_then(|s| s.get("apis"))
        .and_then(Value::as_object);
    for (name, entry) in listed.into_iter().flatten() {
        if let Some(api) = apis.get_mut(name).and_then(Value::as_object_mut)
            && let Some(summary) = text(entry.get("summary"))
        {
            api.insert("summary".into(), Value::String(summary.into()));
            merged.summaries += 1;
        }
    }
    for (name, file) in english {
        let Some(api) = apis.get_mut(name) else {
            merged.only_english.push(name.clone());
            continue;
        };
        merged.actions += 1;
        let parameters = api.get_mut("parameters").and_then(Value::as_array_mut);
        for parameter in parameters.into_iter().flatten() {
            let Some(wire) = text(parameter.get("name")).map(str::to_string) else {
                continue;
            };
            let Some(described) = find(file.get("parameters"), &wire) else {
                continue;
            };
            if let Some(schema) = parameter.get_mut("schema") {
                merged.members += describe(schema, described);
            }
        }
    }
    merged
}

/// The entry named `name` in a list of English parameters.
fn find<'a>(list: Option<&'a Value>, name: &str) -> Option<&'a Value> {
    list?
        .as_array()?
        .iter()
        .find(|p| text(p.get("name")) == Some(name))
}

/// Gives `schema` the English description of `english`, and its members
/// those of `english.sub_parameters`; returns how many were replaced.
fn describe(schema: &mut Value, english: &Value) -> usize {
    let mut replaced = 0;
    if let Some(description) = text(english.get("description"))
        && let Some(object) = schema.as_object_mut()
    {
        object.insert("description".into(), Value::String(description.into()));
        replaced += 1;
    }
    let Some(members) = english.get("sub_parameters") else {
        return replaced;
    };
    // Members are those of the object, or of the objects a list holds.
    let holder = if schema.get("items").is_some() {
        schema.get_mut("items")
    } else {
        Some(schema)
    };
    let properties = holder
        .and_then(|h| h.get_mut("properties"))
        .and_then(Value::as_object_mut);
    for (name, property) in properties.into_iter().flatten() {
        if let Some(described) = find(Some(members), name) {
            replaced += describe(property, described);
        }
    }
    replaced
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn english_replaces_descriptions_at_every_depth() {
        let mut apis = json!({
            "AddThing": {"parameters": [
                {"name": "Name", "schema": {"type": "string", "description": "名称"}},
                {"name": "Kept", "schema": {"type": "string", "description": "保留"}},
                {"name": "Tasks", "style": "json", "schema": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"Port": {"type": "integer", "description": "端口"}}
                }}}
            ]}
        });
        let english = BTreeMap::from([
            (
                "AddThing".to_string(),
                json!({"parameters": [
                    {"name": "Name", "description": "The name."},
                    {"name": "Kept", "description": "  "},
                    {"name": "Tasks", "description": "The tasks.", "sub_parameters": [
                        {"name": "Port", "description": "The port."}
                    ]}
                ]}),
            ),
            ("OnlyHere".to_string(), json!({"parameters": []})),
        ]);
        let summaries = json!({"apis": {
            "AddThing": {"summary": "Adds a thing."},
            "OnlyHere": {"summary": "Not in the api-docs."}
        }});
        let merged = merge(&mut apis, &english, Some(&summaries));
        assert_eq!(
            merged,
            Merged {
                actions: 1,
                summaries: 1,
                members: 3,
                only_english: vec!["OnlyHere".into()]
            }
        );
        assert_eq!(apis["AddThing"]["summary"], "Adds a thing.");
        let parameters = &apis["AddThing"]["parameters"];
        assert_eq!(parameters[0]["schema"]["description"], "The name.");
        assert_eq!(parameters[1]["schema"]["description"], "保留");
        assert_eq!(parameters[2]["schema"]["description"], "The tasks.");
        let port = &parameters[2]["schema"]["items"]["properties"]["Port"];
        assert_eq!(port["description"], "The port.");
        assert_eq!(port["type"], "integer");
    }
}
