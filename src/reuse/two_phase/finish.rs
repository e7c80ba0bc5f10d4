//! The last, small step of phase two: every target's passage rows together, ordered as the
//! detector orders them (input ordinal, then start), clusters numbered by the detector's own
//! `cluster.rs` (passages of one source at overlapping source ranges; ids by the source's place,
//! then source start), and the rows of `passages.csv`. Passages are few (UNGDC: ~6,000), so this
//! runs on one machine or one Spark partition.

use super::keys::parse_doc_key;
use super::rows::{cells, line_error, Lines};
use super::target::PassageRow;
use crate::error::{Error, Result};
use crate::output::{Cell, RowsTable, Schema};
use crate::reuse::cluster::cluster;
use crate::reuse::Passage;
use std::collections::BTreeMap;
use std::io::BufRead;

/// Reads `passage` rows (`passage, target, JSON`, as `resolve --grouped` writes them) from
/// `input`; a `need-…` row is an error (that target is not complete).
pub fn read_passage_rows(input: impl BufRead, name: &str) -> Result<Vec<PassageRow>> {
    let mut lines = Lines::new(input, name);
    let mut rows = Vec::new();
    while let Some((number, line)) = lines.next_line()? {
        if line.is_empty() {
            continue;
        }
        let row = cells(line, 3).and_then(|c| match c[0] {
            "passage" => serde_json::from_str::<PassageRow>(c[2]).map_err(|e| format!("not a passage row: {e}")),
            kind if kind.starts_with("need-") => Err(format!(
                "target {} is not complete (it still needs data: run it again with what it asks for)",
                c[1]
            )),
            other => Err(format!("'{other}' is not a passage row")),
        });
        rows.push(row.map_err(|m| line_error(name, number, m))?);
    }
    Ok(rows)
}

/// The `passages` table of all passage rows: ordered, clustered and written as `passages.csv`
/// is. Fails on a row whose keys do not parse or on a passage given twice.
pub fn passages_table(mut rows: Vec<PassageRow>) -> Result<RowsTable> {
    let mut keys = Vec::with_capacity(rows.len());
    for row in &rows {
        let parse = |key: &str| {
            parse_doc_key(key).ok_or_else(|| Error::usage(format!("passage row with a bad document key '{key}'")))
        };
        keys.push((parse(&row.doc_key)?, parse(&row.source_key)?));
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (keys[i].0.ordinal, rows[i].start));
    // Dense document numbers in input order, and the place of each in the earliest-first order.
    let mut dense: BTreeMap<u64, (usize, u128)> = BTreeMap::new();
    for (doc, source) in &keys {
        dense.insert(doc.ordinal, (0, doc.rank));
        dense.insert(source.ordinal, (0, source.rank));
    }
    for (i, entry) in dense.values_mut().enumerate() {
        entry.0 = i;
    }
    let mut by_rank: Vec<(u128, usize)> = dense.values().map(|&(i, rank)| (rank, i)).collect();
    by_rank.sort_unstable();
    let mut rank = vec![0; dense.len()];
    for (place, &(_, i)) in by_rank.iter().enumerate() {
        rank[i] = place;
    }
    let mut passages: Vec<Passage> = order
        .iter()
        .map(|&i| Passage {
            doc: dense[&keys[i].0.ordinal].0,
            start: rows[i].start,
            end: rows[i].end,
            source: dense[&keys[i].1.ordinal].0,
            source_start: rows[i].source_start,
            source_end: rows[i].source_end,
            similarity: rows[i].similarity,
            cluster: 0,
        })
        .collect();
    for (at, pair) in passages.windows(2).enumerate() {
        if pair[0].doc == pair[1].doc && pair[0].start == pair[1].start {
            return Err(Error::usage(format!(
                "a passage of document '{}' is given twice (a target's rows from two runs?)",
                rows[order[at]].doc_id
            )));
        }
    }
    let clusters = cluster(&mut passages, &rank);
    let mut sorted: Vec<Option<PassageRow>> = rows.drain(..).map(Some).collect();
    let rows = order
        .iter()
        .zip(&passages)
        .map(|(&i, p)| {
            let row = sorted[i].take().expect("each row once");
            vec![
                Cell::Text(row.doc_id),
                Cell::Int(i64::from(row.start_char)),
                Cell::Int(i64::from(row.end_char)),
                Cell::count(row.end - row.start),
                Cell::Text(row.source_id),
                Cell::Int(i64::from(row.source_start_char)),
                Cell::Int(i64::from(row.source_end_char)),
                Cell::Text(row.source_order),
                Cell::Float(row.similarity),
                Cell::count(p.cluster + 1),
                Cell::count(clusters[p.cluster].docs),
                Cell::Text(row.text),
            ]
        })
        .collect();
    Ok(RowsTable { schema: Schema::passages(), rows })
}
