//! `leitmotif score`: one row per input record on standard output, in input order, with the
//! figures of `documents` — checked against `scan` on the bundled corpus and on UNGDC speeches.

use crate::util::{read_table, sample_corpus, shared_corpora, Workdir};
use leitmotif::output::unescape_tsv_cell;
use serde_json::{Map, Value};

fn sample_statements() -> String {
    std::fs::read_to_string(sample_corpus().join("sample-statements.jsonl")).unwrap()
}

fn json_rows(text: &str) -> Vec<Map<String, Value>> {
    text.lines().map(|line| serde_json::from_str::<Map<String, Value>>(line).unwrap()).collect()
}

/// A TSV row of `score` as text cells: escapes undone, `\N` (null) as the empty cell CSV has.
fn tsv_cells(line: &str) -> Vec<String> {
    line.split('\t')
        .map(|cell| match cell {
            "\\N" => String::new(),
            cell => unescape_tsv_cell(cell).unwrap_or_else(|| panic!("stray escape in {cell:?}")).into_owned(),
        })
        .collect()
}

/// `score`'s JSON rows equal `documents.jsonl` of `scan` on the same input, column for column
/// (`scan_args` and `score_args` choose the same framing).
fn assert_rows_equal_scan(work: &Workdir, input: &str, scan_args: &[&str], score_args: &[&str], keep: &[&str]) {
    let text = std::fs::read_to_string(work.path(input)).unwrap();
    let mut args = vec!["scan", input, "--format", "jsonl", "--tables", "documents", "--out", "scanned", "-q"];
    args.extend(scan_args);
    let scan = work.run(&args);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let documents = json_rows(&String::from_utf8(work.read("scanned/documents.jsonl")).unwrap());
    let keep_list = keep.join(",");
    let mut args = vec!["score", "-q"];
    if !keep.is_empty() {
        args.extend(["--keep", keep_list.as_str()]);
    }
    args.extend(score_args);
    let score = work.run_with_stdin(&args, &text);
    assert_eq!(score.code, 0, "{}", score.stderr);
    let rows = json_rows(&score.stdout);
    assert_eq!(rows.len(), documents.len());
    assert!(!rows.is_empty());
    for (row, document) in rows.iter().zip(&documents) {
        assert_eq!(row["error"], "", "{row:?}");
        for (column, value) in row.iter().filter(|(column, _)| *column != "error") {
            assert_eq!(Some(value), document.get(column), "{} column {column}", row["doc_id"]);
        }
        // Every figure of documents is in the row; only metadata not kept (the columns between
        // doc_id and words) is left out.
        let metadata: Vec<&String> = document.keys().skip(1).take_while(|k| *k != "words").collect();
        let missing: Vec<&String> = document.keys().filter(|k| !row.contains_key(*k)).collect();
        assert!(missing.iter().all(|k| metadata.contains(k) && !keep.contains(&k.as_str())), "{missing:?}");
    }
}

#[test]
fn rows_hold_the_figures_of_documents_in_input_order() {
    let work = Workdir::new();
    work.write("statements.jsonl", sample_statements());
    assert_rows_equal_scan(&work, "statements.jsonl", &["--no-model"], &[], &["date", "title"]);
}

#[test]
fn a_saved_model_frames_the_rows_as_it_frames_a_scan() {
    let work = Workdir::new();
    work.write("statements.jsonl", sample_statements());
    let trained = work.run(&["scan", "statements.jsonl", "--save-model", "model.json", "--out", "train", "-q"]);
    assert_eq!(trained.code, 0, "{}", trained.stderr);
    assert_rows_equal_scan(&work, "statements.jsonl", &["--model", "model.json"], &["--model", "model.json"], &[]);
    // The model changes the airtime, so the check above is not the model-free one again.
    let with = work.run_with_stdin(&["score", "-q", "--model", "model.json"], &sample_statements());
    let without = work.run_with_stdin(&["score", "-q"], &sample_statements());
    assert_ne!(with.stdout, without.stdout);
}

