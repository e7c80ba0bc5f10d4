//! Speaker turns in transcripts: a label followed by a colon (`President of Russia Vladimir
//! Putin:`, `Question:`, `В.Путин:`) at a turn position — the start of the text or of a
//! paragraph, a line after a sentence end, or, in archives whose paragraphs were flattened into
//! one line, right after a sentence end in mid-line. A label never spans a line break.
//!
//! Finding a turn takes two steps. The label grammar (a regex, linear in the text) proposes
//! candidates: capitalised words, initials (`В.`, `Дж.`), name particles (`of`, `the`, `de`,
//! `van`…), commas and dashes between titles, words in guillemets (`«Утренняя газета»`), a
//! parenthetical note, or an initialled name followed by a site tooltip. A match that starts inside
//! a word (`NATO. Vladimir Putin:` read from `O.`) is tried again one character on. Then the words
//! decide (`label_words.rs`): a role word (`Question`) or a marked name (a title word, an initial, a
//! note, a tooltip) is a label; plain capitalised words (`Dmitry Peskov`) are a label at the start of
//! a line, or anywhere in a text flattened into one line; one other word (`Peskov`) is a label only
//! when it ends a longer label of the same document, or is an acronym (`ИТАР-ТАСС`) opening a line
//! of a transcript, so `Look:`, `Second:`, `ATACMS:` and `Поясню:` are not. A custom grammar
//! (`--speaker-pattern`) skips the word rules.

use super::aliases::name_words;
use super::label_words::{
    ends_with_abbreviation, is_acronym, is_discourse_word, is_title_word, last_title_phrase, shape, speaker_part, Shape,
};
use regex::Regex;
use std::collections::HashSet;

/// The default label grammar (without the colon, which is always required): an initialled name
/// with a site tooltip, or capitalised words with particles, commas and a note. Its repetitions are
/// unbounded, which keeps the regex small and fast; `MAX_LABEL_BYTES` bounds a label instead. A
/// note holds letters, digits, spaces, hyphens, commas, dots and guillemets only (`(Утопия.Ru,
/// Москва)`): a class such as `[^)]` costs a tenth of the scan time. One space may precede the colon.
pub const DEFAULT_SPEAKER_PATTERN: &str = concat!(
    r"(?:(?:\p{Lu}|Дж)\.[ \u{a0}]?)+\p{Lu}[\p{L}\p{M}'’\-]*[ \t\u{a0}]{2,}[^\n:.!?;,()]+?[ \t\u{a0}]?",
    r"|(?:(?:(?:\p{Lu}|Дж)\.[ \u{a0}]?)*\p{Lu}[\p{L}\p{M}'’\-&]*|«[^«»:\n]{1,60}»)",
    r"(?:(?:,?[ \t\u{a0}]+|[ \t\u{a0}]?[–—])(?:[–—][ \t\u{a0}]+)?[ \t\u{a0}]*",
    r"(?:(?:of|the|for|to|and|de|da|di|du|dos|van|von|der|den|del|la|le|al|el|bin|ibn|и|по)[ \t\u{a0}]+)*",
    r"(?:(?:(?:\p{Lu}|Дж)\.[ \u{a0}]?)*\p{Lu}[\p{L}\p{M}'’\-&]*|«[^«»:\n]{1,60}»))*",
    r"(?:[ \t\u{a0}]?\([\p{L}\p{N}«][\p{L}\p{N} ,.«»\-\u{2011}]*\))?[ \t\u{a0}]?"
);

/// The longest label, in bytes (a long official title with a site tooltip is about 200).
pub const MAX_LABEL_BYTES: usize = 320;

/// A compiled label grammar.
#[derive(Debug, Clone)]
pub struct SpeakerPattern {
    regex: Regex,
    /// Whether the word rules apply (the default grammar) or every match is a label (a custom one).
    word_rules: bool,
}

impl SpeakerPattern {
    /// Compiles a label grammar; the colon after the label is added here. The word rules (roles,
    /// titles, one-word labels) apply to the default grammar only.
    pub fn new(pattern: &str) -> Result<SpeakerPattern, regex::Error> {
        Ok(SpeakerPattern {
            regex: Regex::new(&format!("(?:{pattern}):"))?,
            word_rules: pattern == DEFAULT_SPEAKER_PATTERN,
        })
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
    /// The label's speaker part, white space collapsed (a site tooltip cut off).
    pub label: String,
    /// Where the label starts.
    pub label_start: usize,
    /// Where it ends (colon excluded).
    pub label_end: usize,
    /// Where the turn's words start.
    pub body_start: usize,
}

/// Where a candidate label stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// At the start of the text or of a line that starts no continuation of a sentence.
    LineStart,
    /// After a sentence end in mid-line.
    MidLine,
}

struct Candidate {
    turn: Turn,
    position: Position,
    shape: Shape,
}

