//! Long verbatim runs that seeding misses (issue 13). Every seed points at the *first* occurrence of
//! its shingle. In generic prose each 4-word shingle of a copied passage has usually been said
//! before, each in a different earlier speech: the seeds of a 50-word verbatim copy then point at a
//! dozen documents, none of which shares more than a few words with it, and the document it was
//! copied from, which holds all of it, gets no seed at all. No chain reaches `--min-words`, and the
//! copy vanished (6 of 120 generic verbatim copies in `bench/planted_reuse.py`).
//!
//! The fallback: after a document's passages are resolved, every *run* of its recycling seeds
//! that lies outside the accepted passages — seeded fingerprints at most `WINNOW_WINDOW` words
//! apart, spanning at least `--min-words` words — is looked up again in the index, which holds
//! every occurrence of every fingerprint, not only the first. The run's rarest fingerprint is the
//! anchor; each of its earlier occurrences, earliest first (at most `MAX_ANCHOR_OCCURRENCES`),
//! proposes a document and a diagonal, scored by the words of the run that document holds on that
//! diagonal (a word-by-word comparison). The best (most words; ties: the earliest) gives seeds at
//! the run's shingles that it holds verbatim, which are then chained, widened, checked and resolved
//! like any other. A verbatim copy's run is held whole by the document it came from and by any
//! earlier one holding it whole, so the earliest document holding the whole run is its source.
//! Short generic phrases still give no passage: a run must span `--min-words`, and its passage
//! must pass the same length and similarity tests as any other.

use super::chain::Seed;
use super::fingerprint::{shingle_hash, SHINGLE_WORDS, WINNOW_WINDOW};
use super::sources::Sources;
use super::Passage;

/// The most occurrences of an anchor looked at, earliest first. A run whose rarest shingle was said
/// more often than this before is matched against its earliest holders only.
pub const MAX_ANCHOR_OCCURRENCES: usize = 1024;

/// Seeds for the uncovered runs of a document: `positions` are its recycling seeds' positions
/// (sorted, distinct), `accepted` its accepted passages (by start, not overlapping), `doc` the
/// document (input ordinal).
pub fn run_seeds(
    here: &[u32],
    positions: &[u32],
    accepted: &[Passage],
    sources: &impl Sources,
    doc: usize,
    min_words: usize,
) -> Vec<Seed> {
    let min_words = min_words.max(SHINGLE_WORDS);
    // The positions whose shingle overlaps no accepted passage (both sorted: one walk).
    let mut next = 0;
    let outside: Vec<u32> = positions
        .iter()
        .copied()
        .filter(|&p| {
            while accepted.get(next).is_some_and(|a| a.end <= p as usize) {
                next += 1;
            }
            accepted.get(next).is_none_or(|a| a.start >= p as usize + SHINGLE_WORDS)
        })
        .collect();
    let mut seeds = Vec::new();
    for run in outside.chunk_by(|a, b| b - a <= WINNOW_WINDOW as u32) {
        let (first, last) = (run[0] as usize, run[run.len() - 1] as usize + SHINGLE_WORDS);
        if last - first < min_words {
            continue;
        }
        // Where a copy seeded by this run may lie: its edges are at most a window past the run.
        let reach = (first.saturating_sub(WINNOW_WINDOW + SHINGLE_WORDS), (last + WINNOW_WINDOW).min(here.len()));
        let mut matched_to = 0;
        // One anchor per `min_words` words of the run: a verbatim copy of twice that holds a window.
        for window in run.chunk_by(|a, b| (a - run[0]) as usize / min_words == (b - run[0]) as usize / min_words) {
            // The rarest shingle of the window (the first of the rarest), counting up to the
            // rarest so far.
            let mut anchor = None;
            let mut fewest = MAX_ANCHOR_OCCURRENCES + 1;
            for p in window.iter().copied().filter(|&p| p as usize >= matched_to) {
                let count = sources.count_earlier(hash_at(here, p), doc, fewest);
                if anchor.is_none() || count < fewest {
                    (anchor, fewest) = (Some(p), count);
                }
            }
            let Some(anchor) = anchor else { continue };
            let Some(copy) = longest_copy(here, anchor, reach, sources, doc) else { continue };
            if copy.to - copy.from < min_words {
                continue;
            }
            matched_to = copy.to;
            let inside = run.iter().filter(|&&p| p as usize >= copy.from && p as usize + SHINGLE_WORDS <= copy.to);
            seeds.extend(inside.map(|&p| Seed {
                source: copy.doc as u32,
                pos: p,
                source_pos: (i64::from(p) + copy.diagonal) as u32,
            }));
        }
    }
    seeds
}

/// A verbatim copy: words `from..to` here are words `from + diagonal..to + diagonal` of `doc`.
struct Copy {
    doc: usize,
    diagonal: i64,
    from: usize,
    to: usize,
}

fn hash_at(here: &[u32], p: u32) -> u64 {
    shingle_hash(&here[p as usize..p as usize + SHINGLE_WORDS])
}

/// The longest run of identical words through the shingle at `anchor`, within `reach`, in an
/// earlier document holding that shingle (ties: the earliest).
fn longest_copy(
    here: &[u32],
    anchor: u32,
    reach: (usize, usize),
    sources: &impl Sources,
    here_doc: usize,
) -> Option<Copy> {
    let anchor = anchor as usize;
    let mut best: Option<Copy> = None;
    for (doc, pos) in sources.earlier(hash_at(here, anchor as u32), here_doc, MAX_ANCHOR_OCCURRENCES) {
        let Some(there) = sources.words_if_held(doc) else { continue };
        let diagonal = i64::from(pos) - anchor as i64;
        let pos = pos as usize;
        if there.get(pos..pos + SHINGLE_WORDS) != Some(&here[anchor..anchor + SHINGLE_WORDS]) {
            continue; // a hash collision (or, in rows from outside, a position past the document)
        }
        let left = (reach.0..anchor).rev().zip((0..pos).rev()).take_while(|&(k, j)| here[k] == there[j]).count();
        let right = (anchor..reach.1).zip(pos..there.len()).take_while(|&(k, j)| here[k] == there[j]).count();
        let (from, to) = (anchor - left, anchor + right);
        if best.as_ref().is_none_or(|b| to - from > b.to - b.from) {
            best = Some(Copy { doc, diagonal, from, to });
            if (from, to) == reach {
                break;
            }
        }
    }
    best
}
