//! Column names of the output tables, in their fixed order.

use crate::lexicon::LexiconSet;

/// Columns of `hits.csv`.
pub const HIT_COLUMNS: &[&str] =
    &["doc_id", "frame", "motif", "pattern", "start", "end", "matched", "sentence", "left", "right", "speaker"];

/// Columns of `segments.csv`.
pub const SEGMENT_COLUMNS: &[&str] =
    &["doc_id", "speaker", "segment", "start", "end", "words", "start_s", "end_s", "frame", "motifs"];

/// Per-frame column suffixes of `documents.csv`, in order.
pub const FRAME_SUFFIXES: &[&str] = &["hits", "motifs", "per_1k", "share", "first", "score", "seconds", "airtime"];

/// Columns of `documents.csv` after `doc_id` (and `speaker`) and the metadata columns.
pub fn document_columns(lexicons: &LexiconSet) -> Vec<String> {
    let mut columns = vec!["words".to_string(), "sentences".to_string(), "seconds".to_string()];
    for frame in &lexicons.frames {
        columns.extend(FRAME_SUFFIXES.iter().map(|suffix| format!("{}_{suffix}", frame.id)));
    }
    columns.push("top_frame".into());
    columns.push("opening_frame".into());
    columns
}

/// Columns added to `documents.csv` by reuse detection.
pub const REUSE_DOCUMENT_COLUMNS: &[&str] =
    &["recycled_words", "recycled_share", "recycled_sources", "boilerplate_frames"];
