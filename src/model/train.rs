//! Training counts, the model they give, and prediction.
//!
//! Classes are the frames of the lexicon set plus a last class, *none*. For a feature `w` and a
//! class `c` (words counted over the training segments of the class, features seen fewer than
//! `min_count` times in all dropped):
//!
//! - `log P(w|c) = ln((n(w,c) + α) / (N(c) + α·V))`, `α` the smoothing, `V` the vocabulary;
//! - `log P(c) = ln(segments(c) / segments)`; a frame with fewer than [`MIN_FRAME_SEGMENTS`]
//!   training segments is never predicted.
//!
//! A segment with `n` known feature occurrences (at least [`MIN_KNOWN_FEATURES`]) scores
//! `log P(c) + min(1, E/n) · Σ n(w) log P(w|c)` per class, `E` the effective words: naive Bayes
//! over-counts evidence from words that are not independent, so a long segment is weighed as if it
//! had `E` words, which keeps the probabilities from saturating at 0 or 1. The probabilities are the
//! softmax of the scores; the segment gets the most probable class when it is a frame whose
//! probability reaches the threshold.

use super::features::Features;
use std::collections::HashMap;

/// Labelled segments (all frames together) needed to train a model.
pub const MIN_LABELLED_SEGMENTS: u64 = 30;

/// Training segments a frame needs to be predicted: as many as a whole model needs. A frame's word
/// probabilities are estimated from its own training segments alone: from a few, they are mostly
/// chance, and add-one smoothing, which gives a word seen as often in a small class as in a large
/// one the larger probability in the small class, turns that chance into confident predictions.
pub const MIN_FRAME_SEGMENTS: u64 = MIN_LABELLED_SEGMENTS;

/// Classes whose scores are summed on the stack when predicting (more go to the heap).
const MAX_CLASSES_ON_STACK: usize = 16;

/// Known feature occurrences a segment needs to be classified.
pub const MIN_KNOWN_FEATURES: u32 = 5;

/// How the model is trained and applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelOptions {
    /// The probability a frame needs to be given to a segment.
    pub threshold: f64,
    /// The length, in known words, at which a segment's evidence stops growing (`E`).
    pub effective_words: f64,
    /// Features seen fewer times than this in all training segments are dropped.
    pub min_count: u32,
    /// Additive smoothing of the word probabilities (`α`).
    pub smoothing: f64,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions { threshold: 0.8, effective_words: 20.0, min_count: 3, smoothing: 1.0 }
    }
}

/// A hasher for keys that are hashes already (features are 64-bit hashes of words): it passes the
/// key through, so a lookup costs no hashing.
#[derive(Default, Clone, Copy)]
pub(super) struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A map keyed by feature hash.
pub(super) type FeatureMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<PassThrough>>;

/// A segment's features as rows of the [`TrainingCounts`] they were added to, with their counts,
/// in the order of its [`Features`]: what the model trained on those counts predicts from without
/// hashing ([`Model::predict_training_rows`]), and half the bytes of the features to keep.
pub type TrainingRows = Vec<(u32, u32)>;

/// Word counts per class, gathered from the labelled segments of a corpus in input order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainingCounts {
    /// Per feature, its row in `counts`.
    pub(super) rows: FeatureMap<u32>,
    /// The counts, one row of `classes` per feature (frames, then none).
    pub(super) counts: Vec<u32>,
    /// Training segments per class.
    pub(super) segments: Vec<u64>,
}

/// A document's training segments added up on the worker thread ([`TrainingCounts::add_document`]).
#[derive(Debug, Default)]
pub struct DocumentCounts {
    /// The class of each training segment with a frame or without one that is not waiting for
    /// the model (`None`: no frame).
    pub segments: Vec<Option<usize>>,
    /// (feature, class, summed count) of those segments, in order of first appearance.
    pub cells: Vec<(u64, Option<u32>, u32)>,
    /// Segments waiting for the model (they teach the no-frame class too).
    pub unframed_segments: usize,
    /// The distinct features of the segments waiting for the model, with summed counts, in order
    /// of first appearance.
    pub unframed: Vec<(u64, u32)>,
}

