//! LIWC-22 `.dicx`: a CSV file whose first column, `DicTerm`, holds the terms and whose other
//! columns are categories; a term belongs to every category whose cell is `X` (any case; empty
//! cells do not count). Each category becomes a frame holding one motif of the same id.

use super::draft::Draft;
use super::terms::{term_pattern, Wildcards};

pub(super) fn read(text: &str, draft: &mut Draft) {
    // One kind of line end, so that the reader's line numbers hold for CR-only files too.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return draft.note(line_of(&e), format!("unreadable CSV header: {e}")),
        None => return draft.note(1, "empty file: a .dicx starts with a 'DicTerm' header row"),
    };
    let header_line = header.position().map_or(1, |p| p.line() as usize);
    if header.get(0).map(str::trim) != Some("DicTerm") {
        draft.note(header_line, "the first column is not 'DicTerm'; read as the term column anyway");
    }
    let categories: Vec<String> = header.iter().skip(1).map(|c| c.trim().to_string()).collect();
    for category in categories.iter().filter(|c| !c.is_empty()) {
        draft.declare(std::slice::from_ref(category));
    }
    let mut used = vec![false; categories.len()];
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                draft.note(line_of(&e), format!("unreadable CSV row: {e}; not converted"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let term = record.get(0).unwrap_or("").trim();
        if term.is_empty() && record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let pattern = match term_pattern(term, Wildcards::Star) {
            Ok(pattern) => pattern,
            Err(message) => {
                draft.note(line, format!("{message}; not converted"));
                continue;
            }
        };
        let mut marked = false;
        for (column, cell) in record.iter().skip(1).enumerate() {
            let cell = cell.trim();
            match categories.get(column) {
                _ if cell.is_empty() => {}
                Some(category) if cell.eq_ignore_ascii_case("x") => {
                    marked = true;
                    used[column] = true;
                    draft.add(std::slice::from_ref(category), 1.0, pattern.clone());
                }
                Some(category) => draft
                    .note(line, format!("'{term}': cell '{cell}' in column '{category}' is not 'X'; not converted")),
                None => {
                    draft.note(line, format!("'{term}': cell '{cell}' beyond the last category column; not converted"))
                }
            }
        }
        if !marked {
            draft.note(line, format!("'{term}' is marked in no category; not converted"));
        }
    }
    for (category, used) in categories.iter().zip(used) {
        if !used {
            draft.note(header_line, format!("category '{category}' has no terms; left out"));
        }
    }
}

fn line_of(error: &csv::Error) -> usize {
    error.position().map_or(0, |p| p.line() as usize)
}
