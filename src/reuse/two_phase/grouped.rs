//! Phase two as a cluster runs it (`leitmotif resolve --grouped`): rows for one target after
//! another, each target's rows together (Spark: `CLUSTER BY target`), in any order inside a
//! target. Every row is `target, kind, a, b`:
//!
//! - `seed`: `a` a word position of the target holding a fingerprint, `b` the place of that
//!   fingerprint's earliest holder (the group-by minimum over the hash);
//! - `doc`: `a` a document key, `b` its record (`{"id", "text"[, "order"]}`); the target's own
//!   record and that of every document its seeds name;
//! - `hold`: `a` a hash, `b` the place of one of its holders earlier than the target (at most the
//!   first `HOLDERS_KEPT` by place are read), given when a previous round asked for the hash.
//!
//! Out come, per target, either its `passage` rows (`passage, target, JSON`) or what it still
//! needs (`need-doc, target, key` and `need-hash, target, hash`) and no passages: the driver adds
//! those rows and runs the target again (`two_phase/mod.rs` describes the rounds).

use super::keys::DocKey;
use super::rows::{cells, doc_key_cell, hash_cell, line_error, place_cell, pos_cell, record_cell, Lines};
use super::target::{Held, Outcome, Target};
use crate::error::{Error, Result};
use crate::reuse::fingerprint::ReuseDoc;
use std::collections::HashSet;
use std::io::{BufRead, Write};

/// What one `--grouped` run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GroupedStats {
    /// Targets read.
    pub targets: u64,
    /// Targets whose passages were written.
    pub complete: u64,
    /// Passages written.
    pub passages: u64,
}

/// One target's rows, as read.
struct Group {
    key: DocKey,
    first_line: u64,
    docs: Vec<(DocKey, ReuseDoc, bool)>,
    seeds: Vec<(u32, DocKey, u32)>,
    holds: Vec<(u64, DocKey, u32)>,
}

/// Reads grouped rows from `input` (named `name`), writes passage and need rows to `out`.
pub fn resolve_grouped(
    input: impl BufRead,
    name: &str,
    out: &mut impl Write,
    min_words: usize,
) -> Result<GroupedStats> {
    let mut lines = Lines::new(input, name);
    let mut stats = GroupedStats::default();
    let mut done: HashSet<DocKey> = HashSet::new();
    let mut group: Option<Group> = None;
    while let Some((number, line)) = lines.next_line()? {
        if line.is_empty() {
            continue;
        }
        let row = cells(line, 4).and_then(|c| {
            let target = doc_key_cell(c[0])?;
            Ok((target, c[1].to_string(), c[2].to_string(), c[3].to_string()))
        });
        let (target, kind, a, b) = row.map_err(|m| line_error(name, number, m))?;
        if group.as_ref().is_none_or(|g| g.key != target) {
            if let Some(g) = group.take() {
                finish_group(g, name, out, min_words, &mut stats)?;
            }
            if !done.insert(target) {
                let message = format!("the rows of target {} are not together (sort them by target)", target.text());
                return Err(line_error(name, number, message));
            }
            group =
                Some(Group { key: target, first_line: number, docs: Vec::new(), seeds: Vec::new(), holds: Vec::new() });
        }
        let g = group.as_mut().expect("set above");
        let parsed: std::result::Result<(), String> = match kind.as_str() {
            "seed" => pos_cell(&a).and_then(|pos| {
                let (holder, there) = place_cell(&b)?;
                g.seeds.push((pos, holder, there));
                Ok(())
            }),
            "doc" => doc_key_cell(&a).and_then(|key| {
                let (doc, ordered) = record_cell(&b)?;
                g.docs.push((key, doc, ordered));
                Ok(())
            }),
            "hold" => hash_cell(&a).and_then(|hash| {
                let (holder, pos) = place_cell(&b)?;
                g.holds.push((hash, holder, pos));
                Ok(())
            }),
            other => Err(format!("'{other}' is not a row kind (seed, doc or hold)")),
        };
        parsed.map_err(|m| line_error(name, number, m))?;
    }
    if let Some(g) = group.take() {
        finish_group(g, name, out, min_words, &mut stats)?;
    }
    Ok(stats)
}

fn finish_group(
    group: Group,
    name: &str,
    out: &mut impl Write,
    min_words: usize,
    stats: &mut GroupedStats,
) -> Result<()> {
    let Group { key, first_line, docs, seeds, holds } = group;
    let mut target = Target::new(key);
    for (doc_key, doc, ordered) in &docs {
        if target.docs.insert(doc_key.ordinal, Held { doc, key: *doc_key, ordered: *ordered }).is_some() {
            let message = format!("target {}: two records for document {}", key.text(), doc_key.text());
            return Err(line_error(name, first_line, message));
        }
    }
    target.seeds = seeds;
    for (hash, holder, pos) in holds {
        target.holds.entry(hash).or_default().push((holder, pos));
    }
    target.check_seeds().map_err(|m| line_error(name, first_line, format!("target {}: {m}", key.text())))?;
    stats.targets += 1;
    let io = |e: std::io::Error| Error::io("-", e);
    let target_text = key.text();
    match target.run(min_words) {
        Outcome::Passages(rows) => {
            stats.complete += 1;
            stats.passages += rows.len() as u64;
            for row in rows {
                let json = serde_json::to_string(&row).map_err(|e| Error::io("-", e.into()))?;
                writeln!(out, "passage\t{target_text}\t{json}").map_err(io)?;
            }
        }
        Outcome::Needs(needs) => {
            for doc in &needs.docs {
                writeln!(out, "need-doc\t{target_text}\t{}", doc.text()).map_err(io)?;
            }
            for hash in &needs.hashes {
                writeln!(out, "need-hash\t{target_text}\t{}", *hash as i64).map_err(io)?;
            }
        }
    }
    Ok(())
}