impl DocumentCounts {
    /// Adds up `training` (features and class of each segment) and the features of the segments
    /// waiting for the model; returns, for each of those, its features as (index into
    /// [`DocumentCounts::unframed`], count) in the order of its features.
    pub fn new(
        training: &[(Features, Option<usize>)],
        unframed: &[&Features],
    ) -> (DocumentCounts, Vec<Vec<(u32, u32)>>) {
        let mut cells: Vec<(u64, Option<u32>, u32)> = Vec::new();
        let mut cell_of: foldhash::HashMap<(u64, Option<u32>), usize> = foldhash::HashMap::default();
        for (features, class) in training {
            let class = class.map(|c| c as u32);
            for &(hash, count) in features {
                let at = *cell_of.entry((hash, class)).or_insert_with(|| {
                    cells.push((hash, class, 0));
                    cells.len() - 1
                });
                cells[at].2 = cells[at].2.saturating_add(count);
            }
        }
        let mut distinct: Vec<(u64, u32)> = Vec::new();
        let mut index_of: FeatureMap<u32> = FeatureMap::default();
        let local = unframed
            .iter()
            .map(|features| {
                let mut local = Vec::with_capacity(features.len());
                for &(hash, count) in features.iter() {
                    let at = *index_of.entry(hash).or_insert_with(|| {
                        distinct.push((hash, 0));
                        distinct.len() as u32 - 1
                    });
                    distinct[at as usize].1 = distinct[at as usize].1.saturating_add(count);
                    local.push((at, count));
                }
                local
            })
            .collect();
        let counts = DocumentCounts {
            segments: training.iter().map(|(_, class)| *class).collect(),
            cells,
            unframed_segments: unframed.len(),
            unframed: distinct,
        };
        (counts, local)
    }
}

impl TrainingCounts {
    /// Empty counts for `frames` frames (and the none class).
    pub fn new(frames: usize) -> TrainingCounts {
        TrainingCounts { rows: FeatureMap::default(), counts: Vec::new(), segments: vec![0; frames + 1] }
    }

    fn classes(&self) -> usize {
        self.segments.len()
    }

    /// Adds a segment of frame `class` (`None`: a segment without a frame).
    pub fn add(&mut self, features: &Features, class: Option<usize>) {
        self.add_each(features, class, |_, _| {});
    }

    /// Adds a segment of frame `class` and returns its features as rows of these counts.
    pub fn add_returning_rows(&mut self, features: &Features, class: Option<usize>) -> TrainingRows {
        let mut rows = Vec::with_capacity(features.len());
        self.add_each(features, class, |row, count| rows.push((row, count)));
        rows
    }

    fn add_each(&mut self, features: &Features, class: Option<usize>, mut each: impl FnMut(u32, u32)) {
        let class = class.unwrap_or(self.classes() - 1);
        self.segments[class] += 1;
        for &(hash, count) in features {
            each(self.add_count(hash, class, count), count);
        }
    }

    /// Adds `count` to the cell of feature `hash` and class index `class`; returns the row.
    fn add_count(&mut self, hash: u64, class: usize, count: u32) -> u32 {
        let classes = self.classes();
        let next = (self.counts.len() / classes) as u32;
        let row = *self.rows.entry(hash).or_insert(next);
        if row == next {
            self.counts.resize(self.counts.len() + classes, 0);
        }
        let cell = &mut self.counts[row as usize * classes + class];
        *cell = cell.saturating_add(count);
        row
    }

    /// Adds the training segments of one document, added up beforehand (on a worker thread): the
    /// class of each segment, and per (feature, class) the sum of its counts. The same counts as
    /// adding the segments one by one, with one update per distinct feature of the document.
    /// Returns the rows of the distinct features of the segments waiting for the model
    /// ([`DocumentCounts::unframed`], in that order).
    pub fn add_document(&mut self, document: &DocumentCounts) -> Vec<u32> {
        let none = self.classes() - 1;
        for class in &document.segments {
            self.segments[class.unwrap_or(none)] += 1;
        }
        for &(hash, class, count) in &document.cells {
            self.add_count(hash, class.map_or(none, |c| c as usize), count);
        }
        self.segments[none] += document.unframed_segments as u64;
        document.unframed.iter().map(|&(hash, count)| self.add_count(hash, none, count)).collect()
    }

    /// Training segments with a frame.
    pub fn labelled(&self) -> u64 {
        self.segments[..self.segments.len() - 1].iter().sum()
    }

    /// Training segments per frame, and the segments without a frame last.
    pub fn segments(&self) -> &[u64] {
        &self.segments
    }

    /// The counts of a feature, one per class.
    pub(super) fn row(&self, row: u32) -> &[u32] {
        let classes = self.classes();
        &self.counts[row as usize * classes..(row as usize + 1) * classes]
    }

