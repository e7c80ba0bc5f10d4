//! `--index DIR` (issue 14): a growing archive placed in parts gives the passages of one run over
//! all of it; documents the index holds are skipped, changed ones placed again; options that differ
//! from the index's, a damaged index file and a second run on a busy index are refused; a run that
//! is stopped leaves the index as it was.

use crate::util::{sample_corpus, shared_corpora, Workdir};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The records of a CSV file, every cell as written (a header row first).
fn records(work: &Workdir, path: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(work.path(path)).unwrap();
    reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

/// The rows of `table` in run `whole` that belong to the documents of run `part`, and the rows of
/// `part`: the same rows, column for column, when the index did its job.
fn rows_of_part(
    work: &Workdir,
    whole: &str,
    part: &str,
    table: &str,
    ids: &[String],
) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let whole = records(work, &format!("{whole}/{table}"));
    let part = records(work, &format!("{part}/{table}"));
    assert_eq!(whole[0], part[0], "the same columns");
    let expected = whole.into_iter().skip(1).filter(|row| ids.contains(&row[0])).collect();
    (expected, part.into_iter().skip(1).collect())
}

/// JSON lines of the sample corpus split by date: before 2016, and from 2016 on.
fn sample_halves(work: &Workdir) -> (Vec<String>, Vec<String>) {
    let lines = std::fs::read_to_string(sample_corpus().join("sample-statements.jsonl")).unwrap();
    let (early, late): (Vec<&str>, Vec<&str>) = lines.lines().partition(|line| value(line, "date").as_str() < "2016");
    work.write("early.jsonl", early.join("\n") + "\n");
    work.write("late/late.jsonl", late.join("\n") + "\n");
    std::fs::copy(
        sample_corpus().join("sample-address-2022-09-30.srt"),
        work.path("late/sample-address-2022-09-30.srt"),
    )
    .unwrap();
    let ids = |lines: &[&str]| lines.iter().map(|l| value(l, "id")).collect::<Vec<_>>();
    let mut late_ids = ids(&late);
    late_ids.push("sample-address-2022-09-30.srt".into());
    (ids(&early), late_ids)
}

/// A field of a JSON line, as text.
fn value(line: &str, field: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(line).unwrap();
    match &json[field] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn ok(run: &crate::util::Run) {
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn the_sample_corpus_in_two_halves_gives_the_passages_of_one_run() {
    let work = Workdir::new();
    let (_, late) = sample_halves(&work);
    let corpus = sample_corpus();
    ok(&work.run(&["reuse", corpus.to_str().unwrap(), "--order-by", "date", "--out", "whole", "-q"]));
    let first = work.run(&["reuse", "early.jsonl", "--order-by", "date", "--index", "ix", "--out", "first"]);
    ok(&first);
    assert!(
        first.stderr.contains("0 documents already in the index, skipped; 17 new (index: 17 documents"),
        "{}",
        first.stderr
    );
    let second = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "second"]);
    ok(&second);
    assert!(second.stderr.contains("26 new (index: 43 documents"), "{}", second.stderr);
    for table in ["passages.csv", "refrains.csv"] {
        let (expected, found) = rows_of_part(&work, "whole", "second", table, &late);
        assert_eq!(found, expected, "{table}");
    }
    // The second half recycles the first: the index was needed to find these.
    let early_sources = records(&work, "second/passages.csv").iter().skip(1).filter(|r| r[7].as_str() < "2016").count();
    assert!(early_sources > 10, "{early_sources} passages of the second half come from the first");
}

#[test]
fn in_input_order_the_source_order_column_numbers_documents_across_the_archive() {
    let work = Workdir::new();
    let (_, late) = sample_halves(&work);
    ok(&work.run(&["reuse", "early.jsonl", "late", "--out", "whole", "-q"]));
    ok(&work.run(&["reuse", "early.jsonl", "--index", "ix", "--out", "first", "-q"]));
    ok(&work.run(&["reuse", "late", "--index", "ix", "--out", "second", "-q"]));
    let (expected, found) = rows_of_part(&work, "whole", "second", "passages.csv", &late);
    assert!(!found.is_empty());
    assert_eq!(found, expected);
    // Sources in the first half are numbered from 0, as in the whole run.
    assert!(found.iter().any(|r| r[7].parse::<usize>().unwrap() < 17), "{found:?}");
}

