//! Phase two for one document (the *target*): the detector's own per-document step
//! (`detect::passages_of`: chain, widen, check, resolve, long verbatim runs) run on the data that
//! arrived for it — its seeds (each fingerprint with its earliest holder), the documents those
//! seeds name, and, once asked for, the earlier holders of some hashes and the documents holding
//! them. What the step asks for and was not given is recorded; the outcome is then not passages
//! but [`Needs`], and the driver runs the target again with them added. Given everything it asks
//! for, the step reads exactly what the in-memory detector reads, so its passages are the same.

use super::keys::DocKey;
use crate::reuse::chain::Seed;
use crate::reuse::detect::passages_of;
use crate::reuse::exact::MAX_ANCHOR_OCCURRENCES;
use crate::reuse::fingerprint::ReuseDoc;
use crate::reuse::sources::Sources;
use crate::reuse::Passage;
use crate::text::CharOffsets;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// The earlier holders of a hash kept for a target: as many as the fallback reads, plus one (its
/// counts are capped there).
pub const HOLDERS_KEPT: usize = MAX_ANCHOR_OCCURRENCES + 1;

/// A document held for a target, with its key.
#[derive(Clone, Copy)]
pub struct Held<'a> {
    pub doc: &'a ReuseDoc,
    pub key: DocKey,
    /// Whether its record carried an order value (`--order-by`): `source_order` is then that
    /// value, else the input ordinal, as in `passages.csv`.
    pub ordered: bool,
}

/// What a target's step asked for and was not given.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Needs {
    /// Documents (their keys).
    pub docs: BTreeSet<DocKey>,
    /// Hashes whose earlier holders are wanted.
    pub hashes: BTreeSet<u64>,
}

impl Needs {
    /// Whether nothing is needed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty() && self.hashes.is_empty()
    }
}

/// One target and the data that arrived for it.
pub struct Target<'a> {
    /// The target's key.
    pub key: DocKey,
    /// The documents held for it alone, by ordinal.
    pub docs: HashMap<u64, Held<'a>>,
    /// Documents held for every target of its group (`resolve --grouped`), by ordinal.
    pub shared: Option<&'a HashMap<u64, Held<'a>>>,
    /// Its fingerprints: (position, earliest holder, position there).
    pub seeds: Vec<(u32, DocKey, u32)>,
    /// Earlier holders of some hashes: (holder, position), any order (sorted and cut when run).
    pub holds: HashMap<u64, Vec<(DocKey, u32)>>,
    needs: RefCell<Needs>,
}

/// The outcome of one run of a target's step.
pub enum Outcome {
    /// Complete: its passages (ordered by start).
    Passages(Vec<PassageRow>),
    /// Incomplete: what to add before running it again.
    Needs(Needs),
}

