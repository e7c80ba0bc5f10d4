//! The timeline of a document: each segment gets its speaker, its estimated or real time, its
//! frames from hits and cues with their shares of its time (see `framing.rs`; the corpus model
//! frames the rest later, in the pipeline) and its motifs.
//!
//! Time is estimated from words at a speaking rate (`--wpm`, default 150 words per minute), in
//! speaking order from the start of the document; for subtitles it is taken from the cues (a cue
//! split into several segments shares its time among them by words).

use super::framing::{evidence_frames, FramingOptions, SegmentFrame};
use crate::corpus::Cue;
use crate::lexicon::LexiconSet;
use crate::scan::{DocumentScan, Hit};
use crate::text::SegmentSpan;
use std::ops::Range;

/// Words per minute assumed for speeches without timestamps.
pub const DEFAULT_WPM: f64 = 150.0;

/// How segment times are found.
#[derive(Debug, Clone, Copy)]
pub enum Clock<'a> {
    /// Times estimated from words at this speaking rate.
    WordsPerMinute(f64),
    /// Real times from subtitle cues.
    Cues(&'a [Cue]),
}

/// One segment of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Index of the speaker (into the document's speaker list).
    pub speaker: usize,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Start time in seconds.
    pub start_s: f64,
    /// End time in seconds.
    pub end_s: f64,
    /// Its frames, largest share first (empty: no frame).
    pub frames: Vec<SegmentFrame>,
    /// Motifs hit in the segment, in order of first appearance.
    pub motifs: Vec<usize>,
    /// Indices into the scan's cues of the cue matches in the segment.
    pub cues: Range<usize>,
}

impl Segment {
    /// Its duration.
    pub fn seconds(&self) -> f64 {
        self.end_s - self.start_s
    }

    /// Its main frame: the one with the largest share.
    pub fn frame(&self) -> Option<usize> {
        self.frames.first().map(|f| f.frame)
    }
}

/// Builds the timeline; `speaker_of_body[b]` is the speaker of turn body `b`.
pub fn timeline(
    spans: &[SegmentSpan],
    speaker_of_body: &[usize],
    scan: &DocumentScan,
    lexicons: &LexiconSet,
    clock: Clock,
    framing: &FramingOptions,
) -> Vec<Segment> {
    let mut elapsed = 0.0;
    let tokens = &scan.segmentation.tokens;
    spans
        .iter()
        .map(|span| {
            let range = span.tokens.clone();
            let (start_s, end_s) = match clock {
                Clock::WordsPerMinute(wpm) => {
                    let start = elapsed;
                    elapsed += range.len() as f64 * 60.0 / wpm;
                    (start, elapsed)
                }
                Clock::Cues(cues) => cue_time(cues, tokens, &range, &mut elapsed),
            };
            let frame_count = lexicons.frames.len();
            let (hit_weights, motifs, _) = frame_weights(&scan.hits, lexicons, &range, frame_count);
            let (cue_weights, _, cues) = frame_weights(&scan.cues, lexicons, &range, frame_count);
            let frames = evidence_frames(&hit_weights, &cue_weights, framing);
            Segment { speaker: speaker_of_body[span.body], tokens: range, start_s, end_s, frames, motifs, cues }
        })
        .collect()
}

fn cue_time(cues: &[Cue], tokens: &[crate::text::Token], range: &Range<usize>, elapsed: &mut f64) -> (f64, f64) {
    let start_byte = tokens[range.start].start;
    // Cues are disjoint byte ranges in text order: the only one that can hold the segment's start
    // is the first ending after it (a binary search, so thousands of cues stay cheap).
    let Some(cue) = cues.get(cues.partition_point(|c| c.end <= start_byte)).filter(|c| c.start <= start_byte) else {
        return (*elapsed, *elapsed);
    };
    let first = tokens.partition_point(|t| t.start < cue.start);
    let end = tokens.partition_point(|t| t.start < cue.end);
    let words = (end - first).max(1) as f64;
    let duration = cue.end_s - cue.start_s;
    let at = |token: usize| cue.start_s + duration * (token.clamp(first, end) - first) as f64 / words;
    let times = (at(range.start), at(range.end));
    *elapsed = times.1;
    times
}

/// The weight per frame of the hits (or cues) starting in `range`, the motifs among them in order
/// of first appearance, and their index range.
fn frame_weights(
    hits: &[Hit],
    lexicons: &LexiconSet,
    range: &Range<usize>,
    frame_count: usize,
) -> (Vec<f64>, Vec<usize>, Range<usize>) {
    let first = hits.partition_point(|h| h.first_token < range.start);
    let end = first + hits[first..].partition_point(|h| h.first_token < range.end);
    let mut weights = vec![0.0; frame_count];
    let mut motifs = Vec::new();
    for hit in &hits[first..end] {
        weights[lexicons.motifs[hit.motif].frame] += hit.frame_weight;
        if !motifs.contains(&hit.motif) {
            motifs.push(hit.motif);
        }
    }
    (weights, motifs, first..end)
}

/// The index of the largest positive value; ties: the lowest index.
pub(crate) fn argmax(values: &[f64]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &v) in values.iter().enumerate() {
        if v > 0.0 && best.is_none_or(|b| v > values[b]) {
            best = Some(i);
        }
    }
    best
}
