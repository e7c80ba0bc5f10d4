//! What the words of a candidate speaker label say about it, before the document is looked at as a
//! whole: whether it is a role (`Question:`), a name with the marks of a label (a title word such as
//! `President` or `Министр`, an initial, a lower-case note such as `(retranslated)`, a site
//! tooltip), plain capitalised words (`Dmitry Peskov`, `Газета «Утро»`), one ordinary word (`Look:`,
//! `Подчеркну:`, `ATACMS:`), or a form a label never takes (a form of address, `Yes, Mr President:`,
//! a capitalised pronoun, `Вопрос Ваш:`). It also says which dots end no sentence (`Mr.`, an initial,
//! `H.R.H.`) and which single words are acronyms (`ИТАР-ТАСС`, an outlet naming its journalist).
//!
//! Word lists are matched on lower-cased words: English title and role words whole, Russian title
//! stems by their start, so that `Председатель`, `Председателя` and `Президента` are all titles.

/// One-word labels that name a role rather than a person.
const ROLE_WORDS: &[&str] = &[
    "q",
    "a",
    "question",
    "questions",
    "answer",
    "reply",
    "response",
    "moderator",
    "interviewer",
    "host",
    "presenter",
    "anchor",
    "journalist",
    "correspondent",
    "reporter",
    "audience",
    "voice",
    "voices",
    "chair",
    "chairman",
    "chairperson",
    "remark",
    "вопрос",
    "вопросы",
    "ответ",
    "реплика",
    "ведущий",
    "ведущая",
    "ведущие",
    "модератор",
    "журналист",
    "корреспондент",
    "голос",
    "голоса",
    "председательствующий",
];

/// Words that introduce what follows (`Look: …`, `Подчеркну: …`); never a label by themselves.
const DISCOURSE_WORDS: &[&str] = &[
    "look",
    "listen",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "finally",
    "further",
    "furthermore",
    "moreover",
    "remark",
    "note",
    "example",
    "again",
    "so",
    "now",
    "well",
    "yes",
    "no",
    "quote",
    "result",
    "conclusion",
    "summary",
    "therefore",
    "however",
    "besides",
    "смотрите",
    "послушайте",
    "подчеркну",
    "поясню",
    "повторяю",
    "повторю",
    "напомню",
    "объясню",
    "скажу",
    "итак",
    "итог",
    "вывод",
    "первое",
    "второе",
    "третье",
    "во-первых",
    "во-вторых",
    "в-третьих",
    "далее",
    "например",
    "цитирую",
    "говорят",
    "кстати",
    "значит",
];

/// Pronouns, capitalised as a form of politeness (`Вопрос Ваш: …`, `Вы сказали: …`) or in a heading:
/// never a word of a name.
const PRONOUNS: &[&str] =
    &["i", "we", "you", "your", "our", "my", "вы", "ваш", "ваша", "ваше", "ваши", "вас", "вам", "вами", "я", "мы"];

/// English title words (whole words).
const TITLE_WORDS: &[&str] = &[
    "president",
    "presidential",
    "vice",
    "minister",
    "prime",
    "premier",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "governor",
    "mayor",
    "king",
    "queen",
    "emir",
    "sultan",
    "prince",
    "chancellor",
    "director",
    "head",
    "deputy",
    "commander",
    "general",
    "chief",
    "adviser",
    "advisor",
    "aide",
    "envoy",
    "representative",
    "senator",
    "speaker",
    "leader",
    "patriarch",
    "commissioner",
    "ombudsman",
    "rector",
    "marshal",
    "admiral",
    "colonel",
    "mufti",
    "acting",
];

