//! Speaker names: which turn labels of a document belong to one speaker, and what to call them.
//!
//! The default rule is the **longest shared name tail**: two labels are one speaker when the words
//! of the shorter are the last words of the longer (an initial matches a word with that first
//! letter), so `President of Russia Vladimir Putin`, `Vladimir Putin`, `Putin` and `V. Putin` are
//! one speaker. The speaker is named by the last two words of its shortest label of at least two
//! words (`Vladimir Putin`), or else by its longest label, so that the same person has the same
//! name in every document. A parenthetical such as `(retranslated)` is not part of the name. An alias file (TOML) overrides the rule:
//!
//! ```toml
//! [speakers]
//! "Vladimir Putin" = ["President of Russia Vladimir Putin", "В.Путин", "Владимир Путин"]
//! ```

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use serde::Deserialize;
use std::collections::HashMap;

/// Speaker given to text before the first label, and to documents without labels.
pub const NO_SPEAKER: &str = "(none)";

/// Aliases from an alias file: label (normalised) → speaker name.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    names: HashMap<Vec<String>, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    speakers: HashMap<String, Vec<String>>,
}

impl AliasTable {
    /// Parses an alias file; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<AliasTable> {
        let parsed: AliasFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let line = text[..offset.min(text.len())].matches('\n').count() + 1;
            Error::new(ErrorKind::Lexicon(vec![Diagnostic {
                file: file.to_string(),
                line,
                column: 1,
                message: e.message().trim().to_string(),
            }]))
        })?;
        let mut names = HashMap::new();
        for (speaker, aliases) in parsed.speakers {
            names.insert(name_words(&speaker), speaker.clone());
            for alias in aliases {
                names.insert(name_words(&alias), speaker.clone());
            }
        }
        Ok(AliasTable { names })
    }

    fn lookup(&self, label: &str) -> Option<&str> {
        self.names.get(&name_words(label)).map(String::as_str)
    }
}

/// Lower-cased words of a label, parenthetical and punctuation removed: `В.Путин` → `в путин`.
fn name_words(label: &str) -> Vec<String> {
    let without_note = match label.find('(') {
        Some(i) => &label[..i],
        None => label,
    };
    without_note
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A label without its role: a parenthetical is dropped, and of three or more words the last two
/// (given name and surname) are kept when both are capitalised, so `President of Russia Vladimir
/// Putin` is `Vladimir Putin` in every document while `President of Belarus` stays whole.
fn display_name(label: &str) -> String {
    let label = match label.find('(') {
        Some(i) => &label[..i],
        None => label,
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    let tail = &words[words.len().saturating_sub(2)..];
    if tail.iter().all(|w| w.starts_with(char::is_uppercase)) {
        tail.join(" ")
    } else {
        words.join(" ")
    }
}

/// Whether the words of `short` are the last words of `long` (initials match words).
fn shares_tail(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.len() > long.len() {
        return false;
    }
    short.iter().rev().zip(long.iter().rev()).all(|(s, l)| {
        s == l
            || (s.chars().count() == 1 && l.starts_with(s.as_str()))
            || (l.chars().count() == 1 && s.starts_with(l.as_str()))
    })
}

/// The speaker name of each label of one document, in order.
pub fn resolve_speakers(labels: &[String], aliases: &AliasTable) -> Vec<String> {
    struct Group {
        members: Vec<(String, Vec<String>)>,
        fixed: Option<String>,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut assignment = Vec::with_capacity(labels.len());
    for (turn, label) in labels.iter().enumerate() {
        let words = name_words(label);
        let group = if let Some(name) = aliases.lookup(label) {
            groups.iter().position(|g| g.fixed.as_deref() == Some(name)).unwrap_or_else(|| {
                groups.push(Group { members: Vec::new(), fixed: Some(name.to_string()) });
                groups.len() - 1
            })
        } else {
            // The most recently active group whose labels share a name tail with this one.
            let candidates = (0..groups.len()).filter(|&g| {
                groups[g].fixed.is_none()
                    && groups[g].members.iter().any(|(_, m)| shares_tail(&words, m) || shares_tail(m, &words))
            });
            let recent = candidates.max_by_key(|&g| assignment.iter().rposition(|&a| a == g));
            recent.unwrap_or_else(|| {
                groups.push(Group { members: Vec::new(), fixed: None });
                groups.len() - 1
            })
        };
        groups[group].members.push((label.clone(), words));
        assignment.push(group);
        debug_assert_eq!(assignment.len(), turn + 1);
    }
    let names: Vec<String> = groups
        .iter()
        .map(|g| {
            if let Some(name) = &g.fixed {
                return name.clone();
            }
            let two_words = g.members.iter().filter(|(_, w)| w.len() >= 2).min_by_key(|(_, w)| w.len());
            let chosen = two_words.or_else(|| g.members.iter().max_by_key(|(_, w)| w.len()));
            chosen.map_or_else(|| NO_SPEAKER.to_string(), |(label, _)| display_name(label))
        })
        .collect();
    assignment.into_iter().map(|g| names[g].clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(labels: &[&str], aliases: &AliasTable) -> Vec<String> {
        resolve_speakers(&labels.iter().map(|s| s.to_string()).collect::<Vec<_>>(), aliases)
    }

    #[test]
    fn longest_shared_name_tail() {
        let found = resolve(
            &[
                "President of Russia Vladimir Putin",
                "Question",
                "Vladimir Putin",
                "Putin",
                "V. Putin",
                "Question",
                "Dmitry Peskov",
                "Peskov",
            ],
            &AliasTable::default(),
        );
        assert_eq!(
            found,
            [
                "Vladimir Putin",
                "Question",
                "Vladimir Putin",
                "Vladimir Putin",
                "Vladimir Putin",
                "Question",
                "Dmitry Peskov",
                "Dmitry Peskov"
            ]
        );
        assert_eq!(resolve(&["В.Путин", "Путин"], &AliasTable::default()), ["В.Путин", "В.Путин"]);
        assert_eq!(resolve(&["Press Secretary Dmitry Peskov"], &AliasTable::default()), ["Dmitry Peskov"]);
        assert_eq!(
            resolve(&["Prime Minister of India Narendra Modi (retranslated)", "Narendra Modi"], &AliasTable::default()),
            ["Narendra Modi", "Narendra Modi"]
        );
    }

    #[test]
    fn an_alias_file_overrides_the_rule() {
        let aliases = AliasTable::parse(
            "[speakers]\n\"Vladimir Putin\" = [\"В.Путин\", \"President of Russia Vladimir Putin\"]\n",
            "a.toml",
        )
        .unwrap();
        assert_eq!(
            resolve(&["В.Путин", "President of Russia Vladimir Putin"], &aliases),
            ["Vladimir Putin", "Vladimir Putin"]
        );
        let error = AliasTable::parse("[speakers]\nx = 1\n", "a.toml").unwrap_err();
        assert!(error.to_string().starts_with("a.toml:2:1:"), "{error}");
    }
}
