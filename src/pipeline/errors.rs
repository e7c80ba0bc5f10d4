//! Error rows as the user reads them: a problem that repeats on every line of a file (a JSONL file
//! without the text field, usually a wrong `--text-field`) is one row for the file, at its first
//! line, saying how many lines it stands for — not one row per line. Every other error is a row of
//! its own. The count of records not read stays exact: a merged row carries it in
//! [`RecordError::records`].

use crate::error::RecordError;
use crate::wording::plural;

/// Merges repeating errors of one file; hands every finished row to the caller in input order,
/// except that a merged row comes after the file's other error rows (before the next file's, or at
/// the end of the run), once its count is known.
#[derive(Default)]
pub(crate) struct ErrorRows {
    /// The repeating error of the file being read, with the lines merged into it so far.
    pending: Option<RecordError>,
}

impl ErrorRows {
    /// Takes one error; `emit` receives the rows that are finished.
    pub(crate) fn push<E>(
        &mut self,
        error: RecordError,
        emit: &mut impl FnMut(RecordError) -> Result<(), E>,
    ) -> Result<(), E> {
        if let Some(pending) = &mut self.pending {
            if pending.source == error.source {
                if error.repeats {
                    pending.records += error.records;
                    return Ok(());
                }
                return emit(error);
            }
            self.finish(emit)?;
        }
        if error.repeats {
            self.pending = Some(error);
            Ok(())
        } else {
            emit(error)
        }
    }

    /// Hands over the merged row of the last file, if any.
    pub(crate) fn finish<E>(&mut self, emit: &mut impl FnMut(RecordError) -> Result<(), E>) -> Result<(), E> {
        match self.pending.take() {
            Some(mut error) => {
                if error.records > 1 {
                    error.message =
                        format!("{}; {} like this one not read", error.message, plural(error.records, "line", "lines"));
                }
                emit(error)
            }
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(source: &str, line: u64, message: &str, repeats: bool) -> RecordError {
        RecordError { repeats, ..RecordError::new(source, line, message) }
    }

    fn rows(errors: Vec<RecordError>) -> Vec<(String, u64, String, u64)> {
        let mut out = Vec::new();
        let mut emit = |e: RecordError| -> Result<(), ()> {
            out.push((e.source, e.line, e.message, e.records));
            Ok(())
        };
        let mut merged = ErrorRows::default();
        for e in errors {
            merged.push(e, &mut emit).unwrap();
        }
        merged.finish(&mut emit).unwrap();
        out
    }

    #[test]
    fn repeats_merge_per_file_and_others_stay_rows() {
        let got = rows(vec![
            error("a.jsonl", 1, "no field", true),
            error("a.jsonl", 2, "no field", true),
            error("a.jsonl", 3, "invalid JSON", false),
            error("a.jsonl", 4, "no field", true),
            error("b.jsonl", 7, "no field", true),
            error("c.csv", 2, "row has 3 fields", false),
        ]);
        assert_eq!(
            got,
            [
                ("a.jsonl".into(), 3, "invalid JSON".into(), 1),
                ("a.jsonl".into(), 1, "no field; 3 lines like this one not read".into(), 3),
                ("b.jsonl".into(), 7, "no field".into(), 1),
                ("c.csv".into(), 2, "row has 3 fields".into(), 1),
            ]
        );
    }
}
