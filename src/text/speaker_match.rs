//! Whether a speaker is the one a user asked for (`--speaker NAME`): the name itself, or a name
//! whose last words are the words asked for — `Putin` keeps `Vladimir Putin`, `V.Putin` and
//! `В.Путин`, `Путин` keeps `В.Путин` and `Vladimir Putin`. Words are split at spaces and at the dot
//! of an initial (`В.Путин` is `в путин`), an initial matches a word with its first letter, and
//! two words in different scripts match when their Latin skeletons do (see [`latin_skeleton`]).

use super::aliases::name_words;

/// Whether speaker `name` is the one asked for by `wanted`.
pub fn speaker_matches(name: &str, wanted: &str) -> bool {
    let (name_lower, wanted_lower) = (name.trim().to_lowercase(), wanted.trim().to_lowercase());
    if name_lower == wanted_lower {
        return true;
    }
    let (name, wanted) = (name_words(name), name_words(wanted));
    if wanted.is_empty() || wanted.len() > name.len() {
        return false;
    }
    wanted.iter().rev().zip(name.iter().rev()).all(|(w, n)| same_word(w, n))
}

/// Two lower-cased name words are one: equal, an initial of the other, or the same Latin skeleton.
fn same_word(a: &str, b: &str) -> bool {
    let initial_of = |short: &str, long: &str| short.chars().count() == 1 && long.starts_with(short);
    a == b || initial_of(a, b) || initial_of(b, a) || latin_skeleton(a) == latin_skeleton(b)
}

/// A lower-cased word in Latin letters with the usual spelling variants of transliteration folded
/// together, so that `путин` and `putin`, `шойгу` and `shoigu`, `матвиенко` and `matviyenko`,
/// `щёголев` and `shchyogolev` agree: Cyrillic is transliterated, `yo` is read as `e`, `y` as `i`,
/// and a doubled `i` as one.
pub fn latin_skeleton(word: &str) -> String {
    let mut latin = String::with_capacity(word.len());
    for c in word.chars() {
        match cyrillic_in_latin(c) {
            Some(letters) => latin.push_str(letters),
            None => latin.push(c),
        }
    }
    let folded = latin.replace("yo", "e").replace('y', "i");
    let mut skeleton = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !(c == 'i' && skeleton.ends_with('i')) {
            skeleton.push(c);
        }
    }
    skeleton
}

/// The Latin letters of a lower-case Cyrillic letter (Russian and Ukrainian).
fn cyrillic_in_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' | 'ї' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_by_their_last_words_in_either_script() {
        for (name, wanted) in [
            ("Vladimir Putin", "Putin"),
            ("Vladimir Putin", "vladimir putin"),
            ("В.Путин", "Путин"),
            ("В.Путин", "Putin"),
            ("V.Putin", "Putin"),
            ("Vladimir Putin", "Путин"),
            ("Vladimir Putin", "V. Putin"),
            ("С.Шойгу", "Shoigu"),
            ("(none)", "(none)"),
        ] {
            assert!(speaker_matches(name, wanted), "{name} / {wanted}");
        }
        for (name, wanted) in [("Vladimir Putin", "Peskov"), ("Putin", "Vladimir Putin"), ("В.Путин", "Пескову")]
        {
            assert!(!speaker_matches(name, wanted), "{name} / {wanted}");
        }
    }

    #[test]
    fn skeletons_fold_transliteration_variants() {
        assert_eq!(latin_skeleton("матвиенко"), latin_skeleton("matviyenko"));
        assert_eq!(latin_skeleton("щёголев"), latin_skeleton("shchyogolev"));
        assert_eq!(latin_skeleton("дмитрий"), latin_skeleton("dmitry"));
        assert_ne!(latin_skeleton("путин"), latin_skeleton("peskov"));
    }
}
