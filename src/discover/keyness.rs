//! Keyness of a phrase in a target set of documents against a reference set, from document
//! frequencies: `a` of the `n1` target documents hold the phrase, `b` of the `n2` reference
//! documents.
//!
//! - **G²** (Dunning's log-likelihood ratio) over the 2×2 table of documents with and without the
//!   phrase in each set: `G² = 2 Σ O·ln(O/E)` over the four cells `O` = `a`, `n1−a`, `b`, `n2−b`,
//!   with expected counts `E = row total × column total / (n1+n2)` and `0·ln 0 = 0`. Above 3.84 the
//!   difference is significant at p < 0.05 (one degree of freedom), above 10.83 at p < 0.001.
//! - **Log ratio** (an effect size, Hardie 2014): `log2((a/n1) / (b/n2))`, with `b` taken as 0.5
//!   when no reference document holds the phrase: each point doubles the relative frequency.

/// Dunning's G² for `a` of `n1` against `b` of `n2`.
pub fn g2(a: u64, n1: u64, b: u64, n2: u64) -> f64 {
    let total = (n1 + n2) as f64;
    if total == 0.0 {
        return 0.0;
    }
    let with = (a + b) as f64;
    let without = total - with;
    let cell = |observed: f64, row: f64, column: f64| {
        let expected = row * column / total;
        if observed > 0.0 && expected > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    let (a, b, n1, n2) = (a as f64, b as f64, n1 as f64, n2 as f64);
    2.0 * (cell(a, n1, with) + cell(n1 - a, n1, without) + cell(b, n2, with) + cell(n2 - b, n2, without))
}

/// `log2((a/n1) / (b/n2))`, `b` = 0.5 when 0; `None` when a set is empty.
pub fn log_ratio(a: u64, n1: u64, b: u64, n2: u64) -> Option<f64> {
    if n1 == 0 || n2 == 0 || a == 0 {
        return None;
    }
    let b = if b == 0 { 0.5 } else { b as f64 };
    Some(((a as f64 / n1 as f64) / (b / n2 as f64)).log2())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        // 5 of 10 against 1 of 10: expected 3, 7, 3, 7.
        let expected = 2.0
            * (5.0 * (5.0f64 / 3.0).ln() + (1.0f64 / 3.0).ln() + 5.0 * (5.0f64 / 7.0).ln() + 9.0 * (9.0f64 / 7.0).ln());
        assert!((g2(5, 10, 1, 10) - expected).abs() < 1e-12);
        assert!((g2(5, 10, 1, 10) - 4.06997).abs() < 1e-4);
        assert!((log_ratio(5, 10, 1, 10).unwrap() - 5f64.log2()).abs() < 1e-12);
        assert_eq!(g2(3, 10, 3, 10), 0.0);
        assert!((log_ratio(4, 10, 0, 20).unwrap() - 4.0).abs() < 1e-12, "0.4 against 0.5 of 20: 16 times");
    }
}
