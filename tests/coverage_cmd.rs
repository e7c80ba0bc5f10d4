//! `leitmotif lexicon coverage`: counts per motif and pattern worked out by hand, dates, the
//! sample (its columns, its seed, the same bytes at any thread count), and precision from a
//! judged sample with Wilson intervals.

use crate::util::Workdir;

const LEXICON: &str = r#"
name = "t"
language = "en"
version = "1"

[[frames]]
id = "security"
label = "Security"

[[frames.motifs]]
id = "nato_expansion"
label = "NATO expansion"
patterns = ["nato expansion", "expansion of nato", "eastward enlargement"]

[[frames.motifs]]
id = "indivisible"
label = "Indivisible security"
patterns = ["indivisible security"]

[[frames]]
id = "ties"
label = "Ties"

[[frames.motifs]]
id = "brotherly"
label = "Brotherly people"
patterns = ["brotherly people"]
"#;

fn fixture(work: &Workdir) {
    let lines = [
        serde_json::json!({"id": "d1", "date": "2001-05-01", "speaker": "A", "text": "NATO expansion is a threat. The expansion of NATO continues. Indivisible security matters."}),
        serde_json::json!({"id": "d2", "year": "1999", "text": "NATO expansion again and again. NATO expansion."}),
        serde_json::json!({"id": "d3", "date": "NA", "year": "2005", "text": "A brotherly people."}),
        serde_json::json!({"id": "d4", "date": "2003-02-02", "text": "Nothing here."}),
    ];
    let mut text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    text.push_str("{\"id\": \"broken\"\n");
    work.write("in.jsonl", text);
    work.write("lex.toml", LEXICON);
}

#[test]
fn coverage_counts_hits_documents_shares_and_dates_per_motif_and_pattern() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&["lexicon", "coverage", "in.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(run.code, 1, "one record is broken: {}", run.stderr);
    assert!(run.stderr.contains("in.jsonl:5:"), "{}", run.stderr);
    assert!(run.stderr.contains("0 of 3 motifs and 1 of 5 patterns found nothing"), "{}", run.stderr);
    let coverage = work.table("out/coverage.csv");
    assert_eq!(
        coverage.header,
        ["frame", "motif", "pattern", "lexicon", "docs", "hits", "frame_share", "first_date", "last_date"]
    );
    let rows: Vec<Vec<&str>> =
        coverage.rows.iter().map(|r| coverage.header.iter().map(|h| r[h].as_str()).collect()).collect();
    let expected: Vec<Vec<&str>> = vec![
        vec!["security", "nato_expansion", "", "", "2", "4", "0.8", "1999", "2001-05-01"],
        vec!["security", "nato_expansion", "nato expansion", "t", "2", "3", "0.6", "1999", "2001-05-01"],
        vec!["security", "nato_expansion", "expansion of nato", "t", "1", "1", "0.2", "2001-05-01", "2001-05-01"],
        vec!["security", "nato_expansion", "eastward enlargement", "t", "0", "0", "0", "", ""],
        vec!["security", "indivisible", "", "", "1", "1", "0.2", "2001-05-01", "2001-05-01"],
        vec!["security", "indivisible", "indivisible security", "t", "1", "1", "0.2", "2001-05-01", "2001-05-01"],
        vec!["ties", "brotherly", "", "", "1", "1", "1", "2005", "2005"],
        vec!["ties", "brotherly", "brotherly people", "t", "1", "1", "1", "2005", "2005"],
    ];
    assert_eq!(rows, expected);
    let errors = work.table("out/errors.csv");
    assert_eq!(errors.column("line"), ["5"]);
    let sample = work.table("out/sample.csv");
    assert_eq!(
        sample.header,
        ["doc_id", "date", "speaker", "frame", "motif", "pattern", "left", "matched", "right", "judgement"]
    );
    assert_eq!(sample.rows.len(), 6, "every hit, fewer than 20 per motif");
    let first = &sample.rows[0];
    assert_eq!(
        [&first["doc_id"], &first["date"], &first["speaker"], &first["motif"], &first["matched"], &first["right"]],
        [
            "d1",
            "2001-05-01",
            "A",
            "nato_expansion",
            "NATO expansion",
            " is a threat. The expansion of NATO continues. Indivisible s"
        ]
    );
    assert!(sample.column("judgement").iter().all(|j| j.is_empty()));
    assert_eq!(sample.column("date")[4..], ["2001-05-01", "2005"]);
}

