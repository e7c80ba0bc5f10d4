//! The 64-bit mixing used where a sample or a count must not depend on the order of work: the
//! SplitMix64 finaliser (Steele, Lea, Flood 2014), which spreads every input bit over the output,
//! and a combination of two values built on it. Deterministic on every platform.

/// SplitMix64's finaliser of `x`.
pub(crate) fn mix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A hash of the pair `(a, b)`; order matters.
pub(crate) fn combine(a: u64, b: u64) -> u64 {
    mix64(a.rotate_left(23) ^ mix64(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_fixed_across_platforms_and_order_matters() {
        assert_eq!(mix64(0), 0xe220_a839_7b1d_cdaf);
        assert_ne!(combine(1, 2), combine(2, 1));
    }
}
