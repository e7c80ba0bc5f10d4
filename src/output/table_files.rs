//! The output folder of a command whose tables are complete only at the end of the run
//! (`lexicon coverage`, `discover`): the tables are handed over whole, the records that could not
//! be read are spooled as they come, and everything is written in the chosen formats into the
//! staging folder of an [`OutputDir`] and committed together — all or nothing, like a scan.

use super::output_dir::{AbortHandle, OutputDir};
use super::output_set::Formats;
use super::schema::{Schema, TableName};
use super::spool::{Spool, SpoolWriter};
use super::table::{Rows, RowsTable, RunInfo, Table, TableSink};
use super::Cell;
use crate::error::{Error, RecordError, Result};
use crate::lexicon::LexiconSet;
use std::path::Path;

/// The files of one run of a command that writes whole tables.
pub struct TableFiles {
    dir: OutputDir,
    sinks: Vec<Box<dyn TableSink + Send>>,
    errors: Option<SpoolWriter>,
}

impl TableFiles {
    /// Opens the output folder `dir` (see `OutputDir::open`) and prepares the formats; with
    /// `errors`, the run also writes the `errors` table (records that could not be read).
    pub fn create(
        dir: &Path,
        lexicons: &LexiconSet,
        formats: Formats,
        byte_order_mark: bool,
        force: bool,
        errors: bool,
    ) -> Result<TableFiles> {
        let output = OutputDir::open(dir, force)?;
        let staging = output.staging().to_path_buf();
        let sinks = formats.sinks(&staging, byte_order_mark, lexicons);
        let errors = if errors {
            let spools = staging.join(".spool");
            std::fs::create_dir(&spools).map_err(|e| Error::io(&spools, e))?;
            Some(SpoolWriter::create(spools.join("errors.spool"))?)
        } else {
            None
        };
        Ok(TableFiles { dir: output, sinks, errors })
    }

    /// A handle to abandon the run from another thread (a signal handler).
    pub fn abort_handle(&self) -> AbortHandle {
        self.dir.abort_handle()
    }

    /// A record that could not be read: one row of `errors`.
    pub fn error(&mut self, error: &RecordError) -> Result<()> {
        let spool = self.errors.as_mut().ok_or_else(|| Error::usage("this run writes no errors table"))?;
        let line = if error.line > 0 { Cell::Int(error.line as i64) } else { Cell::Empty };
        spool.push(&[Cell::Text(error.source.clone()), line, Cell::Text(error.message.clone())])
    }

    /// Writes `tables` (and `errors`) in the order of [`TableName::ALL`] in every format, completes
    /// the formats and moves the files into place; returns notes on anything split or cut.
    pub fn commit(mut self, mut tables: Vec<RowsTable>, run: &RunInfo) -> Result<Vec<String>> {
        let errors = self.errors.take().map(SpoolWriter::finish).transpose()?;
        tables.sort_by_key(|t| TableName::ALL.iter().position(|&n| n == t.schema.table));
        for name in TableName::ALL {
            if name == TableName::Errors {
                if let Some(spool) = &errors {
                    let table = SpooledErrors { schema: Schema::errors(), spool };
                    for sink in &mut self.sinks {
                        sink.table(&table)?;
                    }
                }
            }
            for table in tables.iter().filter(|t| t.schema.table == name) {
                for sink in &mut self.sinks {
                    sink.table(table)?;
                }
            }
        }
        for sink in &mut self.sinks {
            sink.finish(run)?;
        }
        let notes = self.sinks.iter().flat_map(|s| s.notes()).collect();
        let staging = self.dir.staging().to_path_buf();
        let spools = staging.join(".spool");
        if spools.exists() {
            std::fs::remove_dir_all(&spools).map_err(|e| Error::io(&spools, e))?;
        }
        let mut files = Vec::new();
        for entry in std::fs::read_dir(&staging).map_err(|e| Error::io(&staging, e))? {
            let entry = entry.map_err(|e| Error::io(&staging, e))?;
            files.push(entry.file_name().to_string_lossy().into_owned());
        }
        files.sort();
        self.dir.commit(&files)?;
        Ok(notes)
    }
}

/// The spooled `errors` table.
struct SpooledErrors<'a> {
    schema: Schema,
    spool: &'a Spool,
}

impl Table for SpooledErrors<'_> {
    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn len(&self) -> usize {
        self.spool.len()
    }

    fn rows(&self) -> Result<Rows<'_>> {
        Ok(Box::new(self.spool.rows()?))
    }
}
