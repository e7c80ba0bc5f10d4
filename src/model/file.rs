//! Model files: a trained model saved as JSON (`--save-model`) and loaded by a later run
//! (`--model`), so that a small batch is framed by a model learned from a whole archive.
//!
//! The file holds the training counts, not the derived probabilities: the frame ids, the options
//! the model was trained with, the training segments per class and, per feature (the hash of a cut
//! word, see `features.rs`), its count in each class, sorted by hash. Loading trains the same model
//! again from them, so a loaded model predicts exactly what the saved one did. Writing is atomic (a
//! temporary file renamed into place).

use super::train::{Model, ModelOptions, TrainingCounts};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// What the `format` field of a model file says.
const FORMAT: &str = "leitmotif-model";
/// The version of the layout.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    format: String,
    version: u32,
    frames: Vec<String>,
    effective_words: f64,
    min_count: u32,
    smoothing: f64,
    /// Training segments per frame, then without a frame.
    segments: Vec<u64>,
    /// (feature hash, count per class), sorted by hash.
    features: Vec<(u64, Vec<u32>)>,
}

impl Model {
    /// Writes the model to `path` (atomically).
    pub fn save(&self, path: &Path) -> Result<()> {
        let features: Vec<(u64, Vec<u32>)> = self.counts.sorted().into_iter().map(|(h, c)| (h, c.to_vec())).collect();
        let file = ModelFile {
            format: FORMAT.to_string(),
            version: VERSION,
            frames: self.frames.clone(),
            effective_words: self.options.effective_words,
            min_count: self.options.min_count,
            smoothing: self.options.smoothing,
            segments: self.counts.segments.clone(),
            features,
        };
        let text = serde_json::to_string(&file).expect("a model serialises");
        let name = path.file_name().map_or_else(|| "model".into(), |n| n.to_string_lossy().into_owned());
        let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let written = (|| {
            let mut out = std::fs::File::create(&temporary)?;
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            out.sync_all()?;
            std::fs::rename(&temporary, path)
        })();
        written.map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Error::io(path, e)
        })
    }

    /// Reads a model saved by [`Model::save`]; `threshold` is the one to apply now. The model must
    /// have been trained with exactly the frames `frames` (ids in lexicon order).
    pub fn load(path: &Path, frames: &[String], threshold: f64) -> Result<Model> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let invalid = |why: String| Error::usage(format!("{}: not a leitmotif model: {why}", path.display()));
        let file: ModelFile = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(invalid(format!(
                "format '{}' version {} (expected '{FORMAT}' {VERSION})",
                file.format, file.version
            )));
        }
        if file.frames != frames {
            return Err(Error::usage(format!(
                "{}: the model was trained with the frames {} but the lexicons have {}; train it again with these lexicons",
                path.display(),
                file.frames.join(", "),
                frames.join(", ")
            )));
        }
        let classes = frames.len() + 1;
        if file.segments.len() != classes || file.features.iter().any(|(_, c)| c.len() != classes) {
            return Err(invalid(format!("counts must have {classes} classes")));
        }
        let options = ModelOptions {
            threshold,
            effective_words: file.effective_words,
            min_count: file.min_count,
            smoothing: file.smoothing,
        };
        let counts = TrainingCounts::from_sorted(file.features, file.segments);
        Model::train(counts, file.frames, options).ok_or_else(|| invalid("too few labelled segments".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_model_loads_and_predicts_the_same() {
        let mut counts = TrainingCounts::new(1);
        for i in 0..40u64 {
            counts.add(&vec![(1, 2), (2, 1), (3 + i % 2, 1), (9, 1)], Some(0));
            counts.add(&vec![(5, 1), (6, 2), (7, 1), (9, 1)], None);
        }
        let frames = vec!["war".to_string()];
        let model = Model::train(counts, frames.clone(), ModelOptions::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        model.save(&path).unwrap();
        let loaded = Model::load(&path, &frames, 0.6).unwrap();
        let segment = vec![(1, 1), (2, 1), (3, 1), (4, 1), (9, 1)];
        assert_eq!(loaded.predict(&segment), model.predict(&segment));
        assert!(model.predict(&segment).is_some());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");

        let other = Model::load(&path, &["peace".to_string()], 0.6).unwrap_err().to_string();
        assert!(other.contains("trained with the frames war but the lexicons have peace"), "{other}");
        std::fs::write(&path, "{\"format\": \"x\"}").unwrap();
        let bad = Model::load(&path, &frames, 0.6).unwrap_err().to_string();
        assert!(bad.contains("m.json: not a leitmotif model"), "{bad}");
    }
}
