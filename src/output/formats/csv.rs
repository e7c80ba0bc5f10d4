//! CSV: one file per table, `<table>.csv`. UTF-8 (with a byte-order mark for Excel when asked),
//! a header row, RFC 4180 quoting, the formula-injection rule of `cell.rs`, errors that name the
//! file. The only place that configures a CSV writer.

use crate::error::{Error, Result};
use crate::output::cell::Cell;
use crate::output::number::push_number;
use crate::output::table::{RunInfo, Table, TableSink};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

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
        let mut buffer = BufWriter::with_capacity(256 * 1024, file);
        if self.byte_order_mark {
            buffer.write_all("\u{feff}".as_bytes()).map_err(|e| Error::io(&path, e))?;
        }
        let mut writer = ::csv::WriterBuilder::new().from_writer(buffer);
        writer.write_record(table.schema().columns.iter().map(|c| c.name.as_str())).map_err(csv_error)?;
        let mut number = String::new();
        table.for_each_row(&mut |row| {
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
        let buffer = writer.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        buffer.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}