    /// Every feature with its counts, sorted by hash.
    pub(super) fn sorted(&self) -> Vec<(u64, &[u32])> {
        let mut features: Vec<(u64, &[u32])> = self.rows.iter().map(|(&hash, &row)| (hash, self.row(row))).collect();
        features.sort_unstable_by_key(|(hash, _)| *hash);
        features
    }

    /// Counts from features listed with their counts (a model file).
    pub(super) fn from_sorted(features: Vec<(u64, Vec<u32>)>, segments: Vec<u64>) -> TrainingCounts {
        let mut counts = TrainingCounts { segments, ..TrainingCounts::default() };
        for (row, (hash, per_class)) in features.into_iter().enumerate() {
            counts.rows.insert(hash, row as u32);
            counts.counts.extend(per_class);
        }
        counts
    }

    /// The features seen at least `min_count` times, in hash order (so that the model does not
    /// depend on the order the corpus was read in).
    fn pruned(&self, min_count: u32) -> TrainingCounts {
        let kept: Vec<(u64, Vec<u32>)> = self
            .sorted()
            .into_iter()
            .filter(|(_, counts)| counts.iter().map(|&n| n as u64).sum::<u64>() >= min_count as u64)
            .map(|(hash, counts)| (hash, counts.to_vec()))
            .collect();
        TrainingCounts::from_sorted(kept, self.segments.clone())
    }
}

/// A trained model.
#[derive(Debug, Clone)]
pub struct Model {
    /// The frame ids it was trained with, in lexicon order.
    pub(super) frames: Vec<String>,
    /// The counts it was trained on (pruned): what a model file holds.
    pub(super) counts: TrainingCounts,
    pub(super) options: ModelOptions,
    log_prior: Vec<f64>,
    /// `log P(w|c)`, one row of classes per feature, rows as in `counts`.
    log_likelihood: Vec<f64>,
    /// Per row of the counts it was trained from (before pruning), its row in `counts`
    /// ([`NOT_KEPT`] when pruned).
    training_rows: Vec<u32>,
}

/// A row of the training counts that the model does not keep.
const NOT_KEPT: u32 = u32::MAX;

/// A frame the model gives a segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Index of the frame.
    pub frame: usize,
    /// Its probability.
    pub probability: f64,
}

impl Model {
    /// Trains a model for the frames `frames` (ids, in lexicon order); `None` when fewer than
    /// [`MIN_LABELLED_SEGMENTS`] segments have a frame.
    pub fn train(counts: TrainingCounts, frames: Vec<String>, options: ModelOptions) -> Option<Model> {
        if counts.labelled() < MIN_LABELLED_SEGMENTS || counts.segments.len() != frames.len() + 1 {
            return None;
        }
        let pruned = counts.pruned(options.min_count);
        let mut training_rows = vec![NOT_KEPT; counts.rows.len()];
        for (hash, &row) in &counts.rows {
            if let Some(&kept) = pruned.rows.get(hash) {
                training_rows[row as usize] = kept;
            }
        }
        let counts = pruned;
        let classes = counts.segments.len();
        let vocabulary = counts.rows.len() as f64;
        let mut words = vec![0u64; classes];
        for row in counts.counts.chunks(classes) {
            for (total, &n) in words.iter_mut().zip(row) {
                *total += n as u64;
            }
        }
        let all_segments: u64 = counts.segments.iter().sum();
        let log_prior = counts
            .segments
            .iter()
            .enumerate()
            .map(|(class, &n)| {
                let is_frame = class + 1 < classes;
                if n == 0 || (is_frame && n < MIN_FRAME_SEGMENTS) {
                    f64::NEG_INFINITY
                } else {
                    (n as f64 / all_segments as f64).ln()
                }
            })
            .collect();
        let alpha = options.smoothing;
        let denominators: Vec<f64> = words.iter().map(|&n| (n as f64 + alpha * vocabulary).ln()).collect();
        let log_likelihood = counts
            .counts
            .chunks(classes)
            .flat_map(|row| row.iter().zip(&denominators).map(|(&n, d)| (n as f64 + alpha).ln() - d))
            .collect();
        Some(Model { frames, counts, options, log_prior, log_likelihood, training_rows })
    }

    /// The frame ids it was trained with.
    pub fn frames(&self) -> &[String] {
        &self.frames
    }

    /// The options it applies.
    pub fn options(&self) -> &ModelOptions {
        &self.options
    }

    /// The frame of a segment with these features, if the model is sure enough.
    pub fn predict(&self, features: &Features) -> Option<Prediction> {
        self.predict_rows(features.iter().filter_map(|&(hash, count)| Some((*self.counts.rows.get(&hash)?, count))))
    }

