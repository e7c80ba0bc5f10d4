//! Discovery of candidate leitmotifs (`leitmotif discover`): recurring phrases of 2 to 6 words
//! found in many documents, or in many documents of one group, that the lexicon does not cover
//! yet, ranked by document frequency or by keyness against a reference corpus, each with its
//! first and last date and one example in context.
//!
//! **Phrases** are runs of the project's tokens, normalised as patterns are, inside one sentence,
//! neither beginning nor ending with a stopword, not made of stopwords and numbers only, and not
//! overlapping a hit of the lexicon (`phrases.rs`, `stopwords.rs`). A phrase whose own text the
//! lexicon matches (a hit vetoed in the corpus by an `exclude` pattern, say) is dropped too.
//!
//! **Counting** is per *unit*: a document, or with `--by speaker` the turns of one speaker in one
//! document. A unit counts a phrase once (document frequency). Memory stays bounded with two
//! passes over the corpus (`sketch.rs`): the first adds every occurrence of a phrase to a
//! count-min sketch of 8-bit counters (an upper bound of its document frequency); the second
//! counts exactly, once per unit, only the phrases whose counter reaches `--min-docs`
//! (`counts.rs`). The sketch never under-counts, so no phrase that reaches `--min-docs` is missed;
//! the price is reading the corpus twice, and once more for the examples of the phrases kept.
//!
//! **Groups** (`--by FIELD` or `--by speaker`): a candidate must reach `--min-docs` units of its
//! group; a second sketch counts (group, phrase) pairs. Without `--reference`, a group is
//! compared with all other groups.
//!
//! **Ranking** (`select.rs`): by keyness (`keyness.rs`: G² over document frequencies, with the log
//! ratio as effect size) when there is a reference — only phrases relatively more frequent in the
//! target than in the reference — else by document frequency. Shorter phrases nearly always inside
//! one longer candidate are dropped as subsumed.

mod counts;
mod draft;
mod keyness;
mod phrases;
mod run;
mod select;
mod sketch;
mod stopwords;
mod units;

pub use draft::draft_lexicon;
pub use keyness::{g2, log_ratio};
pub(crate) use phrases::{hash_word, hash_word_in, MAX_WORDS, PADDED_WORD_BYTES};
pub(crate) use stopwords::{kind as word_kind, WordKind};
pub(crate) use units::Kwic;

pub use run::discover_phrases;

use crate::corpus::Input;
use crate::coverage::DateField;
use crate::error::RecordError;
use crate::output::{Cell, RowsTable, Schema};
use crate::pipeline::ScanConfig;
use std::path::PathBuf;
use std::time::Duration;

/// Default of [`DiscoverOptions::min_docs`].
pub const DEFAULT_MIN_DOCS: usize = 5;
/// Default of [`DiscoverOptions::top`].
pub const DEFAULT_TOP: usize = 100;

/// What a unit's group is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    /// The value of a metadata field (`(none)` where a document lacks it).
    Field(String),
    /// The speaker of each turn: one unit per speaker and document.
    Speaker,
}

/// How candidates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    /// By document frequency (then G², then first appearance).
    Docs,
    /// By G² against the reference, over-represented phrases only (then documents, first
    /// appearance).
    Keyness,
}

/// How discovery runs.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// Candidates per group of units.
    pub by: Option<GroupBy>,
    /// With `by`: only these groups (all when empty).
    pub groups: Vec<String>,
    /// Fewest units (documents) a candidate must be found in (at least 2).
    pub min_docs: usize,
    /// Candidates kept per group.
    pub top: usize,
    /// The order; default: keyness when there is a reference (or groups), else documents.
    pub rank: Option<Rank>,
    /// Where a document's date is.
    pub date: DateField,
    /// Counters of each sketch as a power of two; default from the size of the input.
    pub sketch_bits: Option<u32>,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            by: None,
            groups: Vec::new(),
            min_docs: DEFAULT_MIN_DOCS,
            top: DEFAULT_TOP,
            rank: None,
            date: DateField::default(),
            sketch_bits: None,
        }
    }
}

