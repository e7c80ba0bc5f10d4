//! Groups (`--group-by`): the figures of a run added up per group of documents — per value of
//! metadata fields, per speaker, or per month, quarter or year of a date field — into the `groups`
//! table, the first table an analyst builds from `documents`.
//!
//! Group figures are computed from the group's totals, not averaged over its documents: `per_1k` is
//! `1000 × Σ hits ÷ Σ words`, so a long speech weighs as many words as it has. Where the mean of the
//! documents' own ratios tells something else (many short statements against a few long speeches),
//! `<frame>_per_1k_mean` gives it too. `share` is `Σ (share × words) ÷ Σ words` (the group's words
//! in sentences with a hit of the frame), `airtime` is `Σ seconds of the frame ÷ Σ seconds`. Rows
//! of `documents` are the unit: with one row per speaker, a document counts in the group of each of
//! its speakers with that speaker's words, and `documents` counts it once per group.
//!
//! Groups are sorted by their values, field by field: numbers as numbers, other values as text, and
//! the groups without a value (`(missing)`, `(no date)`) last.

use super::cell::Cell;
use super::schema::{Column, Kind, Schema, TableName};
use super::table::RowsTable;
use super::{DocumentResult, FigureRow};
use crate::error::{Error, Result};
use crate::lexicon::LexiconSet;
use crate::wording::{noun, plural};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The value of a group whose documents lack the field.
pub const MISSING: &str = "(missing)";

/// The value of a date bin whose documents have no usable date in the field.
pub const NO_DATE: &str = "(no date)";

/// What documents are grouped by: one or more keys, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupBy {
    /// The keys; a group is one combination of their values.
    pub keys: Vec<GroupKey>,
}

/// One key of a grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    /// The value of a metadata field, as written.
    Field(String),
    /// The speaker of a row: rows are per speaker with `TranscriptOptions::by_speaker` (the
    /// command line turns it on for this key); a document row without a speaker is in
    /// `(missing)`.
    Speaker,
    /// The month, quarter or year of a date field (`2022-02`, `2022-Q1`, `2022`).
    Date {
        /// The field holding the date (`YYYY-MM-DD`, optionally with a time; `YYYY-MM`; `YYYY`).
        field: String,
        /// The bin.
        bin: DateBin,
    },
}

/// How finely dates are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBin {
    /// `YYYY-MM`.
    Month,
    /// `YYYY-Qn`.
    Quarter,
    /// `YYYY`.
    Year,
}

impl GroupBy {
    /// Parses a comma-separated list of keys: field names, `speaker`, or `FIELD:month`,
    /// `FIELD:quarter`, `FIELD:year`.
    pub fn parse(spec: &str) -> Result<GroupBy> {
        let keys = spec.split(',').map(str::trim).map(GroupKey::parse).collect::<Result<Vec<_>>>()?;
        Ok(GroupBy { keys })
    }

    /// Whether the groups need one row per speaker.
    pub fn by_speaker(&self) -> bool {
        self.keys.contains(&GroupKey::Speaker)
    }

    /// The metadata fields the keys read.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().filter_map(|key| match key {
            GroupKey::Field(field) | GroupKey::Date { field, .. } => Some(field.as_str()),
            GroupKey::Speaker => None,
        })
    }
}

impl GroupKey {
    fn parse(spec: &str) -> Result<GroupKey> {
        if spec.is_empty() {
            return Err(Error::usage("--group-by: an empty key (keys are separated by single commas)"));
        }
        if spec == "speaker" {
            return Ok(GroupKey::Speaker);
        }
        match spec.rsplit_once(':') {
            None => Ok(GroupKey::Field(spec.to_string())),
            Some((field, bin)) => {
                let bin = match bin {
                    "month" => DateBin::Month,
                    "quarter" => DateBin::Quarter,
                    "year" => DateBin::Year,
                    other => {
                        return Err(Error::usage(format!(
                            "--group-by {spec}: unknown date bin '{other}' (month, quarter or year)"
                        )))
                    }
                };
                if field.is_empty() {
                    return Err(Error::usage(format!("--group-by {spec}: no field before ':{bin:?}'")));
                }
                Ok(GroupKey::Date { field: field.to_string(), bin })
            }
        }
    }