impl<'a> Target<'a> {
    /// A target with no data yet.
    pub fn new(key: DocKey) -> Target<'a> {
        Target {
            key,
            docs: HashMap::new(),
            shared: None,
            seeds: Vec::new(),
            holds: HashMap::new(),
            needs: RefCell::default(),
        }
    }

    /// A document held for it, alone or with its group.
    fn held(&self, ordinal: u64) -> Option<&Held<'a>> {
        self.docs.get(&ordinal).or_else(|| self.shared.and_then(|shared| shared.get(&ordinal)))
    }

    /// Runs the detector's per-document step on what is held.
    pub fn run(&mut self, min_words: usize) -> Outcome {
        for holders in self.holds.values_mut() {
            holders.retain(|(holder, _)| holder.rank < self.key.rank);
            holders.sort_unstable();
            holders.dedup();
            holders.truncate(HOLDERS_KEPT);
        }
        let mut needs = Needs::default();
        if self.held(self.key.ordinal).is_none() {
            needs.docs.insert(self.key);
        }
        let mut seeds = Vec::with_capacity(self.seeds.len());
        for &(pos, holder, source_pos) in &self.seeds {
            if holder.ordinal == self.key.ordinal {
                continue; // its own first occurrence: a refrain seed, not recycling
            }
            if self.held(holder.ordinal).is_none() {
                needs.docs.insert(holder);
            }
            seeds.push(Seed { source: holder.ordinal as u32, pos, source_pos });
        }
        if !needs.is_empty() {
            return Outcome::Needs(needs);
        }
        *self.needs.borrow_mut() = Needs::default();
        let passages = passages_of(self.key.ordinal as usize, &mut seeds, &*self, min_words);
        let needs = self.needs.take();
        if needs.is_empty() {
            Outcome::Passages(self.rows(&passages))
        } else {
            Outcome::Needs(needs)
        }
    }

    /// Whether every word position and source named by the seeds fits its document; the seeds
    /// must be checked before the step reads them (`Err` names the first that does not fit).
    pub fn check_seeds(&self) -> Result<(), String> {
        let fits = |ordinal: u64, pos: u32| {
            self.held(ordinal).is_none_or(|held| (pos as usize) < held.doc.words.len().saturating_sub(3))
        };
        if self.docs.values().any(|held| held.doc.words.len() > u32::MAX as usize)
            || self.key.ordinal > u64::from(u32::MAX)
        {
            return Err("a document or ordinal too large for reuse detection".into());
        }
        for &(pos, holder, source_pos) in &self.seeds {
            if !fits(self.key.ordinal, pos) || !fits(holder.ordinal, source_pos) || holder.ordinal > u64::from(u32::MAX)
            {
                return Err(format!(
                    "seed at word {pos} (holder {} word {source_pos}) lies past its document",
                    holder.ordinal
                ));
            }
        }
        Ok(())
    }

    /// The rows of the passages found.
    fn rows(&self, passages: &[Passage]) -> Vec<PassageRow> {
        let own = *self.held(self.key.ordinal).expect("checked by run");
        let own_offsets = own.doc.compact.decode();
        let chars = CharOffsets::new(&own.doc.text);
        let mut sources: HashMap<usize, Vec<(u32, u32)>> = HashMap::new();
        passages
            .iter()
            .map(|p| {
                let source = *self.held(p.source as u64).expect("every seed's holder is checked by run");
                let source_offsets = sources.entry(p.source).or_insert_with(|| source.doc.compact.decode());
                let source_order = if source.ordered { source.doc.order_value.clone() } else { p.source.to_string() };
                PassageRow {
                    doc_key: own.key.text(),
                    start: p.start,
                    end: p.end,
                    source_key: source.key.text(),
                    source_start: p.source_start,
                    source_end: p.source_end,
                    similarity: p.similarity,
                    doc_id: own.doc.id.clone(),
                    start_char: own_offsets[p.start].0,
                    end_char: own_offsets[p.end - 1].1,
                    source_id: source.doc.id.clone(),
                    source_start_char: source_offsets[p.source_start].0,
                    source_end_char: source_offsets[p.source_end - 1].1,
                    source_order,
                    text: own.doc.quote(&chars, p.start, p.end, crate::output::QUOTE_CHARS),
                }
            })
            .collect()
    }
}

impl Sources for Target<'_> {
    fn words(&self, doc: usize) -> &[u32] {
        self.held(doc as u64).map_or(&[], |held| &held.doc.words)
    }

    fn words_if_held(&self, doc: usize) -> Option<&[u32]> {
        match self.held(doc as u64) {
            Some(held) => Some(&held.doc.words),
            None => {
                let key = self.holds.values().flatten().find(|(holder, _)| holder.ordinal == doc as u64);
                if let Some(&(key, _)) = key {
                    self.needs.borrow_mut().docs.insert(key);
                }
                None
            }
        }
    }

    fn rank(&self, doc: usize) -> u128 {
        self.held(doc as u64).map_or(u128::MAX, |held| held.key.rank)
    }

    fn count_earlier(&self, hash: u64, _doc: usize, cap: usize) -> usize {
        match self.holds.get(&hash) {
            Some(holders) => holders.len().min(cap),
            None => {
                self.needs.borrow_mut().hashes.insert(hash);
                cap
            }
        }
    }

    fn earlier(&self, hash: u64, _doc: usize, at_most: usize) -> Vec<(usize, u32)> {
        match self.holds.get(&hash) {
            Some(holders) => {
                holders.iter().take(at_most).map(|(holder, pos)| (holder.ordinal as usize, *pos)).collect()
            }
            None => {
                self.needs.borrow_mut().hashes.insert(hash);
                Vec::new()
            }
        }
    }
}

/// A passage found by phase two, before clusters are numbered: the keys and word ranges that
/// order and cluster it, and the values of its `passages.csv` cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageRow {
    /// The document's key (`keys.rs`).
    pub doc_key: String,
    /// Its first word.
    pub start: usize,
    /// The word after its last.
    pub end: usize,
    /// The key of its earliest source.
    pub source_key: String,
    /// First word in the source.
    pub source_start: usize,
    /// The word after its last in the source.
    pub source_end: usize,
    /// As in [`Passage::similarity`].
    pub similarity: f64,
    /// `passages.csv`'s `doc_id`.
    pub doc_id: String,
    /// `start`: character offset of the first word.
    pub start_char: u32,
    /// `end`: character offset after the last word.
    pub end_char: u32,
    /// `source_doc_id`.
    pub source_id: String,
    /// `source_start`, in characters.
    pub source_start_char: u32,
    /// `source_end`, in characters.
    pub source_end_char: u32,
    /// `source_order`: the source's order value, or its input ordinal without `--order-by`.
    pub source_order: String,
    /// `text`: the passage quoted.
    pub text: String,
}
