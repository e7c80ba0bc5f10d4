//! The small built-in stopword lists of discovery, English and Russian, and what kind of word a
//! token is. A candidate phrase may not begin or end with a stopword ("of the", "the west of" are
//! fragments, not phrases) and may not consist of stopwords and numbers only ("2014 and 2015").
//!
//! The lists hold function words — articles, pronouns, prepositions, conjunctions, particles,
//! auxiliary and modal verbs — and the possessive `s` (`Russia's` is `russia s`): 131 English and
//! 122 Russian entries, compared in normalised form (lower case, `ё` as `е`). A number is a token of digits
//! only (Unicode digits included).

use std::sync::OnceLock;

/// English function words.
pub const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
];

/// Russian function words.
pub const RUSSIAN: &[&str] = &[
    "а",
    "без",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "весь",
    "во",
    "вот",
    "все",
    "всего",
    "всех",
    "вы",
    "где",
    "да",
    "даже",
    "для",
    "до",
    "его",
    "ее",
    "ей",
    "ему",
    "если",
    "есть",
    "еще",
    "же",
    "за",
    "здесь",
    "и",
    "из",
    "или",
    "им",
    "ими",
    "их",
    "к",
    "как",
    "когда",
    "кто",
    "ли",
    "либо",
    "мне",
    "меня",
    "мы",
    "на",
    "над",
    "нам",
    "нас",
    "не",
    "него",
    "нее",
    "нет",
    "ни",
    "них",
    "но",
    "ну",
    "о",
    "об",
    "однако",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "очень",
    "по",
    "под",
    "после",
    "при",
    "про",
    "с",
    "со",
    "так",
    "также",
    "там",
    "те",
    "тем",
    "то",
    "того",
    "тоже",
    "той",
    "только",
    "том",
    "ты",
    "у",
    "уже",
    "чем",
    "что",
    "чтобы",
    "эта",
    "эти",
    "этим",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "эту",
    "я",
    "будет",
    "будут",
    "может",
    "который",
    "которые",
    "которая",
    "которых",
    "свой",
    "своих",
    "свою",
    "себя",
    "между",
    "через",
    "перед",
    "всем",
    "всё",
    "ещё",
    "нами",
    "ним",
];

/// What kind of token a word is, for the phrase rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordKind {
    /// A content word.
    Word,
    /// A stopword of either list.
    Stop,
    /// Digits only.
    Number,
}

/// Slots of the stopword table (a power of two, several times the number of words).
const SLOTS: usize = 2048;

/// The word hashes of both lists in an open-addressing table (0 marks an empty slot): a token is
/// looked up by the hash of its normalised form, usually in one probe.
fn stop_table() -> &'static [u64; SLOTS] {
    static TABLE: OnceLock<Box<[u64; SLOTS]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u64; SLOTS]);
        for word in ENGLISH.iter().chain(RUSSIAN) {
            let hash = super::phrases::hash_word(crate::text::normalize_token(word).as_bytes(), false);
            let mut slot = slot_of(hash);
            while table[slot] != 0 && table[slot] != hash {
                slot = (slot + 1) % SLOTS;
            }
            table[slot] = hash;
        }
        table
    })
}

fn slot_of(hash: u64) -> usize {
    (hash >> 53) as usize % SLOTS
}

/// The kind of the token `raw` whose normalised form hashes to `hash`.
pub(crate) fn kind(raw: &str, hash: u64) -> WordKind {
    let number = match raw.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => raw.bytes().all(|b| b.is_ascii_digit()) || raw.chars().all(char::is_numeric),
        Some(b) if b.is_ascii() => false,
        _ => raw.chars().all(char::is_numeric),
    };
    if number {
        return WordKind::Number;
    }
    let table = stop_table();
    let mut slot = slot_of(hash);
    while table[slot] != 0 {
        if table[slot] == hash {
            return WordKind::Stop;
        }
        slot = (slot + 1) % SLOTS;
    }
    WordKind::Word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(word: &str) -> WordKind {
        kind(word, super::super::phrases::hash_word(crate::text::normalize_token(word).as_bytes(), false))
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of("The"), WordKind::Stop);
        assert_eq!(kind_of("Ещё"), WordKind::Stop);
        assert_eq!(kind_of("ЧТОБЫ"), WordKind::Stop);
        assert_eq!(kind_of("2014"), WordKind::Number);
        assert_eq!(kind_of("٢٠١٤"), WordKind::Number);
        assert_eq!(kind_of("NATO"), WordKind::Word);
        assert_eq!(kind_of("2014th"), WordKind::Word);
    }
}
