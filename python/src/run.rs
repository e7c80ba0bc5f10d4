//! One scan from Python: the library runs on a thread of its own with the GIL released, while
//! the calling thread wakes every 100 ms to pass progress to the Python callback and to look for
//! Ctrl-C (`Python::check_signals`); an interrupt, or an exception of the callback, cancels the
//! run through the library's [`Progress::cancelled`] hook, waits for it to stop (within about a
//! batch per worker) and is raised.

use crate::arrow_tables::IpcTables;
use crate::documents::documents;
use crate::errors::to_py;
use crate::lexicon::Lexicon;
use crate::options::RunOptions;
use leitmotif::corpus::{Document, Input, ReadOptions};
use leitmotif::lexicon::{load_bundled, LexiconSet};
use leitmotif::pipeline::{scan_to_table_sinks, Progress, ScanConfig, ScanReport};
use leitmotif::Result;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// How often the calling thread looks for Ctrl-C and reports progress.
const POLL: Duration = Duration::from_millis(100);

/// What the run and the calling thread share.
#[derive(Default)]
struct Watch {
    cancel: AtomicBool,
    documents: AtomicU64,
    bytes: AtomicU64,
    /// Set when the run has ended (successfully or not).
    done: Mutex<bool>,
    ended: Condvar,
}

impl Watch {
    fn end(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.ended.notify_all();
    }

    /// Waits at most `timeout` for the run to end; says whether it has.
    fn wait(&self, timeout: Duration) -> bool {
        let done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        let (done, _) = self.ended.wait_timeout_while(done, timeout, |done| !*done).unwrap_or_else(|e| e.into_inner());
        *done
    }
}

/// Ends the watch when the run's thread ends, even by a panic.
struct EndOnDrop(Arc<Watch>);

impl Drop for EndOnDrop {
    fn drop(&mut self) {
        self.0.end();
    }
}

