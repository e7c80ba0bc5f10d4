//! Chaining seeds into candidate stretches. A seed says: the shingle at word `pos` of this document
//! also starts at word `source_pos` of an earlier document. Seeds of one source whose positions
//! advance together (the diagonal `source_pos − pos` drifts by at most `DRIFT` words between
//! neighbours, and neighbours are at most `MAX_GAP` words apart) form a chain; a chain is one
//! candidate stretch, however many edits break the shingles inside it.

use super::fingerprint::SHINGLE_WORDS;

pub const MAX_GAP: u32 = 30;
pub const DRIFT: i64 = 6;

/// A shared shingle: (position here, source document, position there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seed {
    pub source: u32,
    pub pos: u32,
    pub source_pos: u32,
}

/// A candidate stretch: words `start..end` here and `source_start..source_end` in `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub source: u32,
    pub start: usize,
    pub end: usize,
    pub source_start: usize,
    pub source_end: usize,
}

/// Chains seeds (any order) into stretches, ordered by source then start.
pub fn chain(seeds: &mut [Seed]) -> Vec<Stretch> {
    seeds.sort_unstable();
    let mut stretches = Vec::new();
    for group in seeds.chunk_by(|a, b| a.source == b.source) {
        let mut open: Vec<(Stretch, Seed)> = Vec::new();
        for &seed in group {
            let diagonal = i64::from(seed.source_pos) - i64::from(seed.pos);
            let fits = open.iter_mut().find(|(_, last)| {
                let last_diagonal = i64::from(last.source_pos) - i64::from(last.pos);
                seed.pos - last.pos <= MAX_GAP
                    && seed.source_pos >= last.source_pos
                    && (diagonal - last_diagonal).abs() <= DRIFT
            });
            let (end, source_end) = (seed.pos as usize + SHINGLE_WORDS, seed.source_pos as usize + SHINGLE_WORDS);
            match fits {
                Some((stretch, last)) => {
                    stretch.end = stretch.end.max(end);
                    stretch.source_end = stretch.source_end.max(source_end);
                    *last = seed;
                }
                None => open.push((
                    Stretch {
                        source: seed.source,
                        start: seed.pos as usize,
                        end,
                        source_start: seed.source_pos as usize,
                        source_end,
                    },
                    seed,
                )),
            }
            // Chains that can no longer grow are finished.
            let (done, still_open): (Vec<_>, Vec<_>) =
                open.into_iter().partition(|(_, last)| seed.pos - last.pos > MAX_GAP);
            stretches.extend(done.into_iter().map(|(stretch, _)| stretch));
            open = still_open;
        }
        stretches.extend(open.into_iter().map(|(stretch, _)| stretch));
    }
    stretches.sort_unstable_by_key(|s| (s.source, s.start, s.source_start));
    stretches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(source: u32, pos: u32, source_pos: u32) -> Seed {
        Seed { source, pos, source_pos }
    }

    #[test]
    fn seeds_on_one_diagonal_form_one_stretch() {
        let mut seeds = vec![seed(1, 10, 110), seed(1, 20, 121), seed(1, 45, 144), seed(2, 12, 5)];
        let stretches = chain(&mut seeds);
        assert_eq!(stretches.len(), 2);
        assert_eq!(
            (stretches[0].start, stretches[0].end, stretches[0].source_start, stretches[0].source_end),
            (10, 49, 110, 148)
        );
    }

    #[test]
    fn far_apart_or_off_diagonal_seeds_split() {
        let mut seeds = vec![seed(1, 10, 110), seed(1, 80, 180), seed(1, 12, 300)];
        assert_eq!(chain(&mut seeds).len(), 3);
    }
}
