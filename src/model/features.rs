//! A segment's words as model features: each token is normalised (lower case, NFKC), stop words
//! and tokens without letters are dropped, the rest are cut to their first [`FEATURE_CHARS`]
//! characters (a cheap stand-in for stemming, good enough for Russian endings) and hashed. A
//! segment's features are the sorted (hash, count) pairs of its words.

use crate::discover::{hash_word, word_kind, WordKind};
use crate::text::{normalize_into, Token};
use std::ops::Range;

/// Characters kept of each word.
pub const FEATURE_CHARS: usize = 7;

/// Words shorter than this are not features.
const MIN_CHARS: usize = 3;

/// A segment's features: (hash of the cut word, count), sorted by hash.
pub type Features = Vec<(u64, u32)>;

/// The features of the tokens `range` of `text`; `buffer` is reused between calls.
pub fn segment_features(text: &str, tokens: &[Token], range: Range<usize>, buffer: &mut String) -> Features {
    let mut hashes: Vec<u64> = Vec::with_capacity(range.len());
    for token in &tokens[range] {
        let raw = &text[token.start..token.end];
        buffer.clear();
        normalize_into(raw, buffer);
        if buffer.chars().nth(MIN_CHARS - 1).is_none() || !buffer.chars().any(char::is_alphabetic) {
            continue;
        }
        if word_kind(raw, hash_word(buffer.as_bytes(), false)) != WordKind::Word {
            continue;
        }
        let cut = buffer.char_indices().nth(FEATURE_CHARS).map_or(buffer.len(), |(i, _)| i);
        hashes.push(hash_word(&buffer.as_bytes()[..cut], false));
    }
    hashes.sort_unstable();
    let mut features: Features = Vec::new();
    for hash in hashes {
        match features.last_mut() {
            Some((last, count)) if *last == hash => *count += 1,
            _ => features.push((hash, 1)),
        }
    }
    features
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn features(text: &str) -> Features {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        segment_features(text, &tokens, 0..tokens.len(), &mut String::new())
    }

    #[test]
    fn words_are_cut_and_counted_and_stop_words_dropped() {
        // "ceasefire" and "Ceasefires" share their first seven characters; "the", "of", "in" are
        // stop words; "12" has no letters; "UN" is too short.
        let f = features("The ceasefire of 12 Ceasefires in the UN front");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f.iter().map(|(_, n)| n).sum::<u32>(), 3);
        assert_eq!(features("перемирие перемирия"), features("Перемирия перемирием"));
        assert!(features("the of in").is_empty());
    }
}
