//! Two-phase reuse (`shingles`, `resolve`): on one machine `shingles | sort | resolve` gives the
//! `passages.csv` of `reuse` and `scan --reuse` byte for byte (the bundled corpus, and 1,500 UNGDC
//! speeches when `../shared` is there); the rows a cluster would hand `resolve --grouped`, built
//! here as a Spark driver builds them (group-by minimum, joins, rounds for what a target asks for),
//! give the same passages through `--finish`; the fingerprint hashes of a fixed sentence are pinned;
//! bad rows are errors naming their line.

use crate::util::{shared_corpora, Workdir};
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("leitmotif")
}

/// Runs the binary in `work` with `stdin` from a file (or nothing) and stdout to a file.
fn run_to_file(work: &Workdir, args: &[&str], stdin: Option<&str>, stdout: &str) -> (i32, String) {
    let input = match stdin {
        Some(name) => Stdio::from(std::fs::File::open(work.path(name)).unwrap()),
        None => Stdio::null(),
    };
    let output = Command::new(binary())
        .args(args)
        .current_dir(work.path(""))
        .stdin(input)
        .stdout(std::fs::File::create(work.path(stdout)).unwrap())
        .output()
        .unwrap();
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Sorts the lines of a file as `LC_ALL=C sort` does (by their bytes).
fn sort_lines(work: &Workdir, from: &str, to: &str) {
    let bytes = work.read(from);
    let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    lines.sort_unstable();
    let mut sorted = lines.join(&b'\n');
    sorted.push(b'\n');
    work.write(to, sorted);
}

/// `shingles --docs | LC_ALL=C sort | resolve` over `input` into `out`.
fn two_phase(work: &Workdir, input: &str, order_by: &str, out: &str) {
    let (code, stderr) = run_to_file(work, &["shingles", input, "--order-by", order_by, "--docs"], None, "rows.tsv");
    assert_eq!(code, 0, "{stderr}");
    sort_lines(work, "rows.tsv", "sorted.tsv");
    let (code, stderr) = run_to_file(work, &["resolve", "sorted.tsv", "--out", out, "-q"], None, "resolve.out");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn bundled_corpus_gives_the_passages_of_reuse_and_scan_reuse() {
    let work = Workdir::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = corpus.to_str().unwrap();
    let run = work.run(&["reuse", corpus, "--order-by", "date", "--out", "reuse", "-q"]);
    assert!(run.code == 0, "{}", run.stderr);
    let run = work.run(&["scan", corpus, "--reuse", "--order-by", "date", "--out", "scan", "-q"]);
    assert!(run.code == 0, "{}", run.stderr);
    two_phase(&work, corpus, "date", "two");
    let expected = work.read("reuse/passages.csv");
    assert!(expected.split(|&b| b == b'\n').count() > 50, "the corpus has recycled passages");
    assert!(work.read("two/passages.csv") == expected, "two-phase passages.csv differs from reuse's");
    assert!(work.read("scan/passages.csv") == expected, "scan --reuse and reuse differ");
    // The same rows at any number of threads.
    let rows = work.read("rows.tsv");
    let (code, _) =
        run_to_file(&work, &["shingles", corpus, "--order-by", "date", "--docs", "-j", "1"], None, "one.tsv");
    assert_eq!(code, 0);
    assert!(work.read("one.tsv") == rows, "shingles rows differ between 1 thread and all cores");
}

#[test]
fn ungdc_speeches_give_the_passages_of_reuse() {
    let Some(corpora) = shared_corpora() else {
        return;
    };
    use std::io::BufRead;
    let work = Workdir::new();
    let file = std::fs::File::open(corpora.join("ungdc.jsonl.gz")).unwrap();
    let lines: Vec<String> =
        std::io::BufReader::new(flate2::read::GzDecoder::new(file)).lines().take(1500).map(Result::unwrap).collect();
    work.write("ungdc.jsonl", lines.join("\n") + "\n");
    let run = work.run(&["reuse", "ungdc.jsonl", "--order-by", "year", "--out", "reuse", "-q"]);
    assert!(run.code == 0, "{}", run.stderr);
    two_phase(&work, "ungdc.jsonl", "year", "two");
    let expected = work.read("reuse/passages.csv");
    assert!(expected.len() > 100_000, "1,500 speeches hold recycled passages");
    assert!(work.read("two/passages.csv") == expected, "two-phase passages.csv differs from reuse's");
}

/// One shingle row: hash, place, position.
fn shingle_rows(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|l| !l.starts_with("doc\t"))
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 6, "{l}");
            (c[0].to_string(), c[1].to_string(), c[2].to_string())
        })
        .collect()
}

