//! Exact counts of the second pass, kept only for phrases the first pass let through: per phrase
//! its words (to find phrases inside phrases), the documents holding it, the first and last date
//! seen and the first document (for its example); with groups (`--by`) the same per (group,
//! phrase). Dates are interned: a table of the distinct values, entries hold indices.

use super::phrases::MAX_WORDS;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already well-mixed 64-bit hashes: the map's hasher passes them through.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = crate::hashing::combine(self.0, u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

/// A map keyed by phrase keys.
pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// No date.
pub(crate) const NO_DATE: u32 = u32::MAX;

/// The distinct dates seen, each with its place on the common scale.
#[derive(Debug, Default)]
pub(crate) struct Dates {
    values: Vec<(f64, String)>,
    index: HashMap<String, u32>,
}

impl Dates {
    /// The index of a date (`NO_DATE` for none or one that is not a date, year or number).
    pub fn intern(&mut self, date: Option<crate::coverage::Dated>) -> u32 {
        let Some(crate::coverage::Dated { raw, key: Some(key) }) = date else { return NO_DATE };
        if let Some(&id) = self.index.get(raw) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push((key, raw.to_string()));
        self.index.insert(raw.to_string(), id);
        id
    }

    /// The value as written.
    pub fn raw(&self, id: u32) -> Option<&str> {
        self.values.get(id as usize).map(|(_, raw)| raw.as_str())
    }

    fn key(&self, id: u32) -> Option<f64> {
        self.values.get(id as usize).map(|(key, _)| *key)
    }
}

/// Documents, dates and first document of a phrase (in one group).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen {
    pub docs: u32,
    pub first: u32,
    pub last: u32,
    /// Input position of the first document holding it.
    pub example: u32,
}

impl Seen {
    pub fn new(ordinal: u32) -> Seen {
        Seen { docs: 0, first: NO_DATE, last: NO_DATE, example: ordinal }
    }

    /// One more document, dated `date` (an index into `dates`).
    pub fn add(&mut self, date: u32, dates: &Dates) {
        self.docs = self.docs.saturating_add(1);
        let Some(key) = dates.key(date) else { return };
        if dates.key(self.first).is_none_or(|first| key < first) {
            self.first = date;
        }
        if dates.key(self.last).is_none_or(|last| key > last) {
            self.last = date;
        }
    }
}

/// A phrase counted exactly.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counted {
    /// Hashes of its words; `len` of them are used.
    pub words: [u64; MAX_WORDS],
    pub len: u8,
    /// Over all units (all groups).
    pub seen: Seen,
}

/// The exact counts of the second pass.
#[derive(Debug, Default)]
pub(crate) struct Exact {
    pub phrases: KeyMap<u64, Counted>,
    /// With groups: per (group, phrase).
    pub pairs: KeyMap<(u32, u64), Seen>,
    pub dates: Dates,
}
