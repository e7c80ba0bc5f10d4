//! The detector: earliest-first ordering, the first-occurrence index (sequential), then chaining,
//! edge alignment, overlap resolution and refrains per document (parallel).

use super::align::{extend, extend_backwards, similarity};
use super::chain::{chain, Seed, Stretch};
use super::cluster::cluster;
use super::fingerprint::ReuseDoc;
use super::order::parse_order;
use super::{DocumentReuse, Passage, Refrain, ReuseReport};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Shingle hashes are already uniformly mixed 64-bit values: the index uses them as they are.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

type ShingleMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Options of the reuse detector.
#[derive(Debug, Clone)]
pub struct ReuseOptions {
    /// Metadata field giving the order ("earliest"); `None`: input order.
    pub order_by: Option<String>,
    /// Shorter shared stretches are not reported.
    pub min_words: usize,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        ReuseOptions { order_by: None, min_words: 25 }
    }
}

/// Stretches whose alignment matches fewer words than this share are not reuse.
const MIN_SIMILARITY: f64 = 0.7;
/// How many words an edge extension looks ahead at a time.
const EXTENSION_WINDOW: usize = 64;

/// Finds recycled passages and refrains in `docs` (input order).
pub fn detect(docs: Vec<ReuseDoc>, options: &ReuseOptions) -> ReuseReport {
    let (order, unordered) = earliest_first(&docs, options.order_by.is_some());
    let mut rank = vec![0; docs.len()];
    for (place, &doc) in order.iter().enumerate() {
        rank[doc] = place;
    }
    let seeds = first_occurrence_seeds(&docs, &order);
    let found: Vec<(Vec<Passage>, Vec<Refrain>)> = seeds
        .into_par_iter()
        .enumerate()
        .map(|(doc, mut seeds)| {
            let passages = passages_of(doc, &mut seeds, &docs, &rank, options.min_words);
            (passages, refrains_of(doc, &docs[doc], options.min_words))
        })
        .collect();
    let mut passages = Vec::new();
    let mut refrains = Vec::new();
    for (p, r) in found {
        passages.extend(p);
        refrains.extend(r);
    }
    let clusters = cluster(&mut passages, &rank);
    let per_document = docs
        .iter()
        .enumerate()
        .map(|(doc, d)| {
            let mine: Vec<&Passage> =
                passages[passages.partition_point(|p| p.doc < doc)..].iter().take_while(|p| p.doc == doc).collect();
            let recycled_words: usize = mine.iter().map(|p| p.end - p.start).sum();
            let mut sources: Vec<usize> = mine.iter().map(|p| p.source).collect();
            sources.sort_unstable();
            sources.dedup();
            let share = if d.words.is_empty() { 0.0 } else { recycled_words as f64 / d.words.len() as f64 };
            DocumentReuse { recycled_words, recycled_share: share, recycled_sources: sources.len() }
        })
        .collect();
    ReuseReport { docs, passages, refrains, clusters, unordered, per_document }
}

/// Input ordinals sorted earliest first, and those without a usable order value (placed after
/// all others, in input order).
fn earliest_first(docs: &[ReuseDoc], by_value: bool) -> (Vec<usize>, Vec<usize>) {
    if !by_value {
        return ((0..docs.len()).collect(), Vec::new());
    }
    let keys: Vec<Option<f64>> = docs.iter().map(|d| parse_order(&d.order_value)).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| match (keys[a], keys[b]) {
        (Some(x), Some(y)) => x.total_cmp(&y).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    let unordered = (0..docs.len()).filter(|&d| keys[d].is_none()).collect();
    (order, unordered)
}

/// Walks the documents earliest first; each fingerprint either points at its first occurrence in
/// an earlier document (a seed) or becomes the first occurrence. Returns seeds per document.
fn first_occurrence_seeds(docs: &[ReuseDoc], order: &[usize]) -> Vec<Vec<Seed>> {
    let total: usize = docs.iter().map(|d| d.fingerprints.len()).sum();
    let mut first: ShingleMap<(u32, u32)> = ShingleMap::with_capacity_and_hasher(total / 2, Default::default());
    let mut seeds = vec![Vec::new(); docs.len()];
    for &doc in order {
        for &(pos, hash) in &docs[doc].fingerprints {
            match first.entry(hash) {
                std::collections::hash_map::Entry::Occupied(entry) => {
                    let (source, source_pos) = *entry.get();
                    if source as usize != doc {
                        seeds[doc].push(Seed { source, pos, source_pos });
                    }
                }
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert((doc as u32, pos));
                }
            }
        }
    }
    seeds
}

