//! leitmotif: rhetoric and framing detection over archives of speeches and statements.
//!
//! The pipeline, one way: [`lexicon`] files are compiled into a [`scan::Matcher`]; the [`corpus`]
//! is read as a stream of documents; each document is tokenised ([`text`]), scanned, and scored
//! ([`score`]), its timeline segments framed by hits, cue terms and a corpus [`model`] learned from
//! the hits; results go to an [`output::Sink`] in input order. [`pipeline::run_scan`] wires the
//! stages together on a thread pool. [`coverage`] measures what a lexicon finds in a corpus (and
//! its precision from a judged sample); [`discover`] proposes new leitmotifs: recurring phrases the
//! lexicon does not cover.
//!
//! ```
//! use leitmotif::lexicon::load_bundled;
//! use leitmotif::scan::{Matcher, Scratch};
//! use leitmotif::score::score_document;
//!
//! let lexicons = load_bundled().unwrap();
//! let matcher = Matcher::new(&lexicons).unwrap();
//! let scan = matcher.scan("We are one people with common roots.", &mut Scratch::default());
//! let motifs: Vec<&str> = scan.hits.iter().map(|hit| lexicons.motifs[hit.motif].id.as_str()).collect();
//! assert_eq!(motifs, ["one_people", "common_roots"]);
//! let figures = score_document(&scan, &lexicons);
//! assert_eq!(figures.words, 7);
//! ```

// Every public item is documented: `cargo clippy -- -D warnings` (CI) turns a missing doc into an
// error.
#![warn(missing_docs)]

pub mod corpus;
pub mod coverage;
pub mod discover;
pub mod error;
mod folder_lock;
mod hashing;
pub mod lexicon;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod reuse;
pub mod scan;
pub mod score;
pub mod text;
pub mod wording;

pub use error::{Error, ErrorKind, Result};

#[doc(hidden)]
pub mod fuzzing;
