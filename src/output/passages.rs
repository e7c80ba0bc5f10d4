//! The rows of `passages` and `refrains`: the recycled passages and the refrains found by the reuse
//! detector, with character offsets as in `hits`, and the start of each passage quoted.

use super::cell::Cell;
use super::schema::Schema;
use super::table::RowsTable;
use crate::reuse::ReuseReport;
use crate::text::CharOffsets;

/// Passages are quoted up to this many characters.
pub const QUOTE_CHARS: usize = 300;

/// Quotes words of the documents of a report; the offsets of one document are built once for all
/// its rows (rows come grouped by document), so quoting stays linear in the text.
struct Quoter<'a> {
    report: &'a ReuseReport,
    current: Option<(usize, CharOffsets<'a>)>,
}

impl<'a> Quoter<'a> {
    fn new(report: &'a ReuseReport) -> Quoter<'a> {
        Quoter { report, current: None }
    }

    fn quote(&mut self, doc: usize, start: usize, end: usize) -> Cell {
        let d = &self.report.docs[doc];
        if self.current.as_ref().is_none_or(|(held, _)| *held != doc) {
            self.current = Some((doc, CharOffsets::new(&d.text)));
        }
        let (_, offsets) = self.current.as_ref().expect("set above");
        Cell::Text(d.quote(offsets, start, end, QUOTE_CHARS))
    }
}

/// One row per recycled passage, with its earliest source.
pub fn passages_table(report: &ReuseReport) -> RowsTable {
    let mut quoter = Quoter::new(report);
    let rows = report
        .passages
        .iter()
        .map(|p| {
            let (doc, source) = (&report.docs[p.doc], &report.docs[p.source]);
            let source_order = if source.order_value.is_empty() && report.unordered.is_empty() {
                report.input_ordinal(p.source).to_string()
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
                quoter.quote(p.doc, p.start, p.end),
            ]
        })
        .collect();
    RowsTable { schema: Schema::passages(), rows }
}

/// One row per passage repeated inside one document.
pub fn refrains_table(report: &ReuseReport) -> RowsTable {
    let mut quoter = Quoter::new(report);
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
                quoter.quote(r.doc, r.start, r.end),
            ]
        })
        .collect();
    RowsTable { schema: Schema::refrains(), rows }
}
