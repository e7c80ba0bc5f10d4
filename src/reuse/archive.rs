//! The reuse archive: what a growing archive's reuse index holds of every document placed so far
//! (`scan --reuse --index DIR`, issue 14), so that a later run places only new documents and gets
//! the passages a run over the whole archive would give. Per document: id, order value, content
//! hash, word hashes and compact word offsets (not the text); and every passage found so far (word
//! ranges only), which clustering needs to number the new passages' clusters as a whole run would;
//! and the archived documents' sorted fingerprints, so that new documents that come after them are
//! the only ones fingerprinted.
//! Why each part is needed is in DESIGN.md ("Growing archives").

use super::fingerprint::ReuseDoc;
use super::index::Entry;
use super::Passage;
use crate::hashing::mix64;

/// A recycled passage already placed: words `start..end` of archived document `doc` also occur at
/// `source_start..source_end` of archived document `source` (ordinals in the archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchivedPassage {
    /// The document holding the copy.
    pub doc: u32,
    /// Its first word.
    pub start: u32,
    /// The word after its last.
    pub end: u32,
    /// The earliest document holding it.
    pub source: u32,
    /// First word in the source.
    pub source_start: u32,
    /// The word after its last in the source.
    pub source_end: u32,
}

impl ArchivedPassage {
    /// The passage `p`, its documents numbered by `ordinal`.
    pub fn of(p: &Passage, ordinal: impl Fn(usize) -> usize) -> ArchivedPassage {
        ArchivedPassage {
            doc: ordinal(p.doc) as u32,
            start: p.start as u32,
            end: p.end as u32,
            source: ordinal(p.source) as u32,
            source_start: p.source_start as u32,
            source_end: p.source_end as u32,
        }
    }

    /// As a [`Passage`] (similarity and cluster unknown: 0), for clustering.
    pub fn passage(&self) -> Passage {
        Passage {
            doc: self.doc as usize,
            start: self.start as usize,
            end: self.end as usize,
            source: self.source as usize,
            source_start: self.source_start as usize,
            source_end: self.source_end as usize,
            similarity: 0.0,
            cluster: 0,
        }
    }
}

/// Everything a reuse index holds.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// The `--order-by` field the index was built with.
    pub order_by: Option<String>,
    /// The `--min-words` the index was built with.
    pub min_words: usize,
    /// The archived documents in archive order (their text is not kept: empty).
    pub docs: Vec<ReuseDoc>,
    /// The content hash of each document ([`content_hash`]).
    pub hashes: Vec<u64>,
    /// Every passage placed so far, by document then start.
    pub passages: Vec<ArchivedPassage>,
    /// The fingerprint index of the archived documents (sorted occurrences, global positions in
    /// their earliest-first order), so that a run whose new documents all come after them
    /// fingerprints only those (`Index::extend`). `None` when a replaced document has voided it:
    /// the run then builds the index of everything again.
    pub entries: Option<Vec<Entry>>,
}

impl Archive {
    /// An empty archive for these options.
    pub fn new(order_by: Option<String>, min_words: usize) -> Archive {
        Archive { order_by, min_words, entries: Some(Vec::new()), ..Archive::default() }
    }

    /// Words held (the sum of the documents' lengths).
    pub fn words(&self) -> u64 {
        self.docs.iter().map(|d| d.words.len() as u64).sum()
    }
}

/// The content hash of a document: its text and its order value, so that a document whose date
/// was corrected is placed again too. 64 bits, the same on every platform and in every release
/// that reads the same index format.
pub fn content_hash(text: &str, order_value: &str) -> u64 {
    let mut state = mix64(text.len() as u64);
    for part in [text.as_bytes(), &[0xFF], order_value.as_bytes()] {
        let mut chunks = part.chunks_exact(8);
        for chunk in &mut chunks {
            state = mix64(state ^ u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        state = mix64(state.rotate_left(17) ^ u64::from_le_bytes(tail) ^ chunks.remainder().len() as u64);
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hashes_tell_texts_and_order_values_apart() {
        let base = content_hash("We the peoples of the United Nations", "1946");
        assert_eq!(base, content_hash("We the peoples of the United Nations", "1946"));
        assert_ne!(base, content_hash("We the peoples of the United Nations.", "1946"));
        assert_ne!(base, content_hash("We the peoples of the United Nations", "1947"));
        assert_ne!(content_hash("ab", "c"), content_hash("a", "bc"));
        assert_ne!(content_hash("", ""), content_hash("\0", ""));
    }
}
