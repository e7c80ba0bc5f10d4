//! The files of a run, as one unit: the chosen formats of every table, written through the
//! [`Assembler`] into the staging folder of an [`OutputDir`], and committed together. This is what
//! the command line uses, and the shortest way for a library user to write a run's files:
//!
//! ```no_run
//! use leitmotif::output::{OutputOptions, OutputSet, RunInfo};
//! use leitmotif::pipeline::{run_scan, NoProgress, ScanConfig};
//! # fn main() -> leitmotif::Result<()> {
//! let lexicons = leitmotif::lexicon::load_bundled()?;
//! let config = ScanConfig::new(vec![leitmotif::corpus::Input::Path("corpus".into())]);
//! let mut output = OutputSet::create("results".as_ref(), &lexicons, OutputOptions::default())?;
//! let report = run_scan(&config, &lexicons, &mut output, &NoProgress)?;
//! output.commit(&RunInfo::default())?;
//! # Ok(()) }
//! ```

use super::assemble::{Assembler, TableOptions};
use super::formats::{CsvFiles, HtmlReport, JsonlFiles, ParquetFiles, Workbook};
use super::output_dir::{AbortHandle, OutputDir};
use super::table::{RunInfo, TableSink};
use super::{DocumentResult, Sink};
use crate::error::{Error, RecordError, Result};
use crate::lexicon::LexiconSet;
use crate::reuse::ReuseReport;
use std::path::{Path, PathBuf};

/// Which formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// `<table>.csv`.
    pub csv: bool,
    /// One workbook, `leitmotif.xlsx`.
    pub xlsx: bool,
    /// `<table>.jsonl`.
    pub jsonl: bool,
    /// `<table>.parquet`.
    pub parquet: bool,
}

impl Formats {
    /// A sink for each chosen format, writing into `staging` (CSV files with a byte-order mark when
    /// `byte_order_mark`).
    pub(crate) fn sinks(
        &self,
        staging: &Path,
        byte_order_mark: bool,
        lexicons: &LexiconSet,
    ) -> Vec<Box<dyn TableSink + Send>> {
        let mut sinks: Vec<Box<dyn TableSink + Send>> = Vec::new();
        if self.csv {
            sinks.push(Box::new(CsvFiles::new(staging.to_path_buf(), byte_order_mark)));
        }
        if self.jsonl {
            sinks.push(Box::new(JsonlFiles::new(staging.to_path_buf())));
        }
        if self.parquet {
            sinks.push(Box::new(ParquetFiles::new(staging.to_path_buf())));
        }
        if self.xlsx {
            sinks.push(Box::new(Workbook::new(staging.join("leitmotif.xlsx"), lexicons)));
        }
        sinks
    }
}

impl Default for Formats {
    fn default() -> Self {
        Formats { csv: true, xlsx: false, jsonl: false, parquet: false }
    }
}

/// What a run writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputOptions {
    /// The formats of the tables.
    pub formats: Formats,
    /// Which tables.
    pub tables: TableOptions,
    /// Also `report.html`.
    pub report: bool,
    /// CSV files start with a UTF-8 byte-order mark (`--excel`).
    pub byte_order_mark: bool,
    /// Replace output-named files that leitmotif did not write (`--force`).
    pub force: bool,
}

impl Default for OutputOptions {
    fn default() -> Self {
        OutputOptions {
            formats: Formats::default(),
            tables: TableOptions { scan: true, reuse: false, speaker_rows: false, group_by: None, only: None },
            report: false,
            byte_order_mark: false,
            force: false,
        }
    }
}

/// The output of one run: a [`Sink`] for the pipeline, committed at the end.
pub struct OutputSet {
    dir: OutputDir,
    assembler: Assembler<'static>,
}

impl OutputSet {
    /// Opens the output folder `dir` (see `OutputDir::open`) and prepares the formats.
    pub fn create(dir: &Path, lexicons: &LexiconSet, options: OutputOptions) -> Result<OutputSet> {
        let output = OutputDir::open(dir, options.force)?;
        let staging = output.staging().to_path_buf();
        let mut sinks = options.formats.sinks(&staging, options.byte_order_mark, lexicons);
        if options.report {
            sinks.push(Box::new(HtmlReport::new(staging.join("report.html"), lexicons)));
        }
        let spools = staging.join(".spool");
        std::fs::create_dir(&spools).map_err(|e| Error::io(&spools, e))?;
        let assembler = Assembler::new(&spools, lexicons, options.tables, sinks)?;
        Ok(OutputSet { dir: output, assembler })
    }

    /// A handle to abandon the run from another thread (a signal handler).
    pub fn abort_handle(&self) -> AbortHandle {
        self.dir.abort_handle()
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        self.dir.dir()
    }

    /// A folder for the run's temporary files (inside the staging folder, so they count against
    /// the same disk and go away with it).
    pub fn scratch_dir(&self) -> PathBuf {
        self.dir.staging().join(".spool")
    }

    /// Completes every format (after the pipeline finished) and moves the files into place;
    /// returns notes on anything split or cut to fit a format.
    pub fn commit(self, run: &RunInfo) -> Result<Vec<String>> {
        let notes = self.assembler.complete(run)?;
        let spools = self.dir.staging().join(".spool");
        std::fs::remove_dir_all(&spools).map_err(|e| Error::io(&spools, e))?;
        let staging = self.dir.staging();
        let mut files = Vec::new();
        for entry in std::fs::read_dir(staging).map_err(|e| Error::io(staging, e))? {
            let entry = entry.map_err(|e| Error::io(staging, e))?;
            files.push(entry.file_name().to_string_lossy().into_owned());
        }
        files.sort();
        self.dir.commit(&files)?;
        Ok(notes)
    }
}

impl Sink for OutputSet {
    fn document(&mut self, result: &DocumentResult) -> Result<()> {
        self.assembler.document(result)
    }

    fn hits_first(&mut self, result: &DocumentResult) -> Result<bool> {
        self.assembler.hits_first(result)
    }

    fn error(&mut self, error: &RecordError) -> Result<()> {
        self.assembler.error(error)
    }

    fn finish(&mut self, reuse: Option<&ReuseReport>) -> Result<()> {
        self.assembler.finish(reuse)
    }
}
