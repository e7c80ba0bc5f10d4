//! LIWC `.dic` (LIWC2001–LIWC2015): a header between two `%` lines of `id<TAB>name` lines, then one
//! `term<TAB>id<TAB>id…` line per term. Fields may be separated by runs of spaces instead of tabs
//! (then the term is everything before the trailing run of category ids, so multi-word terms
//! survive); CRLF and CR-only line ends are read alike. Each category becomes a frame holding one
//! motif of the same id.
//!
//! LIWC2007's conditional entries — `kind<TAB><of>131/125` (category 131 when followed by "of",
//! else 125) and `like<TAB>(02 134)125/464` (depending on the previous word's categories) — cannot
//! be expressed: each is reported with its line, and the term's plain ids on that line are kept.

use super::draft::Draft;
use super::numbered_lines;
use super::terms::{term_pattern, Wildcards};
use std::collections::HashMap;

pub(super) fn read(text: &str, draft: &mut Draft) {
    let mut lines = numbered_lines(text).skip_while(|(_, line)| line.trim().is_empty());
    let mut categories: HashMap<String, String> = HashMap::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<(String, usize)> = Vec::new();
    match lines.next() {
        Some((_, line)) if line.trim() == "%" => {
            for (number, line) in lines.by_ref() {
                let line = line.trim();
                if line == "%" {
                    break;
                }
                if line.is_empty() {
                    continue;
                }
                let mut fields = line.split_whitespace();
                match (fields.next(), fields.collect::<Vec<_>>().join(" ")) {
                    (Some(id), name) if !name.is_empty() => {
                        categories.insert(id.to_string(), name.clone());
                        order.push((id.to_string(), number));
                    }
                    _ => draft.note(number, format!("header line '{line}' is not 'id<TAB>name'; skipped")),
                }
            }
        }
        Some((number, _)) => draft.note(number, "no '%' header: a LIWC .dic starts with '%', category lines, '%'"),
        None => {}
    }
    for (id, _) in &order {
        draft.declare(std::slice::from_ref(&categories[id]));
    }
    for (number, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let (term, fields) = split_entry(line, &categories);
        if term.is_empty() {
            draft.note(number, format!("'{}': no term before the category ids", line.trim()));
            continue;
        }
        let pattern = match term_pattern(&term, Wildcards::Star) {
            Ok(pattern) => pattern,
            Err(message) => {
                draft.note(number, format!("{message}; not converted"));
                continue;
            }
        };
        if fields.is_empty() {
            draft.note(number, format!("'{term}' has no category ids; not converted"));
        }
        for field in fields {
            if let Some(name) = categories.get(field) {
                *used.entry(field.to_string()).or_default() += 1;
                draft.add(std::slice::from_ref(name), 1.0, pattern.clone());
            } else if field.contains(['<', '(', '/']) {
                draft.note(
                    number,
                    format!("conditional category '{field}' of '{term}' (LIWC2007) cannot be expressed; not converted"),
                );
            } else {
                draft.note(number, format!("'{term}': unknown category id '{field}'; not converted"));
            }
        }
    }
    for (id, number) in order {
        if !used.contains_key(&id) {
            draft.note(number, format!("category {id} '{}' has no terms; left out", categories[&id]));
        }
    }
}

/// The term and the category fields of a body line. With a tab, the term is everything before
/// the first tab; without one, the trailing run of fields that look like category ids (known ids,
/// or LIWC2007 conditionals) is split off and the rest is the term.
fn split_entry<'a>(line: &'a str, categories: &HashMap<String, String>) -> (String, Vec<&'a str>) {
    let line = line.trim();
    if let Some((term, rest)) = line.split_once('\t') {
        return (term.trim().to_string(), conditional_fields(rest));
    }
    // (byte offset, word) of each white-space separated word.
    let words: Vec<(usize, &str)> =
        line.split_whitespace().map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w)).collect();
    let is_field = |w: &str| {
        categories.contains_key(w) || w.starts_with('<') || w.starts_with('(') || w.ends_with(')') || w.contains('/')
    };
    let term_end = words.iter().rposition(|(_, w)| !is_field(w)).map_or(0, |i| i + 1);
    let term = words[..term_end].iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
    let fields_start = words.get(term_end).map_or(line.len(), |(offset, _)| *offset);
    (term, conditional_fields(&line[fields_start..]))
}

/// Fields split on white space, keeping a `(02 134)125/464` conditional in one piece.
fn conditional_fields(rest: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let mut start: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c.is_whitespace() && depth == 0 {
            if let Some(s) = start.take() {
                fields.push(&rest[s..i]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        fields.push(&rest[s..]);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories(ids: &[&str]) -> HashMap<String, String> {
        ids.iter().map(|id| (id.to_string(), format!("c{id}"))).collect()
    }

    #[test]
    fn entries_with_tabs_spaces_and_conditionals() {
        let known = categories(&["1", "2", "125", "131"]);
        assert_eq!(split_entry("abandon*\t1\t2", &known), ("abandon*".to_string(), vec!["1", "2"]));
        assert_eq!(split_entry("kind of   1  2", &known), ("kind of".to_string(), vec!["1", "2"]));
        assert_eq!(split_entry("like\t(02 134)125/464\t1", &known), ("like".to_string(), vec!["(02 134)125/464", "1"]));
        assert_eq!(split_entry("kind <of>131/125 1", &known), ("kind".to_string(), vec!["<of>131/125", "1"]));
        assert_eq!(split_entry("like (02 134)125/464 2", &known).1, vec!["(02 134)125/464", "2"]);
        assert_eq!(split_entry("1 2", &known).0, "");
    }
}
