//! `leitmotif.xlsx`: one sheet per table, plus `frames` (the lexicon) and `run` (provenance).
//! Header row frozen and bold, autofilter on, column widths from the content, numbers stored as
//! numbers, shares as percentages, ISO dates in metadata as dates, text always as text (never a
//! formula). Excel's limits are kept: a table longer than 1,048,575 rows continues on
//! `<table> (2)`, and text longer than 32,767 characters is cut; both are noted in the `run` sheet.
//! Sheets stream to disk (constant memory), into temporary files in the folder of the workbook.
//!
//! The spreadsheet crate panics when its temporary files cannot be written (a full disk); every
//! call into it runs under [`guarded`], which turns such a panic into an I/O error naming the
//! workbook, so a full disk is an error like any other, never a crash.

use crate::error::{Error, Result};
use crate::lexicon::{LexiconSet, Role};
use crate::output::cell::{rounded, Cell};
use crate::output::schema::{Column, Kind};
use crate::output::table::{RunInfo, Table, TableSink};
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};
use std::path::PathBuf;

/// Data rows per sheet (Excel's 1,048,576 rows, less the header).
pub const MAX_ROWS: usize = 1_048_575;
/// Characters per cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Rows read to size the columns.
const SAMPLE_ROWS: usize = 200;

/// The workbook of a run.
pub struct Workbook {
    path: PathBuf,
    book: rust_xlsxwriter::Workbook,
    styles: Styles,
    lexicons: LexiconSet,
    notes: Vec<String>,
    /// Data rows per sheet: [`MAX_ROWS`], smaller only in tests.
    max_rows: usize,
}

struct Styles {
    bold: Format,
    percent: Format,
    integer: Format,
    date: Format,
    datetime: Format,
}

impl Workbook {
    /// A workbook to be saved at `path`, whose `frames` sheet lists `lexicons`.
    pub fn new(path: PathBuf, lexicons: &LexiconSet) -> Workbook {
        let mut book = rust_xlsxwriter::Workbook::new();
        // Temporary sheet files go beside the workbook (the staging folder, removed with it); if
        // that folder does not exist yet, the system's temporary folder is used.
        if let Some(folder) = path.parent().filter(|f| f.is_dir()) {
            let _ = book.set_tempdir(folder);
        }
        Workbook {
            path,
            book,
            styles: Styles {
                bold: Format::new().set_bold(),
                percent: Format::new().set_num_format("0.0%"),
                integer: Format::new().set_num_format("0"),
                date: Format::new().set_num_format("yyyy-mm-dd"),
                datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            },
            lexicons: lexicons.clone(),
            notes: Vec::new(),
            max_rows: MAX_ROWS,
        }
    }

