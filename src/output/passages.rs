//! The rows of `passages` and `refrains`: the recycled passages and the refrains found by the reuse
//! detector, with character offsets as in `hits`.

use super::cell::Cell;
use super::schema::Schema;
use super::table::RowsTable;
use crate::reuse::ReuseReport;

/// Passages are quoted up to this many characters.
pub const QUOTE_CHARS: usize = 300;

/// One row per recycled passage, with its earliest source.
pub fn passages_table(report: &ReuseReport) -> RowsTable {
    let rows = report
        .passages
        .iter()
        .map(|p| {
            let (doc, source) = (&report.docs[p.doc], &report.docs[p.source]);
            let source_order = if source.order_value.is_empty() && report.unordered.is_empty() {
                p.source.to_string()
            } else {
                source.order_value.clone()
            };
            vec![
                Cell::Text(doc.id.clone()),
                Cell::Int(i64::from(doc.offsets[p.start].0)),
                Cell::Int(i64::from(doc.offsets[p.end - 1].1)),
                Cell::count(p.end - p.start),
                Cell::Text(source.id.clone()),
                Cell::Int(i64::from(source.offsets[p.source_start].0)),
                Cell::Int(i64::from(source.offsets[p.source_end - 1].1)),
                Cell::Text(source_order),
                Cell::Float(p.similarity),
                Cell::count(p.cluster + 1),
                Cell::count(report.clusters[p.cluster].docs),
                Cell::Text(doc.quote(p.start, p.end, QUOTE_CHARS)),
            ]
        })
        .collect();
    RowsTable { schema: Schema::passages(), rows }
}

/// One row per passage repeated inside one document.
pub fn refrains_table(report: &ReuseReport) -> RowsTable {
    let rows = report
        .refrains
        .iter()
        .map(|r| {
            let doc = &report.docs[r.doc];
            vec![
                Cell::Text(doc.id.clone()),
                Cell::Int(i64::from(doc.offsets[r.start].0)),
                Cell::Int(i64::from(doc.offsets[r.end - 1].1)),
                Cell::count(r.end - r.start),
                Cell::Int(i64::from(doc.offsets[r.first_start].0)),
                Cell::Int(i64::from(doc.offsets[r.first_end - 1].1)),
                Cell::Float(r.similarity),
                Cell::Text(doc.quote(r.start, r.end, QUOTE_CHARS)),
            ]
        })
        .collect();
    RowsTable { schema: Schema::refrains(), rows }
}
