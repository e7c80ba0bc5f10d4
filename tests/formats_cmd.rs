//! Spreadsheet outputs and the report: XLSX read back with calamine (and its XML, for formats,
//! panes and links), JSONL, formula injection, the byte-order mark, Excel's cell limit, report.html.

use crate::util::{Workdir, ONE_FRAME_LEXICON};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::io::Read;

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
    assert_eq!(book.sheet_names(), ["summary", "documents", "hits", "segments", "errors", "frames", "run"]);
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
    for sheet in ["summary", "documents", "hits"] {
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

/// A lexicon whose patterns hold what a separator might be: ` | ` and a line break.
const SEPARATOR_LEXICON: &str = r#"
name = "test"
language = "en"
version = "1"
description = "test lexicon"

[[frames]]
id = "security"
label = "Security"

[[frames.motifs]]
id = "nato_expansion"
label = "NATO expansion"
weight = 2.0
patterns = ["nato expansion", "(eastward | further) expansion"]

[[frames]]
id = "ties"
label = "Ties"

[[frames.motifs]]
id = "brotherly"
label = "Brotherly people"
patterns = ["brotherly\npeople", "братск* народ*"]
"#;

const URL_ID: &str = "http://kremlin.ru/events/president/news/67828";

/// The parts of an xlsx file, read as XML text.
struct BookXml {
    zip: zip::ZipArchive<std::fs::File>,
}

impl BookXml {
    fn open(path: &std::path::Path) -> BookXml {
        BookXml { zip: zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap() }
    }

    fn part(&mut self, name: &str) -> String {
        let mut text = String::new();
        self.zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    /// The XML of the sheet called `name` (sheets are numbered in workbook order).
    fn sheet(&mut self, name: &str) -> String {
        let workbook = self.part("xl/workbook.xml");
        let names: Vec<&str> = workbook.split("<sheet name=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        let index = names.iter().position(|n| *n == name).unwrap_or_else(|| panic!("no sheet {name}: {names:?}"));
        self.part(&format!("xl/worksheets/sheet{}.xml", index + 1))
    }

    /// The number format of a cell and whether it is right-aligned.
    fn look(&mut self, sheet: &str, cell: &str) -> (String, bool) {
        let xml = self.sheet(sheet);
        let at = xml.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("no cell {cell} in {sheet}"));
        let tag = &xml[at..at + xml[at..].find('>').unwrap()];
        let style: usize = attribute(tag, "s").map_or(0, |s| s.parse().unwrap());
        let styles = self.part("xl/styles.xml");
        let cell_xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
        let xf = &format!(" {}", cell_xfs.split("<xf ").nth(style + 1).unwrap());
        let id: usize = attribute(xf, "numFmtId").unwrap().parse().unwrap();
        let code = match id {
            0 => "General".to_string(),
            1 => "0".to_string(),
            2 => "0.00".to_string(),
            _ => {
                let at = styles.find(&format!("<numFmt numFmtId=\"{id}\"")).unwrap();
                attribute(&styles[at..], "formatCode").unwrap().replace("&quot;", "\"")
            }
        };
        (code, xf.contains("<alignment horizontal=\"right\""))
    }
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// `A`, `B`, … `AA` for a 0-based column.
fn letters(mut col: usize) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'A' + (col % 26) as u8) as char);
        if col < 26 {
            return name;
        }
        col = col / 26 - 1;
    }
}

fn header(range: &calamine::Range<Data>) -> Vec<String> {
    (0..range.width()).map(|c| range.get((0, c)).unwrap().to_string()).collect()
}

