//! Placing the new documents of a growing archive (`--index DIR`, issue 14) exactly as a run over
//! the whole archive would place them. The archived documents' reuse views (word hashes and
//! compact offsets, read from the index) and the new documents are ordered together and indexed
//! together; passages and refrains are then computed for the new documents only, and clustered
//! with the archived passages, so that cluster ids and `cluster_docs` count every copy in the
//! archive. Why nothing less will do is in DESIGN.md ("Growing archives").
//!
//! The report handed on covers the new documents (ordinals 0.. in this run's input order, as the
//! sink numbers them) and, after them, the archived documents their passages come from;
//! [`ReuseReport::input_ordinals`] keeps each one's ordinal in the whole archive.

use super::archive::{Archive, ArchivedPassage};
use super::chain::Seed;
use super::cluster::cluster;
use super::detect::{document_reuse, earliest_first, passages_of, ReuseOptions};
use super::fingerprint::ReuseDoc;
use super::index::{Entry, Index};
use super::refrain::refrains_of;
use super::sources::Indexed;
use super::{Passage, Refrain, ReuseReport};
use rayon::prelude::*;
use std::collections::HashSet;

/// What a run did to a growing archive, for the summary and the warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Growth {
    /// Documents of this run the index already held (same id, same content): not scanned.
    pub skipped: u64,
    /// Documents placed by this run.
    pub new: usize,
    /// Of those, documents whose id the index held with another content: the new version
    /// replaces the archived one(s).
    pub changed: usize,
    /// New documents placed before an archived document in the order: archived passages may now
    /// have an earlier source, which only `--rebuild` finds.
    pub earlier: usize,
    /// Archived documents that come after the earliest of those.
    pub archived_after: usize,
    /// Archived passages dropped because their source was replaced by a new version.
    pub stale: usize,
    /// Documents in the index after the run.
    pub archived: usize,
    /// Words in the index after the run.
    pub words: u64,
    /// The index was created by this run (a new folder, or `--rebuild`).
    pub created: bool,
}

/// Places `new_docs` (this run's new documents, in input order, with their content hashes)
/// against `archive`. `matched[k]`: archived document `k` was in this run unchanged (skipped), so
/// a new document with its id does not replace it. Returns the report of the new documents, the
/// updated archive (the archive's documents, less those replaced, then the new ones; every
/// passage) and what changed.
pub fn detect_growing(
    archive: Archive,
    matched: &[bool],
    new_docs: Vec<ReuseDoc>,
    new_hashes: Vec<u64>,
    options: &ReuseOptions,
) -> (ReuseReport, Archive, Growth) {
    let (archive, changed, stale) = without_replaced(archive, matched, &new_docs);
    let Archive { order_by, min_words, mut docs, mut hashes, mut passages, entries } = archive;
    let first_new = docs.len();
    docs.extend(new_docs);
    hashes.extend(new_hashes);
    let (order, unordered) = earliest_first(&docs, options.order_by.is_some());
    let mut rank = vec![0; docs.len()];
    for (place, &doc) in order.iter().enumerate() {
        rank[doc] = place;
    }
    let (earlier, archived_after) = earlier_than_archived(&rank, first_new);
    // The archived documents' fingerprints serve when every new document comes after them.
    let kept = entries.filter(|_| rank[first_new..].iter().all(|&r| r >= first_new));
    let (new_passages, refrains, entries) = place(&docs, &order, &rank, (first_new, kept), options.min_words);

    // Clusters over every passage of the archive, numbered as a whole run numbers them.
    let archived_count = passages.len();
    let mut all: Vec<Passage> = passages.iter().map(ArchivedPassage::passage).chain(new_passages).collect();
    let clusters = cluster(&mut all, &rank);
    let new_passages = all.split_off(archived_count);
    passages.extend(new_passages.iter().map(|p| ArchivedPassage::of(p, |d| d)));

    let report = report_of(&mut docs, first_new, new_passages, refrains, clusters, unordered);
    let updated = Archive { order_by, min_words, docs, hashes, passages, entries: Some(entries) };
    let growth = Growth {
        new: report.per_document.len(),
        changed,
        earlier,
        archived_after,
        stale,
        archived: updated.docs.len(),
        words: updated.words(),
        ..Growth::default()
    };
    (report, updated, growth)
}

