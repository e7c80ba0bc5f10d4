//! The atoms of each token of one document, looked up on demand and cached for the document, and
//! the verification of a sequence's steps around an anchor (backwards for the earliest start,
//! forwards for the latest end) on top of them.
//!
//! Stem atoms come out of the dictionary as candidates (the token starts with the stem's screen
//! prefix); they are kept only if the token's Snowball stem equals the atom's stem. Stems are
//! cached per worker thread by word (a text's words repeat: most lookups find the stem there).

use super::dictionary::{AtomId, TokenDictionary};
use crate::lexicon::StemLanguage;
use crate::text::{normalize_into, Segmentation};

/// One token position of a sequence, or one term of a proximity pattern.
pub(super) struct CompiledStep {
    pub max_gap_before: usize,
    /// Sorted atom ids.
    pub alternatives: Vec<AtomId>,
}

/// For each atom id: its language and stem if it is a stem atom.
pub(super) type StemTable = [Option<(StemLanguage, Box<str>)>];

const NOT_LOOKED_UP: (u32, u32) = (u32::MAX, u32::MAX);

/// The most words a [`StemCache`] holds before it starts afresh (a few MB).
const STEM_CACHE_WORDS: usize = 1 << 16;

/// Stems of the words seen, per language (index: `StemLanguage as usize`).
#[derive(Default)]
pub(super) struct StemCache {
    stems: [foldhash::HashMap<Box<str>, Box<str>>; 2],
}

impl StemCache {
    fn stem(&mut self, language: StemLanguage, word: &str) -> &str {
        let map = &mut self.stems[language as usize];
        if !map.contains_key(word) {
            if map.len() >= STEM_CACHE_WORDS {
                map.clear();
            }
            map.insert(word.into(), language.stem(word).into());
        }
        &map[word]
    }
}

/// The per-document view of token atoms; the buffers belong to the worker's `Scratch`.
pub(super) struct TokenAtoms<'a> {
    pub text: &'a str,
    pub segmentation: &'a Segmentation,
    pub dictionary: &'a TokenDictionary,
    pub stems: &'a StemTable,
    pub ranges: &'a mut Vec<(u32, u32)>,
    pub ids: &'a mut Vec<AtomId>,
    pub normalised: &'a mut String,
    pub stem_cache: &'a mut StemCache,
}

impl TokenAtoms<'_> {
    /// Clears the cache for a document of `tokens` tokens.
    pub fn reset(ranges: &mut Vec<(u32, u32)>, ids: &mut Vec<AtomId>, tokens: usize) {
        ranges.clear();
        ranges.resize(tokens, NOT_LOOKED_UP);
        ids.clear();
    }

    /// Appends the atoms of `token` in `dictionary` to `out`.
    pub fn look_up(&mut self, dictionary: &TokenDictionary, token: usize, out: &mut Vec<AtomId>) {
        let span = self.segmentation.tokens[token];
        let raw = &self.text[span.start..span.end];
        let from = out.len();
        let ascii = raw.is_ascii();
        if ascii {
            dictionary.lookup(raw, out);
        } else {
            self.normalised.clear();
            normalize_into(raw, self.normalised);
            dictionary.lookup(self.normalised, out);
        }
        if self.stems.is_empty() || !out[from..].iter().any(|&a| self.stems[a as usize].is_some()) {
            return;
        }
        if ascii {
            self.normalised.clear();
            normalize_into(raw, self.normalised);
        }
        let (stems, word) = (self.stems, self.normalised.as_str());
        let mut i = from;
        while i < out.len() {
            let keep = match &stems[out[i] as usize] {
                None => true,
                Some((language, stem)) => self.stem_cache.stem(*language, word) == &**stem,
            };
            if keep {
                i += 1;
            } else {
                out.swap_remove(i);
            }
        }
    }

    /// Whether `token` matches one of `alternatives` (sorted atom ids).
    pub fn accepts(&mut self, token: usize, alternatives: &[AtomId]) -> bool {
        if self.ranges[token] == NOT_LOOKED_UP {
            let start = self.ids.len() as u32;
            let mut ids = std::mem::take(self.ids);
            self.look_up(self.dictionary, token, &mut ids);
            *self.ids = ids;
            self.ranges[token] = (start, self.ids.len() as u32);
        }
        let (start, end) = self.ranges[token];
        self.ids[start as usize..end as usize].iter().any(|a| alternatives.binary_search(a).is_ok())
    }

    pub fn in_sentence(&self, token: usize, sentence: u32) -> bool {
        self.segmentation.token_sentence.get(token) == Some(&sentence)
    }

    /// Whether a match may start at `token`: it is not the second part of a hyphenated compound
    /// or the tail after an apostrophe (`neo-Nazis`, `Russia's`).
    pub fn starts_word(&self, token: usize) -> bool {
        !self.segmentation.joined[token]
    }

    /// The largest end (exclusive token index) at which `steps` match starting at `position`,
    /// staying inside `sentence`.
    pub fn longest_end(&mut self, steps: &[CompiledStep], position: usize, sentence: u32) -> Option<usize> {
        let Some((step, rest)) = steps.split_first() else {
            return Some(position);
        };
        let mut best = None;
        for token in position..=position + step.max_gap_before {
            if !self.in_sentence(token, sentence) {
                break;
            }
            if self.accepts(token, &step.alternatives) {
                best = best.max(self.longest_end(rest, token + 1, sentence));
            }
        }
        best
    }

    /// The smallest start at which `steps` match ending right before `end` with at most
    /// `gap_after` tokens between them and `end`, staying inside `sentence`; a start must begin a
    /// word ([`TokenAtoms::starts_word`]).
    pub fn earliest_start(
        &mut self,
        steps: &[CompiledStep],
        gap_after: usize,
        end: usize,
        sentence: u32,
    ) -> Option<usize> {
        let Some((step, rest)) = steps.split_last() else {
            return self.starts_word(end).then_some(end);
        };
        let mut best: Option<usize> = None;
        for token in (end.saturating_sub(gap_after + 1)..end).rev() {
            if !self.in_sentence(token, sentence) {
                break;
            }
            if self.accepts(token, &step.alternatives) {
                if let Some(start) = self.earliest_start(rest, step.max_gap_before, token, sentence) {
                    best = Some(best.map_or(start, |b| b.min(start)));
                }
            }
        }
        best
    }
}
