//! Conversion between byte offsets and character offsets (Unicode scalar values), the unit in
//! which leitmotif reports positions so that they index the text the same way in Python, R or a
//! spreadsheet. ASCII texts convert for free; others use a checkpoint every 256 bytes, so either
//! direction costs at most one block's scan (and a binary search from characters to bytes).

const BLOCK: usize = 256;

/// Byte → character offset conversion for one text.
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Character count before each block start; empty for ASCII texts.
    checkpoints: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
    /// The offsets of `text`.
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            let bytes = text.as_bytes();
            let mut counts = Vec::with_capacity(bytes.len() / BLOCK + 1);
            let mut chars = 0;
            for block in bytes.chunks(BLOCK) {
                counts.push(chars);
                chars += count_chars(block);
            }
            counts
        };
        CharOffsets { text, checkpoints }
    }

    /// The character offset of byte offset `byte` (which must lie on a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let block = (byte / BLOCK).min(self.checkpoints.len() - 1);
        let base = block * BLOCK;
        self.checkpoints[block] + count_chars(&self.text.as_bytes()[base..byte])
    }

    /// The byte offset of character offset `char` (the text's length past its end).
    pub fn byte_offset(&self, char: usize) -> usize {
        if self.checkpoints.is_empty() {
            return char.min(self.text.len());
        }
        let block = self.checkpoints.partition_point(|&before| before <= char) - 1;
        let base = block * BLOCK;
        let skip = char - self.checkpoints[block];
        // A block may start inside a character: count the bytes that start one.
        let starts = self.text.as_bytes()[base..].iter().enumerate().filter(|&(_, &b)| (b as i8) >= -0x40);
        starts.map(|(i, _)| base + i).nth(skip).unwrap_or(self.text.len())
    }

    /// Number of characters in the whole text.
    pub fn len(&self) -> usize {
        self.char_offset(self.text.len())
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn matches_char_indices_everywhere() {
        let text = "Мир — это «братский народ» and ASCII ".repeat(40) + "конец";
        let offsets = CharOffsets::new(&text);
        for (n, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.char_offset(byte), n);
        }
        assert_eq!(offsets.len(), text.chars().count());
    }

    #[test]
    fn characters_back_to_bytes() {
        let text = "Мир — это «братский народ» and ASCII ".repeat(40) + "конец";
        let offsets = CharOffsets::new(&text);
        for (n, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(offsets.byte_offset(n), byte);
        }
        assert_eq!(offsets.byte_offset(text.chars().count()), text.len());
        assert_eq!(CharOffsets::new("plain").byte_offset(3), 3);
    }

    #[test]
    fn ascii_is_identity() {
        let offsets = CharOffsets::new("plain text");
        assert_eq!(offsets.char_offset(5), 5);
    }
}
