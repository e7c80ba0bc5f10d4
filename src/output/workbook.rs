//! `leitmotif.xlsx`: one sheet per table, plus `frames` (the lexicon) and `run` (provenance).
//! Header row frozen and bold, autofilter on, column widths from the content, numbers stored as
//! numbers, shares as percentages, ISO dates in metadata as dates. Excel's limits are kept:
//! a table longer than 1,048,575 rows continues on `<table> (2)`, and text longer than 32,767
//! characters is cut; both are noted in the `run` sheet. Sheets stream to disk (constant memory).

use super::cells::Kind;
use crate::error::{Error, Result};
use crate::lexicon::LexiconSet;
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};
use std::path::PathBuf;

/// Data rows per sheet (Excel's 1,048,576 rows, less the header).
pub const MAX_ROWS: usize = 1_048_575;
/// Characters per cell.
pub const MAX_CELL_CHARS: usize = 32_767;

pub struct Workbook {
    path: PathBuf,
    book: rust_xlsxwriter::Workbook,
    bold: Format,
    percent: Format,
    integer: Format,
    date: Format,
    datetime: Format,
    /// Data rows per sheet: [`MAX_ROWS`], smaller only in tests.
    max_rows: usize,
}

impl Workbook {
    pub fn new(path: PathBuf) -> Workbook {
        Workbook {
            path,
            book: rust_xlsxwriter::Workbook::new(),
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            integer: Format::new().set_num_format("0"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            max_rows: MAX_ROWS,
        }
    }

    fn error(&self, e: XlsxError) -> Error {
        Error::io(&self.path, std::io::Error::other(e))
    }

    /// Writes one table of `table.count` rows, split over several sheets beyond Excel's row
    /// limit; `rows` streams every row.
    pub fn table(
        &mut self,
        table: &Layout,
        rows: impl Iterator<Item = Result<Vec<String>>>,
        notes: &mut Vec<String>,
    ) -> Result<()> {
        let Layout { name, header, kinds, sample, count: total } = *table;
        let mut rows = rows;
        let max_rows = self.max_rows;
        let parts = total.div_ceil(max_rows).max(1);
        let mut truncated = 0usize;
        for part in 1..=parts {
            let sheet_name = if part == 1 { name.to_string() } else { format!("{name} ({part})") };
            let first = (part - 1) * max_rows;
            let count = (total - first).min(max_rows);
            truncated += self.sheet(&sheet_name, header, kinds, sample, count, rows.by_ref().take(count))?;
            if parts > 1 {
                notes.push(format!("table {name}: rows {}–{} are on sheet '{sheet_name}'", first + 1, first + count));
            }
        }
        if truncated > 0 {
            notes.push(format!(
                "table {name}: {truncated} cells longer than {MAX_CELL_CHARS} characters were cut (the CSV/JSONL have them whole)"
            ));
        }
        Ok(())
    }

    /// Writes one sheet of `count` rows; returns how many cells were cut.
    fn sheet(
        &mut self,
        name: &str,
        header: &[String],
        kinds: &[Kind],
        sample: &[Vec<String>],
        count: usize,
        rows: impl Iterator<Item = Result<Vec<String>>>,
    ) -> Result<usize> {
        let formats =
            (self.bold.clone(), self.percent.clone(), self.integer.clone(), self.date.clone(), self.datetime.clone());
        let path = self.path.clone();
        let sheet = self.book.add_worksheet_with_constant_memory();
        let layout = Layout { name, header, kinds, sample, count };
        write_sheet(sheet, &layout, rows, &formats, &path)
    }

    /// The lexicon: one row per motif.
    pub fn frames(&mut self, lexicons: &LexiconSet) -> Result<()> {
        let header: Vec<String> =
            ["frame", "frame_label", "motif", "motif_label", "weight", "patterns", "exclude", "description"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let kinds = [Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Number, Kind::Text, Kind::Text, Kind::Text];
        let rows: Vec<Vec<String>> = lexicons
            .motifs
            .iter()
            .enumerate()
            .map(|(index, motif)| {
                let frame = &lexicons.frames[motif.frame];
                let entries = lexicons.patterns.iter().filter(|p| p.motif == index);
                let (exclude, patterns): (Vec<_>, Vec<_>) = entries.partition(|p| p.exclude);
                let weight = patterns.first().map_or(1.0, |p| p.weight);
                let join = |list: &[&crate::lexicon::PatternEntry]| {
                    list.iter().map(|p| p.source.as_str()).collect::<Vec<_>>().join(" | ")
                };
                vec![
                    frame.id.clone(),
                    frame.label.clone(),
                    motif.id.clone(),
                    motif.label.clone(),
                    weight.to_string(),
                    join(&patterns),
                    join(&exclude),
                    motif.description.clone(),
                ]
            })
            .collect();
        self.sheet("frames", &header, &kinds, &rows, rows.len(), rows.iter().cloned().map(Ok)).map(|_| ())
    }

    /// Provenance: one (key, value) row per fact.
    pub fn run(&mut self, facts: &[(String, String)]) -> Result<()> {
        let header = vec!["key".to_string(), "value".to_string()];
        let rows: Vec<Vec<String>> = facts.iter().map(|(k, v)| vec![k.clone(), v.clone()]).collect();
        self.sheet("run", &header, &[Kind::Text, Kind::Text], &rows, rows.len(), rows.iter().cloned().map(Ok))
            .map(|_| ())
    }

    pub fn save(mut self) -> Result<()> {
        let path = self.path.clone();
        self.book.save(&path).map_err(|e| self.error(e))
    }
}

type Formats = (Format, Format, Format, Format, Format);

/// What a sheet (or a table) holds, besides its rows.
#[derive(Clone, Copy)]
pub struct Layout<'a> {
    pub name: &'a str,
    pub header: &'a [String],
    pub kinds: &'a [Kind],
    /// The first rows, to size the columns.
    pub sample: &'a [Vec<String>],
    /// Rows on the sheet (or in the table), for the autofilter and the split.
    pub count: usize,
}

fn write_sheet(
    sheet: &mut Worksheet,
    layout: &Layout,
    rows: impl Iterator<Item = Result<Vec<String>>>,
    formats: &Formats,
    path: &std::path::Path,
) -> Result<usize> {
    let xlsx = |e: XlsxError| Error::io(path, std::io::Error::other(e));
    let Layout { name, header, kinds, sample, count } = layout;
    sheet.set_name(*name).map_err(xlsx)?;
    for (col, title) in header.iter().enumerate() {
        let widest = sample.iter().filter_map(|r| r.get(col)).map(|c| c.chars().count()).max().unwrap_or(0);
        let width = widest.max(title.chars().count() + 2).clamp(8, 60);
        sheet.set_column_width(col as u16, width as f64).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    let last_col = header.len().saturating_sub(1) as u16;
    sheet.autofilter(0, 0, *count as u32, last_col).map_err(xlsx)?;
    let bold = &formats.0;
    for (col, title) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, title, bold).map_err(xlsx)?;
    }
    let mut truncated = 0;
    for (r, row) in rows.enumerate() {
        truncated += write_row(sheet, r as u32 + 1, &row?, kinds, formats).map_err(xlsx)?;
    }
    Ok(truncated)
}