/// Russian title stems (a word starting with one is a title word).
const TITLE_STEMS: &[&str] = &[
    "президент",
    "министр",
    "премьер",
    "председател",
    "секретар",
    "пресс-секретар",
    "помощник",
    "заместител",
    "губернатор",
    "директор",
    "глав",
    "посол",
    "мэр",
    "руководител",
    "командующ",
    "начальник",
    "спикер",
    "советник",
    "представител",
    "генерал",
    "маршал",
    "адмирал",
    "уполномоченн",
    "канцлер",
    "патриарх",
    "король",
    "королев",
];

/// Forms of address: a label never starts with one (`Mr President: …` is said to him), nor with
/// a word that opens a salutation (`To the Congress:`, `Members of the Congress:`).
const ADDRESS_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "madam",
    "madame",
    "sir",
    "dear",
    "excellency",
    "excellencies",
    "ladies",
    "gentlemen",
    "members",
    "fellow",
    "citizens",
    "friends",
    "colleagues",
    "to",
    "уважаемый",
    "уважаемая",
    "уважаемые",
    "дорогой",
    "дорогая",
    "дорогие",
    "господин",
    "госпожа",
    "товарищ",
    "товарищи",
    "коллеги",
    "друзья",
];

/// Abbreviations after which a dot ends no sentence (`Mr. Speaker, …:` is a salutation).
const ABBREVIATIONS: &[&str] = &["mr", "mrs", "ms", "messrs", "dr", "st", "mme", "prof", "gen", "sen", "rep", "hon"];

/// Whether `text` ends with an abbreviation and its dot (`… Mr.`), an initial (`… by E.`) or a
/// dotted abbreviation (`… H.R.H.`, `… U.S.`).
pub(super) fn ends_with_abbreviation(text: &str) -> bool {
    text.strip_suffix('.').is_some_and(|rest| {
        let word = rest.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        let token = rest.rsplit(|c: char| !(c.is_alphabetic() || c == '.')).next().unwrap_or("");
        let dotted = token.contains('.') && token.split('.').all(|part| part.chars().count() <= 3);
        let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
        ABBREVIATIONS.contains(&word.to_lowercase().as_str()) || initial || dotted
    })
}

/// What a candidate label's words say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A role word, alone or with a note: `Question`, `Вопрос (перевод с английского языка)`.
    Role,
    /// A name with the marks of a label: a title word, an initial, a note, a site tooltip.
    Marked,
    /// Two or more capitalised words and nothing else: `Dmitry Peskov`, `Возьмите Кипр`.
    Plain,
    /// One word that is not a role: a label only if it ends a longer label of the document.
    Single,
    /// Never a label: a discourse word, a form of address, a list of words that is not a title.
    Not,
}

