//! `scan --group-by`: the groups table adds up the rows of documents.csv by metadata values, date
//! bins and speakers, by the documented formulas, in every format; bad keys and keys without values
//! are reported. The corpora here are composed for the tests.

use crate::util::{Table, Workdir};
use calamine::{open_workbook, Reader, Xlsx};
use std::collections::BTreeMap;

/// Statements of two countries over two quarters, one without a usable date, of different lengths
/// and with stock phrases of the bundled lexicons in some of them.
fn corpus() -> String {
    let statements = [
        ("a1", "Aland", "2022-01-15", "Our brotherly people share a common history. NATO expansion threatens us. The weather was fine and the harvest was good this year."),
        ("a2", "Aland", "2022-02-24", "NATO expansion to the east ignored our legitimate security interests. We want indivisible security."),
        ("a3", "Aland", "2022-05-01", "The trade turnover grew by a third. Our brotherly people deserve peace. The special military operation goes on."),
        ("a4", "Aland", "NA", "We discussed fisheries, the river and the school calendar at length, without any conclusion at all."),
        ("b1", "Borduria", "2022-03-03", "The neo-Nazis in Kiev shell the Donbass. The special military operation will reach its goals. NATO expansion is the root cause."),
        ("b2", "Borduria", "2022-06-30", "Relations are at rock bottom. We highly appreciate your personal contribution, dear friend."),
    ];
    statements
        .iter()
        .map(|(id, country, date, text)| {
            format!("{{\"id\":\"{id}\",\"country\":\"{country}\",\"date\":\"{date}\",\"text\":\"{text}\"}}\n")
        })
        .collect()
}

fn number(row: &std::collections::HashMap<String, String>, column: &str) -> f64 {
    row[column].parse().unwrap_or_else(|_| panic!("{column}: {:?}", row[column]))
}

/// The frames of the bundled lexicons, from the columns of documents.csv.
fn frames(documents: &Table) -> Vec<String> {
    documents.header.iter().filter_map(|c| c.strip_suffix("_per_1k")).map(String::from).collect()
}

/// The groups as the documented formulas give them from the rows of documents.csv.
fn expected_groups(
    documents: &Table,
    key: impl Fn(&std::collections::HashMap<String, String>) -> Vec<String>,
) -> BTreeMap<Vec<String>, BTreeMap<String, f64>> {
    let frames = frames(documents);
    let mut rows_of: BTreeMap<Vec<String>, Vec<&std::collections::HashMap<String, String>>> = BTreeMap::new();
    for row in &documents.rows {
        rows_of.entry(key(row)).or_default().push(row);
    }
    rows_of
        .into_iter()
        .map(|(key, rows)| {
            let sum = |column: &str| rows.iter().map(|r| number(r, column)).sum::<f64>();
            let words = sum("words");
            let seconds = sum("seconds");
            let mut figures = BTreeMap::new();
            let mut ids: Vec<&str> = rows.iter().map(|r| r["doc_id"].as_str()).collect();
            ids.dedup();
            figures.insert("documents".to_string(), ids.len() as f64);
            figures.insert("words".to_string(), words);
            figures.insert("seconds".to_string(), seconds);
            for frame in &frames {
                let hits = sum(&format!("{frame}_hits"));
                let with_words: Vec<_> = rows.iter().filter(|r| number(r, "words") > 0.0).collect();
                let mean = with_words.iter().map(|r| number(r, &format!("{frame}_per_1k"))).sum::<f64>()
                    / with_words.len().max(1) as f64;
                let share_words =
                    rows.iter().map(|r| number(r, &format!("{frame}_share")) * number(r, "words")).sum::<f64>();
                let frame_seconds = sum(&format!("{frame}_seconds"));
                figures.insert(format!("{frame}_hits"), hits);
                figures.insert(format!("{frame}_per_1k"), if words > 0.0 { 1000.0 * hits / words } else { 0.0 });
                figures.insert(format!("{frame}_per_1k_mean"), mean);
                figures.insert(format!("{frame}_share"), if words > 0.0 { share_words / words } else { 0.0 });
                figures.insert(format!("{frame}_seconds"), frame_seconds);
                figures.insert(format!("{frame}_airtime"), if seconds > 0.0 { frame_seconds / seconds } else { 0.0 });
            }
            (key, figures)
        })
        .collect()
}

/// Every figure of `groups` equals the expected one (within the four decimals written).
fn assert_groups_match(groups: &Table, keys: &[&str], expected: &BTreeMap<Vec<String>, BTreeMap<String, f64>>) {
    assert_eq!(groups.rows.len(), expected.len(), "{:?}", groups.rows);
    for row in &groups.rows {
        let key: Vec<String> = keys.iter().map(|k| row[*k].clone()).collect();
        let figures = expected.get(&key).unwrap_or_else(|| panic!("unexpected group {key:?}"));
        for (column, value) in figures {
            let written = number(row, column);
            assert!((written - value).abs() <= 1e-4 * value.abs().max(1.0), "{key:?} {column}: {written} ≠ {value}");
        }
    }
}

