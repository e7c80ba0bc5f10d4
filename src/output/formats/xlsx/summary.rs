//! The `summary` sheet, first in the workbook: one row per row of `documents` (per document, or
//! per document and speaker with `--by speaker`) with what a reader looks at first — `doc_id`, the
//! date, the title, the speaker, `words`, each frame's `<frame>_score`, `top_frame`, and
//! `recycled_share` when reuse detection ran.
//!
//! The score (weighted hits per 1,000 words) is the figure `top_frame` is chosen by, so the row
//! reads consistently; `<frame>_per_1k` and everything else stays on `documents`. The date is the
//! `date` field (or `year` when there is no `date`), the title the first non-empty `title` or
//! `headline` field, the speaker the row's speaker or else a `speaker` field; a column the corpus
//! does not have is left out. Each summary row is taken from the `documents` row as it is written,
//! so the sheet costs no memory beyond its own temporary file.

use crate::output::cell::Cell;
use crate::output::schema::{Column, Kind};

/// Where the summary's columns come from in `documents`.
pub(super) struct Summary {
    /// The summary's columns.
    pub(super) columns: Vec<Column>,
    /// Per summary column, the `documents` columns to take it from: the first non-empty one.
    sources: Vec<Vec<usize>>,
}

impl Summary {
    /// The summary of a `documents` table with `columns`.
    pub(super) fn new(columns: &[Column]) -> Summary {
        let find = |wanted: &[&str], kinds: &[Kind]| -> Vec<usize> {
            let mut found = Vec::new();
            for name in wanted {
                found.extend(columns.iter().enumerate().filter_map(|(i, column)| {
                    (column.name.eq_ignore_ascii_case(name) && kinds.contains(&column.kind)).then_some(i)
                }));
            }
            found
        };
        let meta = [Kind::Metadata];
        let mut summary = Summary { columns: Vec::new(), sources: Vec::new() };
        summary.add("doc_id", Kind::Text, find(&["doc_id"], &[Kind::Text]));
        let date = find(&["date"], &meta);
        let (date_name, date) = if date.is_empty() { ("year", find(&["year"], &meta)) } else { ("date", date) };
        summary.add(date_name, Kind::Metadata, date);
        summary.add("title", Kind::Metadata, find(&["title", "headline"], &meta));
        summary.add("speaker", Kind::Text, find(&["speaker", "meta_speaker"], &[Kind::Text, Kind::Metadata]));
        summary.add("words", Kind::Integer, find(&["words"], &[Kind::Integer]));
        for (i, column) in columns.iter().enumerate() {
            if column.kind == Kind::Number && column.name.ends_with("_score") {
                summary.add(&column.name, Kind::Number, vec![i]);
            }
        }
        summary.add("top_frame", Kind::Text, find(&["top_frame"], &[Kind::Text]));
        summary.add("recycled_share", Kind::Share, find(&["recycled_share"], &[Kind::Share]));
        summary
    }

    /// Adds a column taken from `sources`, unless there is none.
    fn add(&mut self, name: &str, kind: Kind, sources: Vec<usize>) {
        if !sources.is_empty() {
            self.columns.push(Column::new(name, kind));
            self.sources.push(sources);
        }
    }

    /// The summary row of a `documents` row.
    pub(super) fn row(&self, documents: &[Cell]) -> Vec<Cell> {
        self.sources
            .iter()
            .map(|sources| {
                let mut cells = sources.iter().filter_map(|&i| documents.get(i));
                cells.find(|cell| !is_blank(cell)).cloned().unwrap_or(Cell::Empty)
            })
            .collect()
    }
}

fn is_blank(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => true,
        Cell::Text(text) => text.trim().is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::load_bundled;
    use crate::output::schema::Schema;

    #[test]
    fn the_summary_takes_the_reading_columns_of_documents() {
        let lexicons = load_bundled().unwrap();
        let keys: Vec<String> = ["year", "Headline", "title", "speaker"].map(String::from).into();
        let schema = Schema::documents(&lexicons, &keys, true, true);
        let summary = Summary::new(&schema.columns);
        let names: Vec<&str> = summary.columns.iter().map(|c| c.name.as_str()).collect();
        let scores: Vec<String> = lexicons.frames.iter().map(|f| format!("{}_score", f.id)).collect();
        let mut expected = vec!["doc_id", "year", "title", "speaker", "words"];
        expected.extend(scores.iter().map(String::as_str));
        expected.extend(["top_frame", "recycled_share"]);
        assert_eq!(names, expected);

        let mut row = vec![Cell::Empty; schema.columns.len()];
        let at = |name: &str| schema.position(name).unwrap();
        row[at("doc_id")] = Cell::Text("https://example.org/1".into());
        row[at("speaker")] = Cell::Empty;
        row[at("meta_speaker")] = Cell::Text("Lavrov".into());
        row[at("Headline")] = Cell::Text(" ".into());
        row[at("title")] = Cell::Text("Press conference".into());
        row[at(&scores[0])] = Cell::Float(2.5);
        let summary_row = summary.row(&row);
        assert_eq!(summary_row[2], Cell::Text("Press conference".into()), "the first non-empty title");
        assert_eq!(summary_row[3], Cell::Text("Lavrov".into()), "the speaker field when the row has none");
        assert_eq!(summary_row[5], Cell::Float(2.5));
    }

    #[test]
    fn columns_the_corpus_lacks_are_left_out() {
        let lexicons = load_bundled().unwrap();
        let schema = Schema::documents(&lexicons, &[], false, false);
        let names: Vec<String> = Summary::new(&schema.columns).columns.into_iter().map(|c| c.name).collect();
        assert_eq!(names[..2], ["doc_id", "words"]);
        assert_eq!(names.last().map(String::as_str), Some("top_frame"));
    }
}
