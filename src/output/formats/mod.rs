//! The output formats, each a [`TableSink`](super::TableSink) over the run's typed tables: CSV
//! files, JSON lines files, one workbook, the HTML report, and tables kept in memory for a library
//! user.

mod arrow;
mod csv;
mod jsonl;
mod memory;
mod parquet;
mod report;
mod xlsx;

pub use self::arrow::ArrowLayout;
pub use self::csv::CsvFiles;
pub use self::jsonl::{json_object, write_json_lines, JsonlFiles};
pub use self::memory::MemoryTables;
pub use self::parquet::ParquetFiles;
pub use self::report::HtmlReport;
pub use self::xlsx::{Workbook, MAX_CELL_CHARS, MAX_ROWS};
