//! Lexicons of leitmotifs: the file format, the pattern language, loading with diagnostics,
//! warnings ([`lint_sources`]), importing other tools' dictionaries ([`import`]), and the merged
//! [`LexiconSet`] that the scanner compiles.
//!
//! Several lexicon files may be loaded together (say English and Russian). Frames and motifs are
//! merged by id: a frame id names one set of output columns whatever the language, and a motif id
//! names one motif (it must belong to the same frame in every file). Order is the order of first
//! appearance, files taken in the order given (directories in file-name order).

mod bundled;
mod format;
pub mod import;
mod lint;
mod load;
mod pattern;
mod stem;

pub use bundled::BUNDLED;
pub use lint::lint_sources;
pub use load::{bundled_sources, check_sources, load_bundled, load_paths, read_sources, LexiconSource, ReadSources};
pub use pattern::{parse_pattern, regex_error_message, Atom, Pattern, PatternError, Step, MAX_GAP, MAX_NEAR_TERMS};
pub(crate) use stem::FUNCTION_WORDS;
pub use stem::{screen_prefix, StemLanguage};

use crate::error::Diagnostic;

/// The widest `exclude_window`, in tokens.
pub const MAX_EXCLUDE_WINDOW: usize = 50;

/// The widest `near_window`, in tokens.
pub const MAX_NEAR_WINDOW: usize = 200;

/// The `near_window` of a motif with `require_near` and no `near_window`.
pub const DEFAULT_NEAR_WINDOW: usize = 30;

/// The weight of a frame's cues when its `[frames.cues]` gives none: a cue says less about a
/// segment's frame than a leitmotif hit (weight 1 by default).
pub const DEFAULT_CUE_WEIGHT: f64 = 0.5;

/// The motif id under which a frame's cues are loaded: `<frame>/cues` (no motif id can contain
/// `/`, so it never clashes with a motif of the lexicon).
pub fn cue_motif_id(frame: &str) -> String {
    format!("{frame}/cues")
}

/// The merged, validated lexicons of one run.
#[derive(Debug, Clone, Default)]
pub struct LexiconSet {
    /// The files, in the order loaded.
    pub lexicons: Vec<LexiconInfo>,
    /// Frames merged by id, in order of first appearance: one set of columns each.
    pub frames: Vec<Frame>,
    /// Motifs merged by id, in order of first appearance.
    pub motifs: Vec<Motif>,
    /// Every pattern and exclude pattern of every file.
    pub patterns: Vec<PatternEntry>,
    /// The `examples` and `counter_examples` of every motif, in file order.
    pub examples: Vec<Example>,
}

/// The header of one lexicon file.
#[derive(Debug, Clone)]
pub struct LexiconInfo {
    /// Its `name`.
    pub name: String,
    /// Its `language`.
    pub language: String,
    /// Its `version`.
    pub version: String,
    /// Its `description`.
    pub description: String,
    /// Where it came from: a path, or `bundled:<file>`.
    pub source: String,
    /// FNV-1a 64 of the file's bytes, hex: tells two versions of a lexicon apart.
    pub content_hash: String,
}

/// A frame: a group of motifs with one set of output columns.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Its id (names the output columns).
    pub id: String,
    /// Its label.
    pub label: String,
    /// What it means.
    pub description: String,
}

/// A motif: one leitmotif, matched by its patterns.
#[derive(Debug, Clone)]
pub struct Motif {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// What it means.
    pub description: String,
    /// Index into [`LexiconSet::frames`].
    pub frame: usize,
    /// The frame's cues (`[frames.cues]`), not a leitmotif: its matches frame segments but are
    /// not hits (see [`crate::scan::DocumentScan::cues`]).
    pub cue: bool,
}

/// One pattern (or exclude pattern) of one motif, as written in one lexicon file.
#[derive(Debug, Clone)]
pub struct PatternEntry {
    /// Index into [`LexiconSet::motifs`].
    pub motif: usize,
    /// The pattern as written.
    pub source: String,
    /// The pattern parsed.
    pub pattern: Pattern,
    /// The motif's weight in the file that holds this pattern.
    pub weight: f64,
    /// What a match of it does: a hit, a veto, or context.
    pub role: Role,
    /// Index into [`LexiconSet::lexicons`].
    pub lexicon: usize,
    /// Where the pattern starts in its file: 1-based line…
    pub line: usize,
    /// …and column (in characters).
    pub column: usize,
}

/// What a match of a pattern entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A pattern of the motif (`patterns`): each match may be a hit.
    Match {
        /// With `require_near`: a hit counts only if a context pattern of the motif matches within
        /// this many tokens of it, in the same paragraph.
        near: Option<usize>,
    },
    /// An `exclude` pattern: it vetoes the motif's hits in its sentence, or only those within
    /// `window` tokens of it (`exclude_window`).
    Exclude {
        /// The `exclude_window`, if any.
        window: Option<usize>,
    },
    /// A context pattern (`require_near`): its matches are not hits; they let the motif's hits
    /// that require context count.
    Context,
}

impl PatternEntry {
    /// Whether it is one of the motif's `patterns` (not an exclude or a context pattern).
    pub fn is_match(&self) -> bool {
        matches!(self.role, Role::Match { .. })
    }
}

impl LexiconSet {
    /// A problem with pattern entry `entry`, located at the pattern in its file; `offset` is a byte
    /// offset into the pattern.
    pub fn diagnostic_at(&self, entry: usize, offset: usize, message: impl Into<String>) -> Diagnostic {
        let pattern = &self.patterns[entry];
        let column = pattern.column + pattern.source[..offset.min(pattern.source.len())].chars().count();
        Diagnostic {
            file: self.lexicons[pattern.lexicon].source.clone(),
            line: pattern.line,
            column,
            message: message.into(),
        }
    }
}

/// A sentence written in a lexicon that must (or, as a counter-example, must not) produce a hit of
/// its motif; `leitmotif lexicon test` runs them through the matcher.
#[derive(Debug, Clone)]
pub struct Example {
    /// Index into [`LexiconSet::motifs`].
    pub motif: usize,
    /// Index into [`LexiconSet::lexicons`].
    pub lexicon: usize,
    /// The sentence.
    pub text: String,
    /// A counter-example: the motif must not be hit.
    pub counter: bool,
    /// 1-based line of the example in its lexicon file.
    pub line: usize,
}

impl LexiconSet {
    /// Number of patterns per motif (not counting exclude and context patterns).
    pub fn pattern_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.motifs.len()];
        for entry in self.patterns.iter().filter(|p| p.is_match()) {
            counts[entry.motif] += 1;
        }
        counts
    }
}
