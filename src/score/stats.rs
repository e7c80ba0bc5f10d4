//! Corpus-wide counters, merged with `+=` so that workers can keep their own and add them up.

use std::ops::AddAssign;

/// Totals of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Documents scanned and written.
    pub documents: u64,
    /// Records that could not be read (each is listed in errors.csv).
    pub errors: u64,
    /// Words (tokens) of the documents written.
    pub words: u64,
    /// Hits written.
    pub hits: u64,
    /// Bytes of document text scanned.
    pub text_bytes: u64,
}

impl AddAssign for RunStats {
    fn add_assign(&mut self, other: RunStats) {
        self.documents += other.documents;
        self.errors += other.errors;
        self.words += other.words;
        self.hits += other.hits;
        self.text_bytes += other.text_bytes;
    }
}