/// Writes one data row; returns how many cells were cut.
fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &[String],
    kinds: &[Kind],
    (_, percent, integer, date, datetime): &Formats,
) -> Result<usize, XlsxError> {
    let mut truncated = 0;
    for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
        let c = c as u16;
        let kind = kinds.get(c as usize).copied().unwrap_or(Kind::Text);
        let number = cell.parse::<f64>().ok();
        match (kind, number) {
            (Kind::Integer, Some(x)) => sheet.write_number_with_format(r, c, x, integer).map(|_| ())?,
            (Kind::Number, Some(x)) => sheet.write_number(r, c, x).map(|_| ())?,
            (Kind::Share, Some(x)) => sheet.write_number_with_format(r, c, x, percent).map(|_| ())?,
            (Kind::Bool, _) if cell == "true" || cell == "false" => {
                sheet.write_boolean(r, c, cell == "true").map(|_| ())?
            }
            (Kind::MaybeDate, _) if is_iso_date(cell) && ExcelDateTime::parse_from_str(cell).is_ok() => {
                let when = ExcelDateTime::parse_from_str(cell)?;
                let format = if cell.len() > 10 { datetime } else { date };
                sheet.write_datetime_with_format(r, c, &when, format).map(|_| ())?
            }
            _ if cell.chars().count() > MAX_CELL_CHARS => {
                truncated += 1;
                let cut: String = cell.chars().take(MAX_CELL_CHARS).collect();
                sheet.write_string(r, c, &cut).map(|_| ())?
            }
            _ => sheet.write_string(r, c, cell).map(|_| ())?,
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
    use calamine::{open_workbook, Data, Reader, Xlsx};

    #[test]
    fn a_table_beyond_the_row_limit_continues_on_further_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let mut book = Workbook::new(path.clone());
        book.max_rows = 3;
        let header = vec!["n".to_string()];
        let rows: Vec<Vec<String>> = (1..=7).map(|n| vec![n.to_string()]).collect();
        let layout =
            Layout { name: "numbers", header: &header, kinds: &[Kind::Integer], sample: &rows, count: rows.len() };
        let mut notes = Vec::new();
        book.table(&layout, rows.iter().cloned().map(Ok), &mut notes).unwrap();
        book.save().unwrap();
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert_eq!(notes[2], "table numbers: rows 7–7 are on sheet 'numbers (3)'");
        let mut read: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(read.sheet_names(), ["numbers", "numbers (2)", "numbers (3)"]);
        let second = read.worksheet_range("numbers (2)").unwrap();
        assert_eq!(second.get((0, 0)), Some(&Data::String("n".into())), "every part has the header");
        assert_eq!(second.get((1, 0)), Some(&Data::Float(4.0)));
        assert_eq!(second.height(), 4);
    }
}