#[test]
fn groups_add_up_documents_by_field_and_quarter_in_every_format() {
    let dir = Workdir::new();
    dir.write("statements.jsonl", corpus());
    let run = dir.run(&[
        "scan",
        "statements.jsonl",
        "--group-by",
        "country,date:quarter",
        "--format",
        "csv,jsonl,xlsx",
        "--out",
        "out",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "--group-by date:quarter: 1 document without a usable date in 'date' is in the group '(no date)'"
        ),
        "{}",
        run.stderr
    );
    let documents = dir.table("out/documents.csv");
    let groups = dir.table("out/groups.csv");
    assert_eq!(groups.header[..5], ["country", "date:quarter", "documents", "words", "seconds"]);
    let quarter = |date: &str| match &date[..date.len().min(7)] {
        "2022-01" | "2022-02" | "2022-03" => "2022-Q1".to_string(),
        "2022-05" | "2022-06" => "2022-Q2".to_string(),
        _ => "(no date)".to_string(),
    };
    let expected = expected_groups(&documents, |row| vec![row["country"].clone(), quarter(&row["date"])]);
    assert_groups_match(&groups, &["country", "date:quarter"], &expected);
    // Sorted by country, then quarter, the group without a date last.
    let order: Vec<(String, String)> =
        groups.rows.iter().map(|r| (r["country"].clone(), r["date:quarter"].clone())).collect();
    let as_str: Vec<(&str, &str)> = order.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        as_str,
        [
            ("Aland", "2022-Q1"),
            ("Aland", "2022-Q2"),
            ("Aland", "(no date)"),
            ("Borduria", "2022-Q1"),
            ("Borduria", "2022-Q2")
        ]
    );
    // The stock phrases were found, so the test compares figures that are not all zero.
    let hits: f64 = groups
        .rows
        .iter()
        .flat_map(|r| frames(&documents).into_iter().map(move |f| number(r, &format!("{f}_hits"))))
        .sum();
    assert!(hits >= 5.0, "{hits}");
    // The same rows in JSON lines and in the workbook.
    let jsonl = String::from_utf8(dir.read("out/groups.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), groups.rows.len());
    assert_eq!(lines[0]["country"], "Aland");
    assert_eq!(lines[0]["documents"], 2);
    let mut book: Xlsx<_> = open_workbook(dir.path("out/leitmotif.xlsx")).unwrap();
    assert!(book.sheet_names().iter().any(|s| s == "groups"), "{:?}", book.sheet_names());
    let sheet = book.worksheet_range("groups").unwrap();
    assert_eq!(sheet.height(), groups.rows.len() + 1);
}

#[test]
fn groups_by_speaker_count_each_speakers_words_and_documents_once() {
    let dir = Workdir::new();
    let transcript = |id: &str, date: &str| {
        format!(
            "{{\"id\":\"{id}\",\"date\":\"{date}\",\"text\":\"Vladimir Putin: Our brotherly people share a common history. NATO expansion threatens us.\\n\\nJohn Smith: Thank you. What about trade?\\n\\nVladimir Putin: The trade turnover grew. NATO expansion continues.\"}}\n"
        )
    };
    dir.write("talks.jsonl", transcript("t1", "2022-01-10") + &transcript("t2", "2023-04-02"));
    let run = dir.run(&["scan", "talks.jsonl", "--group-by", "speaker,date:year", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("documents.csv has a row per (document, speaker)"), "{}", run.stderr);
    let documents = dir.table("out/documents.csv");
    assert_eq!(documents.rows.len(), 4, "a row per (document, speaker)");
    let groups = dir.table("out/groups.csv");
    let expected = expected_groups(&documents, |row| vec![row["speaker"].clone(), row["date"][..4].to_string()]);
    assert_groups_match(&groups, &["speaker", "date:year"], &expected);
    let putin: Vec<_> = groups.rows.iter().filter(|r| r["speaker"] == "Vladimir Putin").collect();
    assert_eq!(putin.len(), 2);
    assert!(putin.iter().all(|r| r["documents"] == "1"));

    // By speaker alone, each speaker's group counts both documents once.
    let run = dir.run(&["scan", "talks.jsonl", "--group-by", "speaker", "--out", "out2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let groups = dir.table("out2/groups.csv");
    assert_eq!(groups.column("speaker"), ["John Smith", "Vladimir Putin"]);
    assert_eq!(groups.column("documents"), ["2", "2"]);
}

#[test]
fn bad_keys_stop_the_run_and_absent_fields_are_reported() {
    let dir = Workdir::new();
    dir.write("statements.jsonl", corpus());
    let run = dir.run(&["scan", "statements.jsonl", "--group-by", "date:week", "--out", "out"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("unknown date bin 'week' (month, quarter or year)"), "{}", run.stderr);
    assert!(!dir.path("out").exists());

    let run = dir.run(&["scan", "statements.jsonl", "--group-by", "region", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("--group-by region: no document has a field 'region' (fields: country, date); every document is in '(missing)'"),
        "{}",
        run.stderr
    );
    let groups = dir.table("out/groups.csv");
    assert_eq!(groups.column("region"), ["(missing)"]);
    assert_eq!(groups.column("documents"), ["6"]);

    // Without --group-by there is no groups file.
    let run = dir.run(&["scan", "statements.jsonl", "--out", "plain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!dir.path("plain/groups.csv").exists());
}
