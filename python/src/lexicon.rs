//! `leitmotif.Lexicon`: lexicon files loaded and validated by the library, their frames and
//! motifs as rows, and the warnings `leitmotif lexicon check` prints.

use crate::errors::to_py;
use leitmotif::lexicon::{bundled_sources, check_sources, lint_sources, read_sources, LexiconSet, LexiconSource};
use leitmotif::scan::Matcher;
use leitmotif::{Error, ErrorKind};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// Lexicons of one run, merged and validated (the native half of `leitmotif.Lexicon`).
#[pyclass(module = "leitmotif._leitmotif", frozen)]
pub struct Lexicon {
    pub set: Arc<LexiconSet>,
    /// The files written as TOML (imported files are left out of lint, as in `lexicon check`).
    written: Vec<LexiconSource>,
}

impl Lexicon {
    fn from_sources(sources: Vec<LexiconSource>, imported: &[&str]) -> PyResult<Lexicon> {
        let set = check_sources(&sources).map_err(|d| to_py(Error::new(ErrorKind::Lexicon(d))))?;
        let written = sources.into_iter().filter(|s| !imported.contains(&s.name.as_str())).collect();
        Ok(Lexicon { set: Arc::new(set), written })
    }

    /// The bundled lexicons.
    pub fn bundled_set() -> PyResult<Lexicon> {
        Lexicon::from_sources(bundled_sources(), &[])
    }
}

#[pymethods]
impl Lexicon {
    /// Loads lexicon files (TOML, or other formats imported by extension); a folder stands for
    /// the `.toml` files below it.
    #[staticmethod]
    #[pyo3(signature = (*paths))]
    fn load(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Lexicon> {
        if paths.is_empty() {
            return Err(to_py(Error::usage(
                "Lexicon.load needs at least one path; Lexicon.bundled() gives the bundled lexicons",
            )));
        }
        let read = py.allow_threads(|| read_sources(&paths, None)).map_err(to_py)?;
        let imported: Vec<&str> = read.imports.iter().map(|i| i.file.as_str()).collect();
        Lexicon::from_sources(read.sources.clone(), &imported)
    }

    /// The lexicons compiled into leitmotif.
    #[staticmethod]
    fn bundled() -> PyResult<Lexicon> {
        Lexicon::bundled_set()
    }

    /// (id, label, description) of every frame.
    fn frame_rows(&self) -> Vec<(String, String, String)> {
        self.set.frames.iter().map(|f| (f.id.clone(), f.label.clone(), f.description.clone())).collect()
    }

    /// (id, frame, label, description, cue) of every motif.
    fn motif_rows(&self) -> Vec<(String, String, String, String, bool)> {
        let frames = &self.set.frames;
        self.set
            .motifs
            .iter()
            .map(|m| (m.id.clone(), frames[m.frame].id.clone(), m.label.clone(), m.description.clone(), m.cue))
            .collect()
    }

    /// (name, version, language, source, content_hash) of every file.
    fn file_rows(&self) -> Vec<(String, String, String, String, String)> {
        self.set
            .lexicons
            .iter()
            .map(|l| (l.name.clone(), l.version.clone(), l.language.clone(), l.source.clone(), l.content_hash.clone()))
            .collect()
    }

    /// The problems `leitmotif lexicon check` reports, as `file:line:column: message`: patterns
    /// the scanner cannot compile, then the lint warnings.
    fn check(&self, py: Python<'_>) -> Vec<String> {
        py.allow_threads(|| {
            let mut problems = Vec::new();
            if let Err(error) = Matcher::new(&self.set) {
                match error.kind() {
                    ErrorKind::Lexicon(diagnostics) => problems.extend(diagnostics.iter().map(|d| d.to_string())),
                    _ => problems.push(error.to_string()),
                }
            }
            problems.extend(lint_sources(&self.written).iter().map(|d| d.to_string()));
            problems
        })
    }
}
