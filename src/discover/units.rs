//! One document as discovery reads it: its units (the whole document, or with `--by speaker` the
//! turns of each speaker), the group of each unit, and the eligible phrases of each (`phrases.rs`).
//!
//! The later passes apply every rule: sentences (speaker labels end them, as in a scan), lexicon
//! hits, and speaker labels (`President of Russia Vladimir Putin:`), whose words are not speech
//! and are covered like hits. The first pass only over-counts, so it skips what costs most: it
//! neither scans for hits nor splits sentences nor finds labels, which only adds phrases.

use super::phrases::{eligible, Phrase, Words};
use super::GroupBy;
use crate::corpus::Document;
use crate::pipeline::{document_speaker, turns_of, TranscriptOptions};
use crate::scan::{Matcher, Scratch};
use crate::text::{tokenize, Token};

/// Group of documents without a value of the `--by` field.
pub const NO_GROUP: &str = "(none)";

/// The phrases of one unit.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub group: String,
    /// Eligible phrases, in text order (or by key, deduplicated, after [`Unit::distinct`]).
    pub phrases: Vec<Phrase>,
}

impl Unit {
    /// Keeps one phrase per key (its first occurrence), sorted by key.
    pub fn distinct(&mut self) {
        self.phrases.sort_unstable_by_key(|p| (p.key, p.start));
        self.phrases.dedup_by_key(|p| p.key);
    }
}

/// Per-thread buffers.
#[derive(Default)]
pub(crate) struct Buffers {
    pub scratch: Scratch,
    pub words: Words,
    tokens: Vec<Token>,
    phrases: Vec<Phrase>,
}

/// A document cut into units; `tokens` and `sentence` are kept for quoting examples.
pub(crate) struct Analysed {
    pub units: Vec<Unit>,
    pub tokens: Vec<Token>,
    /// Token ranges of the sentences (empty in the first pass).
    pub sentences: Vec<std::ops::Range<usize>>,
}

/// How a pass reads documents.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Depth {
    /// Tokens only (the over-counting first pass).
    Tokens,
    /// Sentences and lexicon hits too.
    Full,
}

/// Cuts `document` into units and finds the eligible phrases of each.
pub(crate) fn analyse(
    document: &Document,
    by: Option<&GroupBy>,
    transcripts: &TranscriptOptions,
    matcher: &Matcher,
    depth: Depth,
    buffers: &mut Buffers,
) -> Analysed {
    let text = document.text.as_str();
    // Speaker labels end sentences, as in a scan; the first pass needs the turns only per speaker.
    let speakers = matches!(by, Some(GroupBy::Speaker));
    let turns = (speakers || depth == Depth::Full)
        .then(|| turns_of(text, document_speaker(&document.meta, transcripts), transcripts));
    let label_starts = turns.as_ref().map_or(&[][..], |t| t.label_starts.as_slice());
    let (tokens, segment, covered, sentences) = match depth {
        Depth::Tokens => {
            tokenize(text, &mut buffers.tokens);
            (std::mem::take(&mut buffers.tokens), None, None, Vec::new())
        }
        Depth::Full => {
            let scan = matcher.scan_with_breaks(text, label_starts, &mut buffers.scratch);
            // Speaker labels are not speech: their tokens are covered like hits.
            let tokens = &scan.segmentation.tokens;
            let mut covered = vec![!turns.as_ref().is_some_and(|t| t.label_starts.is_empty()); tokens.len()];
            if let Some(turns) = &turns {
                for range in &turns.bodies {
                    let first = tokens.partition_point(|t| t.start < range.start);
                    let end = tokens.partition_point(|t| t.start < range.end);
                    covered[first..end].fill(false);
                }
            }
            for hit in &scan.hits {
                covered[hit.first_token..hit.end_token].fill(true);
            }
            let segmentation = scan.segmentation;
            (segmentation.tokens, Some(segmentation.token_sentence), Some(covered), segmentation.sentences)
        }
    };
    buffers.words.analyse(text, &tokens);
    // The unit of each token: its speaker, or the one unit of the document.
    let (names, token_unit): (Vec<String>, Vec<u32>) = match turns.as_ref().filter(|_| speakers) {
        Some(turns) => {
            let mut unit = vec![u32::MAX; tokens.len()];
            for (body, range) in turns.bodies.iter().enumerate() {
                let first = tokens.partition_point(|t| t.start < range.start);
                let end = tokens.partition_point(|t| t.start < range.end);
                unit[first..end].fill(turns.body_speaker[body] as u32);
            }
            (turns.speakers.clone(), unit)
        }
        None => {
            let group = match by {
                Some(GroupBy::Field(field)) => document
                    .meta
                    .iter()
                    .find(|(key, value)| key == field && !value.trim().is_empty())
                    .map_or(NO_GROUP.to_string(), |(_, value)| value.trim().to_string()),
                _ => String::new(),
            };
            (vec![group], vec![0; tokens.len()])
        }
    };
    let segment = segment.unwrap_or_else(|| token_unit.clone());
    buffers.phrases.clear();
    eligible(&buffers.words, 0..tokens.len(), &segment, covered.as_deref(), &mut buffers.phrases);
    let mut units: Vec<Unit> = names.into_iter().map(|group| Unit { group, phrases: Vec::new() }).collect();
    for phrase in &buffers.phrases {
        if let Some(unit) = units.get_mut(token_unit[phrase.start as usize] as usize) {
            unit.phrases.push(*phrase);
        }
    }
    if speakers {
        let mut has_tokens = vec![false; units.len()];
        for &unit in &token_unit {
            if let Some(flag) = has_tokens.get_mut(unit as usize) {
                *flag = true;
            }
        }
        let mut flags = has_tokens.into_iter();
        units.retain(|_| flags.next().unwrap_or(false));
    }
    Analysed { units, tokens, sentences }
}

