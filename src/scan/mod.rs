//! The scanner: all patterns of all lexicons compiled into one [`Matcher`] that finds every hit in
//! a document in one pass over its tokens.
//!
//! The pass tokenises the text and looks each token up once in a dictionary of *anchor* words,
//! prefixes and stem screens (each pattern's rarest position); for each anchor found it tries only
//! the patterns anchored there, checking their other positions, gaps and alternatives backwards and
//! forwards around it (or, for a proximity pattern, its other terms in the window around it). Regex
//! patterns are screened with one `RegexSet` pass. The counting rules then apply exclude vetoes
//! and context requirements, resolve overlapping hits of one motif (the longest wins) and count a
//! stretch hit by several motifs of one frame once for the frame. See `DESIGN.md`.

mod anchor;
mod dictionary;
mod examples;
mod matcher;
mod near;
mod regex_patterns;
mod resolve;
#[cfg(test)]
mod tests;
mod token_atoms;

pub use examples::{test_examples, ExampleFailure, ExampleReport};
pub use matcher::{Matcher, Scratch};

use crate::text::Segmentation;

/// One hit of one motif.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`crate::lexicon::LexiconSet::patterns`] of the pattern that matched.
    pub pattern: usize,
    /// Index into [`crate::lexicon::LexiconSet::motifs`].
    pub motif: usize,
    /// Token range of the hit: its first token…
    pub first_token: usize,
    /// …and the token after its last.
    pub end_token: usize,
    /// Byte range of the hit in the original text: start…
    pub start: usize,
    /// …and end, exclusive.
    pub end: usize,
    /// Index of the sentence the hit is in.
    pub sentence: usize,
    /// The motif's weight.
    pub weight: f64,
    /// What the hit adds to its frame's figures: hits of one frame over overlapping tokens form one
    /// stretch that counts once, with the largest weight among them, on its first hit; the other
    /// hits of the stretch carry 0 here (and do not count in the frame's `hits`).
    pub frame_weight: f64,
}

impl Hit {
    /// Whether the hit counts in its frame's `hits` (it is the first of its stretch).
    pub fn counts_for_frame(&self) -> bool {
        self.frame_weight > 0.0
    }
}

/// The tokens, sentences and hits of one document, hits ordered by position then motif.
#[derive(Debug, Default, Clone)]
pub struct DocumentScan {
    /// Tokens and sentences.
    pub segmentation: Segmentation,
    /// The hits after the counting rules.
    pub hits: Vec<Hit>,
    /// The matches of frames' cues (`[frames.cues]`) after the same rules, a stretch of one frame's
    /// cues counting once: they frame segments but are not hits and count in no hit figure.
    pub cues: Vec<Hit>,
}
