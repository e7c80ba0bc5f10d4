//! The character offsets of a document's words, kept compactly while the corpus is read: one byte
//! per word for the usual word (at most two characters after the previous word, shorter than 64
//! characters), a few more for the others. A `Vec<(u32, u32)>` per word took 8 bytes a word — 256 MB
//! of UNGDC's 1.3 GB peak — for offsets that only the rows of the report need, and only for the
//! documents that have passages or refrains ([`WordOffsets::decode`] then gives them back).
//!
//! Byte `g << 6 | n` (g ≤ 2, n < 64): the word starts `g` characters after the previous word's end
//! and is `n` characters long. Byte `0xFF`: the gap and the length follow as LEB128 numbers.
//!
//! Offsets are counted from byte offsets in one pass over the text (each token continues the count
//! from the previous one), not from the start of a 256-byte block for every token, which was a third
//! of all the CPU time of `leitmotif reuse`.

use crate::text::Token;

const ESCAPE: u8 = 0xFF;

/// Character offsets of a document's words, one byte per usual word.
#[derive(Debug, Clone, Default)]
pub struct WordOffsets {
    bytes: Vec<u8>,
}

impl WordOffsets {
    /// The offsets of `tokens` (in text order) in `text`.
    pub fn new(text: &str, tokens: &[Token]) -> WordOffsets {
        let mut bytes = Vec::with_capacity(tokens.len() + 8);
        let mut chars = CharCounter::new(text);
        let mut previous_end = 0u32;
        for token in tokens {
            let (start, end) = (chars.at(token.start), chars.at(token.end));
            match (start.checked_sub(previous_end), end - start) {
                (Some(gap @ 0..=2), len @ 0..=63) => bytes.push((gap << 6 | len) as u8),
                (gap, len) => {
                    bytes.push(ESCAPE);
                    // A token before the previous one's end (not made by the tokenizer): gap 0, and
                    // the start is carried as the distance back, flagged by the low bit.
                    let back = match gap {
                        Some(gap) => u64::from(gap) << 1,
                        None => u64::from(previous_end - start) << 1 | 1,
                    };
                    leb128(&mut bytes, back);
                    leb128(&mut bytes, u64::from(len));
                }
            }
            previous_end = end;
        }
        bytes.shrink_to_fit();
        WordOffsets { bytes }
    }

    /// The (start, end) character offsets of every word.
    pub fn decode(&self) -> Vec<(u32, u32)> {
        let mut offsets = Vec::with_capacity(self.bytes.len());
        let mut at = 0;
        let mut previous_end = 0u32;
        while at < self.bytes.len() {
            let byte = self.bytes[at];
            at += 1;
            let (start, len) = if byte == ESCAPE {
                let back = read_leb128(&self.bytes, &mut at);
                let len = read_leb128(&self.bytes, &mut at) as u32;
                let distance = (back >> 1) as u32;
                (if back & 1 == 1 { previous_end - distance } else { previous_end + distance }, len)
            } else {
                (previous_end + u32::from(byte >> 6), u32::from(byte & 63))
            };
            offsets.push((start, start + len));
            previous_end = start + len;
        }
        offsets
    }
}

impl WordOffsets {
    /// The encoded bytes (as a reuse index stores them, `index_file.rs`).
    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Offsets from bytes read back from a reuse index; [`WordOffsets::count_checked`] tells
    /// whether they are well formed.
    pub(super) fn from_bytes(bytes: Vec<u8>) -> WordOffsets {
        WordOffsets { bytes }
    }

    /// The number of words encoded, or `None` when the bytes are not a well-formed encoding (cut
    /// short, a number too large, an offset before 0): what a damaged index file is checked with
    /// before [`WordOffsets::decode`] may be called.
    pub(super) fn count_checked(&self) -> Option<usize> {
        let mut at = 0;
        let mut previous_end = 0u64;
        let mut words = 0;
        while at < self.bytes.len() {
            let byte = self.bytes[at];
            at += 1;
            let (start, len) = if byte == ESCAPE {
                let back = checked_leb128(&self.bytes, &mut at)?;
                let len = checked_leb128(&self.bytes, &mut at)?;
                let distance = back >> 1;
                let start = if back & 1 == 1 { previous_end.checked_sub(distance)? } else { previous_end + distance };
                (start, len)
            } else {
                (previous_end + u64::from(byte >> 6), u64::from(byte & 63))
            };
            previous_end = start.checked_add(len).filter(|&end| end <= u64::from(u32::MAX))?;
            words += 1;
        }
        Some(words)
    }
}

/// A LEB128 number of at most 32 bits, or `None` past the end or above that.
fn checked_leb128(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return (value <= u64::from(u32::MAX)).then_some(value);
        }
    }
    None
}

fn leb128(bytes: &mut Vec<u8>, mut value: u64) {
    loop {
        let low = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

fn read_leb128(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

/// Byte → character offsets for increasing byte offsets, counting on from the last one.
struct CharCounter<'a> {
    bytes: &'a [u8],
    ascii: bool,
    byte: usize,
    chars: u32,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> CharCounter<'a> {
        CharCounter { bytes: text.as_bytes(), ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// The character offset of byte `byte` (on a character boundary).
    fn at(&mut self, byte: usize) -> u32 {
        if self.ascii {
            return byte as u32;
        }
        if byte < self.byte {
            (self.byte, self.chars) = (0, 0);
        }
        let counted = self.bytes[self.byte..byte].iter().filter(|&&b| (b as i8) >= -0x40).count();
        self.chars += counted as u32;
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, CharOffsets};

    fn expected(text: &str, tokens: &[Token]) -> Vec<(u32, u32)> {
        let offsets = CharOffsets::new(text);
        tokens.iter().map(|t| (offsets.char_offset(t.start) as u32, offsets.char_offset(t.end) as u32)).collect()
    }

    #[test]
    fn round_trips_usual_and_unusual_words() {
        let long = "x".repeat(300);
        let text = format!("Мир — это «братский народ»,   and ASCII {long} words.\n\n\n\n\n Конец {long}");
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let compact = WordOffsets::new(&text, &tokens);
        assert_eq!(compact.decode(), expected(&text, &tokens));
        assert!(compact.bytes.len() < tokens.len() + 16, "about a byte a word");
        let ascii = "plain words here ".repeat(50);
        tokenize(&ascii, &mut tokens);
        assert_eq!(WordOffsets::new(&ascii, &tokens).decode(), expected(&ascii, &tokens));
    }

    #[test]
    fn damaged_bytes_are_refused_not_decoded() {
        let text = "один два три четыре ".repeat(3) + &"y".repeat(500);
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let compact = WordOffsets::new(&text, &tokens);
        assert_eq!(compact.count_checked(), Some(tokens.len()));
        let bytes = compact.as_bytes().to_vec();
        // Cut inside the escaped long word, a number that never ends, a start before 0.
        let cut = WordOffsets::from_bytes(bytes[..bytes.len() - 1].to_vec());
        assert_eq!(cut.count_checked(), None);
        assert_eq!(WordOffsets::from_bytes(vec![ESCAPE, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).count_checked(), None);
        assert_eq!(WordOffsets::from_bytes(vec![ESCAPE, 0x03, 0x01]).count_checked(), None);
    }

    #[test]
    fn tokens_out_of_order_round_trip() {
        let text = "один два три четыре";
        let tokens = [Token { start: 9, end: 15 }, Token { start: 0, end: 8 }, Token { start: 16, end: 22 }];
        assert_eq!(WordOffsets::new(text, &tokens).decode(), expected(text, &tokens));
    }
}
