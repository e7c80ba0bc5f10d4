//! The keyword arguments every scan shares (`by`, `reuse`, `order_by`, …) turned into the
//! library's run configuration, checked as the CLI checks its options.

use crate::errors::to_py;
use leitmotif::output::{GroupBy, TableOptions};
use leitmotif::pipeline::ScanConfig;
use leitmotif::reuse::ReuseOptions;
use leitmotif::Error;
use pyo3::prelude::*;

/// What to compute, as given to `scan` and `scan_files`.
#[derive(Debug, Clone, FromPyObject)]
#[pyo3(from_item_all)]
pub struct RunOptions {
    /// `"document"` or `"speaker"`.
    pub by: String,
    pub reuse: bool,
    pub order_by: Option<String>,
    pub min_words: usize,
    pub threads: usize,
    pub group_by: Option<String>,
    pub speaker: Option<String>,
}

impl RunOptions {
    /// Sets the options on `config` and says which tables the run makes.
    pub fn apply(&self, config: &mut ScanConfig) -> PyResult<TableOptions> {
        let usage = |message: String| to_py(Error::usage(message));
        let by_speaker = match self.by.as_str() {
            "document" => false,
            "speaker" => true,
            other => return Err(usage(format!("by must be \"document\" or \"speaker\", not {other:?}"))),
        };
        if !self.reuse && self.order_by.is_some() {
            return Err(usage("order_by needs reuse=True".into()));
        }
        let group_by = self.group_by.as_deref().map(GroupBy::parse).transpose().map_err(to_py)?;
        let speaker_rows = by_speaker || group_by.as_ref().is_some_and(GroupBy::by_speaker);
        config.threads = self.threads;
        config.reuse = self.reuse.then(|| ReuseOptions {
            order_by: self.order_by.clone(),
            min_words: self.min_words.max(1),
            ..ReuseOptions::default()
        });
        config.transcripts.by_speaker = speaker_rows;
        config.transcripts.only_speaker = self.speaker.clone();
        let tables = TableOptions { scan: true, reuse: self.reuse, speaker_rows, group_by, only: None };
        config.hit_rows = tables.needs_hit_rows();
        Ok(tables)
    }
}
