//! JSON lines: one file per table, `<table>.jsonl`, one object per row with the columns as keys in
//! their order. Numbers are JSON numbers, text is kept exactly (no formula-injection apostrophe:
//! that rule is for spreadsheets), an empty numeric cell is `null`.

use crate::error::{Error, Result};
use crate::output::table::{RunInfo, Table, TableSink};
use crate::output::{Cell, Column};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
        let path = self.dir.join(format!("{}.jsonl", table.schema().table));
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        write_json_lines(table, &mut out, &path)?;
        out.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}

/// One row as a JSON object: the columns as keys in their order, each cell as [`Cell::to_json`]
/// writes a cell of its kind.
pub fn json_object(columns: &[Column], cells: &[Cell]) -> serde_json::Map<String, serde_json::Value> {
    columns.iter().zip(cells).map(|(column, cell)| (column.name.clone(), cell.to_json(column.kind))).collect()
}

/// Every row of `table` as one JSON object per line to `out` (`path` names it in errors).
pub fn write_json_lines(table: &dyn Table, out: &mut dyn Write, path: &Path) -> Result<()> {
    let columns = &table.schema().columns;
    for row in table.rows()? {
        serde_json::to_writer(&mut *out, &json_object(columns, &row?)).map_err(|e| Error::io(path, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(path, e))?;
    }
    Ok(())
}
