//! Output: what a scanned document hands to the writers ([`DocumentResult`]), the [`Sink`] trait
//! that every output format implements, and the CSV writer.
//!
//! Sinks receive results strictly in input order, on one thread, so that files come out the same
//! whatever the number of workers.

mod cells;
mod columns;
mod csv_sink;
mod export;
mod hit_row;
mod number;
mod passages;
mod report;
mod spool;
mod table;
mod workbook;

pub use columns::{document_columns, HIT_COLUMNS, REUSE_DOCUMENT_COLUMNS, SEGMENT_COLUMNS};
pub use csv_sink::{CsvSink, Tables};
pub use export::{export, remove_csv_tables, utc_now, Formats, RunInfo, TABLES};
pub use hit_row::HitRow;
pub use number::format_number;
pub use passages::{PASSAGE_COLUMNS, REFRAIN_COLUMNS};
pub use report::write_report;
pub use workbook::{MAX_CELL_CHARS, MAX_ROWS};

use crate::error::{RecordError, Result};
use crate::reuse::ReuseReport;
use crate::score::DocumentFigures;

/// Everything written about one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentResult {
    pub id: String,
    pub meta: Vec<(String, String)>,
    /// One row for the document, or one per speaker (`--by speaker`).
    pub rows: Vec<FigureRow>,
    pub hits: Vec<HitRow>,
    pub segments: Vec<SegmentRow>,
}

/// Figures of a document, or of one speaker in it.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    pub speaker: Option<String>,
    pub figures: DocumentFigures,
}

/// One row of `segments.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRow {
    pub speaker: String,
    /// Character offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub words: usize,
    pub start_s: f64,
    pub end_s: f64,
    pub frame: Option<usize>,
    pub motifs: Vec<usize>,
}

/// A destination for results, fed in input order.
pub trait Sink {
    fn document(&mut self, result: &DocumentResult) -> Result<()>;
    /// A record that could not be read.
    fn error(&mut self, error: &RecordError) -> Result<()>;
    /// Completes the files. Called once, after the last result, with the reuse findings when
    /// reuse detection ran.
    fn finish(&mut self, reuse: Option<&ReuseReport>) -> Result<()>;
}
