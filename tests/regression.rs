//! Regressions found by the fuzz targets in `fuzz/` (README.md, "Fuzzing"). Each test is named
//! after what its input found; the inputs, exactly as the fuzzer wrote them, are the files in
//! `tests/regressions/`, read from memory through `leitmotif::fuzzing::read_stream` as the fuzz
//! targets read them.

use leitmotif::corpus::{Document, InputKind, ReadOptions};
use leitmotif::error::RecordError;
use leitmotif::fuzzing::read_stream;

fn read(kind: InputKind, bytes: &[u8]) -> Vec<Result<Document, RecordError>> {
    let options = ReadOptions::default();
    read_stream("input", kind, std::sync::Arc::from(bytes), options.clone())
        .map(|record| record.into_document(&options))
        .collect()
}

/// Line of each record, document or error.
fn lines(kind: InputKind, bytes: &[u8]) -> Vec<u64> {
    read(kind, bytes).iter().map(|r| r.as_ref().map_or_else(|e| e.line, |d| d.line)).collect()
}

/// read_csv, read_tsv: the csv crate ends a record at a lone `\r` but counts lines by `\n` only,
/// so two records shared a line number (and, without ids, the fallback id `input:<line>`). Fixing
/// it showed two more wrong lines from the crate's positions: every row of a `\r\n` file one line
/// early, and a row after blank lines on the first blank line (`src/corpus/lines.rs`).
#[test]
fn read_csv_lone_carriage_return_ends_a_line() {
    assert_eq!(lines(InputKind::Csv, include_bytes!("regressions/read_csv-lone-cr.csv")), [2, 3, 4, 5]);
    assert_eq!(lines(InputKind::Tsv, include_bytes!("regressions/read_tsv-lone-cr.tsv")), [2, 3, 4, 5]);
    // A file saved with classic Mac line ends: one line per row, one fallback id per row.
    let ids: Vec<String> = read(InputKind::Csv, b"id,text\r,one\r,two\r\"x\",\"three\rlines\rlong\"\r,four\r")
        .into_iter()
        .map(|r| r.unwrap().id)
        .collect();
    assert_eq!(ids, ["input:2", "input:3", "x", "input:7"]);
    assert_eq!(lines(InputKind::Csv, b"id,text\r\n1,a\r\n2,\"b\r\nc\"\r\n\r\n\r\n3,d\r\n"), [2, 3, 7]);
    assert_eq!(lines(InputKind::Tsv, b"id\ttext\n\n1\ta\n\n\n2\n"), [3, 6], "the second row lacks a column");
}

/// read_subtitles: `00:00:-1,000` was read as −1 s (and `1e999` as infinity, `inf` too), so
/// seconds and airtime came out negative or NaN. Every part of a time must be digits.
#[test]
fn read_subtitles_negative_time_is_invalid() {
    let results = read(InputKind::Subtitles, include_bytes!("regressions/read_subtitles-negative-time.srt"));
    let error = results[0].as_ref().unwrap_err();
    assert_eq!((error.line, error.message.as_str()), (2, "invalid cue timing '00:00:-1,000 --> 00:00:04,500'"));
    for timing in ["00:00:1e999 --> 00:00:1e999", "00:inf --> 00:inf", "0:NaN --> 0:1", "+1:00 --> 2:00"] {
        let srt = format!("1\n{timing}\nText\n");
        let error = read(InputKind::Subtitles, srt.as_bytes()).remove(0).unwrap_err();
        assert!(error.message.starts_with("invalid cue timing"), "{timing}: {error}");
    }
    let fine = read(InputKind::Subtitles, b"1\n00:00:01.5 --> 00:00:03,000\nText\n").remove(0).unwrap();
    assert_eq!((fine.cues[0].start_s, fine.cues[0].end_s), (1.5, 3.0));
}
