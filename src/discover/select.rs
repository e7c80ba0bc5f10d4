//! Choosing the candidates of each group: ranking, and dropping phrases that are part of a longer
//! candidate.
//!
//! **Order.** By keyness: phrases relatively more frequent in the target than in the reference
//! (log ratio > 0), by G² descending; by documents: every phrase, by document frequency
//! descending. Ties: documents (or G²), then more words, then the first appearance in the input,
//! then the phrase key.
//!
//! **Subsumed.** A phrase is dropped when a longer candidate of its group contains it (as a run of
//! its words) and is found in at least [`SUBSUMED`] (90%) of the units the shorter one is found
//! in. Every unit holding the longer phrase holds the shorter one, so this says that at least 90%
//! of the shorter phrase's units hold it only as part of the longer one (or next to it): "security
//! council" goes when "united nations security council" is nearly always what was said.
//!
//! **Overlapping pieces of a longer passage.** A passage longer than six words that recurs yields
//! overlapping pieces (six-word windows shifted by one word, and shorter ones), each with about the
//! same documents, none containing another. A phrase is dropped when its first (or last) two or
//! more words are the last (or first) words of a higher-ranked candidate with at least 90% of its
//! units, and the two together would be longer than six words: they are pieces of one passage
//! that no phrase can hold, and the passage shows once, by its highest-ranked piece.

use super::counts::{Counted, Seen};
use super::keyness::{g2, log_ratio};
use super::phrases::{phrase_key, MAX_WORDS};
use super::Rank;
use std::collections::HashMap;

/// A longer candidate in at least this share of a shorter one's units subsumes it.
pub const SUBSUMED: f64 = 0.9;

/// A phrase reaching `--min-docs` in a group, with its figures.
#[derive(Debug, Clone)]
pub(crate) struct Pooled {
    pub group: u32,
    pub key: u64,
    pub words: [u64; MAX_WORDS],
    pub len: u8,
    pub seen: Seen,
    /// Units of the group holding it.
    pub docs: u64,
    /// Units of the group.
    pub units: u64,
    pub reference: Option<(u64, u64)>,
    pub g2: Option<f64>,
    pub log_ratio: Option<f64>,
}

impl Pooled {
    pub fn new(group: u32, key: u64, counted: &Counted, seen: Seen, units: u64) -> Pooled {
        Pooled {
            group,
            key,
            words: counted.words,
            len: counted.len,
            seen,
            docs: u64::from(seen.docs),
            units,
            reference: None,
            g2: None,
            log_ratio: None,
        }
    }

    /// `docs` of `units` reference units hold it.
    pub fn set_reference(&mut self, docs: u64, units: u64) {
        self.reference = Some((docs, units));
        self.g2 = Some(g2(self.docs, self.units, docs, units));
        self.log_ratio = log_ratio(self.docs, self.units, docs, units);
    }

    fn words(&self) -> &[u64] {
        &self.words[..self.len as usize]
    }
}

/// The first `keep` candidates of each group, in order, groups in order of their ids.
pub(crate) fn select(mut pool: Vec<Pooled>, rank: Rank, keep: usize) -> Vec<Pooled> {
    if rank == Rank::Keyness {
        pool.retain(|p| p.log_ratio.is_some_and(|r| r > 0.0));
    }
    let score = |p: &Pooled| p.g2.unwrap_or(0.0);
    pool.sort_by(|a, b| {
        let primary = match rank {
            Rank::Keyness => score(b).total_cmp(&score(a)).then(b.docs.cmp(&a.docs)),
            Rank::Docs => b.docs.cmp(&a.docs).then(score(b).total_cmp(&score(a))),
        };
        a.group
            .cmp(&b.group)
            .then(primary)
            .then(b.len.cmp(&a.len))
            .then(a.seen.example.cmp(&b.seen.example))
            .then(a.key.cmp(&b.key))
    });
    let subsumed = subsumed(&pool);
    let mut chosen = Vec::new();
    // (group, key of a run of edge words, whether it is a head) → (units, words) of the phrase.
    let mut edges: HashMap<(u32, u64, bool), (u64, usize)> = HashMap::new();
    let mut taken: HashMap<u32, usize> = HashMap::new();
    for (index, phrase) in pool.into_iter().enumerate() {
        if subsumed[index] {
            continue;
        }
        let words = phrase.words();
        let n = words.len();
        let mut piece = false;
        for k in 2..n {
            let (head, tail) = (phrase_key(&words[..k]), phrase_key(&words[n - k..]));
            // This phrase's head is another's tail (it continues it), or its tail another's head.
            let edges = [edges.get(&(phrase.group, head, false)), edges.get(&(phrase.group, tail, true))];
            for &(docs, len) in edges.into_iter().flatten() {
                piece |= len + n - k > MAX_WORDS && docs as f64 >= SUBSUMED * phrase.docs as f64;
            }
        }
        for k in 2..n {
            for (key, is_head) in [(phrase_key(&words[..k]), true), (phrase_key(&words[n - k..]), false)] {
                let entry = edges.entry((phrase.group, key, is_head)).or_insert((0, 0));
                *entry = (entry.0.max(phrase.docs), entry.1.max(n));
            }
        }
        if piece {
            continue;
        }
        let count = taken.entry(phrase.group).or_insert(0);
        if *count < keep {
            *count += 1;
            chosen.push(phrase);
        }
    }
    chosen
}

/// For each phrase of the (sorted) pool, whether a longer one of its group subsumes it.
fn subsumed(pool: &[Pooled]) -> Vec<bool> {
    let index: HashMap<(u32, u64), usize> = pool.iter().enumerate().map(|(i, p)| ((p.group, p.key), i)).collect();
    let mut out = vec![false; pool.len()];
    for longer in pool {
        let words = longer.words();
        for len in 2..words.len() {
            for start in 0..=words.len() - len {
                let key = phrase_key(&words[start..start + len]);
                if let Some(&shorter) = index.get(&(longer.group, key)) {
                    if longer.docs as f64 >= SUBSUMED * pool[shorter].docs as f64 {
                        out[shorter] = true;
                    }
                }
            }
        }
    }
    out
}
