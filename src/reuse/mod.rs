//! Recycled boilerplate: passages of a document that also occur, verbatim or lightly edited, in an
//! earlier document, attributed to the earliest document holding them; and refrains, passages
//! repeated inside one document. See `DESIGN.md` in this folder for the algorithm.
//!
//! The scan workers turn each document into a [`ReuseDoc`] (word hashes, compact offsets, text);
//! [`detect`] then runs over all of them: it fingerprints every document into one sorted index
//! (in parallel), reads the seeds off it (each shingle pointing at its first occurrence, earliest
//! first), and a parallel pass chains seeds, aligns the edges, resolves overlaps and looks up long
//! verbatim runs that no seed chain found.
//!
//! A growing archive keeps its reuse index on disk ([`ReuseIndex`], `--index DIR`):
//! [`detect_growing`] places only the documents the index does not hold, against all it holds, with
//! the passages a run over the whole archive would give.

pub(crate) mod align;
mod archive;
mod candidates;
mod chain;
mod cluster;
mod detect;
mod exact;
mod fingerprint;
mod growing;
mod index;
mod index_dir;
mod index_file;
mod order;
mod refrain;
mod sources;
mod spans;
pub mod two_phase;
mod widen;
mod word_offsets;

pub use archive::{content_hash, Archive, ArchivedPassage};
pub use detect::{detect, ReuseOptions};
pub use fingerprint::ReuseDoc;
pub use growing::{detect_growing, Growth};
pub use index_dir::{ReuseIndex, INDEX_FILE, LOCK_FILE};
pub use index_file::FORMAT_VERSION;

/// The most words reuse detection holds in one run (word positions are 32-bit): 4.29 billion, about
/// 25 GB of text. The pipeline stops with an error before a corpus goes past it.
pub const MAX_CORPUS_WORDS: u64 = u32::MAX as u64;

/// Shingles and winnows a document's word hashes as the fingerprint index does; returns how many
/// fingerprints are kept. The shingling stage of the criterion benchmark (`cargo bench --bench scan
/// -- stages`), not part of the API.
#[doc(hidden)]
pub fn fingerprint_count(words: &[u32], shingles: &mut Vec<u64>) -> usize {
    fingerprint::shingles_into(words, shingles);
    let mut kept = 0;
    fingerprint::winnow_each(shingles, |_, _| kept += 1);
    kept
}
pub(crate) use order::parse_order;

/// A recycled passage: words `start..end` of document `doc` (input ordinal) also occur at words
/// `source_start..source_end` of the earlier document `source`.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// The document that recycles it (input ordinal).
    pub doc: usize,
    /// Its first word.
    pub start: usize,
    /// The word after its last.
    pub end: usize,
    /// The earliest document holding it.
    pub source: usize,
    /// First word in the source.
    pub source_start: usize,
    /// The word after its last in the source.
    pub source_end: usize,
    /// Words matched by the word-level alignment ÷ the longer of the two stretches.
    pub similarity: f64,
    /// Index into [`ReuseReport::clusters`].
    pub cluster: usize,
}

/// A passage repeated inside one document: words `start..end` repeat `first_start..first_end`.
#[derive(Debug, Clone, PartialEq)]
pub struct Refrain {
    /// The document (input ordinal).
    pub doc: usize,
    /// First word of the repeat.
    pub start: usize,
    /// The word after its last.
    pub end: usize,
    /// First word of the first occurrence.
    pub first_start: usize,
    /// The word after its last.
    pub first_end: usize,
    /// Words matched ÷ the longer stretch.
    pub similarity: f64,
}

/// One passage across all its copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Documents holding it, the source included.
    pub docs: usize,
}

/// Per-document reuse figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentReuse {
    /// Words inside recycled passages.
    pub recycled_words: usize,
    /// `recycled_words` ÷ words.
    pub recycled_share: f64,
    /// Distinct earliest sources.
    pub recycled_sources: usize,
}

/// Everything the reuse detector found.
#[derive(Debug, Default)]
pub struct ReuseReport {
    /// The documents in input order (their text is needed to quote passages).
    pub docs: Vec<ReuseDoc>,
    /// Ordered by document (input order), then start.
    pub passages: Vec<Passage>,
    /// Repeats inside documents.
    pub refrains: Vec<Refrain>,
    /// Passages across their copies.
    pub clusters: Vec<Cluster>,
    /// Documents whose order value is missing or unparseable (input ordinals).
    pub unordered: Vec<usize>,
    /// Figures per document, in input order.
    pub per_document: Vec<DocumentReuse>,
    /// Each document's ordinal in the whole archive, when this report covers part of one (`--index`:
    /// the new documents, then the archived documents their passages come from); empty: the
    /// documents' own ordinals.
    pub input_ordinals: Vec<usize>,
}

impl ReuseReport {
    /// The ordinal of document `doc` in the whole input (see [`ReuseReport::input_ordinals`]).
    pub fn input_ordinal(&self, doc: usize) -> usize {
        self.input_ordinals.get(doc).copied().unwrap_or(doc)
    }

    /// The passages of document `doc`.
    pub fn passages_of(&self, doc: usize) -> &[Passage] {
        let start = self.passages.partition_point(|p| p.doc < doc);
        let end = self.passages.partition_point(|p| p.doc <= doc);
        &self.passages[start..end]
    }

    /// Whether characters `start..end` of document `doc` lie inside one of its recycled passages.
    /// A document's passages do not overlap and are ordered by start, so only the last one starting
    /// at or before `start` can hold it (a binary search: many hits in a document with many
    /// passages stay cheap).
    pub fn is_recycled(&self, doc: usize, start: usize, end: usize) -> bool {
        let words = &self.docs[doc].offsets;
        let passages = self.passages_of(doc);
        let before = passages.partition_point(|p| words[p.start].0 as usize <= start);
        before > 0 && end <= words[passages[before - 1].end - 1].1 as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycled_hits_lie_inside_one_passage() {
        // Ten words of five characters, one space apart.
        let offsets = (0..10).map(|i| (i * 6, i * 6 + 5)).collect();
        let doc = ReuseDoc { offsets, ..ReuseDoc::default() };
        let passage = |start, end| Passage {
            doc: 0,
            start,
            end,
            source: 0,
            source_start: 0,
            source_end: 0,
            similarity: 1.0,
            cluster: 0,
        };
        let report =
            ReuseReport { docs: vec![doc], passages: vec![passage(1, 3), passage(5, 8)], ..ReuseReport::default() };
        let rows = [
            ((6, 17), true),
            ((0, 5), false),
            ((12, 35), false),
            ((30, 47), true),
            ((42, 47), true),
            ((47, 53), false),
        ];
        for ((start, end), recycled) in rows {
            assert_eq!(report.is_recycled(0, start, end), recycled, "{start}..{end}");
        }
    }
}
