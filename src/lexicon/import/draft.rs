//! The lexicon an importer builds: frames and motifs named by category paths, patterns, weights,
//! the notes about what was not converted, and ids made valid. [`Draft::finish`] writes it as TOML.
//!
//! Ids. A category name that is a valid id (ASCII letters, digits, `_`, `-`) is kept; any other is
//! slugged ([`slug`]) and the mapping recorded. Ids are made unique: a motif name used in two
//! frames becomes `<frame>.<motif>` (slugged) the second time, other clashes get `_2`, `_3`….
//! Patterns of one motif with different weights (WordStat) go to separate motifs of the same frame,
//! `<name> (weight <w>)`, because a weight belongs to a motif in our format; the frame's score is
//! unchanged.

use super::{ImportNote, Imported, LexiconFormat};
use crate::lexicon::{parse_pattern, Pattern};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

#[derive(Debug, Default)]
pub(super) struct Draft {
    frames: Vec<DraftFrame>,
    frame_by_name: HashMap<String, usize>,
    frame_ids: Ids,
    motif_ids: Ids,
    motif_names: HashSet<String>,
    notes: Vec<(usize, String)>,
    slugs: Vec<(String, String)>,
}

#[derive(Debug)]
struct DraftFrame {
    id: String,
    name: String,
    motifs: Vec<DraftMotif>,
}

#[derive(Debug)]
struct DraftMotif {
    id: String,
    /// The category path joined with `.`, as the motif's label.
    name: String,
    weight: f64,
    patterns: Vec<String>,
    parsed: Vec<Pattern>,
}

impl Draft {
    /// Records that something on `line` was not converted.
    pub fn note(&mut self, line: usize, message: impl Into<String>) {
        self.notes.push((line, message.into()));
    }

    /// Adds a pattern (already valid) under a category path: `path[0]` names the frame, the rest
    /// joined with `.` the motif (the frame's own name when there is no rest).
    pub fn add(&mut self, path: &[String], weight: f64, pattern: String) {
        let Some(frame_name) = path.first() else { return };
        let motif_name = if path.len() == 1 { frame_name.clone() } else { path[1..].join(".") };
        let Ok(parsed) = parse_pattern(&pattern) else { return };
        let frame = self.frame(frame_name);
        let motif = self.motif(frame, &motif_name, weight);
        let motif = &mut self.frames[frame].motifs[motif];
        if !motif.parsed.contains(&parsed) {
            motif.patterns.push(pattern);
            motif.parsed.push(parsed);
        }
    }

    /// Creates the frame and motif of a category path before any pattern, so that categories
    /// come in the order a file declares them; one left without patterns is not written.
    pub fn declare(&mut self, path: &[String]) {
        let Some(frame_name) = path.first() else { return };
        let motif_name = if path.len() == 1 { frame_name.clone() } else { path[1..].join(".") };
        let frame = self.frame(frame_name);
        self.motif(frame, &motif_name, 1.0);
    }

    fn frame(&mut self, name: &str) -> usize {
        if let Some(&index) = self.frame_by_name.get(name) {
            return index;
        }
        let id = self.frame_ids.assign(name, &mut self.slugs);
        self.frames.push(DraftFrame { id, name: name.to_string(), motifs: Vec::new() });
        self.frame_by_name.insert(name.to_string(), self.frames.len() - 1);
        self.frames.len() - 1
    }

    fn motif(&mut self, frame: usize, name: &str, weight: f64) -> usize {
        let motifs = &self.frames[frame].motifs;
        if let Some(index) = motifs.iter().position(|m| m.name == name && m.weight == weight) {
            return index;
        }
        let same_name = motifs.iter().any(|m| m.name == name);
        let label = if same_name { format!("{name} (weight {weight})") } else { name.to_string() };
        if let Some(index) = motifs.iter().position(|m| m.name == label) {
            return index;
        }
        let original = if self.motif_names.insert(label.clone()) {
            label.clone()
        } else {
            format!("{}.{label}", self.frames[frame].name)
        };
        let id = self.motif_ids.assign(&original, &mut self.slugs);
        let motifs = &mut self.frames[frame].motifs;
        motifs.push(DraftMotif { id, name: label, weight, patterns: Vec::new(), parsed: Vec::new() });
        motifs.len() - 1
    }