/// The archive without the documents that new versions replace: those with the id of a new
/// document that this run did not also hold (`matched`). Passages are renumbered; those of a
/// replaced document go with it, and those whose source was replaced are dropped and counted.
/// Returns it with the number of new documents that are new versions, and of passages dropped.
fn without_replaced(archive: Archive, matched: &[bool], new_docs: &[ReuseDoc]) -> (Archive, usize, usize) {
    let new_ids: HashSet<&str> = new_docs.iter().map(|d| d.id.as_str()).collect();
    let replaced: Vec<bool> = (archive.docs.iter().enumerate())
        .map(|(k, d)| new_ids.contains(d.id.as_str()) && !matched.get(k).copied().unwrap_or(false))
        .collect();
    if !replaced.contains(&true) {
        return (archive, 0, 0);
    }
    let replaced_ids: HashSet<&str> =
        archive.docs.iter().zip(&replaced).filter(|(_, &r)| r).map(|(d, _)| d.id.as_str()).collect();
    let changed = new_docs.iter().filter(|d| replaced_ids.contains(d.id.as_str())).count();
    let mut renumbered = Vec::with_capacity(replaced.len());
    let mut kept = 0u32;
    for &gone in &replaced {
        renumbered.push((!gone).then_some(kept));
        kept += u32::from(!gone);
    }
    // The archive's fingerprints go with the documents removed (positions move).
    let Archive { order_by, min_words, docs, hashes, passages: archived, .. } = archive;
    let mut stale = 0;
    let mut passages = Vec::with_capacity(archived.len());
    for p in archived {
        match (renumbered[p.doc as usize], renumbered[p.source as usize]) {
            (Some(doc), Some(source)) => passages.push(ArchivedPassage { doc, source, ..p }),
            (Some(_), None) => stale += 1,
            (None, _) => {}
        }
    }
    let docs = docs.into_iter().zip(&replaced).filter(|(_, &r)| !r).map(|(d, _)| d).collect();
    let hashes = hashes.into_iter().zip(&replaced).filter(|(_, &r)| !r).map(|(h, _)| h).collect();
    (Archive { order_by, min_words, docs, hashes, passages, entries: None }, changed, stale)
}

/// New documents (ordinals from `first_new`) placed before the last archived one, and archived
/// documents after the earliest of them.
fn earlier_than_archived(rank: &[usize], first_new: usize) -> (usize, usize) {
    let (archived, new) = rank.split_at(first_new);
    match (archived.iter().max(), new.iter().min()) {
        (Some(&last), Some(&first)) if first < last => {
            (new.iter().filter(|&&r| r < last).count(), archived.iter().filter(|&&r| r > first).count())
        }
        _ => (0, 0),
    }
}

/// The passages and refrains of the new documents (ordinals from `first_new`), by document then
/// start, from one index of all documents: the steps of [`detect`](super::detect), for them only.
/// With `kept` (the archived documents' fingerprints, when every new document comes after them)
/// only the new documents are fingerprinted and only their seeds are read. Returns the index's
/// entries too, to be kept with the archive.
fn place(
    docs: &[ReuseDoc],
    order: &[usize],
    rank: &[usize],
    (first_new, kept): (usize, Option<Vec<Entry>>),
    min_words: usize,
) -> (Vec<Passage>, Vec<Refrain>, Vec<Entry>) {
    let (index, from) = match kept {
        Some(entries) => {
            let index = Index::extend(entries, docs, order, first_new);
            let from = index.span_of(first_new).start;
            (index, from)
        }
        None => (Index::build(docs, order), 0),
    };
    let seeds = index.seeds_from(from);
    let corpus = Indexed { docs, index: &index, rank };
    let found: Vec<(Vec<Passage>, Vec<Refrain>)> = (first_new..docs.len())
        .into_par_iter()
        .map_init(
            || (Vec::<Seed>::new(), Vec::<Seed>::new()),
            |(recycling, refrain), doc| {
                index.seeds_of(&seeds, rank[doc], recycling, refrain);
                let passages = passages_of(doc, recycling, &corpus, min_words);
                (passages, refrains_of(doc, &docs[doc], refrain, min_words))
            },
        )
        .collect();
    drop(seeds);
    let (mut passages, mut refrains) = (Vec::new(), Vec::new());
    for (p, r) in found {
        passages.extend(p);
        refrains.extend(r);
    }
    (passages, refrains, index.into_entries())
}