    /// The key's column in `groups`: the field, `speaker`, or `FIELD:bin`.
    pub fn column(&self) -> String {
        match self {
            GroupKey::Field(field) => field.clone(),
            GroupKey::Speaker => "speaker".to_string(),
            GroupKey::Date { field, bin } => format!("{field}:{}", bin.name()),
        }
    }

    /// The key's value for a row of a document with metadata `meta`.
    fn value(&self, meta: &[(String, String)], speaker: Option<&str>) -> String {
        let field = |name: &str| meta.iter().find(|(key, value)| key == name && !value.trim().is_empty());
        match self {
            GroupKey::Field(name) => field(name).map_or(MISSING.to_string(), |(_, value)| value.trim().to_string()),
            GroupKey::Speaker => speaker.filter(|s| !s.is_empty()).unwrap_or(MISSING).to_string(),
            GroupKey::Date { field: name, bin } => {
                field(name).and_then(|(_, value)| date_bin(value.trim(), *bin)).unwrap_or_else(|| NO_DATE.to_string())
            }
        }
    }
}

impl DateBin {
    fn name(self) -> &'static str {
        match self {
            DateBin::Month => "month",
            DateBin::Quarter => "quarter",
            DateBin::Year => "year",
        }
    }
}

/// The bin of a date written `YYYY-MM-DD…`, `YYYY-MM` or `YYYY`; `None` when the value has no
/// year, or no month for a month or quarter bin.
fn date_bin(value: &str, bin: DateBin) -> Option<String> {
    let (year, month) = year_month(value)?;
    match (bin, month) {
        (DateBin::Year, _) => Some(format!("{year:04}")),
        (DateBin::Month, Some(m)) => Some(format!("{year:04}-{m:02}")),
        (DateBin::Quarter, Some(m)) => Some(format!("{year:04}-Q{}", (m - 1) / 3 + 1)),
        (_, None) => None,
    }
}

/// The year and, when written, the month of a date written `YYYY-MM-DD…`, `YYYY-MM` or `YYYY`.
pub(crate) fn year_month(value: &str) -> Option<(u32, Option<u32>)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year = value.get(..4).filter(|y| digits(y))?.parse().ok()?;
    let rest = &value[4..];
    let month = match rest.strip_prefix('-') {
        Some(rest) => {
            let month = rest.get(..2).filter(|m| digits(m)).and_then(|m| m.parse::<u32>().ok());
            let after = rest.get(2..).unwrap_or("");
            match month {
                Some(m) if (1..=12).contains(&m) && (after.is_empty() || after.starts_with('-')) => Some(m),
                _ => return None,
            }
        }
        None if rest.is_empty() => None,
        // "1994.5", "19945": not a date.
        None => return None,
    };
    Some((year, month))
}

/// One frame's totals in a group.
#[derive(Debug, Clone, Default)]
struct FrameTotals {
    hits: u64,
    documents: u64,
    per_1k_sum: f64,
    share_words: f64,
    seconds: f64,
}

/// A group's totals.
#[derive(Debug, Clone)]
struct GroupTotals {
    documents: u64,
    /// Rows with words (the denominator of the means of documents' ratios).
    rows_with_words: u64,
    words: u64,
    seconds: f64,
    frames: Vec<FrameTotals>,
    /// The ordinal of the last document counted, and whether it had a hit of each frame.
    last_document: Option<usize>,
    last_hit: Vec<bool>,
}

/// Adds up the rows of `documents` into groups as the results stream by.
#[derive(Debug, Clone)]
pub(crate) struct Groups {
    by: GroupBy,
    frames: usize,
    groups: HashMap<Vec<String>, GroupTotals>,
    /// Per key, the documents with a row in a group without a value for it.
    absent: Vec<u64>,
}

impl Groups {
    pub fn new(by: GroupBy, frames: usize) -> Groups {
        let absent = vec![0; by.keys.len()];
        Groups { by, frames, groups: HashMap::new(), absent }
    }

