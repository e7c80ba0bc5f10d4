//! The token dictionary: every distinct word of every pattern in a hash table, and every prefix in
//! one anchored Aho-Corasick automaton (a contiguous NFA, compact enough to stay in cache; see
//! DESIGN.md). Looking a document token up is one hash of its bytes (eight at a time, ASCII
//! letters folded on the way) and a probe for the word atom it equals, and, if a screen lets it
//! through, one walk over its bytes from the anchored start state for every prefix atom it starts
//! with. The cost per token does not depend on how many patterns there are.
//!
//! A stem atom enters as its screen prefix ([`screen_prefix`]): the lookup reports it for every
//! token starting with that prefix, as a candidate that the caller confirms by stemming the token.

use crate::lexicon::{screen_prefix, Atom};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// Identifier of one distinct atom (word or prefix) of the compiled lexicons.
pub type AtomId = u32;

pub(crate) struct TokenDictionary {
    /// Word atoms, found by one hash probe per token.
    words: WordTable,
    /// Prefix atoms and stem screen prefixes, found by a walk over the token's bytes; `None`
    /// when the lexicons have none (plain phrases).
    automaton: Option<NFA>,
    /// Rejects, with a few L1-resident bit tests, the tokens that cannot start with a prefix
    /// (see [`Screen`]).
    screen: Screen,
    /// For each automaton pattern (a distinct string): its prefix atom and the stem atoms it
    /// screens for.
    prefix_atom: Vec<Option<AtomId>>,
    stem_atoms: Vec<Vec<AtomId>>,
}

impl TokenDictionary {
    /// Builds the dictionary of the given (normalised) atoms and their ids.
    pub fn new<'a>(atoms: impl IntoIterator<Item = (&'a Atom, AtomId)>) -> TokenDictionary {
        let mut strings: Vec<&str> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut words: Vec<(&str, AtomId)> = Vec::new();
        let mut prefix_atom = Vec::new();
        let mut stem_atoms: Vec<Vec<AtomId>> = Vec::new();
        for (atom, id) in atoms {
            let text = match atom {
                Atom::Word(t) => {
                    words.push((t.as_str(), id));
                    continue;
                }
                Atom::Prefix(t) => t.as_str(),
                Atom::Stem(language, stem) => screen_prefix(*language, stem),
            };
            let slot = *index.entry(text).or_insert_with(|| {
                strings.push(text);
                prefix_atom.push(None);
                stem_atoms.push(Vec::new());
                strings.len() - 1
            });
            match atom {
                Atom::Prefix(_) => prefix_atom[slot] = Some(id),
                Atom::Stem(..) => stem_atoms[slot].push(id),
                Atom::Word(_) => unreachable!("word atoms go to the word table"),
            }
        }
        let screen = Screen::new(&strings);
        let automaton = if strings.is_empty() {
            None
        } else {
            // Patterns are normalised, so ASCII case-insensitivity lets ASCII tokens be looked up
            // without copying; other tokens are normalised before the lookup.
            let automaton = NFA::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&strings)
                .expect("an automaton over the distinct prefixes of the lexicons builds");
            Some(automaton)
        };
        TokenDictionary { words: WordTable::new(&words), automaton, screen, prefix_atom, stem_atoms }
    }

    /// Appends to `out` the atoms matched by `token`, which is either pure ASCII (any case) or
    /// already normalised: the prefix and stem atoms it starts with (shortest first), then the
    /// word atom it equals. Stem atoms are only candidates, to confirm by stemming the token.
    pub fn lookup(&self, token: &str, out: &mut Vec<AtomId>) {
        if let Some(automaton) = &self.automaton {
            if self.screen.may_match(token.as_bytes()) {
                self.prefixes(automaton, token.as_bytes(), out);
            }
        }
        if let Some(word) = self.words.get(token) {
            out.push(word);
        }
    }

    fn prefixes(&self, automaton: &NFA, token: &[u8], out: &mut Vec<AtomId>) {
        let Ok(mut state) = automaton.start_state(Anchored::Yes) else {
            return;
        };
        for (i, &byte) in token.iter().enumerate() {
            state = automaton.next_state(Anchored::Yes, state, byte);
            if automaton.is_dead(state) {
                return;
            }
            if !automaton.is_match(state) {
                continue;
            }
            let length = i + 1;
            for m in 0..automaton.match_len(state) {
                let pattern = automaton.match_pattern(state, m);
                // A match state also lists patterns that are proper suffixes of the path walked;
                // only a pattern as long as the path starts at the token's first byte.
                if automaton.pattern_len(pattern) != length {
                    continue;
                }
                let slot = pattern.as_usize();
                if let Some(prefix) = self.prefix_atom[slot] {
                    out.push(prefix);
                }
                out.extend_from_slice(&self.stem_atoms[slot]);
            }
        }
    }
}

