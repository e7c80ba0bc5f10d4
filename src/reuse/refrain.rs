//! Refrains: passages repeated inside one document. The index gives seeds (a repeated fingerprint
//! points at its first occurrence in the document, `index.rs`); they are
//! chained and widened like recycled passages, with rules that keep a refrain and its first
//! occurrence what the words say:
//!
//! - the first occurrence ends before the repeat starts (a paragraph said twice in a row is two
//!   sayings, not one stretch overlapping itself);
//! - the first occurrence does not run into a refrain that repeats it, because that text is itself
//!   a copy: a paragraph said ten times gives nine refrains, each pointing at the first;
//! - a first occurrence lying inside a refrain is that refrain's first occurrence.
//!
//! Stretches are taken in order of position. One that starts inside an accepted refrain loses its
//! head; one that still overlaps an accepted refrain is dropped before it is widened. Each
//! widening is bounded (`widen.rs`), so a document costs at most one bounded widening per chained
//! stretch (see DESIGN.md, "Bounded cost").

use super::align::{similarity, MIN_SIMILARITY};
use super::chain::{chain, Seed, Stretch};
use super::fingerprint::ReuseDoc;
use super::spans::Spans;
use super::widen::{widen, Limits, MAX_WIDEN};
use super::Refrain;

/// The refrains of document `doc`, ordered by start, from its refrain `seeds` (each repeated
/// fingerprint pointing at its first occurrence in the document).
pub fn refrains_of(doc: usize, d: &ReuseDoc, seeds: &mut [Seed], min_words: usize) -> Vec<Refrain> {
    let mut accepted = Spans::default();
    let mut refrains: Vec<Refrain> = Vec::new();
    for stretch in chain(seeds) {
        let Some((stretch, source_end)) = fit(stretch, &accepted) else { continue };
        let limits = Limits { here_start: accepted.end_before(stretch.start), source_end, apart: true };
        let (s, _) = widen(stretch, &d.words, &d.words, limits);
        if s.end - s.start < min_words || accepted.overlaps(s.start, s.end) {
            continue;
        }
        let similarity = similarity(&d.words[s.start..s.end], &d.words[s.source_start..s.source_end]);
        if similarity >= MIN_SIMILARITY {
            accepted.insert(s.start, s.end, s.source_start..s.source_end);
            refrains.push(Refrain {
                doc,
                start: s.start,
                end: s.end,
                first_start: s.source_start,
                first_end: s.source_end,
                similarity,
            });
        }
    }
    refrains.sort_by_key(|r| r.start);
    refrains
}

/// A chained stretch fitted to what is accepted so far: a source inside a refrain is moved to that
/// refrain's first occurrence (seeds point at the first *kept* fingerprint, and winnowing may keep
/// a shingle only in its second saying); its head is cut out of a refrain it starts in; its first
/// occurrence ends before the stretch and before a copy of itself (both sides cut by the same
/// number of words, so the diagonal is kept). Returns it with the word its first occurrence may
/// grow up to; `None` when nothing is left or it still overlaps a refrain.
fn fit(mut s: Stretch, accepted: &Spans) -> Option<(Stretch, usize)> {
    if let Some(first) = accepted.first_occurrence_of(s.source_start..s.source_end) {
        (s.source_start, s.source_end) = (first.start, first.end);
    }
    if let Some(end) = accepted.end_of_range_holding(s.start) {
        let cut = end - s.start;
        s.start = end;
        s.source_start += cut;
    }
    if s.source_start >= s.source_end || s.start >= s.end {
        return None;
    }
    let source_end = source_limit(&s, accepted);
    if s.source_end > source_end {
        let cut = s.source_end - source_end;
        s.source_end = source_end;
        s.end = s.end.saturating_sub(cut);
    }
    let fits = s.start < s.end && s.source_start < s.source_end && !accepted.overlaps(s.start, s.end);
    fits.then_some((s, source_end))
}

