//! The compiled matcher and its per-document pass (see the module docs of `scan`).

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
}

struct CompiledStep {
    max_gap_before: usize,
    /// Sorted atom ids.
    alternatives: Vec<AtomId>,
}

/// All patterns of a [`LexiconSet`], compiled for one-pass scanning. `Send + Sync`: one matcher
/// serves every worker thread.
pub struct Matcher {
    dictionary: TokenDictionary,
    sequences: Vec<CompiledSequence>,
    /// For each atom: the sequences whose first step accepts it.
    starts: Vec<Vec<u32>>,
    regexes: Option<RegexPatterns>,
    /// For each pattern entry: motif, weight, exclude.
    entries: Vec<(usize, f64, bool)>,
}

/// Per-thread buffers reused from one document to the next.
#[derive(Default)]
pub struct Scratch {
    atom_offsets: Vec<u32>,
    atom_ids: Vec<AtomId>,
    normalised: String,
    tried: Vec<u32>,
    candidates: Vec<Candidate>,
}

impl Matcher {
    pub fn new(lexicons: &LexiconSet) -> Result<Matcher> {
        let mut atom_ids: HashMap<Atom, AtomId> = HashMap::new();
        let mut atoms: Vec<Atom> = Vec::new();
        let mut sequences = Vec::new();
        let mut regex_entries = Vec::new();
        for (entry, pattern) in lexicons.patterns.iter().enumerate() {
            match &pattern.pattern {
                Pattern::Regex(expression) => regex_entries.push((entry, expression.clone())),
                Pattern::Sequence(expansions) => {
                    for steps in expansions {
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
                                CompiledStep {
                                    max_gap_before: step.max_gap_before,
                                    alternatives,
                                }
                            })
                            .collect();
                        sequences.push(CompiledSequence { entry, steps });
                    }
                }
            }
        }
        let mut starts = vec![Vec::new(); atoms.len()];
        for (index, sequence) in sequences.iter().enumerate() {
            for &atom in &sequence.steps[0].alternatives {
                starts[atom as usize].push(index as u32);
            }
        }
        let entries = lexicons
            .patterns
            .iter()
            .map(|p| (p.motif, p.weight, p.exclude))
            .collect();
        Ok(Matcher {
            dictionary: TokenDictionary::new(&atoms),
            sequences,
            starts,
            regexes: RegexPatterns::new(regex_entries)?,
            entries,
        })
    }

    /// Tokenises `text`, finds its hits and resolves overlaps and vetoes.
    pub fn scan(&self, text: &str, scratch: &mut Scratch) -> DocumentScan {
        let mut segmentation = Segmentation::default();
        segmentation.analyse(text);
        self.look_up_tokens(text, &segmentation, scratch);
        scratch.candidates.clear();
        self.find_sequences(&segmentation, scratch);
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

    /// Fills the per-token atom lists (CSR layout in `atom_offsets` / `atom_ids`).
    fn look_up_tokens(&self, text: &str, segmentation: &Segmentation, scratch: &mut Scratch) {
        scratch.atom_offsets.clear();
        scratch.atom_ids.clear();
        scratch.atom_offsets.push(0);
        for token in &segmentation.tokens {
            let raw = &text[token.start..token.end];
            if raw.is_ascii() {
                self.dictionary.lookup(raw, &mut scratch.atom_ids);
            } else {
                scratch.normalised.clear();
                normalize_into(raw, &mut scratch.normalised);
                self.dictionary
                    .lookup(&scratch.normalised, &mut scratch.atom_ids);
            }
            scratch.atom_offsets.push(scratch.atom_ids.len() as u32);
        }
    }

    fn find_sequences(&self, segmentation: &Segmentation, scratch: &mut Scratch) {
        let view = TokenAtoms {
            offsets: &scratch.atom_offsets,
            ids: &scratch.atom_ids,
            segmentation,
        };
        for token in 0..segmentation.tokens.len() {
            scratch.tried.clear();
            for &atom in view.atoms(token) {
                for &index in &self.starts[atom as usize] {
                    if scratch.tried.contains(&index) {
                        continue;
                    }
                    scratch.tried.push(index);
                    let sequence = &self.sequences[index as usize];
                    let sentence = segmentation.token_sentence[token];
                    if let Some(end) = view.longest_end(&sequence.steps[1..], token + 1, sentence) {
                        scratch.candidates.push(Candidate {
                            entry: sequence.entry,
                            first: token,
                            end,
                        });
                    }
                }
            }
        }
    }
}

/// Read access to the atoms of each token of one document.
struct TokenAtoms<'a> {
    offsets: &'a [u32],
    ids: &'a [AtomId],
    segmentation: &'a Segmentation,
}

impl TokenAtoms<'_> {
    fn atoms(&self, token: usize) -> &[AtomId] {
        &self.ids[self.offsets[token] as usize..self.offsets[token + 1] as usize]
    }

    fn accepts(&self, token: usize, step: &CompiledStep) -> bool {
        self.atoms(token)
            .iter()
            .any(|a| step.alternatives.binary_search(a).is_ok())
    }

    /// The largest end (exclusive token index) at which `steps` match starting at `position`,
    /// staying inside `sentence`.
    fn longest_end(&self, steps: &[CompiledStep], position: usize, sentence: u32) -> Option<usize> {
        let Some((step, rest)) = steps.split_first() else {
            return Some(position);
        };
        let sentences = &self.segmentation.token_sentence;
        let mut best = None;
        for token in position..=position + step.max_gap_before {
            if token >= sentences.len() || sentences[token] != sentence {
                break;
            }
            if self.accepts(token, step) {
                best = best.max(self.longest_end(rest, token + 1, sentence));
            }
        }
        best
    }
}