#[test]
fn the_workbook_is_built_for_reading() {
    let work = Workdir::new();
    work.write("lex.toml", SEPARATOR_LEXICON);
    let context = "In the long debates of the last decade every delegation spoke of it and then of";
    let lines = [
        serde_json::json!({"id": URL_ID, "date": "2022-02-21", "title": "Address", "text": "NATO expansion is the threat. They are a brotherly people. Мы братский народ."}),
        serde_json::json!({"id": "d2", "date": "2023-01-05", "headline": "Statement", "text": format!("{context} eastward expansion.")}),
    ];
    work.write("in.jsonl", lines.iter().map(|l| l.to_string() + "\n").collect::<String>());
    let args = ["scan", "in.jsonl", "--lexicon", "lex.toml", "--format", "xlsx,csv", "--group-by", "date:year"];
    let run = work.run(&[&args[..], &["--out", "out"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = work.path("out/leitmotif.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["summary", "documents", "groups", "hits", "segments", "errors", "frames", "run"]);

    // The summary: the reading columns of documents, the same values.
    let summary = book.worksheet_range("summary").unwrap();
    assert_eq!(header(&summary), ["doc_id", "date", "title", "words", "security_score", "ties_score", "top_frame"]);
    let csv = work.table("out/documents.csv");
    for (r, row) in csv.rows.iter().enumerate() {
        let r = r + 1;
        assert_eq!(summary.get((r, 0)), Some(&Data::String(row["doc_id"].clone())));
        assert!(matches!(summary.get((r, 1)), Some(Data::DateTime(d)) if d.is_datetime()), "the date as a date");
        for (c, name) in [(3, "words"), (4, "security_score"), (5, "ties_score")] {
            assert_eq!(summary.get((r, c)), Some(&Data::Float(row[name].parse().unwrap())), "{name}");
        }
        assert_eq!(summary.get((r, 6)), Some(&Data::String(row["top_frame"].clone())));
    }
    assert_eq!(summary.get((1, 2)), Some(&Data::String("Address".into())), "a title");
    assert_eq!(summary.get((2, 2)), Some(&Data::String("Statement".into())), "or a headline");
    assert_eq!(csv.rows[0]["ties_score"], "153.8462", "two hits over 13 words");

    // Seconds as durations whose value is the CSV's seconds, in days.
    let documents = book.worksheet_range("documents").unwrap();
    let columns = header(&documents);
    let column = |name: &str| columns.iter().position(|h| h == name).unwrap();
    let Some(Data::DateTime(seconds)) = documents.get((1, column("seconds"))) else { panic!("seconds as a duration") };
    assert!(seconds.is_duration());
    assert!((seconds.as_f64() * 86_400.0 - csv.rows[0]["seconds"].parse::<f64>().unwrap()).abs() < 1e-9);
    assert_eq!(csv.rows[0]["seconds"], "5.2", "13 words at 150 per minute");

    // The frames sheet: one pattern per line; ` | ` inside a pattern, a line break shown as \n.
    let frames = book.worksheet_range("frames").unwrap();
    assert_eq!(frames.get((1, 5)), Some(&Data::String("nato expansion\n(eastward | further) expansion".into())));
    assert_eq!(frames.get((2, 5)), Some(&Data::String("brotherly\\npeople\nбратск* народ*".into())));

    // Formats, panes, links and alignment, in the sheets' XML.
    let mut xml = BookXml::open(&path);
    let cell = |name: &str, row: usize| format!("{}{row}", letters(column(name)));
    for (name, expected) in [
        ("words", "0"),
        ("security_per_1k", "0.0"),
        ("security_score", "0.0"),
        ("security_share", "0.0%"),
        ("seconds", "[m]:ss"),
        ("security_seconds", "[m]:ss"),
        ("date", "yyyy-mm-dd"),
    ] {
        assert_eq!(xml.look("documents", &cell(name, 2)).0, expected, "documents {name}");
    }
    assert_eq!(xml.look("summary", "E2").0, "0.0", "summary security_score");
    for sheet in ["summary", "documents", "hits", "segments", "groups"] {
        assert!(
            xml.sheet(sheet).contains(r#"<pane xSplit="1" ySplit="1" topLeftCell="B2""#),
            "{sheet} freezes A and 1"
        );
    }
    assert!(xml.sheet("frames").contains(r#"<pane ySplit="1" topLeftCell="A2""#), "frames freezes the header only");
    for sheet in ["summary", "documents"] {
        let sheet_xml = xml.sheet(sheet);
        assert!(sheet_xml.contains(r#"<hyperlink ref="A2" r:id="rId1"/>"#), "{sheet}: {sheet_xml}");
        assert!(!sheet_xml.contains(r#"<hyperlink ref="A3""#), "d2 is not a link");
        let rels = xml.part(&format!("xl/worksheets/_rels/sheet{}.xml.rels", if sheet == "summary" { 1 } else { 2 }));
        assert!(rels.contains(&format!(r#"Target="{URL_ID}" TargetMode="External""#)), "{rels}");
    }
    let hits = book.worksheet_range("hits").unwrap();
    let hit_columns = header(&hits);
    let left = letters(hit_columns.iter().position(|h| h == "left").unwrap());
    let last = hits.height();
    let left_text = hits.get((last - 1, hit_columns.iter().position(|h| h == "left").unwrap())).unwrap().to_string();
    assert!(left_text.trim_end().ends_with("then of"), "{left_text}");
    assert_eq!(xml.look("hits", &format!("{left}{last}")), ("General".to_string(), true), "left context right-aligned");
    let groups = book.worksheet_range("groups").unwrap();
    let group_columns = header(&groups);
    for (name, expected) in [("security_per_1k", "0.0"), ("security_per_1k_mean", "0.0"), ("seconds", "[m]:ss")] {
        let at = format!("{}2", letters(group_columns.iter().position(|h| h == name).unwrap()));
        assert_eq!(xml.look("groups", &at).0, expected, "groups {name}");
    }

    // Widths from the values: the URL id is whole, a column of short rates narrower than its header.
    let documents_xml = xml.sheet("documents");
    let width = |col: usize| -> f64 {
        let number = |tag: &str, name: &str| attribute(tag, name).unwrap().parse::<f64>().unwrap();
        let tags = documents_xml.split("<col ").skip(1).map(|tag| format!(" {}", &tag[..tag.find('>').unwrap()]));
        let mut found = tags.filter(|tag| (number(tag, "min")..=number(tag, "max")).contains(&(col as f64 + 1.0)));
        number(&found.next().unwrap(), "width")
    };
    assert!(width(0) > URL_ID.len() as f64, "doc_id {}", width(0));
    assert!(width(column("security_per_1k")) < "security_per_1k".len() as f64);
}

/// The README's instructions for LibreOffice, run: the CSV files of the bundled corpus (Cyrillic
/// titles and contexts) imported with explicit UTF-8 filter options and exported again are
/// byte-identical, and the sheet holds the Cyrillic text. Needs `soffice` on the PATH:
/// `cargo test --test integration -- --ignored libreoffice`.
#[test]
#[ignore = "needs LibreOffice (soffice) on the PATH"]
fn libreoffice_round_trips_cyrillic_csv_with_explicit_filter_options() {
    let work = Workdir::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    assert_eq!(work.run(&["scan", corpus.to_str().unwrap(), "--out", "out"]).code, 0);
    let profile = format!("-env:UserInstallation=file://{}", work.path("profile").display());
    let soffice = |args: &[&str]| {
        let status = std::process::Command::new("soffice")
            .arg(&profile)
            .arg("--headless")
            .args(args)
            .current_dir(work.path("."))
            .stdout(std::process::Stdio::null())
            .status()
            .expect("soffice runs");
        assert!(status.success(), "soffice {args:?}: {status}");
    };
    let (csv_files, xlsx_files) = (["out/documents.csv", "out/hits.csv"], ["in/documents.xlsx", "in/hits.xlsx"]);
    soffice(&[&["--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", "in"], &csv_files[..]].concat());
    let export = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false";
    soffice(&[&["--convert-to", export, "--outdir", "back"], &xlsx_files[..]].concat());
    for name in ["documents.csv", "hits.csv"] {
        let (original, back) = (work.read(&format!("out/{name}")), work.read(&format!("back/{name}")));
        assert!(original == back, "{name} changed in the round trip");
    }
    let mut book: Xlsx<_> = open_workbook(work.path("in/documents.xlsx")).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert!(sheet
        .used_cells()
        .any(|(_, _, cell)| *cell == Data::String("Переговоры с Президентом Республики Арвения".into())));
}

/// Every cell of a Parquet column as the CSV file writes it: numbers as text (`format_number`'s
/// four decimals survive a round trip through f64), dates as ISO dates, lists joined by `;`.
fn parquet_cells(path: &std::path::Path) -> (Vec<(String, arrow_schema::DataType)>, Vec<Vec<String>>) {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int64Type};
    use arrow_schema::DataType;
    let file = std::fs::File::open(path).unwrap();
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    let fields = builder.schema().fields().iter().map(|f| (f.name().clone(), f.data_type().clone())).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for batch in builder.build().unwrap() {
        let batch = batch.unwrap();
        for row in 0..batch.num_rows() {
            let cells = batch
                .columns()
                .iter()
                .map(|column| {
                    if column.is_null(row) {
                        return String::new();
                    }
                    match column.data_type() {
                        DataType::Int64 => column.as_primitive::<Int64Type>().value(row).to_string(),
                        DataType::Float64 => {
                            let x = column.as_primitive::<Float64Type>().value(row);
                            if x.fract() == 0.0 {
                                format!("{x:.0}")
                            } else {
                                x.to_string()
                            }
                        }
                        DataType::Boolean => column.as_boolean().value(row).to_string(),
                        DataType::Utf8 => column.as_string::<i32>().value(row).to_string(),
                        DataType::Date32 => {
                            let days = column.as_primitive::<Date32Type>().value(row);
                            arrow_array::temporal_conversions::date32_to_datetime(days).unwrap().date().to_string()
                        }
                        DataType::List(_) => {
                            let items = column.as_list::<i32>().value(row);
                            items.as_string::<i32>().iter().flatten().collect::<Vec<_>>().join(";")
                        }
                        other => panic!("unexpected type {other}"),
                    }
                })
                .collect();
            rows.push(cells);
        }
    }
    (fields, rows)
}

#[test]
fn parquet_tables_are_typed_and_hold_the_csv_cells() {
    use arrow_schema::DataType;
    let work = Workdir::new();
    let corpus = crate::util::sample_corpus();
    let corpus = corpus.to_str().unwrap();
    let run =
        work.run(&["scan", corpus, "--reuse", "--order-by", "date", "--format", "csv,parquet", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for table in ["documents", "hits", "segments", "passages", "refrains", "errors"] {
        let csv = crate::util::read_table(&work.path(&format!("out/{table}.csv")));
        let (fields, rows) = parquet_cells(&work.path(&format!("out/{table}.parquet")));
        let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, csv.header, "{table}");
        assert_eq!(rows.len(), csv.rows.len(), "{table}");
        for (row, expected) in rows.iter().zip(&csv.rows) {
            for ((name, _), cell) in fields.iter().zip(row) {
                assert_eq!(
                    cell,
                    &expected[name],
                    "{table}.{name} of {}",
                    expected.get("doc_id").unwrap_or(&String::new())
                );
            }
        }
        let kind = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone());
        match table {
            "documents" => {
                assert_eq!(kind("date"), Some(DataType::Date32));
                assert_eq!(kind("words"), Some(DataType::Int64));
                assert_eq!(kind("historical_ties_share"), Some(DataType::Float64));
                assert!(matches!(kind("boilerplate_frames"), Some(DataType::List(_))));
            }
            "segments" => assert!(matches!(kind("motifs"), Some(DataType::List(_)))),
            "hits" => assert_eq!(kind("recycled"), Some(DataType::Boolean)),
            _ => {}
        }
    }
    // A later run without parquet leaves no stale Parquet file beside the new CSV files.
    let run = work.run(&["scan", corpus, "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!work.path("out/documents.parquet").exists());
}
