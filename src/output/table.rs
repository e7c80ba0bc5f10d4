//! Complete tables and the formats that receive them.
//!
//! A [`Table`] is a finished table: its [`Schema`], its row count, and its rows, which can be read
//! any number of times (from memory or from a spool). A [`TableSink`] is an output format: it gets
//! every table of the run in the order of [`TableName::ALL`](super::TableName::ALL), then the end
//! of the run with its [`RunInfo`]. CSV, JSON lines, the workbook, the HTML report and in-memory
//! tables are all table sinks over the same typed rows.

use super::cell::Cell;
use super::schema::Schema;
use crate::error::Result;

/// The rows of a table, each a result because a spooled table is read from disk.
pub type Rows<'a> = Box<dyn Iterator<Item = Result<Vec<Cell>>> + 'a>;

/// A complete table (shared by the threads that write its parts).
pub trait Table: Sync {
    /// Its name and columns.
    fn schema(&self) -> &Schema;
    /// How many rows it has.
    fn len(&self) -> usize;
    /// Whether it has no row.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Its rows, in order (a new pass each call).
    fn rows(&self) -> Result<Rows<'_>>;
    /// How many parts the rows can be read in, each on a thread of its own, parts in order
    /// making up the table (1: the table is read front to back only).
    fn parts(&self) -> usize {
        1
    }
    /// Calls `each` with every row of part `part`, in order (see [`Table::parts`]). A spooled
    /// table lends one reused row, so a table of millions of rows is written without allocating
    /// per row.
    fn for_each_row_of(&self, part: usize, each: &mut dyn FnMut(&[Cell]) -> Result<()>) -> Result<()> {
        if part == 0 {
            for row in self.rows()? {
                each(&row?)?;
            }
        }
        Ok(())
    }
}

/// An output format.
pub trait TableSink {
    /// Receives one complete table.
    fn table(&mut self, table: &dyn Table) -> Result<()>;
    /// Completes the output once every table was received.
    fn finish(&mut self, run: &RunInfo) -> Result<()>;
    /// Anything the user should know about the output (tables split or cut to fit a format).
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A sink lent to an `Assembler` stays with its owner.
impl<T: TableSink + ?Sized> TableSink for &mut T {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        (**self).table(table)
    }

    fn finish(&mut self, run: &RunInfo) -> Result<()> {
        (**self).finish(run)
    }

    fn notes(&self) -> Vec<String> {
        (**self).notes()
    }
}

/// A table held in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct RowsTable {
    /// Its name and columns.
    pub schema: Schema,
    /// Its rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Table for RowsTable {
    fn schema(&self) -> &Schema {
        &self.schema
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn rows(&self) -> Result<Rows<'_>> {
        Ok(Box::new(self.rows.iter().cloned().map(Ok)))
    }
}

/// Facts about the run, for the `run` sheet of the workbook and the report.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// (key, value) rows in order: version, command line, inputs, threads, date, counts…
    pub facts: Vec<(String, String)>,
    /// Error messages of the run (records that could not be read), the first ones.
    pub errors: Vec<String>,
    /// When the run started, `YYYY-MM-DDTHH:MM:SSZ`.
    pub started: String,
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((seconds / 86_400) as i64, seconds % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}
