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

use super::name_tails::NameTails;
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

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
}

impl AliasTable {
    /// The speaker name the alias file gives `label`, if any.
    pub fn name_of(&self, label: &str) -> Option<&str> {
        self.names.get(&name_words(label)).map(String::as_str)
    }
}

/// Lower-cased words of a label, parenthetical and punctuation removed: `В.Путин` → `в путин`.
pub(super) fn name_words(label: &str) -> Vec<String> {
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

/// Whether the words of `short` are the last words of `long` (initials match words). The
/// resolver finds such pairs through [`NameTails`]; this is the rule it implements.
#[cfg(test)]
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
///
/// Each label joins the most recently active speaker (group of labels) one of whose labels shares
/// a name tail with it, or starts a new speaker. Each distinct label is read once and its word
/// form placed in `NameTails`, which finds the forms sharing a tail with it; each form keeps the
/// speakers it may join. A turn then costs at most the smaller of that number and the number of
/// turns since the chosen speaker last spoke, so a transcript of tens of thousands of turns
/// resolves in near-linear time. (Each form's list grows once per speaker a related form joins.)
pub fn resolve_speakers(labels: &[String], aliases: &AliasTable) -> Vec<String> {
    let mut resolver = Resolver::default();
    let assignment: Vec<usize> =
        labels.iter().enumerate().map(|(turn, label)| resolver.assign(turn, label, aliases)).collect();
    let names: Vec<String> = resolver.groups.iter().map(Group::name).collect();
    assignment.into_iter().map(|g| names[g].clone()).collect()
}

/// A speaker: the labels resolved to one name.
struct Group {
    /// The name given by the alias file.
    fixed: Option<String>,
    /// The turn it last spoke.
    last_active: usize,
    /// Its first shortest label of at least two words, with the word count.
    shortest_full: Option<(usize, String)>,
    /// Its last longest label, with the word count.
    longest: Option<(usize, String)>,
}

impl Group {
    fn add(&mut self, label: &str, words: usize) {
        if words >= 2 && self.shortest_full.as_ref().is_none_or(|(w, _)| words < *w) {
            self.shortest_full = Some((words, label.to_string()));
        }
        if self.longest.as_ref().is_none_or(|(w, _)| words >= *w) {
            self.longest = Some((words, label.to_string()));
        }
    }

    fn name(&self) -> String {
        if let Some(name) = &self.fixed {
            return name.clone();
        }
        let chosen = self.shortest_full.as_ref().or(self.longest.as_ref());
        chosen.map_or_else(|| NO_SPEAKER.to_string(), |(_, label)| display_name(label))
    }
}

/// What is known of one distinct label.
#[derive(Clone)]
struct LabelInfo {
    /// Its name form (`None` without words: such a label shares a tail with nothing).
    form: Option<usize>,
    words: usize,
    alias: Option<String>,
}

#[derive(Default)]
struct Resolver {
    labels: HashMap<String, LabelInfo>,
    forms: HashMap<Vec<String>, usize>,
    tails: NameTails,
    /// For each form, the forms sharing a name tail with it (itself included).
    related: Vec<Vec<usize>>,
    /// For each form, the speakers (not fixed by aliases) holding a label of that form.
    form_groups: Vec<Vec<usize>>,
    /// (form, speaker) pairs of `form_groups`.
    holds: HashSet<(usize, usize)>,
    /// For each form, the speakers holding a label of a related form: those it may join.
    candidates: Vec<Vec<usize>>,
    /// (form, speaker) pairs of `candidates`.
    is_candidate: HashSet<(usize, usize)>,
    /// The speaker of each turn so far.
    turns: Vec<usize>,
    groups: Vec<Group>,
    fixed: HashMap<String, usize>,
}

impl Resolver {
    /// The speaker of `label`, said at turn `turn`.
    fn assign(&mut self, turn: usize, label: &str, aliases: &AliasTable) -> usize {
        let info = match self.labels.get(label) {
            Some(info) => info.clone(),
            None => {
                let info = self.label_info(label, aliases);
                self.labels.insert(label.to_string(), info.clone());
                info
            }
        };
        let group = match &info.alias {
            Some(name) => match self.fixed.get(name) {
                Some(&group) => group,
                None => {
                    self.fixed.insert(name.clone(), self.groups.len());
                    self.new_group(Some(name.clone()), turn)
                }
            },
            None => {
                let recent = info.form.and_then(|form| self.most_recent_candidate(form));
                recent.unwrap_or_else(|| self.new_group(None, turn))
            }
        };
        self.turns.push(group);
        let g = &mut self.groups[group];
        g.last_active = turn;
        if g.fixed.is_none() {
            g.add(label, info.words);
            if let Some(form) = info.form {
                self.join(form, group);
            }
        }
        group
    }

    /// The most recently active speaker among the candidates of `form`: found by going through
    /// the candidates and, in step, back through the turns; whichever ends first gives it.
    fn most_recent_candidate(&self, form: usize) -> Option<usize> {
        let candidates = &self.candidates[form];
        let mut best: Option<usize> = None;
        let mut turns = self.turns.iter().rev();
        for &g in candidates {
            if best.is_none_or(|b| self.groups[g].last_active > self.groups[b].last_active) {
                best = Some(g);
            }
            if let Some(&recent) = turns.next().filter(|&&recent| self.is_candidate.contains(&(form, recent))) {
                return Some(recent);
            }
        }
        best
    }

    /// Records that speaker `group` holds a label of `form`.
    fn join(&mut self, form: usize, group: usize) {
        if !self.holds.insert((form, group)) {
            return;
        }
        self.form_groups[form].push(group);
        for &other in &self.related[form] {
            if self.is_candidate.insert((other, group)) {
                self.candidates[other].push(group);
            }
        }
    }

    fn new_group(&mut self, fixed: Option<String>, turn: usize) -> usize {
        self.groups.push(Group { fixed, last_active: turn, shortest_full: None, longest: None });
        self.groups.len() - 1
    }

    fn label_info(&mut self, label: &str, aliases: &AliasTable) -> LabelInfo {
        let words = name_words(label);
        let count = words.len();
        let alias = aliases.names.get(&words).cloned();
        let form = if words.is_empty() {
            None
        } else if let Some(&form) = self.forms.get(&words) {
            Some(form)
        } else {
            let form = self.related.len();
            let related = self.tails.insert(&words, form);
            let mut candidates = Vec::new();
            for &other in &related {
                self.related[other].push(form);
                for &group in &self.form_groups[other] {
                    if self.is_candidate.insert((form, group)) {
                        candidates.push(group);
                    }
                }
            }
            self.related.push(related.into_iter().chain([form]).collect());
            self.form_groups.push(Vec::new());
            self.candidates.push(candidates);
            self.forms.insert(words, form);
            Some(form)
        };
        LabelInfo { form, words: count, alias }
    }
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

    /// The rule as first written: every label compared with every member of every speaker, and
    /// recency found by scanning all earlier turns (quadratic and worse; kept as the reference).
    fn reference(labels: &[String], aliases: &AliasTable) -> Vec<String> {
        struct Group {
            members: Vec<(String, Vec<String>)>,
            fixed: Option<String>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut assignment: Vec<usize> = Vec::new();
        for label in labels {
            let words = name_words(label);
            let group = if let Some(name) = aliases.names.get(&words) {
                groups.iter().position(|g| g.fixed.as_deref() == Some(name)).unwrap_or_else(|| {
                    groups.push(Group { members: Vec::new(), fixed: Some(name.to_string()) });
                    groups.len() - 1
                })
            } else {
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

    const WORDS: &[&str] = &["Vladimir", "V.", "Putin", "P.", "Peskov", "Ivan", "I.", "President", "of", "Russia"];

    proptest::proptest! {
        #[test]
        fn same_speakers_as_the_reference_rule(
            labels in proptest::collection::vec(proptest::collection::vec(0..WORDS.len(), 1..5), 0..80),
            aliased in proptest::bool::ANY,
        ) {
            let labels: Vec<String> =
                labels.iter().map(|l| l.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ")).collect();
            let aliases = if aliased {
                AliasTable::parse("[speakers]\n\"The President\" = [\"President of Russia\", \"P. Putin\"]\n", "a.toml").unwrap()
            } else {
                AliasTable::default()
            };
            proptest::prop_assert_eq!(resolve_speakers(&labels, &aliases), reference(&labels, &aliases));
        }
    }
}