#[test]
fn tsv_rows_hold_the_cells_of_documents_csv() {
    let work = Workdir::new();
    work.write("statements.jsonl", sample_statements());
    let scan = work.run(&["scan", "statements.jsonl", "--no-model", "--tables", "documents", "--out", "scanned", "-q"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let documents = read_table(&work.path("scanned/documents.csv"));
    let score = work.run_with_stdin(&["score", "--format", "tsv", "--keep", "title", "-q"], &sample_statements());
    assert_eq!(score.code, 0, "{}", score.stderr);
    let schema = work.run(&["score", "--schema", "--keep", "title"]);
    let columns: Vec<&str> = schema.stdout.trim().split(", ").map(|c| c.split(' ').next().unwrap()).collect();
    assert_eq!(columns.first(), Some(&"doc_id"));
    assert_eq!(columns.last(), Some(&"error"));
    let lines: Vec<&str> = score.stdout.lines().collect();
    assert_eq!(lines.len(), documents.rows.len());
    for (line, document) in lines.iter().zip(&documents.rows) {
        let cells = tsv_cells(line);
        assert_eq!(cells.len(), columns.len(), "{line}");
        for (column, cell) in columns.iter().zip(&cells) {
            match *column {
                "error" => assert_eq!(cell, ""),
                column => assert_eq!(cell, &document[column], "{} column {column}", document["doc_id"]),
            }
        }
    }
}

#[test]
fn every_input_record_gets_its_row_in_place_and_the_run_succeeds() {
    let work = Workdir::new();
    let good = sample_statements();
    let good: Vec<&str> = good.lines().take(3).collect();
    // A broken line, three lines without a text field (one row each, not merged), a blank line (no
    // row), a text with a tab and a line break.
    let input = [
        good[0],
        "{\"id\": \"broken\", \"text\": ",
        good[1],
        "{\"id\": \"a\"}",
        "{\"id\": \"b\"}",
        "{\"id\": \"c\"}",
        "",
        "{\"id\": \"tab\\there\", \"text\": \"NATO expansion.\\nOur brotherly people.\"}",
        good[2],
    ]
    .join("\n");
    let run = work.run_with_stdin(&["score", "--format", "tsv"], &input);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("8 rows = 4 documents + 4 errors"), "{}", run.stderr);
    let rows: Vec<Vec<String>> = run.stdout.lines().map(tsv_cells).collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let id = |line: &str| serde_json::from_str::<Value>(line).unwrap()["id"].as_str().unwrap().to_string();
    assert_eq!(ids, [id(good[0]).as_str(), "", &id(good[1]), "", "", "", "tab\there", &id(good[2])]);
    let errors: Vec<&str> = rows.iter().map(|r| r.last().unwrap().as_str()).collect();
    assert!(errors[1].starts_with("-:2: invalid JSON"), "{}", errors[1]);
    for (row, line) in [(3, 4), (4, 5), (5, 6)] {
        assert!(errors[row].starts_with(&format!("-:{line}: no field 'text'")), "{}", errors[row]);
        assert!(rows[row][1..rows[row].len() - 1].iter().all(String::is_empty));
    }
    assert!([0, 2, 6, 7].iter().all(|&row| errors[row].is_empty()));
    // The document with a tab in its id is scored: five words, two sentences.
    assert_eq!(rows[6][1], "5");
    assert_eq!(rows[6][2], "2");
}

#[test]
fn rows_do_not_depend_on_how_the_corpus_is_split_or_on_threads() {
    let work = Workdir::new();
    let text = sample_statements();
    let lines: Vec<&str> = text.lines().collect();
    let whole = work.run_with_stdin(&["score", "-q", "--threads", "1"], &text);
    let (first, second) = lines.split_at(lines.len() / 3);
    let first = work.run_with_stdin(&["score", "-q", "--threads", "2"], &(first.join("\n") + "\n"));
    let second = work.run_with_stdin(&["score", "-q", "--threads", "2"], &(second.join("\n") + "\n"));
    assert_eq!(whole.code, 0);
    assert_eq!(whole.stdout.lines().count(), lines.len());
    assert_eq!(first.stdout + &second.stdout, whole.stdout);
}

#[test]
fn options_that_would_break_one_row_per_document_are_refused() {
    let work = Workdir::new();
    let run = work.run_with_stdin(&["score", "--by", "speaker"], &sample_statements());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--by speaker"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = work.run_with_stdin(&["score", "--model", "absent.json"], &sample_statements());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("absent.json"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn ungdc_rows_equal_the_scan_of_the_same_speeches() {
    let Some(corpora) = shared_corpora() else { return };
    use std::io::BufRead;
    let file = std::fs::File::open(corpora.join("ungdc.jsonl.gz")).unwrap();
    let lines: Vec<String> = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .skip(4000)
        .take(300)
        .map(Result::unwrap)
        .collect();
    let work = Workdir::new();
    work.write("ungdc.jsonl", lines.join("\n") + "\n");
    assert_rows_equal_scan(&work, "ungdc.jsonl", &["--no-model"], &[], &["year", "country"]);
}
