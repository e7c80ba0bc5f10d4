//! Token normalisation: the one definition of "the same word" used for patterns and documents.
//!
//! A token is normalised by NFKC, then full Unicode case folding, then NFC (folding can leave
//! decomposed sequences), then `ё`→`е` (Russian writes the two interchangeably). Soft hyphens and
//! zero-width joiners are removed. ASCII tokens take a fast path: NFKC leaves ASCII unchanged and
//! its case folding is plain lower-casing.

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;

/// Characters kept inside a token by the tokenizer but dropped when comparing tokens.
pub(crate) fn is_ignorable_joiner(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// Appends the normalised form of `token` to `out`.
pub fn normalize_into(token: &str, out: &mut String) {
    if token.is_ascii() {
        out.extend(token.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let folded = token.chars().filter(|&c| !is_ignorable_joiner(c)).nfkc().default_case_fold().nfc();
    out.extend(folded.map(|c| match c {
        'ё' => 'е',
        other => other,
    }));
}

/// The normalised form of `token`.
pub fn normalize_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    normalize_into(token, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_token;

    #[test]
    fn table() {
        let rows = [
            ("NATO", "nato"),
            ("Straße", "strasse"),
            ("БРАТСКИЙ", "братский"),
            ("Ёлка", "елка"),
            ("ﬁnal", "final"),
            ("e\u{301}te\u{301}", "été"),
            ("ＮＡＴＯ", "nato"),
            ("secu\u{ad}rity", "security"),
            ("ΣΊΣΥΦΟΣ", "σίσυφοσ"),
        ];
        for (input, expected) in rows {
            assert_eq!(normalize_token(input), expected, "input {input:?}");
        }
    }
}
