//! Bad input end to end (issue 8, "nothing lost"): one corpus folder holding every kind of bad
//! input at once — links that dangle or loop, a FIFO, a socket, an unreadable folder, a path too
//! long to open, a stray CSV and TSV quote, a null text, numbers that floats would change, records
//! over `--max-doc-bytes`. Every record ends up as a document or as a row of errors.csv, with the
//! file and line named, and the run exits 1.

#![cfg(unix)]

use crate::util::{Run, Workdir, ONE_FRAME_LEXICON};
use std::io::Write;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::process::Command;

/// Runs `leitmotif` so that folder permissions bind it even as root (tests run as root, and root
/// reads a mode-000 folder): through `setpriv`, without the capabilities that bypass them. `None`
/// when that is not possible here.
fn run_bound_by_permissions(work: &Workdir, locked: &std::path::Path, args: &[&str]) -> Option<Run> {
    if std::fs::read_dir(locked).is_err() {
        return Some(work.run(args));
    }
    let drop = "-dac_override,-dac_read_search";
    let wrapper = ["setpriv", "--bounding-set", drop, "--inh-caps", drop, "--"];
    let run = work.run_through(&wrapper, args);
    (run.code != -1 && !run.stderr.contains("setpriv:")).then_some(run)
}

#[test]
fn every_record_of_a_bad_corpus_is_a_document_or_an_error_row() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    work.write("in/ok.txt", "They are a brotherly people.");
    let long = "x".repeat(250);
    let speeches = format!(
        "id,text,year\nc1,NATO expansion,2014\nc2,{long},2015\nc3,\"stray quote,2016\nc4,brotherly people,2017\nc5,plain,2018\n"
    );
    work.write("in/speeches.csv", speeches);
    work.write("in/table.tsv", "id\ttext\nt1\t\"stray start\nt2\tplain\nt3\t\"quoted text\"\n");
    let statements = [
        r#"{"id": 123456789012345678901, "score": 2.50, "text": "NATO expansion"}"#.to_string(),
        r#"{"id": "null-text", "text": null}"#.to_string(),
        r#"{"id": "number-text", "text": 5}"#.to_string(),
        r#"{"id": "j4", "score": 1.0, "text": "brotherly nation"}"#.to_string(),
        format!(r#"{{"id": "long", "text": "{}"}}"#, "y".repeat(300)),
        r#"{"id": "j6", "text": "after the long line"}"#.to_string(),
    ];
    work.write("in/statements.jsonl", statements.join("\n") + "\n");
    work.write("in/big.txt", "z".repeat(300));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("z".repeat(300).as_bytes()).unwrap();
    work.write("in/big2.txt.gz", gz.finish().unwrap());

    let dir = work.path("in");
    symlink("nowhere.txt", dir.join("a-dangling.txt")).unwrap();
    symlink("chain.txt", dir.join("chain.txt")).unwrap();
    symlink(".", dir.join("self")).unwrap();
    symlink("user@host.1234", dir.join(".#ok.txt")).unwrap(); // an editor's lock file: hidden, ignored
    let fifo = Command::new("mkfifo").arg(dir.join("pipe.jsonl")).status().unwrap();
    assert!(fifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("talk.sock")).unwrap();
    // 25 folders of 200 letters: built from the leaf up with renames, so that no path used to build
    // it is long; the walk meets a path over PATH_MAX (4096).
    let component = "d".repeat(200);
    let mut chain = work.write("chain0/speech.txt", "words").parent().unwrap().to_path_buf();
    for level in 1..=25 {
        let parent = work.path(&format!("chain{level}"));
        std::fs::create_dir(&parent).unwrap();
        std::fs::rename(&chain, parent.join(&component)).unwrap();
        chain = parent;
    }
    std::fs::rename(&chain, dir.join("deep")).unwrap();
    work.write("in/locked/x.txt", "brotherly people");
    let locked = dir.join("locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();

    let args = ["scan", "in", "--lexicon", "lex.toml", "--out", "out", "--max-doc-bytes", "200", "--quiet"];
    let run = run_bound_by_permissions(&work, &locked, &args);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = match run {
        Some(run) => run,
        None => {
            println!("skipped: cannot drop the capabilities that let root read a mode-000 folder (setpriv)");
            return;
        }
    };
    assert_eq!(run.code, 1, "{}", run.stderr);

    let documents = work.table("out/documents.csv");
    assert_eq!(
        documents.column("doc_id"),
        ["ok.txt", "c1", "c4", "c5", "123456789012345678901", "j4", "j6", "t2", "t3"],
        "each file once (not again through self/), rows after a stray quote read"
    );
    assert_eq!(documents.column("score"), ["", "", "", "", "2.50", "1.0", "", "", ""], "numbers as written");
    assert_eq!(documents.column("year"), ["", "2014", "2017", "2018", "", "", "", "", ""]);

    let errors = work.table("out/errors.csv");
    let rows: Vec<(String, String, String)> = errors
        .rows
        .iter()
        .map(|r| {
            let source = if r["source"].starts_with("deep/") { "deep/…".into() } else { r["source"].clone() };
            (source, r["line"].clone(), r["message"].clone())
        })
        .collect();
    let over = |size: usize| format!("record of {size} bytes exceeds --max-doc-bytes (200)");
    let expected = [
        ("a-dangling.txt", "", "dangling symbolic link".to_string()),
        ("chain.txt", "", "symbolic link loop".into()),
        ("deep/…", "", "path too long to open".into()),
        ("locked", "", "permission denied".into()),
        ("pipe.jsonl", "", "not a regular file (FIFO)".into()),
        ("self", "", "symbolic link loop".into()),
        ("talk.sock", "", "not a regular file (socket)".into()),
        ("big.txt", "", over(300)),
        ("big2.txt.gz", "", over(300)),
        ("speeches.csv", "3", over(3 + 250 + 5)),
        ("speeches.csv", "4", "unterminated quoted field (opened on line 4, runs to the end of the file)".into()),
        ("statements.jsonl", "2", "text field \"text\" is null".into()),
        ("statements.jsonl", "3", "text field \"text\" is a number, not a string".into()),
        ("statements.jsonl", "5", over(statements[4].len())),
        (
            "table.tsv",
            "2",
            "unterminated quoted field (opened on line 2; the next quote, on line 4, is followed by text)".into(),
        ),
    ];
    let expected: Vec<(String, String, String)> =
        expected.into_iter().map(|(s, l, m)| (s.to_string(), l.to_string(), m)).collect();
    assert_eq!(rows, expected);
    let deep_source = &errors.rows[2]["source"];
    assert!(deep_source.len() > 4000 && deep_source.ends_with(&component), "{deep_source}");

    // Records in: 1 (ok.txt) + 5 CSV rows + 3 TSV rows + 6 JSON lines + 2 oversized files, and one
    // for each of the 7 entries that cannot be read (the files under deep/ and locked/ included).
    let records = 1 + 5 + 3 + 6 + 2 + 7;
    assert_eq!(documents.rows.len() + errors.rows.len(), records);
    assert!(run.stderr.contains("leitmotif: self: symbolic link loop"), "{}", run.stderr);
    assert!(run.stderr.contains("leitmotif: speeches.csv:4: unterminated quoted field"), "{}", run.stderr);
}

#[test]
fn reuse_takes_the_size_limit_too() {
    let work = Workdir::new();
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    let text = "the same words again and again in every statement we make here today";
    let long = line("long", &"w ".repeat(100));
    work.write("in.jsonl", line("a", text) + &long + &line("b", text));
    let run = work.run(&["reuse", "in.jsonl", "--out", "out", "--max-doc-bytes", "150", "--quiet"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = work.table("out/errors.csv");
    assert_eq!(errors.column("line"), ["2"]);
    let message = format!("record of {} bytes exceeds --max-doc-bytes (150)", long.len() - 1);
    assert_eq!(errors.column("message"), [message.as_str()]);
    let help = work.run(&["reuse", "--help"]);
    assert!(help.stdout.contains("--max-doc-bytes <SIZE>"), "{}", help.stdout);
    let bad = work.run(&["scan", "in.jsonl", "--max-doc-bytes", "0"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn a_named_fifo_is_read_like_standard_input() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let fifo = work.path("live.jsonl");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // Blocks until the scan opens the pipe; a failing scan leaves it blocked, not the test.
    std::thread::spawn(move || std::fs::write(fifo, "{\"id\": \"f1\", \"text\": \"brotherly people\"}\n"));
    let run = work.run(&["scan", "live.jsonl", "--lexicon", "lex.toml", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(work.table("out/documents.csv").column("doc_id"), ["f1"]);
}
