//! The counting filter of the first pass: a count-min sketch with one row of saturating 8-bit
//! counters. Each (document, phrase) pair adds one to the counter its key hashes to, so a
//! counter holds the document frequency of its phrases plus that of every other phrase that
//! shares it. It never under-counts: every phrase with a document frequency of at least N has a
//! counter of at least N (or saturated), so the exact second pass, which counts only phrases whose
//! counter reaches `--min-docs`, misses no candidate. It only lets through some rare phrases that
//! share a counter with frequent ones; the second pass counts those exactly and drops them.
//!
//! Counters saturate at 255 (a saturated counter passes any threshold). The number of counters is
//! a power of two chosen from the size of the input (see [`Sketch::for_bytes`]).

/// Fewest and most counters (as powers of two): 64 KiB to 256 MiB.
const MIN_BITS: u32 = 16;
const MAX_BITS: u32 = 28;
/// Bytes of text per counter.
const BYTES_PER_COUNTER: u64 = 8;

/// A one-row count-min sketch of saturating 8-bit counters.
#[derive(Debug, Clone)]
pub(crate) struct Sketch {
    cells: Vec<u8>,
    shift: u32,
}

impl Sketch {
    /// A sketch of 2^`bits` counters (16 to 28).
    pub fn with_bits(bits: u32) -> Sketch {
        let bits = bits.clamp(MIN_BITS, MAX_BITS);
        Sketch { cells: vec![0; 1 << bits], shift: 64 - bits }
    }

    /// A sketch for about `text_bytes` bytes of text: one counter per BYTES_PER_COUNTER bytes.
    pub fn for_bytes(text_bytes: u64) -> Sketch {
        let wanted = (text_bytes / BYTES_PER_COUNTER).max(1);
        Sketch::with_bits(64 - (wanted - 1).leading_zeros())
    }

    /// Keys are well-mixed hashes: their top bits choose the counter.
    fn index(&self, key: u64) -> usize {
        (key >> self.shift) as usize
    }

    /// Counts one more document holding the phrase `key`.
    pub fn add(&mut self, key: u64) {
        let index = self.index(key);
        self.cells[index] = self.cells[index].saturating_add(1);
    }

    /// Whether the phrase `key` may be in at least `min` documents.
    pub fn passes(&self, key: u64, min: usize) -> bool {
        let count = self.cells[self.index(key)];
        count == u8::MAX || usize::from(count) >= min
    }

    /// Counters at 0 ÷ all counters (how full the sketch is).
    pub fn empty_share(&self) -> f64 {
        self.cells.iter().filter(|&&c| c == 0).count() as f64 / self.cells.len() as f64
    }

    /// Memory held, in bytes.
    pub fn bytes(&self) -> usize {
        self.cells.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_under_counts_and_saturates() {
        let mut sketch = Sketch::with_bits(16);
        let key = |n: u64| crate::hashing::mix64(n);
        for n in 0..300u64 {
            for _ in 0..(n % 7) {
                sketch.add(key(n));
            }
        }
        for n in 0..300u64 {
            assert!(sketch.passes(key(n), (n % 7) as usize), "{n}");
        }
        for _ in 0..300 {
            sketch.add(key(12_345));
        }
        assert!(sketch.passes(key(12_345), 1000));
        assert_eq!(Sketch::for_bytes(200 << 20).bytes(), 1 << 25);
        assert_eq!(Sketch::for_bytes(10).bytes(), 1 << 16);
    }
}
