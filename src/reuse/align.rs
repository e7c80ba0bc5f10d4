//! Word-level alignment: extending a matched stretch at its edges across light edits, and
//! measuring how similar two stretches are.
//!
//! Both use banded dynamic programming over word hashes. Scores: match +2, mismatch −3, gap −3;
//! an edge extension stops when its score falls `X_DROP` below the best seen, and ends at the best
//! score, which always follows a match — so edges land on words both texts share.

/// Stretches whose alignment matches fewer words than this share are not reuse.
pub const MIN_SIMILARITY: f64 = 0.7;

const MATCH: i32 = 2;
const MISMATCH: i32 = -3;
const GAP: i32 = -3;
const X_DROP: i32 = 10;
/// How far the alignment may drift off the diagonal (inserted or deleted words).
const BAND: usize = 8;

/// How many words of `a` and `b` (read forwards) extend the alignment: the end of the best-scoring
/// alignment of a prefix of `a` with a prefix of `b`, or (0, 0).
pub fn extend(a: &[u32], b: &[u32]) -> (usize, usize) {
    extend_forwards(a, b)
}

/// Like [`extend`], reading both slices backwards from their ends.
pub fn extend_backwards(a: &[u32], b: &[u32]) -> (usize, usize) {
    // Widening passes at most a window of words: reversed on the stack.
    const STACK: usize = 64;
    if a.len() <= STACK && b.len() <= STACK {
        let (mut ra, mut rb) = ([0u32; STACK], [0u32; STACK]);
        ra[..a.len()].iter_mut().zip(a.iter().rev()).for_each(|(r, &w)| *r = w);
        rb[..b.len()].iter_mut().zip(b.iter().rev()).for_each(|(r, &w)| *r = w);
        return extend_forwards(&ra[..a.len()], &rb[..b.len()]);
    }
    let (ra, rb): (Vec<u32>, Vec<u32>) = (a.iter().rev().copied().collect(), b.iter().rev().copied().collect());
    extend_forwards(&ra, &rb)
}

const WIDTH: usize = 2 * BAND + 1;

/// The banded X-drop extension of `a` against `b`. Rows live on the stack: extensions are tried for
/// every chained stretch, most of them chance matches that stop after a few rows. Row `i` holds
/// columns `j = i − BAND ..= i + BAND` (offset `k = j + BAND − i`); each row's cells are computed
/// over exactly the columns that exist, with a sentinel past the band, so the inner loop has no
/// per-cell bounds tests (this loop was a third of the CPU time of `leitmotif reuse`).
fn extend_forwards(a: &[u32], b: &[u32]) -> (usize, usize) {
    const NONE: i32 = i32::MIN / 2;
    let (n, m) = (a.len(), b.len());
    let mut previous = [NONE; WIDTH + 1];
    previous[BAND] = 0;
    for (k, cell) in previous.iter_mut().enumerate().take(WIDTH).skip(BAND + 1) {
        let j = k - BAND;
        if j <= m {
            *cell = GAP * j as i32;
        }
    }
    let mut best = (0, 0, 0);
    for i in 1..=n {
        let mut current = [NONE; WIDTH + 1];
        let mut row_best = NONE;
        let word = a[i - 1];
        // Columns 0..=m of this row: offsets k_low..=k_high.
        let k_low = BAND.saturating_sub(i);
        if let Some(k_high) = (m + BAND).checked_sub(i).map(|k| k.min(WIDTH - 1)) {
            let mut k = k_low;
            let mut left = NONE;
            if i + k == BAND {
                // Column 0.
                left = GAP * i as i32;
                current[k] = left;
                row_best = left;
                k += 1;
            }
            if k <= k_high {
                let j_first = i + k - BAND;
                let columns = &b[j_first - 1..i + k_high - BAND];
                for (offset, &other) in columns.iter().enumerate() {
                    let k = k + offset;
                    let matched = other == word;
                    let diagonal = previous[k] + if matched { MATCH } else { MISMATCH };
                    let score = diagonal.max(previous[k + 1] + GAP).max(left + GAP);
                    if matched && diagonal == score && score > best.0 {
                        best = (score, i, j_first + offset);
                    }
                    current[k] = score;
                    left = score;
                    row_best = row_best.max(score);
                }
            }
        }
        if row_best < best.0 - X_DROP {
            break;
        }
        previous = current;
    }
    (best.1, best.2)
}

