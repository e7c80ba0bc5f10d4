//! Text analysis shared by every later stage: token normalisation, tokenisation with byte offsets,
//! sentence boundaries and byte-to-character offset conversion.
//!
//! A *token* is a maximal run of Unicode letters, digits and combining marks (soft hyphens and
//! zero-width joiners inside a run are kept in it and dropped by normalisation). Everything else
//! separates tokens, so `neo-Nazi` is the two tokens `neo` `nazi`. Tokens are compared in their
//! normalised form (NFKC, full case folding, `ё`→`е`), computed by `normalize.rs`.

mod aliases;
mod label_words;
mod name_tails;
mod normalize;
mod offsets;
mod paragraphs;
#[cfg(test)]
mod properties;
mod sentences;
mod speaker_match;
mod speakers;
mod tokens;

pub use aliases::{AliasTable, NO_SPEAKER};
pub use normalize::normalize_token;
pub use offsets::CharOffsets;
pub use speakers::{SpeakerPattern, DEFAULT_SPEAKER_PATTERN};
pub use tokens::{tokenize, Token};

pub(crate) use aliases::resolve_speakers;
pub(crate) use normalize::normalize_into;
pub(crate) use paragraphs::{paragraph_breaks, segment, SegmentSpan};
pub(crate) use sentences::sentence_breaks;
pub(crate) use speaker_match::speaker_matches;
pub(crate) use speakers::detect_turns;
pub(crate) use tokens::{is_token_char, joined_to_previous};

use std::ops::Range;

/// The tokens and sentences of one text.
#[derive(Debug, Default, Clone)]
pub struct Segmentation {
    /// The tokens in order.
    pub tokens: Vec<Token>,
    /// Sentence index of each token.
    pub token_sentence: Vec<u32>,
    /// Token index range of each sentence; only sentences holding at least one token are kept.
    pub sentences: Vec<Range<usize>>,
    /// Per token: glued to the previous token by one hyphen or apostrophe (`neo-Nazis`,
    /// `Russia's`): no match starts on it (`joined_to_previous`).
    pub joined: Vec<bool>,
}

impl Segmentation {
    /// Tokenises `text` and splits it into sentences, reusing this value's buffers.
    pub fn analyse(&mut self, text: &str) {
        self.analyse_with_breaks(text, &[]);
    }

    /// Like [`Segmentation::analyse`], with extra sentence breaks (sorted byte offsets), such as
    /// the starts of speaker turns.
    pub fn analyse_with_breaks(&mut self, text: &str, extra: &[usize]) {
        tokenize(text, &mut self.tokens);
        self.joined.clear();
        let bytes = text.as_bytes();
        let mut previous_end = None;
        for token in &self.tokens {
            self.joined.push(previous_end.is_some_and(|end| joined_to_previous(&bytes[end..token.start])));
            previous_end = Some(token.end);
        }
        let mut breaks = sentence_breaks(text);
        if !extra.is_empty() {
            breaks.extend_from_slice(extra);
            breaks.sort_unstable();
            breaks.dedup();
        }
        self.token_sentence.clear();
        self.sentences.clear();
        let mut next_break = 0;
        let mut current_start: Option<usize> = None;
        for (i, token) in self.tokens.iter().enumerate() {
            let mut crossed = false;
            while next_break < breaks.len() && breaks[next_break] <= token.start {
                next_break += 1;
                crossed = true;
            }
            if crossed || current_start.is_none() {
                if let Some(start) = current_start {
                    self.sentences.push(start..i);
                }
                current_start = Some(i);
            }
            self.token_sentence.push(self.sentences.len() as u32);
        }
        if let Some(start) = current_start {
            self.sentences.push(start..self.tokens.len());
        }
    }

    /// The number of tokens.
    pub fn words(&self) -> usize {
        self.tokens.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        let mut seg = Segmentation::default();
        seg.analyse(text);
        seg.sentences.iter().map(|r| text[seg.tokens[r.start].start..seg.tokens[r.end - 1].end].to_string()).collect()
    }

    #[test]
    fn sentences_hold_their_tokens() {
        assert_eq!(sentence_texts("First one. Second one!\n\nThird"), vec!["First one", "Second one", "Third"]);
    }

    #[test]
    fn hard_wrapped_text_keeps_sentences_whole() {
        let text = "Мы\u{a0}собрались с вами\nдля того, чтобы обсудить\nситуацию. Итак,\nначну.";
        assert_eq!(
            sentence_texts(text),
            vec!["Мы\u{a0}собрались с вами\nдля того, чтобы обсудить\nситуацию", "Итак,\nначну"]
        );
    }

    #[test]
    fn tokens_glued_by_a_hyphen_or_apostrophe_are_joined() {
        let text = "neo-Nazis, Russia\u{2019}s and Russia's; pro - West, 2014–2022, neo-\nNazi";
        let mut seg = Segmentation::default();
        seg.analyse(text);
        let joined: Vec<&str> =
            seg.tokens.iter().zip(&seg.joined).filter(|(_, &j)| j).map(|(t, _)| &text[t.start..t.end]).collect();
        assert_eq!(joined, ["Nazis", "s", "s"]);
    }

    #[test]
    fn text_without_tokens_has_no_sentences() {
        let mut seg = Segmentation::default();
        seg.analyse(" … * * * ");
        assert!(seg.sentences.is_empty());
        assert_eq!(seg.words(), 0);
    }
}
