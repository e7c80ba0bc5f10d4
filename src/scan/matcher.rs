//! The compiled matcher and its per-document pass (see the module docs of `scan` and DESIGN.md).

use super::anchor::anchor_step;
use super::dictionary::{AtomId, TokenDictionary};
use super::regex_patterns::RegexPatterns;
use super::resolve::{resolve, Candidate};
use super::{DocumentScan, Hit};
use crate::error::Result;
use crate::lexicon::{Atom, LexiconSet, Pattern};
use crate::text::{normalize_into, Segmentation};
use std::collections::HashMap;

/// A token-sequence pattern with its atoms replaced by ids.
struct CompiledSequence {
    entry: usize,
    steps: Vec<CompiledStep>,
    /// The step looked up in the anchor dictionary; the others are verified around it.
    anchor: usize,
}

struct CompiledStep {
    max_gap_before: usize,
    /// Sorted atom ids.
    alternatives: Vec<AtomId>,
}

/// All patterns of a [`LexiconSet`], compiled for one-pass scanning. `Send + Sync`: one matcher
/// serves every worker thread.
pub struct Matcher {
    /// Every atom of every pattern, for verification around an anchor.
    dictionary: TokenDictionary,
    /// The atoms of anchor steps only: what every document token is looked up in.
    anchor_dictionary: TokenDictionary,
    sequences: Vec<CompiledSequence>,
    /// For each atom: the sequences whose anchor step accepts it.
    anchored: Vec<Vec<u32>>,
    regexes: Option<RegexPatterns>,
    /// For each pattern entry: motif, weight, exclude.
    entries: Vec<(usize, f64, bool)>,
}

/// Per-thread buffers reused from one document to the next.
#[derive(Default)]
pub struct Scratch {
    /// Per token: its range in `atom_ids`, or `NOT_LOOKED_UP`.
    atom_ranges: Vec<(u32, u32)>,
    atom_ids: Vec<AtomId>,
    anchors: Vec<AtomId>,
    normalised: String,
    tried: Vec<u32>,
    candidates: Vec<Candidate>,
}

const NOT_LOOKED_UP: (u32, u32) = (u32::MAX, u32::MAX);

impl Matcher {
    /// Compiles every pattern of the lexicon set.
    pub fn new(lexicons: &LexiconSet) -> Result<Matcher> {
        let mut atom_ids: HashMap<Atom, AtomId> = HashMap::new();
        let mut atoms: Vec<Atom> = Vec::new();
        let mut sequences = Vec::new();
        let mut regex_entries = Vec::new();
        for (entry, pattern) in lexicons.patterns.iter().enumerate() {
            let expansions = match &pattern.pattern {
                Pattern::Regex(expression) => {
                    regex_entries.push((entry, expression.clone()));
                    continue;
                }
                Pattern::Sequence(expansions) => expansions,
            };
            for steps in expansions {
                let anchor = anchor_step(&steps.iter().map(|s| s.alternatives.iter().collect()).collect::<Vec<_>>());
                let steps = steps
                    .iter()
                    .map(|step| {
                        let mut alternatives: Vec<AtomId> = step
                            .alternatives
                            .iter()
                            .map(|atom| {
                                *atom_ids.entry(atom.clone()).or_insert_with(|| {
                                    atoms.push(atom.clone());
                                    (atoms.len() - 1) as AtomId
                                })
                            })
                            .collect();
                        alternatives.sort_unstable();
                        alternatives.dedup();
                        CompiledStep { max_gap_before: step.max_gap_before, alternatives }
                    })
                    .collect();
                sequences.push(CompiledSequence { entry, steps, anchor });
            }
        }
        let mut anchored = vec![Vec::new(); atoms.len()];
        for (index, sequence) in sequences.iter().enumerate() {
            for &atom in &sequence.steps[sequence.anchor].alternatives {
                anchored[atom as usize].push(index as u32);
            }
        }
        let anchor_atoms = (0..atoms.len() as AtomId).filter(|&a| !anchored[a as usize].is_empty());
        Ok(Matcher {
            dictionary: TokenDictionary::new(atoms.iter().zip(0..)),
            anchor_dictionary: TokenDictionary::new(anchor_atoms.map(|a| (&atoms[a as usize], a))),
            sequences,
            anchored,
            regexes: RegexPatterns::new(lexicons, regex_entries)?,
            entries: lexicons.patterns.iter().map(|p| (p.motif, p.weight, p.exclude)).collect(),
        })
    }

    /// Tokenises `text`, finds its hits and resolves overlaps and vetoes.
    pub fn scan(&self, text: &str, scratch: &mut Scratch) -> DocumentScan {
        self.scan_with_breaks(text, &[], scratch)
    }

