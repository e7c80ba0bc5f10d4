//! The corpus model: a seeded classifier that frames the segments without leitmotif hits or cues.
//!
//! Segments whose frame is certain from hits are the labelled examples, segments with neither hits
//! nor cues stand for "no frame"; a multinomial naive-Bayes model over their words (Newsmap's
//! idea: let the lexicon label part of the corpus and learn the rest of each frame's vocabulary
//! from it) then gives every unframed segment a probability per frame, and the segment takes the
//! most probable frame when that probability reaches the threshold. Training counts are gathered in
//! input order on one thread and every sum runs in a fixed order, so the model — and every figure
//! it touches — is the same at any thread count. The method, its assumptions and its failure modes
//! are in `DESIGN.md`.
//!
//! - `features.rs`: a segment's words as hashed, truncated, stop-word-free features;
//! - `train.rs`: the training counts and the model they give, and prediction;
//! - `file.rs`: saving a model to JSON and loading it for another run.

mod features;
mod file;
mod train;

pub use features::{segment_features, token_features, Features, FEATURE_CHARS};
pub use train::{DocumentCounts, Model, ModelOptions, Prediction, TrainingCounts, TrainingRows, MIN_LABELLED_SEGMENTS};
