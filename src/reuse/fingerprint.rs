//! What the reuse detector keeps of each document while the corpus is read: a 32-bit hash per word,
//! the character offsets of the words (compactly, `word_offsets.rs`) and the text; and the winnowed
//! 64-bit hashes of its word shingles, computed again from the word hashes when the index is built
//! (`index.rs`), so they are not kept per document.
//!
//! A shingle is `SHINGLE_WORDS` consecutive words. Winnowing keeps, in every window of
//! `WINNOW_WINDOW` consecutive shingles, the one with the smallest hash (the rightmost on ties), so
//! about 2 / (WINNOW_WINDOW + 1) of the shingles are kept and any run of
//! SHINGLE_WORDS + WINNOW_WINDOW − 1 identical words in two documents yields at least one shared
//! fingerprint. Frequent shingles are kept like any other.

use super::word_offsets::WordOffsets;
use crate::text::{normalize_into, CharOffsets, Token};

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
    /// Character offsets (start, end) of each word in the original text. Held compactly until
    /// [`detect`](super::detect) is done; it then fills this for the documents its report quotes
    /// (those with passages or refrains, and the sources of passages) and leaves it empty for the
    /// others ([`ReuseDoc::offset`] works either way).
    pub offsets: Vec<(u32, u32)>,
    /// The offsets of every word, compactly.
    pub(super) compact: WordOffsets,
    /// The original text, to quote passages.
    pub text: String,
}

impl ReuseDoc {
    /// Builds the reuse view of a tokenised document.
    pub fn new(id: String, order_value: String, mut text: String, tokens: &[Token]) -> ReuseDoc {
        let mut normalised = String::new();
        let mut words = Vec::with_capacity(tokens.len());
        for token in tokens {
            let token = &text[token.start..token.end];
            if token.is_ascii() {
                // What `normalize_into` gives an ASCII token, hashed without being written out.
                words.push(hash_bytes(token.bytes().map(|b| b.to_ascii_lowercase())));
            } else {
                normalised.clear();
                normalize_into(token, &mut normalised);
                words.push(word_hash(&normalised));
            }
        }
        let compact = WordOffsets::new(&text, tokens);
        text.shrink_to_fit();
        ReuseDoc { id, order_value, words, offsets: Vec::new(), compact, text }
    }

    /// Fills [`ReuseDoc::offsets`] from the compact offsets.
    pub(super) fn fill_offsets(&mut self) {
        if self.offsets.is_empty() {
            self.offsets = self.compact.decode();
        }
    }

    /// The (start, end) character offsets of word `word`.
    pub fn offset(&self, word: usize) -> (u32, u32) {
        match self.offsets.get(word) {
            Some(&offsets) => offsets,
            None => self.compact.decode()[word],
        }
    }

    /// The text of words `start..end`, at most `max_chars` characters. `offsets` converts this
    /// document's text (`CharOffsets::new(&self.text)`, built once for all its quotes).
    pub fn quote(&self, offsets: &CharOffsets, start: usize, end: usize, max_chars: usize) -> String {
        let (first, last) = (self.offset(start).0 as usize, self.offset(end - 1).1 as usize);
        let (from, to) = (offsets.byte_offset(first), offsets.byte_offset(first + (last - first).min(max_chars)));
        self.text[from..to].to_string()
    }
}

fn word_hash(word: &str) -> u32 {
    hash_bytes(word.bytes())
}

fn hash_bytes(bytes: impl Iterator<Item = u8>) -> u32 {
    bytes.fold(0x811c_9dc5, |h: u32, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Hash of each run of `SHINGLE_WORDS` words, by starting position, into `out` (cleared first).
pub fn shingles_into(words: &[u32], out: &mut Vec<u64>) {
    out.clear();
    if words.len() < SHINGLE_WORDS {
        return;
    }
    out.extend(words.windows(SHINGLE_WORDS).map(shingle_hash));
}

/// The hash of one shingle (`SHINGLE_WORDS` word hashes).
pub fn shingle_hash(window: &[u32]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &w in window {
        h = (h.rotate_left(23) ^ u64::from(w)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    h ^ (h >> 29)
}

/// Calls `keep(position, hash)` for each winnowed shingle, in position order; a document shorter
/// than one window keeps its minimum.
pub fn winnow_each(hashes: &[u64], mut keep: impl FnMut(u32, u64)) {
    if hashes.is_empty() {
        return;
    }
    let window = WINNOW_WINDOW.min(hashes.len());
    let mut last = usize::MAX;
    for start in 0..=hashes.len() - window {
        let mut best = start;
        for i in start..start + window {
            if hashes[i] <= hashes[best] {
                best = i;
            }
        }
        if best != last {
            keep(best as u32, hashes[best]);
            last = best;
        }
    }
}

#[cfg(test)]
fn shingles(words: &[u32]) -> Vec<u64> {
    let mut out = Vec::new();
    shingles_into(words, &mut out);
    out
}

#[cfg(test)]
fn winnow(hashes: &[u64]) -> Vec<(u32, u64)> {
    let mut kept = Vec::new();
    winnow_each(hashes, |pos, hash| kept.push((pos, hash)));
    kept
}

/// The reuse view of `text` as document `d`, for tests.
#[cfg(test)]
pub(super) fn test_doc(text: &str) -> ReuseDoc {
    let mut tokens = Vec::new();
    crate::text::tokenize(text, &mut tokens);
    ReuseDoc::new("d".into(), String::new(), text.to_string(), &tokens)
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
