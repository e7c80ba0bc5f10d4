//! Score rows: one line per input document, written the moment the document is scored, for
//! `leitmotif score` (a filter from JSONL on standard input to rows on standard output, as Spark's
//! `TRANSFORM`, Hadoop streaming or a `map_partitions` call want it).
//!
//! A row holds the document's id, the input fields asked for (`keep`), the figures of its
//! `documents` row — the same cells, rounded the same way — and an `error` column. A record that
//! cannot be read still gets its row, in its place: empty figures and the error's message. So the
//! output has exactly one line per input record, in input order, whatever happens to the record.
//!
//! Two formats: JSON lines (an object per row, keys in column order, the cells as in
//! `documents.jsonl`), and tab-separated values without a header (the cells as in `documents.csv`,
//! without the spreadsheet formula guard). In TSV a tab, line break, carriage return or backslash
//! inside a text cell is written `\t`, `\n`, `\r`, `\\`, and an empty numeric cell is `\N`, the
//! null marker of Hive and Spark's `ROW FORMAT DELIMITED`.

use super::assemble::figure_cells;
use super::cell::Cell;
use super::formats::json_object;
use super::schema::{Column, Kind, Schema};
use super::tsv_cells::escape as escape_tsv_cell;
use super::{DocumentResult, Sink};
use crate::error::{Error, RecordError, Result};
use crate::lexicon::LexiconSet;
use crate::reuse::ReuseReport;
use std::io::Write;

/// How score rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreFormat {
    /// One JSON object per line.
    Jsonl,
    /// Tab-separated values, no header.
    Tsv,
}

/// The columns of a score row: `doc_id`, the kept input fields (renamed `meta_<name>` where a
/// figure column has the name, as in `documents`), the figure columns of `documents`, `error`.
pub fn score_schema(lexicons: &LexiconSet, keep: &[String]) -> Schema {
    let mut schema = Schema::documents(lexicons, keep, false, false);
    for column in &mut schema.columns {
        if column.kind == Kind::Metadata && column.name == "error" {
            column.name = "meta_error".into();
        }
    }
    schema.columns.push(Column::new("error", Kind::Text));
    schema
}

/// A [`Sink`] that writes each document's score row to `out` as it arrives.
pub struct ScoreRows<W: Write> {
    out: W,
    format: ScoreFormat,
    schema: Schema,
    lexicons: LexiconSet,
    keep: Vec<String>,
    /// Reused for every row.
    cells: Vec<Cell>,
    line: String,
    /// Rows written, documents and errors.
    rows: u64,
}

impl<W: Write> ScoreRows<W> {
    /// Rows of the documents scanned with `lexicons`, keeping the input fields `keep`, to `out`.
    pub fn new(out: W, format: ScoreFormat, lexicons: &LexiconSet, keep: &[String]) -> ScoreRows<W> {
        ScoreRows {
            out,
            format,
            schema: score_schema(lexicons, keep),
            lexicons: lexicons.clone(),
            keep: keep.to_vec(),
            cells: Vec::new(),
            line: String::new(),
            rows: 0,
        }
    }

    /// Rows written so far (documents and unreadable records).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Flushes and returns the writer.
    pub fn into_inner(mut self) -> Result<W> {
        self.out.flush().map_err(|e| Error::io("<standard output>", e))?;
        Ok(self.out)
    }

    /// Writes `self.cells` as one line.
    fn write_row(&mut self) -> Result<()> {
        self.line.clear();
        match self.format {
            ScoreFormat::Tsv => {
                for (i, cell) in self.cells.iter().enumerate() {
                    if i > 0 {
                        self.line.push('\t');
                    }
                    match cell {
                        Cell::Empty if !matches!(self.schema.columns[i].kind, Kind::Text | Kind::List) => {
                            self.line.push_str("\\N")
                        }
                        cell => self.line.push_str(&escape_tsv_cell(&cell.to_text())),
                    }
                }
            }
            ScoreFormat::Jsonl => {
                self.line = serde_json::Value::Object(json_object(&self.schema.columns, &self.cells)).to_string();
            }
        }
        self.line.push('\n');
        self.out.write_all(self.line.as_bytes()).map_err(|e| Error::io("<standard output>", e))?;
        self.rows += 1;
        Ok(())
    }
}

impl<W: Write> Sink for ScoreRows<W> {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        let [row] = result.rows.as_slice() else {
            return Err(Error::usage(format!(
                "document {}: {} rows of figures; score rows need one per document (no --by speaker)",
                result.id,
                result.rows.len()
            )));
        };
        let mut cells = std::mem::take(&mut self.cells);
        cells.clear();
        cells.push(Cell::Text(result.id.clone()));
        for key in &self.keep {
            let value = result.meta.iter().find(|(name, _)| name == key);
            cells.push(value.map_or(Cell::Empty, |(_, value)| Cell::Text(value.clone())));
        }
        figure_cells(&row.figures, &self.lexicons, &mut cells);
        cells.push(Cell::Empty);
        self.cells = cells;
        self.write_row()
    }

    fn error(&mut self, error: &RecordError) -> Result<()> {
        let width = self.schema.columns.len();
        self.cells.clear();
        self.cells.resize(width, Cell::Empty);
        self.cells[width - 1] = Cell::Text(error.to_string());
        self.write_row()
    }

    fn finish(&mut self, _reuse: Option<&ReuseReport>) -> Result<()> {
        self.out.flush().map_err(|e| Error::io("<standard output>", e))
    }
}
