//! The detector: earliest-first ordering, the fingerprint index and its seeds (`index.rs`, built
//! and sorted in parallel), then chaining, edge alignment, overlap resolution, the fallback for
//! long verbatim runs (`exact.rs`) and refrains per document (parallel).

use super::align::{similarity, MIN_SIMILARITY};
use super::candidates::candidates;
use super::chain::{chain, Seed};
use super::cluster::cluster;
use super::exact::run_seeds;
use super::fingerprint::ReuseDoc;
use super::index::Index;
use super::index_dir::ReuseIndex;
use super::order::parse_order;
use super::refrain::refrains_of;
use super::sources::{Indexed, Sources};
use super::spans::Spans;
use super::{DocumentReuse, Passage, Refrain, ReuseReport};
use rayon::prelude::*;

/// Options of the reuse detector.
#[derive(Debug, Clone)]
pub struct ReuseOptions {
    /// Metadata field giving the order ("earliest"); `None`: input order.
    pub order_by: Option<String>,
    /// Shorter shared stretches are not reported.
    pub min_words: usize,
    /// The reuse index of a growing archive (`--index DIR`): only documents it does not hold are
    /// placed, against all it holds (`growing.rs`).
    pub index: Option<std::sync::Arc<ReuseIndex>>,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        ReuseOptions { order_by: None, min_words: 25, index: None }
    }
}

/// Finds recycled passages and refrains in `docs` (input order).
pub fn detect(mut docs: Vec<ReuseDoc>, options: &ReuseOptions) -> ReuseReport {
    let (order, unordered) = earliest_first(&docs, options.order_by.is_some());
    let mut rank = vec![0; docs.len()];
    for (place, &doc) in order.iter().enumerate() {
        rank[doc] = place;
    }
    let index = Index::build(&docs, &order);
    let seeds = index.seeds();
    let corpus = Indexed { docs: &docs, index: &index, rank: &rank };
    let found: Vec<(Vec<Passage>, Vec<Refrain>)> = (0..docs.len())
        .into_par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(recycling, refrain), doc| {
                index.seeds_of(&seeds, rank[doc], recycling, refrain);
                let passages = passages_of(doc, recycling, &corpus, options.min_words);
                (passages, refrains_of(doc, &docs[doc], refrain, options.min_words))
            },
        )
        .collect();
    drop(seeds);
    drop(index);
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
            let from = passages.partition_point(|p| p.doc < doc);
            let mine = passages[from..].iter().take_while(|p| p.doc == doc);
            document_reuse(mine, d.words.len())
        })
        .collect();
    // The character offsets of the documents the report quotes.
    let mut quoted = vec![false; docs.len()];
    for p in &passages {
        (quoted[p.doc], quoted[p.source]) = (true, true);
    }
    for r in &refrains {
        quoted[r.doc] = true;
    }
    docs.par_iter_mut().zip(quoted).filter(|(_, quoted)| *quoted).for_each(|(d, _)| d.fill_offsets());
    ReuseReport { docs, passages, refrains, clusters, unordered, per_document, input_ordinals: Vec::new() }
}

/// The figures of a document of `words` words from its passages.
pub(super) fn document_reuse<'a>(passages: impl Iterator<Item = &'a Passage>, words: usize) -> DocumentReuse {
    let mine: Vec<&Passage> = passages.collect();
    let recycled_words: usize = mine.iter().map(|p| p.end - p.start).sum();
    let mut sources: Vec<usize> = mine.iter().map(|p| p.source).collect();
    sources.sort_unstable();
    sources.dedup();
    let share = if words == 0 { 0.0 } else { recycled_words as f64 / words as f64 };
    DocumentReuse { recycled_words, recycled_share: share, recycled_sources: sources.len() }
}

