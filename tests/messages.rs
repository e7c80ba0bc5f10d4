//! Messages that say what happened (issue 12): options that match nothing are warnings counted in
//! the summary line, `--speaker` says what it kept, a run that reads no document exits 2, a JSONL
//! file without the text field is one error row with the fields it has and a count, an OS error is
//! said once, counts agree with their nouns, and a mistyped `--format` list or a useless `--excel`
//! is pointed out.

use crate::util::{Workdir, ONE_FRAME_LEXICON};
use calamine::{open_workbook, Reader, Xlsx};

/// The summary line (the last line of standard error).
fn summary(stderr: &str) -> &str {
    stderr.lines().last().unwrap_or("")
}

#[test]
fn a_jsonl_file_without_the_text_field_is_one_error_row_with_its_fields_and_a_count() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let lines = [
        r#"{"id": "a1", "body": "NATO expansion", "date": "2020"}"#,
        r#"{"id": "a2", "body": "brotherly people"}"#,
        "not json",
        r#"{"id": "a4", "body": "x"}"#,
    ];
    work.write("in/a.jsonl", lines.join("\n") + "\n");
    work.write("in/b.csv", "id,body\n1,hello\n2,world\n");
    work.write("in/c.jsonl", "{\"id\": \"c1\", \"text\": \"NATO expansion\"}\n{\"id\": \"c2\", \"text\": \"x\"}\n");
    let run = work.run(&["scan", "in", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = work.table("out/errors.csv");
    let rows: Vec<[&str; 3]> =
        errors.rows.iter().map(|r| [r["source"].as_str(), r["line"].as_str(), r["message"].as_str()]).collect();
    assert_eq!(
        rows,
        [
            ["a.jsonl", "3", "invalid JSON: expected ident at line 1 column 2"],
            [
                "a.jsonl",
                "1",
                "no field 'text' for the text (fields: id, body, date); choose one with --text-field; \
                 3 lines like this one not read"
            ],
            [
                "b.csv",
                "1",
                "no column 'text' for the text (columns: id, body); choose one with --text-column; 2 rows not read"
            ],
        ]
    );
    assert_eq!(run.stderr.matches("no field 'text'").count(), 1, "once per file, not once per line: {}", run.stderr);
    assert!(run.stderr.contains("leitmotif: a.jsonl:1: no field 'text' for the text (fields: id, body, date)"));
    // Every record is still accounted for: 4 + 2 records not read, 2 documents.
    assert!(summary(&run.stderr).starts_with("8 inputs = 2 documents + 6 errors; "), "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("doc_id"), ["c1", "c2"]);
}

#[test]
fn a_single_line_without_the_text_field_reads_as_before_but_names_the_fields() {
    let work = Workdir::new();
    work.write("in.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"txt\": \"y\"}\n");
    let run = work.run(&["scan", "in.jsonl", "--out", "out", "--no-model"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        work.table("out/errors.csv").column("message"),
        ["no field 'text' for the text (fields: id, txt); choose one with --text-field"]
    );
    assert!(summary(&run.stderr).starts_with("2 inputs = 1 document + 1 error; 1 word, 0 hits in "), "{}", run.stderr);
}

#[test]
fn no_document_read_exits_2_and_leaves_the_previous_results() {
    let work = Workdir::new();
    work.write("good.jsonl", "{\"id\": \"g\", \"text\": \"brotherly people\"}\n");
    work.write("bad.jsonl", "{\"id\": \"a\", \"body\": \"x\"}\n{\"id\": \"b\", \"body\": \"y\"}\n");
    let first = work.run(&["scan", "good.jsonl", "--out", "out", "--no-model"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let run = work.run(&["scan", "bad.jsonl", "--out", "out", "--no-model"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("leitmotif: bad.jsonl:1: no field 'text' for the text (fields: id, body)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "leitmotif: error: no document could be read (2 errors)\n  no output written; the previous results in out are unchanged"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(work.table("out/documents.csv").column("doc_id"), ["g"], "the previous run's outputs stay");
    // The same for `lexicon coverage` and `discover`.
    for command in [&["lexicon", "coverage"][..], &["discover"][..]] {
        let args: Vec<&str> = command.iter().copied().chain(["bad.jsonl", "--out", "other"]).collect();
        let run = work.run(&args);
        assert_eq!(run.code, 2, "{command:?}: {}", run.stderr);
        assert!(run.stderr.contains("no document could be read (2 errors)"), "{command:?}: {}", run.stderr);
    }
}

#[test]
fn an_os_error_is_said_once_and_names_the_file() {
    let work = Workdir::new();
    work.write("in.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");
    let cases: [&[&str]; 6] = [
        &["scan", "missing.jsonl", "--out", "out"],
        &["scan", "in.jsonl", "--lexicon", "missing.toml", "--out", "out"],
        &["scan", "in.jsonl", "--aliases", "missing.toml", "--out", "out"],
        &["scan", "in.jsonl", "--model", "missing.json", "--out", "out"],
        &["lexicon", "check", "missing.toml"],
        &["lexicon", "coverage", "missing.jsonl", "--out", "out"],
    ];
    for args in cases {
        let run = work.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.matches("No such file or directory").count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("missing."), "{args:?}: {}", run.stderr);
    }
    let corpus = crate::util::sample_corpus();
    let save = work.run(&["scan", corpus.to_str().unwrap(), "--save-model", "nowhere/m.json", "--out", "out", "-q"]);
    assert_eq!(save.code, 2, "{}", save.stderr);
    assert_eq!(save.stderr.matches("No such file or directory").count(), 1, "{}", save.stderr);
    assert!(save.stderr.contains("nowhere/m.json"), "{}", save.stderr);
}

#[test]
fn counts_agree_with_their_nouns() {
    let work = Workdir::new();
    work.write(
        "one.toml",
        r#"
name = "one"
language = "en"
version = "1"

[[frames]]
id = "ties"
label = "Ties"

[[frames.motifs]]
id = "brotherly"
label = "Brotherly people"
patterns = ["brotherly people"]
examples = ["They are a brotherly people."]
"#,
    );
    let check = work.run(&["lexicon", "check", "one.toml"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stdout, "ok: 1 lexicon, 1 frame, 1 motif, 1 pattern, 1 example; 0 warnings\n");
    work.write("in.jsonl", "{\"id\": \"a\", \"text\": \"brotherly people\"}\n{\"id\": \"a\", \"txt\": \"y\"}\n");
    let run = work.run(&["scan", "in.jsonl", "--lexicon", "one.toml", "--out", "out", "--no-model"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(summary(&run.stderr).starts_with("2 inputs = 1 document + 1 error; 2 words, 1 hit in "), "{}", run.stderr);
    let test = work.run(&["lexicon", "test", "one.toml"]);
    assert!(test
        .stdout
        .contains("1 example and 0 counter-examples of 1 motif in 1 lexicon (0 motifs without examples)"));
    let one = std::fs::read_to_string(work.path("one.toml")).unwrap();
    work.write("bad.toml", one.replace("\"brotherly people\"]", "\"brotherly ~ people\"]"));
    let bad = work.run(&["lexicon", "check", "bad.toml"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert_eq!(bad.stderr, "leitmotif: 1 problem found\n");
}

#[test]
fn a_format_list_with_a_space_suggests_the_comma() {
    let work = Workdir::new();
    work.write("in.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");
    let run = work.run(&["scan", "in.jsonl", "--format", "csv", "xlsx", "--out", "out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "leitmotif: error: xlsx: no such input; did you mean --format csv,xlsx? (formats are separated by commas, not spaces)\n"
    );
    assert!(!work.path("out").exists(), "nothing is written");
    let reuse = work.run(&["reuse", "in.jsonl", "--format", "xlsx", "jsonl", "--out", "out"]);
    assert_eq!(reuse.code, 2);
    assert!(reuse.stderr.contains("did you mean --format xlsx,jsonl?"), "{}", reuse.stderr);
    // A file that is really called `csv` is an input like any other.
    work.write("csv", "plain text");
    let file = work.run(&["scan", "in.jsonl", "csv", "--out", "out", "--no-model", "-q"]);
    assert!(!file.stderr.contains("did you mean"), "{}", file.stderr);
}

#[test]
fn excel_without_csv_output_says_it_has_no_effect() {
    let work = Workdir::new();
    work.write("in.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n");
    let run = work.run(&["scan", "in.jsonl", "--format", "xlsx", "--excel", "--out", "out", "--no-model"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(
            "leitmotif: warning: --excel has no effect without csv in --format (it only starts CSV files with a byte-order mark)\n"
        ),
        "{}",
        run.stderr
    );
    assert!(summary(&run.stderr).ends_with("; 1 warning → out"), "{}", run.stderr);
    let mut book: Xlsx<_> = open_workbook(work.path("out/leitmotif.xlsx")).unwrap();
    let run_sheet = book.worksheet_range("run").unwrap();
    let warnings = (1..run_sheet.height()).find(|&r| *run_sheet.get((r, 0)).unwrap() == "warnings");
    assert_eq!(warnings.map(|r| run_sheet.get((r, 1)).unwrap().to_string()).as_deref(), Some("1"), "the run sheet");
    let with_csv = work.run(&["scan", "in.jsonl", "--format", "csv,xlsx", "--excel", "--out", "out2", "--no-model"]);
    assert!(!with_csv.stderr.contains("warning"), "{}", with_csv.stderr);
    assert!(work.read("out2/documents.csv").starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn an_id_field_or_column_that_matches_nothing_is_a_warning() {
    let work = Workdir::new();
    work.write("in.jsonl", "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n");
    let run = work.run(&["scan", "in.jsonl", "--id-field", "ident", "--out", "out", "--no-model"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "leitmotif: warning: 2 documents have no id in the field 'ident' (--id-field: no such field, or an \
             empty value); their ids are <file>:<line>"
        ),
        "{}",
        run.stderr
    );
    assert!(summary(&run.stderr).ends_with("; 1 warning → out"), "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("doc_id"), ["in.jsonl:1", "in.jsonl:2"]);

    work.write("in.csv", "link,text\nhttp://x/1,x\n");
    let csv = work.run(&["scan", "in.csv", "--out", "out2", "--no-model"]);
    assert!(
        csv.stderr.contains(
            "leitmotif: warning: 1 document has no id in the column 'id' (--id-column: no such column, or an empty \
             value); its id is <file>:<line>"
        ),
        "{}",
        csv.stderr
    );
    let right = work.run(&["scan", "in.csv", "--id-column", "link", "--out", "out3", "--no-model"]);
    assert!(!right.stderr.contains("warning"), "{}", right.stderr);
}

const TRANSCRIPTS: &str = concat!(
    r#"{"id": "talk", "text": "Vladimir Putin: NATO expansion is a threat.\n\nQuestion: Why is it?"}"#,
    "\n",
    r#"{"id": "speech", "text": "Our brotherly people."}"#,
    "\n"
);

#[test]
fn a_speaker_that_matches_no_one_is_a_warning_and_a_filter_says_what_it_kept() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("in.jsonl", TRANSCRIPTS);
    let base = ["scan", "in.jsonl", "--lexicon", "lex.toml", "--no-model", "--out"];

    let nobody: Vec<&str> = base.iter().copied().chain(["out", "--speaker", "Nobody"]).collect();
    let run = work.run(&nobody);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "leitmotif: warning: --speaker 'Nobody' matched no speaker in any of the 2 documents: every figure in \
             documents.csv is 0, hits.csv and segments.csv are empty"
        ),
        "{}",
        run.stderr
    );
    assert!(summary(&run.stderr).ends_with("; 1 warning → out"), "{}", run.stderr);
    assert!(work.table("out/hits.csv").rows.is_empty());
    assert_eq!(work.table("out/documents.csv").column("words"), ["0", "0"]);

    let putin: Vec<&str> = base.iter().copied().chain(["out2", "--speaker", "Putin"]).collect();
    let run = work.run(&putin);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "leitmotif: note: --speaker 'Putin' kept only the turns of matching speakers (1 of 2 documents have \
             some): each row of documents.csv is computed over those turns (0 where there are none), and hits.csv \
             and segments.csv hold only them; --by speaker gives one row per speaker"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "a note is not a warning: {}", run.stderr);
    assert_eq!(work.table("out2/documents.csv").column("security_hits"), ["1", "0"]);
    assert_eq!(work.table("out2/documents.csv").column("ties_hits"), ["0", "0"]);

    let by_speaker: Vec<&str> = base.iter().copied().chain(["out3", "--speaker", "Putin", "--by", "speaker"]).collect();
    let run = work.run(&by_speaker);
    assert!(
        run.stderr.contains(
            "leitmotif: note: --speaker 'Putin' matched a speaker in 1 of 2 documents; the others have no row in \
             documents.csv"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(work.table("out3/documents.csv").column("speaker"), ["Vladimir Putin"]);
}

#[test]
fn an_order_by_field_that_no_document_has_is_a_warning() {
    let work = Workdir::new();
    work.write(
        "in.jsonl",
        "{\"id\": \"a\", \"date\": \"2020-01-01\", \"text\": \"x\"}\n{\"id\": \"b\", \"date\": \"soon\", \"text\": \"y\"}\n{\"id\": \"c\", \"text\": \"z\"}\n",
    );
    let run = work.run(&["reuse", "in.jsonl", "--order-by", "daet", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "leitmotif: warning: no document has a field 'daet' (--order-by); every document counts in input order"
        ),
        "{}",
        run.stderr
    );
    assert!(summary(&run.stderr).ends_with("; 1 warning → out"), "{}", run.stderr);
    let run = work.run(&["reuse", "in.jsonl", "--order-by", "date", "--out", "out2"]);
    assert!(
        run.stderr.contains(
            "leitmotif: warning: 2 documents have no usable 'date' value (a date, year or number; 1 without the \
             field); they count as later than all others, in input order: b, c"
        ),
        "{}",
        run.stderr
    );
}
