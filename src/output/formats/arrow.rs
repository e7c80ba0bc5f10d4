//! Tables as Arrow record batches, with typed columns: the common ground of Parquet files and of
//! data frames (pandas, polars, R's arrow, DuckDB).
//!
//! Each column's Arrow type follows its [`Kind`]: whole numbers are `Int64`, numbers and shares
//! `Float64` (rounded to four decimals, as in every other format, so a Parquet value equals the CSV
//! cell), `true`/`false` `Boolean`, text `Utf8`, and lists (`segments.motifs`, `frames`, `cues`,
//! `documents.boilerplate_frames`, joined by `;` elsewhere) lists of `Utf8`. Input fields
//! ([`Kind::Metadata`]) are typed by their values, in a first pass over the table: `Date32` when
//! every value is an ISO date (`2022-02-24`), `Int64` when every value is a whole number written
//! plainly (`1946`, not `01946` or `+3`, so nothing changes on the way), and `Utf8` otherwise. An
//! empty cell is null, except in text columns, where it is the empty string (as in JSON lines).

use super::super::cell::Cell;
use super::super::schema::Kind;
use super::super::table::Table;
use crate::error::{Error, Result};
use arrow_array::builder::{BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema as ArrowSchema, SchemaRef};
use std::sync::Arc;

/// The Arrow type of one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColumnType {
    Int64,
    Float64,
    Boolean,
    Utf8,
    Date32,
    List,
}

impl ColumnType {
    fn data_type(self) -> DataType {
        match self {
            ColumnType::Int64 => DataType::Int64,
            ColumnType::Float64 => DataType::Float64,
            ColumnType::Boolean => DataType::Boolean,
            ColumnType::Utf8 => DataType::Utf8,
            ColumnType::Date32 => DataType::Date32,
            ColumnType::List => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        }
    }
}

/// How a table's columns are typed in Arrow.
#[derive(Debug, Clone)]
pub struct ArrowLayout {
    schema: SchemaRef,
    types: Vec<ColumnType>,
}

impl ArrowLayout {
    /// The layout of `table` (reads the table once when it has input-field columns).
    pub fn of(table: &dyn Table) -> Result<ArrowLayout> {
        let columns = &table.schema().columns;
        let mut types: Vec<ColumnType> = columns
            .iter()
            .map(|column| match column.kind {
                Kind::Integer => ColumnType::Int64,
                Kind::Number | Kind::Share => ColumnType::Float64,
                Kind::Bool => ColumnType::Boolean,
                Kind::Text => ColumnType::Utf8,
                Kind::List => ColumnType::List,
                Kind::Metadata => ColumnType::Date32,
            })
            .collect();
        let metadata: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].kind == Kind::Metadata).collect();
        if !metadata.is_empty() {
            // (any value, all dates, all whole numbers) per input field.
            let mut seen = vec![(false, true, true); columns.len()];
            for row in table.rows()? {
                let row = row?;
                for &i in &metadata {
                    let Some(value) = row[i].as_text().filter(|v| !v.is_empty()) else { continue };
                    let (any, dates, integers) = &mut seen[i];
                    *any = true;
                    *dates = *dates && iso_date_days(value).is_some();
                    *integers = *integers && plain_integer(value).is_some();
                }
            }
            for &i in &metadata {
                types[i] = match seen[i] {
                    (true, true, _) => ColumnType::Date32,
                    (true, false, true) => ColumnType::Int64,
                    _ => ColumnType::Utf8,
                };
            }
        }
        let fields: Vec<Field> =
            columns.iter().zip(&types).map(|(column, kind)| Field::new(&column.name, kind.data_type(), true)).collect();
        Ok(ArrowLayout { schema: Arc::new(ArrowSchema::new(fields)), types })
    }

    /// The Arrow schema.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// Calls `each` with the rows of `table` as record batches of at most `batch_rows` rows, in
    /// order. A table with no rows gives no batch.
    pub fn batches(
        &self,
        table: &dyn Table,
        batch_rows: usize,
        each: &mut dyn FnMut(RecordBatch) -> Result<()>,
    ) -> Result<()> {
        let batch_rows = batch_rows.max(1);
        let mut builders = self.builders(batch_rows);
        let mut rows = 0;
        for part in 0..table.parts() {
            table.for_each_row_of(part, &mut |row| {
                for (i, (builder, cell)) in builders.iter_mut().zip(row).enumerate() {
                    builder.append(cell).map_err(|message| {
                        Error::usage(format!(
                            "{}: column {}: {message}",
                            table.schema().table,
                            self.schema.field(i).name()
                        ))
                    })?;
                }
                rows += 1;
                if rows == batch_rows {
                    each(self.finish(&mut builders)?)?;
                    rows = 0;
                }
                Ok(())
            })?;
        }
        if rows > 0 {
            each(self.finish(&mut builders)?)?;
        }
        Ok(())
    }

    /// All the rows of `table` as record batches.
    pub fn collect(&self, table: &dyn Table, batch_rows: usize) -> Result<Vec<RecordBatch>> {
        let mut batches = Vec::new();
        self.batches(table, batch_rows, &mut |batch| {
            batches.push(batch);
            Ok(())
        })?;
        Ok(batches)
    }

    fn builders(&self, capacity: usize) -> Vec<ColumnBuilder> {
        self.types
            .iter()
            .map(|kind| match kind {
                ColumnType::Int64 => ColumnBuilder::Int64(Int64Builder::with_capacity(capacity)),
                ColumnType::Float64 => ColumnBuilder::Float64(Float64Builder::with_capacity(capacity)),
                ColumnType::Boolean => ColumnBuilder::Boolean(BooleanBuilder::with_capacity(capacity)),
                ColumnType::Utf8 => ColumnBuilder::Utf8(StringBuilder::new()),
                ColumnType::Date32 => ColumnBuilder::Date32(Date32Builder::with_capacity(capacity)),
                ColumnType::List => ColumnBuilder::List(ListBuilder::new(StringBuilder::new())),
            })
            .collect()
    }

    fn finish(&self, builders: &mut [ColumnBuilder]) -> Result<RecordBatch> {
        let arrays: Vec<ArrayRef> = builders.iter_mut().map(ColumnBuilder::finish).collect();
        RecordBatch::try_new(self.schema.clone(), arrays).map_err(|e| Error::usage(format!("Arrow batch: {e}")))
    }
}

