//! A segment's words as model features: each token is normalised (lower case, NFKC), stop words
//! and tokens without letters are dropped, the rest are cut to their first [`FEATURE_CHARS`]
//! characters (a cheap stand-in for stemming, good enough for Russian endings) and hashed. A
//! segment's features are the sorted (hash, count) pairs of its words; each token is hashed once per
//! document ([`token_features`]), however many segments' contexts it is part of.

use crate::discover::{hash_word, hash_word_in, word_kind, WordKind, PADDED_WORD_BYTES};
use crate::text::{normalize_into, Token};
use std::ops::Range;

/// Characters kept of each word.
pub const FEATURE_CHARS: usize = 7;

/// Words shorter than this are not features.
const MIN_CHARS: usize = 3;

/// A segment's features: (hash of the cut word, count), sorted by hash.
pub type Features = Vec<(u64, u32)>;

/// The feature of every token of a document (0: the token is not a feature), into `out`;
/// `buffer` is reused between calls.
pub fn token_features(text: &str, tokens: &[Token], buffer: &mut String, out: &mut Vec<u64>) {
    out.clear();
    out.extend(tokens.iter().map(|token| feature_of(&text[token.start..token.end], buffer)));
}

/// The features of the tokens `range`, given the feature of each token.
pub fn segment_features(token_features: &[u64], range: Range<usize>) -> Features {
    let tokens = &token_features[range];
    let mut hashes: Vec<u64> = Vec::with_capacity(tokens.len());
    hashes.extend(tokens.iter().copied().filter(|&h| h != 0));
    hashes.sort_unstable();
    let mut features: Features = Vec::with_capacity(hashes.len());
    for hash in hashes {
        match features.last_mut() {
            Some((last, count)) if *last == hash => *count += 1,
            _ => features.push((hash, 1)),
        }
    }
    features
}

/// The feature of one token, or 0.
fn feature_of(raw: &str, buffer: &mut String) -> u64 {
    let bytes = raw.as_bytes();
    // ASCII words (most of an English corpus) are lower-cased on the stack and hashed from there.
    if bytes.len() <= PADDED_WORD_BYTES && raw.is_ascii() {
        if bytes.len() < MIN_CHARS || !bytes.iter().any(u8::is_ascii_alphabetic) {
            return 0;
        }
        let mut lower = [0u8; PADDED_WORD_BYTES];
        for (to, from) in lower.iter_mut().zip(bytes) {
            *to = from.to_ascii_lowercase();
        }
        let whole = hash_word_in(&lower, bytes.len());
        if word_kind(raw, whole) != WordKind::Word {
            return 0;
        }
        return if bytes.len() <= FEATURE_CHARS { whole } else { hash_word_in(&lower, FEATURE_CHARS) };
    }
    buffer.clear();
    normalize_into(raw, buffer);
    if buffer.chars().nth(MIN_CHARS - 1).is_none() || !buffer.chars().any(char::is_alphabetic) {
        return 0;
    }
    let cut = buffer.char_indices().nth(FEATURE_CHARS).map_or(buffer.len(), |(i, _)| i);
    let word = buffer.as_bytes();
    let whole = hash_word(word, false);
    if word_kind(raw, whole) != WordKind::Word {
        return 0;
    }
    // 0 marks "no feature"; a word hashing to it is merely dropped.
    if cut == word.len() {
        whole
    } else {
        hash_word(&word[..cut], false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn features(text: &str) -> Features {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut per_token = Vec::new();
        token_features(text, &tokens, &mut String::new(), &mut per_token);
        segment_features(&per_token, 0..tokens.len())
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
