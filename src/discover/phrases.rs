//! Phrases of a document: its tokens (the project's tokeniser), each normalised as patterns are
//! and hashed, and the *eligible* phrases — runs of 2 to 6 tokens that a candidate may be.
//!
//! A run of tokens `t..t+n` is an eligible phrase when
//! - all its tokens lie in one sentence (so in one speaker turn) — the rule patterns match by;
//! - none of its tokens lies inside a hit of the lexicon (any motif, after the counting rules): a
//!   phrase overlapping a hit is covered already;
//! - it neither begins nor ends with a stopword, and not all its tokens are stopwords or numbers
//!   (`stopwords.rs`).
//!
//! A phrase is identified by a 64-bit key computed from the hashes of its normalised tokens in
//! order, so two phrases that a pattern could not tell apart have one key. Keys of different
//! phrases collide with probability about n²/2⁶⁵ for n distinct phrases (10⁻⁵ for 10⁷ phrases).

use super::stopwords::{kind, WordKind};
use crate::hashing::mix64;
use crate::text::{normalize_into, Token};

/// Fewest and most tokens in a phrase.
pub const MIN_WORDS: usize = 2;
/// See [`MIN_WORDS`].
pub const MAX_WORDS: usize = 6;

/// Where every phrase key starts.
const KEY_SEED: u64 = 0x6c65_6974_6d6f_7469;

/// The hashed words of one text.
#[derive(Debug, Default, Clone)]
pub(crate) struct Words {
    /// Hash of each token's normalised form.
    pub hashes: Vec<u64>,
    pub kinds: Vec<WordKind>,
    normalised: String,
}

impl Words {
    /// Hashes the tokens of `text`.
    pub fn analyse(&mut self, text: &str, tokens: &[Token]) {
        self.hashes.clear();
        self.kinds.clear();
        for token in tokens {
            let raw = &text[token.start..token.end];
            let hash = word_hash(raw, &mut self.normalised);
            self.hashes.push(hash);
            self.kinds.push(kind(raw, hash));
        }
    }
}

/// The hash of a token's normalised form. An ASCII token (letters and digits) is its own
/// normalised form once lower-cased, which for these characters is setting bit 5 of every byte, so
/// it is hashed straight from the text; any other token is normalised first.
fn word_hash(raw: &str, buffer: &mut String) -> u64 {
    if raw.is_ascii() {
        return hash_word(raw.as_bytes(), true);
    }
    buffer.clear();
    normalize_into(raw, buffer);
    hash_word(buffer.as_bytes(), false)
}

/// The hash of a normalised word, eight bytes at a time; with `lower_ascii`, bytes are ASCII
/// letters and digits and are lower-cased on the way.
pub(crate) fn hash_word(bytes: &[u8], lower_ascii: bool) -> u64 {
    let mut hash = 0x9ae1_6a3b_2f90_404f ^ bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut word = u64::from_le_bytes(word);
        if lower_ascii {
            word |= 0x2020_2020_2020_2020 & (u64::MAX >> (64 - 8 * chunk.len()));
        }
        hash = mix64(hash ^ word);
    }
    hash
}

/// [`hash_word`] of the first `len` bytes of a normalised word held in a zero-padded buffer: whole
/// eight-byte words are read straight from the buffer, and only the last one is masked.
#[inline]
pub(crate) fn hash_word_in(buffer: &[u8; PADDED_WORD_BYTES], len: usize) -> u64 {
    let len = len.min(PADDED_WORD_BYTES);
    let mut hash = 0x9ae1_6a3b_2f90_404f ^ len as u64;
    let mut start = 0;
    while start < len {
        let mut word = u64::from_le_bytes(buffer[start..start + 8].try_into().expect("eight bytes"));
        let kept = len - start;
        if kept < 8 {
            word &= u64::MAX >> (64 - 8 * kept);
        }
        hash = mix64(hash ^ word);
        start += 8;
    }
    hash
}

/// The size of the buffers [`hash_word_in`] reads.
pub(crate) const PADDED_WORD_BYTES: usize = 32;

