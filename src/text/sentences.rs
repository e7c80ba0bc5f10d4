//! Sentence boundaries on the original text.
//!
//! A sentence ends after a run of terminators (`. ! ? …`) and closing quotes or brackets when
//! white space follows and the next character is not lower-case, unless the terminator is a single
//! full stop after an abbreviation (`Mr.`, `No.`, `т.`) or a one-letter initial (`V. Putin`). A
//! paragraph break (a blank line) and a `* * *` section separator always end a sentence. A single
//! line break does not: hard-wrapped text keeps its sentences whole.

use super::tokens::is_token_char;

const TERMINATORS: &[char] = &['.', '!', '?', '…', '。', '！', '？'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '›'];

/// Abbreviations after which a full stop does not end a sentence (normalised to lower case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "st", "jr", "sr", "no", "nos", "art", "vol", "pp",
    "fig", "approx", "dept", "govt", "inc", "ltd", "co", "corp", "vs", "cf", "ca", "rev", "hon", "messrs", "gov",
    "sen", "rep", "amb", "adm", "eg", "ie", "ul", "gg", "tt", "im", "sm", "str", "tys", "mln", "mlrd", "trln", "ст",
    "им", "ул", "см", "стр", "тыс", "млн", "млрд", "трлн", "гг", "тт", "пр",
];

/// Bytes that can start a terminator, a line break or a separator; the scan skips all others.
const fn candidate_table() -> [bool; 256] {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'*' as usize] = true;
    table[0xE2] = true; // …
    table[0xE3] = true; // 。
    table[0xEF] = true; // ！ ？
    table
}

static CANDIDATE: [bool; 256] = candidate_table();

/// Byte offsets at which a new sentence begins. Tokens starting at or after a break belong to a
/// later sentence than tokens before it.
pub fn sentence_breaks(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut breaks = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !CANDIDATE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("candidates are char boundaries");
        if TERMINATORS.contains(&c) {
            let mut end = i + c.len_utf8();
            let mut run = 1;
            let mut closed = false;
            for d in text[end..].chars() {
                if TERMINATORS.contains(&d) {
                    run += 1;
                } else if CLOSERS.contains(&d) {
                    closed = true;
                } else {
                    break;
                }
                end += d.len_utf8();
            }
            // A full stop inside quotes or brackets ("No.") is not an abbreviation's.
            if ends_sentence(text, i, end, c == '.' && run == 1 && !closed) {
                breaks.push(end);
            }
            i = end;
            continue;
        }
        if c == '\n' && is_paragraph_break(&text[i + 1..]) {
            breaks.push(i + 1);
        } else if c == '*' && starts_separator(&text[i..]) {
            let len = separator_len(&text[i..]);
            breaks.push(i);
            breaks.push(i + len);
            i += len;
            continue;
        }
        i += c.len_utf8();
    }
    breaks.dedup();
    breaks
}

fn ends_sentence(text: &str, terminator: usize, end: usize, single_full_stop: bool) -> bool {
    let rest = &text[end..];
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if !first.is_whitespace() {
        return false;
    }
    match rest.chars().find(|c| !c.is_whitespace()) {
        None => return false,
        Some(next) if next.is_lowercase() => return false,
        _ => {}
    }
    !(single_full_stop && is_abbreviation(word_before(text, terminator)))
}

fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head.char_indices().rev().take_while(|&(_, c)| is_token_char(c)).last().map_or(at, |(i, _)| i);
    &head[start..]
}

fn is_abbreviation(word: &str) -> bool {
    let mut letters = word.chars();
    match (letters.next(), letters.next()) {
        (Some(c), None) => c.is_alphabetic(),
        (Some(_), Some(_)) => {
            let lower = word.to_lowercase();
            ABBREVIATIONS.contains(&lower.as_str())
        }
        _ => false,
    }
}

fn is_paragraph_break(after_newline: &str) -> bool {
    for c in after_newline.chars() {
        match c {
            '\n' => return true,
            ' ' | '\t' | '\r' | '\u{a0}' => {}
            _ => return false,
        }
    }
    false
}

/// `* * *` (three or more asterisks, optionally space-separated).
fn starts_separator(s: &str) -> bool {
    s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).take(3).all(|c| c == '*')
        && s.chars().filter(|&c| c == '*').take(3).count() == 3
}

fn separator_len(s: &str) -> usize {
    let mut len = 0;
    for (i, c) in s.char_indices() {
        match c {
            '*' => len = i + 1,
            ' ' | '\u{a0}' => {}
            _ => break,
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut last = 0;
        for b in sentence_breaks(text) {
            out.push(text[last..b].trim());
            last = b;
        }
        out.push(text[last..].trim());
        out.retain(|s| !s.is_empty());
        out
    }

    #[test]
    fn table() {
        let rows: &[(&str, &[&str])] = &[
            ("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]),
            ("He said \u{201c}No.\u{201d} Then left.", &["He said \u{201c}No.\u{201d}", "Then left."]),
            ("Mr. Smith met V. Putin. Talks", &["Mr. Smith met V. Putin.", "Talks"]),
            ("e.g. this one. Next", &["e.g. this one.", "Next"]),
            ("It cost 3.5 billion. Yes", &["It cost 3.5 billion.", "Yes"]),
            ("wrapped\nmid sentence. Next", &["wrapped\nmid sentence.", "Next"]),
            ("para one\r\n\r\npara two", &["para one", "para two"]),
            ("end of part * * * Speech by the President", &["end of part", "* * *", "Speech by the President"]),
            ("Wait… what? No", &["Wait… what?", "No"]),
            ("Это так. В 2014\u{a0}году", &["Это так.", "В 2014\u{a0}году"]),
            ("г. Москва, ул. Тверская. Далее", &["г. Москва, ул. Тверская.", "Далее"]),
            ("In 2014. The end", &["In 2014.", "The end"]),
            ("no breaks at all", &["no breaks at all"]),
        ];
        for (text, expected) in rows {
            assert_eq!(&split(text), expected, "text {text:?}");
        }
    }
}
