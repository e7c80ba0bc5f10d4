//! The keys of the two-phase rows, as text that sorts the way the detector orders documents, so
//! that a text `min`, `LC_ALL=C sort` or Spark's `ORDER BY` on them agrees with the detector.
//!
//! A **document key** is 33 lowercase hex digits: one digit for the class (`0`: an order value or
//! no `--order-by`; `1`: `--order-by` given but the value is missing or unusable — these come after
//! all others), 16 for the order value on its scale (`order.rs`; an `f64` whose bits are mapped so
//! that unsigned order is `f64::total_cmp` order; zeros without `--order-by`), 16 for the input
//! ordinal (ties by input order). A **place** is a document key and 8 hex digits of word position:
//! the earliest holder of a shingle is the smallest place among its occurrences.

use crate::reuse::order::parse_order;

/// Characters in a document key.
pub const DOC_KEY_LEN: usize = 33;
/// Characters in a place (document key and word position).
pub const PLACE_LEN: usize = DOC_KEY_LEN + 8;

/// The key of a document: `order_value` is `None` without `--order-by`.
pub fn doc_key(order_value: Option<&str>, ordinal: u64) -> String {
    let (class, bits) = match order_value.map(parse_order) {
        None => (0, 0),
        Some(Some(key)) => (0, sortable_bits(key)),
        Some(None) => (1, 0),
    };
    format!("{class:x}{bits:016x}{ordinal:016x}")
}

/// A place: the key of a document and a word position in it.
pub fn place(doc_key: &str, pos: u32) -> String {
    format!("{doc_key}{pos:08x}")
}

/// An `f64`'s bits, mapped so that unsigned order is `total_cmp` order.
fn sortable_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// A parsed document key: its rank (smaller is earlier) and its input ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocKey {
    /// Class, order bits and ordinal in one number: compares as the key's text does.
    pub rank: u128,
    /// The input ordinal.
    pub ordinal: u64,
}

impl DocKey {
    /// The key as text.
    pub fn text(&self) -> String {
        let class = self.rank >> 127;
        let bits = (self.rank >> 63) as u64;
        format!("{class:x}{bits:016x}{:016x}", self.ordinal)
    }
}

/// Parses a document key; `None` when it is not one.
pub fn parse_doc_key(text: &str) -> Option<DocKey> {
    if text.len() != DOC_KEY_LEN || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let class = u128::from_str_radix(&text[..1], 16).ok()?;
    let bits = u128::from_str_radix(&text[1..17], 16).ok()?;
    let ordinal = u64::from_str_radix(&text[17..], 16).ok()?;
    if class > 1 || ordinal >> 63 != 0 {
        return None;
    }
    Some(DocKey { rank: class << 127 | bits << 63 | u128::from(ordinal), ordinal })
}

/// Parses a place into its document key and word position.
pub fn parse_place(text: &str) -> Option<(DocKey, u32)> {
    if text.len() != PLACE_LEN {
        return None;
    }
    let key = parse_doc_key(&text[..DOC_KEY_LEN])?;
    let pos = &text[DOC_KEY_LEN..];
    if !pos.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    Some((key, u32::from_str_radix(pos, 16).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_as_the_detector_orders_documents() {
        // Earliest first by value (dates and years on one scale, negative numbers too), ties by
        // input order, documents without a usable value last.
        let ordered = [
            doc_key(Some("-5"), 9),
            doc_key(Some("1946"), 3),
            doc_key(Some("1946"), 7),
            doc_key(Some("1946-03-02"), 1),
            doc_key(Some("1947"), 0),
            doc_key(Some(""), 2),
            doc_key(Some("soon"), 4),
        ];
        assert!(ordered.windows(2).all(|w| w[0] < w[1]), "{ordered:?}");
        let ranks: Vec<u128> = ordered.iter().map(|k| parse_doc_key(k).unwrap().rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(doc_key(None, 10), format!("0{}{:016x}", "0".repeat(16), 10));
        assert_eq!(doc_key(None, 10).len(), DOC_KEY_LEN);
        for key in &ordered {
            assert_eq!(&parse_doc_key(key).unwrap().text(), key);
        }
        assert_eq!(
            parse_place(&place(&doc_key(None, 10), 300)),
            Some((parse_doc_key(&doc_key(None, 10)).unwrap(), 300))
        );
        for bad in ["", "xyz", &doc_key(None, 1)[1..], "200000000000000000000000000000000"] {
            assert_eq!(parse_doc_key(bad), None, "{bad}");
        }
    }
}
