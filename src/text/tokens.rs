//! Tokenisation: maximal runs of letters, digits and combining marks, with byte offsets into the
//! original text. ASCII bytes are classified by table; other characters by Unicode properties.

use super::normalize::is_ignorable_joiner;
use unicode_normalization::char::is_combining_mark;

/// A token: byte range `start..end` of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
}

const fn ascii_word_table() -> [bool; 128] {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    table
}

static ASCII_WORD: [bool; 128] = ascii_word_table();

/// Whether `c` can start or continue a token.
pub fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_WORD[c as usize];
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Replaces the contents of `out` with the tokens of `text`.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next().expect("index is on a char boundary");
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !ASCII_WORD[b as usize] {
                i += 1;
                continue;
            }
        } else {
            let c = char_at(i);
            if !is_token_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        let mut has_joiner = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !ASCII_WORD[b as usize] {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(i);
                if is_ignorable_joiner(c) {
                    has_joiner = true;
                } else if !is_token_char(c) {
                    break;
                }
                i += c.len_utf8();
            }
        }
        out.push(if has_joiner { trim_trailing_joiners(text, start, i) } else { Token { start, end: i } });
    }
}

/// Whether the separator between two tokens glues them into one word: a single hyphen
/// (`-`, U+2010, U+2011) or apostrophe (`'`, U+2019, U+02BC), no space. Dashes (`–`, `—`) and
/// anything longer separate words.
pub fn joined_to_previous(separator: &[u8]) -> bool {
    match separator.len() {
        1 => matches!(separator[0], b'-' | b'\''),
        2 => separator == "\u{2bc}".as_bytes(),
        3 => matches!(std::str::from_utf8(separator), Ok("\u{2010}" | "\u{2011}" | "\u{2019}")),
        _ => false,
    }
}

fn trim_trailing_joiners(text: &str, start: usize, mut end: usize) -> Token {
    while let Some(c) = text[start..end].chars().next_back() {
        if !is_ignorable_joiner(c) {
            break;
        }
        end -= c.len_utf8();
    }
    Token { start, end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens.iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn table() {
        let rows: &[(&str, &[&str])] = &[
            ("neo-Nazis", &["neo", "Nazis"]),
            ("Russia's \u{201c}brotherly\u{201d} people", &["Russia", "s", "brotherly", "people"]),
            ("братский\u{a0}народ", &["братский", "народ"]),
            ("cafe\u{301} society", &["cafe\u{301}", "society"]),
            ("line one\r\nline two", &["line", "one", "line", "two"]),
            ("2014 – 2022", &["2014", "2022"]),
            ("secu\u{ad}rity\u{ad} ", &["secu\u{ad}rity"]),
            ("", &[]),
            ("... — ...", &[]),
        ];
        for (text, expected) in rows {
            assert_eq!(&words(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn offsets_are_byte_ranges_of_the_original() {
        let text = "В.Путин: братский народ";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        assert_eq!(tokens[0], Token { start: 0, end: 2 });
        assert_eq!(&text[tokens[1].start..tokens[1].end], "Путин");
    }
}
