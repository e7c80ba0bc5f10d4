//! How timeline segments get their frames in a run: hits and cues in each worker, then the corpus
//! model (`crate::model`) for the segments left without a frame.
//!
//! With a saved model (`--model FILE`) each worker frames its documents as they stream. With a
//! model trained on the run's own corpus, the documents cannot be finished until the whole corpus
//! has been read: the consumer adds each document's segments to the training counts and parks the
//! document, with the features of its unframed segments as rows of those counts, in a spool file
//! of the output's staging folder; once the model is trained, the parked documents are framed
//! (without hashing a word again) and handed to the sink in input order. Either way a document's
//! `<frame>_seconds`, `_airtime` and `opening_frame` are recomputed from its final segments
//! ([`reframe`]).

use crate::error::{Error, Result};
use crate::model::{
    segment_features, token_features, DocumentCounts, Features, Model, ModelOptions, TrainingCounts, TrainingRows,
};
use crate::output::DocumentResult;
use crate::score::{frame_seconds, FrameSource, FramingOptions, Segment, SegmentFrame};
use crate::text::Token;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How segments are framed in a run.
#[derive(Debug, Clone, Default)]
pub struct FramingConfig {
    /// Hits and cues.
    pub options: FramingOptions,
    /// The corpus model.
    pub model: ModelUse,
}

/// Whether and which corpus model frames the segments without hits or cues.
#[derive(Debug, Clone)]
pub enum ModelUse {
    /// No model: such segments stay unframed.
    Off,
    /// A model trained on this run's corpus, saved to `save` if given.
    Train {
        /// Threshold and training settings.
        options: ModelOptions,
        /// Where to save the model.
        save: Option<PathBuf>,
    },
    /// A saved model.
    Given(Arc<Model>),
}

impl Default for ModelUse {
    fn default() -> Self {
        ModelUse::Train { options: ModelOptions::default(), save: None }
    }
}

/// What a worker hands on for the model trained on the run: the document's training segments
/// added up, and for each unframed segment (by index into the document's segment rows), which is a
/// training segment of the none class too, its features as (index into the added-up unframed
/// features, count).
#[derive(Debug, Default)]
pub(super) struct PendingFraming {
    pub counts: DocumentCounts,
    pub unframed: Vec<(usize, Vec<(u32, u32)>)>,
}

/// The training class of a segment: its main frame when hits give it at least half the segment,
/// none when nothing frames it; cue-framed and mixed segments teach nothing.
fn training_class(segment: &Segment) -> Option<Option<usize>> {
    match segment.frames.first() {
        None => Some(None),
        Some(main) if main.source == FrameSource::Hits && main.share >= 0.5 => Some(Some(main.frame)),
        Some(_) => None,
    }
}

/// Frames the segments of a document with a given model, or collects what training on the run
/// needs; `row_of[i]` is the row segment `i` becomes in the segments table, if its speaker is
/// reported.
pub(super) fn model_pass(
    use_model: &ModelUse,
    text: &str,
    tokens: &[Token],
    segments: &mut [Segment],
    row_of: &[Option<usize>],
) -> Option<PendingFraming> {
    let mut per_token = Vec::new();
    let mut words = || token_features(text, tokens, &mut String::new(), &mut per_token);
    match use_model {
        ModelUse::Off => None,
        ModelUse::Given(model) => {
            words();
            for i in 0..segments.len() {
                if !segments[i].frames.is_empty() {
                    continue;
                }
                let features = segment_features(&per_token, context_range(segments, i));
                segments[i].frames.extend(model.predict(&features).map(model_frame));
            }
            None
        }
        ModelUse::Train { .. } => {
            words();
            let (mut training, mut unframed) = (Vec::new(), Vec::new());
            for (i, segment) in segments.iter().enumerate() {
                let Some(class) = training_class(segment) else { continue };
                let features = segment_features(&per_token, context_range(segments, i));
                match (class, row_of[i]) {
                    (None, Some(row)) => unframed.push((row, features)),
                    _ => training.push((features, class)),
                }
            }
            let features: Vec<&Features> = unframed.iter().map(|(_, features)| features).collect();
            let (counts, local) = DocumentCounts::new(&training, &features);
            let unframed = unframed.iter().map(|(row, _)| *row).zip(local).collect();
            Some(PendingFraming { counts, unframed })
        }
    }
}

