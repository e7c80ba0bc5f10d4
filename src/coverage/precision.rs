//! Precision from a judged sample: a `sample.csv` in which a person marked each hit in the
//! `judgement` column, read back and summarised per motif, per frame and over all, with a 95%
//! Wilson score interval.
//!
//! Marks ([`MARKS`]), case and surrounding spaces ignored: `y`, `yes`, `1`, `true`, `+` — the hit
//! is a real instance of its motif; `n`, `no`, `0`, `false`, `-` — it is not; empty or `?` —
//! not judged. Unjudged rows, and rows with any other mark (each reported with its line), are
//! counted and left out of the precision. A leading apostrophe that the CSV writer adds against
//! formula injection (`'-war`) is removed again. The file may be saved by a spreadsheet with a
//! byte-order mark or with `;` or tab as the separator.
//!
//! Precision = correct ÷ judged. The Wilson interval for `c` correct of `n` judged, `p = c/n`,
//! `z = 1.959964`: `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`. A frame's row pools the
//! judged hits of its motifs (each motif has the same sample size, so a frame's figure weighs its
//! motifs equally, not by their number of hits).

use crate::error::{Error, Result};
use crate::output::{Cell, RowsTable, Schema};
use std::path::Path;

/// The accepted marks and their meaning.
pub const MARKS: &[(&str, Mark)] = &[
    ("y", Mark::Correct),
    ("yes", Mark::Correct),
    ("1", Mark::Correct),
    ("true", Mark::Correct),
    ("+", Mark::Correct),
    ("n", Mark::Incorrect),
    ("no", Mark::Incorrect),
    ("0", Mark::Incorrect),
    ("false", Mark::Incorrect),
    ("-", Mark::Incorrect),
    ("", Mark::Unjudged),
    ("?", Mark::Unjudged),
];

/// What a person said about one sampled hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A real instance of the motif.
    Correct,
    /// Not an instance.
    Incorrect,
    /// Not judged (empty or `?`).
    Unjudged,
}

impl Mark {
    /// The meaning of a cell of the `judgement` column; `None` for an unknown mark.
    pub fn parse(cell: &str) -> Option<Mark> {
        let cell = cell.trim();
        let cell = cell.strip_prefix('\'').unwrap_or(cell).trim().to_lowercase();
        MARKS.iter().find(|(mark, _)| *mark == cell).map(|&(_, meaning)| meaning)
    }
}

/// The figures of one motif, one frame, or all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrecisionRow {
    /// The frame id (`(all)` for the total).
    pub frame: String,
    /// The motif id; empty on a frame's row and on the total.
    pub motif: String,
    /// Rows marked correct.
    pub correct: usize,
    /// Rows marked incorrect.
    pub incorrect: usize,
    /// Rows not judged or with an unknown mark.
    pub unjudged: usize,
}

impl PrecisionRow {
    /// Judged rows: correct + incorrect.
    pub fn judged(&self) -> usize {
        self.correct + self.incorrect
    }

    /// correct ÷ judged (`None` when nothing was judged).
    pub fn precision(&self) -> Option<f64> {
        (self.judged() > 0).then(|| self.correct as f64 / self.judged() as f64)
    }

    /// The 95% Wilson interval of the precision.
    pub fn interval(&self) -> Option<(f64, f64)> {
        wilson(self.correct, self.judged(), 1.959_964)
    }

    fn add(&mut self, mark: Mark) {
        match mark {
            Mark::Correct => self.correct += 1,
            Mark::Incorrect => self.incorrect += 1,
            Mark::Unjudged => self.unjudged += 1,
        }
    }
}

/// A judged sample, summarised.
#[derive(Debug, Clone, Default)]
pub struct Judged {
    /// Per motif then its frame, frames in order of first appearance, motifs likewise, then the
    /// total (`(all)`).
    pub rows: Vec<PrecisionRow>,
    /// (line, mark) of each row whose mark is not one of [`MARKS`] (counted as unjudged).
    pub unknown: Vec<(u64, String)>,
}

/// The Wilson score interval for `correct` successes of `n` at normal quantile `z`.
pub fn wilson(correct: usize, n: usize, z: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (n, p) = (n as f64, correct as f64 / n as f64);
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let spread = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let scale = 1.0 + z2 / n;
    Some((((centre - spread) / scale).max(0.0), ((centre + spread) / scale).min(1.0)))
}