    /// What was split or cut to fit Excel's limits.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Writes one sheet of `count` rows; returns how many cells were cut.
    fn sheet(
        &mut self,
        name: &str,
        columns: &[Column],
        sample: &[Vec<Cell>],
        count: usize,
        rows: impl Iterator<Item = Result<Vec<Cell>>>,
    ) -> Result<usize> {
        let path = self.path.clone();
        let xlsx = |e: XlsxError| Error::io(&path, std::io::Error::other(e));
        let sheet = self.book.add_worksheet_with_constant_memory().map_err(xlsx)?;
        sheet.set_name(name).map_err(xlsx)?;
        for (col, column) in columns.iter().enumerate() {
            let widest = sample.iter().filter_map(|r| r.get(col)).map(|c| c.to_text().chars().count()).max();
            let width = widest.unwrap_or(0).max(column.name.chars().count() + 2).clamp(8, 60);
            sheet.set_column_width(col as u16, width as f64).map_err(xlsx)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
        sheet.autofilter(0, 0, count as u32, columns.len().saturating_sub(1) as u16).map_err(xlsx)?;
        for (col, column) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, &column.name, &self.styles.bold).map_err(xlsx)?;
        }
        let mut truncated = 0;
        for (r, row) in rows.enumerate() {
            truncated += write_row(sheet, r as u32 + 1, &row?, columns, &self.styles).map_err(xlsx)?;
        }
        Ok(truncated)
    }

    /// The lexicon: one row per motif.
    fn frames(&mut self) -> Result<()> {
        let text = |name: &str| Column { name: name.into(), kind: Kind::Text };
        let columns = [
            text("frame"),
            text("frame_label"),
            text("motif"),
            text("motif_label"),
            Column { name: "weight".into(), kind: Kind::Number },
            text("patterns"),
            text("exclude"),
            text("description"),
        ];
        let lexicons = &self.lexicons;
        let rows: Vec<Vec<Cell>> = lexicons
            .motifs
            .iter()
            .enumerate()
            .map(|(index, motif)| {
                let frame = &lexicons.frames[motif.frame];
                let entries = lexicons.patterns.iter().filter(|p| p.motif == index);
                let (patterns, others): (Vec<_>, Vec<_>) = entries.partition(|p| p.is_match());
                let exclude: Vec<_> = others.into_iter().filter(|p| matches!(p.role, Role::Exclude { .. })).collect();
                let weight = patterns.first().map_or(1.0, |p| p.weight);
                let join = |list: &[&crate::lexicon::PatternEntry]| {
                    Cell::Text(list.iter().map(|p| p.source.as_str()).collect::<Vec<_>>().join(" | "))
                };
                vec![
                    Cell::Text(frame.id.clone()),
                    Cell::Text(frame.label.clone()),
                    Cell::Text(motif.id.clone()),
                    Cell::Text(motif.label.clone()),
                    Cell::Float(weight),
                    join(&patterns),
                    join(&exclude),
                    Cell::Text(motif.description.clone()),
                ]
            })
            .collect();
        self.sheet("frames", &columns, &rows, rows.len(), rows.iter().cloned().map(Ok)).map(|_| ())
    }

    /// Provenance: one (key, value) row per fact.
    fn run_sheet(&mut self, facts: &[(String, String)]) -> Result<()> {
        let columns =
            [Column { name: "key".into(), kind: Kind::Text }, Column { name: "value".into(), kind: Kind::Text }];
        let rows: Vec<Vec<Cell>> =
            facts.iter().map(|(k, v)| vec![Cell::Text(k.clone()), Cell::Text(v.clone())]).collect();
        self.sheet("run", &columns, &rows, rows.len(), rows.iter().cloned().map(Ok)).map(|_| ())
    }
}

impl TableSink for Workbook {
    /// Writes one table, split over several sheets beyond Excel's row limit.
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let path = self.path.clone();
        guarded(&path, || self.write_table(table))
    }

    fn finish(&mut self, run: &RunInfo) -> Result<()> {
        let path = self.path.clone();
        guarded(&path, || self.write_rest(run))
    }

    fn notes(&self) -> Vec<String> {
        self.notes.clone()
    }
}

/// Runs `write` with panics of the spreadsheet crate caught and reported as an I/O error on `path`
/// (the panic message is kept, and not printed as a crash). Called only once every worker thread
/// has finished, so swapping the process's panic hook meanwhile affects no other work.
fn guarded<T>(path: &std::path::Path, write: impl FnOnce() -> Result<T>) -> Result<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(write));
    std::panic::set_hook(hook);
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("unknown failure");
        Err(Error::io(path, std::io::Error::other(format!("the spreadsheet writer failed: {message}"))))
    })
}

impl Workbook {
    /// Writes one table, split over several sheets beyond Excel's row limit.
    fn write_table(&mut self, table: &dyn Table) -> Result<()> {
        let schema = table.schema();
        let name = schema.table.as_str();
        let total = table.len();
        let sample: Vec<Vec<Cell>> = table.rows()?.take(SAMPLE_ROWS).collect::<Result<_>>()?;
        let mut rows = table.rows()?;
        let parts = total.div_ceil(self.max_rows).max(1);
        let mut truncated = 0usize;
        for part in 1..=parts {
            let sheet_name = if part == 1 { name.to_string() } else { format!("{name} ({part})") };
            let first = (part - 1) * self.max_rows;
            let count = (total - first).min(self.max_rows);
            truncated += self.sheet(&sheet_name, &schema.columns, &sample, count, rows.by_ref().take(count))?;
            if parts > 1 {
                self.notes.push(format!(
                    "table {name}: rows {}–{} are on sheet '{sheet_name}'",
                    first + 1,
                    first + count
                ));
            }
        }
        if truncated > 0 {
            self.notes.push(format!(
                "table {name}: {truncated} cells longer than {MAX_CELL_CHARS} characters were cut (the CSV/JSONL have them whole)"
            ));
        }
        Ok(())
    }

