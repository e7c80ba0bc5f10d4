//! The compiled matcher and its per-document pass (see the module docs of `scan` and DESIGN.md).

use super::anchor::anchor_step;
use super::dictionary::{AtomId, TokenDictionary};
use super::near::CompiledNear;
use super::regex_patterns::RegexPatterns;
use super::resolve::{resolve, Candidate, Rule};
use super::token_atoms::{CompiledStep, StemCache, StemTable, TokenAtoms};
use super::{DocumentScan, Hit};
use crate::error::Result;
use crate::lexicon::{Atom, LexiconSet, Pattern, Role, StemLanguage, Step};
use crate::text::{paragraph_breaks, Segmentation};
use std::collections::HashMap;

/// A token-sequence pattern with its atoms replaced by ids.
struct CompiledSequence {
    entry: usize,
    steps: Vec<CompiledStep>,
    /// The step looked up in the anchor dictionary; the others are verified around it.
    anchor: usize,
}

/// All patterns of a [`LexiconSet`], compiled for one-pass scanning. `Send + Sync`: one matcher
/// serves every worker thread.
pub struct Matcher {
    /// Every atom of every pattern, for verification around an anchor.
    dictionary: TokenDictionary,
    /// The atoms of anchor steps only: what every document token is looked up in.
    anchor_dictionary: TokenDictionary,
    /// For each atom id: its language and stem if it is a stem atom; empty without stem mode.
    stems: Vec<Option<(StemLanguage, Box<str>)>>,
    sequences: Vec<CompiledSequence>,
    nears: Vec<CompiledNear>,
    /// For each atom: the units anchored on it (below `sequences.len()`: a sequence; from there on,
    /// a proximity pattern).
    anchored: Vec<Vec<u32>>,
    regexes: Option<RegexPatterns>,
    /// For each pattern entry: what its matches do.
    rules: Vec<Rule>,
    /// Some pattern requires context: paragraphs are needed.
    needs_paragraphs: bool,
    /// For each motif: whether it is a frame's cues.
    cue_motifs: Vec<bool>,
}

/// Per-thread buffers reused from one document to the next.
#[derive(Default)]
pub struct Scratch {
    /// Per token: its range in `atom_ids`, or not looked up yet.
    atom_ranges: Vec<(u32, u32)>,
    atom_ids: Vec<AtomId>,
    anchors: Vec<AtomId>,
    normalised: String,
    tried: Vec<u32>,
    window: Vec<(usize, u8)>,
    found: Vec<(usize, usize)>,
    candidates: Vec<Candidate>,
    paragraphs: Vec<u32>,
    stem_cache: StemCache,
}

/// Gives atoms ids, once each.
#[derive(Default)]
struct Atoms {
    ids: HashMap<Atom, AtomId>,
    list: Vec<Atom>,
}

impl Atoms {
    fn step(&mut self, max_gap_before: usize, atoms: &[Atom]) -> CompiledStep {
        let mut alternatives: Vec<AtomId> = atoms
            .iter()
            .map(|atom| {
                *self.ids.entry(atom.clone()).or_insert_with(|| {
                    self.list.push(atom.clone());
                    (self.list.len() - 1) as AtomId
                })
            })
            .collect();
        alternatives.sort_unstable();
        alternatives.dedup();
        CompiledStep { max_gap_before, alternatives }
    }
}

