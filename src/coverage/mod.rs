//! Lexicon coverage on a corpus (`leitmotif lexicon coverage`): how much of a corpus each motif and
//! each pattern finds, and a sample of hits for a person to judge.
//!
//! The corpus is scanned exactly as by `leitmotif scan` (same matcher, same counting rules), and
//! each document's hits are folded, in input order, into
//!
//! - a `Tally`: per motif and per pattern, the documents hit, the hits, the share of the frame's
//!   hits, and the first and last date seen (`coverage` table; patterns that found nothing are
//!   listed with 0);
//! - a `Sampler`: a seeded sample of up to N hits per motif, in keyword-in-context form, with an
//!   empty `judgement` column (`sample` table).
//!
//! A judged sample is read back by [`read_judged`] and summarised by [`precision_table`]:
//! precision per motif, per frame and over all, with a 95% Wilson interval (`wilson`).

mod dates;
mod precision;
mod sample;
mod tally;

pub use dates::{DateField, Dated};
pub use precision::{precision_table, read_judged, Judged, Mark, PrecisionRow, MARKS};
pub(crate) use sample::Sampler;
pub use sample::DEFAULT_SAMPLE;
pub(crate) use tally::Tally;

use crate::error::{RecordError, Result};
use crate::lexicon::LexiconSet;
use crate::output::{DocumentResult, RowsTable, Sink};
use crate::pipeline::{run_scan, Progress, ScanConfig, ScanReport};
use crate::reuse::ReuseReport;

/// How coverage is measured.
#[derive(Debug, Clone)]
pub struct CoverageOptions {
    /// Hits sampled per motif.
    pub sample: usize,
    /// Seed of the sample: the same seed gives the same sample, at any thread count.
    pub seed: u64,
    /// Where a document's date is.
    pub date: DateField,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        CoverageOptions { sample: DEFAULT_SAMPLE, seed: 0, date: DateField::default() }
    }
}

/// The tables of a coverage run.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// What the scan read.
    pub report: ScanReport,
    /// One row per motif and per pattern.
    pub coverage: RowsTable,
    /// The hits to judge.
    pub sample: RowsTable,
}

/// Scans the corpus of `config` and measures the coverage of `lexicons`; every record that cannot
/// be read is handed to `on_error` (and counted in the report).
pub fn run_coverage(
    config: &ScanConfig,
    lexicons: &LexiconSet,
    options: &CoverageOptions,
    on_error: &mut (dyn FnMut(&RecordError) -> Result<()> + Send),
    progress: &dyn Progress,
) -> Result<Coverage> {
    let mut config = config.clone();
    config.reuse = None;
    config.score = true;
    let mut sink = CoverageSink {
        tally: Tally::new(lexicons),
        sampler: Sampler::new(lexicons, options.sample, options.seed),
        date: &options.date,
        on_error,
        ordinal: 0,
    };
    let report = run_scan(&config, lexicons, &mut sink, progress)?;
    let CoverageSink { tally, sampler, .. } = sink;
    Ok(Coverage { report, coverage: tally.table(lexicons), sample: sampler.table(lexicons) })
}

/// Receives the scan results in input order.
struct CoverageSink<'a> {
    tally: Tally,
    sampler: Sampler,
    date: &'a DateField,
    on_error: &'a mut (dyn FnMut(&RecordError) -> Result<()> + Send),
    ordinal: u64,
}

impl Sink for CoverageSink<'_> {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        let date = self.date.value(&result.meta);
        self.tally.add(result, date);
        self.sampler.add(self.ordinal, result, date.map_or("", |d| d.raw));
        self.ordinal += 1;
        Ok(())
    }

    fn error(&mut self, error: &RecordError) -> Result<()> {
        (self.on_error)(error)
    }

    fn finish(&mut self, _reuse: Option<&ReuseReport>) -> Result<()> {
        Ok(())
    }
}