/// The word atoms, in an open-addressing table keyed by a hash of the word's bytes with ASCII
/// letters lower-cased eight at a time: a token costs one hash and, usually, one probe.
struct WordTable {
    /// Per bucket: the high half of the hash and the index into `words` plus one (0: an empty
    /// bucket); eight bytes, so that the table of a few thousand words stays in the first cache.
    buckets: Vec<(u32, u32)>,
    /// The distinct words (normalised) and their atoms.
    words: Vec<(Box<str>, AtomId)>,
    /// `64 - log2(buckets.len())`.
    shift: u32,
}

impl WordTable {
    fn new(words: &[(&str, AtomId)]) -> WordTable {
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = WordTable {
            buckets: vec![(0, 0); size],
            words: Vec::with_capacity(words.len()),
            shift: 64 - size.trailing_zeros(),
        };
        for &(word, atom) in words {
            let hash = word_hash(word.as_bytes());
            let mut i = table.bucket(hash);
            loop {
                match table.buckets[i] {
                    (_, 0) => {
                        table.words.push((word.into(), atom));
                        table.buckets[i] = (tag(hash), table.words.len() as u32);
                        break;
                    }
                    (h, entry) if h == tag(hash) && *table.words[entry as usize - 1].0 == *word => break,
                    _ => i = (i + 1) & (size - 1),
                }
            }
        }
        table
    }