    /// Writes the `frames` and `run` sheets and saves the workbook.
    fn write_rest(&mut self, run: &RunInfo) -> Result<()> {
        self.frames()?;
        let mut facts = run.facts.clone();
        facts.extend(run.errors.iter().map(|e| ("error".to_string(), e.clone())));
        facts.extend(self.notes.iter().map(|n| ("note".to_string(), n.clone())));
        self.run_sheet(&facts)?;
        let path = self.path.clone();
        self.book.save(&path).map_err(|e| Error::io(&path, std::io::Error::other(e)))
    }
}

/// Writes one data row; returns how many cells were cut.
fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &[Cell],
    columns: &[Column],
    styles: &Styles,
) -> Result<usize, XlsxError> {
    let mut truncated = 0;
    for (c, cell) in row.iter().enumerate() {
        let col = c as u16;
        let kind = columns.get(c).map_or(Kind::Text, |column| column.kind);
        match cell {
            Cell::Empty => {}
            Cell::Int(n) => {
                sheet.write_number_with_format(r, col, *n as f64, &styles.integer)?;
            }
            Cell::Float(x) if kind == Kind::Share => {
                sheet.write_number_with_format(r, col, rounded(*x), &styles.percent)?;
            }
            Cell::Float(x) => {
                sheet.write_number(r, col, rounded(*x))?;
            }
            Cell::Bool(b) => {
                sheet.write_boolean(r, col, *b)?;
            }
            Cell::Text(text) if kind == Kind::Metadata && is_iso_date(text) => {
                match ExcelDateTime::parse_from_str(text) {
                    Ok(when) => {
                        let format = if text.len() > 10 { &styles.datetime } else { &styles.date };
                        sheet.write_datetime_with_format(r, col, &when, format)?;
                    }
                    Err(_) => {
                        sheet.write_string(r, col, text)?;
                    }
                }
            }
            Cell::Text(text) if text.chars().count() > MAX_CELL_CHARS => {
                truncated += 1;
                let cut: String = text.chars().take(MAX_CELL_CHARS).collect();
                sheet.write_string(r, col, &cut)?;
            }
            Cell::Text(text) => {
                sheet.write_string(r, col, text)?;
            }
        }
    }
    Ok(truncated)
}

/// `YYYY-MM-DD`, optionally followed by `THH:MM:SS` (and `Z`).
fn is_iso_date(cell: &str) -> bool {
    let b = cell.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || (b.len() >= 19 && b[10] == b'T'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::schema::{Schema, TableName};
    use crate::output::table::RowsTable;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    #[test]
    fn a_table_beyond_the_row_limit_continues_on_further_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let lexicons = crate::lexicon::load_bundled().unwrap();
        let mut book = Workbook::new(path.clone(), &lexicons);
        book.max_rows = 3;
        let schema =
            Schema { table: TableName::Errors, columns: vec![Column { name: "n".into(), kind: Kind::Integer }] };
        let table = RowsTable { schema, rows: (1..=7).map(|n| vec![Cell::Int(n)]).collect() };
        book.table(&table).unwrap();
        assert_eq!(book.notes().len(), 3, "{:?}", book.notes());
        assert_eq!(book.notes()[2], "table errors: rows 7–7 are on sheet 'errors (3)'");
        book.finish(&RunInfo::default()).unwrap();
        let mut read: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(read.sheet_names(), ["errors", "errors (2)", "errors (3)", "frames", "run"]);
        let second = read.worksheet_range("errors (2)").unwrap();
        assert_eq!(second.get((0, 0)), Some(&Data::String("n".into())), "every part has the header");
        assert_eq!(second.get((1, 0)), Some(&Data::Float(4.0)));
        assert_eq!(second.height(), 4);
    }
}
