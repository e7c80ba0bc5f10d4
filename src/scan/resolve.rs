//! The counting rules applied to raw pattern matches: hits of a motif in a sentence where one of
//! its exclude patterns matched are vetoed; among the remaining hits of one motif, overlapping
//! matches count once and the longest wins (ties: the earlier start, then the pattern listed
//! first). Different motifs count independently.

use crate::text::Segmentation;
use std::collections::HashSet;

/// A raw match of pattern `entry` over tokens `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub entry: usize,
    pub first: usize,
    pub end: usize,
}

/// Applies vetoes and overlap resolution; returns hits ordered by first token, then motif.
/// `entries[i]` is (motif, weight, exclude) of pattern entry `i`.
pub(crate) fn resolve(
    candidates: &mut [Candidate],
    entries: &[(usize, f64, bool)],
    segmentation: &Segmentation,
) -> Vec<Candidate> {
    let sentence = |c: &Candidate| segmentation.token_sentence[c.first];
    let vetoed: HashSet<(usize, u32)> =
        candidates.iter().filter(|c| entries[c.entry].2).map(|c| (entries[c.entry].0, sentence(c))).collect();
    let motif = |c: &Candidate| entries[c.entry].0;
    candidates.sort_unstable_by_key(|c| (motif(c), std::cmp::Reverse(c.end - c.first), c.first, c.entry));
    let mut accepted: Vec<Candidate> = Vec::new();
    let mut covered = vec![false; segmentation.tokens.len()];
    for group in candidates.chunk_by(|a, b| motif(a) == motif(b)) {
        let group_start = accepted.len();
        for candidate in group {
            let exclude = entries[candidate.entry].2;
            if exclude || vetoed.contains(&(motif(candidate), sentence(candidate))) {
                continue;
            }
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
    accepted
}
