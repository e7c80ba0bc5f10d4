//! The corpus-wide fingerprint index: every winnowed shingle of every document as one flat,
//! sorted array of (shingle hash, global word position), 12 bytes an entry. Global positions number
//! the words of all documents one after the other in earliest-first order, so sorting by (hash,
//! position) lists the occurrences of a shingle earliest first: the first entry of a hash is its
//! first occurrence in the corpus, and the first entry of a document within it is the first
//! occurrence in that document.
//!
//! This replaces a hash map from shingle to first occurrence filled in one sequential walk (13 M
//! entries at ~40 bytes with the table's slack, plus 16 bytes a fingerprint kept in every
//! document): the array is filled and sorted in parallel, seeds come out of one pass over it, and
//! it keeps every occurrence, which the fallback for long verbatim runs (`exact.rs`) looks up.

use super::chain::Seed;
use super::fingerprint::{shingles_into, winnow_each, ReuseDoc};
use rayon::prelude::*;

/// One occurrence of a shingle: its hash (high and low halves) and its global word position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry([u32; 3]);

impl Entry {
    fn new(hash: u64, at: u32) -> Entry {
        Entry([(hash >> 32) as u32, hash as u32, at])
    }

    /// The global word position.
    pub fn at(&self) -> u32 {
        self.0[2]
    }
}

/// A seed in global positions: (position here, position of the occurrence it points at).
pub type GlobalSeed = (u32, u32);

/// The sorted occurrences of every fingerprint, and where each document's words start.
pub struct Index {
    entries: Vec<Entry>,
    /// Global position of each document's first word, by place in the earliest-first order, then
    /// the total number of words.
    starts: Vec<u32>,
    /// The input ordinal of the document at each place.
    order: Vec<usize>,
}

impl Index {
    /// Fingerprints every document (in parallel) and sorts the occurrences.
    ///
    /// # Panics
    /// When the corpus holds more than `u32::MAX` words (4.29 billion).
    pub fn build(docs: &[ReuseDoc], order: &[usize]) -> Index {
        let mut starts = Vec::with_capacity(order.len() + 1);
        let mut total = 0u64;
        for &doc in order {
            starts.push(total as u32);
            total += docs[doc].words.len() as u64;
        }
        assert!(total <= u64::from(u32::MAX), "reuse detection handles at most {} words", u32::MAX);
        starts.push(total as u32);
        let counts: Vec<usize> = order
            .par_iter()
            .map_init(Vec::new, |shingles, &doc| {
                shingles_into(&docs[doc].words, shingles);
                let mut count = 0;
                winnow_each(shingles, |_, _| count += 1);
                count
            })
            .collect();
        let mut entries = vec![Entry([0; 3]); counts.iter().sum()];
        let mut parts = Vec::with_capacity(order.len());
        let mut rest = entries.as_mut_slice();
        for &count in &counts {
            let (part, tail) = rest.split_at_mut(count);
            parts.push(part);
            rest = tail;
        }
        parts.into_par_iter().zip(order.par_iter().zip(&starts[..order.len()])).for_each_init(
            Vec::new,
            |shingles, (part, (&doc, &start))| {
                shingles_into(&docs[doc].words, shingles);
                let mut kept = 0;
                winnow_each(shingles, |pos, hash| {
                    part[kept] = Entry::new(hash, start + pos);
                    kept += 1;
                });
            },
        );
        entries.par_sort_unstable();
        Index { entries, starts, order: order.to_vec() }
    }

    /// Every seed, sorted: each occurrence that is not the first of its shingle points at the
    /// first (a recycling seed, when that is in an earlier document), and each occurrence that is
    /// not the first in its document points at the first in its document (a refrain seed). An
    /// occurrence in a later document that repeats there gives both.
    pub fn seeds(&self) -> Vec<GlobalSeed> {
        let mut count = 0;
        self.each_seed(|_| count += 1);
        let mut seeds = Vec::with_capacity(count);
        self.each_seed(|seed| seeds.push(seed));
        seeds.par_sort_unstable();
        seeds
    }

