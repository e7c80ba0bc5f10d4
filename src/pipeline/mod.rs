//! The scan pipeline: one reader thread cuts the corpus into batches of raw records, a rayon pool
//! parses, scans and scores each batch, and one writer thread feeds the results to the sink in
//! input order (the stages are in `stream.rs`, shared with `lexicon coverage` and `discover`).
//! Channels between the stages are bounded, so memory depends on the batch size and the number of
//! threads, not on the corpus — except with reuse detection, which keeps each document's reuse
//! view (word hashes, offsets, text) until the whole corpus is read.

mod analyse;
mod errors;
mod framing;
mod stream;

pub(crate) use analyse::{document_speaker, turns_of};
pub use analyse::{TranscriptOptions, DEFAULT_SPEAKER_FIELD};
pub(crate) use errors::ErrorRows;
pub use framing::{FramingConfig, ModelUse};
pub(crate) use stream::{find_sources, stream, thread_pool, Sources};

use crate::corpus::{CorpusReader, Document, Input, ReadOptions, Record, RecordBody};
use crate::error::{Error, ErrorKind, RecordError, Result};
use crate::lexicon::LexiconSet;
use crate::model::TrainingRows;
use crate::output::{DocumentResult, Sink};
use crate::reuse::{detect, detect_growing, Growth, ReuseDoc, ReuseOptions, ReuseReport};
use crate::scan::{Matcher, Scratch};
use crate::score::RunStats;
use analyse::process;
use framing::{frame_parked, Parked, PendingFraming, Training};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Parked documents decoded and framed at a time when the model trained on the run is ready.
const REPLAY_BATCH: usize = 256;

/// Errors kept in memory for the report (all of them are written to errors.csv).
const ERRORS_KEPT: usize = 100;

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanConfig {
    /// Files, directories or standard input.
    pub inputs: Vec<Input>,
    /// Where ids and texts are, and the size limit of one record.
    pub read: ReadOptions,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Detect recycled passages too.
    pub reuse: Option<ReuseOptions>,
    /// Speakers, segments and timing.
    pub transcripts: TranscriptOptions,
    /// How segments get their frames: hits, cues and the corpus model.
    pub framing: FramingConfig,
    /// Scan and score the documents; `false` when only reuse is wanted (`leitmotif reuse`).
    pub score: bool,
    /// Build each hit's row (offsets, matched text, context, speaker) for the `hits` table;
    /// `false` when the output leaves that table out, so that a run for the scores alone does not
    /// pay for it (the hits are still counted).
    pub hit_rows: bool,
    /// The run's output folder: never read as input, and an input that is one of its output files
    /// is refused before anything is read.
    pub output_dir: Option<PathBuf>,
    /// Where the run's temporary files go (documents waiting for the corpus model): the output's
    /// [`scratch_dir`](crate::output::OutputSet::scratch_dir), or the system's temporary folder.
    pub work_dir: Option<PathBuf>,
    /// A problem repeated on every line of a file (a JSONL file without the text field) is one
    /// error row for the file (`true`, for tables a person reads), or one per line (`false`, for
    /// `leitmotif score`, whose output has a row for every input record, in place).
    pub merge_repeated_errors: bool,
}

impl ScanConfig {
    /// Scans `inputs` with the default options: ids and texts in `id`/`text`, one worker per
    /// core, no reuse detection, one row per document.
    pub fn new(inputs: Vec<Input>) -> ScanConfig {
        ScanConfig {
            inputs,
            read: ReadOptions::default(),
            threads: 0,
            reuse: None,
            transcripts: TranscriptOptions::default(),
            framing: FramingConfig::default(),
            score: true,
            hit_rows: true,
            output_dir: None,
            work_dir: None,
            merge_repeated_errors: true,
        }
    }
}