impl Matcher {
    /// Compiles every pattern of the lexicon set.
    pub fn new(lexicons: &LexiconSet) -> Result<Matcher> {
        let mut atoms = Atoms::default();
        let mut sequences = Vec::new();
        let mut nears = Vec::new();
        let mut regex_entries = Vec::new();
        for (entry, pattern) in lexicons.patterns.iter().enumerate() {
            match &pattern.pattern {
                Pattern::Regex(expression) => regex_entries.push((entry, expression.clone())),
                Pattern::Sequence(expansions) => {
                    for steps in expansions {
                        let anchor =
                            anchor_step(&steps.iter().map(|s| s.alternatives.iter().collect()).collect::<Vec<_>>());
                        let steps = steps
                            .iter()
                            .map(|Step { max_gap_before, alternatives }| atoms.step(*max_gap_before, alternatives))
                            .collect();
                        sequences.push(CompiledSequence { entry, steps, anchor });
                    }
                }
                Pattern::Near { terms, slop } => {
                    let anchor = anchor_step(&terms.iter().map(|t| t.iter().collect()).collect::<Vec<_>>());
                    let terms = terms.iter().map(|t| atoms.step(0, t)).collect();
                    nears.push(CompiledNear { entry, terms, slop: *slop, anchor });
                }
            }
        }
        let atoms = atoms.list;
        let mut anchored = vec![Vec::new(); atoms.len()];
        for (index, sequence) in sequences.iter().enumerate() {
            for &atom in &sequence.steps[sequence.anchor].alternatives {
                anchored[atom as usize].push(index as u32);
            }
        }
        for (index, near) in nears.iter().enumerate() {
            for &atom in &near.terms[near.anchor].alternatives {
                anchored[atom as usize].push((sequences.len() + index) as u32);
            }
        }
        let stems: Vec<Option<(StemLanguage, Box<str>)>> = if atoms.iter().any(|a| matches!(a, Atom::Stem(..))) {
            atoms.iter().map(|a| if let Atom::Stem(l, s) = a { Some((*l, s.as_str().into())) } else { None }).collect()
        } else {
            Vec::new()
        };
        let anchor_atoms = (0..atoms.len() as AtomId).filter(|&a| !anchored[a as usize].is_empty());
        let rules: Vec<Rule> = lexicons
            .patterns
            .iter()
            .map(|p| {
                // A frame's cues form stretches of their own, apart from the frame's leitmotifs.
                let motif = &lexicons.motifs[p.motif];
                let frame = if motif.cue { lexicons.frames.len() + motif.frame } else { motif.frame };
                Rule { motif: p.motif, frame, weight: p.weight, role: p.role }
            })
            .collect();
        Ok(Matcher {
            dictionary: TokenDictionary::new(atoms.iter().zip(0..)),
            anchor_dictionary: TokenDictionary::new(anchor_atoms.map(|a| (&atoms[a as usize], a))),
            stems,
            sequences,
            nears,
            anchored,
            regexes: RegexPatterns::new(lexicons, regex_entries)?,
            needs_paragraphs: rules.iter().any(|r| matches!(r.role, Role::Match { near: Some(_) })),
            rules,
            cue_motifs: lexicons.motifs.iter().map(|m| m.cue).collect(),
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
        self.find_anchored(text, &segmentation, scratch);
        if let Some(regexes) = &self.regexes {
            regexes.find(text, &segmentation, &mut scratch.candidates);
        }
        let paragraphs = if self.needs_paragraphs {
            token_paragraphs(text, breaks, &segmentation, &mut scratch.paragraphs);
            Some(scratch.paragraphs.as_slice())
        } else {
            None
        };
        let (cues, hits): (Vec<Hit>, Vec<Hit>) =
            resolve(&mut scratch.candidates, &self.rules, &segmentation, paragraphs)
                .into_iter()
                .map(|(c, frame_weight)| {
                    let rule = &self.rules[c.entry];
                    Hit {
                        pattern: c.entry,
                        motif: rule.motif,
                        first_token: c.first,
                        end_token: c.end,
                        start: segmentation.tokens[c.first].start,
                        end: segmentation.tokens[c.end - 1].end,
                        sentence: segmentation.token_sentence[c.first] as usize,
                        weight: rule.weight,
                        frame_weight,
                    }
                })
                .partition(|hit| self.cue_motifs[hit.motif]);
        DocumentScan { segmentation, hits, cues }
    }

    /// Looks every token up in the anchor dictionary; verifies each sequence and proximity
    /// pattern anchored there around it.
    /// Looks every token of `segmentation` up in the dictionary of anchor words, as a scan does
    /// before verifying anything; returns how many anchor atoms matched. The token-lookup stage of
    /// the criterion benchmark (`cargo bench --bench scan -- stages`), not part of the API.
    #[doc(hidden)]
    pub fn anchor_lookups(&self, text: &str, segmentation: &Segmentation, scratch: &mut Scratch) -> usize {
        let Scratch { atom_ranges, atom_ids, anchors, normalised, stem_cache, .. } = scratch;
        TokenAtoms::reset(atom_ranges, atom_ids, segmentation.tokens.len());
        let mut view = TokenAtoms {
            text,
            segmentation,
            dictionary: &self.dictionary,
            stems: &self.stems,
            ranges: atom_ranges,
            ids: atom_ids,
            normalised,
            stem_cache,
        };
        let mut found = 0;
        for token in 0..segmentation.tokens.len() {
            anchors.clear();
            view.look_up(&self.anchor_dictionary, token, anchors);
            found += anchors.len();
        }
        found
    }

    fn find_anchored(&self, text: &str, segmentation: &Segmentation, scratch: &mut Scratch) {
        let Scratch {
            atom_ranges, atom_ids, anchors, normalised, tried, window, found, candidates, stem_cache, ..
        } = scratch;
        TokenAtoms::reset(atom_ranges, atom_ids, segmentation.tokens.len());
        let stems: &StemTable = &self.stems;
        let mut view = TokenAtoms {
            text,
            segmentation,
            dictionary: &self.dictionary,
            stems,
            ranges: atom_ranges,
            ids: atom_ids,
            normalised,
            stem_cache,
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
                    let Some(sequence) = self.sequences.get(index as usize) else {
                        let near = &self.nears[index as usize - self.sequences.len()];
                        found.clear();
                        near.find(&mut view, token, sentence, window, found);
                        candidates.extend(found.iter().map(|&(first, end)| Candidate {
                            entry: near.entry,
                            first,
                            end,
                        }));
                        continue;
                    };
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

/// The paragraph of each token: paragraphs end at blank lines, `* * *`, a line break after a
/// sentence end before a capital ([`paragraph_breaks`]) and at the extra `breaks` (speaker turns).
fn token_paragraphs(text: &str, breaks: &[usize], segmentation: &Segmentation, out: &mut Vec<u32>) {
    let mut all = paragraph_breaks(text);
    if !breaks.is_empty() {
        all.extend_from_slice(breaks);
        all.sort_unstable();
    }
    out.clear();
    let mut next = 0;
    let mut paragraph = 0u32;
    for token in &segmentation.tokens {
        while next < all.len() && all[next] <= token.start {
            next += 1;
            paragraph += 1;
        }
        out.push(paragraph);
    }
}
