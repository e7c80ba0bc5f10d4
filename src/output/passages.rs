//! `passages.csv` and `refrains.csv`: the recycled passages and the refrains found by the reuse
//! detector, with character offsets as in `hits.csv`.

use super::number::format_number;
use super::table::Table;
use crate::error::Result;
use crate::reuse::ReuseReport;
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

pub fn write_passages(path: &Path, report: &ReuseReport, byte_order_mark: bool) -> Result<()> {
    let mut table = Table::create(path.to_path_buf(), PASSAGE_COLUMNS, byte_order_mark)?;
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
            doc.quote(p.start, p.end, QUOTE_CHARS),
        ])?;
    }
    table.finish()
}

pub fn write_refrains(path: &Path, report: &ReuseReport, byte_order_mark: bool) -> Result<()> {
    let mut table = Table::create(path.to_path_buf(), REFRAIN_COLUMNS, byte_order_mark)?;
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
            doc.quote(r.start, r.end, QUOTE_CHARS),
        ])?;
    }
    table.finish()
}