/// Receives progress from the pipeline (the binary draws a progress bar with it).
pub trait Progress: Sync {
    /// Called once before reading, with the total bytes on disk when known.
    fn begin(&self, _total_bytes: Option<u64>) {}
    /// Called after each batch with totals so far.
    fn advance(&self, _documents: u64, _bytes_read: u64) {}
    /// Asked before each batch is read: `true` stops the run, which then returns an
    /// [`ErrorKind::Cancelled`] error (a notebook's interrupt). The batches already read are
    /// finished first, so a run stops within about one batch per worker.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Documents held in memory, scanned instead of the files of [`ScanConfig::inputs`] (see
/// [`run_scan_documents`]).
pub type Documents<'d> = Box<dyn Iterator<Item = Document> + Send + 'd>;

/// A [`Progress`] that ignores everything.
pub struct NoProgress;
impl Progress for NoProgress {}

/// The outcome of a scan.
#[derive(Debug, Clone)]
pub struct ScanReport {
    /// Documents, words, hits, errors.
    pub stats: RunStats,
    /// The first error rows (all are in the sink's error table); `stats.errors` counts the
    /// records not read, `error_rows` the rows.
    pub errors: Vec<RecordError>,
    /// Rows of the error table: one per error, but one per file for a problem repeated on its
    /// lines (see [`RecordError::records`]).
    pub error_rows: u64,
    /// Files inside input directories that were not read because their kind is unknown.
    pub skipped: Vec<PathBuf>,
    /// Time taken by the whole scan.
    pub elapsed: Duration,
    /// What reuse detection found, when it ran.
    pub reuse: Option<ReuseSummary>,
    /// The first ids that occur more than once (rows are still written for every document).
    pub duplicate_ids: Vec<String>,
    /// How many documents repeat an earlier id.
    pub duplicates: u64,
    /// What the corpus model did, when one was trained or given.
    pub model: Option<ModelSummary>,
    /// JSONL documents without a value for the id field (`--id-field`): their ids are
    /// `<file>:<line>`.
    pub missing_id_fields: u64,
    /// CSV/TSV documents without a value in the id column (`--id-column`), likewise.
    pub missing_id_columns: u64,
    /// With a speaker filter (`--speaker`): documents in which no turn is the speaker's, so that
    /// they have no hits and no segments (and no row with `--by speaker`).
    pub speaker_absent: u64,
}

/// What the corpus model did in a run.
#[derive(Debug, Clone, Default)]
pub struct ModelSummary {
    /// Trained on this run (not loaded from a file).
    pub trained: bool,
    /// Training segments per frame, then those without a frame (empty for a loaded model).
    pub training_segments: Vec<u64>,
    /// A model could be trained (enough labelled segments) or was given.
    pub available: bool,
    /// Segments the model framed.
    pub framed: u64,
}

/// Counts of the reuse detection, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct ReuseSummary {
    /// Recycled passages found.
    pub passages: usize,
    /// Passages repeated inside one document.
    pub refrains: usize,
    /// Words inside recycled passages.
    pub recycled_words: u64,
    /// Ids of documents whose order value is missing or unparseable.
    pub unordered: Vec<String>,
    /// Documents that have no `--order-by` field at all (among `unordered`).
    pub order_field_absent: u64,
    /// Time taken by the detection.
    pub elapsed: Duration,
    /// With a reuse index (`--index`): what the run added to it.
    pub growth: Option<Growth>,
}

/// What a worker makes of one record.
struct Analysed {
    document: DocumentResult,
    /// Its hits (all of them in `document.hits` unless `hit_rows` is off).
    hits: usize,
    reuse: Option<ReuseDoc>,
    /// For a model trained on the run: what the model needs of the document.
    framing: Option<PendingFraming>,
    /// The record had no id value: the option that names the id (`--id-field`, `--id-column`).
    id_missing: Option<IdOption>,
    /// With `--speaker`: whether a turn of the document is that speaker's.
    speaker_found: bool,
    /// With a reuse index: the document's content hash.
    content_hash: Option<u64>,
    /// The reuse index holds the document (same id and content): it was not scanned, and only
    /// its id and content hash are here.
    archived: bool,
}

impl Analysed {
    /// A document the reuse index holds.
    fn archived(id: String, content_hash: u64, id_missing: Option<IdOption>) -> Analysed {
        Analysed {
            document: DocumentResult { id, meta: Vec::new(), rows: Vec::new(), hits: Vec::new(), segments: Vec::new() },
            hits: 0,
            reuse: None,
            framing: None,
            id_missing,
            speaker_found: true,
            content_hash: Some(content_hash),
            archived: true,
        }
    }
}

/// The option naming the id of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdOption {
    Field,
    Column,
}

type Processed = Result<Analysed, RecordError>;

/// Scans the corpus and writes every result to `sink`.
pub fn run_scan(
    config: &ScanConfig,
    lexicons: &LexiconSet,
    sink: &mut (dyn Sink + Send),
    progress: &dyn Progress,
) -> Result<ScanReport> {
    scan_from(config, None, lexicons, sink, progress)
}

