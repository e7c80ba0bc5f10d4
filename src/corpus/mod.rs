//! The corpus: finding input files, opening them (with transparent `.gz`/`.zst` decompression),
//! splitting them into raw records, and parsing records into [`Document`]s.
//!
//! Splitting happens on one reader thread (`CorpusReader`) and is cheap: JSONL lines and CSV rows
//! are only cut out there. Parsing (JSON decoding, CSV unquoting, UTF-8 checks, metadata) is done
//! by the worker threads through `Record::into_document`. A record that cannot be read
//! (malformed, a stray CSV quote, over [`ReadOptions::max_doc_bytes`]) becomes a
//! [`RecordError`](crate::error::RecordError) naming the file and line, and so does a folder entry
//! that cannot be looked at ([`Discovered::errors`]); the rest of the corpus is still read.

mod csv_rows;
mod discover;
mod json;
mod lines;
mod open;
pub(crate) mod reader;
mod record;
mod subtitles;
mod walk;

pub use discover::{discover, Compression, DiscoverOptions, Discovered, Input, InputKind, SourceFile};
pub(crate) use reader::CorpusReader;
pub(crate) use record::{Record, RecordBody};
pub use subtitles::Cue;

use std::sync::Arc;

/// One document of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its id (or `<file>:<line>` when the record has none).
    pub id: String,
    /// Every other field or column, in the order of the input, as text.
    pub meta: Vec<(String, String)>,
    /// The text.
    pub text: String,
    /// The input file as named by the user (`-` for standard input).
    pub source: Arc<str>,
    /// 1-based line at which the record starts (1 for whole-file documents).
    pub line: u64,
    /// Subtitle cues with real times (empty for other inputs).
    pub cues: Vec<Cue>,
    /// A JSONL or CSV/TSV record without a value for the id field or column (`--id-field`,
    /// `--id-column`): its id is `<file>:<line>`.
    pub id_missing: bool,
}

/// Default of [`ReadOptions::max_doc_bytes`]: 64 MiB.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 << 20;

/// Which fields or columns hold the id and the text, and how large a record may be.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// JSONL field holding the id.
    pub id_field: String,
    /// JSONL field holding the text.
    pub text_field: String,
    /// CSV/TSV column holding the id.
    pub id_column: String,
    /// CSV/TSV column holding the text.
    pub text_column: String,
    /// Largest record read, in bytes: a JSONL line, a CSV/TSV row, a whole text or subtitle file
    /// (after decompression). A larger one is an error row, passed over without being held in
    /// memory, and reading goes on with the next record.
    pub max_doc_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            id_column: "id".into(),
            text_column: "text".into(),
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}
