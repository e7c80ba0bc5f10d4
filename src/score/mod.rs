//! Per-document framing figures computed from a [`DocumentScan`]. The formulas are the contract
//! documented in README.md ("Columns of documents.csv"):
//!
//! - `hits`: hits of the frame's motifs after the counting rules, a stretch of words hit by several
//!   motifs of the frame counting once ([`crate::scan::Hit::frame_weight`]);
//! - `motifs`: distinct motifs of the frame hit;
//! - `per_1k`: `hits × 1000 / words`;
//! - `share`: words in sentences holding a hit of the frame ÷ words;
//! - `first`: token index of the frame's first hit ÷ words (0 = first word);
//! - `score`: sum of the hits' frame weights (each stretch: the largest weight among its hits)
//!   × 1000 / words;
//! - `top_frame`: the frame with the highest score (ties: lexicon order), none without hits;
//! - `seconds`: the frame's share of the time of each segment, summed (a segment's time is shared
//!   among its frames by evidence, see `framing.rs`); `airtime`: that ÷ all the time;
//! - `opening_frame`: the frame holding most of the first 25% of the time (shares counted alike).
//!
//! `hits`, `motifs`, `per_1k`, `share`, `first`, `score` and `top_frame` come from leitmotif hits
//! only; `seconds`, `airtime` and `opening_frame` from the timeline (hits, cues and the model).
//!
//! Every ratio is 0 for a document without words. A *view* restricts all of this to some tokens
//! and segments: one speaker's turns. [`score_views`] computes disjoint views (every speaker of a
//! transcript) in one pass over the document.

mod framing;
mod stats;
mod timeline;
mod views;

pub use framing::{
    add_segment_seconds, evidence_frames, frame_seconds, FrameSource, FramingOptions, SegmentFrame,
    DEFAULT_MIN_CUE_WEIGHT,
};
pub use stats::RunStats;
pub use timeline::{timeline, Clock, Segment, DEFAULT_WPM};
pub use views::score_views;

use crate::lexicon::LexiconSet;
use crate::scan::DocumentScan;

/// Figures of one frame in one document.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FrameFigures {
    /// Hits of the frame's motifs (a stretch hit by several of them counts once).
    pub hits: usize,
    /// Distinct motifs of the frame hit.
    pub motifs: usize,
    /// `hits × 1000 / words`.
    pub per_1k: f64,
    /// Words in sentences holding a hit of the frame ÷ words.
    pub share: f64,
    /// Token index of the first hit ÷ words.
    pub first: Option<f64>,
    /// Sum of the hits' frame weights × 1000 / words.
    pub score: f64,
    /// Time of the segments whose frame it is.
    pub seconds: f64,
    /// `seconds` ÷ all the time.
    pub airtime: f64,
}

/// Figures of one document.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocumentFigures {
    /// Tokens of the view.
    pub words: usize,
    /// Sentences holding at least one token of the view.
    pub sentences: usize,
    /// Speaking time of the view's segments.
    pub seconds: f64,
    /// One entry per frame of the lexicon set, in its order.
    pub frames: Vec<FrameFigures>,
    /// The frame with the highest score.
    pub top_frame: Option<usize>,
    /// The frame holding most of the first 25% of the time.
    pub opening_frame: Option<usize>,
}

/// Computes the figures of one scanned document (all its tokens, no timeline).
pub fn score_document(scan: &DocumentScan, lexicons: &LexiconSet) -> DocumentFigures {
    score_view(scan, lexicons, None, &[])
}

/// Computes the figures of the tokens marked in `in_view` (all tokens when `None`) and of the
/// timeline `segments` that belong to the view.
pub fn score_view(
    scan: &DocumentScan,
    lexicons: &LexiconSet,
    in_view: Option<&[bool]>,
    segments: &[&Segment],
) -> DocumentFigures {
    let view_of = |t: usize| in_view.is_none_or(|mask| mask[t]).then_some(0);
    let mut figures = score_views(scan, lexicons, view_of, &[segments.to_vec()]);
    figures.pop().expect("one view")
}

pub(crate) fn ratio(numerator: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        numerator / words as f64
    }
}
