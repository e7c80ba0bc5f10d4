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
    extend_with(a.len(), b.len(), |i, j| a[i] == b[j])
}

/// Like [`extend`], reading both slices backwards from their ends.
pub fn extend_backwards(a: &[u32], b: &[u32]) -> (usize, usize) {
    let (n, m) = (a.len(), b.len());
    extend_with(n, m, |i, j| a[n - 1 - i] == b[m - 1 - j])
}

const WIDTH: usize = 2 * BAND + 1;

/// The banded X-drop extension over `n` × `m` words; `same(i, j)` compares word `i` of the first
/// sequence with word `j` of the second. Rows live on the stack: extensions are tried for every
/// shared shingle, most of them chance matches that stop after a few rows.
fn extend_with(n: usize, m: usize, same: impl Fn(usize, usize) -> bool) -> (usize, usize) {
    const NONE: i32 = i32::MIN / 2;
    // Row i holds columns j = i − BAND ..= i + BAND (offset k = j + BAND − i).
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
