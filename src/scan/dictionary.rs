//! The token dictionary: every distinct word and prefix of every pattern in one anchored
//! Aho-Corasick DFA. Looking a document token up is one walk over its bytes from the anchored
//! start state, which reports every prefix atom the token starts with and the word atom it
//! equals, so the cost per token does not depend on how many patterns there are. Most tokens leave
//! the automaton after one or two bytes.

use crate::lexicon::Atom;
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// Identifier of one distinct atom (word or prefix) of the compiled lexicons.
pub type AtomId = u32;

pub(crate) struct TokenDictionary {
    automaton: Option<DFA>,
    /// For each automaton pattern (a distinct string): its word atom and its prefix atom.
    word_atom: Vec<Option<AtomId>>,
    prefix_atom: Vec<Option<AtomId>>,
}

impl TokenDictionary {
    /// Builds the dictionary; `atoms[i]` gets id `i`. Atoms are already normalised.
    pub fn new(atoms: &[Atom]) -> TokenDictionary {
        let mut strings: Vec<&str> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut word_atom = Vec::new();
        let mut prefix_atom = Vec::new();
        for (id, atom) in atoms.iter().enumerate() {
            let (text, is_prefix) = match atom {
                Atom::Word(t) => (t.as_str(), false),
                Atom::Prefix(t) => (t.as_str(), true),
            };
            let slot = *index.entry(text).or_insert_with(|| {
                strings.push(text);
                word_atom.push(None);
                prefix_atom.push(None);
                strings.len() - 1
            });
            let target = if is_prefix {
                &mut prefix_atom[slot]
            } else {
                &mut word_atom[slot]
            };
            *target = Some(id as AtomId);
        }
        let automaton = if strings.is_empty() {
            None
        } else {
            // Patterns are normalised, so ASCII case-insensitivity lets ASCII tokens be looked up
            // without copying; other tokens are normalised before the lookup.
            // Patterns are normalised, so ASCII case-insensitivity lets ASCII tokens be looked up
            // without copying; other tokens are normalised before the lookup.
            let automaton = DFA::builder()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Anchored)
                .ascii_case_insensitive(true)
                .build(&strings)
                .expect("an anchored DFA over the distinct words of the lexicons builds");
            Some(automaton)
        };
        TokenDictionary {
            automaton,
            word_atom,
            prefix_atom,
        }
    }

    /// Appends to `out` the atoms matched by `token`, which is either pure ASCII (any case) or
    /// already normalised.
    pub fn lookup(&self, token: &str, out: &mut Vec<AtomId>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let Ok(mut state) = automaton.start_state(Anchored::Yes) else {
            return;
        };
        for (i, &byte) in token.as_bytes().iter().enumerate() {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if automaton.is_dead(state) {
                return;
            }
            if !automaton.is_match(state) {
                continue;
            }
            let length = i + 1;
            for m in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, m);
                // A match state also lists patterns that are proper suffixes of the path walked;
                // only a pattern as long as the path starts at the token's first byte.
                if automaton.pattern_len(pattern) != length {
                    continue;
                }
                let slot = pattern.as_usize();
                if let Some(prefix) = self.prefix_atom[slot] {
                    out.push(prefix);
                }
                if length == token.len() {
                    if let Some(word) = self.word_atom[slot] {
                        out.push(word);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_must_be_whole_and_prefixes_may_continue() {
        let atoms = vec![
            Atom::Word("secur".into()),
            Atom::Prefix("secur".into()),
            Atom::Word("security".into()),
            Atom::Prefix("se".into()),
        ];
        let dictionary = TokenDictionary::new(&atoms);
        let mut found = Vec::new();
        dictionary.lookup("Security", &mut found);
        found.sort();
        assert_eq!(found, vec![1, 2, 3]);
        found.clear();
        dictionary.lookup("secur", &mut found);
        found.sort();
        assert_eq!(found, vec![0, 1, 3]);
        found.clear();
        dictionary.lookup("insecure", &mut found);
        assert!(found.is_empty());
    }
}
