//! What the reuse detector keeps of each document: a 32-bit hash per word, the character offsets
//! of each word, and the winnowed 64-bit hashes of its word shingles.
//!
//! A shingle is `SHINGLE_WORDS` consecutive words. Winnowing keeps, in every window of
//! `WINNOW_WINDOW` consecutive shingles, the one with the smallest hash (the rightmost on ties), so
//! about 2 / (WINNOW_WINDOW + 1) of the shingles are kept and any run of
//! SHINGLE_WORDS + WINNOW_WINDOW − 1 identical words in two documents yields at least one shared
//! fingerprint. Frequent shingles are kept like any other.

use crate::text::{normalize_into, CharOffsets, Token};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub const SHINGLE_WORDS: usize = 4;
pub const WINNOW_WINDOW: usize = 4;

/// One document as the reuse detector sees it.
#[derive(Debug, Clone, Default)]
pub struct ReuseDoc {
    /// The document's id.
    pub id: String,
    /// The raw value of the `--order-by` field (empty without one).
    pub order_value: String,
    /// A 32-bit hash of each normalised word.
    pub words: Vec<u32>,
    /// Character offsets (start, end) of each word in the original text.
    pub offsets: Vec<(u32, u32)>,
    /// (word position, shingle hash) of the winnowed shingles, in position order.
    pub fingerprints: Vec<(u32, u64)>,
    /// The original text, to quote passages.
    pub text: String,
}

impl ReuseDoc {
    /// Builds the reuse view of a tokenised document.
    pub fn new(id: String, order_value: String, text: String, tokens: &[Token]) -> ReuseDoc {
        let offsets_map = CharOffsets::new(&text);
        let mut normalised = String::new();
        let mut words = Vec::with_capacity(tokens.len());
        let mut offsets = Vec::with_capacity(tokens.len());
        for token in tokens {
            normalised.clear();
            normalize_into(&text[token.start..token.end], &mut normalised);
            words.push(word_hash(&normalised));
            offsets.push((offsets_map.char_offset(token.start) as u32, offsets_map.char_offset(token.end) as u32));
        }
        let fingerprints = winnow(&shingles(&words));
        ReuseDoc { id, order_value, words, offsets, fingerprints, text }
    }

    /// The text of words `start..end`, at most `max_chars` characters. `offsets` converts this
    /// document's text (`CharOffsets::new(&self.text)`, built once for all its quotes).
    pub fn quote(&self, offsets: &CharOffsets, start: usize, end: usize, max_chars: usize) -> String {
        let (first, last) = (self.offsets[start].0 as usize, self.offsets[end - 1].1 as usize);
        let (from, to) = (offsets.byte_offset(first), offsets.byte_offset(first + (last - first).min(max_chars)));
        self.text[from..to].to_string()
    }
}

/// Shingle hashes are already uniformly mixed 64-bit values: maps keyed by them use them as they are.
#[derive(Default)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by shingle hash.
pub type ShingleMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

fn word_hash(word: &str) -> u32 {
    word.bytes().fold(0x811c_9dc5, |h: u32, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Hash of each run of `SHINGLE_WORDS` words, by starting position.
fn shingles(words: &[u32]) -> Vec<u64> {
    if words.len() < SHINGLE_WORDS {
        return Vec::new();
    }
    words
        .windows(SHINGLE_WORDS)
        .map(|window| {
            let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
            for &w in window {
                h = (h.rotate_left(23) ^ u64::from(w)).wrapping_mul(0xff51_afd7_ed55_8ccd);
            }
            h ^ (h >> 29)
        })
        .collect()
}

/// The winnowed (position, hash) pairs; a document shorter than one window keeps its minimum.
fn winnow(hashes: &[u64]) -> Vec<(u32, u64)> {
    let mut kept: Vec<(u32, u64)> = Vec::new();
    if hashes.is_empty() {
        return kept;
    }
    let window = WINNOW_WINDOW.min(hashes.len());
    for start in 0..=hashes.len() - window {
        let mut best = start;
        for i in start..start + window {
            if hashes[i] <= hashes[best] {
                best = i;
            }
        }
        if kept.last().is_none_or(|&(pos, _)| pos as usize != best) {
            kept.push((best as u32, hashes[best]));
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_runs_share_a_fingerprint() {
        let run: Vec<u32> = (100..100 + (SHINGLE_WORDS + WINNOW_WINDOW - 1) as u32).collect();
        for (prefix, suffix) in [(0u32, 0u32), (3, 9), (17, 1)] {
            let a: Vec<u32> = (0..prefix).chain(run.iter().copied()).chain(1000..1000 + suffix).collect();
            let b: Vec<u32> = (500..507).chain(run.iter().copied()).collect();
            let fa: Vec<u64> = winnow(&shingles(&a)).into_iter().map(|f| f.1).collect();
            let fb: Vec<u64> = winnow(&shingles(&b)).into_iter().map(|f| f.1).collect();
            assert!(fa.iter().any(|h| fb.contains(h)), "prefix {prefix} suffix {suffix}");
        }
    }

    #[test]
    fn density_is_about_two_in_window_plus_one() {
        let words: Vec<u32> = (0..10_000).map(|i: u32| i.wrapping_mul(2_654_435_761)).collect();
        let kept = winnow(&shingles(&words)).len() as f64 / 10_000.0;
        let expected = 2.0 / (WINNOW_WINDOW as f64 + 1.0);
        assert!((kept - expected).abs() < 0.05, "{kept}");
    }

    #[test]
    fn quotes_words_by_character_offsets() {
        let text = "Уважаемые коллеги, «братский народ» — это мы. ".repeat(20);
        let mut tokens = Vec::new();
        crate::text::tokenize(&text, &mut tokens);
        let doc = ReuseDoc::new("d".into(), String::new(), text.clone(), &tokens);
        let offsets = CharOffsets::new(&doc.text);
        let per_sentence = 6;
        assert_eq!(doc.quote(&offsets, 2 + 13 * per_sentence, 4 + 13 * per_sentence, 300), "братский народ");
        assert_eq!(doc.quote(&offsets, 0, 6, 9), "Уважаемые");
    }
}
