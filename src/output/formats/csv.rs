//! CSV: one file per table, `<table>.csv`. UTF-8 (with a byte-order mark for Excel when asked),
//! a header row, RFC 4180 quoting, the formula-injection rule of `cell.rs`, errors that name the
//! file. The only place that configures a CSV writer.

use crate::error::{Error, Result};
use crate::output::cell::Cell;
use crate::output::number::push_number;
use crate::output::table::{RunInfo, Table, TableSink};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes every table as `<dir>/<table>.csv`.
pub struct CsvFiles {
    dir: PathBuf,
    byte_order_mark: bool,
}

impl CsvFiles {
    /// CSV files in `dir`; with `byte_order_mark` each starts with a UTF-8 byte-order mark, so that
    /// Excel on Windows reads Cyrillic correctly (`--excel`).
    pub fn new(dir: PathBuf, byte_order_mark: bool) -> CsvFiles {
        CsvFiles { dir, byte_order_mark }
    }
}

impl TableSink for CsvFiles {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let path = self.dir.join(format!("{}.csv", table.schema().table));
        let csv_error = |e: ::csv::Error| Error::io(&path, std::io::Error::other(e));
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        if self.byte_order_mark {
            out.write_all("\u{feff}".as_bytes()).map_err(|e| Error::io(&path, e))?;
        }
        let mut header = csv_writer(Vec::new());
        header.write_record(table.schema().columns.iter().map(|c| c.name.as_str())).map_err(csv_error)?;
        out.write_all(&header.into_inner().map_err(|e| csv_error(e.into_error().into()))?)
            .map_err(|e| Error::io(&path, e))?;
        // The parts of a large table are formatted on the worker threads, a few at a time, and
        // written in order: the same bytes at any thread count.
        let parts = table.parts();
        let window = 2 * rayon::current_num_threads();
        for first in (0..parts).step_by(window) {
            let formatted: Vec<Result<Vec<u8>>> = (first..parts.min(first + window))
                .into_par_iter()
                .map(|part| format_part(table, part, &path))
                .collect();
            for bytes in formatted {
                out.write_all(&bytes?).map_err(|e| Error::io(&path, e))?;
            }
        }
        out.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}

/// The one CSV configuration of leitmotif.
fn csv_writer(out: Vec<u8>) -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new().from_writer(out)
}

/// The rows of one part of `table` as CSV, for the file `path`.
fn format_part(table: &dyn Table, part: usize, path: &Path) -> Result<Vec<u8>> {
    let csv_error = |e: ::csv::Error| Error::io(path, std::io::Error::other(e));
    let mut writer = csv_writer(Vec::with_capacity(1 << 20));
    let mut number = String::new();
    table.for_each_row_of(part, &mut |row| {
        for cell in row {
            match cell {
                Cell::Int(n) => {
                    number.clear();
                    write!(number, "{n}").expect("writing to a String succeeds");
                    writer.write_field(number.as_bytes())
                }
                Cell::Float(x) => {
                    number.clear();
                    push_number(&mut number, *x);
                    writer.write_field(number.as_bytes())
                }
                other => writer.write_field(other.to_csv().as_bytes()),
            }
            .map_err(csv_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(csv_error)
    })?;
    writer.into_inner().map_err(|e| csv_error(e.into_error().into()))
}