/// A stretch widened across light edits at both edges, repeatedly while it keeps growing.
fn widen(mut s: Stretch, here: &[u32], there: &[u32]) -> Stretch {
    loop {
        let (right, source_right) = extend(
            &here[s.end..(s.end + EXTENSION_WINDOW).min(here.len())],
            &there[s.source_end..(s.source_end + EXTENSION_WINDOW).min(there.len())],
        );
        let (left, source_left) = extend_backwards(
            &here[s.start.saturating_sub(EXTENSION_WINDOW)..s.start],
            &there[s.source_start.saturating_sub(EXTENSION_WINDOW)..s.source_start],
        );
        s.end += right;
        s.source_end += source_right;
        s.start -= left;
        s.source_start -= source_left;
        let limit = EXTENSION_WINDOW / 2;
        if right < limit && left < limit {
            return s;
        }
    }
}

fn passages_of(doc: usize, seeds: &mut [Seed], docs: &[ReuseDoc], rank: &[usize], min_words: usize) -> Vec<Passage> {
    let here = &docs[doc].words;
    let mut candidates: Vec<Passage> = Vec::new();
    for stretch in chain(seeds) {
        let source = stretch.source as usize;
        let s = widen(stretch, here, &docs[source].words);
        // Stretches of one source that now overlap are one passage.
        if let Some(last) =
            candidates.last_mut().filter(|c| c.source == source && s.start < c.end && s.source_start < c.source_end)
        {
            last.end = last.end.max(s.end);
            last.source_end = last.source_end.max(s.source_end);
            last.start = last.start.min(s.start);
            last.source_start = last.source_start.min(s.source_start);
            continue;
        }
        candidates.push(Passage {
            doc,
            start: s.start,
            end: s.end,
            source,
            source_start: s.source_start,
            source_end: s.source_end,
            similarity: 0.0,
            cluster: 0,
        });
    }
    for c in &mut candidates {
        c.similarity = similarity(&here[c.start..c.end], &docs[c.source].words[c.source_start..c.source_end]);
    }
    candidates.retain(|c| c.end - c.start >= min_words && c.similarity >= MIN_SIMILARITY);
    // Where passages from different sources overlap, the longer wins (ties: the earlier source).
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), rank[c.source], c.start));
    let mut accepted: Vec<Passage> = Vec::new();
    for c in candidates {
        if accepted.iter().all(|a| c.end <= a.start || a.end <= c.start) {
            accepted.push(c);
        }
    }
    accepted.sort_by_key(|p| p.start);
    accepted
}

fn refrains_of(doc: usize, d: &ReuseDoc, min_words: usize) -> Vec<Refrain> {
    let mut first: ShingleMap<u32> = ShingleMap::default();
    let mut seeds = Vec::new();
    for &(pos, hash) in &d.fingerprints {
        match first.get(&hash) {
            Some(&first_pos) => seeds.push(Seed { source: 0, pos, source_pos: first_pos }),
            None => {
                first.insert(hash, pos);
            }
        }
    }
    let mut refrains: Vec<Refrain> = Vec::new();
    for stretch in chain(&mut seeds) {
        let s = widen(stretch, &d.words, &d.words);
        let start = s.start.max(s.source_end.min(s.end));
        if s.end.saturating_sub(start) < min_words || refrains.iter().any(|r| start < r.end && r.start < s.end) {
            continue;
        }
        let similarity = similarity(&d.words[start..s.end], &d.words[s.source_start..s.source_end]);
        if similarity >= MIN_SIMILARITY {
            refrains.push(Refrain {
                doc,
                start,
                end: s.end,
                first_start: s.source_start,
                first_end: s.source_end,
                similarity,
            });
        }
    }
    refrains.sort_by_key(|r| r.start);
    refrains
}