/// Scans `documents`, held in memory (a library user's texts), and writes every result to
/// `sink`; [`ScanConfig::inputs`] and [`ScanConfig::read`] are not used. A document is scanned
/// exactly as if it had been read from a file: the results equal those of a corpus whose records
/// parse into the same documents (id, metadata, text, source and line). Progress counts the bytes
/// of the texts.
pub fn run_scan_documents(
    config: &ScanConfig,
    documents: Documents<'_>,
    lexicons: &LexiconSet,
    sink: &mut (dyn Sink + Send),
    progress: &dyn Progress,
) -> Result<ScanReport> {
    scan_from(config, Some(documents), lexicons, sink, progress)
}

/// [`run_scan`] over the files of `config`, or over `documents` when given.
fn scan_from(
    config: &ScanConfig,
    documents: Option<Documents<'_>>,
    lexicons: &LexiconSet,
    sink: &mut (dyn Sink + Send),
    progress: &dyn Progress,
) -> Result<ScanReport> {
    let started = Instant::now();
    let Sources { files, skipped, errors: discovery_errors } = match documents {
        Some(_) => Sources { files: Vec::new(), skipped: Vec::new(), errors: Vec::new() },
        None => find_sources(config)?,
    };
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (records, total_bytes): (Box<dyn Iterator<Item = Record> + Send + '_>, _) = match documents {
        Some(documents) => {
            let bytes_read = Arc::clone(&bytes_read);
            let records = documents.map(move |document| {
                bytes_read.fetch_add(document.text.len() as u64, Ordering::Relaxed);
                Record {
                    source: Arc::clone(&document.source),
                    line: document.line,
                    body: RecordBody::Document(Box::new(document)),
                }
            });
            (Box::new(records), None)
        }
        None => {
            let total = files.iter().map(|f| f.size).sum();
            (Box::new(CorpusReader::new(files, config.read.clone(), Arc::clone(&bytes_read))), total)
        }
    };
    let matcher = Matcher::new(lexicons)?;
    let pool = thread_pool(config.threads)?;
    for error in &discovery_errors {
        sink.error(error)?;
    }
    let mut written = Written::default();
    if let ModelUse::Train { .. } = &config.framing.model {
        if config.score {
            written.training = Some(Training {
                counts: crate::model::TrainingCounts::new(lexicons.frames.len()),
                parked: Parked::new(config.work_dir.as_deref())?,
            });
        }
    }
    stream::stream_records(
        records,
        total_bytes,
        &bytes_read,
        &pool,
        progress,
        Scratch::default,
        |_, record, scratch| process(record, config, &matcher, lexicons, scratch),
        |result: Processed| written.add(result, config, &mut *sink),
    )?;
    stop_if_cancelled(progress)?;
    let mut written = written;
    written.finish_errors(&mut *sink)?;
    let Written { mut stats, errors, error_rows, reuse_docs, ids, training, model_framed, facts, growing, .. } =
        written;
    let model = match (training, &config.framing.model) {
        (Some(training), ModelUse::Train { options, save }) => {
            Some(finish_training(&pool, training, lexicons, options, save.as_deref(), &mut *sink)?)
        }
        (_, ModelUse::Given(_)) => {
            Some(ModelSummary { available: true, framed: model_framed, ..ModelSummary::default() })
        }
        _ => None,
    };
    stats.errors += discovery_errors.len() as u64;
    let error_rows = error_rows + discovery_errors.len() as u64;
    let errors = discovery_errors.into_iter().chain(errors).take(ERRORS_KEPT).collect();
    stop_if_cancelled(progress)?;
    let reuse = match &config.reuse {
        Some(options) => {
            let reuse_started = Instant::now();
            let (report, growth) = match &options.index {
                Some(index) => {
                    let (report, growth) = pool.install(|| place_new(index, reuse_docs, growing, options))?;
                    (report, Some(growth))
                }
                None => (pool.install(|| detect(reuse_docs, options)), None),
            };
            // The tables are written on the pool too (large ones in parallel parts).
            pool.install(|| sink.finish(Some(&report)))?;
            Some(ReuseSummary {
                order_field_absent: facts.order_field_absent,
                growth,
                ..summarise(&report, reuse_started.elapsed())
            })
        }
        None => {
            pool.install(|| sink.finish(None))?;
            None
        }
    };
    Ok(ScanReport {
        stats,
        errors,
        skipped,
        elapsed: started.elapsed(),
        reuse,
        duplicate_ids: ids.found,
        duplicates: ids.count,
        model,
        error_rows,
        missing_id_fields: facts.missing_id_fields,
        missing_id_columns: facts.missing_id_columns,
        speaker_absent: facts.speaker_absent,
    })
}

