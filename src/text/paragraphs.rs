//! Segments: the stretches of a speaker turn that the timeline is made of. A turn is split into
//! paragraphs — at blank lines, at `* * *`, at a single line break that follows a sentence end
//! and precedes a capital (UNGDC's paragraphs), and at extra breaks such as subtitle cue ends — but
//! not at a line break inside a sentence (hard-wrapped text). A paragraph longer than
//! `LONG_PARAGRAPH_WORDS` words (or a text flattened into one line) falls back to one segment per
//! sentence.

use super::Segmentation;
use std::ops::Range;

/// A paragraph longer than this many words is split at sentence ends.
pub const LONG_PARAGRAPH_WORDS: usize = 150;

/// A segment: tokens `tokens` of turn body `body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentSpan {
    /// Index of the turn body.
    pub body: usize,
    /// Its tokens.
    pub tokens: Range<usize>,
}

/// Byte offsets where a new paragraph starts.
pub fn paragraph_breaks(text: &str) -> Vec<usize> {
    let mut breaks = Vec::new();
    for i in memchr::memchr2_iter(b'\n', b'*', text.as_bytes()) {
        if text.as_bytes()[i] == b'*' {
            if text[i..].starts_with("* * *") {
                breaks.push(i);
                breaks.push(i + 5);
            }
            continue;
        }
        let rest = &text[i + 1..];
        let next_line = rest.trim_start_matches([' ', '\t', '\r', '\u{a0}']);
        let blank = next_line.starts_with('\n');
        let before = text[..i].trim_end_matches([' ', '\t', '\r', '\u{a0}']);
        let before = before.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
        let sentence_end = before.ends_with(['.', '!', '?', '…', ':']);
        let starts_high = next_line.chars().next().is_some_and(|c| !c.is_lowercase());
        if blank || (sentence_end && starts_high) {
            breaks.push(i + 1);
        }
    }
    breaks.sort_unstable();
    breaks.dedup();
    breaks
}

/// Splits each turn body (a byte range) into segments.
pub fn segment(segmentation: &Segmentation, bodies: &[Range<usize>], breaks: &[usize]) -> Vec<SegmentSpan> {
    let tokens = &segmentation.tokens;
    let mut spans = Vec::new();
    for (body, range) in bodies.iter().enumerate() {
        let first = tokens.partition_point(|t| t.start < range.start);
        let end = tokens.partition_point(|t| t.start < range.end);
        let mut paragraph_start = first;
        let mut next_break = breaks.partition_point(|&b| b <= range.start);
        for (token, t) in tokens.iter().enumerate().take(end).skip(first) {
            let mut crossed = false;
            while next_break < breaks.len() && breaks[next_break] <= t.start {
                next_break += 1;
                crossed = true;
            }
            if crossed && token > paragraph_start {
                split_paragraph(segmentation, body, paragraph_start..token, &mut spans);
                paragraph_start = token;
            }
        }
        if end > paragraph_start {
            split_paragraph(segmentation, body, paragraph_start..end, &mut spans);
        }
    }
    spans
}

fn split_paragraph(segmentation: &Segmentation, body: usize, tokens: Range<usize>, out: &mut Vec<SegmentSpan>) {
    if tokens.len() <= LONG_PARAGRAPH_WORDS {
        out.push(SegmentSpan { body, tokens });
        return;
    }
    let mut start = tokens.start;
    for token in tokens.start + 1..tokens.end {
        if segmentation.token_sentence[token] != segmentation.token_sentence[token - 1] {
            out.push(SegmentSpan { body, tokens: start..token });
            start = token;
        }
    }
    out.push(SegmentSpan { body, tokens: start..tokens.end });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str) -> Vec<String> {
        let mut seg = Segmentation::default();
        seg.analyse(text);
        let whole = 0..text.len();
        segment(&seg, std::slice::from_ref(&whole), &paragraph_breaks(text))
            .iter()
            .map(|s| text[seg.tokens[s.tokens.start].start..seg.tokens[s.tokens.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn paragraphs_not_hard_wraps() {
        assert_eq!(segments("One two.\n\nThree four."), ["One two", "Three four"]);
        assert_eq!(segments("One two.\nThree four."), ["One two", "Three four"], "UNGDC: a line per paragraph");
        assert_eq!(segments("One two\nthree four.\nFive."), ["One two\nthree four", "Five"], "hard wrap");
        assert_eq!(segments("Мы собрались\nдля того, чтобы\nобсудить."), ["Мы собрались\nдля того, чтобы\nобсудить"]);
    }

    #[test]
    fn long_and_flattened_paragraphs_fall_back_to_sentences() {
        let sentence = "Word ".to_string() + "word ".repeat(59).trim_end() + ".";
        let text = [sentence.as_str(); 3].join(" ");
        assert_eq!(segments(&text).len(), 3);
        assert_eq!(segments(&sentence).len(), 1);
    }
}
