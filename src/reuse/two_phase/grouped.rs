//! Phase two as a cluster runs it (`leitmotif resolve --grouped`): rows of one *group* of targets
//! after another, each group's rows together (Spark: `CLUSTER BY group`), in any order inside a
//! group. A group is any set of targets (Spark: a hash of the target modulo the number of tasks):
//! the records its targets need are shipped to it once, not once per target — a target's seeds
//! name about 250 documents on UNGDC, most of them the same early speeches. Every row is
//! `group, target, kind, a, b`:
//!
//! - `seed`: `a` a word position of the target holding a fingerprint, `b` the place of that
//!   fingerprint's earliest holder (the group-by minimum over the hash);
//! - `doc`: `a` a document key, `b` its record (`{"id", "text"[, "order"]}`), for every target of
//!   the group (`target` is ignored): each target's own record and those its seeds name;
//! - `hold`: `a` a hash, `b` the place of one of its holders earlier than the target (at most the
//!   first `HOLDERS_KEPT` by place are read), given when a previous round asked for the hash.
//!
//! Out come, per target (in key order), either its `passage` rows (`passage, target, JSON`) or
//! what it still needs (`need-doc, target, key` and `need-hash, target, hash`) and no passages:
//! the driver adds those rows and runs the target again (`two_phase/mod.rs` describes the rounds).

use super::keys::DocKey;
use super::rows::{cells, doc_key_cell, hash_cell, line_error, place_cell, pos_cell, record_cell, Lines};
use super::target::{Held, Outcome, Target};
use crate::error::{Error, Result};
use crate::reuse::fingerprint::ReuseDoc;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Write};

/// What one `--grouped` run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct GroupedStats {
    /// Groups read.
    pub groups: u64,
    /// Targets read.
    pub targets: u64,
    /// Targets whose passages were written.
    pub complete: u64,
    /// Passages written.
    pub passages: u64,
}

/// One target's rows: seeds and holders.
#[derive(Default)]
struct TargetRows {
    seeds: Vec<(u32, DocKey, u32)>,
    holds: Vec<(u64, DocKey, u32)>,
}

/// One group's rows, as read.
struct Group {
    name: String,
    first_line: u64,
    docs: Vec<(DocKey, ReuseDoc, bool)>,
    targets: BTreeMap<DocKey, TargetRows>,
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
    let mut done: HashSet<String> = HashSet::new();
    let mut group: Option<Group> = None;
    while let Some((number, line)) = lines.next_line()? {
        if line.is_empty() {
            continue;
        }
        let c = cells(line, 5).map_err(|m| line_error(name, number, m))?;
        if group.as_ref().is_none_or(|g| g.name != c[0]) {
            if let Some(g) = group.take() {
                finish_group(g, name, out, min_words, &mut stats)?;
            }
            if !done.insert(c[0].to_string()) {
                let message = format!("the rows of group '{}' are not together (sort them by group)", c[0]);
                return Err(line_error(name, number, message));
            }
            group =
                Some(Group { name: c[0].to_string(), first_line: number, docs: Vec::new(), targets: BTreeMap::new() });
        }
        let g = group.as_mut().expect("set above");
        let parsed: std::result::Result<(), String> = match c[2] {
            "doc" => doc_key_cell(c[3]).and_then(|key| {
                let (doc, ordered) = record_cell(c[4])?;
                g.docs.push((key, doc, ordered));
                Ok(())
            }),
            "seed" => doc_key_cell(c[1]).and_then(|target| {
                let (pos, (holder, there)) = (pos_cell(c[3])?, place_cell(c[4])?);
                g.targets.entry(target).or_default().seeds.push((pos, holder, there));
                Ok(())
            }),
            "hold" => doc_key_cell(c[1]).and_then(|target| {
                let (hash, (holder, pos)) = (hash_cell(c[3])?, place_cell(c[4])?);
                g.targets.entry(target).or_default().holds.push((hash, holder, pos));
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

/// Runs every target of a group and writes its rows.
fn finish_group(
    group: Group,
    name: &str,
    out: &mut impl Write,
    min_words: usize,
    stats: &mut GroupedStats,
) -> Result<()> {
    let Group { name: group_name, first_line, docs, targets } = group;
    let mut shared: HashMap<u64, Held> = HashMap::with_capacity(docs.len());
    for (key, doc, ordered) in &docs {
        if let Some(other) = shared.insert(key.ordinal, Held { doc, key: *key, ordered: *ordered }) {
            if other.key != *key || other.doc.text != doc.text {
                let message = format!("group '{group_name}': two different records for document {}", key.text());
                return Err(line_error(name, first_line, message));
            }
        }
    }
    stats.groups += 1;
    let io = |e: std::io::Error| Error::io("-", e);
    for (key, rows) in targets {
        let mut target = Target::new(key);
        target.shared = Some(&shared);
        target.seeds = rows.seeds;
        for (hash, holder, pos) in rows.holds {
            target.holds.entry(hash).or_default().push((holder, pos));
        }
        target.check_seeds().map_err(|m| line_error(name, first_line, format!("target {}: {m}", key.text())))?;
        stats.targets += 1;
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
    }
    Ok(())
}