/// Words matched in an optimal alignment of `a` and `b` (longest common subsequence, banded
/// around the diagonal) divided by the longer length: 1 for identical stretches.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return 0.0;
    }
    let band = n.abs_diff(m) + BAND;
    let mut previous = vec![0u32; m + 1];
    let mut current = vec![0u32; m + 1];
    for i in 1..=n {
        let low = i.saturating_sub(band).max(1);
        let high = (i + band).min(m);
        // Cells left and right of the band hold lower bounds; only the neighbours of the band are
        // ever read.
        current[low - 1] = 0;
        for j in low..=high {
            current[j] = if a[i - 1] == b[j - 1] { previous[j - 1] + 1 } else { previous[j].max(current[j - 1]) };
        }
        if high < m {
            current[high + 1] = current[high];
        }
        std::mem::swap(&mut previous, &mut current);
    }
    f64::from(previous[m]) / n.max(m) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The extension as first written (cell by cell, every bound tested): what the faster loop
    /// must return.
    fn reference(n: usize, m: usize, same: impl Fn(usize, usize) -> bool) -> (usize, usize) {
        const NONE: i32 = i32::MIN / 2;
        let mut previous = [NONE; WIDTH];
        previous[BAND] = 0;
        for (k, cell) in previous.iter_mut().enumerate().skip(BAND + 1) {
            let j = k - BAND;
            if j <= m {
                *cell = GAP * j as i32;
            }
        }
        let mut best = (0, 0, 0);
        for i in 1..=n {
            let mut current = [NONE; WIDTH];
            let mut row_best = NONE;
            for k in 0..WIDTH {
                let Some(j) = (i + k).checked_sub(BAND) else { continue };
                if j > m {
                    break;
                }
                let score = if j == 0 {
                    GAP * i as i32
                } else {
                    let matched = same(i - 1, j - 1);
                    let diagonal = previous[k] + if matched { MATCH } else { MISMATCH };
                    let mut score = diagonal;
                    if k + 1 < WIDTH {
                        score = score.max(previous[k + 1] + GAP);
                    }
                    if k > 0 {
                        score = score.max(current[k - 1] + GAP);
                    }
                    if matched && diagonal == score && score > best.0 {
                        best = (score, i, j);
                    }
                    score
                };
                current[k] = score;
                row_best = row_best.max(score);
            }
            if row_best < best.0 - X_DROP {
                break;
            }
            previous = current;
        }
        (best.1, best.2)
    }

    proptest::proptest! {
        #[test]
        fn the_fast_extension_is_the_reference_one(
            shared in proptest::collection::vec(0..40u32, 0..80),
            a in proptest::collection::vec(0..4u32, 0..90),
            b in proptest::collection::vec(0..4u32, 0..90),
        ) {
            // A shared stretch (sometimes), then text with many chance matches.
            let a: Vec<u32> = shared.iter().chain(&a).copied().collect();
            let b: Vec<u32> = shared.iter().chain(&b).copied().collect();
            let (n, m) = (a.len(), b.len());
            proptest::prop_assert_eq!(extend(&a, &b), reference(n, m, |i, j| a[i] == b[j]));
            proptest::prop_assert_eq!(
                extend_backwards(&a, &b),
                reference(n, m, |i, j| a[n - 1 - i] == b[m - 1 - j])
            );
        }
    }

    fn words(s: &str) -> Vec<u32> {
        s.split_whitespace().map(|w| w.bytes().fold(7u32, |h, b| h.wrapping_mul(31) ^ u32::from(b))).collect()
    }

    #[test]
    fn extends_across_light_edits_and_stops_at_the_last_shared_word() {
        let a = words("one two three four FIVE six seven eight nine ten x y z w v u");
        let b = words("one two three four 5 six seven extra eight nine ten p q r s t u");
        assert_eq!(extend(&a, &b), (10, 11));
    }

    #[test]
    fn does_not_extend_into_unrelated_text() {
        let a = words("a b c d e f g h");
        let b = words("p q r s t u v w");
        assert_eq!(extend(&a, &b), (0, 0));
        assert_eq!(extend_backwards(&words("x y shared"), &words("p q shared")), (1, 1));
    }

    #[test]
    fn similarity_counts_aligned_words() {
        assert_eq!(similarity(&words("a b c d"), &words("a b c d")), 1.0);
        assert_eq!(similarity(&words("a b c d"), &words("a x c d")), 0.75);
        assert_eq!(similarity(&words("a b c d"), &words("a b new c d")), 0.8);
    }
}
