//! `leitmotif.xlsx`, built for reading: `summary` first (one row per document: id, date, title,
//! speaker, words, each frame's score, top frame, recycled share; see `summary.rs`), then one sheet
//! per table, then `frames` (the lexicon) and `run` (provenance).
//!
//! On every sheet the header row is bold, wraps and stays frozen, with an autofilter; on sheets
//! whose rows start with `doc_id` (and on `groups`, whose rows start with their key) the first
//! column is frozen too; printed, the header repeats on every page, and `summary` prints landscape,
//! one page wide. Every numeric column has a number format by its kind and name, widths come
//! from the values (see `look.rs`), ISO dates in metadata are dates, and text is always text (never
//! a formula). URL ids (`http://`, `https://`) are hyperlinks on `summary` and `documents`, the
//! sheets with one row per document, up to Excel's 65,530 links per sheet (beyond that plain text,
//! with a note). In `frames` a motif's patterns are one per line: a line break inside a pattern is
//! shown as `\n`, so the line break that separates them cannot occur in one.
//!
//! Excel's limits are kept: a table longer than 1,048,575 rows continues on `<table> (2)`, and text
//! longer than 32,767 characters is cut; both are noted in the `run` sheet. Sheets stream to disk
//! (constant memory), into temporary files in the folder of the workbook; the summary is written
//! row by row beside `documents`, from the same rows.
//!
//! The spreadsheet crate panics when its temporary files cannot be written (a full disk); every
//! call into it runs under [`guarded`], which turns such a panic into an I/O error naming the
//! workbook, so a full disk is an error like any other, never a crash.

mod look;
mod summary;

use self::look::Look;
use self::summary::Summary;
use crate::error::{Error, Result};
use crate::lexicon::{LexiconSet, Role};
use crate::output::cell::Cell;
use crate::output::schema::{Column, Kind, TableName};
use crate::output::table::{RunInfo, Table, TableSink};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Url, Worksheet, XlsxError};
use std::path::PathBuf;

/// Data rows per sheet (Excel's 1,048,576 rows, less the header).
pub const MAX_ROWS: usize = 1_048_575;
/// Characters per cell.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Hyperlinks per sheet (Excel's limit).
const MAX_LINKS: usize = 65_530;
/// Rows read to size the columns.
const SAMPLE_ROWS: usize = 200;
/// Height of one line of the header row, in points.
const LINE_HEIGHT: f64 = 15.0;

/// The workbook of a run.
pub struct Workbook {
    path: PathBuf,
    book: rust_xlsxwriter::Workbook,
    styles: Styles,
    lexicons: LexiconSet,
    notes: Vec<String>,
    /// Data rows per sheet: [`MAX_ROWS`], smaller only in tests.
    max_rows: usize,
    /// Hyperlinks per sheet: [`MAX_LINKS`], smaller only in tests.
    max_links: usize,
}

struct Styles {
    header: Format,
    right: Format,
    lines: Format,
    integer: Format,
    rate: Format,
    decimal: Format,
    percent: Format,
    duration: Format,
    date: Format,
    datetime: Format,
}

impl Styles {
    fn new() -> Styles {
        let number = |look: Look| Format::new().set_num_format(look.num_format().unwrap_or("General"));
        Styles {
            header: Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top),
            right: Format::new().set_align(FormatAlign::Right),
            lines: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            integer: number(Look::Integer),
            rate: number(Look::Rate),
            decimal: number(Look::Decimal),
            percent: number(Look::Percent),
            duration: number(Look::Duration),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        }
    }

    /// The format of numbers in a column of `look`.
    fn number(&self, look: Look) -> &Format {
        match look {
            Look::Rate => &self.rate,
            Look::Decimal => &self.decimal,
            Look::Percent => &self.percent,
            Look::Duration => &self.duration,
            _ => &self.integer,
        }
    }
}

/// How one sheet is laid out: its columns, their looks and widths.
struct Layout {
    columns: Vec<Column>,
    looks: Vec<Look>,
    widths: Vec<usize>,
    header_lines: usize,
    /// The first column stays in view when scrolling right.
    freeze_first: bool,
    /// URL ids in the first column are hyperlinks.
    links: bool,
    /// Printed landscape, every column on one page wide.
    print_one_page_wide: bool,
}

impl Layout {
    /// The layout of a sheet of `columns`, sized by the `sample` rows.
    fn new(columns: &[Column], sample: &[Vec<Cell>]) -> Layout {
        Layout::with_looks(columns, columns.iter().map(Look::of).collect(), sample)
    }

