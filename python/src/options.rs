//! The keyword arguments every scan shares (`by`, `reuse`, `order_by`, …) turned into the
//! library's run configuration, checked as the CLI checks its options.

use crate::errors::to_py;
use leitmotif::lexicon::LexiconSet;
use leitmotif::model::{Model, ModelOptions};
use leitmotif::output::{GroupBy, TableName, TableOptions};
use leitmotif::pipeline::{FramingConfig, ModelUse, ScanConfig};
use leitmotif::reuse::ReuseOptions;
use leitmotif::score::FramingOptions;
use leitmotif::Error;
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

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
    /// `"train"` (on this run), `"off"`, or `"file"` (the saved model at `model_path`).
    pub model: String,
    pub model_path: Option<PathBuf>,
    pub save_model: Option<PathBuf>,
    pub model_threshold: Option<f64>,
    pub cues: bool,
    /// Which of `documents`, `hits`, `segments` to make (`None`: all three).
    pub tables: Option<Vec<String>>,
}

impl RunOptions {
    /// Sets the options on `config` (the corpus model's frames are those of `lexicons`) and says
    /// which tables the run makes.
    pub fn apply(&self, config: &mut ScanConfig, lexicons: &LexiconSet) -> PyResult<TableOptions> {
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
        config.framing = self.framing(lexicons)?;
        let only = self.tables.as_deref().map(scan_tables).transpose()?;
        let tables = TableOptions { scan: true, reuse: self.reuse, speaker_rows, group_by, only };
        config.hit_rows = tables.needs_hit_rows();
        Ok(tables)
    }

    /// How segments get their frames: as `scan`'s `--no-cues`, `--no-model`, `--model FILE`,
    /// `--save-model FILE` and `--model-threshold P`.
    fn framing(&self, lexicons: &LexiconSet) -> PyResult<FramingConfig> {
        let usage = |message: String| to_py(Error::usage(message));
        let threshold = self.model_threshold.unwrap_or(ModelOptions::default().threshold);
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(usage(format!("model_threshold must be a probability above 0 and at most 1, not {threshold}")));
        }
        let model = match (self.model.as_str(), &self.model_path, &self.save_model) {
            ("off", _, None) => ModelUse::Off,
            ("file", Some(path), None) => {
                let frames: Vec<String> = lexicons.frames.iter().map(|f| f.id.clone()).collect();
                let model = Model::load(path, &frames, threshold).map_err(to_py)?;
                ModelUse::Given(Arc::new(model))
            }
            ("train", _, save) => {
                ModelUse::Train { options: ModelOptions { threshold, ..ModelOptions::default() }, save: save.clone() }
            }
            (_, _, Some(_)) => {
                return Err(usage("save_model saves the model trained on this run: leave model=True".into()))
            }
            (other, _, None) => return Err(usage(format!("model must be True, False or a path, not {other:?}"))),
        };
        Ok(FramingConfig { options: FramingOptions { cues: self.cues, ..FramingOptions::default() }, model })
    }
}

/// The tables named by `tables=`: any of `documents`, `hits`, `segments`.
fn scan_tables(names: &[String]) -> PyResult<Vec<TableName>> {
    names
        .iter()
        .map(|name| match name.as_str() {
            "documents" => Ok(TableName::Documents),
            "hits" => Ok(TableName::Hits),
            "segments" => Ok(TableName::Segments),
            other => Err(to_py(Error::usage(format!("tables may name documents, hits and segments, not {other:?}")))),
        })
        .collect()
}