    /// The frame of a segment whose features were added to the counts this model was trained from
    /// ([`TrainingCounts::add_returning_rows`]), if the model is sure enough; the same as
    /// [`predict`](Model::predict) on the features, without hashing them again.
    pub fn predict_training_rows(&self, rows: &TrainingRows) -> Option<Prediction> {
        let row = |training_row: u32| self.training_rows.get(training_row as usize).filter(|&&row| row != NOT_KEPT);
        self.predict_rows(rows.iter().filter_map(|&(training_row, count)| Some((*row(training_row)?, count))))
    }

    /// The frame of a segment from its known features (rows of `counts`) with their counts.
    fn predict_rows(&self, rows: impl Iterator<Item = (u32, u32)>) -> Option<Prediction> {
        let classes = self.log_prior.len();
        let mut evidence = [0.0; MAX_CLASSES_ON_STACK];
        let mut evidence_heap;
        let evidence: &mut [f64] = if classes <= MAX_CLASSES_ON_STACK {
            &mut evidence[..classes]
        } else {
            evidence_heap = vec![0.0; classes];
            &mut evidence_heap
        };
        let mut known = 0u32;
        for (row, count) in rows {
            known += count;
            let logs = &self.log_likelihood[row as usize * classes..(row as usize + 1) * classes];
            for (e, l) in evidence.iter_mut().zip(logs) {
                *e += count as f64 * l;
            }
        }
        if known < MIN_KNOWN_FEATURES {
            return None;
        }
        let scale = (self.options.effective_words / known as f64).min(1.0);
        for (e, p) in evidence.iter_mut().zip(&self.log_prior) {
            *e = p + scale * *e;
        }
        let scores = evidence;
        let best = (0..classes).fold(0, |best, c| if scores[c] > scores[best] { c } else { best });
        if best + 1 == classes || scores[best] == f64::NEG_INFINITY {
            return None;
        }
        let normaliser: f64 = scores.iter().map(|s| (s - scores[best]).exp()).sum();
        let probability = 1.0 / normaliser;
        (probability >= self.options.threshold).then_some(Prediction { frame: best, probability })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Features from words given as small integers.
    fn features(words: &[u64]) -> Features {
        let mut f: Features = Vec::new();
        for &w in words {
            match f.iter_mut().find(|(h, _)| *h == w) {
                Some((_, n)) => *n += 1,
                None => f.push((w, 1)),
            }
        }
        f.sort_unstable();
        f
    }

    fn trained(threshold: f64) -> Model {
        let mut counts = TrainingCounts::new(2);
        // Frame 0 talks of words 1–4, frame 1 of words 5–8, unframed segments of words 9–12; all
        // share word 13.
        for i in 0..40u64 {
            let shift = i % 2;
            counts.add(&features(&[1 + shift, 2, 3, 4 - shift, 13, 13]), Some(0));
            counts.add(&features(&[5, 6 + shift, 7, 8, 13]), Some(1));
            counts.add(&features(&[9, 10, 11, 12 - shift, 13]), None);
            counts.add(&features(&[9, 10, 11 + shift, 12, 13]), None);
        }
        Model::train(counts, vec!["a".into(), "b".into()], ModelOptions { threshold, ..ModelOptions::default() })
            .unwrap()
    }

    #[test]
    fn segments_take_the_frame_of_their_words() {
        let model = trained(0.6);
        let war = model.predict(&features(&[1, 2, 3, 3, 13, 99])).unwrap();
        assert_eq!(war.frame, 0);
        assert!(war.probability > 0.9, "{war:?}");
        assert_eq!(model.predict(&features(&[5, 6, 7, 8, 8])).map(|p| p.frame), Some(1));
        // Words of unframed segments, too few known words, or a mix below the threshold: nothing.
        assert_eq!(model.predict(&features(&[9, 10, 11, 12, 13])), None);
        assert_eq!(model.predict(&features(&[1, 2, 99, 98, 97])), None);
        let mixed = features(&[1, 2, 5, 6, 9, 10, 13]);
        let sure = model.predict(&mixed);
        assert!(sure.is_none_or(|p| p.probability >= 0.6));
        assert_eq!(trained(0.999_999).predict(&mixed), None);
    }

    #[test]
    fn documents_added_up_on_workers_count_as_their_segments_one_by_one() {
        let training = vec![
            (features(&[1, 2, 2, 13]), Some(0)),
            (features(&[2, 3, 13]), Some(0)),
            (features(&[5, 13]), Some(1)),
            (features(&[9, 13, 13]), None),
        ];
        let unframed = [features(&[9, 10, 13]), features(&[10, 11, 13, 13])];
        let mut one_by_one = TrainingCounts::new(2);
        for (segment, class) in &training {
            one_by_one.add(segment, *class);
        }
        let rows: Vec<TrainingRows> = unframed.iter().map(|f| one_by_one.add_returning_rows(f, None)).collect();
        let mut added_up = TrainingCounts::new(2);
        let (document, local) = DocumentCounts::new(&training, &unframed.iter().collect::<Vec<_>>());
        let distinct_rows = added_up.add_document(&document);
        assert_eq!(added_up.segments(), one_by_one.segments());
        assert_eq!(added_up.sorted(), one_by_one.sorted());
        // Each unframed segment's rows name the same features with the same counts.
        let feature_of = |counts: &TrainingCounts, row: u32| *counts.rows.iter().find(|(_, &r)| r == row).unwrap().0;
        for ((segment, local), rows) in unframed.iter().zip(&local).zip(&rows) {
            let by_document: Vec<(u64, u32)> =
                local.iter().map(|&(i, n)| (feature_of(&added_up, distinct_rows[i as usize]), n)).collect();
            let by_segment: Vec<(u64, u32)> = rows.iter().map(|&(row, n)| (feature_of(&one_by_one, row), n)).collect();
            assert_eq!(by_document, by_segment);
            assert_eq!(&by_document, segment);
        }
    }

    #[test]
    fn training_rows_predict_as_the_features_do() {
        let mut counts = TrainingCounts::new(2);
        let mut unframed = Vec::new();
        for i in 0..40u64 {
            counts.add(&features(&[1 + i % 2, 2, 3, 4, 13]), Some(0));
            counts.add(&features(&[5, 6, 7 + i % 2, 8, 13]), Some(1));
            // Unframed segments in the words of frame 0 or of their own, with a word seen once
            // (pruned from the model).
            let words = if i % 4 == 0 { [1, 2, 3, 4, 9, 1000 + i] } else { [9, 10, 11, 12, 13, 1000 + i] };
            let segment = features(&words);
            unframed.push((segment.clone(), counts.add_returning_rows(&segment, None)));
        }
        let options = ModelOptions { threshold: 0.5, ..ModelOptions::default() };
        let model = Model::train(counts, vec!["a".into(), "b".into()], options).unwrap();
        for (features, rows) in &unframed {
            assert_eq!(rows.len(), features.len());
            assert_eq!(model.predict_training_rows(rows), model.predict(features));
        }
        assert!(unframed.iter().any(|(features, _)| model.predict(features).is_some()));
        assert!(unframed.iter().any(|(features, _)| model.predict(features).is_none()));
        let framed = features(&[1, 2, 3, 4, 2, 13]);
        let mut more = TrainingCounts::new(2);
        let rows = more.add_returning_rows(&framed, None);
        assert_eq!(rows.iter().map(|&(_, n)| n).collect::<Vec<_>>(), vec![1, 2, 1, 1, 1]);
    }

    #[test]
    fn too_little_training_gives_no_model_and_rare_frames_are_never_predicted() {
        let mut counts = TrainingCounts::new(2);
        for _ in 0..MIN_LABELLED_SEGMENTS - 1 {
            counts.add(&features(&[1, 2, 3, 4, 5]), Some(0));
        }
        assert!(Model::train(counts.clone(), vec!["a".into(), "b".into()], ModelOptions::default()).is_none());
        counts.add(&features(&[1, 2, 3, 4, 5]), Some(0));
        for _ in 0..MIN_FRAME_SEGMENTS - 1 {
            counts.add(&features(&[6, 7, 8, 9, 10]), Some(1));
        }
        counts.add(&features(&[11, 12, 13, 14, 15]), None);
        let frames = vec!["a".to_string(), "b".to_string()];
        let model = Model::train(counts.clone(), frames.clone(), ModelOptions::default()).unwrap();
        assert_eq!(model.predict(&features(&[1, 2, 3, 4, 5])).map(|p| p.frame), Some(0));
        // Frame b has one training segment too few: its own words do not give it.
        assert_eq!(model.predict(&features(&[6, 7, 8, 9, 10])), None);
        counts.add(&features(&[6, 7, 8, 9, 10]), Some(1));
        let model = Model::train(counts, frames, ModelOptions::default()).unwrap();
        assert_eq!(model.predict(&features(&[6, 7, 8, 9, 10])).map(|p| p.frame), Some(1));
    }
}
