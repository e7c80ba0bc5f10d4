//! The streaming machinery every command shares: find the input files, then one reader thread cuts
//! them into batches of raw records, a rayon pool turns each record into a result (`work`, on the
//! worker threads), and one consumer thread receives the results in input order (`deliver`).
//! Several batches are in flight at once (finished ones wait for the consumer in a reorder buffer),
//! so no worker idles at the end of a batch. Channels and batches in flight are bounded, so memory
//! depends on the batch size and the number of threads, not on the corpus. `run_scan` streams scan
//! results into a sink; `lexicon coverage` and `discover` stream their own per-document results
//! through the same stages, once per pass.

use super::{Progress, ScanConfig};
use crate::corpus::{discover, CorpusReader, DiscoverOptions, Discovered, Record, SourceFile};
use crate::error::{Error, RecordError, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel};
use std::sync::Arc;

/// A batch is cut when it holds this many bytes of text or this many records.
const BATCH_BYTES: usize = 512 << 10;
const BATCH_RECORDS: usize = 1024;
/// Batches of records waiting for the workers.
const QUEUE_DEPTH: usize = 4;
/// Batches in flight beyond one per worker (being worked on, or done and waiting for the consumer
/// to deliver them in order). Results can be many times the size of their text (a hit row carries
/// its context), so few are kept. Several batches in flight keep every worker busy: a worker that
/// finishes its part of one batch takes up the next instead of waiting for the slowest document.
const EXTRA_BATCHES_IN_FLIGHT: usize = 2;

/// The files a run reads, found once and read by every pass.
#[derive(Debug)]
pub(crate) struct Sources {
    pub files: Vec<SourceFile>,
    /// Files of an unknown kind inside input directories (reported, not read).
    pub skipped: Vec<PathBuf>,
    /// Folder entries that could not be looked at.
    pub errors: Vec<RecordError>,
}

/// Finds the input files of `config`, never walking into the output folder, and refuses an input
/// that is one of the run's output files.
pub(crate) fn find_sources(config: &ScanConfig) -> Result<Sources> {
    let options = DiscoverOptions {
        exclude: config.output_dir.iter().cloned().collect(),
        exclude_marked: vec![crate::output::MANIFEST.to_string()],
    };
    let Discovered { files, skipped, errors } = discover(&config.inputs, &options)?;
    if files.is_empty() && errors.is_empty() {
        return Err(Error::usage(
            "no input files found (expected .txt, .md, .jsonl, .ndjson, .csv, .tsv, .srt or .vtt, optionally .gz or .zst)",
        ));
    }
    if let Some(dir) = &config.output_dir {
        refuse_outputs_as_inputs(&files, dir)?;
    }
    Ok(Sources { files, skipped, errors })
}

/// A pool of `threads` workers (0: one per core).
pub(crate) fn thread_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::usage(format!("cannot start {threads} threads: {e}")))
}

/// Reads `files` once — only the first `limit` records when given: `work(ordinal, record, scratch)`
/// runs on the pool for every record (its 0-based position in the input, counting records that
/// fail), `deliver` receives the results in input order on a thread of its own. A `deliver` error
/// stops the stream and is returned.
#[allow(clippy::too_many_arguments)]
pub(crate) fn stream<S, R>(
    files: &[SourceFile],
    limit: Option<usize>,
    config: &ScanConfig,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    init: impl Fn() -> S + Sync + Send,
    work: impl Fn(usize, Record, &mut S) -> R + Sync + Send,
    deliver: impl FnMut(R) -> Result<()> + Send,
) -> Result<()>
where
    R: Send,
{
    let bytes_read = Arc::new(AtomicU64::new(0));
    let reader = CorpusReader::new(files.to_vec(), config.read.clone(), Arc::clone(&bytes_read));
    let records = reader.take(limit.unwrap_or(usize::MAX));
    stream_records(records, files.iter().map(|f| f.size).sum(), &bytes_read, pool, progress, init, work, deliver)
}