/// The key of the phrase made of words with these hashes.
pub(crate) fn phrase_key(hashes: &[u64]) -> u64 {
    hashes.iter().fold(KEY_SEED, |key, &h| extend(key, h))
}

/// The key of a phrase followed by a word: one SplitMix64 finaliser per word, so keys are well
/// mixed (the sketch and the maps use their bits directly) and depend on the order of words.
fn extend(key: u64, word: u64) -> u64 {
    mix64(key.rotate_left(25) ^ word)
}

/// One eligible phrase: its key, first token and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Phrase {
    pub key: u64,
    pub start: u32,
    pub len: u8,
}

/// Appends to `out` every eligible phrase starting in `tokens` (a range of token indices); a
/// phrase's tokens must share their `segment` value (a sentence, or a speaker's unit) and none may
/// be `covered`.
pub(crate) fn eligible(
    words: &Words,
    tokens: std::ops::Range<usize>,
    segment: &[u32],
    covered: Option<&[bool]>,
    out: &mut Vec<Phrase>,
) {
    let is_covered = |t: usize| covered.is_some_and(|c| c[t]);
    let end = tokens.end.min(words.hashes.len());
    for start in tokens.start..end {
        if words.kinds[start] == WordKind::Stop || is_covered(start) {
            continue;
        }
        let mut key = extend(KEY_SEED, words.hashes[start]);
        let mut only_minor = words.kinds[start] != WordKind::Word;
        for last in start + MIN_WORDS - 1..(start + MAX_WORDS).min(end) {
            if segment[last] != segment[start] || is_covered(last) {
                break;
            }
            key = extend(key, words.hashes[last]);
            only_minor &= words.kinds[last] != WordKind::Word;
            if words.kinds[last] == WordKind::Stop || only_minor {
                continue;
            }
            out.push(Phrase { key, start: start as u32, len: (last - start + 1) as u8 });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn phrases(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut words = Words::default();
        words.analyse(text, &tokens);
        let segment = vec![0; tokens.len()];
        let mut out = Vec::new();
        eligible(&words, 0..tokens.len(), &segment, None, &mut out);
        out.iter()
            .map(|p| {
                let (first, last) = (tokens[p.start as usize], tokens[p.start as usize + p.len as usize - 1]);
                text[first.start..last.end].to_string()
            })
            .collect()
    }

    #[test]
    fn stopword_edges_and_numbers_are_skipped() {
        assert_eq!(
            phrases("The collective West of 2014"),
            ["collective West", "collective West of 2014", "West of 2014"]
        );
        assert!(phrases("in 2014 and 2015 of the").is_empty());
        assert_eq!(phrases("resolution 2231"), ["resolution 2231"]);
    }

    #[test]
    fn keys_follow_normalisation() {
        let key = |hashes: &[&str]| {
            let mut buffer = String::new();
            phrase_key(&hashes.iter().map(|w| word_hash(w, &mut buffer)).collect::<Vec<_>>())
        };
        assert_eq!(key(&["NATO", "Expansion"]), key(&["nato", "expansion"]));
        assert_eq!(key(&["Ёлка", "ГОРИТ"]), key(&["елка", "горит"]));
        assert_ne!(key(&["a", "b"]), key(&["b", "a"]));
        let mut buffer = String::new();
        assert_eq!(word_hash("Straße", &mut buffer), word_hash("STRASSE", &mut buffer), "both paths, one hash");
        assert_eq!(word_hash("Collective1", &mut buffer), hash_word(b"collective1", false));
        for word in ["a", "security", "indivisible", "collective-security-architecture-of-europe"] {
            let bytes = &word.as_bytes()[..word.len().min(PADDED_WORD_BYTES)];
            let mut padded = [0u8; PADDED_WORD_BYTES];
            padded[..bytes.len()].copy_from_slice(bytes);
            for len in 0..=bytes.len() {
                assert_eq!(hash_word_in(&padded, len), hash_word(&bytes[..len], false), "{word} {len}");
            }
        }
    }
}