#[test]
fn grouped_rows_built_as_a_cluster_builds_them_give_the_same_passages() {
    // A Spark driver in miniature: the earliest holder per hash (minimum place), each target's
    // seeds and records, `resolve --grouped`, and the rounds that add what targets ask for.
    let work = Workdir::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = corpus.to_str().unwrap();
    let run = work.run(&["reuse", corpus, "--order-by", "date", "--out", "reuse", "-q"]);
    assert!(run.code == 0, "{}", run.stderr);
    let (code, _) = run_to_file(&work, &["shingles", corpus, "--order-by", "date", "--docs"], None, "rows.tsv");
    assert_eq!(code, 0);
    let rows = String::from_utf8(work.read("rows.tsv")).unwrap();
    let records: BTreeMap<String, String> = rows
        .lines()
        .filter_map(|l| l.strip_prefix("doc\t"))
        .map(|l| {
            let (key, record) = l.split_once('\t').unwrap();
            (key.to_string(), record.to_string())
        })
        .collect();
    let shingles = shingle_rows(&rows);
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for (hash, place, _) in &shingles {
        let holder = first.entry(hash).or_insert(place);
        *holder = (*holder).min(place.as_str());
    }
    let doc = |place: &str| place[..33].to_string();
    let mut seeds: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut wanted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (hash, place, pos) in &shingles {
        let holder = first[hash.as_str()];
        if doc(holder) != doc(place) {
            seeds.entry(doc(place)).or_default().push(format!("seed\t{pos}\t{holder}"));
            wanted.entry(doc(place)).or_default().extend([doc(place), doc(holder)]);
        }
    }
    let mut hashes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pending: Vec<String> = seeds.keys().cloned().collect();
    let mut passages = String::new();
    let mut rounds = 0;
    while !pending.is_empty() {
        rounds += 1;
        assert!(rounds <= 8, "targets still ask for more: {pending:?}");
        // Two groups of targets (even and odd positions in reverse key order); each group is sent
        // the records its targets need once, and a target's rows come in any order.
        let mut given = String::new();
        for group in ["g0", "g1"] {
            let targets: Vec<&String> = pending
                .iter()
                .rev()
                .enumerate()
                .filter(|(i, _)| (i % 2 == 0) == (group == "g0"))
                .map(|(_, t)| t)
                .collect();
            let keys: BTreeSet<&String> = targets.iter().flat_map(|t| &wanted[*t]).collect();
            for key in keys {
                given += &format!("{group}\t\tdoc\t{key}\t{}\n", records[key]);
            }
            for target in targets {
                for hash in hashes.get(target).into_iter().flatten() {
                    let mut holders: Vec<&str> = shingles
                        .iter()
                        .filter(|(h, place, _)| h == hash && doc(place) < *target)
                        .map(|(_, place, _)| place.as_str())
                        .collect();
                    holders.sort_unstable();
                    for place in holders.iter().take(1025) {
                        given += &format!("{group}\t{target}\thold\t{hash}\t{place}\n");
                    }
                }
                for seed in &seeds[target] {
                    given += &format!("{group}\t{target}\t{seed}\n");
                }
            }
        }
        work.write("given.tsv", &given);
        let (code, stderr) = run_to_file(&work, &["resolve", "--grouped", "-q"], Some("given.tsv"), "out.tsv");
        assert_eq!(code, 0, "{stderr}");
        let out = String::from_utf8(work.read("out.tsv")).unwrap();
        pending = Vec::new();
        for line in out.lines() {
            let c: Vec<&str> = line.splitn(3, '\t').collect();
            match c[0] {
                "passage" => passages += &format!("{line}\n"),
                "need-doc" => drop(wanted.get_mut(c[1]).unwrap().insert(c[2].to_string())),
                "need-hash" => drop(hashes.entry(c[1].to_string()).or_default().insert(c[2].to_string())),
                other => panic!("unexpected row kind {other}"),
            }
            if c[0] != "passage" && pending.last().is_none_or(|t| t != c[1]) {
                pending.push(c[1].to_string());
            }
        }
    }
    assert!(rounds >= 2, "the fallback for long verbatim runs asks for holders on this corpus");
    work.write("passages.tsv", &passages);
    let (code, stderr) = run_to_file(&work, &["resolve", "--finish", "passages.tsv", "--out", "two", "-q"], None, "o");
    assert_eq!(code, 0, "{stderr}");
    assert!(work.read("two/passages.csv") == work.read("reuse/passages.csv"));
    // A target's rows given twice (a driver that kept a round's output twice) are refused.
    work.write("twice.tsv", passages.repeat(2));
    let (code, stderr) = run_to_file(&work, &["resolve", "--finish", "twice.tsv", "--out", "bad", "-q"], None, "o");
    assert_eq!(code, 2);
    assert!(stderr.contains("is given twice"), "{stderr}");
    assert!(!work.path("bad/passages.csv").exists());
}

