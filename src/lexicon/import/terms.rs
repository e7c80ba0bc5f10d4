//! One dictionary term to one pattern of our language. Terms are words separated by spaces; a `*`
//! at the end of a word makes it a glob (a prefix), as in LIWC, quanteda, WordStat and Lexicoder.
//! Punctuation inside a term is a token separator in our language anyway, so `(`, `)`, `|`, `~`,
//! `:` and other non-word characters become spaces and cannot be read as pattern syntax.

use crate::lexicon::parse_pattern;
use crate::text::is_token_char;

/// How a format writes wildcards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Wildcards {
    /// Only `*`, at the end of a word; `?` is punctuation (LIWC, WordStat, Lexicoder).
    Star,
    /// quanteda globs: `*` for any characters, `?` for one character.
    Glob,
}

/// The pattern for `term`, or why it cannot be expressed.
pub(super) fn term_pattern(term: &str, wildcards: Wildcards) -> Result<String, String> {
    let term = term.trim();
    if term.is_empty() {
        return Err("empty term".into());
    }
    let mut words = Vec::new();
    for word in term.split_whitespace() {
        if wildcards == Wildcards::Glob && word.contains('?') {
            return Err(format!(
                "'{term}': the one-character wildcard '?' cannot be expressed (only '*' at the end of a word)"
            ));
        }
        let (body, glob) = match word.strip_suffix('*') {
            Some(body) => (body, true),
            None => (word, false),
        };
        if body.contains('*') {
            return Err(format!(
                "'{term}': '*' can only end a word (a prefix); '*' at the start or inside a word cannot be expressed"
            ));
        }
        let cleaned: String = body.chars().map(|c| if is_token_char(c) { c } else { ' ' }).collect();
        if glob {
            let letters = body.chars().rev().take_while(|&c| is_token_char(c)).count();
            if letters == 0 {
                return Err(format!("'{term}': '*' must follow a letter or digit"));
            }
            if letters < 2 {
                return Err(format!("'{term}': a glob needs at least 2 letters before '*' in our patterns"));
            }
            words.push(format!("{}*", cleaned.trim()));
        } else if !cleaned.trim().is_empty() {
            words.push(cleaned.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    if words.is_empty() {
        return Err(format!("'{term}' has no letters or digits"));
    }
    let pattern = words.join(" ");
    parse_pattern(&pattern).map_err(|e| format!("'{term}': {}", e.message))?;
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_patterns() {
        let rows: &[(&str, Wildcards, Result<&str, &str>)] = &[
            ("abandon*", Wildcards::Star, Ok("abandon*")),
            ("  kind  of ", Wildcards::Star, Ok("kind of")),
            ("don't", Wildcards::Star, Ok("don t")),
            ("thank* you*", Wildcards::Star, Ok("thank* you*")),
            ("(yes|no)?", Wildcards::Star, Ok("yes no")),
            ("re:x", Wildcards::Star, Ok("re x")),
            ("a*", Wildcards::Star, Err("at least 2 letters")),
            ("*ism", Wildcards::Glob, Err("can only end a word")),
            ("colo?r", Wildcards::Glob, Err("'?' cannot be expressed")),
            ("colo?r", Wildcards::Star, Ok("colo r")),
            (":)", Wildcards::Star, Err("no letters or digits")),
            ("-*", Wildcards::Star, Err("must follow a letter")),
            ("", Wildcards::Star, Err("empty term")),
        ];
        for (term, wildcards, expected) in rows {
            match (term_pattern(term, *wildcards), expected) {
                (Ok(pattern), Ok(want)) => assert_eq!(&pattern, want, "{term:?}"),
                (Err(message), Err(want)) => assert!(message.contains(want), "{term:?}: {message}"),
                (got, _) => panic!("{term:?}: {got:?}"),
            }
        }
    }
}
