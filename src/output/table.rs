//! One place that configures every CSV writer: UTF-8 (with a byte-order mark for Excel when asked),
//! header row, RFC 4180 quoting, the formula-injection rule of `cells.rs`, large buffer, errors that
//! name the file.

use super::cells::escape_cell;
use crate::error::{Error, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A CSV file being written.
pub struct Table {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl Table {
    /// Creates the file and writes its header row; with `byte_order_mark` the file starts with a
    /// UTF-8 byte-order mark, so that Excel on Windows reads Cyrillic correctly (`--excel`).
    pub fn create<T: AsRef<str>>(
        path: PathBuf,
        header: impl IntoIterator<Item = T>,
        byte_order_mark: bool,
    ) -> Result<Table> {
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut buffer = BufWriter::with_capacity(256 * 1024, file);
        if byte_order_mark {
            buffer.write_all("\u{feff}".as_bytes()).map_err(|e| Error::io(&path, e))?;
        }
        let writer = csv::WriterBuilder::new().from_writer(buffer);
        let mut table = Table { path, writer };
        table.row(header)?;
        Ok(table)
    }

    pub fn row<T: AsRef<str>>(&mut self, record: impl IntoIterator<Item = T>) -> Result<()> {
        for cell in record {
            self.writer.write_field(escape_cell(cell.as_ref()).as_bytes()).map_err(|e| csv_error(&self.path, e))?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(|e| csv_error(&self.path, e))
    }

    pub fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(|e| Error::io(&self.path, e))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

pub fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::io(path, std::io::Error::other(e))
}
