//! The unordered proximity operator `{nato expan*}~8`: every term matched by its own token, in any
//! order, with at most `slop` other tokens inside the stretch from the first matched term to the
//! last (Lucene's unordered span slop; for two terms, `a ~N b` or `b ~N a`), in one sentence.
//!
//! A proximity pattern is anchored on its rarest term, like a sequence. Around each anchor token
//! the verifier looks at the window of tokens that a match holding the anchor can reach, notes for
//! each token the set of terms it accepts (a bit mask), and for each possible first token, nearest
//! first, runs a small dynamic programme over the tokens that follow: the set of term subsets that
//! distinct tokens can cover, as bits of one `u64` (at most 6 terms: 64 subsets), up to the
//! nearest last token that completes them. Every *minimal* stretch is reported (no shorter stretch
//! inside it matches); the counting rules then keep the longest of overlapping ones. See DESIGN.md.

use super::token_atoms::{CompiledStep, TokenAtoms};

/// A proximity pattern with its atoms replaced by ids.
pub(super) struct CompiledNear {
    pub entry: usize,
    pub terms: Vec<CompiledStep>,
    pub slop: usize,
    /// The term looked up in the anchor dictionary.
    pub anchor: usize,
}

/// For each term `j`: the subsets (as bit indices of a `u64`) that do not hold `j`.
const LACKING: [u64; 6] = lacking();

const fn lacking() -> [u64; 6] {
    let mut table = [0u64; 6];
    let mut j = 0;
    while j < 6 {
        let mut subset = 0;
        while subset < 64 {
            if subset & (1 << j) == 0 {
                table[j] |= 1 << subset;
            }
            subset += 1;
        }
        j += 1;
    }
    table
}

/// The subsets reachable from `states` by giving one term of `mask` to one more token.
fn assign(states: u64, mask: u8) -> u64 {
    let mut next = 0;
    for (j, lacking) in LACKING.iter().enumerate() {
        if mask & (1 << j) != 0 {
            next |= (states & lacking) << (1u32 << j);
        }
    }
    next
}

impl CompiledNear {
    /// Appends to `out` (first token, end token) of every minimal match that holds the anchor term
    /// at `anchor`: for each possible first token, the nearest last token completing the terms,
    /// kept if no later first token reaches as far (a shorter stretch would do) and within the slop.
    pub fn find(
        &self,
        view: &mut TokenAtoms,
        anchor: usize,
        sentence: u32,
        window: &mut Vec<(usize, u8)>,
        out: &mut Vec<(usize, usize)>,
    ) {
        let k = self.terms.len();
        let reach = self.slop + k - 1;
        window.clear();
        for token in anchor.saturating_sub(reach)..=anchor + reach {
            if token == anchor || !view.in_sentence(token, sentence) {
                continue;
            }
            let mut mask = 0u8;
            for (j, term) in self.terms.iter().enumerate() {
                if view.accepts(token, &term.alternatives) {
                    mask |= 1 << j;
                }
            }
            if mask != 0 {
                window.push((token, mask));
            }
        }
        let full = 1u64 << ((1 << k) - 1);
        let anchored = 1u64 << (1 << self.anchor);
        let split = window.partition_point(|&(t, _)| t < anchor);
        // The nearest last token found for the previous (later) first token.
        let mut reached = usize::MAX;
        // First tokens from the anchor outwards: the anchor itself, then earlier tokens.
        for start in std::iter::once(None).chain((0..split).rev().map(Some)) {
            let first = start.map_or(anchor, |i| window[i].0);
            if !view.starts_word(first) {
                continue;
            }
            let mut states = anchored;
            if let Some(i) = start {
                // The first token holds a term; the tokens up to the anchor may.
                states = assign(states, window[i].1);
                for &(_, mask) in &window[i + 1..split] {
                    states |= assign(states, mask);
                }
            }
            let mut last = anchor;
            let mut rest = window[split..].iter();
            while states & full == 0 {
                let Some(&(token, mask)) = rest.next() else { break };
                states |= assign(states, mask);
                last = token;
            }
            if states & full == 0 || last >= reached {
                continue;
            }
            reached = last;
            if last + 1 - first - k <= self.slop {
                out.push((first, last + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigning_terms_to_tokens() {
        // One term taken ({0}): a token accepting terms 0 and 1 can only add term 1.
        assert_eq!(assign(1 << 0b01, 0b11), 1 << 0b11);
        // Nothing taken: a token accepting term 2 reaches {2}.
        assert_eq!(assign(1 << 0, 0b100), 1 << 0b100);
        assert_eq!(assign(1 << 0b111, 0b111), 0);
    }
}