/// One candidate leitmotif.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// 1-based rank in its group.
    pub rank: usize,
    /// Its group (empty without `by`).
    pub group: String,
    /// The phrase: its normalised tokens joined by single spaces (a pattern that matches it).
    pub phrase: String,
    /// Its number of words.
    pub words: usize,
    /// Units of the group holding it.
    pub docs: u64,
    /// Units of the group.
    pub units: u64,
    /// Reference units holding it, and reference units (none without a reference).
    pub reference: Option<(u64, u64)>,
    /// Dunning's G² against the reference.
    pub g2: Option<f64>,
    /// Log ratio of the relative document frequencies.
    pub log_ratio: Option<f64>,
    /// First and last date seen (as written).
    pub first_date: Option<String>,
    /// See `first_date`.
    pub last_date: Option<String>,
    /// Id of the document of the example.
    pub example_doc: String,
    /// The first occurrence in context.
    pub example: Kwic,
}

/// Counts of a discovery run.
#[derive(Debug, Clone, Default)]
pub struct DiscoverStats {
    /// Documents read (target corpus).
    pub documents: u64,
    /// Units counted (documents, or speaker turns per document).
    pub units: u64,
    /// Words read.
    pub words: u64,
    /// Records (and folder entries) that could not be read, target and reference.
    pub errors: u64,
    /// The first errors (all are handed to the error callback).
    pub first_errors: Vec<RecordError>,
    /// Files of an unknown kind that were not read.
    pub skipped: Vec<PathBuf>,
    /// Reference documents read.
    pub reference_documents: Option<u64>,
    /// Distinct groups.
    pub groups: usize,
    /// Phrases (and group-phrase pairs) counted exactly in the second pass.
    pub counted: usize,
    /// Phrases reaching `min_docs` (in a group).
    pub frequent: usize,
    /// Memory of the sketches, in bytes.
    pub sketch_bytes: usize,
    /// (unit, phrase) pairs added to the sketch of all phrases in the first pass.
    pub sketched: u64,
    /// Share of that sketch's counters left at 0 (a full sketch lets more rare phrases through).
    pub sketch_empty: f64,
    /// Time of each pass.
    pub passes: Vec<(&'static str, Duration)>,
}

/// The outcome of discovery.
#[derive(Debug, Clone)]
pub struct Discovery {
    /// Candidates by group (in name order), then rank.
    pub candidates: Vec<Candidate>,
    /// Whether candidates are per group.
    pub grouped: bool,
    /// Counts.
    pub stats: DiscoverStats,
}

/// The `candidates` table.
pub fn candidates_table(discovery: &Discovery) -> RowsTable {
    let number = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Float);
    let text = |x: &Option<String>| x.clone().map_or(Cell::Empty, Cell::Text);
    let rows = discovery
        .candidates
        .iter()
        .map(|c| {
            let mut row = vec![Cell::count(c.rank)];
            if discovery.grouped {
                row.push(Cell::Text(c.group.clone()));
            }
            let share = |docs: u64, units: u64| if units == 0 { 0.0 } else { docs as f64 / units as f64 };
            row.extend([
                Cell::Text(c.phrase.clone()),
                Cell::count(c.words),
                Cell::Int(c.docs as i64),
                Cell::Float(share(c.docs, c.units)),
                c.reference.map_or(Cell::Empty, |(docs, _)| Cell::Int(docs as i64)),
                c.reference.map_or(Cell::Empty, |(docs, units)| Cell::Float(share(docs, units))),
                number(c.g2),
                number(c.log_ratio),
                text(&c.first_date),
                text(&c.last_date),
                Cell::Text(c.example_doc.clone()),
                Cell::Text(c.example.left.clone()),
                Cell::Text(c.example.matched.clone()),
                Cell::Text(c.example.right.clone()),
            ]);
            row
        })
        .collect();
    RowsTable { schema: Schema::candidates(discovery.grouped), rows }
}

/// The inputs of a reference corpus read like the target.
pub fn reference_config(config: &ScanConfig, inputs: Vec<Input>) -> ScanConfig {
    ScanConfig { inputs, ..config.clone() }
}