/// The report of the new documents `docs[first_new..]`: they become documents 0.. of the report
/// (their text moves there; their words stay in `docs`, for the index), followed by the archived
/// documents their passages come from (ids, order values and offsets only).
fn report_of(
    docs: &mut Vec<ReuseDoc>,
    first_new: usize,
    passages: Vec<Passage>,
    refrains: Vec<Refrain>,
    clusters: Vec<super::Cluster>,
    unordered: Vec<usize>,
) -> ReuseReport {
    let per_document = (first_new..docs.len())
        .map(|doc| {
            let from = passages.partition_point(|p| p.doc < doc);
            document_reuse(passages[from..].iter().take_while(|p| p.doc == doc), docs[doc].words.len())
        })
        .collect();
    let mut view_of: Vec<Option<usize>> = vec![None; docs.len()];
    let mut input_ordinals: Vec<usize> = (first_new..docs.len()).collect();
    for (k, slot) in view_of[first_new..].iter_mut().enumerate() {
        *slot = Some(k);
    }
    let mut sources: Vec<usize> = passages.iter().map(|p| p.source).filter(|&s| s < first_new).collect();
    sources.sort_unstable();
    sources.dedup();
    for &s in &sources {
        view_of[s] = Some(input_ordinals.len());
        input_ordinals.push(s);
    }
    let mut view_docs = docs.split_off(first_new);
    for d in &mut view_docs {
        docs.push(ReuseDoc { words: std::mem::take(&mut d.words), ..without_text(d) });
    }
    view_docs.extend(sources.iter().map(|&s| without_text(&docs[s])));
    let view = |doc: usize| view_of[doc].expect("every document of a new passage is in the report");
    let passages: Vec<Passage> =
        passages.into_iter().map(|p| Passage { doc: view(p.doc), source: view(p.source), ..p }).collect();
    let refrains: Vec<Refrain> = refrains.into_iter().map(|r| Refrain { doc: view(r.doc), ..r }).collect();
    let mut unordered: Vec<usize> = unordered.into_iter().filter_map(|d| view_of[d]).collect();
    unordered.sort_unstable();
    let mut quoted = vec![false; view_docs.len()];
    for p in &passages {
        (quoted[p.doc], quoted[p.source]) = (true, true);
    }
    for r in &refrains {
        quoted[r.doc] = true;
    }
    view_docs.par_iter_mut().zip(quoted).filter(|(_, quoted)| *quoted).for_each(|(d, _)| d.fill_offsets());
    ReuseReport { docs: view_docs, passages, refrains, clusters, unordered, per_document, input_ordinals }
}

/// The id, order value and compact offsets of a document (no words, no text).
fn without_text(d: &ReuseDoc) -> ReuseDoc {
    ReuseDoc { id: d.id.clone(), order_value: d.order_value.clone(), compact: d.compact.clone(), ..ReuseDoc::default() }
}

#[cfg(test)]
mod tests {
    use super::super::detect::detect;
    use super::super::fingerprint::test_doc;
    use super::*;

    /// Documents that copy, edit and re-copy paragraphs of a pool: each document `i` says paragraph
    /// `i % 5`, then `(i * 3) % 7` with a word changed, then words of its own.
    fn corpus(count: usize) -> Vec<ReuseDoc> {
        let paragraph = |p: usize| (0..40).map(|w| format!("p{p}w{w}")).collect::<Vec<_>>().join(" ");
        (0..count)
            .map(|i| {
                let edited = paragraph((i * 3) % 7).replacen("w7 ", "changed ", 1);
                let own: String = (0..30).map(|w| format!("d{i}w{w} ")).collect();
                let mut doc = test_doc(&format!("{} {edited} {own}", paragraph(i % 5)));
                (doc.id, doc.order_value) = (format!("d{i}"), format!("{}", 2000 + i / 2));
                doc
            })
            .collect()
    }

