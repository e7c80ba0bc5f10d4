//! Accepted, non-overlapping word ranges of one document, looked up in logarithmic time: the
//! passages or refrains kept so far while a document's candidates are resolved. (A linear scan
//! over them made a document with thousands of repeats quadratic.)

use std::collections::BTreeMap;
use std::ops::Range;

/// Non-overlapping ranges `start..end`, each with the range it repeats.
#[derive(Debug, Default)]
pub struct Spans {
    /// start → (end, the range repeated).
    by_start: BTreeMap<usize, (usize, Range<usize>)>,
}

impl Spans {
    /// Adds `start..end` (which must not overlap a range already held), repeating `first`.
    pub fn insert(&mut self, start: usize, end: usize, first: Range<usize>) {
        debug_assert!(!self.overlaps(start, end));
        self.by_start.insert(start, (end, first));
    }

    /// Whether `start..end` overlaps a range held.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.by_start.range(..end).next_back().is_some_and(|(_, &(held_end, _))| held_end > start)
    }

    /// The end of the last range starting at or before `pos`, if `pos` lies inside it; else `None`.
    pub fn end_of_range_holding(&self, pos: usize) -> Option<usize> {
        self.by_start.range(..=pos).next_back().map(|(_, &(end, _))| end).filter(|&end| end > pos)
    }

    /// How far back a stretch starting at `pos` may grow without entering a range held: the end of
    /// the last range before it (0 when there is none).
    pub fn end_before(&self, pos: usize) -> usize {
        self.by_start.range(..pos).next_back().map_or(0, |(_, &(end, _))| end.min(pos))
    }

    /// Where `range` was first said, when it lies inside a range held: the same words of the range
    /// that one repeats (offsets carried over, kept inside it).
    pub fn first_occurrence_of(&self, range: Range<usize>) -> Option<Range<usize>> {
        let (&start, (end, first)) = self.by_start.range(..=range.start).next_back()?;
        if range.end > *end {
            return None;
        }
        let at = |pos: usize| (first.start + (pos - start)).min(first.end);
        Some(at(range.start)..at(range.end))
    }

    /// The first range starting in `from..to` that repeats words of `from..its start`: where a
    /// first occurrence starting at `from` would run into a copy of itself.
    pub fn first_copy_of(&self, from: usize, to: usize) -> Option<usize> {
        if from + 1 >= to {
            return None;
        }
        self.by_start
            .range(from + 1..to)
            .find(|&(&start, (_, first))| first.start < start && first.end > from)
            .map(|(&start, _)| start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let mut spans = Spans::default();
        spans.insert(50, 100, 0..50);
        spans.insert(150, 200, 120..140);
        assert!(spans.overlaps(90, 110) && spans.overlaps(10, 51) && spans.overlaps(60, 70));
        assert!(!spans.overlaps(0, 50) && !spans.overlaps(100, 150) && !spans.overlaps(200, 300));
        assert_eq!(spans.end_of_range_holding(60), Some(100));
        assert_eq!(spans.end_of_range_holding(100), None);
        assert_eq!((spans.end_before(120), spans.end_before(60), spans.end_before(10)), (100, 60, 0));
        assert_eq!(spans.first_copy_of(0, 300), Some(50));
        assert_eq!(spans.first_copy_of(110, 300), Some(150));
        assert_eq!(spans.first_copy_of(145, 300), None, "150..200 repeats 120..140, not text from 145 on");
        assert_eq!(spans.first_copy_of(0, 50), None);
        assert_eq!(spans.first_copy_of(60, 10), None, "an empty range");
        assert_eq!(spans.first_occurrence_of(60..70), Some(10..20));
        assert_eq!(spans.first_occurrence_of(160..200), Some(130..140), "kept inside 120..140");
        assert_eq!(spans.first_occurrence_of(90..110), None);
    }
}
