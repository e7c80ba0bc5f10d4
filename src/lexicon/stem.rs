//! Stem mode (`stem = true` per lexicon or per motif): each word of a pattern is reduced to its
//! Snowball stem (the `rust-stemmers` crate) and matches every document token with the same stem,
//! so `fundamental threat` also matches "fundamental threats" and `indivisibility ~2 security`
//! "indivisible securities". The language is the lexicon's `language`: English (Porter2) or
//! Russian.
//!
//! Prefix atoms (`secur*`) keep their prefix meaning and regexes are not stemmed. Words of other
//! steps are stemmed after normalisation, exactly as document tokens are, so both sides meet in
//! the same form.
//!
//! Function words (`the`, `of`, `на`…) are not stemmed: they have no inflections worth matching.
//! The scanner does not stem every token: a stem atom enters the token dictionary as the *screen*
//! [`screen_prefix`], a prefix every token with that stem starts with, and only tokens starting
//! with it are stemmed and compared (see `src/scan/DESIGN.md`).

use super::pattern::{Atom, Pattern};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// A language the Snowball stemmer supports in stem mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StemLanguage {
    /// English (Snowball's Porter2).
    English,
    /// Russian.
    Russian,
}

impl StemLanguage {
    /// The stemmer for a lexicon's `language`: `en`, `eng`, `english`, `ru`, `rus`, `russian`, any
    /// case, optionally with a region (`en-GB`); `None` for other languages.
    pub fn from_code(code: &str) -> Option<StemLanguage> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" | "eng" | "english" => Some(StemLanguage::English),
            "ru" | "rus" | "russian" => Some(StemLanguage::Russian),
            _ => None,
        }
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            StemLanguage::English => "English",
            StemLanguage::Russian => "Russian",
        }
    }

    /// The stem of a normalised word.
    pub fn stem(self, word: &str) -> String {
        static ENGLISH: OnceLock<Stemmer> = OnceLock::new();
        static RUSSIAN: OnceLock<Stemmer> = OnceLock::new();
        let stemmer = match self {
            StemLanguage::English => ENGLISH.get_or_init(|| Stemmer::create(Algorithm::English)),
            StemLanguage::Russian => RUSSIAN.get_or_init(|| Stemmer::create(Algorithm::Russian)),
        };
        stemmer.stem(word).into_owned()
    }
}

/// A prefix that every normalised word with stem `stem` starts with: the stem without its last
/// character (Porter2 rewrites only the last: `y` → `i`, an added `e`, `-biliti` → `-ble` with the
/// `e` then dropped), at least one character. Porter2's exceptional forms `dying`, `lying`, `tying`
/// (stems `die`, `lie`, `tie`) get their first letter. Checked on the 75,864 distinct words of
/// 60 MB of UNGDC speeches and the Russian corpora, and on a word list by the tests.
pub fn screen_prefix(language: StemLanguage, stem: &str) -> &str {
    let chars = stem.chars().count();
    let exceptional = language == StemLanguage::English && matches!(stem, "die" | "lie" | "tie");
    let keep = if exceptional { 1 } else { chars.saturating_sub(1).max(1).min(chars) };
    let end = stem.char_indices().nth(keep).map_or(stem.len(), |(i, _)| i);
    &stem[..end]
}

/// Words of a pattern that stem mode leaves as they are: function words have no inflections worth
/// matching, and stemming them would make the scanner stem most tokens of a text. Also the words
/// the scanner counts as common when choosing anchors.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "for", "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "more",
    "my", "new", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out", "over", "s", "same", "so",
    "such", "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to", "up", "us",
    "very", "was", "we", "were", "which", "will", "with", "would", "you", "your", "а", "без", "бы", "в", "во", "все",
    "вы", "да", "для", "до", "его", "ее", "если", "же", "за", "и", "из", "или", "их", "к", "как", "ли", "мы", "на",
    "над", "не", "но", "о", "об", "от", "по", "под", "при", "с", "со", "так", "то", "у", "уже", "что", "это", "я",
];

/// Replaces every word atom of `pattern` but [`FUNCTION_WORDS`] by its stem atom (prefixes and
/// regexes are unchanged).
pub fn stem_pattern(pattern: &mut Pattern, language: StemLanguage) {
    let stem = |atom: &mut Atom| match atom {
        Atom::Word(word) if !FUNCTION_WORDS.contains(&word.as_str()) => {
            *atom = Atom::Stem(language, language.stem(word))
        }
        _ => {}
    };
    match pattern {
        Pattern::Sequence(sequences) => sequences.iter_mut().flatten().flat_map(|s| &mut s.alternatives).for_each(stem),
        Pattern::Near { terms, .. } => terms.iter_mut().flatten().for_each(stem),
        Pattern::Regex(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_code() {
        assert_eq!(StemLanguage::from_code("en-GB"), Some(StemLanguage::English));
        assert_eq!(StemLanguage::from_code("RU"), Some(StemLanguage::Russian));
        assert_eq!(StemLanguage::from_code("de"), None);
        assert_eq!(StemLanguage::from_code("und"), None);
    }

    #[test]
    fn inflections_share_a_stem() {
        let en = StemLanguage::English;
        assert_eq!(en.stem("indivisible"), en.stem("indivisibility"));
        assert_eq!(en.stem("threat"), en.stem("threats"));
        // A stem is not a lemma (README): some unrelated words meet, some forms do not.
        assert_eq!(en.stem("university"), en.stem("universe"));
        assert_ne!(en.stem("generous"), en.stem("generate"));
        let ru = StemLanguage::Russian;
        assert_eq!(ru.stem("расширение"), ru.stem("расширения"));
        assert_eq!(ru.stem("расширением"), ru.stem("расширении"));
    }

    /// Every word starts with the screen prefix of its stem: the guarantee the scanner's screen
    /// relies on. Words chosen for the rules that rewrite a stem's end.
    #[test]
    fn words_start_with_the_screen_of_their_stem() {
        let english = "dying lying tying skies cries cry happy happily possibility responsibility hoping \
            hopping luxuriating relational valency digitizer organization creation operator sensitivity \
            generously gently ugly early only singly news atlas bias idly skis sky agreed feed \
            conditional rational valenci hesitance probably considerably threatening security securities \
            indivisibility indivisible expansion expanding enlarged nazis y ye yes by";
        for word in english.split_whitespace() {
            let stem = StemLanguage::English.stem(word);
            assert!(word.starts_with(screen_prefix(StemLanguage::English, &stem)), "{word} -> {stem}");
        }
        let russian = "расширение расширения нерасширении безопасности неделимость братскому народу \
            стремление стремленный стремленнее наибольший ёлка большевистский целостность минских \
            соглашений переговоров нацистов неонацизм украиной";
        for word in russian.split_whitespace() {
            let word = crate::text::normalize_token(word);
            let stem = StemLanguage::Russian.stem(&word);
            assert!(word.starts_with(screen_prefix(StemLanguage::Russian, &stem)), "{word} -> {stem}");
        }
    }
}