/// The error that ends a run its caller cancelled.
fn stop_if_cancelled(progress: &dyn Progress) -> Result<()> {
    if progress.cancelled() {
        return Err(Error::new(ErrorKind::Cancelled));
    }
    Ok(())
}

/// Trains the model on the counts of the run (and saves it), then frames the parked documents and
/// hands them to the sink in input order.
fn finish_training(
    pool: &rayon::ThreadPool,
    training: Training,
    lexicons: &LexiconSet,
    options: &crate::model::ModelOptions,
    save: Option<&std::path::Path>,
    sink: &mut (dyn Sink + Send),
) -> Result<ModelSummary> {
    let Training { counts, parked } = training;
    let training_segments = counts.segments().to_vec();
    let frame_ids: Vec<String> = lexicons.frames.iter().map(|f| f.id.clone()).collect();
    let model = crate::model::Model::train(counts, frame_ids, *options);
    if let Some(path) = save {
        match &model {
            Some(model) => model.save(path)?,
            None => {
                return Err(Error::usage(format!(
                    "too few segments with a frame from hits to train a model ({} of the {} needed); {} not written",
                    training_segments[..training_segments.len() - 1].iter().sum::<u64>(),
                    crate::model::MIN_LABELLED_SEGMENTS,
                    path.display()
                )))
            }
        }
    }
    // Documents are decoded and framed on the pool, a batch at a time, and handed to the sink in
    // order; the sink takes one batch while the pool decodes the next.
    let mut framed = 0;
    let mut ready: Vec<Result<(DocumentResult, usize)>> = Vec::new();
    let mut hand_over = |documents: Vec<Result<(DocumentResult, usize)>>| -> Result<()> {
        for document in documents {
            let (document, count) = document?;
            framed += count as u64;
            sink.document(&document)?;
        }
        Ok(())
    };
    let decode = |batch: Vec<framing::ParkedDocument>| -> Vec<Result<(DocumentResult, usize)>> {
        batch
            .into_par_iter()
            .map(|parked| {
                let mut document = parked.decode()?;
                let count = frame_parked(&mut document, &parked.unframed, model.as_ref(), lexicons.frames.len());
                Ok((document, count))
            })
            .collect()
    };
    parked.replay(REPLAY_BATCH, |batch| {
        let previous = std::mem::take(&mut ready);
        let (decoded, handed) = pool.install(|| rayon::join(|| decode(batch), || hand_over(previous)));
        ready = decoded;
        handed
    })?;
    hand_over(ready)?;
    Ok(ModelSummary { trained: true, training_segments, available: model.is_some(), framed })
}

/// Scans the corpus and returns every table in memory (typed rows, as the files would hold them)
/// with the run's report. The spools live in a temporary folder that is removed afterwards.
/// Memory grows with the tables: for large corpora write files with
/// [`OutputSet`](crate::output::OutputSet).
pub fn scan_to_tables(
    config: &ScanConfig,
    lexicons: &LexiconSet,
    tables: crate::output::TableOptions,
) -> Result<(ScanReport, crate::output::formats::MemoryTables)> {
    let mut memory = crate::output::formats::MemoryTables::default();
    let report = scan_to_table_sinks(config, None, lexicons, tables, vec![Box::new(&mut memory)], &NoProgress)?;
    Ok((report, memory))
}