    fn with_looks(columns: &[Column], looks: Vec<Look>, sample: &[Vec<Cell>]) -> Layout {
        let (mut widths, mut header_lines) = (Vec::with_capacity(columns.len()), 1);
        for (col, (column, look)) in columns.iter().zip(&looks).enumerate() {
            let widest = sample.iter().filter_map(|row| row.get(col)).map(|cell| look.shown_width(cell)).max();
            let (width, lines) = look::width(&column.name, widest.unwrap_or(0));
            widths.push(width);
            header_lines = header_lines.max(lines);
        }
        let first_is_id = columns.first().is_some_and(|c| c.name == "doc_id");
        Layout {
            columns: columns.to_vec(),
            looks,
            widths,
            header_lines,
            freeze_first: first_is_id,
            links: false,
            print_one_page_wide: false,
        }
    }
}

/// A sheet being written.
struct Sheet {
    worksheet: Worksheet,
    name: String,
    /// Hyperlinks written.
    links: usize,
    /// URL ids written as text beyond the limit of links.
    unlinked: usize,
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
            styles: Styles::new(),
            lexicons: lexicons.clone(),
            notes: Vec::new(),
            max_rows: MAX_ROWS,
            max_links: MAX_LINKS,
        }
    }

    /// What was split or cut to fit Excel's limits.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    fn xlsx_error(&self) -> impl Fn(XlsxError) -> Error + '_ {
        |e| Error::io(&self.path, std::io::Error::other(e))
    }

    /// Starts a sheet of `count` data rows: widths, frozen panes, autofilter and the header row.
    fn open(&mut self, name: &str, layout: &Layout, count: usize) -> Result<Sheet, XlsxError> {
        let mut sheet = self.book.new_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        for (col, &width) in layout.widths.iter().enumerate() {
            sheet.set_column_width(col as u16, width as f64)?;
        }
        sheet.set_freeze_panes(1, u16::from(layout.freeze_first))?;
        sheet.set_repeat_rows(0, 0)?;
        if layout.print_one_page_wide {
            sheet.set_landscape().set_print_fit_to_pages(1, 0);
        }
        sheet.autofilter(0, 0, count as u32, layout.columns.len().saturating_sub(1) as u16)?;
        if layout.header_lines > 1 {
            sheet.set_row_height(0, LINE_HEIGHT * layout.header_lines as f64)?;
        }
        for (col, column) in layout.columns.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, &column.name, &self.styles.header)?;
        }
        Ok(Sheet { worksheet: sheet, name: name.to_string(), links: 0, unlinked: 0 })
    }

    /// Adds finished sheets to the workbook, in order, noting URL ids left without a link.
    fn push(&mut self, sheets: Vec<Sheet>) {
        for sheet in sheets {
            if sheet.unlinked > 0 {
                self.notes.push(format!(
                    "sheet {}: {} URL ids beyond Excel's {} links per sheet are plain text",
                    sheet.name, sheet.unlinked, self.max_links
                ));
            }
            self.book.push_worksheet(sheet.worksheet);
        }
    }

    /// Writes one sheet of a small table held in memory.
    fn small_sheet(&mut self, name: &str, layout: &Layout, rows: &[Vec<Cell>]) -> Result<()> {
        let written = (|| {
            let mut sheet = self.open(name, layout, rows.len())?;
            for (r, row) in rows.iter().enumerate() {
                self.write_row(&mut sheet, r as u32 + 1, row, layout)?;
            }
            Ok(sheet)
        })();
        let sheet = written.map_err(self.xlsx_error())?;
        self.push(vec![sheet]);
        Ok(())
    }

    /// The lexicon: one row per motif; its patterns one per line.
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
                    Cell::Text(list.iter().map(|p| one_line(&p.source)).collect::<Vec<_>>().join("\n"))
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
        let mut looks: Vec<Look> = columns.iter().map(Look::of).collect();
        looks[5] = Look::Lines;
        looks[6] = Look::Lines;
        let layout = Layout::with_looks(&columns, looks, &rows);
        self.small_sheet("frames", &layout, &rows)
    }

    /// Provenance: one (key, value) row per fact.
    fn run_sheet(&mut self, facts: &[(String, String)]) -> Result<()> {
        let columns =
            [Column { name: "key".into(), kind: Kind::Text }, Column { name: "value".into(), kind: Kind::Text }];
        let rows: Vec<Vec<Cell>> =
            facts.iter().map(|(k, v)| vec![Cell::Text(k.clone()), Cell::Text(v.clone())]).collect();
        let layout = Layout::new(&columns, &rows);
        self.small_sheet("run", &layout, &rows)
    }
}

