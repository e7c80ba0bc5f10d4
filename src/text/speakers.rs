//! Speaker turns in transcripts: a label followed by a colon (`President of Russia Vladimir
//! Putin:`, `Question:`, `В.Путин:`) at the start of the text, at the start of a line (also on a
//! line of its own), or — in archives whose paragraphs were flattened into one line — right after
//! a sentence end.
//!
//! The default label grammar accepts one to seven capitalised words, initials (`В.`, `V.`) and a
//! few lower-case name particles (`of`, `the`, `de`, `van`…), so that an ordinary sentence with a
//! colon ("The answer is simple: no.") is not a turn: its words before the colon are not all
//! capitalised, and a capitalised word before a colon in mid-sentence is not at a turn position.

use regex::Regex;

/// The default label grammar (without the colon, which is always required).
pub const DEFAULT_SPEAKER_PATTERN: &str = r"(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’\-]*(?:\s+(?:(?:of|the|de|da|di|du|van|von|der|del|la|le|al|bin|ibn|и|по)\s+)*(?:\p{Lu}\.\s?)*\p{Lu}[\p{L}'’\-]*){0,6}(?:\s\(\p{Ll}[\p{L} ]*\))?";

/// A compiled label grammar.
#[derive(Debug, Clone)]
pub struct SpeakerPattern {
    regex: Regex,
}

impl SpeakerPattern {
    /// Compiles a label grammar; the colon after the label is added here.
    pub fn new(pattern: &str) -> Result<SpeakerPattern, regex::Error> {
        Ok(SpeakerPattern { regex: Regex::new(&format!("(?:{pattern}):"))? })
    }
}

impl Default for SpeakerPattern {
    fn default() -> Self {
        SpeakerPattern::new(DEFAULT_SPEAKER_PATTERN).expect("the default speaker pattern compiles")
    }
}

/// One labelled turn: the label at bytes `label_start..label_end` (colon excluded), the turn's
/// words from `body_start` to the next turn's `label_start`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// The label as written.
    pub label: String,
    /// Where the label starts.
    pub label_start: usize,
    /// Where it ends (colon excluded).
    pub label_end: usize,
    /// Where the turn's words start.
    pub body_start: usize,
}

/// The labelled turns of `text`, in order.
pub fn detect_turns(text: &str, pattern: &SpeakerPattern) -> Vec<Turn> {
    let mut turns = Vec::new();
    let mut search_from = 0;
    while let Some(m) = pattern.regex.find_at(text, search_from) {
        search_from = m.end();
        let after = &text[m.end()..];
        let followed_by_space = after.is_empty() || after.starts_with(char::is_whitespace);
        if followed_by_space && at_turn_position(&text[..m.start()]) {
            let label_end = m.end() - 1;
            turns.push(Turn {
                label: text[m.start()..label_end].split_whitespace().collect::<Vec<_>>().join(" "),
                label_start: m.start(),
                label_end,
                body_start: m.end(),
            });
        }
    }
    turns
}

/// Whether a label may start right after `before`: at the start of the text or of a line, or
/// after a sentence end (terminator, optional closing quote, white space).
fn at_turn_position(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
    if trimmed.is_empty() || trimmed.ends_with(['\n', '\r']) {
        return true;
    }
    if trimmed.len() == before.len() {
        return false; // no white space between the previous text and the label
    }
    let trimmed = trimmed.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    trimmed.ends_with(['.', '!', '?', '…', '*'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<String> {
        detect_turns(text, &SpeakerPattern::default()).into_iter().map(|t| t.label).collect()
    }

    #[test]
    fn true_turns() {
        let rows: &[(&str, &[&str])] = &[
            ("President of Russia Vladimir Putin: Colleagues, friends.", &["President of Russia Vladimir Putin"]),
            ("Intro.\nVladimir Putin: Yes.\nQuestion: Why?", &["Vladimir Putin", "Question"]),
            ("В.Путин:\nДобрый день.\n\nД.Козак: Спасибо.", &["В.Путин", "Д.Козак"]),
            ("Thank you. Dmitry Peskov: Next question. Question: When?", &["Dmitry Peskov", "Question"]),
            (
                "We agreed. * * * President of Russia Vladimir Putin: Good afternoon.",
                &["President of Russia Vladimir Putin"],
            ),
            ("“That is all.” Moderator: Thank you.", &["Moderator"]),
            (
                "Done. Prime Minister of India Narendra Modi (retranslated): Thank you.",
                &["Prime Minister of India Narendra Modi (retranslated)"],
            ),
        ];
        for (text, expected) in rows {
            assert_eq!(&labels(text), expected, "{text:?}");
        }
    }

    #[test]
    fn false_turns() {
        for text in [
            "The answer is simple: no.",
            "There are three reasons: first, security.",
            "He told Reuters: we will not.",
            "As President Putin said: security is indivisible.",
            "Meeting at 10:30 in Moscow.",
            "Note:the format is new.",
            "Он сказал Путину: нет.",
        ] {
            let found = labels(text);
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
    }
}
