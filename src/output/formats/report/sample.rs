//! A seeded sample: the `k` items with the smallest keys, where a key is a hash of what identifies
//! the item (document and position of a hit). The sample does not depend on the order the items
//! arrive in or on the number of threads, and the same run gives the same examples every time.

use crate::hashing::combine;

/// The `capacity` items with the smallest keys seen so far.
#[derive(Debug, Clone)]
pub(super) struct Sample<T> {
    capacity: usize,
    items: Vec<(u64, T)>,
    seen: u64,
}

impl<T> Sample<T> {
    pub fn new(capacity: usize) -> Sample<T> {
        Sample { capacity, items: Vec::new(), seen: 0 }
    }

    /// Offers an item with its key.
    pub fn offer(&mut self, key: u64, item: impl FnOnce() -> T) {
        self.seen += 1;
        if self.items.len() == self.capacity {
            let largest = self.items.last().map_or(u64::MAX, |(k, _)| *k);
            if key >= largest {
                return;
            }
            self.items.pop();
        }
        let at = self.items.partition_point(|(k, _)| *k <= key);
        self.items.insert(at, (key, item()));
    }

    /// The items kept, by key.
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.items.iter().map(|(_, item)| item)
    }

    /// How many items were offered.
    pub fn seen(&self) -> u64 {
        self.seen
    }
}

/// The sampling key of a hit: its document id and start offset, hashed.
pub(super) fn hit_key(doc_id: &str, start: usize) -> u64 {
    combine(crate::discover::hash_word(doc_id.as_bytes(), false), start as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_the_same_in_any_order() {
        let keys: Vec<u64> = (0..100).map(|i| hit_key("doc", i)).collect();
        let mut forward = Sample::new(5);
        let mut backward = Sample::new(5);
        for &k in &keys {
            forward.offer(k, || k);
        }
        for &k in keys.iter().rev() {
            backward.offer(k, || k);
        }
        let a: Vec<u64> = forward.items().copied().collect();
        assert_eq!(a, backward.items().copied().collect::<Vec<_>>());
        assert_eq!(a.len(), 5);
        assert_eq!(forward.seen(), 100);
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(a, sorted[..5]);
    }
}