/// A pattern on one line: its line breaks shown as `\n`, `\r` (as a TOML string writes them), so
/// that a line break can separate the patterns of a motif.
fn one_line(pattern: &str) -> std::borrow::Cow<'_, str> {
    if pattern.contains(['\n', '\r']) {
        pattern.replace('\n', "\\n").replace('\r', "\\r").into()
    } else {
        pattern.into()
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
    /// Writes one table, split over several sheets beyond Excel's row limit; `documents` with its
    /// summary, written from the same rows.
    fn write_table(&mut self, table: &dyn Table) -> Result<()> {
        let schema = table.schema();
        let name = schema.table.as_str();
        let total = table.len();
        let sample: Vec<Vec<Cell>> = table.rows()?.take(SAMPLE_ROWS).collect::<Result<_>>()?;
        let mut layout = Layout::new(&schema.columns, &sample);
        layout.freeze_first |= schema.table == TableName::Groups;
        layout.links = schema.table == TableName::Documents;
        let summary = (schema.table == TableName::Documents).then(|| {
            let summary = Summary::new(&schema.columns);
            let rows: Vec<Vec<Cell>> = sample.iter().map(|row| summary.row(row)).collect();
            let mut layout = Layout::new(&summary.columns, &rows);
            layout.links = true;
            layout.print_one_page_wide = true;
            (summary, layout)
        });
        let mut rows = table.rows()?;
        let parts = total.div_ceil(self.max_rows).max(1);
        let (mut sheets, mut summaries) = (Vec::new(), Vec::new());
        let mut truncated = 0usize;
        for part in 1..=parts {
            let suffix = if part == 1 { String::new() } else { format!(" ({part})") };
            let first = (part - 1) * self.max_rows;
            let count = (total - first).min(self.max_rows);
            let mut sheet = self.open(&format!("{name}{suffix}"), &layout, count).map_err(self.xlsx_error())?;
            let mut summary_sheet = match &summary {
                Some((_, summary_layout)) => {
                    Some(self.open(&format!("summary{suffix}"), summary_layout, count).map_err(self.xlsx_error())?)
                }
                None => None,
            };
            for (r, row) in rows.by_ref().take(count).enumerate() {
                let (r, row) = (r as u32 + 1, row?);
                if let (Some((summary, summary_layout)), Some(summary_sheet)) = (&summary, &mut summary_sheet) {
                    self.write_row(summary_sheet, r, &summary.row(&row), summary_layout).map_err(self.xlsx_error())?;
                }
                truncated += self.write_row(&mut sheet, r, &row, &layout).map_err(self.xlsx_error())?;
            }
            if parts > 1 {
                for table in [name].into_iter().chain(summary.as_ref().map(|_| "summary")) {
                    self.notes.push(format!(
                        "table {table}: rows {}–{} are on sheet '{table}{suffix}'",
                        first + 1,
                        first + count
                    ));
                }
            }
            sheets.push(sheet);
            summaries.extend(summary_sheet);
        }
        self.push(summaries);
        self.push(sheets);
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

    /// Writes one data row; returns how many cells were cut.
    fn write_row(&self, sheet: &mut Sheet, r: u32, row: &[Cell], layout: &Layout) -> Result<usize, XlsxError> {
        let styles = &self.styles;
        let mut truncated = 0;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            let look = layout.looks.get(c).copied().unwrap_or(Look::Text);
            let worksheet = &mut sheet.worksheet;
            match cell {
                Cell::Empty => {}
                Cell::Int(_) | Cell::Float(_) => {
                    let value = cell.as_f64().unwrap_or(0.0);
                    // Excel's durations are days.
                    let value = if look == Look::Duration { value / 86_400.0 } else { value };
                    worksheet.write_number_with_format(r, col, value, styles.number(look))?;
                }
                Cell::Bool(b) => {
                    worksheet.write_boolean(r, col, *b)?;
                }
                Cell::Text(text) if look == Look::Metadata && is_iso_date(text) => {
                    match ExcelDateTime::parse_from_str(text) {
                        Ok(when) => {
                            let format = if text.len() > 10 { &styles.datetime } else { &styles.date };
                            worksheet.write_datetime_with_format(r, col, &when, format)?;
                        }
                        Err(_) => {
                            worksheet.write_string(r, col, text)?;
                        }
                    }
                }
                Cell::Text(text) if text.chars().count() > MAX_CELL_CHARS => {
                    truncated += 1;
                    let cut: String = text.chars().take(MAX_CELL_CHARS).collect();
                    worksheet.write_string(r, col, &cut)?;
                }
                Cell::Text(text) if c == 0 && layout.links && is_url(text) => {
                    if sheet.links < self.max_links {
                        worksheet.write_url(r, col, Url::new(text.as_str()).set_text(text.as_str()))?;
                        sheet.links += 1;
                    } else {
                        worksheet.write_string(r, col, text)?;
                        sheet.unlinked += 1;
                    }
                }
                Cell::Text(text) => match look {
                    Look::RightText => {
                        worksheet.write_string_with_format(r, col, text, &styles.right)?;
                    }
                    Look::Lines => {
                        worksheet.write_string_with_format(r, col, text, &styles.lines)?;
                    }
                    _ => {
                        worksheet.write_string(r, col, text)?;
                    }
                },
            }
        }
        Ok(truncated)
    }
}

/// An `http://` or `https://` address that Excel takes as a link (no white space, within Excel's
/// 2,079 characters of a link).
fn is_url(text: &str) -> bool {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && text.len() > 8
        && text.encode_utf16().count() <= 2_079
        && !text.chars().any(char::is_whitespace)
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
