//! `leitmotif discover`: candidates worked out by hand — document frequencies, shares and dates,
//! phrases covered by the lexicon, stopword-only and number-only phrases, subsumed phrases — G²
//! and log ratio against a reference and against the other groups, the draft lexicon passing
//! `lexicon check` and `lexicon test`, the same bytes at any thread count.

use crate::util::{Workdir, ONE_FRAME_LEXICON};

fn corpus(work: &Workdir) {
    let texts = [
        (2001, "The root causes must be addressed. NATO expansion is a threat. In 2014 and 2015."),
        (2002, "We discussed the root causes today. NATO expansion again. In 2014 and 2015."),
        (2003, "Root causes matter. Collective security council reform. NATO expansion! In 2014 and 2015."),
        (2004, "The root causes remain. Security council reform now. Коллективный Запад и мы. It is what it is."),
        (2005, "Root causes, again. Security council reform is overdue. Коллективный Запад и мы. It is what it is."),
        (2006, "Nothing about it. Security council reform! Коллективный Запад и мы. It is what it is."),
    ];
    let lines: String = texts
        .iter()
        .enumerate()
        .map(|(i, (year, text))| {
            format!("{}\n", serde_json::json!({"id": format!("d{}", i + 1), "year": year, "text": text}))
        })
        .collect();
    work.write("in.jsonl", lines);
    work.write("lex.toml", ONE_FRAME_LEXICON);
}

