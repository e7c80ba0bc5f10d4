//! The sample of hits to judge: up to N hits per motif (the strata), drawn with a seed.
//!
//! Every hit gets a pseudo-random priority from the seed, its document's position in the input
//! and its position among the document's hits; each motif keeps the N hits of smallest priority
//! (bottom-k sampling, a reservoir whose outcome does not depend on the order hits arrive in). So
//! within a motif every hit is equally likely to be drawn, memory is N rows per motif whatever the
//! corpus, and the same seed draws the same sample at any thread count. Rows come by motif in
//! lexicon order, then in input order.

use crate::hashing::{combine, mix64};
use crate::lexicon::LexiconSet;
use crate::output::{Cell, DocumentResult, RowsTable, Schema};
use crate::text::NO_SPEAKER;
use std::collections::BinaryHeap;

/// Hits sampled per motif unless asked otherwise.
pub const DEFAULT_SAMPLE: usize = 20;

/// One sampled hit: its priority, its place (to sort the output) and its row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Drawn {
    priority: u64,
    place: (u64, usize),
    row: Vec<String>,
}

/// The running sample.
#[derive(Debug, Clone)]
pub struct Sampler {
    per_motif: usize,
    seed: u64,
    /// Per motif, the kept hits; the top of each heap is the largest priority kept.
    kept: Vec<BinaryHeap<Drawn>>,
    frames: Vec<String>,
    motifs: Vec<(String, usize)>,
    patterns: Vec<String>,
}

impl Sampler {
    /// A sample of up to `per_motif` hits per motif of `lexicons`, drawn with `seed`.
    pub fn new(lexicons: &LexiconSet, per_motif: usize, seed: u64) -> Sampler {
        Sampler {
            per_motif,
            seed,
            kept: vec![BinaryHeap::new(); lexicons.motifs.len()],
            frames: lexicons.frames.iter().map(|f| f.id.clone()).collect(),
            motifs: lexicons.motifs.iter().map(|m| (m.id.clone(), m.frame)).collect(),
            patterns: lexicons.patterns.iter().map(|p| p.source.clone()).collect(),
        }
    }

    /// Offers the hits of the document at input position `ordinal`, dated `date`.
    pub fn add(&mut self, ordinal: u64, result: &DocumentResult, date: &str) {
        if self.per_motif == 0 {
            return;
        }
        let document = combine(mix64(self.seed), ordinal);
        let meta_speaker = result.meta.iter().find(|(k, _)| k == "speaker").map_or("", |(_, v)| v.as_str());
        for (index, hit) in result.hits.iter().enumerate() {
            let priority = combine(document, index as u64);
            let heap = &mut self.kept[hit.motif];
            if heap.len() >= self.per_motif && heap.peek().is_some_and(|top| top.priority <= priority) {
                continue;
            }
            let (motif, frame) = &self.motifs[hit.motif];
            let speaker = if hit.speaker == NO_SPEAKER { meta_speaker } else { hit.speaker.as_str() };
            let row = vec![
                result.id.clone(),
                date.to_string(),
                speaker.to_string(),
                self.frames[*frame].clone(),
                motif.clone(),
                self.patterns[hit.pattern].clone(),
                hit.left.clone(),
                hit.matched.clone(),
                hit.right.clone(),
            ];
            heap.push(Drawn { priority, place: (ordinal, index), row });
            if heap.len() > self.per_motif {
                heap.pop();
            }
        }
    }

    /// The `sample` table.
    pub fn table(self, _lexicons: &LexiconSet) -> RowsTable {
        let mut rows = Vec::new();
        for heap in self.kept {
            let mut drawn = heap.into_vec();
            drawn.sort_by_key(|d| d.place);
            for Drawn { row, .. } in drawn {
                let mut cells: Vec<Cell> = row.into_iter().map(Cell::Text).collect();
                cells.push(Cell::Empty);
                rows.push(cells);
            }
        }
        RowsTable { schema: Schema::sample(), rows }
    }
}
