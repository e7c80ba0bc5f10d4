//! Cell values across formats: the formula-injection rule for CSV, and the kind of each column
//! (text, whole number, number, share, true/false) so that XLSX stores numbers as numbers and shares
//! as percentages, and JSONL writes numbers as JSON numbers.
//!
//! **Formula injection.** A spreadsheet evaluates a CSV cell that begins with `=`, `+`, `-` or `@`
//! (and some do so after a tab or carriage return). Every text cell that begins with one of these,
//! or with an apostrophe, and is not a number, is written to CSV with a leading apostrophe: Excel and
//! LibreOffice show it as text and evaluate nothing. Numbers (`-3.5`) stay numbers. XLSX cells are
//! typed, so their text is written unchanged as text; JSONL strings are unchanged.

/// Whether `cell` would be evaluated (or is ambiguous) and needs the apostrophe.
fn needs_escape(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) && cell.trim().parse::<f64>().is_err()
}

/// The cell as written to CSV.
pub fn escape_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_escape(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The original value of a CSV cell written by [`escape_cell`].
pub fn unescape_cell(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// How a column's values are typed outside CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Text that is written as a date where it is an ISO date (metadata columns).
    MaybeDate,
    Integer,
    Number,
    /// A fraction 0–1, shown as a percentage.
    Share,
    Bool,
}

/// The kind of column `name`; `metadata` columns (fields of the input) are text or dates.
pub fn column_kind(name: &str, metadata: bool) -> Kind {
    if metadata {
        return Kind::MaybeDate;
    }
    const INTEGERS: &[&str] = &[
        "words",
        "sentences",
        "start",
        "end",
        "sentence",
        "segment",
        "source_start",
        "source_end",
        "cluster_id",
        "cluster_docs",
        "recycled_words",
        "recycled_sources",
        "first_start",
        "first_end",
        "line",
    ];
    const NUMBERS: &[&str] = &["seconds", "start_s", "end_s", "similarity", "weight"];
    if INTEGERS.contains(&name) || name.ends_with("_hits") || name.ends_with("_motifs") {
        Kind::Integer
    } else if NUMBERS.contains(&name)
        || name.ends_with("_per_1k")
        || name.ends_with("_score")
        || name.ends_with("_seconds")
    {
        Kind::Number
    } else if name.ends_with("_share") || name.ends_with("_airtime") || name.ends_with("_first") {
        Kind::Share
    } else if name == "recycled" {
        Kind::Bool
    } else {
        Kind::Text
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
            assert_eq!(escape_cell(cell), written, "{cell:?}");
            assert_eq!(unescape_cell(&escape_cell(cell)), cell);
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(column_kind("historical_ties_share", false), Kind::Share);
        assert_eq!(column_kind("historical_ties_hits", false), Kind::Integer);
        assert_eq!(column_kind("the_war_seconds", false), Kind::Number);
        assert_eq!(column_kind("date", true), Kind::MaybeDate);
        assert_eq!(column_kind("top_frame", false), Kind::Text);
        assert_eq!(column_kind("recycled", false), Kind::Bool);
    }
}
