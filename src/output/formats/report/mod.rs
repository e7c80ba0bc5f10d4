//! `report.html`: one self-contained page (inline CSS and SVG, no script, no network) that answers an
//! analyst's first questions about a run: which frames, how much, when, by whom, and where in the
//! speeches — with every number printed (nothing only on hover), and every chart cell and motif
//! linked to the quotes behind it.
//!
//! The report is a table sink: it keeps a compact record of each document (dates, titles, speakers,
//! per-frame hits and seconds) from `documents`, the `groups` table, a seeded sample of hits per
//! chart cell and per motif from `hits`, the recycled passages, and the segments of the documents
//! whose timelines it draws; the page is written at the end. Memory grows with the number of
//! documents (a few hundred bytes each), not with hits or text.
//!
//! - `collect.rs`: what the page keeps of each table;
//! - `timeline.rs`: the automatic time resolution (month, quarter, year, decade) and the bins;
//! - `sample.rs`: the seeded keyword-in-context sample;
//! - `strips.rs`: the timeline strips of single speeches;
//! - `sections.rs`: the page, section by section;
//! - `html.rs`: escaping, number formats and the style sheet.

mod collect;
mod html;
mod sample;
mod sections;
mod strips;
mod timeline;

use crate::error::{Error, Result};
use crate::lexicon::LexiconSet;
use crate::output::schema::TableName;
use crate::output::table::{RunInfo, Table, TableSink};
use collect::ReportData;
use std::path::PathBuf;

/// Builds `report.html` from the tables it receives; writes it when the run finishes.
pub struct HtmlReport {
    path: PathBuf,
    lexicons: LexiconSet,
    data: ReportData,
}

impl HtmlReport {
    /// A report to be written at `path`.
    pub fn new(path: PathBuf, lexicons: &LexiconSet) -> HtmlReport {
        HtmlReport { path, data: ReportData::new(lexicons), lexicons: lexicons.clone() }
    }
}

impl TableSink for HtmlReport {
    fn table(&mut self, table: &dyn Table) -> Result<()> {
        let data = &mut self.data;
        match table.schema().table {
            TableName::Documents => data.read_documents(table)?,
            TableName::Groups => data.read_groups(table)?,
            TableName::Hits => data.read_hits(table, &self.lexicons)?,
            TableName::Passages => data.read_passages(table)?,
            TableName::Refrains => data.refrains = table.len(),
            TableName::Segments => {
                (data.strips, data.segment_documents) = strips::collect(table, data, &self.lexicons)?
            }
            TableName::Errors => data.errors = table.len(),
            TableName::Coverage | TableName::Sample | TableName::Precision | TableName::Candidates => {}
        }
        Ok(())
    }

    fn finish(&mut self, run: &RunInfo) -> Result<()> {
        let html = sections::page(&self.data, &self.lexicons, &run.started);
        std::fs::write(&self.path, html).map_err(|e| Error::io(&self.path, e))
    }
}