fn lower(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

fn is_title(word: &str) -> bool {
    let word = lower(word);
    TITLE_WORDS.contains(&word.as_str()) || TITLE_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Whether `word` is a title word (`President`, `Министра`).
pub(super) fn is_title_word(word: &str) -> bool {
    is_title(word)
}

/// Whether a one-word label is a discourse word (`Look`, `Поясню`).
pub(super) fn is_discourse_word(word: &str) -> bool {
    DISCOURSE_WORDS.contains(&lower(word).as_str())
}

/// The part of a label that names the speaker, as written: a Kremlin site tooltip is cut off.
/// The Russian site writes `С.Лавров      Лавров Сергей ВикторовичМинистр …` (the name, a run of
/// spaces, the tooltip), the English one `… Ilham Aliyev Aliyev IlhamPresident of Azerbaijan` (the
/// tooltip starts by repeating the surname).
pub(super) fn speaker_part(label: &str) -> (&str, bool) {
    let head_end = label.find(char::is_whitespace).unwrap_or(label.len());
    let head = &label[..head_end];
    if head.contains('.')
        && !head.ends_with('.')
        && label[head_end..].chars().take_while(|c| c.is_whitespace()).count() >= 2
    {
        return (head, true);
    }
    let mut previous: Option<&str> = None;
    let mut offset = 0;
    for word in label.split_whitespace() {
        let at = offset + label[offset..].find(word).expect("the word is in the label");
        if previous == Some(word) && word.starts_with(char::is_uppercase) {
            return (label[..at].trim_end(), true);
        }
        previous = Some(word);
        offset = at + word.len();
    }
    (label, false)
}

/// The shape of a label whose speaker part is `name`; `tooltip` tells whether a tooltip was cut.
pub(super) fn shape(name: &str, tooltip: bool) -> Shape {
    // A note in lower case (`(retranslated)`, `(по‑русски)`) marks a label; a capitalised one
    // (`(Reuters, London)`, `(Нижний Новгород)`) names an outlet or a place and marks nothing.
    let (words_part, note) = match name.find('(') {
        Some(i) => (&name[..i], name[i + 1..].starts_with(char::is_lowercase)),
        None => (name, false),
    };
    let words: Vec<&str> = words_part.split_whitespace().collect();
    let Some(first) = words.first() else { return Shape::Not };
    if ADDRESS_WORDS.contains(&lower(first).as_str()) {
        return Shape::Not;
    }
    if words.iter().any(|w| PRONOUNS.contains(&lower(w).as_str())) {
        return Shape::Not;
    }
    let initialled = words.iter().any(|w| w.contains('.'));
    if words.len() == 1 && !initialled {
        return if ROLE_WORDS.contains(&lower(first).as_str()) {
            Shape::Role
        } else if is_discourse_word(first) {
            Shape::Not
        } else {
            Shape::Single
        };
    }
    // A comma or a dash separates titles (`Chairman of …, Prime Minister Roman Golovchenko`,
    // `Deputy Prime Minister – Minister of Finance Anna Berg`): every part before a dash must hold
    // a title word, and every part before a comma a title word or two words (a name before its
    // title: `Anna Berg, Head of the Utopian Mint`), so `Yes, Mr President`, `Well, Moscow` or
    // `Moscow – Beijing` is no label.
    let before_dash: Vec<&str> = words_part.split(['–', '—']).collect();
    if before_dash[..before_dash.len() - 1].iter().any(|part| !part.split_whitespace().any(is_title)) {
        return Shape::Not;
    }
    let before_comma: Vec<&str> = words_part.split(',').collect();
    if before_comma[..before_comma.len() - 1].iter().any(|part| {
        let words: Vec<&str> = part.split_whitespace().collect();
        !words.iter().any(|w| is_title(w)) && words.len() < 2
    }) {
        return Shape::Not;
    }
    let titled = words.iter().any(|w| is_title(w));
    if tooltip || note || initialled || titled {
        Shape::Marked
    } else if words.iter().any(|w| matches!(*w, "and" | "to" | "AND" | "TO")) {
        Shape::Not // `and` and `to` join the words of a title (`Aide to the President`), not of a name
    } else {
        Shape::Plain
    }
}

/// Whether a one-word label is an acronym in capitals (`ИТАР-ТАСС`, `BBC`): a news outlet naming
/// its journalist, a label when it opens a paragraph of a transcript.
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '‑' | '&'))
}

