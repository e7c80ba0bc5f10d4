//! The token dictionary: every distinct word and prefix of every pattern in one anchored
//! Aho-Corasick automaton (a contiguous NFA, compact enough to stay in cache; see DESIGN.md).
//! Looking a document token up is one walk over its bytes from the anchored start state, which
//! reports every prefix atom the token starts with and the word atom it
//! equals, so the cost per token does not depend on how many patterns there are. Most tokens leave
//! the automaton after one or two bytes.
//!
//! A stem atom enters as its screen prefix ([`screen_prefix`]): the lookup reports it for every
//! token starting with that prefix, as a candidate that the caller confirms by stemming the token.

use crate::lexicon::{screen_prefix, Atom};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// Identifier of one distinct atom (word or prefix) of the compiled lexicons.
pub type AtomId = u32;

pub(crate) struct TokenDictionary {
    automaton: Option<NFA>,
    /// Rejects, with a few L1-resident bit tests, the tokens that cannot match (see [`Screen`]).
    screen: Screen,
    /// For each automaton pattern (a distinct string): its word atom, its prefix atom and the
    /// stem atoms it screens for.
    word_atom: Vec<Option<AtomId>>,
    prefix_atom: Vec<Option<AtomId>>,
    stem_atoms: Vec<Vec<AtomId>>,
}

impl TokenDictionary {
    /// Builds the dictionary of the given (normalised) atoms and their ids.
    pub fn new<'a>(atoms: impl IntoIterator<Item = (&'a Atom, AtomId)>) -> TokenDictionary {
        let mut strings: Vec<&str> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut word_atom = Vec::new();
        let mut prefix_atom = Vec::new();
        let mut stem_atoms: Vec<Vec<AtomId>> = Vec::new();
        for (atom, id) in atoms {
            let text = match atom {
                Atom::Word(t) | Atom::Prefix(t) => t.as_str(),
                Atom::Stem(language, stem) => screen_prefix(*language, stem),
            };
            let slot = *index.entry(text).or_insert_with(|| {
                strings.push(text);
                word_atom.push(None);
                prefix_atom.push(None);
                stem_atoms.push(Vec::new());
                strings.len() - 1
            });
            match atom {
                Atom::Word(_) => word_atom[slot] = Some(id),
                Atom::Prefix(_) => prefix_atom[slot] = Some(id),
                Atom::Stem(..) => stem_atoms[slot].push(id),
            }
        }
        let prefix_like: Vec<bool> =
            prefix_atom.iter().zip(&stem_atoms).map(|(p, s)| p.is_some() || !s.is_empty()).collect();
        let screen = Screen::new(&strings, &word_atom, &prefix_like);
        let automaton = if strings.is_empty() {
            None
        } else {
            // Patterns are normalised, so ASCII case-insensitivity lets ASCII tokens be looked up
            // without copying; other tokens are normalised before the lookup.
            let automaton = NFA::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&strings)
                .expect("an automaton over the distinct words of the lexicons builds");
            Some(automaton)
        };
        TokenDictionary { automaton, screen, word_atom, prefix_atom, stem_atoms }
    }

    /// Appends to `out` the atoms matched by `token`, which is either pure ASCII (any case) or
    /// already normalised; stem atoms are only candidates, to confirm by stemming the token.
    pub fn lookup(&self, token: &str, out: &mut Vec<AtomId>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        if !self.screen.may_match(token.as_bytes()) {
            return;
        }
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
                out.extend_from_slice(&self.stem_atoms[slot]);
                if length == token.len() {
                    if let Some(word) = self.word_atom[slot] {
                        out.push(word);
                    }
                }
            }
        }
    }
}

/// A Bloom-style screen in front of the automaton. Each word atom sets one bit for the hash of
/// the whole word; each prefix atom (and stem screen prefix) one bit for the hash of the prefix. A token is walked through
/// the automaton only if the bit of its whole hash, or of its hash at one of the prefix lengths,
/// is set. With 2^18 bits (32 KiB) and a thousand atoms, about one token in twenty-five passes.
struct Screen {
    bits: Vec<u64>,
    /// Bit `n` set: some prefix atom is `n` bytes long (n < 64).
    prefix_lengths: u64,
    /// Some prefix atom is 64 bytes or longer: every token of that length passes.
    long_prefix: usize,
}

const SCREEN_BITS: u32 = 18;
const WORD_SALT: u64 = 0x9e37_79b9_7f4a_7c15;
const PREFIX_SALT: u64 = 0xc2b2_ae3d_27d4_eb4f;

impl Screen {
    fn new(strings: &[&str], word_atom: &[Option<AtomId>], prefix_like: &[bool]) -> Screen {
        let mut screen = Screen { bits: vec![0; 1 << (SCREEN_BITS - 6)], prefix_lengths: 0, long_prefix: usize::MAX };
        for (slot, text) in strings.iter().enumerate() {
            let hash = text.bytes().fold(FNV_OFFSET, fnv_step);
            if word_atom[slot].is_some() {
                screen.set(hash, WORD_SALT);
            }
            if prefix_like[slot] {
                screen.set(hash, PREFIX_SALT);
                match text.len() {
                    n if n < 64 => screen.prefix_lengths |= 1 << n,
                    n => screen.long_prefix = screen.long_prefix.min(n),
                }
            }
        }
        screen
    }

    fn index(hash: u64, salt: u64) -> usize {
        ((hash ^ salt).wrapping_mul(0x2545_f491_4f6c_dd1d) >> (64 - SCREEN_BITS)) as usize
    }

    fn set(&mut self, hash: u64, salt: u64) {
        let i = Screen::index(hash, salt);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    fn test(&self, hash: u64, salt: u64) -> bool {
        let i = Screen::index(hash, salt);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether `token` (ASCII of any case, or normalised) may match an atom.
    fn may_match(&self, token: &[u8]) -> bool {
        if token.len() >= self.long_prefix {
            return true;
        }
        let mut hash = FNV_OFFSET;
        for (i, &byte) in token.iter().enumerate() {
            hash = fnv_step(hash, byte.to_ascii_lowercase());
            let length = i + 1;
            if length < 64 && self.prefix_lengths & (1 << length) != 0 && self.test(hash, PREFIX_SALT) {
                return true;
            }
        }
        self.test(hash, WORD_SALT)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_must_be_whole_and_prefixes_may_continue() {
        let atoms = [
            Atom::Word("secur".into()),
            Atom::Prefix("secur".into()),
            Atom::Word("security".into()),
            Atom::Prefix("se".into()),
        ];
        let dictionary = TokenDictionary::new(atoms.iter().zip(0..));
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
