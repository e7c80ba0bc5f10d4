//! How each column of a sheet looks: its number format, alignment and width.
//!
//! The format follows the column's [`Kind`] and, for numbers, its name: counts `0`; rates
//! (`_per_1k`, `_per_1k_mean`) and scores (`_score`) `0.0`; other figures (similarity, confidence,
//! weight, G²) `0.00`; shares `0.0%`; seconds (`seconds`, `<frame>_seconds`, `start_s`, `end_s`)
//! as an Excel duration `[m]:ss` — the cell holds seconds ÷ 86,400 (days, Excel's unit of time),
//! so `=A2*86400` gives the seconds of the CSV back and 2 h 5 min reads `125:00`. A `left` context
//! is right-aligned, so that the words next to the match stay in view when the cell is too narrow.
//!
//! A column is as wide as its widest shown value in the first rows (numbers as formatted, text by
//! its longest line), at most [`MAX_WIDTH`] characters; a long header wraps over up to
//! [`HEADER_LINES`] lines rather than widening a column of short numbers.

use crate::output::cell::Cell;
use crate::output::schema::{Column, Kind};

/// Widest column, in characters.
pub(super) const MAX_WIDTH: usize = 50;
/// Lines a header may wrap over.
pub(super) const HEADER_LINES: usize = 3;
/// Narrowest column, in characters.
const MIN_WIDTH: usize = 4;
/// A header that fits in this width stays on one line; a longer one wraps.
const HEADER_ONE_LINE: usize = 17;
/// The narrowest column a wrapped header gets.
const HEADER_WRAP_WIDTH: usize = 12;
/// Characters of a header cell taken by the filter button (and the bold face).
const HEADER_PADDING: usize = 3;

/// How the cells of one column are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Look {
    /// Text, left-aligned.
    Text,
    /// Text, right-aligned (the left context of a hit).
    RightText,
    /// Text whose lines are kept (the patterns of a motif, one per line).
    Lines,
    /// A field of the input: ISO dates as dates, anything else as text.
    Metadata,
    /// `0`.
    Integer,
    /// `0.0`: hits per 1,000 words, scores.
    Rate,
    /// `0.00`: other figures.
    Decimal,
    /// `0.0%`.
    Percent,
    /// `[m]:ss`, the value stored in days.
    Duration,
    /// TRUE/FALSE.
    Bool,
}

impl Look {
    /// The look of `column`, by its kind and name.
    pub(super) fn of(column: &Column) -> Look {
        let name = column.name.as_str();
        match column.kind {
            Kind::Text if name == "left" => Look::RightText,
            Kind::Text | Kind::List => Look::Text,
            Kind::Metadata => Look::Metadata,
            Kind::Integer => Look::Integer,
            Kind::Share => Look::Percent,
            Kind::Bool => Look::Bool,
            Kind::Number if is_rate(name) => Look::Rate,
            Kind::Number if is_seconds(name) => Look::Duration,
            Kind::Number => Look::Decimal,
        }
    }

    /// The number format of the column's numbers.
    pub(super) fn num_format(self) -> Option<&'static str> {
        match self {
            Look::Integer => Some("0"),
            Look::Rate => Some("0.0"),
            Look::Decimal => Some("0.00"),
            Look::Percent => Some("0.0%"),
            Look::Duration => Some("[m]:ss"),
            Look::Text | Look::RightText | Look::Lines | Look::Metadata | Look::Bool => None,
        }
    }

    /// How many characters `cell` takes as shown.
    pub(super) fn shown_width(self, cell: &Cell) -> usize {
        match cell {
            Cell::Empty => 0,
            Cell::Text(text) => text.lines().map(|line| line.chars().count()).max().unwrap_or(0),
            Cell::Bool(_) => 5,
            Cell::Int(_) | Cell::Float(_) => self.shown_number(cell.as_f64().unwrap_or(0.0)).chars().count(),
        }
    }

    /// A number as the column's format shows it.
    fn shown_number(self, x: f64) -> String {
        match self {
            Look::Rate => format!("{x:.1}"),
            Look::Decimal => format!("{x:.2}"),
            Look::Percent => format!("{:.1}%", x * 100.0),
            Look::Duration => {
                let seconds = x.round() as i64;
                format!("{}:{:02}", seconds / 60, (seconds % 60).abs())
            }
            _ => format!("{x:.0}"),
        }
    }
}

/// Hits per 1,000 words or a score.
fn is_rate(name: &str) -> bool {
    name.ends_with("_per_1k") || name.ends_with("_per_1k_mean") || name.ends_with("_score")
}

/// Seconds of speaking time or a time in seconds.
fn is_seconds(name: &str) -> bool {
    name == "seconds" || name.ends_with("_seconds") || name == "start_s" || name == "end_s"
}

/// The width of a column (in characters) whose widest shown value takes `widest` characters, and
/// the lines its header takes at that width.
pub(super) fn width(header: &str, widest: usize) -> (usize, usize) {
    let header_len = header.chars().count();
    let one_line = header_len + HEADER_PADDING;
    let wrapped = HEADER_WRAP_WIDTH.max(header_len.div_ceil(HEADER_LINES) + HEADER_PADDING);
    let header_width = if one_line <= HEADER_ONE_LINE { one_line } else { one_line.min(wrapped) };
    let width = (widest + 1).max(header_width).clamp(MIN_WIDTH, MAX_WIDTH);
    let lines = header_len.div_ceil(width.saturating_sub(HEADER_PADDING).max(1)).clamp(1, HEADER_LINES);
    (width, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_follow_kind_and_name() {
        let look = |name: &str, kind| Look::of(&Column::new(name, kind));
        assert_eq!(look("security_per_1k", Kind::Number), Look::Rate);
        assert_eq!(look("security_per_1k_mean", Kind::Number), Look::Rate);
        assert_eq!(look("security_score", Kind::Number), Look::Rate);
        assert_eq!(look("seconds", Kind::Number), Look::Duration);
        assert_eq!(look("security_seconds", Kind::Number), Look::Duration);
        assert_eq!(look("end_s", Kind::Number), Look::Duration);
        assert_eq!(look("similarity", Kind::Number), Look::Decimal);
        assert_eq!(look("security_share", Kind::Share), Look::Percent);
        assert_eq!(look("left", Kind::Text), Look::RightText);
        assert_eq!(look("seconds", Kind::Metadata), Look::Metadata, "a field of the input stays as it is");
    }

    #[test]
    fn numbers_are_measured_as_shown() {
        assert_eq!(Look::Duration.shown_width(&Cell::Float(7_530.4)), "125:30".len());
        assert_eq!(Look::Percent.shown_width(&Cell::Float(0.5)), "50.0%".len());
        assert_eq!(Look::Rate.shown_width(&Cell::Float(142.8571)), "142.9".len());
        assert_eq!(Look::Lines.shown_width(&Cell::Text("nato expan*\nsecur*".into())), "nato expan*".len());
    }

    #[test]
    fn long_headers_wrap_instead_of_widening_short_numbers() {
        assert_eq!(width("doc_id", 45), (46, 1));
        assert_eq!(width("words", 3), (8, 1));
        assert_eq!(width("recycled_share", 5), (17, 1), "a short header stays on one line");
        assert_eq!(width("security_grievance_per_1k", 5), (12, 3));
        assert_eq!(width("x".repeat(90).as_str(), 2), (33, 3));
        assert_eq!(width("left", 200), (MAX_WIDTH, 1));
    }
}
