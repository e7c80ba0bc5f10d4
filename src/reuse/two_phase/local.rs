//! Phase two on one machine (`leitmotif shingles --docs … | LC_ALL=C sort | leitmotif resolve`):
//! the rows of every shingle, sorted so that a hash's rows are together, and one `doc` row per
//! document. This plays the cluster's part in memory — the group-by minimum per hash, the joins
//! that hand each target its seeds and documents, and the rounds that add what a target asks for
//! — and runs each target through the same step (`target.rs`) as `resolve --grouped` does. Every
//! target is given only what a cluster would give it, so this run checks the contract, not only
//! the algorithm.

use super::keys::DocKey;
use super::rows::{cells, doc_key_cell, hash_cell, line_error, place_cell, record_cell, Lines};
use super::target::{Held, Outcome, PassageRow, Target, HOLDERS_KEPT};
use crate::error::{Error, Result};
use crate::reuse::fingerprint::ReuseDoc;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::BufRead;

/// A target may ask for more at most this many times (each round adds at least one document or
/// hash; in practice a target needs at most three rounds).
pub const MAX_ROUNDS: usize = 64;

/// What a local run found, and how much it took.
#[derive(Debug, Default)]
pub struct LocalRun {
    /// The passages, before clusters are numbered.
    pub passages: Vec<PassageRow>,
    /// Document rows read.
    pub documents: u64,
    /// Shingle rows read.
    pub shingles: u64,
    /// Targets run (documents with a fingerprint).
    pub targets: u64,
    /// Runs of a target that asked for more (one per target and round).
    pub rounds_with_needs: u64,
}

/// One shingle occurrence: hash, holder, word position.
type Occurrence = (u64, DocKey, u32);

/// A target's fingerprint: its word position, the earliest holder and the position there.
type SeedRow = (u32, DocKey, u32);

/// Reads the sorted stream from `input` (named `name`) and finds every passage.
pub fn resolve_local(input: impl BufRead, name: &str, min_words: usize) -> Result<LocalRun> {
    let mut lines = Lines::new(input, name);
    let mut docs: Vec<(DocKey, ReuseDoc, bool)> = Vec::new();
    let mut occurrences: Vec<Occurrence> = Vec::new();
    let mut previous_hash = String::new();
    while let Some((number, line)) = lines.next_line()? {
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("doc\t") {
            let row = cells(rest, 2).and_then(|c| {
                let key = doc_key_cell(c[0])?;
                let (doc, ordered) = record_cell(c[1])?;
                Ok((key, doc, ordered))
            });
            docs.push(row.map_err(|m| line_error(name, number, m))?);
            continue;
        }
        let row = cells(line, 6).and_then(|c| Ok((c[0], hash_cell(c[0])?, place_cell(c[1])?)));
        let (text, hash, (holder, pos)) = row.map_err(|m| line_error(name, number, m))?;
        if text.as_bytes() < previous_hash.as_bytes() {
            let message = "shingle rows are not sorted (run them through `LC_ALL=C sort`)";
            return Err(line_error(name, number, message));
        }
        if text != previous_hash {
            previous_hash = text.to_string();
        }
        occurrences.push((hash, holder, pos));
    }
    let mut run = LocalRun { documents: docs.len() as u64, shingles: occurrences.len() as u64, ..LocalRun::default() };
    let held: HashMap<u64, Held> =
        docs.iter().map(|(key, doc, ordered)| (key.ordinal, Held { doc, key: *key, ordered: *ordered })).collect();
    if held.len() != docs.len() {
        return Err(Error::usage(format!("{name}: two document rows share an ordinal")));
    }
    // Each hash's occurrences earliest first; its first one is the earliest holder.
    occurrences.par_sort_unstable();
    let mut seeds: HashMap<u64, Vec<SeedRow>> = HashMap::new();
    for group in occurrences.chunk_by(|a, b| a.0 == b.0) {
        let (_, first, first_pos) = group[0];
        for &(_, holder, pos) in group {
            if !held.contains_key(&holder.ordinal) {
                let message = format!("{name}: shingle rows of document {} but no doc row", holder.text());
                return Err(Error::usage(message));
            }
            seeds.entry(holder.ordinal).or_default().push((pos, first, first_pos));
        }
    }
    let mut targets: Vec<(u64, Vec<SeedRow>)> = seeds.into_iter().collect();
    targets.sort_unstable_by_key(|t| t.0);
    run.targets = targets.len() as u64;
    let found: Vec<Result<(Vec<PassageRow>, u64)>> = targets
        .into_par_iter()
        .map(|(ordinal, seeds)| run_target(&held[&ordinal], seeds, &held, &occurrences, min_words))
        .collect();
    for result in found {
        let (rows, rounds) = result?;
        run.passages.extend(rows);
        run.rounds_with_needs += rounds;
    }
    Ok(run)
}

/// Runs one target as a cluster would: its seeds and the documents they name first, then what it
/// asks for, round after round. Returns its passages and how many rounds asked for more.
fn run_target<'a>(
    own: &Held<'a>,
    seeds: Vec<SeedRow>,
    held: &HashMap<u64, Held<'a>>,
    occurrences: &[Occurrence],
    min_words: usize,
) -> Result<(Vec<PassageRow>, u64)> {
    let mut target = Target::new(own.key);
    target.docs.insert(own.key.ordinal, *own);
    for &(_, holder, _) in &seeds {
        target.docs.entry(holder.ordinal).or_insert(held[&holder.ordinal]);
    }
    target.seeds = seeds;
    target.check_seeds().map_err(|m| Error::usage(format!("target {}: {m}", own.key.text())))?;
    for round in 0..MAX_ROUNDS {
        let needs = match target.run(min_words) {
            Outcome::Passages(rows) => return Ok((rows, round as u64)),
            Outcome::Needs(needs) => needs,
        };
        for doc in &needs.docs {
            let Some(&doc) = held.get(&doc.ordinal) else {
                return Err(Error::usage(format!("document {} is needed but has no doc row", doc.text())));
            };
            target.docs.insert(doc.key.ordinal, doc);
        }
        for &hash in &needs.hashes {
            let from = occurrences.partition_point(|o| o.0 < hash);
            let holders = occurrences[from..]
                .iter()
                .take_while(|o| o.0 == hash && o.1.rank < own.key.rank)
                .take(HOLDERS_KEPT)
                .map(|&(_, holder, pos)| (holder, pos));
            target.holds.insert(hash, holders.collect());
        }
    }
    Err(Error::usage(format!("target {} still asks for more after {MAX_ROUNDS} rounds", own.key.text())))
}