/// Where the last title phrase of `label` starts, in bytes: a title word that starts the label or
/// follows a capitalised word that is not a title word (`… Serdar Berdimuhamedov |President of
/// Russia Vladimir Putin`). Used for labels run on from a heading after a `* * *` separator.
pub(super) fn last_title_phrase(label: &str) -> Option<usize> {
    let mut found = None;
    let mut previous_starts_phrase = true; // the start of the label
    let mut offset = 0;
    for word in label.split_whitespace() {
        let at = offset + label[offset..].find(word).expect("the word is in the label");
        let title = is_title(word) && word.starts_with(char::is_uppercase);
        if title && previous_starts_phrase {
            found = Some(at);
        }
        previous_starts_phrase = word.starts_with(char::is_uppercase) && !title;
        offset = at + word.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_labels() {
        let rows = [
            ("Question", Shape::Role),
            ("Вопрос (перевод с английского)", Shape::Role),
            ("Look", Shape::Not),
            ("Поясню", Shape::Not),
            ("ATACMS", Shape::Single),
            ("Peskov", Shape::Single),
            ("В.Путин", Shape::Marked),
            ("V. Putin", Shape::Marked),
            ("Foreign Minister of Atlantis Maria Lopes", Shape::Marked),
            ("Министр обороны", Shape::Marked),
            ("Chairman of the Council of the Republic of Atlantis, Prime Minister Juan Ortega", Shape::Marked),
            ("Lin Qiaoshan (retranslated)", Shape::Marked),
            ("Anna Berg", Shape::Plain),
            ("Yes, Mr President", Shape::Not),
            ("Mr President", Shape::Not),
            ("Well, Moscow", Shape::Not),
            ("Aide to the President Ivan Sidorov", Shape::Marked),
            ("Welcome to Utopia", Shape::Not),
            ("Remark", Shape::Role),
            ("Members of the Parliament of Atlantis", Shape::Not),
            ("To the Parliament", Shape::Not),
            ("Deputy Prime Minister – Minister of Finance Anna Berg", Shape::Marked),
            ("Moscow – Beijing", Shape::Not),
            ("И.Петров (Нижний Новгород)", Shape::Marked),
            ("Anna Berg (Reuters, London)", Shape::Plain),
            ("Газета «Утопия»", Shape::Plain),
            ("Anna Berg, Head of the Utopian Mint", Shape::Marked),
            ("Вопрос Ваш", Shape::Not),
            ("DISTINGUISHED LADIES AND GENTLEMEN", Shape::Not),
            ("Anna Berg, Utopian Mint", Shape::Plain),
            ("Deputy Prime Minister– Minister of Finance Anna Berg", Shape::Marked),
        ];
        for (label, expected) in rows {
            assert_eq!(shape(label, false), expected, "{label}");
        }
    }

    #[test]
    fn acronyms_in_capitals() {
        assert!(is_acronym("ИТАР-ТАСС") && is_acronym("BBC") && is_acronym("RT"));
        assert!(!is_acronym("Peskov") && !is_acronym("A") && !is_acronym("NATO's"));
    }

    #[test]
    fn the_last_title_phrase_of_a_run_on_label() {
        let label = "President of Atlantis Juan Ortega President of Utopia Anna Berg";
        assert_eq!(last_title_phrase(label).map(|i| &label[i..]), Some("President of Utopia Anna Berg"));
        let label = "Summit Deputy Prime Minister Lin Qiaoshan";
        assert_eq!(last_title_phrase(label).map(|i| &label[i..]), Some("Deputy Prime Minister Lin Qiaoshan"));
        assert_eq!(last_title_phrase("Anna Berg"), None);
    }

    #[test]
    fn abbreviations_end_no_sentence() {
        assert!(ends_with_abbreviation("Mr. President, Mr."));
        assert!(!ends_with_abbreviation("That is all."));
        assert!(!ends_with_abbreviation("Mr"));
        assert!(ends_with_abbreviation("a book by E.") && ends_with_abbreviation("of H.R.H."));
        assert!(!ends_with_abbreviation("the spread of NATO.") && !ends_with_abbreviation("I saw it."));
        assert!(!ends_with_abbreviation("a proper organisation.(Laughter."));
    }

    #[test]
    fn tooltips_are_cut_off() {
        assert_eq!(speaker_part("И.Петров      Петров Иван Ильичминистр связи"), ("И.Петров", true));
        assert_eq!(
            speaker_part("President of Atlantis Juan Ortega Ortega JuanPresident of Atlantis"),
            ("President of Atlantis Juan Ortega", true)
        );
        assert_eq!(speaker_part("President of Atlantis Juan Ortega"), ("President of Atlantis Juan Ortega", false));
        assert_eq!(speaker_part("V. Putin"), ("V. Putin", false));
    }
}
