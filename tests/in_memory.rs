//! Documents handed over in memory (`run_scan_documents`, what the Python package uses): the same
//! files as the corpus read from disk, byte for byte, and a run its caller cancels.

use crate::util::{sample_corpus, Workdir};
use leitmotif::corpus::{Document, Input};
use leitmotif::lexicon::load_bundled;
use leitmotif::output::{OutputOptions, OutputSet, RunInfo, TableOptions};
use leitmotif::pipeline::{run_scan, run_scan_documents, NoProgress, Progress, ScanConfig};
use leitmotif::reuse::ReuseOptions;
use leitmotif::ErrorKind;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The documents of the sample corpus, parsed here as a library user would build them (string
/// fields only, in the order of each line).
fn sample_documents() -> Vec<Document> {
    let path = sample_statements();
    let source: Arc<str> = path.display().to_string().into();
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let serde_json::Value::Object(fields) = serde_json::from_str(line).unwrap() else { panic!("an object") };
            let mut document = Document {
                id: String::new(),
                meta: Vec::new(),
                text: String::new(),
                source: Arc::clone(&source),
                line: i as u64 + 1,
                cues: Vec::new(),
                id_missing: false,
            };
            for (key, value) in fields {
                let value = value.as_str().unwrap().to_string();
                match key.as_str() {
                    "id" => document.id = value,
                    "text" => document.text = value,
                    _ => document.meta.push((key, value)),
                }
            }
            document
        })
        .collect()
}

/// The JSONL file of the sample corpus.
fn sample_statements() -> std::path::PathBuf {
    sample_corpus().join("sample-statements.jsonl")
}

/// Every file of the output folder `dir`, by name.
fn files_of(work: &Workdir, dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(work.path(dir))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    names.sort();
    names.into_iter().map(|name| (name.clone(), work.read(&format!("{dir}/{name}")))).collect()
}

#[test]
fn documents_in_memory_give_the_files_of_the_same_corpus_on_disk() {
    let lexicons = load_bundled().unwrap();
    let reuse = ReuseOptions { order_by: Some("date".into()), ..ReuseOptions::default() };
    for (name, by_speaker, reuse) in [("plain", false, None), ("speakers-reuse", true, Some(reuse))] {
        let work = Workdir::new();
        let tables =
            TableOptions { scan: true, reuse: reuse.is_some(), speaker_rows: by_speaker, ..TableOptions::default() };
        let mut config = ScanConfig::new(vec![Input::Path(sample_statements())]);
        config.threads = 2;
        config.reuse = reuse;
        config.transcripts.by_speaker = by_speaker;
        for (dir, in_memory) in [("disk", false), ("memory", true)] {
            let options = OutputOptions { tables: tables.clone(), ..OutputOptions::default() };
            let mut output = OutputSet::create(&work.path(dir), &lexicons, options).unwrap();
            let config = ScanConfig { work_dir: Some(output.scratch_dir()), ..config.clone() };
            let report = if in_memory {
                let documents = Box::new(sample_documents().into_iter());
                run_scan_documents(&config, documents, &lexicons, &mut output, &NoProgress).unwrap()
            } else {
                run_scan(&config, &lexicons, &mut output, &NoProgress).unwrap()
            };
            assert_eq!(report.stats.documents, 42, "{name} {dir}");
            output.commit(&RunInfo::default()).unwrap();
        }
        let (disk, memory) = (files_of(&work, "disk"), files_of(&work, "memory"));
        assert!(disk.len() >= 4, "{name}: {disk:?}");
        for ((file, bytes), (_, in_memory)) in disk.iter().zip(&memory) {
            assert!(bytes == in_memory, "{name}: {file} differs");
        }
        assert_eq!(disk.len(), memory.len());
    }
}

/// Cancels the run once `after` documents are done.
struct CancelAfter {
    after: u64,
    done: AtomicU64,
}

impl Progress for CancelAfter {
    fn advance(&self, documents: u64, _bytes_read: u64) {
        self.done.store(documents, Ordering::SeqCst);
    }
    fn cancelled(&self) -> bool {
        self.done.load(Ordering::SeqCst) >= self.after
    }
}

#[test]
fn a_cancelled_run_stops_early_with_a_cancelled_error() {
    let lexicons = load_bundled().unwrap();
    let work = Workdir::new();
    let mut config = ScanConfig::new(Vec::new());
    config.threads = 1;
    // 100 copies of the sample: about 4,200 documents, a few batches.
    let documents = (0..100).flat_map(|_| sample_documents());
    let total = 100 * 42;
    for after in [0, 1] {
        let mut output = OutputSet::create(&work.path("out"), &lexicons, OutputOptions::default()).unwrap();
        let progress = CancelAfter { after, done: AtomicU64::new(0) };
        let result = run_scan_documents(&config, Box::new(documents.clone()), &lexicons, &mut output, &progress);
        let error = result.expect_err("the run is cancelled");
        assert!(matches!(error.kind(), ErrorKind::Cancelled), "{error}");
        assert_eq!(error.to_string(), "cancelled");
        let done = progress.done.load(Ordering::SeqCst);
        assert!(done < total, "stopped after {done} of {total} documents");
        if after == 0 {
            assert_eq!(done, 0, "nothing is read once cancelled");
        }
    }
}
