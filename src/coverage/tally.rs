//! Per motif and per pattern: documents hit, hits, and the first and last date seen; written as
//! the `coverage` table.
//!
//! A hit belongs to the pattern that won it under the counting rules (overlapping matches of one
//! motif count once, the longest wins), so the hits of a motif's patterns add up to the motif's
//! hits. `frame_share` is the row's hits ÷ the hits of all motifs of its frame (0 when the frame
//! has none). Rows: each motif in lexicon order, then each of its patterns in the order of the
//! lexicon files (exclude patterns, which never hit, are not listed); the motif's own row has an
//! empty `pattern` and `lexicon`.

use super::dates::{Dated, Span};
use crate::lexicon::LexiconSet;
use crate::output::{Cell, DocumentResult, RowsTable, Schema};

/// Counts for one motif or one pattern.
#[derive(Debug, Clone, Default, PartialEq)]
struct Counts {
    docs: u64,
    hits: u64,
    dates: Span,
}

impl Counts {
    fn add(&mut self, hits: u64, date: Option<Dated>) {
        if hits > 0 {
            self.docs += 1;
            self.hits += hits;
            self.dates.see(date);
        }
    }
}

/// The running counts of a coverage run.
#[derive(Debug, Clone)]
pub struct Tally {
    motifs: Vec<Counts>,
    patterns: Vec<Counts>,
    /// Per-document scratch: hits per motif and per pattern.
    motif_hits: Vec<u64>,
    pattern_hits: Vec<u64>,
}

impl Tally {
    /// Zero counts for every motif and pattern of `lexicons`.
    pub fn new(lexicons: &LexiconSet) -> Tally {
        Tally {
            motifs: vec![Counts::default(); lexicons.motifs.len()],
            patterns: vec![Counts::default(); lexicons.patterns.len()],
            motif_hits: vec![0; lexicons.motifs.len()],
            pattern_hits: vec![0; lexicons.patterns.len()],
        }
    }

    /// Adds one document (all its rows' hits) dated `date`.
    pub fn add(&mut self, result: &DocumentResult, date: Option<Dated>) {
        for hit in &result.hits {
            self.motif_hits[hit.motif] += 1;
            self.pattern_hits[hit.pattern] += 1;
        }
        for (counts, hits) in self.motifs.iter_mut().zip(&mut self.motif_hits) {
            counts.add(std::mem::take(hits), date);
        }
        for (counts, hits) in self.patterns.iter_mut().zip(&mut self.pattern_hits) {
            counts.add(std::mem::take(hits), date);
        }
    }

    /// The `coverage` table.
    pub fn table(&self, lexicons: &LexiconSet) -> RowsTable {
        let mut frame_hits = vec![0u64; lexicons.frames.len()];
        for (motif, counts) in lexicons.motifs.iter().zip(&self.motifs) {
            frame_hits[motif.frame] += counts.hits;
        }
        let row = |frame: usize, motif: &str, pattern: &str, lexicon: &str, counts: &Counts| {
            let share = if frame_hits[frame] == 0 { 0.0 } else { counts.hits as f64 / frame_hits[frame] as f64 };
            let date = |d: &Option<(f64, String)>| d.as_ref().map_or(Cell::Empty, |(_, raw)| Cell::Text(raw.clone()));
            vec![
                Cell::Text(lexicons.frames[frame].id.clone()),
                Cell::Text(motif.to_string()),
                Cell::Text(pattern.to_string()),
                Cell::Text(lexicon.to_string()),
                Cell::Int(counts.docs as i64),
                Cell::Int(counts.hits as i64),
                Cell::Float(share),
                date(&counts.dates.first),
                date(&counts.dates.last),
            ]
        };
        let mut rows = Vec::new();
        for (index, motif) in lexicons.motifs.iter().enumerate() {
            rows.push(row(motif.frame, &motif.id, "", "", &self.motifs[index]));
            for (entry, pattern) in lexicons.patterns.iter().enumerate() {
                if pattern.motif == index && pattern.is_match() {
                    let lexicon = &lexicons.lexicons[pattern.lexicon].name;
                    rows.push(row(motif.frame, &motif.id, &pattern.source, lexicon, &self.patterns[entry]));
                }
            }
        }
        RowsTable { schema: Schema::coverage(), rows }
    }
}
