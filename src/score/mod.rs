//! Per-document framing figures computed from a [`DocumentScan`]. The formulas are the contract
//! documented in README.md ("Columns of documents.csv"):
//!
//! - `hits`: hits of the frame's motifs after the counting rules;
//! - `motifs`: distinct motifs of the frame hit;
//! - `per_1k`: `hits × 1000 / words`;
//! - `share`: words in sentences holding a hit of the frame ÷ words;
//! - `first`: token index of the frame's first hit ÷ words (0 = first word);
//! - `score`: sum of hit weights × 1000 / words;
//! - `top_frame`: the frame with the highest score (ties: lexicon order), none without hits;
//! - `seconds`: the time of the segments whose frame it is; `airtime`: that ÷ all the time;
//! - `opening_frame`: the frame holding most of the first 25% of the time.
//!
//! Every ratio is 0 for a document without words. A *view* restricts all of this to some tokens
//! and segments: one speaker's turns.

mod stats;
mod timeline;

pub use stats::RunStats;
pub use timeline::{timeline, Clock, Segment, DEFAULT_WPM};

use crate::lexicon::LexiconSet;
use crate::scan::DocumentScan;

/// Figures of one frame in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameFigures {
    /// Hits of the frame's motifs.
    pub hits: usize,
    /// Distinct motifs of the frame hit.
    pub motifs: usize,
    /// `hits × 1000 / words`.
    pub per_1k: f64,
    /// Words in sentences holding a hit of the frame ÷ words.
    pub share: f64,
    /// Token index of the first hit ÷ words.
    pub first: Option<f64>,
    /// Sum of hit weights × 1000 / words.
    pub score: f64,
    /// Time of the segments whose frame it is.
    pub seconds: f64,
    /// `seconds` ÷ all the time.
    pub airtime: f64,
}

/// Figures of one document.
#[derive(Debug, Clone, Default, PartialEq)]
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
    let tokens = scan.segmentation.tokens.len();
    let visible = |t: usize| in_view.is_none_or(|mask| mask[t]);
    // Tokens of the view before each token: the view's own word positions.
    let mut position = Vec::with_capacity(tokens);
    let mut words = 0;
    for t in 0..tokens {
        position.push(words);
        words += usize::from(visible(t));
    }
    let frame_count = lexicons.frames.len();
    let mut frames = vec![FrameFigures::default(); frame_count];
    let mut weights = vec![0.0; frame_count];
    let mut motifs_seen = vec![false; lexicons.motifs.len()];
    let sentences = &scan.segmentation.sentences;
    let mut sentence_hit = vec![vec![false; sentences.len()]; frame_count];
    for hit in scan.hits.iter().filter(|h| visible(h.first_token)) {
        let frame = lexicons.motifs[hit.motif].frame;
        let figures = &mut frames[frame];
        figures.hits += 1;
        weights[frame] += hit.weight;
        if !motifs_seen[hit.motif] {
            motifs_seen[hit.motif] = true;
            figures.motifs += 1;
        }
        if figures.first.is_none() {
            figures.first = Some(ratio(position[hit.first_token] as f64, words));
        }
        sentence_hit[frame][hit.sentence] = true;
    }
    let sentence_words: Vec<usize> = sentences.iter().map(|r| r.clone().filter(|&t| visible(t)).count()).collect();
    let seconds: f64 = segments.iter().map(|s| s.seconds()).sum();
    for (frame, figures) in frames.iter_mut().enumerate() {
        figures.per_1k = ratio(figures.hits as f64 * 1000.0, words);
        figures.score = ratio(weights[frame] * 1000.0, words);
        let covered: usize =
            sentence_words.iter().zip(&sentence_hit[frame]).filter(|(_, &hit)| hit).map(|(w, _)| w).sum();
        figures.share = ratio(covered as f64, words);
        figures.seconds = segments.iter().filter(|s| s.frame == Some(frame)).map(|s| s.seconds()).sum();
        figures.airtime = if seconds > 0.0 { figures.seconds / seconds } else { 0.0 };
    }
    let scores: Vec<f64> = frames.iter().map(|f| if f.hits > 0 { f.score } else { 0.0 }).collect();
    DocumentFigures {
        words,
        sentences: sentence_words.iter().filter(|&&w| w > 0).count(),
        seconds,
        top_frame: timeline::argmax(&scores),
        opening_frame: opening_frame(segments, frame_count, seconds),
        frames,
    }
}

/// The frame holding most of the first quarter of the speaking time (segments in order).
fn opening_frame(segments: &[&Segment], frames: usize, seconds: f64) -> Option<usize> {
    let window = seconds * 0.25;
    let mut time = vec![0.0; frames];
    let mut clock = 0.0;
    for segment in segments {
        let overlap = (clock + segment.seconds()).min(window) - clock;
        if overlap <= 0.0 {
            break;
        }
        if let Some(frame) = segment.frame {
            time[frame] += overlap;
        }
        clock += segment.seconds();
    }
    timeline::argmax(&time)
}

fn ratio(numerator: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        numerator / words as f64
    }
}
