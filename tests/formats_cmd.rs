//! Spreadsheet outputs and the report: XLSX read back with calamine, JSONL, formula injection,
//! the byte-order mark, Excel's cell limit, report.html.

use crate::util::{Workdir, ONE_FRAME_LEXICON};
use calamine::{open_workbook, Data, Reader, Xlsx};

const EVIL: &str = "=cmd|' /C calc'!A0";

fn fixture(work: &Workdir) {
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let lines = [
        serde_json::json!({"id": "d1", "date": "2022-02-21", "year": 2022, "text": "NATO expansion is the threat. They are a brotherly people."}),
        serde_json::json!({"id": EVIL, "date": "2023-01-05", "year": 2023, "text": format!("{EVIL} said: NATO expansion.")}),
    ];
    work.write("in.jsonl", lines.iter().map(|l| l.to_string() + "\n").collect::<String>());
}

#[test]
fn the_workbook_has_typed_sheets() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--format", "xlsx,csv", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(work.path("out/leitmotif.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["documents", "hits", "segments", "errors", "frames", "run"]);
    let documents = book.worksheet_range("documents").unwrap();
    let header: Vec<String> = (0..documents.width()).map(|c| documents.get((0, c)).unwrap().to_string()).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(documents.get((1, column("doc_id"))), Some(&Data::String("d1".into())));
    assert!(matches!(documents.get((1, column("date"))), Some(Data::DateTime(_))), "dates as dates");
    assert_eq!(documents.get((1, column("words"))), Some(&Data::Float(10.0)), "numbers as numbers");
    assert_eq!(documents.get((1, column("security_share"))), Some(&Data::Float(0.5)));
    assert_eq!(documents.get((1, column("top_frame"))), Some(&Data::String("security".into())));
    let frames = book.worksheet_range("frames").unwrap();
    assert_eq!(frames.get((1, 2)), Some(&Data::String("nato_expansion".into())));
    assert_eq!(frames.get((1, 4)), Some(&Data::Float(2.0)));
    let run_sheet = book.worksheet_range("run").unwrap();
    let keys: Vec<String> = (1..run_sheet.height()).map(|r| run_sheet.get((r, 0)).unwrap().to_string()).collect();
    for key in ["version", "command line", "date", "threads", "input", "lexicon", "documents", "errors"] {
        assert!(keys.iter().any(|k| k == key), "run sheet lacks {key}: {keys:?}");
    }
    let lexicon_row = keys.iter().position(|k| k == "lexicon").unwrap() + 1;
    assert!(run_sheet.get((lexicon_row, 1)).unwrap().to_string().contains("content hash"));
}

#[test]
fn formula_injection_is_inert_in_csv_and_xlsx() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--format", "csv,xlsx,jsonl", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv_text = String::from_utf8(work.read("out/documents.csv")).unwrap();
    assert!(csv_text.contains(&format!("\"'{EVIL}\"")) || csv_text.contains(&format!("'{EVIL}")), "{csv_text}");
    assert!(!csv_text.lines().any(|l| l.starts_with('=')));
    let hits_text = String::from_utf8(work.read("out/hits.csv")).unwrap();
    assert!(hits_text.lines().skip(1).all(|l| !l.starts_with('=') && !l.contains(",=")), "{hits_text}");
    let mut book: Xlsx<_> = open_workbook(work.path("out/leitmotif.xlsx")).unwrap();
    let documents = book.worksheet_range("documents").unwrap();
    assert_eq!(documents.get((2, 0)), Some(&Data::String(EVIL.into())), "the id is text, unchanged");
    for sheet in ["documents", "hits"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{sheet} has a formula");
    }
    // JSONL keeps the original value and types numbers.
    let jsonl = String::from_utf8(work.read("out/documents.jsonl")).unwrap();
    let second: serde_json::Value = serde_json::from_str(jsonl.lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["doc_id"], EVIL);
    assert_eq!(second["words"], 7);
    assert_eq!(second["security_per_1k"], 142.8571);
    assert_eq!(second["year"], "2023");
}

#[test]
fn excel_flag_adds_a_byte_order_mark_and_xlsx_only_removes_csv() {
    let work = Workdir::new();
    fixture(&work);
    assert_eq!(work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--excel", "--out", "bom"]).code, 0);
    assert!(work.read("bom/documents.csv").starts_with(b"\xEF\xBB\xBFdoc_id,"));
    assert!(work.read("bom/hits.csv").starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--format", "xlsx", "--out", "x"]).code, 0);
    assert!(work.path("x/leitmotif.xlsx").exists());
    assert!(!work.path("x/documents.csv").exists());
}

#[test]
fn cells_beyond_excels_limit_are_cut_with_a_note() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let long = "x".repeat(40_000);
    work.write(
        "in.jsonl",
        serde_json::json!({"id": "long", "note": long, "text": "brotherly people"}).to_string() + "\n",
    );
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--format", "csv,xlsx", "--out", "out"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("cells longer than 32767 characters were cut"), "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(work.path("out/leitmotif.xlsx")).unwrap();
    let documents = book.worksheet_range("documents").unwrap();
    assert_eq!(documents.get((1, 1)).unwrap().to_string().len(), 32_767);
    let run_sheet = book.worksheet_range("run").unwrap();
    assert!((0..run_sheet.height()).any(|r| *run_sheet.get((r, 0)).unwrap() == Data::String("note".into())));
    assert!(String::from_utf8(work.read("out/documents.csv")).unwrap().contains(&long), "the CSV keeps it whole");
}

#[test]
fn the_report_is_one_self_contained_page() {
    let work = Workdir::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let run =
        work.run(&["scan", corpus.to_str().unwrap(), "--reuse", "--order-by", "date", "--report", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = String::from_utf8(work.read("out/report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for needle in [
        "<b>43</b>documents",
        "Frames over time",
        "Per year",
        "Top motifs",
        "Most recycled passages",
        "Timelines",
        "<svg",
    ] {
        assert!(html.contains(needle), "report lacks {needle}");
    }
    assert!(
        !html.contains("<script") && !html.contains(" src=") && !html.contains("<link"),
        "no scripts or external resources"
    );
    let without_namespace = html.replace("http://www.w3.org/2000/svg", "").replace("http://www.w3.org/1999/xhtml", "");
    assert!(!without_namespace.contains("http://") && !without_namespace.contains("https://"), "no network");
}