fn model_frame(prediction: crate::model::Prediction) -> SegmentFrame {
    SegmentFrame { frame: prediction.frame, share: 1.0, source: FrameSource::Model, confidence: prediction.probability }
}

/// Recomputes the time figures of every row of `result` from its segments: `<frame>_seconds`,
/// `_airtime` and `opening_frame` (a per-speaker row from that speaker's segments).
pub(super) fn reframe(result: &mut DocumentResult, frame_count: usize) {
    for row in &mut result.rows {
        let mine = result.segments.iter().filter(|s| row.speaker.as_ref().is_none_or(|name| *name == s.speaker));
        let (seconds, total, opening) =
            frame_seconds(mine.map(|s| (s.end_s - s.start_s, s.frames.as_slice())), frame_count);
        for (figures, seconds) in row.figures.frames.iter_mut().zip(seconds) {
            figures.seconds = seconds;
            figures.airtime = if total > 0.0 { seconds / total } else { 0.0 };
        }
        row.figures.opening_frame = opening;
    }
}

/// Documents parked until the model trained on the run is ready.
pub(super) struct Parked {
    file: BufWriter<File>,
    /// The file's name in messages.
    place: PathBuf,
    documents: u64,
}

/// The name of the parked documents' file in a work folder.
const PARKED_FILE: &str = "parked-documents.spool";

impl Parked {
    /// A spool file in `dir` (the run's work folder, which is removed with the run), or an
    /// anonymous one in the system's temporary folder.
    pub fn new(dir: Option<&Path>) -> Result<Parked> {
        let (file, place) = match dir {
            Some(dir) => {
                let place = dir.join(PARKED_FILE);
                (File::options().read(true).write(true).create_new(true).open(&place), place)
            }
            None => {
                let dir = std::env::temp_dir();
                (tempfile::tempfile_in(&dir), dir.join("(leitmotif's parked documents)"))
            }
        };
        let file = file.map_err(|e| Error::io(&place, e))?;
        Ok(Parked { file: BufWriter::with_capacity(256 * 1024, file), place, documents: 0 })
    }

    /// Parks a document with the features of its unframed segments (as rows of the training
    /// counts). A record is the document (postcard, after its length), then the number of
    /// unframed segments and, for each, its segment row, its number of features and the
    /// (training row, count) pairs — little-endian `u32`s, read back without decoding varints.
    pub fn push(&mut self, document: &DocumentResult, unframed: &[(usize, TrainingRows)]) -> Result<()> {
        let record = postcard::to_stdvec(document).expect("a document serialises");
        let mut numbers = Vec::with_capacity(4 + unframed.iter().map(|(_, rows)| 8 + 8 * rows.len()).sum::<usize>());
        let mut number = |n: u32| numbers.extend_from_slice(&n.to_le_bytes());
        number(unframed.len() as u32);
        for (segment, rows) in unframed {
            number(*segment as u32);
            number(rows.len() as u32);
            for &(row, count) in rows {
                number(row);
                number(count);
            }
        }
        let written = (|| {
            self.file.write_all(&(record.len() as u64).to_le_bytes())?;
            self.file.write_all(&record)?;
            self.file.write_all(&numbers)
        })();
        written.map_err(|e| self.error(e))?;
        self.documents += 1;
        Ok(())
    }

    fn error(&self, e: std::io::Error) -> Error {
        Error::io(&self.place, e)
    }