    /// Adds the rows of a document (its `ordinal` in the run).
    pub fn add(&mut self, ordinal: usize, result: &DocumentResult) {
        let mut absent = vec![false; self.by.keys.len()];
        for row in &result.rows {
            let key: Vec<String> =
                self.by.keys.iter().map(|key| key.value(&result.meta, row.speaker.as_deref())).collect();
            for (absent, value) in absent.iter_mut().zip(&key) {
                *absent |= is_absent(value);
            }
            self.add_row(ordinal, key, row);
        }
        for (count, absent) in self.absent.iter_mut().zip(absent) {
            *count += absent as u64;
        }
    }

    fn add_row(&mut self, ordinal: usize, key: Vec<String>, row: &FigureRow) {
        let frames = self.frames;
        let group = self.groups.entry(key).or_insert_with(|| GroupTotals {
            documents: 0,
            rows_with_words: 0,
            words: 0,
            seconds: 0.0,
            frames: vec![FrameTotals::default(); frames],
            last_document: None,
            last_hit: vec![false; frames],
        });
        let new_document = group.last_document != Some(ordinal);
        if new_document {
            group.documents += 1;
            group.last_document = Some(ordinal);
            group.last_hit.iter_mut().for_each(|hit| *hit = false);
        }
        let figures = &row.figures;
        group.words += figures.words as u64;
        group.seconds += figures.seconds;
        if figures.words > 0 {
            group.rows_with_words += 1;
        }
        for ((totals, frame), seen) in group.frames.iter_mut().zip(&figures.frames).zip(&mut group.last_hit) {
            totals.hits += frame.hits as u64;
            if frame.hits > 0 && !*seen {
                totals.documents += 1;
                *seen = true;
            }
            totals.per_1k_sum += frame.per_1k;
            totals.share_words += frame.share * figures.words as f64;
            totals.seconds += frame.seconds;
        }
    }

    /// What an analyst should know about the groups: keys whose field no document has (with the
    /// fields that exist, from `fields_seen`), and how many documents fell in a group without a
    /// value.
    pub fn notes(&self, fields_seen: &[String]) -> Vec<String> {
        let mut notes = Vec::new();
        for (key, &absent) in self.by.keys.iter().zip(&self.absent) {
            if absent == 0 {
                continue;
            }
            let column = key.column();
            let note = match key {
                GroupKey::Field(field) | GroupKey::Date { field, .. } if !fields_seen.contains(field) => format!(
                    "--group-by {column}: no document has a field '{field}' (fields: {}); every document is in '{}'",
                    if fields_seen.is_empty() { "none".to_string() } else { fields_seen.join(", ") },
                    if matches!(key, GroupKey::Field(_)) { MISSING } else { NO_DATE }
                ),
                GroupKey::Date { field, .. } => format!(
                    "--group-by {column}: {} without a usable date in '{field}' {} in the group '{NO_DATE}'",
                    plural(absent, "document", "documents"),
                    noun(absent, "is", "are")
                ),
                _ => format!(
                    "--group-by {column}: {} without a value {} in the group '{MISSING}'",
                    plural(absent, "document", "documents"),
                    noun(absent, "is", "are")
                ),
            };
            notes.push(note);
        }
        notes
    }

    /// The `groups` table: a row per group in the order of its values.
    pub fn table(&self, lexicons: &LexiconSet) -> RowsTable {
        let mut keys: Vec<&Vec<String>> = self.groups.keys().collect();
        keys.sort_by(|a, b| compare_keys(a, b));
        let rows = keys.into_iter().map(|key| row_cells(key, &self.groups[key])).collect();
        RowsTable { schema: schema(&self.by, lexicons), rows }
    }
}