#[test]
fn scan_with_an_index_gives_the_new_documents_the_rows_of_one_run() {
    let work = Workdir::new();
    let (_, late) = sample_halves(&work);
    // A corpus model trained on the run's documents differs with the documents: left out here.
    let scan = |inputs: &[&str], out: &str, index: bool| {
        let mut args = vec!["scan"];
        args.extend(inputs);
        args.extend(["--reuse", "--order-by", "date", "--no-model", "--out", out, "-q"]);
        if index {
            args.extend(["--index", "ix"]);
        }
        ok(&work.run(&args));
    };
    scan(&["early.jsonl", "late"], "whole", false);
    scan(&["early.jsonl"], "first", true);
    scan(&["early.jsonl", "late"], "second", true);
    for table in ["documents.csv", "hits.csv", "segments.csv", "passages.csv", "refrains.csv"] {
        let (expected, found) = rows_of_part(&work, "whole", "second", table, &late);
        assert!(!found.is_empty(), "{table}");
        assert_eq!(found, expected, "{table}");
    }
    let recycled = records(&work, "second/hits.csv").iter().filter(|r| r.last().unwrap() == "true").count();
    assert!(recycled > 50, "{recycled} hits inside recycled passages");
}

#[test]
fn a_slice_of_ungdc_in_two_halves_by_year_gives_the_passages_of_one_run() {
    let Some(corpora) = shared_corpora() else { return };
    use std::io::BufRead;
    let file = std::fs::File::open(corpora.join("ungdc.jsonl.gz")).unwrap();
    let lines: Vec<String> =
        std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines().take(1500).map(Result::unwrap).collect();
    let work = Workdir::new();
    let (early, late): (Vec<&String>, Vec<&String>) = lines.iter().partition(|l| value(l, "year").as_str() < "1960");
    let join = |lines: &[&String]| lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    work.write("all.jsonl", join(&lines.iter().collect::<Vec<_>>()));
    work.write("early.jsonl", join(&early));
    work.write("late.jsonl", join(&late));
    let late_ids: Vec<String> = late.iter().map(|l| value(l, "id")).collect();
    ok(&work.run(&["reuse", "all.jsonl", "--order-by", "year", "--out", "whole", "-q"]));
    ok(&work.run(&["reuse", "early.jsonl", "--order-by", "year", "--index", "ix", "--out", "first", "-q"]));
    ok(&work.run(&["reuse", "late.jsonl", "--order-by", "year", "--index", "ix", "--out", "second", "-q"]));
    for table in ["passages.csv", "refrains.csv"] {
        let (expected, found) = rows_of_part(&work, "whole", "second", table, &late_ids);
        assert_eq!(found.len(), expected.len(), "{table}");
        assert_eq!(found, expected, "{table}");
    }
    let rows = records(&work, "second/passages.csv");
    let from_first = rows.iter().skip(1).filter(|r| r[7].parse::<u32>().unwrap() < 1960).count();
    assert!(from_first > 100, "{from_first} passages from before 1960");
}

#[test]
fn a_second_run_over_the_same_input_skips_everything_and_says_so() {
    let work = Workdir::new();
    let corpus = sample_corpus();
    let corpus = corpus.to_str().unwrap();
    ok(&work.run(&["scan", corpus, "--reuse", "--order-by", "date", "--index", "ix", "--out", "one", "-q"]));
    let index = work.read("ix/reuse.index");
    let again = work.run(&["scan", corpus, "--reuse", "--order-by", "date", "--index", "ix", "--out", "two"]);
    ok(&again);
    assert!(again.stderr.contains("nothing new: every document is already in the index"), "{}", again.stderr);
    assert!(again.stderr.contains("43 inputs = 0 documents + 43 already in the index + 0 errors"), "{}", again.stderr);
    assert!(again.stderr.contains("43 documents already in the index, skipped; 0 new"), "{}", again.stderr);
    for table in ["documents.csv", "hits.csv", "passages.csv", "refrains.csv"] {
        assert_eq!(records(&work, &format!("two/{table}")).len(), 1, "{table}: a header and no rows");
    }
    assert_eq!(work.read("ix/reuse.index"), index, "the same archive");
}