/// [`stream`] over records from anywhere (the files of a run, or documents held in memory):
/// `total_bytes` is what [`Progress::begin`] is told, `bytes_read` what [`Progress::advance`]
/// reports. Once [`Progress::cancelled`] says so, no further batch is read; the batches already
/// read are delivered and the function returns normally (its caller asks `cancelled` again).
#[allow(clippy::too_many_arguments)]
pub(crate) fn stream_records<S, R>(
    records: impl Iterator<Item = Record> + Send,
    total_bytes: Option<u64>,
    bytes_read: &AtomicU64,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    init: impl Fn() -> S + Sync + Send,
    work: impl Fn(usize, Record, &mut S) -> R + Sync + Send,
    deliver: impl FnMut(R) -> Result<()> + Send,
) -> Result<()>
where
    R: Send,
{
    progress.begin(total_bytes);
    let in_flight = pool.current_num_threads() + EXTRA_BATCHES_IN_FLIGHT;
    std::thread::scope(|scope| {
        let (batch_tx, batch_rx) = sync_channel::<Vec<Record>>(QUEUE_DEPTH);
        scope.spawn(move || {
            for batch in batches(records) {
                if progress.cancelled() || batch_tx.send(batch).is_err() {
                    break;
                }
            }
        });
        // A permit per batch in flight: taken before a batch goes to the pool, given back once
        // the consumer has delivered it.
        let (permit_tx, permit_rx) = sync_channel::<()>(in_flight);
        for _ in 0..in_flight {
            permit_tx.send(()).expect("the permit queue has room for every permit");
        }
        let (result_tx, result_rx) = channel::<(usize, Vec<R>)>();
        let consumer = scope.spawn(move || {
            let mut deliver = deliver;
            let mut waiting: BTreeMap<usize, Vec<R>> = BTreeMap::new();
            let (mut next, mut documents) = (0, 0);
            for (index, results) in result_rx {
                waiting.insert(index, results);
                while let Some(results) = waiting.remove(&next) {
                    documents += results.len();
                    for result in results {
                        deliver(result)?;
                    }
                    next += 1;
                    progress.advance(documents as u64, bytes_read.load(Ordering::Relaxed));
                    // The receiver is gone only once every batch has been handed out.
                    let _ = permit_tx.send(());
                }
            }
            Ok(())
        });
        let (init, work) = (&init, &work);
        pool.in_place_scope(|tasks| {
            let mut documents = 0;
            for (index, batch) in batch_rx.into_iter().enumerate() {
                if permit_rx.recv().is_err() {
                    break; // the consumer stopped on an error
                }
                let base = documents;
                documents += batch.len();
                let result_tx = result_tx.clone();
                tasks.spawn(move |_| {
                    let results: Vec<R> = batch
                        .into_par_iter()
                        .enumerate()
                        .map_init(init, |scratch, (i, record)| work(base + i, record, scratch))
                        .collect();
                    // The consumer is gone only after an error, which it reports.
                    let _ = result_tx.send((index, results));
                });
            }
        });
        drop(result_tx);
        consumer.join().expect("the consumer thread does not panic")
    })
}

/// Refuses an input that is one of the output files of the run (it would be replaced).
fn refuse_outputs_as_inputs(files: &[SourceFile], dir: &std::path::Path) -> Result<()> {
    let Ok(dir) = dir.canonicalize() else { return Ok(()) };
    let outputs = crate::output::output_names();
    for file in files {
        let Some(real) = file.path.as_ref().and_then(|p| p.canonicalize().ok()) else { continue };
        let is_output = real.parent() == Some(dir.as_path())
            && real.file_name().is_some_and(|name| outputs.iter().any(|o| name == o.as_str()));
        if is_output {
            return Err(Error::usage(format!(
                "{}: this input is an output of the run (--out {}) and would be replaced; \
                 choose another --out or move the file",
                file.name,
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Groups records into batches of about [`BATCH_BYTES`].
fn batches(mut reader: impl Iterator<Item = Record>) -> impl Iterator<Item = Vec<Record>> {
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while bytes < BATCH_BYTES && batch.len() < BATCH_RECORDS {
            let Some(record) = reader.next() else { break };
            bytes += record.size();
            batch.push(record);
        }
        (!batch.is_empty()).then_some(batch)
    })
}