    /// Like [`Matcher::scan`], with extra sentence breaks (sorted byte offsets) that no match may
    /// cross, such as the starts of speaker turns.
    pub fn scan_with_breaks(&self, text: &str, breaks: &[usize], scratch: &mut Scratch) -> DocumentScan {
        let mut segmentation = Segmentation::default();
        segmentation.analyse_with_breaks(text, breaks);
        scratch.candidates.clear();
        self.find_sequences(text, &segmentation, scratch);
        if let Some(regexes) = &self.regexes {
            regexes.find(text, &segmentation, &mut scratch.candidates);
        }
        let hits = resolve(&mut scratch.candidates, &self.entries, &segmentation)
            .into_iter()
            .map(|c| {
                let (motif, weight, _) = self.entries[c.entry];
                Hit {
                    pattern: c.entry,
                    motif,
                    first_token: c.first,
                    end_token: c.end,
                    start: segmentation.tokens[c.first].start,
                    end: segmentation.tokens[c.end - 1].end,
                    sentence: segmentation.token_sentence[c.first] as usize,
                    weight,
                }
            })
            .collect();
        DocumentScan { segmentation, hits }
    }

    /// Looks every token up in the anchor dictionary; verifies each anchored sequence around it.
    fn find_sequences(&self, text: &str, segmentation: &Segmentation, scratch: &mut Scratch) {
        scratch.atom_ranges.clear();
        scratch.atom_ranges.resize(segmentation.tokens.len(), NOT_LOOKED_UP);
        scratch.atom_ids.clear();
        let Scratch { atom_ranges, atom_ids, anchors, normalised, tried, candidates } = scratch;
        let mut view = TokenAtoms {
            text,
            segmentation,
            dictionary: &self.dictionary,
            ranges: atom_ranges,
            ids: atom_ids,
            normalised,
        };
        for token in 0..segmentation.tokens.len() {
            anchors.clear();
            view.look_up(&self.anchor_dictionary, token, anchors);
            if anchors.is_empty() {
                continue;
            }
            tried.clear();
            let sentence = segmentation.token_sentence[token];
            for &atom in anchors.iter() {
                for &index in &self.anchored[atom as usize] {
                    if tried.contains(&index) {
                        continue;
                    }
                    tried.push(index);
                    let sequence = &self.sequences[index as usize];
                    let (before, rest) = sequence.steps.split_at(sequence.anchor);
                    let after = &rest[1..];
                    let gap = rest[0].max_gap_before;
                    let Some(first) = view.earliest_start(before, gap, token, sentence) else {
                        continue;
                    };
                    if let Some(end) = view.longest_end(after, token + 1, sentence) {
                        candidates.push(Candidate { entry: sequence.entry, first, end });
                    }
                }
            }
        }
    }
}

/// The atoms of each token of one document, looked up in the full dictionary on demand.
struct TokenAtoms<'a> {
    text: &'a str,
    segmentation: &'a Segmentation,
    dictionary: &'a TokenDictionary,
    ranges: &'a mut Vec<(u32, u32)>,
    ids: &'a mut Vec<AtomId>,
    normalised: &'a mut String,
}

impl TokenAtoms<'_> {
    /// Appends the atoms of `token` in `dictionary` to `out`.
    fn look_up(&mut self, dictionary: &TokenDictionary, token: usize, out: &mut Vec<AtomId>) {
        let span = self.segmentation.tokens[token];
        let raw = &self.text[span.start..span.end];
        if raw.is_ascii() {
            dictionary.lookup(raw, out);
        } else {
            self.normalised.clear();
            normalize_into(raw, self.normalised);
            dictionary.lookup(self.normalised, out);
        }
    }

    fn accepts(&mut self, token: usize, step: &CompiledStep) -> bool {
        if self.ranges[token] == NOT_LOOKED_UP {
            let start = self.ids.len() as u32;
            let mut ids = std::mem::take(self.ids);
            self.look_up(self.dictionary, token, &mut ids);
            *self.ids = ids;
            self.ranges[token] = (start, self.ids.len() as u32);
        }
        let (start, end) = self.ranges[token];
        self.ids[start as usize..end as usize].iter().any(|a| step.alternatives.binary_search(a).is_ok())
    }

    fn in_sentence(&self, token: usize, sentence: u32) -> bool {
        self.segmentation.token_sentence.get(token) == Some(&sentence)
    }

    /// The largest end (exclusive token index) at which `steps` match starting at `position`,
    /// staying inside `sentence`.
    fn longest_end(&mut self, steps: &[CompiledStep], position: usize, sentence: u32) -> Option<usize> {
        let Some((step, rest)) = steps.split_first() else {
            return Some(position);
        };
        let mut best = None;
        for token in position..=position + step.max_gap_before {
            if !self.in_sentence(token, sentence) {
                break;
            }
            if self.accepts(token, step) {
                best = best.max(self.longest_end(rest, token + 1, sentence));
            }
        }
        best
    }

    /// The smallest start at which `steps` match ending right before `end` with at most
    /// `gap_after` tokens between them and `end`, staying inside `sentence`.
    fn earliest_start(&mut self, steps: &[CompiledStep], gap_after: usize, end: usize, sentence: u32) -> Option<usize> {
        let Some((step, rest)) = steps.split_last() else {
            return Some(end);
        };
        let mut best: Option<usize> = None;
        for token in (end.saturating_sub(gap_after + 1)..end).rev() {
            if !self.in_sentence(token, sentence) {
                break;
            }
            if self.accepts(token, step) {
                if let Some(start) = self.earliest_start(rest, step.max_gap_before, token, sentence) {
                    best = Some(best.map_or(start, |b| b.min(start)));
                }
            }
        }
        best
    }
}
