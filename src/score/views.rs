//! Figures of several disjoint views of one document in one pass: each speaker's turns of a
//! transcript, say. Scoring each view over the whole document instead would cost (speakers ×
//! document length), which for a transcript of thousands of short turns is quadratic.
//!
//! The figures are exactly those of [`score_view`](super::score_view) for each view alone (which is
//! this function with one view): sums are taken in the same order.

use super::framing::frame_seconds;
use super::timeline::{argmax, Segment};
use super::{ratio, DocumentFigures, FrameFigures};
use crate::lexicon::LexiconSet;
use crate::scan::DocumentScan;
use std::collections::HashSet;

/// The figures of each view: `view_of(t)` is the view token `t` belongs to (`None`: no view), and
/// `segments[v]` the timeline segments of view `v`, in order. There are `segments.len()` views.
pub fn score_views(
    scan: &DocumentScan,
    lexicons: &LexiconSet,
    view_of: impl Fn(usize) -> Option<usize>,
    segments: &[Vec<&Segment>],
) -> Vec<DocumentFigures> {
    let views = segments.len();
    let frame_count = lexicons.frames.len();
    let hits = &scan.hits;
    // Words of each view, and each hit's word position within its view.
    let mut words = vec![0usize; views];
    let mut hit_position = vec![0usize; hits.len()];
    let mut next_hit = 0;
    for t in 0..scan.segmentation.tokens.len() {
        let Some(v) = view_of(t) else { continue };
        while next_hit < hits.len() && hits[next_hit].first_token < t {
            next_hit += 1;
        }
        while next_hit < hits.len() && hits[next_hit].first_token == t {
            hit_position[next_hit] = words[v];
            next_hit += 1;
        }
        words[v] += 1;
    }
    // (sentence, words of the view in it) for each view, sentences in order.
    let mut sentence_words: Vec<Vec<(usize, usize)>> = vec![Vec::new(); views];
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (sentence, range) in scan.segmentation.sentences.iter().enumerate() {
        counts.clear();
        for v in range.clone().filter_map(&view_of) {
            match counts.iter_mut().rev().find(|(view, _)| *view == v) {
                Some((_, n)) => *n += 1,
                None => counts.push((v, 1)),
            }
        }
        for &(v, n) in &counts {
            sentence_words[v].push((sentence, n));
        }
    }
    let mut frames = vec![vec![FrameFigures::default(); frame_count]; views];
    let mut weights = vec![vec![0.0; frame_count]; views];
    let mut motifs_seen: HashSet<(usize, usize)> = HashSet::new();
    // (view, sentence, frame) of every hit.
    let mut marked: Vec<(usize, usize, usize)> = Vec::new();
    for (h, hit) in hits.iter().enumerate() {
        let Some(v) = view_of(hit.first_token) else { continue };
        let frame = lexicons.motifs[hit.motif].frame;
        let figures = &mut frames[v][frame];
        if hit.counts_for_frame() {
            figures.hits += 1;
        }
        weights[v][frame] += hit.frame_weight;
        if motifs_seen.insert((v, hit.motif)) {
            figures.motifs += 1;
        }
        if figures.first.is_none() {
            figures.first = Some(ratio(hit_position[h] as f64, words[v]));
        }
        marked.push((v, hit.sentence, frame));
    }
    marked.sort_unstable();
    marked.dedup();
    let mut covered = vec![vec![0usize; frame_count]; views];
    for (v, sentence, frame) in marked {
        let mine = &sentence_words[v];
        let at = mine.partition_point(|&(s, _)| s < sentence);
        covered[v][frame] += mine[at].1;
    }
    frames
        .into_iter()
        .enumerate()
        .map(|(v, mut frames)| {
            let segments = &segments[v];
            let words = words[v];
            let (frame_time, seconds, opening_frame) =
                frame_seconds(segments.iter().map(|s| (s.seconds(), s.frames.as_slice())), frame_count);
            for (frame, figures) in frames.iter_mut().enumerate() {
                figures.per_1k = ratio(figures.hits as f64 * 1000.0, words);
                figures.score = ratio(weights[v][frame] * 1000.0, words);
                figures.share = ratio(covered[v][frame] as f64, words);
                figures.seconds = frame_time[frame];
                figures.airtime = if seconds > 0.0 { figures.seconds / seconds } else { 0.0 };
            }
            let scores: Vec<f64> = frames.iter().map(|f| if f.hits > 0 { f.score } else { 0.0 }).collect();
            DocumentFigures {
                words,
                sentences: sentence_words[v].len(),
                seconds,
                top_frame: argmax(&scores),
                opening_frame,
                frames,
            }
        })
        .collect()
}
