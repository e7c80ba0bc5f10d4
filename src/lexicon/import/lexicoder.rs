//! Lexicoder `.lc3`: a `+category` line starts a category, and every following non-empty line is
//! one of its patterns (words, `*` at the end of a word for a prefix). Each category becomes a
//! frame holding one motif of the same id.

use super::draft::Draft;
use super::numbered_lines;
use super::terms::{term_pattern, Wildcards};

pub(super) fn read(text: &str, draft: &mut Draft) {
    let mut category: Option<(String, usize, bool)> = None;
    for (number, line) in numbered_lines(text) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('+') {
            finish(draft, category.take());
            let name = name.trim();
            if name.is_empty() {
                draft.note(number, "'+' without a category name; its patterns are not converted");
            } else {
                category = Some((name.to_string(), number, false));
            }
            continue;
        }
        let Some((name, _, used)) = &mut category else {
            draft.note(number, format!("'{line}' comes before any '+category' line; not converted"));
            continue;
        };
        match term_pattern(line, Wildcards::Star) {
            Ok(pattern) => {
                *used = true;
                draft.add(std::slice::from_ref(name), 1.0, pattern);
            }
            Err(message) => draft.note(number, format!("{message}; not converted")),
        }
    }
    finish(draft, category);
}

fn finish(draft: &mut Draft, category: Option<(String, usize, bool)>) {
    if let Some((name, line, false)) = category {
        draft.note(line, format!("category '{name}' has no patterns; left out"));
    }
}
