//! `leitmotif scan` end to end: inputs of every kind, the figures and their formulas, hits with
//! offsets, bad input, determinism across thread counts.

use crate::util::{char_slice, read_table, sample_corpus, Workdir, ONE_FRAME_LEXICON};
use std::io::Write;

const D1: &str =
    "NATO expansion is a threat. We want indivisible security. The brotherly people suffer.\n\nNATO expansion again.";

fn jsonl_fixture(work: &Workdir) {
    let lines = [
        serde_json::json!({"id": "d1", "date": "2022-02-21", "speaker": "A", "text": D1}).to_string(),
        serde_json::json!({"id": "d2", "text": "Nothing here.", "country": "RUS"}).to_string(),
        serde_json::json!({"text": "Ещё: братскому народу — привет."}).to_string(),
        "{\"id\": \"bad\", \"text\": ".to_string(),
        "{\"id\": \"d5\", \"text\": 5}".to_string(),
        String::new(),
        serde_json::json!({"id": "d6", "text": "Ещё один братский народ."}).to_string(),
    ];
    work.write("input.jsonl", lines.join("\n") + "\n");
    work.write("lex.toml", ONE_FRAME_LEXICON);
}

#[test]
fn figures_follow_the_documented_formulas() {
    let work = Workdir::new();
    jsonl_fixture(&work);
    let run = work.run(&["scan", "input.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 1, "some records fail: {}", run.stderr);
    let documents = work.table("out/documents.csv");
    let mut expected_header = vec!["doc_id", "date", "speaker", "country", "words", "sentences", "seconds"];
    let frame_columns: Vec<String> = ["security", "ties"]
        .iter()
        .flat_map(|f| {
            ["hits", "motifs", "per_1k", "share", "first", "score", "seconds", "airtime"].map(|s| format!("{f}_{s}"))
        })
        .collect();
    expected_header.extend(frame_columns.iter().map(String::as_str));
    expected_header.extend(["top_frame", "opening_frame"]);
    assert_eq!(documents.header, expected_header);
    let d1 = &documents.rows[0];
    let expect = [
        ("doc_id", "d1"),
        ("date", "2022-02-21"),
        ("country", ""),
        ("words", "16"),
        ("sentences", "4"),
        ("security_hits", "3"),
        ("security_motifs", "2"),
        ("security_per_1k", "187.5"),
        ("security_share", "0.75"),
        ("security_first", "0"),
        ("security_score", "312.5"),
        ("ties_hits", "1"),
        ("ties_motifs", "1"),
        ("ties_per_1k", "62.5"),
        ("ties_share", "0.25"),
        ("ties_first", "0.625"),
        ("ties_score", "62.5"),
        ("top_frame", "security"),
        ("seconds", "6.4"),
        // Two paragraphs at 0.4 s a word. The first (13 words, 5.2 s) is shared by evidence:
        // security 3 (weights 2 + 1) and ties 1, so 3.9 s and 1.3 s; the second (3 words) is
        // security's: 1.2 s.
        ("security_seconds", "5.1"),
        ("security_airtime", "0.7969"),
        ("ties_seconds", "1.3"),
        ("ties_airtime", "0.2031"),
        ("opening_frame", "security"),
    ];
    for (column, value) in expect {
        assert_eq!(d1[column], value, "column {column}");
    }
    let d2 = &documents.rows[1];
    assert_eq!((d2["country"].as_str(), d2["security_first"].as_str(), d2["top_frame"].as_str()), ("RUS", "", ""));
    assert_eq!(documents.column("doc_id"), ["d1", "d2", "input.jsonl:3", "d6"]);
}

#[test]
fn every_record_is_accounted_for_and_errors_name_file_and_line() {
    let work = Workdir::new();
    jsonl_fixture(&work);
    let run = work.run(&["scan", "input.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("input.jsonl:4: invalid JSON"), "{}", run.stderr);
    assert!(run.stderr.contains("input.jsonl:5: text field \"text\" is a number, not a string"), "{}", run.stderr);
    assert!(run.stderr.contains("6 inputs = 4 documents + 2 errors;"), "{}", run.stderr);
    let errors = work.table("out/errors.csv");
    assert_eq!(errors.column("line"), ["4", "5"]);
    assert_eq!(errors.column("source"), ["input.jsonl", "input.jsonl"]);
}

#[test]
fn hit_offsets_are_character_offsets_into_the_original_text() {
    let work = Workdir::new();
    jsonl_fixture(&work);
    work.run(&["scan", "input.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    let hits = work.table("out/hits.csv");
    assert_eq!(
        hits.header,
        ["doc_id", "frame", "motif", "pattern", "start", "end", "matched", "sentence", "left", "right", "speaker"]
    );
    let texts = [("d1", D1), ("input.jsonl:3", "Ещё: братскому народу — привет."), ("d6", "Ещё один братский народ.")];
    assert_eq!(hits.rows.len(), 6);
    for hit in &hits.rows {
        let text = texts.iter().find(|(id, _)| *id == hit["doc_id"]).unwrap().1;
        let (start, end) = (hit["start"].parse().unwrap(), hit["end"].parse().unwrap());
        assert_eq!(char_slice(text, start, end), hit["matched"], "{hit:?}");
    }
    let cyrillic = &hits.rows[4];
    assert_eq!(
        (cyrillic["start"].as_str(), cyrillic["end"].as_str(), cyrillic["matched"].as_str()),
        ("5", "21", "братскому народу")
    );
    assert_eq!((cyrillic["left"].as_str(), cyrillic["right"].as_str()), ("Ещё: ", " — привет."));
    assert_eq!(hits.rows[0]["sentence"], "0");
    assert_eq!(hits.rows[3]["sentence"], "3");
    assert_eq!(hits.rows[0]["pattern"], "nato expansion");
}

#[test]
fn directories_text_csv_tsv_and_compressed_inputs() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("in/speeches/a.txt", "\u{feff}They are a brotherly people.");
    work.write("in/speeches/b.md", "# Notes\n\nNATO expansion.");
    work.write("in/notes.docx", "not read");
    work.write("in/.hidden.txt", "brotherly people");
    work.write("in/table.csv", "id,year,text\nc1,2014,\"Indivisible security,\nquoted\"\nc2,2015,nothing\n");
    work.write("in/table.tsv", "text\tid\nbrotherly nation\tt1\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\": \"g1\", \"text\": \"NATO expansion\"}\n").unwrap();
    work.write("in/z/g.jsonl.gz", gz.finish().unwrap());
    let zst = zstd::encode_all(&b"{\"id\": \"z1\", \"text\": \"brotherly people\"}\n"[..], 3).unwrap();
    work.write("in/z/s.ndjson.zst", zst);
    let run = work.run(&["scan", "in", "--lexicon", "lex.toml", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("skipped") && run.stderr.contains("notes.docx"), "{}", run.stderr);
    let documents = work.table("out/documents.csv");
    assert_eq!(documents.column("doc_id"), ["speeches/a.txt", "speeches/b.md", "c1", "c2", "t1", "g1", "z1"]);
    assert_eq!(documents.column("year"), ["", "", "2014", "2015", "", "", ""]);
    let hits = work.table("out/hits.csv");
    assert_eq!(hits.column("doc_id"), ["speeches/a.txt", "speeches/b.md", "c1", "t1", "g1", "z1"]);
    assert_eq!(hits.rows[0]["start"], "11", "the byte-order mark is not part of the text");
}

#[test]
fn standard_input_and_custom_fields() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let stdin = "{\"key\": \"s1\", \"body\": \"NATO expansion\"}\n";
    let run = work.run_with_stdin(
        &["scan", "-", "--lexicon", "lex.toml", "--out", "out", "--id-field", "key", "--text-field", "body"],
        stdin,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("security_hits"), ["1"]);
    let csv = "link,body\nhttp://x/1,brotherly people\n";
    work.write("k.csv", csv);
    let run = work.run(&[
        "scan",
        "k.csv",
        "--lexicon",
        "lex.toml",
        "--out",
        "out2",
        "--id-column",
        "link",
        "--text-column",
        "body",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(work.table("out2/documents.csv").column("doc_id"), ["http://x/1"]);
}

#[test]
fn a_csv_without_the_text_column_is_reported_and_the_rest_is_read() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("in/a.csv", "id,body\n1,x\n");
    work.write("in/b.csv", "id,text\n1,x,extra\n2,brotherly people\n");
    let run = work.run(&["scan", "in", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("a.csv:1: no column 'text'"), "{}", run.stderr);
    assert!(run.stderr.contains("b.csv:2: row has 3 fields, the header has 2"), "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("ties_hits"), ["1"]);
}

#[test]
fn fatal_errors_exit_2() {
    let work = Workdir::new();
    let run = work.run(&["scan", "missing.jsonl", "--out", "out"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.jsonl"), "{}", run.stderr);
    work.write("bad.toml", "name = 1\n");
    work.write("a.txt", "text");
    let run = work.run(&["scan", "a.txt", "--lexicon", "bad.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.toml:1:8"), "{}", run.stderr);
}

#[test]
fn output_is_identical_at_any_thread_count() {
    let work = Workdir::new();
    let sample = std::fs::read_to_string(sample_corpus().join("sample-statements.jsonl")).unwrap();
    // Many small batches: repeat the sample corpus with distinct ids.
    let mut big = String::new();
    for copy in 0..60 {
        for line in sample.lines() {
            big += &line.replacen("\"id\": \"", &format!("\"id\": \"{copy}-"), 1);
            big.push('\n');
        }
    }
    work.write("big.jsonl", big);
    let one = work.run(&["scan", "big.jsonl", "--out", "one", "--threads", "1"]);
    let two = work.run(&["scan", "big.jsonl", "--out", "two", "--threads", "3"]);
    assert_eq!((one.code, two.code), (0, 0));
    for file in ["documents.csv", "hits.csv", "errors.csv"] {
        assert!(work.read(&format!("one/{file}")) == work.read(&format!("two/{file}")), "{file} differs");
    }
    assert_eq!(read_table(&work.path("one/documents.csv")).rows.len(), 60 * sample.lines().count());
}

#[test]
fn bundled_corpus_with_bundled_lexicons() {
    let work = Workdir::new();
    let corpus = sample_corpus();
    let run = work.run(&["scan", corpus.to_str().unwrap(), "--out", "results"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let documents = work.table("results/documents.csv");
    assert!(documents.rows.len() >= 40);
    assert!(documents.header.contains(&"speaker".to_string()));
    let hits = work.table("results/hits.csv");
    let frames: std::collections::BTreeSet<&str> = hits.column("frame").into_iter().collect();
    for frame in [
        "historical_ties",
        "security_grievance",
        "delegitimisation",
        "diplomatic_boilerplate",
        "trade_incentives",
        "flattery",
        "the_war",
        "relations_rock_bottom",
    ] {
        assert!(frames.contains(frame), "no hit of frame {frame}");
    }
    let russian: Vec<_> = hits.rows.iter().filter(|h| h["doc_id"] == "sample-2022-02-21-ru").collect();
    assert!(russian.iter().any(|h| h["motif"] == "indivisible_security"), "Russian patterns share motif ids");
}

#[test]
fn help_has_worked_examples() {
    let work = Workdir::new();
    for args in [&["scan", "--help"][..], &["lexicon", "check", "--help"], &["lexicon", "list", "--help"]] {
        let run = work.run(args);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("Examples:"), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn duplicate_ids_are_reported_and_every_document_written() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let line = |id: &str| serde_json::json!({"id": id, "text": "brotherly people"}).to_string() + "\n";
    work.write("in.jsonl", line("a") + &line("b") + &line("a"));
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 document repeats an earlier id") && run.stderr.contains(": a"), "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("doc_id"), ["a", "b", "a"]);
}

#[test]
fn tables_writes_only_the_tables_asked_for_with_the_same_figures() {
    let work = Workdir::new();
    let corpus = sample_corpus();
    let corpus = corpus.to_str().unwrap();
    let full = work.run(&["scan", corpus, "--reuse", "--out", "full", "-q"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    let listing = |dir: &str| {
        let mut names: Vec<String> = std::fs::read_dir(work.path(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    // The scores alone: the same documents.csv (with the reuse columns, which need the hits of
    // recycled passages) and errors.csv, no hits.csv or segments.csv.
    let scores = work.run(&["scan", corpus, "--reuse", "--tables", "documents", "--out", "scores", "-q"]);
    assert_eq!(scores.code, 0, "{}", scores.stderr);
    assert_eq!(listing("scores"), ["documents.csv", "errors.csv", "passages.csv", "refrains.csv"]);
    assert_eq!(work.read("scores/documents.csv"), work.read("full/documents.csv"));
    assert!(work.table("full/documents.csv").column("boilerplate_frames").iter().any(|cell| !cell.is_empty()));
    // Hits and segments without documents.
    let kwic = work.run(&["scan", corpus, "--tables", "hits,segments", "--format", "csv,jsonl", "--out", "kwic", "-q"]);
    assert_eq!(kwic.code, 0, "{}", kwic.stderr);
    assert_eq!(
        listing("kwic"),
        ["errors.csv", "errors.jsonl", "hits.csv", "hits.jsonl", "segments.csv", "segments.jsonl"]
    );
    let full_hits = work.table("full/hits.csv");
    let kwic_hits = work.table("kwic/hits.csv");
    assert_eq!(kwic_hits.rows.len(), full_hits.rows.len());
    assert!(!kwic_hits.rows.is_empty());
    assert_eq!(work.read("kwic/segments.csv"), work.read("full/segments.csv"));
    // The report draws on all three.
    let report = work.run(&["scan", corpus, "--tables", "documents", "--report", "--out", "report"]);
    assert_eq!(report.code, 2);
    assert!(report.stderr.contains("add hits and segments to --tables"), "{}", report.stderr);
    let unknown = work.run(&["scan", corpus, "--tables", "passages", "--out", "unknown"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("documents, hits, segments"), "{}", unknown.stderr);
}
