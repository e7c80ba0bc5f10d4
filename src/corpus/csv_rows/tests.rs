//! Rows and fields: line numbers, quoting, stray quotes and the size limit, and agreement with
//! the `csv` crate on well-formed input.

use super::*;
use proptest::prelude::*;
use std::io::{BufReader, Cursor};

/// Every row of `input` as `(line, text)`; errors as `(line, "! message")`. A tiny read buffer makes
/// rows span many chunks.
fn rows(input: &str, max: u64) -> Vec<(u64, String)> {
    let data = input.as_bytes().to_vec();
    let reader =
        |data: Vec<u8>| -> Box<dyn BufRead + Send> { Box::new(BufReader::with_capacity(4, Cursor::new(data))) };
    let copy = data.clone();
    let mut rows = CsvRows::new(reader(data), b',', max, Box::new(move || Ok(reader(copy.clone()))));
    let mut out = Vec::new();
    while let Some(row) = rows.next_row().unwrap() {
        out.push(match row {
            RawRow::Row { line, bytes } => (line, String::from_utf8(bytes).unwrap()),
            RawRow::Oversized { line, size } => (line, format!("! {size} bytes")),
            RawRow::Unterminated { line, message } => (line, format!("! {message}")),
        });
    }
    out
}

fn owned(rows: &[(u64, &str)]) -> Vec<(u64, String)> {
    rows.iter().map(|&(line, text)| (line, text.to_string())).collect()
}

#[test]
fn rows_with_their_first_line() {
    let input = "\u{feff}id,text\r\n1,\"two\nlines\"\r\n\n\n2,plain\n3,\"a \"\"b\"\"\"";
    assert_eq!(
        rows(input, 1000),
        owned(&[(1, "id,text"), (2, "1,\"two\nlines\""), (6, "2,plain"), (7, "3,\"a \"\"b\"\"\"")])
    );
}

#[test]
fn a_quote_open_at_the_end_of_the_file_is_an_error_and_the_next_lines_are_rows() {
    let input = "id,text\n1,ok\n2,\"stray\n3,fine\n4,also\n";
    let expected = [
        (1, "id,text"),
        (2, "1,ok"),
        (3, "! unterminated quoted field (opened on line 3, runs to the end of the file)"),
        (4, "3,fine"),
        (5, "4,also"),
    ];
    assert_eq!(rows(input, 1000), owned(&expected));
    assert_eq!(
        rows("id,text\n1,\"cut", 1000),
        owned(&[(1, "id,text"), (2, "! unterminated quoted field (opened on line 2, runs to the end of the file)")])
    );
}

#[test]
fn a_stray_quote_closed_by_the_next_fields_opening_quote_is_an_error() {
    let input = "id,text\n1,\"stray\n2,plain\n3,\"quoted, text\"\n4,last\n";
    let expected = [
        (1, "id,text"),
        (2, "! unterminated quoted field (opened on line 2; the next quote, on line 4, is followed by text)"),
        (3, "2,plain"),
        (4, "3,\"quoted, text\""),
        (5, "4,last"),
    ];
    assert_eq!(rows(input, 1000), owned(&expected));
}

#[test]
fn text_after_a_closing_quote_on_one_line_is_kept() {
    assert_eq!(rows("a,\"b\" c,d\n", 1000), owned(&[(1, "a,\"b\" c,d")]));
    assert_eq!(fields(b"a,\"b\" c,d", b','), [&b"a"[..], b"b c", b"d"]);
}

#[test]
fn rows_over_the_limit_are_measured_not_kept() {
    let input = format!("id,text\n1,{}\n2,short\n", "x".repeat(30));
    assert_eq!(rows(&input, 12), owned(&[(1, "id,text"), (2, "! 32 bytes"), (3, "2,short")]));
}

#[test]
fn a_stray_quote_in_a_row_over_the_limit_is_found_and_the_rows_after_it_read_again() {
    let rest: String = (3..40).map(|i| format!("{i},row {i}\n")).collect();
    let input = format!("id,text\n1,\"stray\n{rest}");
    let mut expected = vec![
        (1, "id,text".to_string()),
        (2, "! unterminated quoted field (opened on line 2, runs to the end of the file)".to_string()),
    ];
    expected.extend((3..40).map(|i| (i as u64, format!("{i},row {i}"))));
    assert_eq!(rows(&input, 20), expected);
}

#[test]
fn fields_unquote() {
    let rows: [(&str, &[&str]); 9] = [
        ("a,b", &["a", "b"]),
        ("\"a,b\",c", &["a,b", "c"]),
        ("\"a\"\"b\"", &["a\"b"]),
        ("a\"b", &["a\"b"]),
        ("a,", &["a", ""]),
        (",", &["", ""]),
        ("\"\"", &[""]),
        ("\"x\ny\",", &["x\ny", ""]),
        ("\"open", &["open"]),
    ];
    for (row, expected) in rows {
        let got: Vec<String> =
            fields(row.as_bytes(), b',').iter().map(|f| String::from_utf8(f.to_vec()).unwrap()).collect();
        assert_eq!(got, expected, "{row:?}");
    }
    let tab: Vec<Vec<u8>> = fields(b"a,b\t\"c\td\"", b'\t').into_iter().map(|f| f.into_owned()).collect();
    assert_eq!(tab, [b"a,b".to_vec(), b"c\td".to_vec()]);
}

proptest! {
    /// Whatever the `csv` crate writes, rows and fields read back.
    #[test]
    fn reads_back_what_the_csv_crate_writes(
        table in prop::collection::vec(prop::collection::vec("[a-c,\" \t\r\n]{0,6}", 1..4), 1..6),
        tsv in any::<bool>(),
    ) {
        let delimiter = if tsv { b'\t' } else { b',' };
        let mut writer = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(Vec::new());
        for row in &table {
            writer.write_record(row).unwrap();
        }
        let data = writer.into_inner().unwrap();
        let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(3, Cursor::new(data)));
        let mut rows = CsvRows::new(reader, delimiter, 1 << 20, Box::new(|| unreachable!()));
        let mut read = Vec::new();
        while let Some(row) = rows.next_row().unwrap() {
            let RawRow::Row { bytes, .. } = row else { panic!("{row:?}") };
            read.push(fields(&bytes, delimiter).iter().map(|f| String::from_utf8(f.to_vec()).unwrap()).collect::<Vec<_>>());
        }
        prop_assert_eq!(read, table);
    }
}