/// A keyword-in-context view of tokens `start..end` of `text`: up to 60 characters each side
/// (white space runs shown as one space), the matched text as written, and its sentence (cut to
/// 300 characters around the phrase, at token boundaries).
pub(crate) fn quote(
    text: &str,
    tokens: &[Token],
    sentences: &[std::ops::Range<usize>],
    start: usize,
    end: usize,
) -> Kwic {
    let (from, to) = (tokens[start].start, tokens[end - 1].end);
    let (left, right) = crate::output::context(text, from, to);
    let sentence = sentences.iter().find(|s| s.start <= start && end <= s.end).cloned().unwrap_or(start..end);
    let mut first = sentence.start;
    let mut last = sentence.end;
    while tokens[last - 1].end - tokens[first].start > 300 && (first < start || last > end) {
        if start - first >= last - end {
            first += 1;
        } else {
            last -= 1;
        }
    }
    Kwic {
        left,
        matched: text[from..to].to_string(),
        right,
        sentence: text[tokens[first].start..tokens[last - 1].end].split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// A phrase in its context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kwic {
    /// Up to 60 characters before it.
    pub left: String,
    /// The phrase as written.
    pub matched: String,
    /// Up to 60 characters after it.
    pub right: String,
    /// Its sentence (at most about 300 characters of it).
    pub sentence: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load_bundled;
    use proptest::prelude::*;

    fn document(text: &str) -> Document {
        Document {
            id: "d".into(),
            meta: Vec::new(),
            text: text.into(),
            source: "t".into(),
            line: 1,
            cues: Vec::new(),
            id_missing: false,
        }
    }

    proptest! {
        /// Any text: every phrase of the full pass is one the first pass also counts, lies in one
        /// sentence, and can be quoted.
        #[test]
        fn phrases_are_found_and_quoted_without_panics(text in "(?s)[a-zA-Zа-яё0-9 .,:!?\n\u{a0}\u{ad}'’-]{0,300}") {
            static MATCHER: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
            let matcher = MATCHER.get_or_init(|| Matcher::new(&load_bundled().unwrap()).unwrap());
            let transcripts = TranscriptOptions::default();
            let doc = document(&text);
            let mut buffers = Buffers::default();
            for by in [None, Some(GroupBy::Speaker)] {
                let first = analyse(&doc, by.as_ref(), &transcripts, matcher, Depth::Tokens, &mut buffers);
                let counted: std::collections::HashSet<u64> =
                    first.units.iter().flat_map(|u| &u.phrases).map(|p| p.key).collect();
                let full = analyse(&doc, by.as_ref(), &transcripts, matcher, Depth::Full, &mut buffers);
                for phrase in full.units.iter().flat_map(|u| &u.phrases) {
                    prop_assert!(counted.contains(&phrase.key), "the first pass over-counts");
                    let (start, end) = (phrase.start as usize, phrase.start as usize + phrase.len as usize);
                    let kwic = quote(&doc.text, &full.tokens, &full.sentences, start, end);
                    prop_assert!(kwic.sentence.contains(kwic.matched.split_whitespace().next().unwrap_or("")));
                }
            }
        }
    }
}