    fn bucket(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The atom of the word `token` equals (ASCII letters in any case).
    fn get(&self, token: &str) -> Option<AtomId> {
        if self.words.is_empty() {
            return None;
        }
        let hash = word_hash(token.as_bytes());
        let mut i = self.bucket(hash);
        loop {
            match self.buckets[i] {
                (_, 0) => return None,
                (h, entry) if h == tag(hash) => {
                    let (word, atom) = &self.words[entry as usize - 1];
                    if equal_folded(word.as_bytes(), token.as_bytes()) {
                        return Some(*atom);
                    }
                }
                _ => {}
            }
            i = (i + 1) & (self.buckets.len() - 1);
        }
    }
}

/// Whether `a` and `b` are equal once ASCII capitals are made small, compared eight bytes at a time.
fn equal_folded(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a_chunks, mut b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let eight = |chunk: &[u8]| ascii_lowercase8(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
    if !(&mut a_chunks).zip(&mut b_chunks).all(|(x, y)| eight(x) == eight(y)) {
        return false;
    }
    let (a_tail, b_tail) = (a_chunks.remainder(), b_chunks.remainder());
    a_tail.is_empty() || ascii_lowercase8(little_endian_tail(a_tail)) == ascii_lowercase8(little_endian_tail(b_tail))
}

/// The part of a hash kept in a bucket (the bucket index comes from a multiple of the whole hash).
fn tag(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// A hash of `bytes` with ASCII letters lower-cased, eight bytes per step.
fn word_hash(bytes: &[u8]) -> u64 {
    let mut hash = bytes.len() as u64;
    let mut step = |chunk: u64| {
        hash = (hash.rotate_left(23) ^ ascii_lowercase8(chunk)).wrapping_mul(0x2545_f491_4f6c_dd1d);
    };
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        step(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        step(little_endian_tail(tail));
    }
    hash ^ (hash >> 29)
}

/// The 1–7 bytes of `tail` as a little-endian number, read in at most two loads that may overlap
/// (overlapping bytes are the same, so OR-ing them is harmless). Copying them into a zeroed
/// buffer first would stall the load that reads the buffer back.
fn little_endian_tail(tail: &[u8]) -> u64 {
    let n = tail.len();
    if n >= 4 {
        let low = u32::from_le_bytes(tail[..4].try_into().expect("four bytes"));
        let high = u32::from_le_bytes(tail[n - 4..].try_into().expect("four bytes"));
        u64::from(low) | (u64::from(high) << (8 * (n - 4)))
    } else {
        u64::from(tail[0]) | (u64::from(tail[n / 2]) << (8 * (n / 2))) | (u64::from(tail[n - 1]) << (8 * (n - 1)))
    }
}

/// The eight bytes of `w` with ASCII capitals made small (other bytes, UTF-8 included, unchanged).
fn ascii_lowercase8(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = w & (0x7f * ONES);
    // The high bit of each byte: set when its low seven bits are at least `A`, or above `Z`.
    let from_a = low7 + (0x80 - u64::from(b'A')) * ONES;
    let above_z = low7 + (0x80 - u64::from(b'Z') - 1) * ONES;
    let capitals = from_a & !above_z & !w & (0x80 * ONES);
    w | (capitals >> 2)
}

/// A Bloom-style screen in front of the prefix automaton: each prefix atom (and stem screen
/// prefix) sets one bit for the hash of the prefix. A token is walked through the automaton only if
/// the bit of its hash at one of the prefix lengths is set.
struct Screen {
    bits: Vec<u64>,
    /// Bit `n` set: some prefix atom is `n` bytes long (n < 64).
    prefix_lengths: u64,
    /// Some prefix atom is 64 bytes or longer: every token of that length passes.
    long_prefix: usize,
    /// The start screen, tested first: one bit per prefix for its first four bytes (or all of
    /// it, if shorter). Most tokens share their first four bytes with no prefix and are rejected
    /// by one or two tests, without hashing a byte at a time.
    starts: Vec<u64>,
    /// Bit `n` (1–4) set: some prefix's start is `n` bytes long.
    start_lengths: u8,
}

const START_BITS: u32 = 16;

const SCREEN_BITS: u32 = 18;
const PREFIX_SALT: u64 = 0xc2b2_ae3d_27d4_eb4f;

impl Screen {
    fn new(prefixes: &[&str]) -> Screen {
        let mut screen = Screen {
            bits: vec![0; 1 << (SCREEN_BITS - 6)],
            prefix_lengths: 0,
            long_prefix: usize::MAX,
            starts: vec![0; 1 << (START_BITS - 6)],
            start_lengths: 0,
        };
        for text in prefixes {
            let hash = text.bytes().fold(FNV_OFFSET, fnv_step);
            screen.set(hash, PREFIX_SALT);
            let start = text.len().min(4);
            let i = start_index(start_key(head(text.as_bytes()), start));
            screen.starts[i / 64] |= 1 << (i % 64);
            screen.start_lengths |= 1 << start;
            match text.len() {
                n if n < 64 => screen.prefix_lengths |= 1 << n,
                n => screen.long_prefix = screen.long_prefix.min(n),
            }
        }
        screen
    }

    fn index(hash: u64, salt: u64) -> usize {
        ((hash ^ salt).wrapping_mul(0x2545_f491_4f6c_dd1d) >> (64 - SCREEN_BITS)) as usize
    }

    fn set(&mut self, hash: u64, salt: u64) {
        let i = Screen::index(hash, salt);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    fn test(&self, hash: u64, salt: u64) -> bool {
        let i = Screen::index(hash, salt);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Whether `token` (ASCII of any case, or normalised) may start with a prefix atom.
    fn may_match(&self, token: &[u8]) -> bool {
        if token.len() >= self.long_prefix {
            return true;
        }
        let head = head(token);
        let start_passes = (1..=token.len().min(4)).any(|n| {
            let i = start_index(start_key(head, n));
            self.start_lengths & (1 << n) != 0 && self.starts[i / 64] & (1 << (i % 64)) != 0
        });
        if !start_passes {
            return false;
        }
        // No prefix is longer than the highest bit of `prefix_lengths`.
        let Some(longest) = 63usize.checked_sub(self.prefix_lengths.leading_zeros() as usize) else {
            return false;
        };
        let mut hash = FNV_OFFSET;
        for (i, &byte) in token.iter().enumerate().take(longest) {
            hash = fnv_step(hash, byte.to_ascii_lowercase());
            let length = i + 1;
            if self.prefix_lengths & (1 << length) != 0 && self.test(hash, PREFIX_SALT) {
                return true;
            }
        }
        false
    }
}

/// The first four bytes of `bytes` (all of them if fewer), ASCII capitals made small, little-endian.
fn head(bytes: &[u8]) -> u64 {
    let head = match bytes.len() {
        0 => 0,
        1..=3 => little_endian_tail(bytes),
        _ => u64::from(u32::from_le_bytes(bytes[..4].try_into().expect("four bytes"))),
    };
    ascii_lowercase8(head)
}

/// The key of the start screen for the first `n` (1–4) bytes of a [`head`].
fn start_key(head: u64, n: usize) -> u64 {
    (head & (u64::MAX >> (64 - 8 * n))) | ((n as u64) << 40)
}

fn start_index(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - START_BITS)) as usize
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_must_be_whole_and_prefixes_may_continue() {
        let atoms = [
            Atom::Word("secur".into()),
            Atom::Prefix("secur".into()),
            Atom::Word("security".into()),
            Atom::Prefix("se".into()),
        ];
        let dictionary = TokenDictionary::new(atoms.iter().zip(0..));
        let mut found = Vec::new();
        dictionary.lookup("Security", &mut found);
        found.sort();
        assert_eq!(found, vec![1, 2, 3]);
        found.clear();
        dictionary.lookup("secur", &mut found);
        found.sort();
        assert_eq!(found, vec![0, 1, 3]);
        found.clear();
        dictionary.lookup("insecure", &mut found);
        assert!(found.is_empty());
    }

    #[test]
    fn words_are_found_in_any_ascii_case_and_in_cyrillic() {
        let words = ["nato", "expansion", "неонацисты", "a", "self-determination-of-peoples"];
        let atoms: Vec<Atom> = words.iter().map(|w| Atom::Word((*w).into())).collect();
        let dictionary = TokenDictionary::new(atoms.iter().zip(0..));
        let found = |token: &str| {
            let mut out = Vec::new();
            dictionary.lookup(token, &mut out);
            out
        };
        assert_eq!(found("NATO"), vec![0]);
        assert_eq!(found("Expansion"), vec![1]);
        assert_eq!(found("неонацисты"), vec![2]);
        assert_eq!(found("A"), vec![3]);
        assert_eq!(found("Self-Determination-Of-Peoples"), vec![4]);
        for other in ["nat", "natos", "expansio", "b", "@", "[", "`", "{", "неонацист", ""] {
            assert!(found(other).is_empty(), "{other}");
        }
    }

    #[test]
    fn the_screens_pass_every_token_that_starts_with_a_prefix() {
        let prefixes = ["d", "an", "nat", "sanc", "secur", "неонац", "ё", "x1"];
        let screen = Screen::new(&prefixes);
        let tokens = [
            "d",
            "Dying",
            "an",
            "ANNEX",
            "nat",
            "Nations",
            "sanction",
            "SANCTIONS",
            "secure",
            "Security",
            "неонацисты",
            "ёлка",
            "x1",
            "X19",
        ];
        for token in tokens {
            assert!(screen.may_match(token.as_bytes()), "{token}");
        }
        // Tokens that start with no prefix are mostly turned away (a screen may let a few through).
        let others = ["the", "of", "United", "peace", "world", "people", "война", "mir", "sa", "se", "na"];
        let passed = others.iter().filter(|t| screen.may_match(t.as_bytes())).count();
        assert!(passed <= 1, "{passed} of {} passed", others.len());
    }

    #[test]
    fn folded_comparison_is_eq_ignore_ascii_case() {
        let words = [
            "",
            "a",
            "A",
            "nato",
            "NATO",
            "natO",
            "expansions",
            "EXPANSIONS",
            "expansionz",
            "неонацисты",
            "Неонацисты",
        ];
        for a in words {
            for b in words {
                assert_eq!(equal_folded(a.as_bytes(), b.as_bytes()), a.eq_ignore_ascii_case(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn a_tail_reads_as_its_bytes_in_a_buffer() {
        let bytes = b"abcdefg";
        for n in 1..=7 {
            let mut buffer = [0u8; 8];
            buffer[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(little_endian_tail(&bytes[..n]), u64::from_le_bytes(buffer), "{n} bytes");
        }
    }

    #[test]
    fn eight_bytes_lower_case_only_ascii_capitals() {
        let all: Vec<u8> = (0..=255).collect();
        for chunk in all.chunks(8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            let expected: Vec<u8> = chunk.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(ascii_lowercase8(word).to_le_bytes().to_vec(), expected);
        }
    }
}
