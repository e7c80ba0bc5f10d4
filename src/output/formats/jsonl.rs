//! JSON lines: one file per table, `<table>.jsonl`, one object per row with the columns as keys in
//! their order. Numbers are JSON numbers, text is kept exactly (no formula-injection apostrophe:
//! that rule is for spreadsheets), an empty numeric cell is `null`.

use crate::error::{Error, Result};
use crate::output::table::{RunInfo, Table, TableSink};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Writes every table as `<dir>/<table>.jsonl`.
pub struct JsonlFiles {
    dir: PathBuf,
}

impl JsonlFiles {
    /// JSON lines files in `dir`.
    pub fn new(dir: PathBuf) -> JsonlFiles {
        JsonlFiles { dir }
    }
}

impl TableSink for JsonlFiles {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let schema = table.schema();
        let path = self.dir.join(format!("{}.jsonl", schema.table));
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        for row in table.rows()? {
            let mut object = serde_json::Map::with_capacity(schema.columns.len());
            for (column, cell) in schema.columns.iter().zip(row?) {
                object.insert(column.name.clone(), cell.to_json(column.kind));
            }
            serde_json::to_writer(&mut out, &object).map_err(|e| Error::io(&path, e.into()))?;
            out.write_all(b"\n").map_err(|e| Error::io(&path, e))?;
        }
        out.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}
