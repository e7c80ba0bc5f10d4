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

    /// The entry as stored in a reuse index file: hash high, hash low, position, little-endian.
    pub fn to_le_bytes(self) -> [u8; 12] {
        let mut bytes = [0u8; 12];
        for (chunk, value) in bytes.chunks_exact_mut(4).zip(self.0) {
            chunk.copy_from_slice(&value.to_le_bytes());
        }
        bytes
    }

    /// The entry stored as `bytes` ([`Entry::to_le_bytes`]).
    pub fn from_le_bytes(bytes: [u8; 12]) -> Entry {
        let value = |i: usize| u32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().expect("4 bytes"));
        Entry([value(0), value(1), value(2)])
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
    /// The place of the document holding word `b << BUCKET_BITS`, for each `b`: finding the document
    /// of a global position is then a step or two, not a binary search (it is done for every seed).
    bucket_place: Vec<u32>,
}

const BUCKET_BITS: u32 = 12;

impl Index {
    /// Fingerprints every document (in parallel) and sorts the occurrences.
    ///
    /// # Panics
    /// When the corpus holds more than [`MAX_CORPUS_WORDS`](super::MAX_CORPUS_WORDS) words, which
    /// the pipeline refuses before detection starts.
    pub fn build(docs: &[ReuseDoc], order: &[usize]) -> Index {
        let starts = word_starts(docs, order);
        let mut entries = fingerprints(docs, order, &starts, 0);
        entries.par_sort_unstable();
        Index::from_parts(entries, starts, order)
    }

    /// The index of `docs` in `order` when the documents at its first `kept` places are where an
    /// earlier index had them (the same documents, in the same order, from global position 0) and
    /// `kept_entries` are that index's entries: only the documents after them are fingerprinted,
    /// and their sorted entries are merged in. Equal to [`Index::build`] of the same documents (a
    /// growing archive's new documents cost themselves, not the archive).
    pub fn extend(kept_entries: Vec<Entry>, docs: &[ReuseDoc], order: &[usize], kept: usize) -> Index {
        let starts = word_starts(docs, order);
        let mut new = fingerprints(docs, order, &starts, kept);
        new.par_sort_unstable();
        let mut entries = Vec::with_capacity(kept_entries.len() + new.len());
        let (mut old, mut new) = (kept_entries.into_iter().peekable(), new.into_iter().peekable());
        loop {
            let next = match (old.peek(), new.peek()) {
                (Some(a), Some(b)) if a <= b => old.next(),
                (Some(_), Some(_)) => new.next(),
                (Some(_), None) => old.next(),
                (None, _) => new.next(),
            };
            match next {
                Some(entry) => entries.push(entry),
                None => break,
            }
        }
        Index::from_parts(entries, starts, order)
    }

    fn from_parts(entries: Vec<Entry>, starts: Vec<u32>, order: &[usize]) -> Index {
        let total = *starts.last().expect("a start per document, then the total");
        let mut bucket_place = Vec::with_capacity((total >> BUCKET_BITS) as usize + 1);
        let mut place = 0;
        for bucket in 0..=(total >> BUCKET_BITS) {
            let at = bucket << BUCKET_BITS;
            while place + 1 < order.len() && starts[place + 1] <= at {
                place += 1;
            }
            bucket_place.push(place as u32);
        }
        Index { entries, starts, order: order.to_vec(), bucket_place }
    }

    /// The sorted occurrences, to be kept with a growing archive ([`Index::extend`]).
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// Every seed, sorted: each occurrence that is not the first of its shingle points at the
    /// first (a recycling seed, when that is in an earlier document), and each occurrence that is
    /// not the first in its document points at the first in its document (a refrain seed). An
    /// occurrence in a later document that repeats there gives both.
    pub fn seeds(&self) -> Vec<GlobalSeed> {
        self.seeds_from(0)
    }

    /// The seeds at global positions `from` and after (the documents placed by a run of a growing
    /// archive), as [`Index::seeds`] has them: a shingle all of whose occurrences lie before `from`
    /// is skipped without a look at its documents.
    pub fn seeds_from(&self, from: u32) -> Vec<GlobalSeed> {
        // Slices of about a million entries, cut where a hash ends, read in parallel.
        let mut cuts = vec![0];
        while let Some(&last) = cuts.last().filter(|&&c| c < self.entries.len()) {
            let mut cut = (last + (1 << 20)).min(self.entries.len());
            while cut < self.entries.len() && self.entries[cut].0[..2] == self.entries[cut - 1].0[..2] {
                cut += 1;
            }
            cuts.push(cut);
        }
        let parts: Vec<Vec<GlobalSeed>> = cuts
            .par_windows(2)
            .map(|cut| {
                let mut seeds = Vec::new();
                self.each_seed(&self.entries[cut[0]..cut[1]], from, |seed| seeds.push(seed));
                seeds
            })
            .collect();
        let mut seeds = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            seeds.extend(part);
        }
        seeds.par_sort_unstable();
        seeds
    }

    fn each_seed(&self, entries: &[Entry], from: u32, mut emit: impl FnMut(GlobalSeed)) {
        let mut emit = |seed: GlobalSeed| {
            if seed.0 >= from {
                emit(seed)
            }
        };
        // Within a hash the entries are by position: the last is the latest.
        for group in entries.chunk_by(|a, b| a.0[..2] == b.0[..2]).filter(|g| g[g.len() - 1].at() >= from) {
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
        let mut place = self.bucket_place[(at >> BUCKET_BITS) as usize] as usize;
        while self.starts[place + 1] <= at {
            place += 1;
        }
        place
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
        let from = self.first_of(&key);
        let to = from + gallop(&self.entries[from..], |e| e.0[..2] == key.0[..2] && e.at() < before);
        self.entries[from..to].iter().map(Entry::at)
    }

    /// How many occurrences `hash` has before `before`, counted up to `cap` (a common shingle has
    /// tens of thousands: counting them all was a cache miss per step).
    pub fn count_before(&self, hash: u64, before: u32, cap: usize) -> usize {
        let key = Entry::new(hash, 0);
        let from = self.first_of(&key);
        let to = (from + cap).min(self.entries.len());
        gallop(&self.entries[from..to], |e| e.0[..2] == key.0[..2] && e.at() < before)
    }

    /// The first entry not below `key`. Hashes are uniform 64-bit values, so the entry's place is
    /// about `hash / 2⁶⁴` of the way through: search outwards from there (a few cache lines), not
    /// from the middle of a 150 MB array.
    fn first_of(&self, key: &Entry) -> usize {
        let entries = &self.entries;
        let guess =
            ((u128::from(u64::from(key.0[0]) << 32 | u64::from(key.0[1])) * entries.len() as u128) >> 64) as usize;
        let below = |e: &Entry| e < key;
        if entries.get(guess).is_some_and(below) {
            guess + 1 + gallop(&entries[guess + 1..], below)
        } else {
            // Back from the guess: the last entry below the key, plus one.
            let mut step = 1;
            let mut high = guess.min(entries.len());
            loop {
                let low = high.saturating_sub(step);
                if low == 0 || below(&entries[low]) {
                    return low + entries[low..high].partition_point(below);
                }
                high = low;
                step *= 2;
            }
        }
    }
}

