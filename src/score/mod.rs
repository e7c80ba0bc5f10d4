//! Per-document framing figures computed from a [`DocumentScan`]. The formulas are the contract
//! documented in README.md ("Columns of documents.csv"):
//!
//! - `hits`: hits of the frame's motifs after the counting rules;
//! - `motifs`: distinct motifs of the frame hit;
//! - `per_1k`: `hits × 1000 / words`;
//! - `share`: words in sentences holding a hit of the frame ÷ words;
//! - `first`: token index of the frame's first hit ÷ words (0 = first word);
//! - `score`: sum of hit weights × 1000 / words;
//! - `top_frame`: the frame with the highest score (ties: lexicon order), none without hits.
//!
//! Every ratio is 0 for a document without words.

mod stats;

pub use stats::RunStats;

use crate::lexicon::LexiconSet;
use crate::scan::DocumentScan;

/// Figures of one frame in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrameFigures {
    pub hits: usize,
    pub motifs: usize,
    pub per_1k: f64,
    pub share: f64,
    pub first: Option<f64>,
    pub score: f64,
}

/// Figures of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentFigures {
    pub words: usize,
    pub sentences: usize,
    /// One entry per frame of the lexicon set, in its order.
    pub frames: Vec<FrameFigures>,
    pub top_frame: Option<usize>,
}

/// Computes the figures of one scanned document.
pub fn score_document(scan: &DocumentScan, lexicons: &LexiconSet) -> DocumentFigures {
    let words = scan.segmentation.words();
    let frame_count = lexicons.frames.len();
    let mut frames = vec![FrameFigures::default(); frame_count];
    let mut weights = vec![0.0; frame_count];
    let mut motifs_seen = vec![false; lexicons.motifs.len()];
    let mut sentence_hit = vec![vec![false; scan.segmentation.sentences.len()]; frame_count];
    for hit in &scan.hits {
        let frame = lexicons.motifs[hit.motif].frame;
        let figures = &mut frames[frame];
        figures.hits += 1;
        weights[frame] += hit.weight;
        if !motifs_seen[hit.motif] {
            motifs_seen[hit.motif] = true;
            figures.motifs += 1;
        }
        if figures.first.is_none() {
            figures.first = Some(ratio(hit.first_token as f64, words));
        }
        sentence_hit[frame][hit.sentence] = true;
    }
    for (frame, figures) in frames.iter_mut().enumerate() {
        figures.per_1k = ratio(figures.hits as f64 * 1000.0, words);
        figures.score = ratio(weights[frame] * 1000.0, words);
        let covered: usize = scan
            .segmentation
            .sentences
            .iter()
            .zip(&sentence_hit[frame])
            .filter(|(_, &hit)| hit)
            .map(|(range, _)| range.len())
            .sum();
        figures.share = ratio(covered as f64, words);
    }
    let top_frame = frames
        .iter()
        .enumerate()
        .filter(|(_, f)| f.hits > 0)
        .fold(None, |best: Option<(usize, f64)>, (i, f)| match best {
            Some((_, score)) if score >= f.score => best,
            _ => Some((i, f.score)),
        })
        .map(|(i, _)| i);
    DocumentFigures { words, sentences: scan.segmentation.sentences.len(), frames, top_frame }
}

fn ratio(numerator: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        numerator / words as f64
    }
}