impl Progress for Watch {
    fn advance(&self, documents: u64, bytes_read: u64) {
        self.documents.store(documents, Ordering::Relaxed);
        self.bytes.store(bytes_read, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Scans documents held by Python: `texts`, `ids` and metadata columns `meta_names` /
/// `meta_columns` (see `documents`). Returns `({table: [IPC stream bytes]}, report)`.
#[pyfunction]
#[pyo3(signature = (texts, ids, meta_names, meta_columns, *, lexicon, options, progress, source))]
#[allow(clippy::too_many_arguments)]
pub fn scan_documents<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    ids: Option<&Bound<'py, PyAny>>,
    meta_names: Vec<String>,
    meta_columns: Vec<Bound<'py, PyAny>>,
    lexicon: Option<&Lexicon>,
    options: RunOptions,
    progress: Option<Bound<'py, PyAny>>,
    source: String,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let documents = documents(texts, ids, &meta_names, &meta_columns, &source)?;
    let lexicons = lexicon_set(lexicon)?;
    let mut config = ScanConfig::new(Vec::new());
    let tables = options.apply(&mut config, &lexicons)?;
    run(py, config, Some(documents), lexicons, tables, progress)
}

/// Scans files on disk, streaming, as `leitmotif scan` reads them: `text`/`id` name the JSONL
/// fields and the CSV/TSV columns.
#[pyfunction]
#[pyo3(signature = (paths, *, lexicon, options, progress, text, id, max_doc_bytes))]
#[allow(clippy::too_many_arguments)]
pub fn scan_files<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    lexicon: Option<&Lexicon>,
    options: RunOptions,
    progress: Option<Bound<'py, PyAny>>,
    text: String,
    id: String,
    max_doc_bytes: u64,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let mut config = ScanConfig::new(paths.into_iter().map(Input::Path).collect());
    config.read =
        ReadOptions { id_field: id.clone(), text_field: text.clone(), id_column: id, text_column: text, max_doc_bytes };
    let lexicons = lexicon_set(lexicon)?;
    let tables = options.apply(&mut config, &lexicons)?;
    run(py, config, None, lexicons, tables, progress)
}

/// The lexicons given, or the bundled ones.
fn lexicon_set(lexicon: Option<&Lexicon>) -> PyResult<Arc<LexiconSet>> {
    Ok(match lexicon {
        Some(lexicon) => Arc::clone(&lexicon.set),
        None => Arc::new(load_bundled().map_err(to_py)?),
    })
}

/// Runs the scan on a thread of its own and waits for it, watching for Ctrl-C.
fn run<'py>(
    py: Python<'py>,
    config: ScanConfig,
    documents: Option<Vec<Document>>,
    lexicons: Arc<LexiconSet>,
    tables: leitmotif::output::TableOptions,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let watch = Arc::new(Watch::default());
    let worker = {
        let watch = Arc::clone(&watch);
        std::thread::Builder::new()
            .name("leitmotif-scan".into())
            .spawn(move || -> Result<(ScanReport, IpcTables)> {
                let _end = EndOnDrop(Arc::clone(&watch));
                let mut sink = IpcTables::default();
                let documents =
                    documents.map(|d| -> leitmotif::pipeline::Documents<'static> { Box::new(d.into_iter()) });
                let report =
                    scan_to_table_sinks(&config, documents, &lexicons, tables, vec![Box::new(&mut sink)], &*watch);
                report.map(|report| (report, sink))
            })
            .map_err(|e| PyRuntimeError::new_err(format!("cannot start the scan thread: {e}")))?
    };
    let mut reported = (u64::MAX, u64::MAX);
    let mut raised = None;
    while !py.allow_threads(|| watch.wait(POLL)) {
        if let Err(interrupt) = py.check_signals() {
            raised = Some(interrupt);
            break;
        }
        if let Some(callback) = &progress {
            let now = (watch.documents.load(Ordering::Relaxed), watch.bytes.load(Ordering::Relaxed));
            if now != reported {
                reported = now;
                if let Err(error) = callback.call1(now) {
                    raised = Some(error);
                    break;
                }
            }
        }
    }
    if let Some(error) = raised {
        // Stop the run and wait for it: nothing of it outlives the call.
        watch.cancel.store(true, Ordering::Relaxed);
        let _ = py.allow_threads(|| worker.join());
        return Err(error);
    }
    let (report, sink) = match py.allow_threads(|| worker.join()) {
        Ok(result) => result.map_err(to_py)?,
        Err(_) => return Err(PyRuntimeError::new_err("the scan thread panicked")),
    };
    if let Some(callback) = &progress {
        callback.call1((report.stats.documents, watch.bytes.load(Ordering::Relaxed)))?;
    }
    // A Ctrl-C that came as the run ended (a short run is over before the first poll) still
    // interrupts the call.
    py.check_signals()?;
    let out = PyDict::new(py);
    for (name, streams) in sink.tables {
        let list = PyList::empty(py);
        for stream in streams {
            list.append(PyBytes::new(py, &stream))?;
        }
        out.set_item(name, list)?;
    }
    Ok((out, report_dict(py, &report)?))
}

/// The run's report as a dict: counts, elapsed seconds, the first errors and reuse figures.
fn report_dict<'py>(py: Python<'py>, report: &ScanReport) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let stats = &report.stats;
    dict.set_item("documents", stats.documents)?;
    dict.set_item("words", stats.words)?;
    dict.set_item("hits", stats.hits)?;
    dict.set_item("errors", stats.errors)?;
    dict.set_item("elapsed_seconds", report.elapsed.as_secs_f64())?;
    dict.set_item("duplicate_ids", report.duplicate_ids.clone())?;
    dict.set_item("skipped", report.skipped.iter().map(|p| p.display().to_string()).collect::<Vec<_>>())?;
    if let Some(reuse) = &report.reuse {
        dict.set_item("passages", reuse.passages)?;
        dict.set_item("refrains", reuse.refrains)?;
        dict.set_item("recycled_words", reuse.recycled_words)?;
    }
    Ok(dict)
}
