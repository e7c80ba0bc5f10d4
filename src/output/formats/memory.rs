//! Tables kept in memory, for a library user who wants the typed rows rather than files (and for
//! tests). Memory grows with the output: for large corpora, prefer the file formats.

use crate::error::Result;
use crate::output::schema::TableName;
use crate::output::table::{RowsTable, RunInfo, Table, TableSink};
use std::collections::BTreeMap;

/// Every table of the run, by name.
#[derive(Debug, Default, Clone)]
pub struct MemoryTables {
    /// The tables received.
    pub tables: BTreeMap<TableName, RowsTable>,
    /// The run's facts, once finished.
    pub run: Option<RunInfo>,
}

impl MemoryTables {
    /// The table `name`, when the run produced it.
    pub fn get(&self, name: TableName) -> Option<&RowsTable> {
        self.tables.get(&name)
    }
}

impl TableSink for MemoryTables {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let rows = table.rows()?.collect::<Result<Vec<_>>>()?;
        self.tables.insert(table.schema().table, RowsTable { schema: table.schema().clone(), rows });
        Ok(())
    }

    fn finish(&mut self, run: &RunInfo) -> Result<()> {
        self.run = Some(run.clone());
        Ok(())
    }
}
