//! The corpus: finding input files, opening them (with transparent `.gz`/`.zst` decompression),
//! splitting them into raw records, and parsing records into [`Document`]s.
//!
//! Splitting happens on one reader thread ([`CorpusReader`]) and is cheap: JSONL lines and CSV rows
//! are only cut out there. Parsing (JSON decoding, UTF-8 checks, metadata) is done by the worker
//! threads through [`Record::into_document`]. A record that cannot be read becomes a
//! [`RecordError`](crate::error::RecordError) naming the file and line; the rest of the corpus is
//! still read.

mod discover;
mod lines;
mod open;
pub(crate) mod reader;
mod record;
mod subtitles;

pub use discover::{discover, Input, InputKind, SourceFile};
pub use reader::CorpusReader;
pub use record::{Record, RecordBody};
pub use subtitles::{parse_subtitles, Cue};

use std::sync::Arc;

/// One document of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    /// Every other field or column, in the order of the input, as text.
    pub meta: Vec<(String, String)>,
    pub text: String,
    /// The input file as named by the user (`-` for standard input).
    pub source: Arc<str>,
    /// 1-based line at which the record starts (1 for whole-file documents).
    pub line: u64,
    /// Subtitle cues with real times (empty for other inputs).
    pub cues: Vec<Cue>,
}

/// Which fields or columns hold the id and the text.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub id_field: String,
    pub text_field: String,
    pub id_column: String,
    pub text_column: String,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            id_field: "id".into(),
            text_field: "text".into(),
            id_column: "id".into(),
            text_column: "text".into(),
        }
    }
}