#[test]
fn fingerprint_hashes_of_a_fixed_sentence_are_pinned() {
    let work = Workdir::new();
    let line = r#"{"id":"a","text":"We the peoples of the United Nations determined to save succeeding generations"}"#;
    let run = work.run_with_stdin(&["shingles", "-"], &format!("{line}\n"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let zeros = "0".repeat(32);
    let expected = [
        ("1035932743841563211", 0, 0, 17),
        ("1801267349797971086", 3, 15, 36),
        ("8576672753266702008", 4, 18, 47),
        ("-8463707891593761489", 6, 29, 55),
    ]
    .map(|(hash, pos, start, end)| format!("{hash}\t0{zeros}{pos:08x}\t{pos}\t{start}\t{end}\ta\n"))
    .concat();
    assert_eq!(run.stdout, expected, "the fingerprint scheme changed: bump SCHEME's version");
    let run = work.run(&["shingles", "--scheme"]);
    assert!(run.stdout.starts_with("leitmotif-shingles/1 "), "{}", run.stdout);
}

#[test]
fn bad_rows_are_errors_naming_their_line() {
    let work = Workdir::new();
    let good = r#"{"id":"b","text":"We the peoples of the United Nations"}"#;
    // shingles: the bad record is reported with its line, the others are written, exit code 1.
    let run = work.run_with_stdin(&["shingles", "-"], &format!("not json\n{good}\n"));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("-:1: invalid JSON"), "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 1);
    let run = work.run_with_stdin(&["shingles", "-", "--error-rows"], &format!("not json\n{good}\n"));
    assert_eq!(run.code, 0);
    assert!(run.stdout.lines().any(|l| l.starts_with("error\t-\t1\t\t\tinvalid JSON")), "{}", run.stdout);
    let run = work.run_with_stdin(&["shingles", "-", "--ordinal-field", "n"], &format!("{good}\n"));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("-:1: no field 'n' for the ordinal"), "{}", run.stderr);
    // resolve: a malformed, unsorted or incomplete row stops the run (exit 2) and names its line.
    let place = format!("0{}{}", "0".repeat(32), "00000003");
    let cases = [
        (
            vec!["resolve", "--out", "o"],
            format!("5\t{place}\t3\t1\t9\tx\n12\tnot-a-place\t3\t1\t9\tx\n"),
            "-:2: 'not-a-place' is not a place",
        ),
        (
            vec!["resolve", "--out", "o"],
            format!("5\t{place}\t3\t1\t9\tx\n4\t{place}\t3\t1\t9\tx\n"),
            "-:2: shingle rows are not sorted",
        ),
        (vec!["resolve", "--out", "o"], "doc\tshort\n".to_string(), "-:1: expected 2 tab-separated cells"),
        (vec!["resolve", "--grouped"], format!("g\t{}\tsede\t1\t2\n", &place[..33]), "-:1: 'sede' is not a row kind"),
        (
            vec!["resolve", "--grouped"],
            format!("g\t{}\tseed\tx\t{place}\n", &place[..33]),
            "-:1: 'x' is not a word position",
        ),
        (
            vec!["resolve", "--grouped"],
            format!("g\t\tdoc\t{}\t{{\"id\":1}}\n", &place[..33]),
            "-:1: the document record has no \"text\"",
        ),
        (
            vec!["resolve", "--grouped"],
            format!("g\t{}\tseed\t1\n", &place[..33]),
            "-:1: expected 5 tab-separated cells",
        ),
        (
            vec!["resolve", "--grouped"],
            ["a", "b", "a"].map(|g| format!("{g}\t{}\tseed\t0\t{place}\n", &place[..33])).concat(),
            "-:3: the rows of group 'a' are not together",
        ),
        (
            vec!["resolve", "--finish", "--out", "o"],
            format!("need-doc\t{}\t{}\n", &place[..33], &place[..33]),
            "-:1: target",
        ),
    ];
    for (args, input, message) in cases {
        let run = work.run_with_stdin(&args, &input);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(!work.path("o/passages.csv").exists());
    }
}