/// Where the first occurrence of `s` must end: at the repeat, or at an earlier refrain repeating
/// its own words. Only refrains within reach of a widening are looked at.
fn source_limit(s: &Stretch, accepted: &Spans) -> usize {
    let reach = (s.source_end + MAX_WIDEN).min(s.start);
    accepted.first_copy_of(s.source_start, reach).unwrap_or(s.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::fingerprint::test_doc as doc;

    /// The refrains of one document, seeded by an index of it alone.
    fn refrains(d: &ReuseDoc, min_words: usize) -> Vec<Refrain> {
        let index = super::super::index::Index::build(std::slice::from_ref(d), &[0]);
        let (mut recycling, mut seeds) = (Vec::new(), Vec::new());
        index.seeds_of(&index.seeds(), 0, &mut recycling, &mut seeds);
        refrains_of(0, d, &mut seeds, min_words)
    }

    /// 50 distinct words.
    fn paragraph(tag: &str) -> String {
        (0..50).map(|i| format!("{tag}{i}")).collect::<Vec<_>>().join(" ") + "."
    }

    #[test]
    fn a_paragraph_said_many_times_gives_one_refrain_per_repeat() {
        let p = paragraph("w");
        let text = vec![p.as_str(); 40].join("\n\n");
        let refrains = refrains(&doc(&text), 25);
        assert_eq!(refrains.len(), 39);
        for (i, r) in refrains.iter().enumerate() {
            assert_eq!((r.start, r.end, r.first_start, r.first_end), (50 * (i + 1), 50 * (i + 2), 0, 50));
            assert_eq!(r.similarity, 1.0);
        }
    }

    #[test]
    fn a_short_stretch_starting_deep_inside_a_refrain_is_dropped() {
        let mut accepted = Spans::default();
        accepted.insert(50, 200, 0..150);
        let inside = Stretch { source: 0, start: 60, end: 64, source_start: 5, source_end: 9 };
        assert!(fit(inside, &accepted).is_none());
        let after = Stretch { source: 0, start: 190, end: 260, source_start: 140, source_end: 210 };
        let (s, limit) = fit(after, &accepted).unwrap();
        assert_eq!((s.start, s.end, s.source_start, s.source_end, limit), (200, 250, 150, 200, 200));
    }

    #[test]
    fn repeats_between_other_text_point_at_the_first_occurrence() {
        let p = paragraph("w");
        let text = format!("{p} {} {p} {} {p} {}", paragraph("a"), paragraph("b"), paragraph("c"));
        let found: Vec<_> =
            refrains(&doc(&text), 25).iter().map(|r| (r.start, r.end, r.first_start, r.first_end)).collect();
        assert_eq!(found, [(100, 150, 0, 50), (200, 250, 0, 50)]);
    }

    #[test]
    fn a_repeated_quote_inside_a_repeated_paragraph_keeps_its_earliest_source() {
        // q is said, then p (which quotes q in its middle), then p again.
        let q = paragraph("q");
        let (head, tail) = (paragraph("h"), paragraph("t"));
        let p = format!("{head} {q} {tail}");
        let text = format!("{q} {} {p} {} {p}", paragraph("x"), paragraph("y"));
        let found: Vec<_> =
            refrains(&doc(&text), 25).iter().map(|r| (r.start, r.end, r.first_start, r.first_end)).collect();
        // The quote in the first p repeats q; the second p repeats the first p, quote included.
        assert_eq!(found, [(150, 200, 0, 50), (300, 450, 100, 250)]);
    }

    proptest::proptest! {
        #[test]
        fn refrains_of_very_repetitive_text_are_well_formed(
            head in proptest::collection::vec(0..5usize, 0..200),
            block in proptest::collection::vec(0..5usize, 1..60),
            times in 0..30usize,
            edits in proptest::collection::vec((0..2000usize, 0..5usize), 0..20),
            min_words in 1..30usize,
        ) {
            // Random words, then a block said many times with a few words changed.
            let mut words: Vec<usize> = head.into_iter().chain(block.iter().copied().cycle().take(block.len() * times)).collect();
            for (at, word) in edits {
                if !words.is_empty() {
                    let at = at % words.len();
                    words[at] = word;
                }
            }
            let text: String = words.iter().map(|&w| ["peace ", "war ", "we ", "the ", "nation "][w]).collect();
            let refrains = refrains(&doc(&text), min_words);
            for r in &refrains {
                proptest::prop_assert!(r.first_start < r.first_end && r.first_end <= r.start && r.start < r.end, "{r:?}");
                proptest::prop_assert!(r.end - r.start >= min_words && r.similarity >= MIN_SIMILARITY);
            }
            proptest::prop_assert!(refrains.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }
}