#[test]
fn the_sample_is_seeded_bounded_per_motif_and_the_same_at_any_thread_count() {
    let work = Workdir::new();
    let lines: String = (0..300)
        .map(|i| {
            let text = format!("Statement {i}. NATO expansion is bad. Brotherly people {i}. NATO expansion again.");
            format!("{}\n", serde_json::json!({"id": format!("s{i}"), "year": 1900 + i % 100, "text": text}))
        })
        .collect();
    work.write("many.jsonl", lines);
    work.write("lex.toml", LEXICON);
    let sample = |threads: &str, seed: &str, out: &str| {
        let run = work.run(&[
            "lexicon",
            "coverage",
            "many.jsonl",
            "--lexicon",
            "lex.toml",
            "--sample",
            "5",
            "--seed",
            seed,
            "--threads",
            threads,
            "--out",
            out,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        work.read(&format!("{out}/sample.csv"))
    };
    let one = sample("1", "42", "a");
    assert_eq!(one, sample("2", "42", "b"), "same seed, other thread count: same bytes");
    assert_ne!(one, sample("2", "43", "c"), "another seed draws other hits");
    let table = work.table("a/sample.csv");
    assert_eq!(table.column("motif").iter().filter(|m| **m == "nato_expansion").count(), 5);
    assert_eq!(table.column("motif").iter().filter(|m| **m == "brotherly").count(), 5);
    let coverage = work.table("a/coverage.csv");
    assert_eq!((coverage.rows[0]["hits"].as_str(), coverage.rows[0]["docs"].as_str()), ("600", "300"));
    assert_eq!((coverage.rows[0]["first_date"].as_str(), coverage.rows[0]["last_date"].as_str()), ("1900", "1999"));
}

#[test]
fn precision_per_motif_and_frame_with_wilson_intervals() {
    let work = Workdir::new();
    let mut judged = String::from("doc_id,date,speaker,frame,motif,pattern,left,matched,right,judgement\n");
    for mark in ["y", "y", "y", "y", "Y", "yes", "1", "+", "n", "no"] {
        judged.push_str(&format!("d,2001,,security,nato_expansion,p,l,m,r,{mark}\n"));
    }
    for mark in ["0", "'-", "?", "", "maybe"] {
        judged.push_str(&format!("d,2001,,security,indivisible,p,l,m,r,{mark}\n"));
    }
    judged.push_str("d,2001,,'-war,x,p,'=left,m,r,true\n");
    work.write("judged.csv", judged);
    let run = work.run(&["lexicon", "coverage", "--judged", "judged.csv", "--out", "precision"]);
    assert_eq!(run.code, 1, "an unknown mark: {}", run.stderr);
    assert!(run.stderr.contains("judged.csv:16: unknown judgement 'maybe'"), "{}", run.stderr);
    let table = work.table("precision/precision.csv");
    let columns = ["frame", "motif", "judged", "correct", "incorrect", "unjudged", "precision", "ci_low", "ci_high"];
    assert_eq!(table.header, columns);
    let rows: Vec<Vec<&str>> = table.rows.iter().map(|r| columns.iter().map(|c| r[*c].as_str()).collect()).collect();
    let expected: Vec<Vec<&str>> = vec![
        vec!["security", "nato_expansion", "10", "8", "2", "0", "0.8", "0.4902", "0.9433"],
        vec!["security", "indivisible", "2", "0", "2", "3", "0", "0", "0.6576"],
        vec!["security", "", "12", "8", "4", "3", "0.6667", "0.3906", "0.8619"],
        vec!["'-war", "x", "1", "1", "0", "0", "1", "0.2065", "1"],
        vec!["'-war", "", "1", "1", "0", "0", "1", "0.2065", "1"],
        vec!["(all)", "", "13", "9", "4", "3", "0.6923", "0.4237", "0.8732"],
    ];
    assert_eq!(rows, expected, "a frame called -war is read back without its apostrophe and written with it");
    assert!(run.stdout.contains("nato_expansion"), "{}", run.stdout);
    assert!(run.stdout.contains("0.800  0.490–0.943"), "{}", run.stdout);
}

#[test]
fn a_judged_sample_inside_the_output_folder_is_refused() {
    let work = Workdir::new();
    fixture(&work);
    work.run(&["lexicon", "coverage", "in.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    let run = work.run(&["lexicon", "coverage", "--judged", "out/sample.csv", "--out", "out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("would be removed by this run"), "{}", run.stderr);
    assert!(work.path("out/sample.csv").exists() && work.path("out/coverage.csv").exists());
}

#[test]
fn every_format_and_the_output_set_is_owned() {
    let work = Workdir::new();
    fixture(&work);
    let run = work.run(&[
        "lexicon",
        "coverage",
        "in.jsonl",
        "--lexicon",
        "lex.toml",
        "--format",
        "csv,jsonl,xlsx",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in ["coverage.csv", "sample.csv", "errors.csv", "coverage.jsonl", "sample.jsonl", "errors.jsonl"] {
        assert!(work.path(&format!("out/{file}")).exists(), "{file}");
    }
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8(work.read("out/coverage.jsonl")).unwrap().lines().next().unwrap())
            .unwrap();
    assert_eq!(first["hits"], 4);
    assert_eq!(first["frame_share"], 0.8);
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(work.path("out/leitmotif.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["errors", "coverage", "sample", "frames", "run"]);
    // A scan into the same folder replaces the coverage files: a run owns its output set.
    let scan = work.run(&["scan", "in.jsonl", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(scan.code, 1, "{}", scan.stderr);
    assert!(!work.path("out/coverage.csv").exists() && !work.path("out/sample.jsonl").exists());
    assert!(work.path("out/hits.csv").exists());
}