/// One column being filled.
enum ColumnBuilder {
    Int64(Int64Builder),
    Float64(Float64Builder),
    Boolean(BooleanBuilder),
    Utf8(StringBuilder),
    Date32(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl ColumnBuilder {
    /// Appends one cell; says what is wrong with a cell that does not fit the column.
    fn append(&mut self, cell: &Cell) -> std::result::Result<(), String> {
        let unexpected = || format!("unexpected value {cell:?}");
        match (self, cell) {
            (ColumnBuilder::Utf8(b), Cell::Empty) => b.append_value(""),
            (ColumnBuilder::List(b), Cell::Empty) => b.append(true),
            (ColumnBuilder::Int64(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Float64(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Boolean(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Date32(b), Cell::Empty) => b.append_null(),
            (ColumnBuilder::Int64(b), Cell::Int(n)) => b.append_value(*n),
            (ColumnBuilder::Int64(b), Cell::Text(text)) if text.is_empty() => b.append_null(),
            (ColumnBuilder::Int64(b), Cell::Text(text)) => b.append_value(plain_integer(text).ok_or_else(unexpected)?),
            (ColumnBuilder::Float64(b), cell @ (Cell::Int(_) | Cell::Float(_))) => {
                b.append_value(cell.as_f64().ok_or_else(unexpected)?)
            }
            (ColumnBuilder::Boolean(b), Cell::Bool(v)) => b.append_value(*v),
            (ColumnBuilder::Date32(b), Cell::Text(text)) if text.is_empty() => b.append_null(),
            (ColumnBuilder::Date32(b), Cell::Text(text)) => b.append_value(iso_date_days(text).ok_or_else(unexpected)?),
            (ColumnBuilder::Utf8(b), cell) => b.append_value(cell.to_text()),
            (ColumnBuilder::List(b), Cell::Text(text)) => {
                for item in text.split(';').filter(|item| !item.is_empty()) {
                    b.values().append_value(item);
                }
                b.append(true)
            }
            _ => return Err(unexpected()),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Int64(b) => Arc::new(b.finish()),
            ColumnBuilder::Float64(b) => Arc::new(b.finish()),
            ColumnBuilder::Boolean(b) => Arc::new(b.finish()),
            ColumnBuilder::Utf8(b) => Arc::new(b.finish()),
            ColumnBuilder::Date32(b) => Arc::new(b.finish()),
            ColumnBuilder::List(b) => Arc::new(b.finish()),
        }
    }
}

/// A whole number written plainly: an optional `-`, then `0` or digits not starting with `0`.
fn plain_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0";
    if plain {
        text.parse().ok()
    } else {
        None
    }
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (a real day of the proleptic Gregorian
/// calendar), or `None`.
fn iso_date_days(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = &text[range];
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok()).flatten()
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[month as usize - 1] {
        return None;
    }
    // Days from civil (H. Hinnant's algorithm): years start in March, so the leap day is last.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    i32::try_from(era * 146_097 + day_of_era - 719_468).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Column, RowsTable, Schema, TableName};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int64Type};

    #[test]
    fn iso_dates_count_days_from_the_epoch() {
        assert_eq!(iso_date_days("1970-01-01"), Some(0));
        assert_eq!(iso_date_days("2022-02-24"), Some(19047));
        assert_eq!(iso_date_days("2000-02-29"), Some(11016));
        assert_eq!(iso_date_days("1946-10-24"), Some(-8470));
        for bad in ["2023-02-29", "2022-13-01", "2022-2-24", "24.02.2022", "2022-02-24T10:00", "1900-02-29"] {
            assert_eq!(iso_date_days(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_plain_whole_numbers_become_integers() {
        assert_eq!(plain_integer("1946"), Some(1946));
        assert_eq!(plain_integer("-3"), Some(-3));
        assert_eq!(plain_integer("0"), Some(0));
        for text in ["01946", "+3", "-0", "3.0", "", "-", "1e3", "99999999999999999999"] {
            assert_eq!(plain_integer(text), None, "{text}");
        }
    }

    #[test]
    fn columns_are_typed_by_kind_and_input_fields_by_their_values() {
        let text = |s: &str| Cell::Text(s.into());
        let schema = Schema {
            table: TableName::Documents,
            columns: vec![
                Column::new("doc_id", Kind::Text),
                Column::new("date", Kind::Metadata),
                Column::new("year", Kind::Metadata),
                Column::new("code", Kind::Metadata),
                Column::new("words", Kind::Integer),
                Column::new("share", Kind::Share),
                Column::new("motifs", Kind::List),
            ],
        };
        let rows = vec![
            vec![
                text("a"),
                text("2022-02-24"),
                text("1946"),
                text("007"),
                Cell::Int(12),
                Cell::Float(0.123456),
                text("x;y"),
            ],
            vec![text("b"), Cell::Empty, text("2024"), text("12"), Cell::Int(3), Cell::Empty, Cell::Empty],
        ];
        let table = RowsTable { schema, rows };
        let layout = ArrowLayout::of(&table).unwrap();
        let types: Vec<DataType> = layout.schema().fields().iter().map(|f| f.data_type().clone()).collect();
        assert_eq!(
            &types[..6],
            [DataType::Utf8, DataType::Date32, DataType::Int64, DataType::Utf8, DataType::Int64, DataType::Float64]
        );
        assert!(matches!(types[6], DataType::List(_)));
        let batches = layout.collect(&table, 1).unwrap();
        assert_eq!(batches.len(), 2);
        let first = &batches[0];
        assert_eq!(first.column(1).as_primitive::<Date32Type>().value(0), 19047);
        assert_eq!(first.column(2).as_primitive::<Int64Type>().value(0), 1946);
        assert_eq!(first.column(3).as_string::<i32>().value(0), "007");
        assert_eq!(first.column(5).as_primitive::<Float64Type>().value(0), 0.1235);
        let motifs = first.column(6).as_list::<i32>().value(0);
        assert_eq!(motifs.as_string::<i32>().iter().flatten().collect::<Vec<_>>(), ["x", "y"]);
        let second = &batches[1];
        assert!(second.column(1).is_null(0));
        assert!(second.column(5).is_null(0));
        assert_eq!(second.column(6).as_list::<i32>().value(0).len(), 0);
    }

    #[test]
    fn an_input_field_is_typed_by_all_its_values_whatever_their_order() {
        for values in [["2022-02-24", "2022"], ["2022", "2022-02-24"]] {
            let schema = Schema { table: TableName::Documents, columns: vec![Column::new("date", Kind::Metadata)] };
            let rows = values.iter().map(|v| vec![Cell::Text(v.to_string())]).collect();
            let layout = ArrowLayout::of(&RowsTable { schema, rows }).unwrap();
            assert_eq!(layout.schema().field(0).data_type(), &DataType::Utf8, "{values:?}");
        }
    }
}
