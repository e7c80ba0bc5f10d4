//! The counting rules applied to raw pattern matches:
//!
//! 1. a match of a motif's exclude pattern vetoes the motif's matches in its sentence, or with an
//!    `exclude_window` only those within that many tokens of it (same sentence);
//! 2. a match of a pattern that requires context (`require_near`) is kept only if a context
//!    pattern of its motif matched within its `near_window` tokens, in the same paragraph;
//! 3. among the remaining matches of one motif, overlapping matches count once and the longest
//!    wins (ties: the earlier start, then the pattern listed first); different motifs count
//!    independently;
//! 4. for the frame's figures, hits of one frame over overlapping tokens form one stretch (the
//!    union of overlapping hits, taken transitively) that counts once, with the largest weight
//!    among its hits, credited to its first hit; the others credit 0.

use crate::lexicon::Role;
use crate::text::Segmentation;
use std::collections::{HashMap, HashSet};

/// A raw match of pattern `entry` over tokens `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub entry: usize,
    pub first: usize,
    pub end: usize,
}

/// What a pattern entry's matches do.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub motif: usize,
    pub frame: usize,
    pub weight: f64,
    pub role: Role,
}

/// A windowed exclude match: first token, end token, window.
type WindowedVeto = (usize, usize, usize);

/// Tokens strictly between two token ranges (0 when they touch or overlap).
fn distance(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// Applies vetoes, context, overlap resolution and frame stretches; returns each hit with the
/// weight it adds to its frame, ordered by first token, then motif. `paragraphs` (the paragraph of
/// each token) is needed when some rule requires context.
pub(crate) fn resolve(
    candidates: &mut [Candidate],
    rules: &[Rule],
    segmentation: &Segmentation,
    paragraphs: Option<&[u32]>,
) -> Vec<(Candidate, f64)> {
    let sentence = |c: &Candidate| segmentation.token_sentence[c.first];
    let motif = |c: &Candidate| rules[c.entry].motif;
    // Whole-sentence vetoes; windowed vetoes by (motif, sentence); context by motif, by start.
    let mut vetoed: HashSet<(usize, u32)> = HashSet::new();
    let mut windowed: HashMap<(usize, u32), Vec<WindowedVeto>> = HashMap::new();
    let mut context: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
    for c in candidates.iter() {
        match rules[c.entry].role {
            Role::Exclude { window: None } => {
                vetoed.insert((motif(c), sentence(c)));
            }
            Role::Exclude { window: Some(w) } => {
                windowed.entry((motif(c), sentence(c))).or_default().push((c.first, c.end, w))
            }
            Role::Context => context.entry(motif(c)).or_default().push((c.first, c.end)),
            Role::Match { .. } => {}
        }
    }
    let longest: HashMap<usize, usize> = context
        .iter_mut()
        .map(|(&m, spans)| {
            spans.sort_unstable();
            (m, spans.iter().map(|(f, e)| e - f).max().unwrap_or(0))
        })
        .collect();
    let counts = |c: &Candidate| -> bool {
        let near = match rules[c.entry].role {
            Role::Match { near } => near,
            _ => return false,
        };
        let (m, s, span) = (motif(c), sentence(c), (c.first, c.end));
        if vetoed.contains(&(m, s)) {
            return false;
        }
        if windowed.get(&(m, s)).is_some_and(|list| list.iter().any(|&(f, e, w)| distance(span, (f, e)) <= w)) {
            return false;
        }
        let Some(window) = near else { return true };
        let (Some(spans), Some(paragraphs)) = (context.get(&m), paragraphs) else { return false };
        let from = c.first.saturating_sub(window + longest[&m]);
        let start = spans.partition_point(|&(f, _)| f < from);
        spans[start..]
            .iter()
            .take_while(|&&(f, _)| f <= c.end + window)
            .any(|&(f, e)| distance(span, (f, e)) <= window && paragraphs[f] == paragraphs[c.first])
    };
    let mut kept: Vec<Candidate> = candidates.iter().filter(|c| counts(c)).copied().collect();
    kept.sort_unstable_by_key(|c| (motif(c), std::cmp::Reverse(c.end - c.first), c.first, c.entry));
    let mut accepted: Vec<Candidate> = Vec::new();
    let mut covered = vec![false; segmentation.tokens.len()];
    for group in kept.chunk_by(|a, b| motif(a) == motif(b)) {
        let group_start = accepted.len();
        for candidate in group {
            let span = &mut covered[candidate.first..candidate.end];
            if span.iter().any(|&c| c) {
                continue;
            }
            span.fill(true);
            accepted.push(*candidate);
        }
        for c in &accepted[group_start..] {
            covered[c.first..c.end].fill(false);
        }
    }
    accepted.sort_unstable_by_key(|c| (c.first, motif(c), c.end, c.entry));
    frame_weights(accepted, rules)
}

/// Pairs each hit (ordered by first token) with what it adds to its frame: hits of one frame whose
/// tokens overlap, directly or through other hits of the frame, form one stretch; its first hit
/// carries the largest weight among them, the others 0.
fn frame_weights(hits: Vec<Candidate>, rules: &[Rule]) -> Vec<(Candidate, f64)> {
    let mut weighted: Vec<(Candidate, f64)> = hits.into_iter().map(|c| (c, rules[c.entry].weight)).collect();
    // frame → (index of the stretch's first hit, end of the stretch so far)
    let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
    for i in 0..weighted.len() {
        let (hit, weight) = weighted[i];
        let frame = rules[hit.entry].frame;
        match open.get_mut(&frame) {
            Some((head, end)) if hit.first < *end => {
                *end = (*end).max(hit.end);
                let head_weight = &mut weighted[*head].1;
                *head_weight = head_weight.max(weight);
                weighted[i].1 = 0.0;
            }
            _ => {
                open.insert(frame, (i, hit.end));
            }
        }
    }
    weighted
}
