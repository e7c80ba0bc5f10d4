//! Widening a chained stretch across light edits at both edges: banded X-drop extension
//! (`align.rs`) a window of `EXTENSION_WINDOW` words at a time, again while it keeps growing.
//!
//! Two limits keep the cost of one stretch bounded whatever the text (see DESIGN.md, "Bounded
//! cost"): an edge grows by at most `MAX_WIDEN` words, and the source side may not grow past
//! `Limits::source_end`. For a refrain (`Limits::apart`) the stretch and its first occurrence lie in
//! one document and stay apart: the first occurrence ends before the repeat starts, so a repeated
//! paragraph is not widened into its own copies; a repeat whose left edge grows into its first
//! occurrence gives up as many words at its right edge.

use super::align::{extend, extend_backwards};
use super::chain::Stretch;

/// How many words an edge extension looks ahead at a time.
pub const EXTENSION_WINDOW: usize = 64;
/// The most words one edge of one stretch grows by. UNGDC's longest extension is 22,010 words (a
/// speech filed twice, seeded by one shingle); with the cap it is still found, from the seeds of
/// its other stretches.
pub const MAX_WIDEN: usize = 1024;

/// Where the sides of a stretch may grow.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The stretch starts at or after this word.
    pub here_start: usize,
    /// The source side ends at or before this word.
    pub source_end: usize,
    /// Both sides are in one document and the source side must end before the stretch starts.
    pub apart: bool,
}

impl Limits {
    /// No limits but the documents' lengths.
    pub fn none(source_len: usize) -> Limits {
        Limits { here_start: 0, source_end: source_len, apart: false }
    }
}

/// `s` widened at both edges, repeatedly while it keeps growing, within `limits`; and whether an
/// edge stopped only because it had grown by `MAX_WIDEN` words.
pub fn widen(mut s: Stretch, here: &[u32], there: &[u32], limits: Limits) -> (Stretch, bool) {
    let (mut grown_right, mut grown_left) = (0, 0);
    loop {
        let window = EXTENSION_WINDOW.min(MAX_WIDEN - grown_right);
        let source_end = if limits.apart { limits.source_end.min(s.start) } else { limits.source_end };
        let (right, source_right) = extend(
            &here[s.end..(s.end + window).min(here.len())],
            &there[s.source_end..(s.source_end + window).min(source_end.max(s.source_end))],
        );
        s.end += right;
        s.source_end += source_right;
        let window = EXTENSION_WINDOW.min(MAX_WIDEN - grown_left);
        let (left, source_left) = extend_backwards(
            &here[s.start.saturating_sub(window).max(limits.here_start.min(s.start))..s.start],
            &there[s.source_start.saturating_sub(window)..s.source_start],
        );
        s.start -= left;
        s.source_start -= source_left;
        if limits.apart && s.source_end > s.start {
            // Grown back into its first occurrence: the repeat starts earlier and ends as much
            // earlier (a paragraph said twice in a row starts where its second saying starts).
            let cut = s.source_end - s.start;
            s.source_end -= cut;
            s.end = s.end.saturating_sub(cut).max(s.start);
        }
        grown_right += right;
        grown_left += left;
        let limit = EXTENSION_WINDOW / 2;
        if right < limit && left < limit {
            return (s, grown_right == MAX_WIDEN || grown_left == MAX_WIDEN);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stretch(start: usize, end: usize, source_start: usize, source_end: usize) -> Stretch {
        Stretch { source: 0, start, end, source_start, source_end }
    }

    #[test]
    fn an_identical_copy_is_widened_to_its_whole_length_but_no_further_than_the_cap() {
        let words: Vec<u32> = (0..5000).collect();
        let (s, capped) = widen(stretch(100, 110, 100, 110), &words, &words, Limits::none(words.len()));
        assert_eq!((s.start, s.end, capped), (0, 110 + MAX_WIDEN, true));
        let (s, capped) = widen(stretch(4000, 4010, 4000, 4010), &words, &words, Limits::none(words.len()));
        assert_eq!((s.start, s.end, capped), (4000 - MAX_WIDEN, 5000, true));
        let (s, capped) = widen(stretch(4000, 4010, 4000, 4010), &words[..4500], &words, Limits::none(words.len()));
        assert_eq!((s.start, s.end, capped), (4000 - MAX_WIDEN, 4500, true));
        let (s, capped) = widen(stretch(10, 20, 10, 20), &words[..500], &words, Limits::none(words.len()));
        assert_eq!((s.start, s.end, capped), (0, 500, false));
    }

    #[test]
    fn a_repeat_stays_apart_from_its_first_occurrence() {
        // A 50-word paragraph, ten times.
        let words: Vec<u32> = (0..500).map(|i| i % 50).collect();
        let (s, _) =
            widen(stretch(150, 190, 0, 40), &words, &words, Limits { here_start: 0, source_end: 500, apart: true });
        assert_eq!((s.start, s.end, s.source_start, s.source_end), (150, 300, 0, 150));
        let (s, _) =
            widen(stretch(150, 190, 0, 40), &words, &words, Limits { here_start: 0, source_end: 50, apart: true });
        assert_eq!((s.start, s.end, s.source_start, s.source_end), (150, 200, 0, 50));
        // Seeded three words into the second saying: it slides back to where that saying starts.
        let (s, _) =
            widen(stretch(53, 90, 3, 40), &words, &words, Limits { here_start: 0, source_end: 500, apart: true });
        assert_eq!((s.start, s.end, s.source_start, s.source_end), (50, 100, 0, 50));
    }
}