/// Global position of each document's first word, by place in `order`, then the total.
///
/// # Panics
/// When the corpus holds more than [`MAX_CORPUS_WORDS`](super::MAX_CORPUS_WORDS) words.
fn word_starts(docs: &[ReuseDoc], order: &[usize]) -> Vec<u32> {
    let mut starts = Vec::with_capacity(order.len() + 1);
    let mut total = 0u64;
    for &doc in order {
        starts.push(total as u32);
        total += docs[doc].words.len() as u64;
    }
    assert!(total <= u64::from(u32::MAX), "reuse detection handles at most {} words", u32::MAX);
    starts.push(total as u32);
    starts
}

/// The winnowed fingerprints of the documents at places `from..` of `order`, unsorted (filled in
/// parallel, each document into its own slice).
fn fingerprints(docs: &[ReuseDoc], order: &[usize], starts: &[u32], from: usize) -> Vec<Entry> {
    let places = &order[from..];
    let counts: Vec<usize> = places
        .par_iter()
        .map_init(Vec::new, |shingles, &doc| {
            shingles_into(&docs[doc].words, shingles);
            let mut count = 0;
            winnow_each(shingles, |_, _| count += 1);
            count
        })
        .collect();
    let mut entries = vec![Entry([0; 3]); counts.iter().sum()];
    let mut parts = Vec::with_capacity(places.len());
    let mut rest = entries.as_mut_slice();
    for &count in &counts {
        let (part, tail) = rest.split_at_mut(count);
        parts.push(part);
        rest = tail;
    }
    parts.into_par_iter().zip(places.par_iter().zip(&starts[from..order.len()])).for_each_init(
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
    entries
}

/// The partition point of `pred` in `slice` (true, then false), found by galloping from the start.
fn gallop<T>(slice: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut low = 0;
    let mut step = 1;
    while low + step <= slice.len() && pred(&slice[low + step - 1]) {
        low += step;
        step *= 2;
    }
    let high = (low + step).min(slice.len());
    low + slice[low..high].partition_point(pred)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::fingerprint::test_doc as doc;

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

    #[test]
    fn occurrences_are_found_from_the_guessed_place() {
        let words = |seed: u64| -> String { (0..400).map(|i| format!("w{} ", (seed * 7 + i * i) % 23)).collect() };
        let docs: Vec<ReuseDoc> = (0..30).map(|d| doc(&words(d))).collect();
        let order: Vec<usize> = (0..30).rev().collect();
        let index = Index::build(&docs, &order);
        for entry in &index.entries {
            let hash = u64::from(entry.0[0]) << 32 | u64::from(entry.0[1]);
            for before in [0, entry.at(), entry.at() + 1, u32::MAX] {
                let naive: Vec<u32> = index
                    .entries
                    .iter()
                    .filter(|e| e.0[..2] == entry.0[..2] && e.at() < before)
                    .map(Entry::at)
                    .collect();
                assert_eq!(index.occurrences(hash, before).collect::<Vec<_>>(), naive);
            }
        }
        assert_eq!(index.occurrences(12345, u32::MAX).len(), 0);
        for at in [0, 399, 400, 4000, 11_999] {
            assert_eq!(index.locate(at), (order[at as usize / 400], at % 400));
        }
    }

    #[test]
    fn an_index_extended_with_later_documents_equals_one_built_at_once() {
        let words = |seed: u64| -> String { (0..300).map(|i| format!("w{} ", (seed * 5 + i * i) % 31)).collect() };
        let docs: Vec<ReuseDoc> = (0..20).map(|d| doc(&words(d))).collect();
        let order: Vec<usize> = (0..20).rev().collect();
        let whole = Index::build(&docs, &order);
        let first = Index::build(&docs, &order[..8]);
        let extended = Index::extend(first.into_entries(), &docs, &order, 8);
        assert_eq!(extended.entries, whole.entries);
        assert_eq!(extended.starts, whole.starts);
        let from = whole.span_of(8).start;
        let later: Vec<GlobalSeed> = whole.seeds().into_iter().filter(|s| s.0 >= from).collect();
        assert!(!later.is_empty());
        assert_eq!(extended.seeds_from(from), later);
    }
}
