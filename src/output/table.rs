//! One place that configures every CSV writer: UTF-8, header row, RFC 4180 quoting, large buffer,
//! errors that name the file.

use crate::error::{Error, Result};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// A CSV file being written.
pub struct Table {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl Table {
    /// Creates the file and writes its header row.
    pub fn create<T: AsRef<[u8]>>(path: PathBuf, header: impl IntoIterator<Item = T>) -> Result<Table> {
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let writer = csv::WriterBuilder::new().from_writer(BufWriter::with_capacity(256 * 1024, file));
        let mut table = Table { path, writer };
        table.row(header)?;
        Ok(table)
    }

    pub fn row<T: AsRef<[u8]>>(&mut self, record: impl IntoIterator<Item = T>) -> Result<()> {
        self.writer.write_record(record).map_err(|e| csv_error(&self.path, e))
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