    #[test]
    fn two_parts_give_the_passages_of_the_whole_with_its_cluster_ids() {
        let options = ReuseOptions { order_by: Some("year".into()), min_words: 10, ..ReuseOptions::default() };
        let docs = corpus(24);
        let whole = detect(docs.clone(), &options);
        let (first, second) = (docs[..10].to_vec(), docs[10..].to_vec());
        let empty = Archive::new(options.order_by.clone(), 10);
        let (_, archive, _) = detect_growing(empty, &[], first.clone(), vec![1; first.len()], &options);
        let (report, archive, growth) =
            detect_growing(archive, &[false; 10], second.clone(), vec![2; second.len()], &options);
        assert_eq!((growth.new, growth.archived, growth.changed, growth.earlier), (14, 24, 0, 0));
        let expected: Vec<&Passage> = whole.passages.iter().filter(|p| p.doc >= 10).collect();
        assert!(expected.len() > 10 && expected.iter().any(|p| p.source < 10));
        assert_eq!(report.passages.len(), expected.len());
        for (found, expected) in report.passages.iter().zip(expected) {
            let whole_ordinal = |doc| report.input_ordinal(doc);
            assert_eq!((whole_ordinal(found.doc), whole_ordinal(found.source)), (expected.doc, expected.source));
            assert_eq!(
                (found.start, found.end, found.source_start, found.source_end, found.cluster),
                (expected.start, expected.end, expected.source_start, expected.source_end, expected.cluster)
            );
            assert_eq!(report.clusters[found.cluster], whole.clusters[expected.cluster]);
        }
        // The index then holds every passage of the whole run, and the fingerprints of one index
        // built over all of it (the second part, after the first, extended the first's).
        assert_eq!(archive.passages.len(), whole.passages.len());
        let (order, _) = earliest_first(&docs, true);
        assert_eq!(archive.entries, Some(Index::build(&docs, &order).into_entries()));
    }

    #[test]
    fn a_changed_document_replaces_its_archived_version() {
        let options = ReuseOptions { order_by: Some("year".into()), min_words: 10, ..ReuseOptions::default() };
        let docs = corpus(12);
        let empty = Archive::new(options.order_by.clone(), 10);
        let (_, archive, _) = detect_growing(empty, &[], docs.clone(), vec![1; 12], &options);
        // Document 3 comes again with another text; the others are skipped (matched).
        let mut matched = vec![true; 12];
        matched[3] = false;
        // Now it says paragraph 0 (first said by d0) and 20 words of its own.
        let text: String = (0..40).map(|w| format!("p0w{w} ")).chain((0..20).map(|w| format!("new{w} "))).collect();
        let mut changed = test_doc(&text);
        (changed.id, changed.order_value) = ("d3".into(), "2001".into());
        let (report, archive, growth) = detect_growing(archive, &matched, vec![changed], vec![9], &options);
        assert_eq!((growth.new, growth.changed, growth.archived), (1, 1, 12));
        assert_eq!(archive.docs.iter().filter(|d| d.id == "d3").count(), 1);
        assert_eq!(archive.docs.last().map(|d| (d.id.as_str(), d.words.len())), Some(("d3", 60)));
        assert_eq!(archive.hashes.last(), Some(&9));
        let found: Vec<_> =
            report.passages.iter().map(|p| (p.doc, p.start, p.end, report.docs[p.source].id.as_str())).collect();
        assert_eq!(found, [(0, 0, 40, "d0")]);
        // It sorts after d2 (2001, earlier in the input) and before d4..d11 (2002 on).
        assert_eq!((growth.earlier, growth.archived_after), (1, 8), "{growth:?}");
    }

    #[test]
    fn passages_from_a_replaced_source_are_dropped_and_counted() {
        let options = ReuseOptions { order_by: Some("year".into()), min_words: 10, ..ReuseOptions::default() };
        let empty = Archive::new(options.order_by.clone(), 10);
        let (_, archive, _) = detect_growing(empty, &[], corpus(12), vec![1; 12], &options);
        let from_d0 = archive.passages.iter().filter(|p| p.source == 0).count();
        assert!(from_d0 > 0);
        let before = archive.passages.len();
        let mut matched = vec![true; 12];
        matched[0] = false;
        let mut changed = test_doc("a wholly new text of a few words");
        (changed.id, changed.order_value) = ("d0".into(), "2000".into());
        let (report, archive, growth) = detect_growing(archive, &matched, vec![changed], vec![9], &options);
        assert!(report.passages.is_empty());
        assert_eq!(growth.stale, from_d0);
        // d0's own passages (none: it is the earliest) and those from it are gone; the rest are
        // renumbered to the documents' new ordinals.
        assert_eq!(archive.passages.len(), before - from_d0);
        assert!(archive.passages.iter().all(|p| archive.docs[p.source as usize].id != "d0"));
        assert!(archive.passages.iter().all(|p| (p.end as usize) <= archive.docs[p.doc as usize].words.len()));
    }
}
