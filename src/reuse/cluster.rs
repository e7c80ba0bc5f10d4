//! Clusters: the same passage across all its copies. Passages pointing into the same source
//! document at overlapping word ranges belong to one cluster. Clusters are numbered in order of
//! (source's place in the earliest-first order, source start), so ids are stable.

use super::{Cluster, Passage};

/// Assigns `cluster` of every passage and returns the clusters. `rank[doc]` is the document's
/// place in the earliest-first order.
pub fn cluster(passages: &mut [Passage], rank: &[usize]) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..passages.len()).collect();
    order.sort_by_key(|&i| {
        (rank[passages[i].source], passages[i].source_start, passages[i].source_end, passages[i].doc)
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut members: Vec<usize> = Vec::new();
    let mut current: Option<(usize, usize)> = None; // (source, end of the merged source range)
    let flush = |members: &mut Vec<usize>, passages: &mut [Passage], clusters: &mut Vec<Cluster>| {
        if members.is_empty() {
            return;
        }
        let mut docs: Vec<usize> = members.iter().map(|&i| passages[i].doc).collect();
        docs.push(passages[members[0]].source);
        docs.sort_unstable();
        docs.dedup();
        for &i in members.iter() {
            passages[i].cluster = clusters.len();
        }
        clusters.push(Cluster { docs: docs.len() });
        members.clear();
    };
    for i in order {
        let (source, start, end) = (passages[i].source, passages[i].source_start, passages[i].source_end);
        match current {
            Some((s, merged_end)) if s == source && start < merged_end => current = Some((s, merged_end.max(end))),
            _ => {
                flush(&mut members, passages, &mut clusters);
                current = Some((source, end));
            }
        }
        members.push(i);
    }
    flush(&mut members, passages, &mut clusters);
    clusters
}
