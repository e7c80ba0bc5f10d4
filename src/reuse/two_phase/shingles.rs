//! Phase one (`leitmotif shingles`): one row per kept fingerprint of a document, and, for the
//! local pipeline, one row holding the document itself.
//!
//! A shingle row is `hash, place, pos, char_start, char_end, doc_id` (tab-separated): the
//! fingerprint as a signed 64-bit number (scheme [`SCHEME`]), where it is (`keys.rs`), its first
//! word, the character offsets of its first and last word, and the document's id. A document row
//! is `doc, key, record`: the record is a JSON object with `id`, `text` and, with `--order-by`,
//! `order` (the value as written) — the form `resolve` reads documents in.

use super::keys::{doc_key, place};
use crate::output::escape_tsv_cell as escape;
use crate::reuse::fingerprint::{shingles_into, winnow_each, ReuseDoc, SHINGLE_WORDS};
use crate::text::tokenize;
use std::io::{self, Write};

/// The fingerprint scheme. A driver compares it across executors (`leitmotif shingles --scheme`);
/// any change to word hashing, shingling or winnowing must change it.
pub const SCHEME: &str = "leitmotif-shingles/1 words=fnv1a32(normalised) shingle=4 words seed=0x9e3779b97f4a7c15 \
                          mix=rotl23-xor-mul(0xff51afd7ed558ccd) winnow=4 (rightmost minimum)";

/// A document ready for phase one: its reuse view and its key.
pub struct ShingledDoc {
    /// The reuse view (word hashes, offsets, text).
    pub doc: ReuseDoc,
    /// Its document key (`keys.rs`).
    pub key: String,
    /// Whether `--order-by` was given (the record then carries `order`).
    pub ordered: bool,
}

impl ShingledDoc {
    /// Tokenises a document as the scan does for reuse. `order_value` is `None` without
    /// `--order-by` (a missing field with it is `Some("")`).
    pub fn new(id: String, order_value: Option<String>, text: String, ordinal: u64) -> ShingledDoc {
        let key = doc_key(order_value.as_deref(), ordinal);
        let ordered = order_value.is_some();
        ShingledDoc { doc: reuse_doc(id, order_value.unwrap_or_default(), text), key, ordered }
    }

    /// Writes one row per kept fingerprint; returns how many. `shingles` is scratch space.
    pub fn write_shingles(&self, out: &mut impl Write, shingles: &mut Vec<u64>) -> io::Result<usize> {
        shingles_into(&self.doc.words, shingles);
        let offsets = self.doc.compact.decode();
        let id = escape(&self.doc.id);
        let mut rows = 0;
        let mut result = Ok(());
        winnow_each(shingles, |pos, hash| {
            if result.is_err() {
                return;
            }
            let (start, end) = (offsets[pos as usize].0, offsets[pos as usize + SHINGLE_WORDS - 1].1);
            let at = place(&self.key, pos);
            result = writeln!(out, "{}\t{at}\t{pos}\t{start}\t{end}\t{id}", hash as i64);
            rows += 1;
        });
        result.map(|()| rows)
    }

    /// Writes the document row (`doc`, key, record).
    pub fn write_doc(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(out, "doc\t{}\t{}", self.key, record_json(&self.doc, self.ordered))
    }
}

/// The reuse view of a document, tokenised as the scan tokenises it.
pub fn reuse_doc(id: String, order_value: String, text: String) -> ReuseDoc {
    let mut tokens = Vec::new();
    tokenize(&text, &mut tokens);
    ReuseDoc::new(id, order_value, text, &tokens)
}

/// The record of a document as `resolve` reads it.
pub fn record_json(doc: &ReuseDoc, ordered: bool) -> String {
    let mut record = serde_json::Map::new();
    record.insert("id".into(), doc.id.clone().into());
    if ordered {
        record.insert("order".into(), doc.order_value.clone().into());
    }
    record.insert("text".into(), doc.text.clone().into());
    serde_json::Value::Object(record).to_string()
}

/// The column names of a shingle row (`--header`).
pub const SHINGLE_COLUMNS: [&str; 6] = ["hash", "place", "pos", "char_start", "char_end", "doc_id"];
