//! The run's tables as Arrow IPC streams, typed by the library's
//! [`ArrowLayout`] (so a table has the columns and types of the CLI's Parquet file).
//!
//! Why IPC bytes rather than the Arrow C data interface: pyarrow reads a stream from a bytes
//! object without copying the columns again (`pyarrow.ipc.open_stream(b).read_all()`), the
//! bindings need no `unsafe` and no coupling between the pyo3 and arrow crate versions, and the
//! cost is one copy of each record batch, small beside the scan.

use leitmotif::output::formats::ArrowLayout;
use leitmotif::output::{RunInfo, Table, TableSink};
use leitmotif::{Error, Result};

/// Rows per Arrow record batch (and per IPC stream).
const BATCH_ROWS: usize = 65_536;

/// Every table received, by name, as Arrow IPC streams of one record batch each (one stream with
/// the schema alone for a table without rows), so that each can be handed to Python and dropped
/// in turn: the tables are never held twice over.
#[derive(Default)]
pub struct IpcTables {
    pub tables: Vec<(String, Vec<Vec<u8>>)>,
}

impl TableSink for IpcTables {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let name = table.schema().table.to_string();
        let failed = |e: arrow_schema::ArrowError| Error::usage(format!("{name}: Arrow IPC: {e}"));
        let layout = ArrowLayout::of(table)?;
        let schema = layout.schema();
        let stream = |batch: Option<&arrow_array::RecordBatch>| -> Result<Vec<u8>> {
            let mut writer = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), &schema).map_err(failed)?;
            if let Some(batch) = batch {
                writer.write(batch).map_err(failed)?;
            }
            writer.finish().map_err(failed)?;
            writer.into_inner().map_err(failed)
        };
        let mut streams = Vec::new();
        layout.batches(table, BATCH_ROWS, &mut |batch| {
            streams.push(stream(Some(&batch))?);
            Ok(())
        })?;
        if streams.is_empty() {
            streams.push(stream(None)?);
        }
        self.tables.push((name, streams));
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}
