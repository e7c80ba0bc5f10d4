//! Output: what a scanned document hands to the writers ([`DocumentResult`]), the run's tables
//! declared once ([`Schema`]) with typed cells ([`Cell`]), and the formats that write them.
//!
//! Data flows one way: the pipeline feeds each document's result to a [`Sink`] in input order, on
//! one thread, so that files come out the same whatever the number of workers. The `Assembler`
//! (a sink) spools typed rows and, at the end, hands every complete [`Table`] to each
//! [`TableSink`]: CSV, JSON lines, the workbook, the HTML report or in-memory tables. An
//! [`OutputSet`] wires the chosen formats to an `OutputDir` whose files appear all at once when
//! the run succeeds, or not at all; [`TableFiles`] does the same for commands whose tables are
//! complete only at the end (`lexicon coverage`, `discover`).

mod assemble;
mod cell;
pub mod formats;
mod groups;
mod hit_row;
mod number;
mod output_dir;
mod output_set;
mod passages;
mod schema;
mod score_rows;
mod spool;
mod table;
mod table_files;
mod tsv_cells;

pub(crate) use assemble::Assembler;
pub use assemble::TableOptions;
pub(crate) use cell::needs_escape;
pub use cell::Cell;
pub(crate) use groups::year_month;
pub use groups::{DateBin, GroupBy, GroupKey};
pub(crate) use hit_row::context;
pub use hit_row::HitRow;
pub(crate) use output_dir::MANIFEST;
pub use output_dir::{output_names, AbortHandle};
pub use output_set::{Formats, OutputOptions, OutputSet};
pub(crate) use passages::QUOTE_CHARS;
pub use schema::{Column, Kind, Schema, TableName};
pub use score_rows::{score_schema, ScoreFormat, ScoreRows};
pub use table::{utc_now, Rows, RowsTable, RunInfo, Table, TableSink};
pub use table_files::TableFiles;
pub use tsv_cells::{escape as escape_tsv_cell, unescape as unescape_tsv_cell};

use crate::error::{RecordError, Result};
use crate::reuse::ReuseReport;
use crate::score::{DocumentFigures, SegmentFrame};

/// Everything written about one document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocumentResult {
    /// The document's id.
    pub id: String,
    /// Its metadata fields, in input order.
    pub meta: Vec<(String, String)>,
    /// One row for the document, or one per speaker (`--by speaker`).
    pub rows: Vec<FigureRow>,
    /// Its hits.
    pub hits: Vec<HitRow>,
    /// Its timeline.
    pub segments: Vec<SegmentRow>,
}

/// Figures of a document, or of one speaker in it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FigureRow {
    /// The speaker, for a per-speaker row.
    pub speaker: Option<String>,
    /// The figures.
    pub figures: DocumentFigures,
}

/// One segment of the timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SegmentRow {
    /// Who speaks.
    pub speaker: String,
    /// Character offsets into the original text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// Words in the segment.
    pub words: usize,
    /// Start time in seconds.
    pub start_s: f64,
    /// End time in seconds.
    pub end_s: f64,
    /// Its frames with their shares of its time, largest first (empty: no frame).
    pub frames: Vec<SegmentFrame>,
    /// Indices of the motifs hit in it.
    pub motifs: Vec<usize>,
    /// The cue terms matched in it, as written, in order.
    pub cues: Vec<String>,
}

impl SegmentRow {
    /// Its main frame: the one with the largest share.
    pub fn frame(&self) -> Option<usize> {
        self.frames.first().map(|f| f.frame)
    }
}

/// A destination for the results of each document, fed in input order.
pub trait Sink {
    /// One document's results.
    fn document(&mut self, result: &DocumentResult) -> Result<()>;
    /// A document's hits, before the rest of its results: while the corpus model is trained on the
    /// run, documents wait for it (parked on disk), and their hits, which the model does not change,
    /// need not wait with them. A sink that takes them returns true, and [`Sink::document`] then
    /// gets the document without its hits. Called in input order, once per document, before any
    /// `document` call of the run, or never.
    fn hits_first(&mut self, _result: &DocumentResult) -> Result<bool> {
        Ok(false)
    }
    /// A record that could not be read.
    fn error(&mut self, error: &RecordError) -> Result<()>;
    /// Completes the output. Called once, after the last result, with the reuse findings when
    /// reuse detection ran.
    fn finish(&mut self, reuse: Option<&ReuseReport>) -> Result<()>;
}