    /// The TOML text and counts; `file` names the source in notes, the lexicon name and header.
    pub fn finish(mut self, file: &str, format: LexiconFormat) -> Imported {
        self.notes.sort_by_key(|(line, _)| *line);
        for frame in &mut self.frames {
            frame.motifs.retain(|m| !m.patterns.is_empty());
        }
        self.frames.retain(|f| !f.motifs.is_empty());
        let written: HashSet<&str> = self
            .frames
            .iter()
            .flat_map(|f| std::iter::once(f.id.as_str()).chain(f.motifs.iter().map(|m| m.id.as_str())))
            .collect();
        let mut slugs: Vec<(String, String)> = Vec::new();
        for pair in &self.slugs {
            if written.contains(pair.0.as_str()) && !slugs.contains(pair) {
                slugs.push(pair.clone());
            }
        }
        let base = Path::new(file).file_name().map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
        let stem = Path::new(&base).file_stem().map_or_else(|| base.clone(), |s| s.to_string_lossy().into_owned());
        let motifs = self.frames.iter().map(|f| f.motifs.len()).sum();
        let patterns = self.frames.iter().flat_map(|f| &f.motifs).map(|m| m.patterns.len()).sum();
        let mut toml = String::new();
        let describe = format.describe();
        let _ = writeln!(
            toml,
            "# Imported by leitmotif from {base} ({describe}): {}, {}, {}.",
            count(self.frames.len(), "frame"),
            count(motifs, "motif"),
            count(patterns, "pattern")
        );
        if !self.notes.is_empty() {
            let _ = writeln!(
                toml,
                "# {} of {base} not (wholly) converted: `leitmotif lexicon import` lists them.",
                count(self.notes.len(), "line")
            );
        }
        let _ = writeln!(toml, "\nname = {}", quote(if stem.is_empty() { "imported" } else { &stem }));
        toml.push_str("language = \"und\"\nversion = \"1\"\n");
        let _ = writeln!(toml, "description = {}", quote(&format!("Imported from {base} ({describe})")));
        for frame in &self.frames {
            let _ = write!(toml, "\n[[frames]]\nid = {}\nlabel = {}\n", quote(&frame.id), quote(&frame.name));
            for motif in &frame.motifs {
                let _ =
                    write!(toml, "\n[[frames.motifs]]\nid = {}\nlabel = {}\n", quote(&motif.id), quote(&motif.name));
                if motif.weight != 1.0 {
                    let _ = writeln!(toml, "weight = {}", toml::Value::Float(motif.weight));
                }
                toml.push_str("patterns = [\n");
                for pattern in &motif.patterns {
                    let _ = writeln!(toml, "  {},", quote(pattern));
                }
                toml.push_str("]\n");
            }
        }
        Imported {
            file: file.to_string(),
            toml,
            slugs,
            notes: self
                .notes
                .into_iter()
                .map(|(line, message)| ImportNote { file: file.to_string(), line, message })
                .collect(),
            frames: self.frames.len(),
            motifs,
            patterns,
        }
    }
}

/// `1 frame`, `2 frames`.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Ids of one kind (frames or motifs), unique.
#[derive(Debug, Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn assign(&mut self, original: &str, slugs: &mut Vec<(String, String)>) -> String {
        let base = if is_valid_id(original) { original.to_string() } else { slug(original) };
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        if id != original {
            slugs.push((id.clone(), original.to_string()));
        }
        id
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A valid id for any name: transliterated to ASCII (`Внешняя политика` → `vneshniaia_politika`),
/// lower case, every run of other characters one `_`; `category` if nothing is left.
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    if out.is_empty() {
        "category".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Внешняя политика"), "vneshniaia_politika");
        assert_eq!(slug("Négation & doute!"), "negation_doute");
        assert_eq!(slug("Straße.Süd"), "strasse_sud");
        assert_eq!(slug("…"), "category");
    }

    fn path(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ids_are_unique_and_mapped() {
        let mut draft = Draft::default();
        draft.add(&path(&["Économie", "positive"]), 1.0, "growth".into());
        draft.add(&path(&["Économie", "positive"]), 1.0, "Growth".into());
        draft.add(&path(&["politics", "positive"]), 1.0, "vote*".into());
        draft.add(&path(&["politics", "positive"]), 2.0, "landslide".into());
        draft.add(&path(&["economie"]), 1.0, "gdp".into());
        let imported = draft.finish("dir/my dict.yml", LexiconFormat::Yaml);
        assert_eq!(
            imported.slugs,
            [
                ("economie".to_string(), "Économie".to_string()),
                ("politics_positive".to_string(), "politics.positive".to_string()),
                ("positive_weight_2".to_string(), "positive (weight 2)".to_string()),
                ("economie_2".to_string(), "economie".to_string()),
            ]
        );
        assert_eq!((imported.frames, imported.motifs, imported.patterns), (3, 4, 4));
        assert!(imported.toml.contains("name = \"my dict\""), "{}", imported.toml);
        assert!(imported.toml.contains("weight = 2.0\npatterns = [\n  \"landslide\",\n]"), "{}", imported.toml);
    }
}
