//! `passages.csv` and `refrains.csv`: the recycled passages and the refrains found by the reuse
//! detector, with character offsets as in `hits.csv`, and the start of each passage quoted.

use super::number::format_number;
use super::table::Table;
use crate::error::Result;
use crate::reuse::ReuseReport;
use crate::text::CharOffsets;
use std::path::Path;

/// Passages are quoted up to this many characters.
pub const QUOTE_CHARS: usize = 300;

pub const PASSAGE_COLUMNS: &[&str] = &[
    "doc_id",
    "start",
    "end",
    "words",
    "source_doc_id",
    "source_start",
    "source_end",
    "source_order",
    "similarity",
    "cluster_id",
    "cluster_docs",
    "text",
];

pub const REFRAIN_COLUMNS: &[&str] =
    &["doc_id", "start", "end", "words", "first_start", "first_end", "similarity", "text"];

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

    fn quote(&mut self, doc: usize, start: usize, end: usize) -> String {
        let d = &self.report.docs[doc];
        if self.current.as_ref().is_none_or(|(held, _)| *held != doc) {
            self.current = Some((doc, CharOffsets::new(&d.text)));
        }
        let (_, offsets) = self.current.as_ref().expect("set above");
        d.quote(offsets, start, end, QUOTE_CHARS)
    }
}

pub fn write_passages(path: &Path, report: &ReuseReport, byte_order_mark: bool) -> Result<()> {
    let mut table = Table::create(path.to_path_buf(), PASSAGE_COLUMNS, byte_order_mark)?;
    let mut quoter = Quoter::new(report);
    for p in &report.passages {
        let (doc, source) = (&report.docs[p.doc], &report.docs[p.source]);
        let source_order = if source.order_value.is_empty() && report.unordered.is_empty() {
            p.source.to_string()
        } else {
            source.order_value.clone()
        };
        table.row([
            doc.id.clone(),
            doc.offsets[p.start].0.to_string(),
            doc.offsets[p.end - 1].1.to_string(),
            (p.end - p.start).to_string(),
            source.id.clone(),
            source.offsets[p.source_start].0.to_string(),
            source.offsets[p.source_end - 1].1.to_string(),
            source_order,
            format_number(p.similarity),
            (p.cluster + 1).to_string(),
            report.clusters[p.cluster].docs.to_string(),
            quoter.quote(p.doc, p.start, p.end),
        ])?;
    }
    table.finish()
}

pub fn write_refrains(path: &Path, report: &ReuseReport, byte_order_mark: bool) -> Result<()> {
    let mut table = Table::create(path.to_path_buf(), REFRAIN_COLUMNS, byte_order_mark)?;
    let mut quoter = Quoter::new(report);
    for r in &report.refrains {
        let doc = &report.docs[r.doc];
        table.row([
            doc.id.clone(),
            doc.offsets[r.start].0.to_string(),
            doc.offsets[r.end - 1].1.to_string(),
            (r.end - r.start).to_string(),
            doc.offsets[r.first_start].0.to_string(),
            doc.offsets[r.first_end - 1].1.to_string(),
            format_number(r.similarity),
            quoter.quote(r.doc, r.start, r.end),
        ])?;
    }
    table.finish()
}