/// Reads a judged sample (the `sample.csv` of `lexicon coverage`, marked by a person).
pub fn read_judged(path: &Path) -> Result<Judged> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = if header.contains(&b',') {
        b','
    } else if header.contains(&b';') {
        b';'
    } else {
        b'\t'
    };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(bytes);
    let bad = |message: String| Error::usage(format!("{}: {message}", path.display()));
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h.trim() == name).ok_or_else(|| {
            bad(format!(
                "no column '{name}' (columns: {}); expected the sample.csv of `leitmotif lexicon coverage`",
                headers.iter().collect::<Vec<_>>().join(", ")
            ))
        })
    };
    let (frame, motif, judgement) = (column("frame")?, column("motif")?, column("judgement")?);
    let mut judged = Judged::default();
    let mut total = PrecisionRow { frame: "(all)".into(), ..PrecisionRow::default() };
    let mut frames: Vec<PrecisionRow> = Vec::new();
    let mut motifs: Vec<PrecisionRow> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| unescape(record.get(i).unwrap_or_default());
        let (frame_id, motif_id, mark_text) = (cell(frame), cell(motif), record.get(judgement).unwrap_or_default());
        if frame_id.is_empty() && motif_id.is_empty() && record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mark = Mark::parse(mark_text).unwrap_or_else(|| {
            judged.unknown.push((line, mark_text.to_string()));
            Mark::Unjudged
        });
        total.add(mark);
        let at = match frames.iter().position(|f| f.frame == frame_id) {
            Some(at) => at,
            None => {
                frames.push(PrecisionRow { frame: frame_id.to_string(), ..PrecisionRow::default() });
                frames.len() - 1
            }
        };
        frames[at].add(mark);
        let at = match motifs.iter().position(|m| m.frame == frame_id && m.motif == motif_id) {
            Some(at) => at,
            None => {
                motifs.push(PrecisionRow {
                    frame: frame_id.to_string(),
                    motif: motif_id.to_string(),
                    ..PrecisionRow::default()
                });
                motifs.len() - 1
            }
        };
        motifs[at].add(mark);
    }
    for frame in frames {
        judged.rows.extend(motifs.iter().filter(|m| m.frame == frame.frame).cloned());
        judged.rows.push(frame);
    }
    judged.rows.push(total);
    Ok(judged)
}

/// A cell as the sample held it before the CSV writer's apostrophe against formula injection.
fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if crate::output::needs_escape(rest) => rest,
        _ => cell,
    }
}

/// The `precision` table.
pub fn precision_table(judged: &Judged) -> RowsTable {
    let share = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Float);
    let rows = judged
        .rows
        .iter()
        .map(|row| {
            let interval = row.interval();
            vec![
                Cell::Text(row.frame.clone()),
                Cell::Text(row.motif.clone()),
                Cell::count(row.judged()),
                Cell::count(row.correct),
                Cell::count(row.incorrect),
                Cell::count(row.unjudged),
                share(row.precision()),
                share(interval.map(|i| i.0)),
                share(interval.map(|i| i.1)),
            ]
        })
        .collect();
    RowsTable { schema: Schema::precision(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_published_values() {
        let (low, high) = wilson(8, 10, 1.959_964).unwrap();
        assert!((low - 0.4902).abs() < 1e-4 && (high - 0.9433).abs() < 1e-4, "{low} {high}");
        let (low, high) = wilson(0, 5, 1.959_964).unwrap();
        assert!(low == 0.0 && (high - 0.4345).abs() < 1e-4, "{low} {high}");
        assert_eq!(wilson(0, 0, 1.96), None);
    }

    #[test]
    fn marks() {
        for (cell, mark) in [
            (" Y ", Some(Mark::Correct)),
            ("'-", Some(Mark::Incorrect)),
            ("No", Some(Mark::Incorrect)),
            ("", Some(Mark::Unjudged)),
            ("?", Some(Mark::Unjudged)),
            ("maybe", None),
        ] {
            assert_eq!(Mark::parse(cell), mark, "{cell:?}");
        }
    }
}