#[test]
fn a_changed_document_replaces_its_archived_version_and_is_placed_again() {
    let work = Workdir::new();
    let (_, late) = sample_halves(&work);
    ok(&work.run(&["reuse", "early.jsonl", "late", "--order-by", "date", "--index", "ix", "--out", "one", "-q"]));
    let before = records(&work, "one/passages.csv");
    // The last statement gets a new sentence.
    let text = std::fs::read_to_string(work.path("late/late.jsonl")).unwrap();
    let changed_id = late[late.len() - 2].clone();
    let edited: String = text
        .lines()
        .map(|line| {
            if value(line, "id") == changed_id {
                line.replacen("\"text\": \"", "\"text\": \"A new opening sentence. ", 1)
            } else {
                line.to_string()
            }
        })
        .map(|line| line + "\n")
        .collect();
    work.write("late/late.jsonl", edited);
    let run = work.run(&["reuse", "early.jsonl", "late", "--order-by", "date", "--index", "ix", "--out", "two"]);
    ok(&run);
    assert!(
        run.stderr.contains("42 documents already in the index, skipped; 1 new, 1 changed (index: 43 documents"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 document has an id in the index"), "{}", run.stderr);
    let placed = records(&work, "two/passages.csv");
    assert!(placed.len() > 1 && placed.iter().skip(1).all(|r| r[0] == changed_id), "{placed:?}");
    // Its passages are those it had, its offsets moved by the new sentence.
    let old: Vec<&Vec<String>> = before.iter().filter(|r| r[0] == changed_id).collect();
    assert_eq!(placed.len() - 1, old.len());
    let shift = "A new opening sentence. ".chars().count() as i64;
    for (new, old) in placed.iter().skip(1).zip(old) {
        assert_eq!(new[1].parse::<i64>().unwrap(), old[1].parse::<i64>().unwrap() + shift);
        assert_eq!(new[4..8], old[4..8]);
    }
}

#[test]
fn options_that_differ_from_the_index_are_refused() {
    let work = Workdir::new();
    let (_, _) = sample_halves(&work);
    ok(&work.run(&["reuse", "early.jsonl", "--order-by", "date", "--index", "ix", "--out", "one", "-q"]));
    let index = work.read("ix/reuse.index");
    let order = work.run(&["reuse", "late", "--order-by", "year", "--index", "ix", "--out", "two"]);
    assert_eq!(order.code, 2);
    assert!(
        order.stderr.contains("this run has --order-by year, but the index was built with --order-by date"),
        "{}",
        order.stderr
    );
    let words =
        work.run(&["reuse", "late", "--order-by", "date", "--min-words", "40", "--index", "ix", "--out", "two"]);
    assert_eq!(words.code, 2);
    assert!(words.stderr.contains("--min-words 40, but the index was built with --min-words 25"), "{}", words.stderr);
    assert_eq!(work.read("ix/reuse.index"), index);
    // A lexicon changes nothing reuse depends on: scan with one adds to the same index.
    let scan = work.run(&["scan", "late", "--reuse", "--order-by", "date", "--index", "ix", "--out", "three", "-q"]);
    ok(&scan);
    let no_reuse = work.run(&["scan", "late", "--index", "ix", "--out", "four"]);
    assert_eq!(no_reuse.code, 2);
    assert!(no_reuse.stderr.contains("--index and --rebuild need --reuse"), "{}", no_reuse.stderr);
    let rebuild = work.run(&["reuse", "late", "--rebuild", "--out", "four"]);
    assert_eq!(rebuild.code, 2);
    assert!(rebuild.stderr.contains("--rebuild needs --index DIR"), "{}", rebuild.stderr);
    let inside = work.run(&["reuse", "late", "--index", "four/ix", "--out", "four"]);
    assert_eq!(inside.code, 2);
    assert!(inside.stderr.contains("overlap; keep the index in a folder of its own"), "{}", inside.stderr);
}

#[test]
fn a_damaged_index_is_refused_until_rebuilt() {
    let work = Workdir::new();
    sample_halves(&work);
    ok(&work.run(&["reuse", "early.jsonl", "--order-by", "date", "--index", "ix", "--out", "one", "-q"]));
    let index = work.read("ix/reuse.index");
    work.write("ix/reuse.index", &index[..index.len() / 2]);
    let cut = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "two"]);
    assert_eq!(cut.code, 2);
    assert!(
        cut.stderr.contains("ix/reuse.index: cannot use this reuse index: it is cut short; run with --rebuild"),
        "{}",
        cut.stderr
    );
    let mut flipped = index.clone();
    flipped[index.len() / 2] ^= 1;
    work.write("ix/reuse.index", &flipped);
    let damaged = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "two"]);
    assert_eq!(damaged.code, 2);
    // A damaged length reads past the end; damaged words fail the checksum: refused either way.
    assert!(damaged.stderr.contains("ix/reuse.index: cannot use this reuse index: "), "{}", damaged.stderr);
    let mut last = index.clone();
    *last.last_mut().unwrap() ^= 1;
    work.write("ix/reuse.index", &last);
    let sum = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "two"]);
    assert!(sum.code == 2 && sum.stderr.contains("its checksum does not match its contents"), "{}", sum.stderr);
    work.write("ix/reuse.index", "id,text\n");
    let other = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "two"]);
    assert!(other.code == 2 && other.stderr.contains("not a leitmotif reuse index"), "{}", other.stderr);
    let rebuilt =
        work.run(&["reuse", "early.jsonl", "--order-by", "date", "--index", "ix", "--rebuild", "--out", "two"]);
    ok(&rebuilt);
    assert_eq!(work.read("ix/reuse.index"), index, "rebuilt from the same documents: the same index");
}

