//! The run's tables as Arrow IPC streams, one per table, typed by the library's
//! [`ArrowLayout`] (so a table has the columns and types of the CLI's Parquet file).
//!
//! Why IPC bytes rather than the Arrow C data interface: pyarrow reads a stream from a bytes
//! object without copying the columns again (`pyarrow.ipc.open_stream(b).read_all()`), the
//! bindings need no `unsafe` and no coupling between the pyo3 and arrow crate versions, and the
//! cost is one copy of each table, small beside the scan.

use leitmotif::output::formats::ArrowLayout;
use leitmotif::output::{RunInfo, Table, TableSink};
use leitmotif::{Error, Result};

/// Rows per Arrow record batch.
const BATCH_ROWS: usize = 65_536;

/// Every table received, by name, as an Arrow IPC stream.
#[derive(Default)]
pub struct IpcTables {
    pub tables: Vec<(String, Vec<u8>)>,
}

impl TableSink for IpcTables {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let name = table.schema().table.to_string();
        let failed = |e: arrow_schema::ArrowError| Error::usage(format!("{name}: Arrow IPC: {e}"));
        let layout = ArrowLayout::of(table)?;
        let mut writer = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), &layout.schema()).map_err(failed)?;
        layout.batches(table, BATCH_ROWS, &mut |batch| writer.write(&batch).map_err(failed))?;
        writer.finish().map_err(failed)?;
        let bytes = writer.into_inner().map_err(failed)?;
        self.tables.push((name, bytes));
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}