    /// Hands every parked document back, in the order parked, `batch` at a time: each as its
    /// encoded record ([`ParkedDocument::decode`], which can run on any thread) with the features
    /// of its unframed segments.
    pub fn replay(self, batch: usize, mut each: impl FnMut(Vec<ParkedDocument>) -> Result<()>) -> Result<()> {
        let place = self.place.clone();
        let shared_place: Arc<Path> = Arc::from(place.as_path());
        let error = |e: std::io::Error| Error::io(&place, e);
        let mut file = self.file.into_inner().map_err(|e| error(e.into_error()))?;
        file.rewind().map_err(error)?;
        let mut input = BufReader::with_capacity(256 * 1024, file);
        let mut record = Vec::new();
        let mut documents = Vec::with_capacity(batch);
        let number = |input: &mut BufReader<File>| -> std::io::Result<u32> {
            let mut bytes = [0u8; 4];
            input.read_exact(&mut bytes)?;
            Ok(u32::from_le_bytes(bytes))
        };
        for _ in 0..self.documents {
            let mut length = [0u8; 8];
            input.read_exact(&mut length).map_err(error)?;
            let mut encoded = vec![0; u64::from_le_bytes(length) as usize];
            input.read_exact(&mut encoded).map_err(error)?;
            let segments = number(&mut input).map_err(error)?;
            let mut unframed = Vec::with_capacity(segments as usize);
            for _ in 0..segments {
                let segment = number(&mut input).map_err(error)? as usize;
                let features = number(&mut input).map_err(error)? as usize;
                record.resize(8 * features, 0);
                input.read_exact(&mut record).map_err(error)?;
                let pair = |bytes: &[u8]| {
                    let number = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
                    (number(0), number(4))
                };
                unframed.push((segment, record.chunks_exact(8).map(pair).collect()));
            }
            documents.push(ParkedDocument { encoded, unframed, place: Arc::clone(&shared_place) });
            if documents.len() == batch {
                each(std::mem::take(&mut documents))?;
            }
        }
        if !documents.is_empty() {
            each(documents)?;
        }
        Ok(())
    }
}

/// A parked document read back: the document still encoded, and the features of its unframed
/// segments (by segment row) as rows of the training counts.
pub(super) struct ParkedDocument {
    encoded: Vec<u8>,
    pub unframed: Vec<(usize, TrainingRows)>,
    /// The parked file, for messages.
    place: Arc<Path>,
}

impl ParkedDocument {
    /// The document.
    pub fn decode(&self) -> Result<DocumentResult> {
        postcard::from_bytes(&self.encoded).map_err(|e| Error::io(&*self.place, std::io::Error::other(e)))
    }
}

/// The model trained on a run: the counts gathered so far, then the model.
pub(super) struct Training {
    pub counts: TrainingCounts,
    pub parked: Parked,
}

/// Frames the unframed segments of a parked document with the model (if one could be trained) and
/// recomputes its time figures; returns how many segments the model framed.
pub(super) fn frame_parked(
    document: &mut DocumentResult,
    unframed: &[(usize, TrainingRows)],
    model: Option<&Model>,
    frame_count: usize,
) -> usize {
    let mut framed = 0;
    if let Some(model) = model {
        for (row, features) in unframed {
            if let Some(prediction) = model.predict_training_rows(features) {
                document.segments[*row].frames = vec![model_frame(prediction)];
                framed += 1;
            }
        }
    }
    if framed > 0 {
        reframe(document, frame_count);
    }
    framed
}

/// Segments shorter than this many words borrow the words of their neighbours.
const SHORT_SEGMENT_WORDS: usize = 40;

/// The tokens whose words describe segment `i` to the model: a short segment with the segments just
/// before and after it when they continue the same speaker's turn. A sentence-long segment (text
/// flattened into one line falls back to sentences) says too little alone, and the topic of a
/// paragraph runs across its sentences; a paragraph-long one speaks for itself.
fn context_range(segments: &[Segment], i: usize) -> std::ops::Range<usize> {
    let mut range = segments[i].tokens.clone();
    if range.len() >= SHORT_SEGMENT_WORDS {
        return range;
    }
    let continues = |a: &Segment, b: &Segment| a.speaker == b.speaker && a.tokens.end == b.tokens.start;
    if i > 0 && continues(&segments[i - 1], &segments[i]) {
        range.start = segments[i - 1].tokens.start;
    }
    if i + 1 < segments.len() && continues(&segments[i], &segments[i + 1]) {
        range.end = segments[i + 1].tokens.end;
    }
    range
}
