//! Text inside tab-separated rows (`leitmotif score --format tsv`, the shingle and resolve rows of
//! two-phase reuse): a backslash, tab, newline or carriage return is written as `\\`, `\t`, `\n`
//! or `\r`, so that a row is one line with fixed columns (Spark's `ROW FORMAT DELIMITED` splits on
//! them as they are).

use std::borrow::Cow;

/// `text` with `\`, tab, newline and carriage return escaped.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['\\', '\t', '\n', '\r']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The text of an escaped cell; `None` for a backslash not followed by `\`, `t`, `n` or `r`.
pub fn unescape(cell: &str) -> Option<Cow<'_, str>> {
    if !cell.contains('\\') {
        return Some(Cow::Borrowed(cell));
    }
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_comes_back_whole() {
        for text in ["plain", "a\tb\nc\rd\\e", "\\t is not a tab", ""] {
            let cell = escape(text);
            assert!(!cell.contains(['\t', '\n', '\r']));
            assert_eq!(unescape(&cell).as_deref(), Some(text));
        }
        assert_eq!(escape("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
        assert_eq!(unescape("bad \\x"), None);
        assert_eq!(unescape("trailing \\"), None);
    }
}
