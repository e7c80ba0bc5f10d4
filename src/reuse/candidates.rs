//! Candidate passages of one document: its chained stretches, widened at their edges, one source
//! at a time (stretches come ordered by source, then position). Stretches of one source that
//! overlap after widening are one candidate.
//!
//! A widening stops after `MAX_WIDEN` words at an edge (`widen.rs`), so that a document and a
//! source that are both one paragraph said many times do not widen every chain over the whole
//! document again. A candidate whose widening stopped there is *open*: the next stretch of the same
//! source that starts inside it resumes the candidate's widening (again for at most `MAX_WIDEN`
//! words) instead of being widened itself. A long copy is still found whole as long as its seeds
//! give one chain per `MAX_WIDEN` words, and every chain costs at most one bounded widening (see
//! DESIGN.md, "Bounded cost").

use super::chain::Stretch;
use super::sources::Sources;
use super::widen::{widen, Limits};
use super::Passage;

/// The candidates of document `doc` from its chained `stretches` (ordered by source, then start).
pub fn candidates(doc: usize, stretches: Vec<Stretch>, docs: &impl Sources) -> Vec<Passage> {
    let here = docs.words(doc);
    touch_sources(&stretches, docs);
    let mut candidates: Vec<Passage> = Vec::new();
    // Whether the last candidate's widening stopped at the cap.
    let mut open = false;
    for stretch in stretches {
        let source = stretch.source as usize;
        let there = docs.words(source);
        let limits = Limits::none(there.len());
        if let Some(last) = candidates.last_mut().filter(|c| open && c.source == source && stretch.start < c.end) {
            let (s, capped) = widen(span_of(last), here, there, limits);
            (last.start, last.end, last.source_start, last.source_end) = (s.start, s.end, s.source_start, s.source_end);
            open = capped;
            continue;
        }
        let (s, capped) = widen(stretch, here, there, limits);
        if let Some(last) =
            candidates.last_mut().filter(|c| c.source == source && s.start < c.end && s.source_start < c.source_end)
        {
            last.end = last.end.max(s.end);
            last.source_end = last.source_end.max(s.source_end);
            last.start = last.start.min(s.start);
            last.source_start = last.source_start.min(s.source_start);
            open |= capped;
            continue;
        }
        candidates.push(Passage {
            doc,
            start: s.start,
            end: s.end,
            source,
            source_start: s.source_start,
            source_end: s.source_end,
            similarity: 0.0,
            cluster: 0,
        });
        open = capped;
    }
    candidates
}

/// Reads the first and last source word of every stretch before any is widened. Most stretches
/// are single chance seeds pointing into a different earlier document, whose words are then read
/// from main memory: loaded one widening at a time, each load stalled the alignment (half of its
/// time); loaded here, independently of each other, they overlap and the widenings find them in
/// the cache.
fn touch_sources(stretches: &[Stretch], docs: &impl Sources) {
    let mut touched = 0u32;
    for s in stretches {
        let there = docs.words(s.source as usize);
        touched ^= there[s.source_start] ^ there[s.source_end - 1];
    }
    std::hint::black_box(touched);
}

fn span_of(c: &Passage) -> Stretch {
    Stretch {
        source: c.source as u32,
        start: c.start,
        end: c.end,
        source_start: c.source_start,
        source_end: c.source_end,
    }
}
