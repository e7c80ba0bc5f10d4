//! The lexicon file format (TOML), as deserialised by serde. Unknown keys are rejected so that a
//! misspelt `paterns` is reported instead of ignored. Spans are kept for every id and pattern so
//! that diagnostics can point at the exact line and column.

use serde::{Deserialize, Deserializer};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    pub name: String,
    pub language: String,
    #[serde(deserialize_with = "string_or_number")]
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// Stem mode for every motif of the file (a motif's own `stem` overrides it).
    #[serde(default)]
    pub stem: Option<Spanned<bool>>,
    #[serde(default)]
    pub frames: Vec<FrameEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameEntry {
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub motifs: Vec<MotifEntry>,
    /// Weaker terms that frame a segment without counting as leitmotif hits.
    #[serde(default)]
    pub cues: Option<CueEntry>,
}

/// A frame's `[frames.cues]`: the fields of a motif without id, label or description; the weight
/// defaults to [`super::DEFAULT_CUE_WEIGHT`]. The fields are repeated from [`MotifEntry`] rather
/// than shared through `#[serde(flatten)]`, because serde cannot flatten a struct that denies
/// unknown fields, and a misspelt key must stay an error; [`FrameEntry::cue_motif`] turns them into
/// a motif, so everything after parsing is shared.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueEntry {
    pub patterns: Spanned<Vec<Spanned<String>>>,
    #[serde(default = "default_cue_weight")]
    pub weight: Spanned<f64>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude_window: Option<Spanned<i64>>,
    #[serde(default)]
    pub require_near: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub near_window: Option<Spanned<i64>>,
    #[serde(default)]
    pub stem: Option<Spanned<bool>>,
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
    #[serde(default)]
    pub counter_examples: Vec<Spanned<String>>,
}

impl FrameEntry {
    /// The frame's cues as a motif (id `<frame>/cues`, located at the frame's id), so that they are
    /// loaded, checked and tested by the motif code.
    pub fn cue_motif(&self) -> Option<MotifEntry> {
        let cues = self.cues.as_ref()?;
        let id = self.id.get_ref();
        Some(MotifEntry {
            id: Spanned::new(self.id.span(), super::cue_motif_id(id)),
            label: format!("{} (cues)", self.label),
            description: format!("Cue terms of the frame '{id}'"),
            patterns: cues.patterns.clone(),
            weight: cues.weight.clone(),
            exclude: cues.exclude.clone(),
            exclude_window: cues.exclude_window.clone(),
            require_near: cues.require_near.clone(),
            near_window: cues.near_window.clone(),
            stem: cues.stem.clone(),
            examples: cues.examples.clone(),
            counter_examples: cues.counter_examples.clone(),
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotifEntry {
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub description: String,
    pub patterns: Spanned<Vec<Spanned<String>>>,
    #[serde(default = "default_weight")]
    pub weight: Spanned<f64>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Exclude patterns veto only the hits within this many tokens (default: the whole sentence).
    #[serde(default)]
    pub exclude_window: Option<Spanned<i64>>,
    /// Context patterns: a hit counts only if one of them matches within `near_window` tokens.
    #[serde(default)]
    pub require_near: Option<Spanned<Vec<Spanned<String>>>>,
    /// The window of `require_near`, in tokens.
    #[serde(default)]
    pub near_window: Option<Spanned<i64>>,
    /// Stem mode for this motif's patterns (overrides the lexicon's).
    #[serde(default)]
    pub stem: Option<Spanned<bool>>,
    /// Sentences that must produce a hit of this motif (`leitmotif lexicon test`).
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
    /// Sentences that must not produce a hit of this motif.
    #[serde(default)]
    pub counter_examples: Vec<Spanned<String>>,
}

fn default_weight() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}

fn default_cue_weight() -> Spanned<f64> {
    Spanned::new(0..0, super::DEFAULT_CUE_WEIGHT)
}

/// `version = "1"` and `version = 1` both mean version "1".
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Version {
        Text(String),
        Integer(i64),
        Float(f64),
    }
    Ok(match Version::deserialize(deserializer)? {
        Version::Text(s) => s,
        Version::Integer(n) => n.to_string(),
        Version::Float(x) => x.to_string(),
    })
}
