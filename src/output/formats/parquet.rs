//! Parquet: one file per table, `<table>.parquet`, typed as [`ArrowLayout`] says (whole numbers
//! `INT64`, numbers `DOUBLE`, text `STRING`, ISO-date input fields `DATE`, lists of strings), zstd
//! compressed, in row groups of 65,536 rows. DuckDB, Spark, pandas/pyarrow, polars and R's arrow
//! read them directly, with the types.

use super::arrow::ArrowLayout;
use crate::error::{Error, Result};
use crate::output::table::{RunInfo, Table, TableSink};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::path::PathBuf;

/// Rows per row group (and per Arrow batch written).
const ROW_GROUP_ROWS: usize = 65_536;

/// Writes every table as `<dir>/<table>.parquet`.
pub struct ParquetFiles {
    dir: PathBuf,
}

impl ParquetFiles {
    /// Parquet files in `dir`.
    pub fn new(dir: PathBuf) -> ParquetFiles {
        ParquetFiles { dir }
    }
}

impl TableSink for ParquetFiles {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let path = self.dir.join(format!("{}.parquet", table.schema().table));
        let failed = |e: parquet::errors::ParquetError| Error::io(&path, std::io::Error::other(e));
        let layout = ArrowLayout::of(table)?;
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("leitmotif {}", env!("CARGO_PKG_VERSION")))
            .build();
        let mut writer = ArrowWriter::try_new(file, layout.schema(), Some(properties)).map_err(failed)?;
        layout.batches(table, ROW_GROUP_ROWS, &mut |batch| writer.write(&batch).map_err(failed))?;
        writer.close().map_err(failed)?;
        Ok(())
    }

    fn finish(&mut self, _run: &RunInfo) -> Result<()> {
        Ok(())
    }
}
