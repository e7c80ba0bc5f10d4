//! The draft lexicon of `discover --as-lexicon`: the candidates as a TOML lexicon to review, edit
//! and keep. One frame (`discovered`, or `discovered_<group>` per group with `--by`), one motif
//! per candidate: its id is the phrase transliterated to ASCII (`root causes` → `root_causes`,
//! `коллективный запад` → `kollektivnyi_zapad`, made unique with `_2`, `_3`…), its label the
//! phrase, its one pattern the phrase itself (normalised tokens: it matches exactly what was
//! counted), its description the figures, and its `examples` the sentence of the example, so that
//! `leitmotif lexicon test` passes on the draft as written and keeps passing as patterns are
//! edited. The draft passes `leitmotif lexicon check`.

use super::Candidate;
use crate::lexicon::import::slug;
use std::collections::HashSet;
use std::fmt::Write;

/// The TOML text of the draft lexicon `name` in `language` (`und` when unknown).
pub fn draft_lexicon(candidates: &[Candidate], name: &str, language: &str) -> String {
    let quote = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut out = String::new();
    let _ = writeln!(out, "name = {}", quote(name));
    let _ = writeln!(out, "language = {}", quote(language));
    let _ = writeln!(out, "version = \"1\"");
    let _ = writeln!(
        out,
        "description = \"Candidate leitmotifs proposed by leitmotif discover: review, merge and rename before use\""
    );
    let mut ids: HashSet<String> = HashSet::new();
    let mut frame_ids: HashSet<String> = HashSet::new();
    let mut current: Option<&str> = None;
    for candidate in candidates {
        if current != Some(candidate.group.as_str()) {
            current = Some(candidate.group.as_str());
            let (id, label) = if candidate.group.is_empty() {
                ("discovered".to_string(), "Discovered".to_string())
            } else {
                (format!("discovered_{}", slug(&candidate.group)), format!("Discovered in {}", candidate.group))
            };
            let id = unique(id, &mut frame_ids);
            let _ = writeln!(out, "\n[[frames]]\nid = {}\nlabel = {}", quote(&id), quote(&label));
        }
        let id = unique(slug(&candidate.phrase), &mut ids);
        let mut description = format!("{} of {} documents", candidate.docs, candidate.units);
        if let (Some(first), Some(last)) = (&candidate.first_date, &candidate.last_date) {
            let _ = write!(description, ", {first} to {last}");
        }
        if let (Some(g2), Some(ratio)) = (candidate.g2, candidate.log_ratio) {
            let _ = write!(description, "; G2 {g2:.1}, log ratio {ratio:.2}");
        }
        let _ = write!(description, "; first in {}", candidate.example_doc);
        let _ = writeln!(
            out,
            "\n[[frames.motifs]]\nid = {}\nlabel = {}\ndescription = {}\npatterns = [{}]\nexamples = [{}]",
            quote(&id),
            quote(&candidate.phrase),
            quote(&description),
            quote(&candidate.phrase),
            quote(&candidate.example.sentence)
        );
    }
    out
}

/// `id`, or `id_2`, `id_3`… when taken.
fn unique(id: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{id}_{n}");
        n += 1;
    }
    candidate
}