/// The columns of `groups`: one per key, `documents`, `words`, `seconds`, then seven per frame.
pub fn schema(by: &GroupBy, lexicons: &LexiconSet) -> Schema {
    let mut columns: Vec<Column> = by.keys.iter().map(|key| Column::new(key.column(), Kind::Metadata)).collect();
    columns.extend([
        Column::new("documents", Kind::Integer),
        Column::new("words", Kind::Integer),
        Column::new("seconds", Kind::Number),
    ]);
    for frame in &lexicons.frames {
        let id = &frame.id;
        columns.extend([
            Column::new(format!("{id}_hits"), Kind::Integer),
            Column::new(format!("{id}_documents"), Kind::Integer),
            Column::new(format!("{id}_per_1k"), Kind::Number),
            Column::new(format!("{id}_per_1k_mean"), Kind::Number),
            Column::new(format!("{id}_share"), Kind::Share),
            Column::new(format!("{id}_seconds"), Kind::Number),
            Column::new(format!("{id}_airtime"), Kind::Share),
        ]);
    }
    Schema { table: TableName::Groups, columns }
}

fn row_cells(key: &[String], group: &GroupTotals) -> Vec<Cell> {
    let ratio = |numerator: f64, denominator: f64| if denominator > 0.0 { numerator / denominator } else { 0.0 };
    let words = group.words as f64;
    let mut cells: Vec<Cell> = key.iter().map(|value| Cell::Text(value.clone())).collect();
    cells.extend([Cell::Int(group.documents as i64), Cell::Int(group.words as i64), Cell::Float(group.seconds)]);
    for frame in &group.frames {
        cells.extend([
            Cell::Int(frame.hits as i64),
            Cell::Int(frame.documents as i64),
            Cell::Float(ratio(1000.0 * frame.hits as f64, words)),
            Cell::Float(ratio(frame.per_1k_sum, group.rows_with_words as f64)),
            Cell::Float(ratio(frame.share_words, words)),
            Cell::Float(frame.seconds),
            Cell::Float(ratio(frame.seconds, group.seconds)),
        ]);
    }
    cells
}

fn is_absent(value: &str) -> bool {
    value == MISSING || value == NO_DATE
}

/// Orders group keys value by value: values without data last, numbers by value, text as text.
fn compare_keys(a: &[String], b: &[String]) -> Ordering {
    a.iter().zip(b).map(|(a, b)| compare_values(a, b)).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
}

fn compare_values(a: &str, b: &str) -> Ordering {
    let absent = is_absent;
    let number = |v: &str| v.parse::<f64>().ok().filter(|n| n.is_finite());
    match (absent(a), absent(b)) {
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_bad_keys_say_why() {
        let by = GroupBy::parse("country, date:quarter,speaker").unwrap();
        assert_eq!(
            by.keys,
            vec![
                GroupKey::Field("country".into()),
                GroupKey::Date { field: "date".into(), bin: DateBin::Quarter },
                GroupKey::Speaker
            ]
        );
        assert!(by.by_speaker());
        assert_eq!(by.fields().collect::<Vec<_>>(), ["country", "date"]);
        let error = GroupBy::parse("date:week").unwrap_err().to_string();
        assert!(error.contains("unknown date bin 'week'"), "{error}");
        assert!(GroupBy::parse("year,,country").is_err());
    }

    #[test]
    fn dates_fall_into_bins() {
        let bin = |value, bin| date_bin(value, bin);
        assert_eq!(bin("2022-02-24T17:30:00Z", DateBin::Month).as_deref(), Some("2022-02"));
        assert_eq!(bin("2022-02-24", DateBin::Quarter).as_deref(), Some("2022-Q1"));
        assert_eq!(bin("2022-10", DateBin::Quarter).as_deref(), Some("2022-Q4"));
        assert_eq!(bin("1946", DateBin::Year).as_deref(), Some("1946"));
        assert_eq!(bin("1946", DateBin::Month), None);
        assert_eq!(bin("2022-13-01", DateBin::Month), None);
        assert_eq!(bin("NA", DateBin::Year), None);
        assert_eq!(bin("24.02.2022", DateBin::Year), None);
    }

    #[test]
    fn values_sort_as_numbers_then_text_and_absent_values_last() {
        let mut values = vec!["(missing)", "10", "9", "b", "(no date)", "a", "2022-Q1", "2021-Q4"];
        values.sort_by(|a, b| compare_values(a, b));
        assert_eq!(values, ["9", "10", "2021-Q4", "2022-Q1", "a", "b", "(missing)", "(no date)"]);
    }
}