/// Places the new documents of a growing archive against the reuse index and stages the updated
/// index (committed by the caller once the run's output is in place).
fn place_new(
    index: &crate::reuse::ReuseIndex,
    docs: Vec<ReuseDoc>,
    growing: Growing,
    options: &ReuseOptions,
) -> Result<(ReuseReport, Growth)> {
    let archive =
        index.take_archive().ok_or_else(|| Error::usage("a reuse index can be added to only once per run"))?;
    let words = archive.words() + docs.iter().map(|d| d.words.len() as u64).sum::<u64>();
    if words > crate::reuse::MAX_CORPUS_WORDS {
        return Err(Error::usage(format!(
            "the reuse index {} and the new documents hold {words} words, more than the {} reuse detection holds \
             in one run; keep an index per period or per source",
            index.dir().display(),
            crate::reuse::MAX_CORPUS_WORDS
        )));
    }
    if docs.is_empty() {
        // Nothing new: the index stays as it is, and nothing needs placing.
        let growth = Growth {
            skipped: growing.skipped,
            archived: archive.docs.len(),
            words: archive.words(),
            created: index.created(),
            ..Growth::default()
        };
        if index.created() {
            index.stage(&archive)?;
        }
        return Ok((ReuseReport::default(), growth));
    }
    let (report, updated, mut growth) = detect_growing(archive, &growing.matched, docs, growing.hashes, options);
    index.stage(&updated)?;
    growth.skipped = growing.skipped;
    growth.created = index.created();
    Ok((report, growth))
}

/// Scans the files of `config`, or `documents` when given, and hands every complete table to
/// `sinks` (Arrow batches for a data frame library, in-memory rows…) with the run's report. The
/// spools live in a temporary folder that is removed afterwards.
pub fn scan_to_table_sinks<'s>(
    config: &ScanConfig,
    documents: Option<Documents<'_>>,
    lexicons: &LexiconSet,
    tables: crate::output::TableOptions,
    sinks: Vec<Box<dyn crate::output::TableSink + Send + 's>>,
    progress: &dyn Progress,
) -> Result<ScanReport> {
    use crate::output::{Assembler, RunInfo};
    let spools = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let mut assembler = Assembler::new(spools.path(), lexicons, tables, sinks)?;
    let config = ScanConfig { work_dir: Some(spools.path().to_path_buf()), ..config.clone() };
    let report = scan_from(&config, documents, lexicons, &mut assembler, progress)?;
    assembler.complete(&RunInfo::default())?;
    Ok(report)
}

fn summarise(report: &ReuseReport, elapsed: Duration) -> ReuseSummary {
    // With a reuse index the report also holds archived sources: only this run's documents
    // (the first `per_document.len()`) are named.
    let own = report.per_document.len();
    ReuseSummary {
        passages: report.passages.len(),
        refrains: report.refrains.len(),
        recycled_words: report.per_document.iter().map(|d| d.recycled_words as u64).sum(),
        unordered: report.unordered.iter().filter(|&&d| d < own).map(|&d| report.docs[d].id.clone()).collect(),
        order_field_absent: 0,
        elapsed,
        growth: None,
    }
}

/// What the consumer thread gathers while the results are fed to the sink in order.
#[derive(Default)]
struct Written {
    stats: RunStats,
    errors: Vec<RecordError>,
    /// Repeating errors of the file being read, merged into one row.
    merging: ErrorRows,
    error_rows: u64,
    facts: Facts,
    reuse_docs: Vec<ReuseDoc>,
    /// Words of `reuse_docs`.
    reuse_words: u64,
    ids: DuplicateIds,
    /// The model trained on the run: its counts and the documents parked until it is ready.
    training: Option<Training>,
    /// Segments framed by a given model (`--model FILE`).
    model_framed: u64,
    /// With a reuse index: what the run knows of the archive.
    growing: Growing,
}

/// What a run with a reuse index gathers while reading.
#[derive(Default)]
struct Growing {
    /// Documents the index holds (not scanned).
    skipped: u64,
    /// Archived documents seen unchanged in this run (archive ordinals).
    matched: Vec<bool>,
    /// The content hash of each of `reuse_docs`.
    hashes: Vec<u64>,
}

/// What the documents say about the options, for the warnings of the binary.
#[derive(Default)]
struct Facts {
    missing_id_fields: u64,
    missing_id_columns: u64,
    speaker_absent: u64,
    order_field_absent: u64,
}

