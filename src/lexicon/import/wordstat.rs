//! WordStat `.cat`: one category or entry per line, the number of leading tabs giving its depth. A
//! line followed by deeper lines is a category; the others are entries: a word or phrase (`_`
//! joins words, `*` ends a prefix) with an optional weight `(n)` (default 1). Level-1 categories
//! become frames, level 2 motifs, deeper levels are joined with `.`.
//!
//! Rule lines are converted where our pattern language can say the same thing: `A BEFORE B /W n`
//! is `A ~n B` and `A AFTER B /W n` is `B ~n A` (n from 1 to 20). Unordered proximity (`NEAR`),
//! negation (`NOT`), `AND`/`OR`, sentence and paragraph windows (`/S n`, `/P n`) and references to
//! categories (`#NAME`) cannot be expressed yet and are reported with their line.

use super::draft::Draft;
use super::numbered_lines;
use super::terms::{term_pattern, Wildcards};
use crate::lexicon::MAX_GAP;

/// One non-empty line: number, depth, text without the weight, weight as written.
struct Line<'a> {
    number: usize,
    depth: usize,
    text: &'a str,
    weight: Option<&'a str>,
}

pub(super) fn read(text: &str, draft: &mut Draft) {
    let mut lines = Vec::new();
    for (number, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        let depth = line.chars().take_while(|&c| c == '\t').count();
        let rest = &line[depth..];
        if rest.starts_with(char::is_whitespace) {
            draft.note(number, "indented with spaces: WordStat indents with tabs; not converted");
            continue;
        }
        let (text, weight) = split_weight(rest.trim());
        lines.push(Line { number, depth, text, weight });
    }
    let mut path: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let has_children = lines.get(i + 1).is_some_and(|next| next.depth > line.depth);
        if line.depth > path.len() {
            draft.note(line.number, "indented deeper than its parent category; not converted");
            continue;
        }
        path.truncate(line.depth);
        if line.weight.is_none() && has_children {
            path.push(line.text.to_string());
            continue;
        }
        entry(draft, &path, line);
    }
}

fn entry(draft: &mut Draft, path: &[String], line: &Line) {
    let number = line.number;
    if path.is_empty() {
        return draft.note(number, format!("'{}' is outside any category; not converted", line.text));
    }
    let weight = match line.weight.map(|w| w.trim().parse::<f64>()) {
        None => 1.0,
        Some(Ok(w)) if w.is_finite() && w > 0.0 => w,
        Some(_) => {
            let w = line.weight.unwrap_or_default();
            return draft
                .note(number, format!("'{}': weight ({w}) is not a positive number; not converted", line.text));
        }
    };
    match pattern(line.text) {
        Ok(pattern) => draft.add(path, weight, pattern),
        Err(message) => draft.note(number, format!("{message}; not converted")),
    }
}

/// `TEXT (n)` → (`TEXT`, Some(`n`)).
fn split_weight(text: &str) -> (&str, Option<&str>) {
    if let Some(inner) = text.strip_suffix(')') {
        if let Some(open) = inner.rfind('(') {
            let weight = &inner[open + 1..];
            if !weight.is_empty() && weight.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | ' ')) {
                return (inner[..open].trim_end(), Some(weight));
            }
        }
    }
    (text, None)
}

/// The pattern of an entry: a word or phrase, or a rule.
fn pattern(text: &str) -> Result<String, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_operator = |w: &str| matches!(w, "BEFORE" | "AFTER" | "NEAR" | "NOT" | "AND" | "OR") || w.starts_with('/');
    if !words.iter().any(|w| is_operator(w) || w.starts_with('#')) {
        return term_pattern(&text.replace('_', " "), Wildcards::Star);
    }
    let rule = format!("rule '{text}'");
    if let Some(reference) = words.iter().find(|w| w.starts_with('#')) {
        return Err(format!("{rule}: the category reference '{reference}' cannot be expressed"));
    }
    for (operator, why) in [
        ("NOT", "negation (NOT) cannot be expressed"),
        ("NEAR", "unordered proximity (NEAR) cannot be expressed yet"),
        ("AND", "AND cannot be expressed"),
        ("OR", "OR across items cannot be expressed"),
    ] {
        if words.contains(&operator) {
            return Err(format!("{rule}: {why}"));
        }
    }
    // What is left: A BEFORE|AFTER B [/W n].
    let (items, window) = match words.iter().position(|w| w.starts_with('/')) {
        Some(at) => (&words[..at], &words[at..]),
        None => (&words[..], &[][..]),
    };
    let gap = match window {
        ["/W", n] | ["/w", n] => match n.parse::<usize>() {
            Ok(n) if (1..=MAX_GAP).contains(&n) => n,
            _ => return Err(format!("{rule}: a word window of {n} cannot be expressed (1 to {MAX_GAP})")),
        },
        [] => return Err(format!("{rule}: no word window '/W n'; our gaps are bounded (1 to {MAX_GAP} words)")),
        [unit, ..] if unit.eq_ignore_ascii_case("/S") => {
            return Err(format!(
                "{rule}: a sentence window (/S) cannot be expressed (a match stays within one sentence, gaps are at most {MAX_GAP} words)"
            ))
        }
        _ => return Err(format!("{rule}: the window '{}' cannot be expressed", window.join(" "))),
    };
    let operator = items.iter().position(|w| matches!(*w, "BEFORE" | "AFTER"));
    let (first, second) = match operator {
        Some(at) if at > 0 && at + 1 < items.len() => {
            let left = term_pattern(&items[..at].join(" ").replace('_', " "), Wildcards::Star)?;
            let right = term_pattern(&items[at + 1..].join(" ").replace('_', " "), Wildcards::Star)?;
            if items[at] == "BEFORE" {
                (left, right)
            } else {
                (right, left)
            }
        }
        _ => return Err(format!("{rule}: expected 'A BEFORE B' or 'A AFTER B'")),
    };
    Ok(format!("{first} ~{gap} {second}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_convert_where_they_can() {
        let rows: &[(&str, Result<&str, &str>)] = &[
            ("FREE_TRADE", Ok("FREE TRADE")),
            ("OFF AFTER TURN* /W 3", Ok("TURN* ~3 OFF")),
            ("TURN* BEFORE OFF /W 3", Ok("TURN* ~3 OFF")),
            ("TURN* BEFORE OFF /S 1", Err("sentence window")),
            ("TURN* BEFORE OFF", Err("no word window")),
            ("TURN* BEFORE OFF /W 40", Err("word window of 40")),
            ("BANK NEAR RIVER /W 5", Err("unordered proximity (NEAR)")),
            ("BANK NOT NEAR RIVER /W 5", Err("negation (NOT)")),
            ("SATISFIED NEAR #PROFESSOR", Err("category reference '#PROFESSOR'")),
            ("BEFORE OFF /W 2", Err("expected 'A BEFORE B'")),
        ];
        for (text, expected) in rows {
            match (pattern(text), expected) {
                (Ok(p), Ok(want)) => assert_eq!(&p, want, "{text}"),
                (Err(m), Err(want)) => assert!(m.contains(want), "{text}: {m}"),
                (got, _) => panic!("{text}: {got:?}"),
            }
        }
    }

    #[test]
    fn weights() {
        assert_eq!(split_weight("EXPORT* (1)"), ("EXPORT*", Some("1")));
        assert_eq!(split_weight("EXPORT*(2.5)"), ("EXPORT*", Some("2.5")));
        assert_eq!(split_weight("(ABC)"), ("(ABC)", None));
        assert_eq!(split_weight("TRADE"), ("TRADE", None));
    }
}
