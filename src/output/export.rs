//! Other formats of the tables: after the run has written its CSV files, each table is read back
//! and written as a sheet of `leitmotif.xlsx` and/or as `<table>.jsonl` (one JSON object per row,
//! typed). The CSV files are removed afterwards ([`remove_csv_tables`]) unless `csv` is among the
//! formats.

use super::cells::{column_kind, unescape_cell, Kind};
use super::workbook::{Layout, Workbook};
use crate::error::{Error, Result};
use crate::lexicon::LexiconSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// The tables a run may produce, in sheet order.
pub const TABLES: &[&str] = &["documents", "hits", "passages", "refrains", "segments", "errors"];

/// Which formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub csv: bool,
    pub xlsx: bool,
    pub jsonl: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats { csv: true, xlsx: false, jsonl: false }
    }
}

/// Facts about the run, for the `run` sheet.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// (key, value) rows in order: version, command line, inputs, threads, date, counts…
    pub facts: Vec<(String, String)>,
    /// Error messages of the run (records that could not be read).
    pub errors: Vec<String>,
}

/// Writes the requested formats of the tables in `dir`; returns notes on anything split or cut.
pub fn export(dir: &Path, formats: Formats, lexicons: &LexiconSet, run: &RunInfo) -> Result<Vec<String>> {
    let mut notes = Vec::new();
    let present: Vec<&str> = TABLES.iter().copied().filter(|t| dir.join(format!("{t}.csv")).exists()).collect();
    if formats.jsonl {
        for table in &present {
            write_jsonl(dir, table)?;
        }
    }
    if formats.xlsx {
        let path = dir.join("leitmotif.xlsx");
        let mut workbook = Workbook::new(path.clone());
        for table in &present {
            let csv_path = dir.join(format!("{table}.csv"));
            let (header, kinds) = header_and_kinds(&csv_path, table)?;
            // Two passes over the CSV: count the rows and keep the first 200 (to size the
            // columns), then stream them into the sheet.
            let mut total = 0;
            let mut sample = Vec::new();
            for row in csv_rows(&csv_path)? {
                let row = row?;
                if sample.len() < 200 {
                    sample.push(row);
                }
                total += 1;
            }
            let layout = Layout { name: table, header: &header, kinds: &kinds, sample: &sample, count: total };
            workbook.table(&layout, csv_rows(&csv_path)?, &mut notes)?;
        }
        workbook.frames(lexicons)?;
        let mut facts = run.facts.clone();
        facts.extend(run.errors.iter().map(|e| ("error".to_string(), e.clone())));
        facts.extend(notes.iter().map(|n| ("note".to_string(), n.clone())));
        workbook.run(&facts)?;
        workbook.save()?;
    }
    Ok(notes)
}

/// Removes the CSV tables (when `csv` is not among the formats, once the others are written).
pub fn remove_csv_tables(dir: &Path) -> Result<()> {
    for table in TABLES {
        let path = dir.join(format!("{table}.csv"));
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
    }
    Ok(())
}

/// The header of a table and the kind of each column. In `documents`, the columns between the id
/// (and speaker) and `words` are the input's metadata.
fn header_and_kinds(path: &Path, table: &str) -> Result<(Vec<String>, Vec<Kind>)> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| super::table::csv_error(path, e))?;
    let header: Vec<String> =
        reader.headers().map_err(|e| super::table::csv_error(path, e))?.iter().map(String::from).collect();
    let words = header.iter().position(|h| h == "words").unwrap_or(0);
    let first_metadata = if header.get(1).is_some_and(|h| h == "speaker") { 2 } else { 1 };
    let kinds = header
        .iter()
        .enumerate()
        .map(|(i, name)| column_kind(name, table == "documents" && i >= first_metadata && i < words))
        .collect();
    Ok((header, kinds))
}

/// The rows of a CSV table, with the formula-injection apostrophes removed.
fn csv_rows(path: &Path) -> Result<impl Iterator<Item = Result<Vec<String>>> + '_> {
    let reader = csv::Reader::from_path(path).map_err(|e| super::table::csv_error(path, e))?;
    Ok(reader.into_records().map(move |record| {
        let record = record.map_err(|e| super::table::csv_error(path, e))?;
        Ok(record.iter().map(|cell| unescape_cell(cell).to_string()).collect())
    }))
}

fn write_jsonl(dir: &Path, table: &str) -> Result<()> {
    let csv_path = dir.join(format!("{table}.csv"));
    let (header, kinds) = header_and_kinds(&csv_path, table)?;
    let path = dir.join(format!("{table}.jsonl"));
    let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
    let mut out = BufWriter::new(file);
    for row in csv_rows(&csv_path)? {
        let row = row?;
        let mut object = serde_json::Map::with_capacity(header.len());
        for ((name, kind), cell) in header.iter().zip(&kinds).zip(row) {
            object.insert(name.clone(), json_value(*kind, cell));
        }
        serde_json::to_writer(&mut out, &object).map_err(|e| Error::io(&path, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(&path, e))?;
    }
    out.flush().map_err(|e| Error::io(&path, e))
}

fn json_value(kind: Kind, cell: String) -> serde_json::Value {
    match kind {
        Kind::Text | Kind::MaybeDate => serde_json::Value::String(cell),
        Kind::Bool => serde_json::Value::Bool(cell == "true"),
        Kind::Integer | Kind::Number | Kind::Share if cell.is_empty() => serde_json::Value::Null,
        Kind::Integer => cell.parse::<i64>().map_or(serde_json::Value::String(cell), serde_json::Value::from),
        Kind::Number | Kind::Share => match cell.parse::<f64>() {
            Ok(x) => serde_json::Value::from(x),
            Err(_) => serde_json::Value::String(cell),
        },
    }
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}
