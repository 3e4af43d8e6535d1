//! The international site's English metadata over the mainland's: English
//! wherever it has text, the mainland's structure everywhere.
//!
//! The mainland package (`tccli`) documents every action in Chinese; the
//! international one (`tccli-intl-en`) documents the actions sold abroad in
//! English, and a few only it has. Types and requiredness come from the
//! mainland file where both have a member; members, objects and actions only
//! the English file has are added from it.

use super::source::{ApiFile, RawObject};

/// What the English metadata added, for the import report.
#[derive(Debug, Default)]
pub(super) struct Added {
    /// Actions only the English metadata has.
    pub actions: Vec<String>,
    /// `Object.Member` only the English metadata has.
    pub members: Vec<String>,
}

/// `mainland` with `english`'s text and additions.
pub(super) fn merge(mainland: &mut ApiFile, english: ApiFile) -> Added {
    let mut added = Added::default();
    for (name, action) in english.actions {
        match mainland.actions.get_mut(&name) {
            Some(known) => {
                replace(&mut known.name, action.name);
                replace(&mut known.document, action.document);
            }
            None => {
                added.actions.push(name.clone());
                mainland.actions.insert(name, action);
            }
        }
    }
    for (name, object) in english.objects {
        match mainland.objects.get_mut(&name) {
            Some(known) => merge_object(&name, known, object, &mut added),
            None => {
                mainland.objects.insert(name, object);
            }
        }
    }
    added
}

fn merge_object(name: &str, known: &mut RawObject, english: RawObject, added: &mut Added) {
    replace(&mut known.document, english.document);
    for member in english.members {
        match known.members.iter_mut().find(|m| m.name == member.name) {
            Some(mainland) => {
                if member
                    .document
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty())
                {
                    mainland.other_document = mainland.document.take();
                }
                replace(&mut mainland.document, member.document);
            }
            None => {
                added.members.push(format!("{name}.{}", member.name));
                known.members.push(member);
            }
        }
    }
}

/// English text replaces the mainland's unless it is empty.
fn replace(text: &mut Option<String>, english: Option<String>) {
    if let Some(english) = english.filter(|t| !t.trim().is_empty()) {
        *text = Some(english);
    }
}