#[test]
fn candidates_by_document_frequency_without_stopword_number_covered_or_subsumed_phrases() {
    let work = Workdir::new();
    corpus(&work);
    let run = work.run(&[
        "discover",
        "in.jsonl",
        "--lexicon",
        "lex.toml",
        "--min-docs",
        "3",
        "--out",
        "out",
        "--as-lexicon",
        "draft.toml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = work.table("out/candidates.csv");
    assert_eq!(
        table.header,
        [
            "rank",
            "phrase",
            "words",
            "docs",
            "docs_share",
            "ref_docs",
            "ref_share",
            "g2",
            "log_ratio",
            "first_date",
            "last_date",
            "example_doc_id",
            "left",
            "matched",
            "right"
        ]
    );
    let columns = ["rank", "phrase", "words", "docs", "docs_share", "g2", "first_date", "last_date", "example_doc_id"];
    let rows: Vec<Vec<&str>> = table.rows.iter().map(|r| columns.iter().map(|c| r[*c].as_str()).collect()).collect();
    // "nato expansion" (3 documents) is a hit of the lexicon; "2014 and 2015" is numbers and a
    // stopword; "it is what it is" stopwords only; "security council" and "council reform" are
    // always inside "security council reform"; "collective security council reform" is in one.
    assert_eq!(
        rows,
        [
            ["1", "root causes", "2", "5", "0.8333", "", "2001", "2005", "d1"],
            ["2", "security council reform", "3", "4", "0.6667", "", "2003", "2006", "d3"],
            ["3", "коллективный запад", "2", "3", "0.5", "", "2004", "2006", "d4"],
        ]
    );
    let first = &table.rows[0];
    assert_eq!((first["left"].as_str(), first["matched"].as_str()), ("The ", "root causes"));
    assert!(first["right"].starts_with(" must be addressed. NATO"), "{}", first["right"]);
    assert_eq!(table.rows[2]["matched"], "Коллективный Запад");

    let check = work.run(&["lexicon", "check", "draft.toml"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.ends_with("ok: 1 lexicon, 1 frame, 3 motifs, 3 patterns, 3 examples; 0 warnings\n"),
        "{}",
        check.stdout
    );
    let test = work.run(&["lexicon", "test", "draft.toml"]);
    assert_eq!(test.code, 0, "{}{}", test.stdout, test.stderr);
    let draft = String::from_utf8(work.read("draft.toml")).unwrap();
    assert!(draft.contains("id = \"root_causes\"") && draft.contains("patterns = [\"root causes\"]"), "{draft}");
    assert!(draft.contains("examples = [\"The root causes must be addressed\"]"), "{draft}");
    assert!(draft.contains("patterns = [\"коллективный запад\"]"), "{draft}");

    // The draft scans as a lexicon: its phrases are now covered, so nothing is left to discover.
    let again = work.run(&["discover", "in.jsonl", "--lexicon", "draft.toml", "--min-docs", "3", "--out", "again"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let phrases = work.table("again/candidates.csv");
    assert!(!phrases.column("phrase").contains(&"root causes"), "{:?}", phrases.column("phrase"));
}

#[test]
fn the_same_bytes_at_any_thread_count() {
    let work = Workdir::new();
    corpus(&work);
    for threads in ["1", "2"] {
        let run = work.run(&["discover", "in.jsonl", "--min-docs", "2", "--threads", threads, "--out", threads]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(work.read("1/candidates.csv"), work.read("2/candidates.csv"));
}

#[test]
fn keyness_against_a_reference_corpus() {
    let work = Workdir::new();
    let target: String = (1..=10)
        .map(|i| {
            let text = if i <= 5 { format!("Brotherly ties. Item {i}.") } else { format!("Item {i}.") };
            format!("{}\n", serde_json::json!({"id": format!("t{i}"), "text": text}))
        })
        .collect();
    let reference: String = (1..=10)
        .map(|i| {
            let text = if i == 1 { "Brotherly ties. Note 1.".to_string() } else { format!("Note {i}.") };
            format!("{}\n", serde_json::json!({"id": format!("r{i}"), "text": text}))
        })
        .collect();
    work.write("target.jsonl", target);
    work.write("reference/ref.jsonl", reference);
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let run = work.run(&[
        "discover",
        "target.jsonl",
        "--reference",
        "reference",
        "--lexicon",
        "lex.toml",
        "--min-docs",
        "5",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("against 10 reference documents"), "{}", run.stderr);
    let table = work.table("out/candidates.csv");
    let row = &table.rows[0];
    // 5 of 10 against 1 of 10: G² = 2 Σ O ln(O/E) with E = 3, 7, 3, 7; log ratio = log2(0.5 / 0.1).
    let figures = ["phrase", "docs", "docs_share", "ref_docs", "ref_share", "g2", "log_ratio"].map(|c| row[c].as_str());
    assert_eq!(figures, ["brotherly ties", "5", "0.5", "1", "0.1", "4.07", "2.3219"]);
    assert_eq!(table.rows.len(), 1);
}

#[test]
fn a_group_against_all_other_groups() {
    let work = Workdir::new();
    let docs: String = (0..10)
        .map(|i| {
            let country = if i < 4 { "AAA" } else { "BBB" };
            let text =
                if [0, 1, 2, 5].contains(&i) { format!("The blue lagoon. Line {i}.") } else { format!("Line {i}.") };
            format!("{}\n", serde_json::json!({"id": format!("d{i}"), "country": country, "text": text}))
        })
        .collect();
    work.write("g.jsonl", docs);
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let run = work.run(&[
        "discover",
        "g.jsonl",
        "--lexicon",
        "lex.toml",
        "--by",
        "country",
        "--min-docs",
        "3",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = work.table("out/candidates.csv");
    assert_eq!(table.header[..3], ["rank", "group", "phrase"]);
    let figures: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| {
            ["group", "phrase", "docs", "docs_share", "ref_docs", "ref_share", "g2", "log_ratio"]
                .map(|c| r[c].as_str())
                .to_vec()
        })
        .collect();
    // AAA: 3 of 4 documents; the other groups: 1 of 6. BBB has it in 1 document only.
    assert_eq!(figures, [["AAA", "blue lagoon", "3", "0.75", "1", "0.1667", "3.5548", "2.1699"]]);
    let one = work.run(&["discover", "g.jsonl", "--by", "country", "--group", "BBB", "--min-docs", "3", "--out", "b"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert!(work.table("b/candidates.csv").rows.is_empty());
    let missing = work.run(&["discover", "g.jsonl", "--by", "country", "--group", "CCC", "--out", "c"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no documents of group 'CCC' (groups: AAA, BBB)"), "{}", missing.stderr);
}

#[test]
fn phrases_per_speaker_leave_out_the_labels() {
    let work = Workdir::new();
    let docs: String = (0..3)
        .map(|i| {
            let text = format!(
                "Vladimir Putin: Good afternoon. The special situation {i}.\nQuestion: Good afternoon, sir {i}."
            );
            format!("{}\n", serde_json::json!({"id": format!("d{i}"), "text": text}))
        })
        .collect();
    work.write("t.jsonl", docs);
    let run =
        work.run(&["discover", "t.jsonl", "--by", "speaker", "--min-docs", "3", "--rank", "docs", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = work.table("out/candidates.csv");
    let found: Vec<(&str, &str, &str)> =
        table.rows.iter().map(|r| (r["group"].as_str(), r["phrase"].as_str(), r["docs"].as_str())).collect();
    assert_eq!(
        found,
        [
            ("Question", "good afternoon sir", "3"),
            ("Vladimir Putin", "special situation", "3"),
            ("Vladimir Putin", "good afternoon", "3")
        ]
    );
}

#[test]
fn standard_input_cannot_be_read_twice() {
    let work = Workdir::new();
    let run = work.run_with_stdin(&["discover", "-", "--out", "out"], "{\"id\": \"a\", \"text\": \"x\"}\n");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("discover reads its input several times"), "{}", run.stderr);
    assert!(!work.path("out/candidates.csv").exists());
}
