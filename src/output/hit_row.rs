//! One row of `hits.csv`, built on the worker thread while the document text is at hand: character
//! offsets, the matched text and about 60 characters of context on each side (white space runs
//! shown as one space).

use crate::scan::Hit;
use crate::text::CharOffsets;

const CONTEXT_CHARS: usize = 60;

/// One hit, ready to be written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HitRow {
    /// Index of the motif.
    pub motif: usize,
    /// Index of the pattern that matched.
    pub pattern: usize,
    /// Character offsets into the original text: start…
    pub start: usize,
    /// …and end, exclusive.
    pub end: usize,
    /// The matched text as written.
    pub matched: String,
    /// Index of its sentence.
    pub sentence: usize,
    /// Up to 60 characters before it.
    pub left: String,
    /// Up to 60 characters after it.
    pub right: String,
    /// The speaker of the turn the hit is in.
    pub speaker: String,
}

impl HitRow {
    /// The row of `hit` in `text`, whose character offsets are `offsets`.
    pub fn new(text: &str, offsets: &CharOffsets, hit: &Hit, speaker: String) -> HitRow {
        let (left, right) = context(text, hit.start, hit.end);
        HitRow {
            motif: hit.motif,
            pattern: hit.pattern,
            start: offsets.char_offset(hit.start),
            end: offsets.char_offset(hit.end),
            matched: text[hit.start..hit.end].to_string(),
            sentence: hit.sentence,
            left,
            right,
            speaker,
        }
    }
}

/// Up to 60 characters of `text` before byte `start` and after byte `end`, white space runs shown
/// as one space: the `left` and `right` columns of every keyword-in-context table.
pub fn context(text: &str, start: usize, end: usize) -> (String, String) {
    let before = &text[..start];
    let left_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(i, _)| i);
    let after = &text[end..];
    let right_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(i, _)| i);
    (squeeze_whitespace(&before[left_start..]), squeeze_whitespace(&after[..right_end]))
}

/// `s` with each run of white space shown as one space (copied a run of other characters at a
/// time, not character by character).
fn squeeze_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Where the run of other characters being read starts; `None` inside white space.
    let mut run = Some(0);
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), run) {
            (true, Some(start)) => {
                out.push_str(&s[start..i]);
                out.push(' ');
                run = None;
            }
            (false, None) => run = Some(i),
            _ => {}
        }
    }
    if let Some(start) = run {
        out.push_str(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_runs_become_one_space() {
        for (text, squeezed) in [
            ("", ""),
            ("a", "a"),
            ("  a", " a"),
            ("a \n\t b", "a b"),
            ("b\u{a0}\u{2009}c ", "b c "),
            ("братский\r\n\r\nнарод", "братский народ"),
        ] {
            assert_eq!(squeeze_whitespace(text), squeezed, "{text:?}");
        }
    }
}