/// How the lines of a text are laid out; looked at once, and only when a candidate is found.
#[derive(Clone, Copy)]
struct Layout {
    /// No line break at all: paragraphs were flattened into one line.
    flattened: bool,
    /// Paragraphs separated by blank lines, so a single line break may wrap a sentence.
    wrapped: bool,
}

impl Layout {
    fn of(text: &str) -> Layout {
        let trimmed = text.trim();
        let flattened = !trimmed.contains('\n');
        let wrapped = !flattened && trimmed.split('\n').any(|line| line.trim().is_empty());
        Layout { flattened, wrapped }
    }
}

/// The labelled turns of `text`, in order.
pub fn detect_turns(text: &str, pattern: &SpeakerPattern) -> Vec<Turn> {
    let mut layout: Option<Layout> = None;
    let mut candidates = Vec::new();
    let mut search_from = 0;
    while let Some(m) = pattern.regex.find_at(text, search_from) {
        search_from = m.end();
        if text[..m.start()].chars().next_back().is_some_and(char::is_alphanumeric) {
            // The match starts inside a word (`NATO. Vladimir Putin:` matched from `O.` as an
            // initial): look again from the next character, where the real label may start.
            search_from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let after = &text[m.end()..];
        if !(after.is_empty()
            || after.starts_with(char::is_whitespace)
            || after.starts_with('…')
            || after.starts_with("..."))
        {
            continue;
        }
        let label_end = m.end() - 1;
        if label_end - m.start() > MAX_LABEL_BYTES {
            continue;
        }
        let layout = *layout.get_or_insert_with(|| Layout::of(text));
        let (label_start, position) = match turn_position(&text[..m.start()], layout) {
            Some(position) => (m.start(), position),
            None if pattern.word_rules && after_heading(&text[..m.start()]) => {
                match last_title_phrase(&text[m.start()..label_end]) {
                    Some(offset) => (m.start() + offset, Position::MidLine),
                    None => continue,
                }
            }
            None if pattern.word_rules && heading_at_start(&text[..m.start()]) => {
                match last_title_phrase(&text[m.start()..label_end]) {
                    Some(offset) if ends_with_name(&text[m.start() + offset..label_end]) => {
                        (m.start() + offset, Position::MidLine)
                    }
                    _ => continue,
                }
            }
            None => continue,
        };
        let (part, tooltip) = speaker_part(&text[label_start..label_end]);
        let label = part.split_whitespace().collect::<Vec<_>>().join(" ");
        let shape = if pattern.word_rules { shape(&label, tooltip) } else { Shape::Marked };
        let turn = Turn { label, label_start, label_end, body_start: m.end() };
        candidates.push(Candidate { turn, position, shape });
    }
    let flattened = layout.is_some_and(|l| l.flattened);
    accept(candidates, flattened)
}

/// The candidates that are labels. Roles and marked names always are; plain names at a line
/// start, or anywhere in a flattened text; other plain names and single words only when their
/// last word ends an accepted label of the document (`Peskov` after `Dmitry Peskov`).
fn accept(candidates: Vec<Candidate>, flattened: bool) -> Vec<Turn> {
    let last_word = |label: &str| name_words(label).pop();
    let first_pass = |c: &Candidate| match c.shape {
        Shape::Role | Shape::Marked => true,
        Shape::Plain => c.position == Position::LineStart || flattened,
        Shape::Single | Shape::Not => false,
    };
    let accepted: Vec<bool> = candidates.iter().map(first_pass).collect();
    let transcript = accepted.iter().any(|&ok| ok);
    let surnames: HashSet<String> = candidates
        .iter()
        .zip(&accepted)
        .filter(|(c, &ok)| ok && matches!(c.shape, Shape::Marked | Shape::Plain))
        .filter_map(|(c, _)| last_word(&c.turn.label))
        .collect();
    candidates
        .into_iter()
        .zip(accepted)
        .filter(|(c, ok)| {
            *ok || match c.shape {
                Shape::Plain => last_word(&c.turn.label).is_some_and(|w| surnames.contains(&w)),
                Shape::Single => {
                    !is_discourse_word(&c.turn.label)
                        && (last_word(&c.turn.label).is_some_and(|w| surnames.contains(&w))
                            || (transcript && c.position == Position::LineStart && is_acronym(&c.turn.label)))
                }
                _ => false,
            }
        })
        .map(|(c, _)| c.turn)
        .collect()
}

/// Where a label may start right after `before`: at the start of the text or of a line (in a
/// text of blank-line paragraphs, a line that follows a blank line or a sentence end), or in
/// mid-line after a sentence end (terminator, optional closing quote, white space).
fn turn_position(before: &str, layout: Layout) -> Option<Position> {
    let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
    if trimmed.is_empty() {
        return Some(Position::LineStart);
    }
    if let Some(previous) = trimmed.strip_suffix('\n').or_else(|| trimmed.strip_suffix('\r')) {
        let previous = previous.trim_end_matches([' ', '\t', '\u{a0}', '\r']);
        let line_start = !layout.wrapped
            || previous.is_empty()
            || previous.ends_with('\n')
            || previous.ends_with(':')
            || ends_sentence(previous);
        return line_start.then_some(Position::LineStart);
    }
    if trimmed.len() == before.len() {
        return None; // no white space between the previous text and the label
    }
    ends_sentence(trimmed).then_some(Position::MidLine)
}

/// Whether `before` is a heading at the start of the text (`Excerpts from the transcript of the
/// meeting President of Utopia Anna Berg:`): at most 300 bytes without a sentence end, line break,
/// colon or quote. A label may then start at the last title phrase before the colon, if that ends
/// with a name.
fn heading_at_start(before: &str) -> bool {
    before.len() <= 300 && !before.trim().is_empty() && !before.contains(['.', '!', '?', '…', '\n', ':', '*', '“', '"'])
}

/// Whether a label ends with a name: two capitalised words that are no title words (`… Anna
/// Berg`, not `… General Assembly`).
fn ends_with_name(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    words.len() >= 3 && words[words.len() - 2..].iter().all(|w| w.starts_with(char::is_uppercase) && !is_title_word(w))
}

/// Whether `before` ends with a heading run on from a `* * *` (or `***`) separator (`* * * Beginning of talks
/// with …`): the text since the last `*`, at most 300 bytes back, holds no sentence end, line break or
/// colon. A label may then start at the last title phrase of the words before the colon.
fn after_heading(before: &str) -> bool {
    let mut from = before.len().saturating_sub(300);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let window = &before[from..];
    window.rfind('*').is_some_and(|star| {
        let heading = &window[star + 1..];
        let separator = window[..star].trim_end_matches(' ').ends_with('*');
        separator && !heading.trim().is_empty() && !heading.contains(['.', '!', '?', '…', '\n', ':'])
    })
}

/// Whether `text` ends with a sentence end (or a `* * *` separator), closing quotes and brackets
/// aside; the dot of an abbreviation such as `Mr.` is none.
fn ends_sentence(text: &str) -> bool {
    // A stage note after a sentence end (`… it.(Laughter)`) ends a sentence too.
    if let Some(note) = text.strip_suffix(')').and_then(|rest| rest.rfind('(').map(|open| &rest[..open])) {
        if ends_sentence(note.trim_end()) {
            return true;
        }
    }
    // `<…>` marks words left out of a transcript; it ends what came before it.
    let text = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '>']);
    text.ends_with(['.', '!', '?', '…', '*']) && !ends_with_abbreviation(text)
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

    /// Issue 10, part 3: each class of label seen missed or invented on real transcripts, in
    /// sentences of our own.
    #[test]
    fn issue10_labels_of_real_transcripts() {
        let rows: &[(&str, &[&str])] = &[
            // A parenthetical note, after a space or glued to the name.
            (
                "We begin. President of Utopia Anna Berg (in English): Welcome. Lin Qiaoshan (retranslated): Thanks.",
                &["President of Utopia Anna Berg (in English)", "Lin Qiaoshan (retranslated)"],
            ),
            ("Fine. Premier of Utopia Lin Qiaoshan(retranslated): Yes.", &["Premier of Utopia Lin Qiaoshan(retranslated)"]),
            // Long official titles: more than seven capitalised words, commas between titles.
            (
                "Chairman of the Council of Ministers of the Republic of Atlantis, Prime Minister Juan Ortega: We agree.",
                &["Chairman of the Council of Ministers of the Republic of Atlantis, Prime Minister Juan Ortega"],
            ),
            // Ordinary words and acronyms are no labels; a surname of a longer label is.
            (
                "Anna Berg: Look: it is simple.\nFirst: trade.\nSecond: ATACMS: no.\nBerg: Again.",
                &["Anna Berg", "Berg"],
            ),
            ("И.Петров: Начнём.\n\nПодчеркну: это важно.\n\nПоясню: всё.\n\nПетров: Да.", &["И.Петров", "Петров"]),
            // A label never takes in the line before it, across a blank line or not.
            ("Все Права Защищены Редакцией\n\nИ.Петров:\nДобрый день.", &["И.Петров"]),
            ("Welcome To The Annual Meeting\nAnna Berg: Hello.", &["Anna Berg"]),
            // A site tooltip after the name is part of the label but not of the name.
            ("И.Петров      Петров Иван Ильичминистр связи : Спасибо.", &["И.Петров"]),
            (
                "Fine. President of Utopia Anna Berg Berg AnnaPresident of Utopia: Thanks.",
                &["President of Utopia Anna Berg"],
            ),
            // A colon before an ellipsis; a label run on from a heading after a separator.
            ("Anna Berg: Yes. Juan Ortega:…and so on.", &["Anna Berg", "Juan Ortega"]),
            (
                "Done. * * * Beginning of talks with President of Atlantis Juan Ortega President of Utopia Anna Berg: Hello.",
                &["President of Utopia Anna Berg"],
            ),
        ];
        for (text, expected) in rows {
            assert_eq!(&labels(text), expected, "{text:?}");
        }
    }

    /// Labels missed on the speaker audit set (`bench/speakers/`), in sentences of our own.
    #[test]
    fn audit_labels_of_real_transcripts() {
        let rows: &[(&str, &[&str])] = &[
            // A dash between titles, as a comma.
            (
                "We begin. Deputy Prime Minister – Minister of Finance of Utopia Anna Berg: Thank you.",
                &["Deputy Prime Minister – Minister of Finance of Utopia Anna Berg"],
            ),
            // A note naming a place or an outlet, in capitals, with commas, dots or a no-break hyphen.
            (
                "И.Петров (Нижний Новгород): Вопрос.\n\nА.Сидоров (Утопия.Ru, Москва): Ещё.\n\nВ.Иванов (по‑русски): Да.",
                &["И.Петров (Нижний Новгород)", "А.Сидоров (Утопия.Ru, Москва)", "В.Иванов (по‑русски)"],
            ),
            // An outlet in guillemets, or an acronym opening a paragraph of a transcript.
            (
                "В.Иванов: Спасибо.\n\n«Утренняя газета»: Вопрос.\n\nГазета «Утро»: Ещё.\n\nУТА-ТАСС: И ещё.",
                &["В.Иванов", "«Утренняя газета»", "Газета «Утро»", "УТА-ТАСС"],
            ),
            // After `<…>` (words left out); a site tooltip with a space before the colon.
            (
                "We agree. <…> Anna Berg: Thanks. Finance Minister Juan Ortega Ortega JuanFinance Minister : Yes.",
                &["Anna Berg", "Finance Minister Juan Ortega"],
            ),
            // After a word in capitals (`UTA.` is no initial of the label), after a short reply.
            (
                "Anna Berg: It grows in UTA. Juan Ortega: Fine. Anna Berg: Ok. Juan Ortega: No. Anna Berg: Good.",
                &["Anna Berg", "Juan Ortega", "Anna Berg", "Juan Ortega", "Anna Berg"],
            ),
            // A dash glued to a title; a name before its title; a two-letter initial; a note in quotes.
            (
                "Done. Deputy Minister– Press Secretary Ivan Sidorov: Yes. Anna Berg, Head of the Mint of Utopia (Mint): No.",
                &["Deputy Minister– Press Secretary Ivan Sidorov", "Anna Berg, Head of the Mint of Utopia (Mint)"],
            ),
            ("Дж.Смит («Утренняя газета»): Вопрос.\n\nВ.Иванов: Ответ.", &["Дж.Смит («Утренняя газета»)", "В.Иванов"]),
            // A capitalised pronoun (a form of politeness) is no word of a name.
            ("В.Иванов: Да.\n\nВопрос Ваш: «Что делать?» – неверный.", &["В.Иванов"]),
            // A heading at the start of the text runs on into the first label; a stage note
            // without a dot after a sentence end.
            (
                "Excerpts from the transcript of the meeting President of Utopia Anna Berg: Hello. I will.(Laughter) Juan Ortega: Fine.",
                &["President of Utopia Anna Berg", "Juan Ortega"],
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
            "In the end, the answer is simple: no.",
            "He said, and I quote: fine.",
            "Yes, Mr President: we agree.",
            "Mr President: we agree.",
            "Mr. Speaker, Members of the Parliament of Atlantis: we meet again.",
            "To the Parliament of Atlantis: greetings.",
            "Look: it is simple.",
            "ATACMS: no.",
            "Повторяю: нет.",
            // Two capitalised words in mid-line, in a text with line breaks, are a phrase.
            "Первая строка.\nЭто так. Возьмите Утопию: там всё иначе.",
            // A line that continues a sentence of a text with paragraphs does not start a turn.
            "Абзац.\n\nКак сказал\nПрезидент Утопии: всё.",
            // A dash between places, a capitalised parenthetical, an acronym outside a transcript.
            "Done. Moscow – Beijing: a new route.",
            "Line one.\nIt is so. The Treaty (Article Five): it holds.",
            "NATO: an alliance.\n\nIt grows.",
            // Words at the start of a text run on into a label only when it ends with a name.
            "In May, President Anna Berg spoke to the General Assembly: we listened.",
        ] {
            let found = labels(text);
            assert!(found.is_empty(), "{text:?}: {found:?}");
        }
    }
}