    fn each_seed(&self, mut emit: impl FnMut(GlobalSeed)) {
        for group in self.entries.chunk_by(|a, b| a.0[..2] == b.0[..2]) {
            let first = group[0].at();
            let first_doc_end = self.end_of_doc(first);
            let (mut doc_end, mut doc_first) = (first_doc_end, first);
            for entry in &group[1..] {
                let at = entry.at();
                if at >= doc_end {
                    (doc_end, doc_first) = (self.end_of_doc(at), at);
                    emit((at, first));
                } else if doc_end == first_doc_end {
                    emit((at, doc_first));
                } else {
                    emit((at, first));
                    emit((at, doc_first));
                }
            }
        }
    }

    /// The place in the order of the document holding global position `at`.
    fn place_of(&self, at: u32) -> usize {
        self.starts.partition_point(|&start| start <= at) - 1
    }

    fn end_of_doc(&self, at: u32) -> u32 {
        self.starts[self.place_of(at) + 1]
    }

    /// The global positions of the words of the document at place `place`.
    pub fn span_of(&self, place: usize) -> std::ops::Range<u32> {
        self.starts[place]..self.starts[place + 1]
    }

    /// The document (input ordinal) and word position of global position `at`.
    pub fn locate(&self, at: u32) -> (usize, u32) {
        let place = self.place_of(at);
        (self.order[place], at - self.starts[place])
    }

    /// The seeds of the document at place `place` (a slice of [`Index::seeds`]), split into
    /// recycling seeds (source: input ordinal) and refrain seeds (source 0, its own first
    /// occurrence), in the buffers given (cleared first).
    pub fn seeds_of(&self, seeds: &[GlobalSeed], place: usize, recycling: &mut Vec<Seed>, refrain: &mut Vec<Seed>) {
        recycling.clear();
        refrain.clear();
        let words = self.span_of(place);
        let from = seeds.partition_point(|s| s.0 < words.start);
        let to = seeds.partition_point(|s| s.0 < words.end);
        for &(at, there) in &seeds[from..to] {
            let pos = at - words.start;
            if there >= words.start {
                refrain.push(Seed { source: 0, pos, source_pos: there - words.start });
            } else {
                let (source, source_pos) = self.locate(there);
                recycling.push(Seed { source: source as u32, pos, source_pos });
            }
        }
    }

    /// The global positions of every occurrence of `hash`, earliest first, before `before`.
    pub fn occurrences(&self, hash: u64, before: u32) -> impl ExactSizeIterator<Item = u32> + '_ {
        let key = Entry::new(hash, 0);
        let from = self.entries.partition_point(|e| e.0[..2] < key.0[..2]);
        let to = from + self.entries[from..].partition_point(|e| e.0[..2] == key.0[..2] && e.at() < before);
        self.entries[from..to].iter().map(Entry::at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn doc(text: &str) -> ReuseDoc {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        ReuseDoc::new("d".into(), String::new(), text.to_string(), &tokens)
    }

    #[test]
    fn seeds_point_at_the_first_occurrence_and_at_the_first_in_the_document() {
        let shared = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
        let docs = vec![
            doc(&format!("{shared} one two three four five six seven eight nine")),
            doc(&format!("ten eleven twelve {shared} {shared}")),
        ];
        // The second document comes first.
        let index = Index::build(&docs, &[1, 0]);
        let seeds = index.seeds();
        let (mut recycling, mut refrain) = (Vec::new(), Vec::new());
        index.seeds_of(&seeds, 1, &mut recycling, &mut refrain);
        assert!(!recycling.is_empty() && refrain.is_empty());
        for s in &recycling {
            // The shared words are said twice from word 3 of the earlier document, once from word 0
            // here; winnowing may keep a shingle only in the second saying.
            assert!(s.source == 1 && (s.source_pos == s.pos + 3 || s.source_pos == s.pos + 13), "{s:?}");
        }
        index.seeds_of(&seeds, 0, &mut recycling, &mut refrain);
        assert!(recycling.is_empty() && !refrain.is_empty());
        for s in &refrain {
            assert_eq!(s.pos, s.source_pos + 10, "{s:?}");
        }
        assert_eq!(index.locate(index.span_of(1).start + 4), (0, 4));
    }
}