impl Written {
    /// Feeds one result to the sink; keeps the reuse view of each document.
    fn add(&mut self, result: Processed, config: &ScanConfig, sink: &mut (dyn Sink + Send)) -> Result<()> {
        match result {
            Ok(Analysed { archived: true, document, content_hash, .. }) => {
                // Held by the reuse index: not scanned, not written; marks the archived version as
                // still in the corpus.
                let index = config.reuse.as_ref().and_then(|r| r.index.as_ref());
                if let (Some(index), Some(hash)) = (index, content_hash) {
                    let matched = &mut self.growing.matched;
                    matched.resize(index.archived(), false);
                    for &k in index.holds(&document.id, hash).unwrap_or(&[]) {
                        matched[k as usize] = true;
                    }
                }
                self.growing.skipped += 1;
            }
            Ok(Analysed { mut document, hits, reuse, framing, id_missing, speaker_found, content_hash, .. }) => {
                self.ids.see(&document.id);
                match id_missing {
                    Some(IdOption::Field) => self.facts.missing_id_fields += 1,
                    Some(IdOption::Column) => self.facts.missing_id_columns += 1,
                    None => {}
                }
                if config.transcripts.only_speaker.is_some() && config.score && !speaker_found {
                    self.facts.speaker_absent += 1;
                }
                if let Some(field) = config.reuse.as_ref().and_then(|r| r.order_by.as_ref()) {
                    if !document.meta.iter().any(|(key, _)| key == field) {
                        self.facts.order_field_absent += 1;
                    }
                }
                self.stats += RunStats {
                    documents: 1,
                    words: document.rows.iter().map(|r| r.figures.words as u64).sum(),
                    hits: hits as u64,
                    ..RunStats::default()
                };
                match (&mut self.training, framing) {
                    (Some(training), Some(pending)) => {
                        let rows = training.counts.add_document(&pending.counts);
                        let unframed: Vec<(usize, TrainingRows)> = pending
                            .unframed
                            .iter()
                            .map(|(row, local)| {
                                (*row, local.iter().map(|&(index, count)| (rows[index as usize], count)).collect())
                            })
                            .collect();
                        if sink.hits_first(&document)? {
                            document.hits = Vec::new();
                        }
                        training.parked.push(&document, &unframed)?;
                    }
                    _ => {
                        self.model_framed += document
                            .segments
                            .iter()
                            .filter(|s| s.frames.first().is_some_and(|f| f.source == crate::score::FrameSource::Model))
                            .count() as u64;
                        sink.document(&document)?
                    }
                }
                if let Some(reuse) = reuse {
                    self.reuse_words += reuse.words.len() as u64;
                    if self.reuse_words > crate::reuse::MAX_CORPUS_WORDS {
                        return Err(too_many_words_for_reuse(&reuse.id));
                    }
                    self.reuse_docs.push(reuse);
                    self.growing.hashes.extend(content_hash);
                }
            }
            Err(error) => {
                self.stats.errors += error.records;
                let (kept, rows) = (&mut self.errors, &mut self.error_rows);
                if config.merge_repeated_errors {
                    self.merging.push(error, &mut |row| keep_error(row, kept, rows, &mut *sink))?;
                } else {
                    keep_error(error, kept, rows, &mut *sink)?;
                }
            }
        }
        Ok(())
    }

    /// Writes the merged error row of the last file.
    fn finish_errors(&mut self, sink: &mut (dyn Sink + Send)) -> Result<()> {
        let (kept, rows) = (&mut self.errors, &mut self.error_rows);
        self.merging.finish(&mut |row| keep_error(row, kept, rows, &mut *sink))
    }
}

/// The error that stops a run whose corpus is too large for reuse detection (at document `id`).
fn too_many_words_for_reuse(id: &str) -> Error {
    Error::usage(format!(
        "reuse detection holds at most {} words in one run, and the corpus goes past that at document {id}; \
         run --reuse on parts of the corpus (by period or by source)",
        crate::reuse::MAX_CORPUS_WORDS
    ))
}

/// One error row: to the sink, and among the first kept for the report.
fn keep_error(
    error: RecordError,
    kept: &mut Vec<RecordError>,
    rows: &mut u64,
    sink: &mut (dyn Sink + Send),
) -> Result<()> {
    sink.error(&error)?;
    *rows += 1;
    if kept.len() < ERRORS_KEPT {
        kept.push(error);
    }
    Ok(())
}

/// Ids seen more than once (by 64-bit hash, so memory stays small); the first few are kept.
#[derive(Default)]
struct DuplicateIds {
    seen: std::collections::HashSet<u64>,
    found: Vec<String>,
    count: u64,
}

impl DuplicateIds {
    fn see(&mut self, id: &str) {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut hasher);
        if !self.seen.insert(hasher.finish()) {
            self.count += 1;
            if self.found.len() < 10 && !self.found.iter().any(|f| f == id) {
                self.found.push(id.to_string());
            }
        }
    }
}
