//! Conversion of byte offsets to character offsets (Unicode scalar values), the unit in which
//! leitmotif reports positions so that they index the text the same way in Python, R or a
//! spreadsheet. ASCII texts convert for free; others use a checkpoint every 256 bytes.

const BLOCK: usize = 256;

/// Byte → character offset conversion for one text.
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Character count before each block start; empty for ASCII texts.
    checkpoints: Vec<usize>,
}

impl<'a> CharOffsets<'a> {
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

    /// Number of characters in the whole text.
    pub fn len(&self) -> usize {
        self.char_offset(self.text.len())
    }

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
    fn ascii_is_identity() {
        let offsets = CharOffsets::new("plain text");
        assert_eq!(offsets.char_offset(5), 5);
    }
}