/// Input ordinals sorted earliest first, and those without a usable order value (placed after
/// all others, in input order).
pub(super) fn earliest_first(docs: &[ReuseDoc], by_value: bool) -> (Vec<usize>, Vec<usize>) {
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

/// The passages of document `doc` (input ordinal) from its recycling `seeds`: the per-document
/// step, reading the other documents through `sources` (the whole corpus here, rows from outside
/// in the two-phase form).
pub(super) fn passages_of(doc: usize, seeds: &mut [Seed], sources: &impl Sources, min_words: usize) -> Vec<Passage> {
    let here = sources.words(doc);
    let mut positions: Vec<u32> = seeds.iter().map(|s| s.pos).collect();
    positions.sort_unstable();
    positions.dedup();
    let mut candidates = checked(doc, candidates(doc, chain(seeds), sources), sources, min_words);
    let mut accepted = resolve(&mut candidates, sources);
    let mut extra = run_seeds(here, &positions, &accepted, sources, doc, min_words);
    if !extra.is_empty() {
        candidates.extend(checked(doc, candidates_from(doc, &mut extra, sources), sources, min_words));
        accepted = resolve(&mut candidates, sources);
    }
    accepted
}

fn candidates_from(doc: usize, seeds: &mut [Seed], sources: &impl Sources) -> Vec<Passage> {
    candidates(doc, chain(seeds), sources)
}

/// The candidates long enough and similar enough to be passages, with their similarity.
fn checked(doc: usize, mut candidates: Vec<Passage>, sources: &impl Sources, min_words: usize) -> Vec<Passage> {
    let here = sources.words(doc);
    candidates.retain(|c| c.end - c.start >= min_words && could_be_similar(c));
    for c in &mut candidates {
        c.similarity = similarity(&here[c.start..c.end], &sources.words(c.source)[c.source_start..c.source_end]);
    }
    candidates.retain(|c| c.similarity >= MIN_SIMILARITY);
    candidates
}

/// Where passages from different sources overlap, the longer wins (ties: the earlier source).
/// Returns the accepted passages ordered by start.
fn resolve(candidates: &mut [Passage], sources: &impl Sources) -> Vec<Passage> {
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), sources.rank(c.source), c.start));
    let mut taken = Spans::default();
    let mut accepted: Vec<Passage> = Vec::new();
    for c in candidates.iter() {
        if !taken.overlaps(c.start, c.end) {
            taken.insert(c.start, c.end, c.source_start..c.source_end);
            accepted.push(c.clone());
        }
    }
    accepted.sort_by_key(|p| p.start);
    accepted
}

/// Whether the two sides of a candidate are close enough in length to reach `MIN_SIMILARITY`
/// (matched words ÷ the longer length is at most shorter ÷ longer). Skipping the others spares
/// the alignment, whose band grows with the difference in length.
fn could_be_similar(c: &Passage) -> bool {
    let (n, m) = (c.end - c.start, c.source_end - c.source_start);
    n.min(m) as f64 / n.max(m) as f64 >= MIN_SIMILARITY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn doc(id: usize, words: &[usize]) -> ReuseDoc {
        let text: String = words.iter().map(|&w| ["peace ", "war ", "we ", "the ", "nation ", "our "][w]).collect();
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        ReuseDoc::new(id.to_string(), String::new(), text, &tokens)
    }

    #[test]
    fn no_documents_or_empty_ones_give_nothing() {
        assert!(detect(Vec::new(), &ReuseOptions::default()).passages.is_empty());
        let report = detect(vec![doc(0, &[]), doc(1, &[1]), doc(2, &[])], &ReuseOptions::default());
        assert!(report.passages.is_empty() && report.refrains.is_empty());
        assert_eq!(report.per_document.len(), 3);
    }

    proptest::proptest! {
        #[test]
        fn passages_of_very_repetitive_documents_are_well_formed(
            block in proptest::collection::vec(0..6usize, 1..40),
            docs in proptest::collection::vec((0..40usize, proptest::collection::vec(0..6usize, 0..80)), 1..4),
            min_words in 1..30usize,
        ) {
            // Each document: some random words, then the shared block said a number of times.
            let docs: Vec<ReuseDoc> = docs
                .iter()
                .enumerate()
                .map(|(i, (times, head))| {
                    let words: Vec<usize> = head.iter().copied().chain(block.iter().copied().cycle().take(block.len() * times)).collect();
                    doc(i, &words)
                })
                .collect();
            let lengths: Vec<usize> = docs.iter().map(|d| d.words.len()).collect();
            let report = detect(docs, &ReuseOptions { min_words, ..ReuseOptions::default() });
            for p in &report.passages {
                proptest::prop_assert!(p.source < p.doc, "{p:?}");
                proptest::prop_assert!(p.start < p.end && p.end <= lengths[p.doc], "{p:?}");
                proptest::prop_assert!(p.source_start < p.source_end && p.source_end <= lengths[p.source], "{p:?}");
                proptest::prop_assert!(p.end - p.start >= min_words && p.similarity >= MIN_SIMILARITY, "{p:?}");
            }
            for pair in report.passages.windows(2).filter(|w| w[0].doc == w[1].doc) {
                proptest::prop_assert!(pair[0].end <= pair[1].start, "{pair:?}");
            }
        }
    }
}
