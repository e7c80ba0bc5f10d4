//! Typed cell values, and how each format writes them.
//!
//! A row of any table is a slice of [`Cell`]s in the order of its [`Schema`](super::Schema).
//! Numbers that are not whole are rounded to four decimals in every format (so that CSV, JSON lines
//! and the workbook hold the same value, see `number.rs`).
//!
//! **Formula injection.** A spreadsheet evaluates a CSV cell that begins with `=`, `+`, `-` or `@`
//! (and some do so after a tab or carriage return). Every text cell that begins with one of these,
//! or with an apostrophe, and is not a number, is written to CSV with a leading apostrophe: Excel and
//! LibreOffice show it as text and evaluate nothing. Numbers (`-3.5`) stay numbers. The rule is
//! applied only when a cell is written to CSV: workbook cells are typed (text stays text, never a
//! formula) and JSON lines keep every value as it is.

use super::number::format_number;
use super::schema::Kind;
use std::borrow::Cow;

/// One value of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (an empty CSV cell, JSON `null` in a numeric column, `""` in a text column).
    Empty,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number (rounded to four decimals when written).
    Float(f64),
    /// True or false.
    Bool(bool),
}

impl Cell {
    /// A count or offset.
    pub fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The text of a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The value of a numeric cell (rounded as written).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Cell::Int(n) => Some(*n as f64),
            Cell::Float(x) => Some(rounded(*x)),
            _ => None,
        }
    }

    /// The cell as text, without the formula-injection rule (what a person reads).
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Float(x) => Cow::Owned(format_number(*x)),
            Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        }
    }

    /// The cell as written to CSV: [`Cell::to_text`] with the formula-injection rule.
    pub fn to_csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => escape_formula(text),
            other => other.to_text(),
        }
    }

    /// The cell as a JSON value in a column of `kind`: numbers as numbers, text unchanged.
    pub fn to_json(&self, kind: Kind) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Cell::Empty => match kind {
                Kind::Text | Kind::Metadata | Kind::List => Value::String(String::new()),
                _ => Value::Null,
            },
            Cell::Text(text) => Value::String(text.clone()),
            Cell::Int(n) => Value::from(*n),
            Cell::Float(x) => Value::from(rounded(*x)),
            Cell::Bool(b) => Value::Bool(*b),
        }
    }
}

/// `x` as it is written: rounded to four decimals.
pub fn rounded(x: f64) -> f64 {
    format_number(x).parse().unwrap_or(x)
}

/// Whether `cell` would be evaluated by a spreadsheet (or is ambiguous) and needs the apostrophe.
pub(crate) fn needs_escape(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) && cell.trim().parse::<f64>().is_err()
}

/// The text as written to CSV.
pub fn escape_formula(cell: &str) -> Cow<'_, str> {
    if needs_escape(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injection_rule() {
        for (cell, written) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1+2", "'+1+2"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("'quoted", "''quoted"),
            ("-3.5", "-3.5"),
            ("+7", "+7"),
            ("plain = text", "plain = text"),
            ("", ""),
        ] {
            assert_eq!(Cell::Text(cell.into()).to_csv(), written, "{cell:?}");
        }
    }

    #[test]
    fn numbers_are_rounded_alike_in_every_format() {
        let third = Cell::Float(1.0 / 3.0);
        assert_eq!(third.to_csv(), "0.3333");
        assert_eq!(third.to_json(Kind::Number), serde_json::json!(0.3333));
        assert_eq!(third.as_f64(), Some(0.3333));
        assert_eq!(Cell::Empty.to_json(Kind::Integer), serde_json::Value::Null);
        assert_eq!(Cell::Empty.to_json(Kind::Text), serde_json::json!(""));
        assert_eq!(Cell::Text("=1+1".into()).to_json(Kind::Text), serde_json::json!("=1+1"));
    }
}
