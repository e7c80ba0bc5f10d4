//! What the per-document step of the detector reads besides the document itself: the word hashes
//! of the documents its seeds name, each document's place in the earliest-first order, and the
//! earlier occurrences of a fingerprint (for the fallback for long verbatim runs, `exact.rs`).
//!
//! [`detect`](super::detect) answers from the whole corpus held in memory ([`Indexed`]); the
//! two-phase form (`two_phase/`) answers from rows that arrive from outside, one document at a
//! time, and records what it was asked for and did not have.

use super::fingerprint::ReuseDoc;
use super::index::Index;

/// The data the per-document step reads. Documents are named by input ordinal.
pub trait Sources {
    /// The word hashes of `doc`. Asked only for the document itself and the documents its seeds
    /// name, which every implementation holds.
    fn words(&self, doc: usize) -> &[u32];
    /// The word hashes of `doc` if they are at hand (the holders of an anchor, `exact.rs`).
    fn words_if_held(&self, doc: usize) -> Option<&[u32]> {
        Some(self.words(doc))
    }
    /// The place of `doc` in the earliest-first order: earlier is smaller.
    fn rank(&self, doc: usize) -> u128;
    /// How many occurrences `hash` has in documents earlier than `doc`, counted up to `cap`.
    fn count_earlier(&self, hash: u64, doc: usize, cap: usize) -> usize;
    /// The first `at_most` occurrences of `hash` in documents earlier than `doc`, earliest first,
    /// as (document, word position).
    fn earlier(&self, hash: u64, doc: usize, at_most: usize) -> Vec<(usize, u32)>;
}

/// The whole corpus in memory: the documents, the fingerprint index and each document's place.
pub struct Indexed<'a> {
    pub docs: &'a [ReuseDoc],
    pub index: &'a Index,
    /// The place of each document (input ordinal) in the earliest-first order.
    pub rank: &'a [usize],
}

impl Sources for Indexed<'_> {
    fn words(&self, doc: usize) -> &[u32] {
        &self.docs[doc].words
    }

    fn rank(&self, doc: usize) -> u128 {
        self.rank[doc] as u128
    }

    fn count_earlier(&self, hash: u64, doc: usize, cap: usize) -> usize {
        self.index.count_before(hash, self.index.span_of(self.rank[doc]).start, cap)
    }

    fn earlier(&self, hash: u64, doc: usize, at_most: usize) -> Vec<(usize, u32)> {
        let before = self.index.span_of(self.rank[doc]).start;
        self.index.occurrences(hash, before).take(at_most).map(|at| self.index.locate(at)).collect()
    }
}