#[test]
fn a_new_document_earlier_than_the_archive_is_placed_with_a_warning() {
    let work = Workdir::new();
    let (_, _) = sample_halves(&work);
    ok(&work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "one", "-q"]));
    let run = work.run(&["reuse", "early.jsonl", "--order-by", "date", "--index", "ix", "--out", "two"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: 17 new documents come before 26 archived documents of the index in the order (date)")
            && run.stderr.contains("--rebuild"),
        "{}",
        run.stderr
    );
}

/// Starts `reuse` of standard input that is never closed, with the index `ix`; returns once its
/// output staging folder exists (the index is open and locked by then).
fn start_endless_run(work: &Workdir) -> std::process::Child {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("leitmotif"))
        .current_dir(work.path(""))
        .args(["reuse", "-", "--order-by", "date", "--index", "ix", "--out", "out", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    let doc = r#"{"id": "x", "date": "2030-01-01", "text": "A statement that is new to the archive."}"#;
    child.stdin.as_mut().unwrap().write_all(format!("{doc}\n").as_bytes()).unwrap();
    let started = Instant::now();
    let staging = || {
        std::fs::read_dir(work.path("out"))
            .map(|entries| entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with(".leitmotif-staging")))
            .unwrap_or(false)
    };
    while !staging() {
        assert!(started.elapsed() < Duration::from_secs(30), "the run never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn a_busy_index_is_refused_and_an_interrupted_run_leaves_it_as_it_was() {
    let work = Workdir::new();
    sample_halves(&work);
    ok(&work.run(&["reuse", "early.jsonl", "--order-by", "date", "--index", "ix", "--out", "first", "-q"]));
    let index = work.read("ix/reuse.index");
    let child = start_endless_run(&work);
    let busy = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "second"]);
    assert_eq!(busy.code, 2);
    assert!(busy.stderr.contains("another leitmotif run is using this index"), "{}", busy.stderr);
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    assert_eq!(work.read("ix/reuse.index"), index);
    // The lock went with the process: the next run adds to the index.
    let next = work.run(&["reuse", "late", "--order-by", "date", "--index", "ix", "--out", "second"]);
    ok(&next);
    assert!(next.stderr.contains("26 new (index: 43 documents"), "{}", next.stderr);
}

#[test]
fn the_index_and_the_tables_are_the_same_bytes_at_any_thread_count() {
    let work = Workdir::new();
    sample_halves(&work);
    for threads in ["1", "3"] {
        let (ix, first, second) = (format!("ix{threads}"), format!("first{threads}"), format!("second{threads}"));
        let run = |input: &str, out: &str| {
            ok(&work.run(&[
                "reuse",
                input,
                "--order-by",
                "date",
                "--index",
                &ix,
                "--out",
                out,
                "--threads",
                threads,
                "-q",
            ]))
        };
        run("early.jsonl", &first);
        run("late", &second);
    }
    assert_eq!(work.read("ix1/reuse.index"), work.read("ix3/reuse.index"));
    for table in ["passages.csv", "refrains.csv"] {
        assert_eq!(work.read(&format!("second1/{table}")), work.read(&format!("second3/{table}")), "{table}");
    }
}
