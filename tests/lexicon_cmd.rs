//! `leitmotif lexicon check`, `leitmotif lexicon test` and `leitmotif lexicon list`.

use crate::util::{Workdir, ONE_FRAME_LEXICON};

#[test]
fn check_reports_every_problem_with_file_line_and_column() {
    let work = Workdir::new();
    let broken = ONE_FRAME_LEXICON
        .replace("\"indivisible security\"", "\"indivisible ~ security\"")
        .replace("weight = 2.0", "weight = 0");
    work.write("lexicons/broken.toml", broken);
    work.write(
        "lexicons/ok.toml",
        ONE_FRAME_LEXICON
            .replace("id = \"security\"", "id = \"security2\"")
            .replace("\"nato_expansion\"", "\"other\"")
            .replace("\"indivisible\"", "\"indivisible2\"")
            .replace("\"brotherly\"", "\"brotherly2\""),
    );
    let run = work.run(&["lexicon", "check", "lexicons"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().filter(|l| !l.contains(": warning: ")).collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("lexicons/broken.toml:14:10: weight must be a positive number"), "{}", lines[0]);
    assert!(lines[1].starts_with("lexicons/broken.toml:20:26: pattern 'indivisible ~ security'"), "{}", lines[1]);
}

#[test]
fn check_accepts_the_bundled_lexicons() {
    let work = Workdir::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    let run = work.run(&["lexicon", "check", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with("ok: 2 lexicons, 8 frames, 38 motifs"), "{}", run.stdout);
}

/// A lexicon with one warning of each kind, and the line:column each is reported at.
const WARNED: &str = r#"name = "w"
language = "en"
version = "1"

[[frames]]
id = "security"
label = "Security"

[[frames.motifs]]
id = "nato_expansion"
label = "NATO expansion"
patterns = [
  "nato expansion",
  "nato expansion eastward",
  "NATO  Expansion",
  "re:NATO",
  "re:neo-nazi",
  "ex* of nato",
  "open door ",
]
examples = ["NATO expansion again."]

[[frames.motifs]]
id = "guarantees"
label = "Guarantees"
patterns = ["security guarantees"]
"#;

#[test]
fn check_warns_and_fails_only_when_strict() {
    let work = Workdir::new();
    work.write("w.toml", WARNED);
    let run = work.run(&["lexicon", "check", "w.toml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let expected = [
        "w.toml:15:9: warning: pattern 'NATO  Expansion' has a doubled space",
        "w.toml:18:4: warning: glob 'ex*' in pattern 'ex* of nato' has 2 letters before '*' (fewer than 3)",
        "w.toml:19:13: warning: pattern 'open door ' has a trailing space",
        "w.toml:16:4: warning: regex 're:NATO' can never match: it requires 'N', but normalised text is lower case (write 'n')",
        "w.toml:17:4: warning: regex 're:neo-nazi' can never match: it requires '-', which normalised text never holds",
        "w.toml:14:4: warning: pattern 'nato expansion eastward' wholly contains 'nato expansion' (line 13)",
        "w.toml:15:4: warning: duplicate pattern: 'NATO  Expansion' matches exactly what 'nato expansion' (line 13) matches",
        "w.toml:24:6: warning: motif 'guarantees' has no examples",
        "ok: 1 lexicon, 1 frame, 2 motifs, 8 patterns, 1 example; 8 warnings",
    ];
    let mut sorted: Vec<&str> = lines.clone();
    sorted.sort();
    let mut want: Vec<&str> = expected.to_vec();
    want.sort();
    assert_eq!(lines.len(), expected.len(), "{}", run.stdout);
    for (line, prefix) in sorted.iter().zip(want) {
        assert!(line.starts_with(prefix), "{line}\n  expected {prefix}\n{}", run.stdout);
    }
    let strict = work.run(&["lexicon", "check", "--strict", "w.toml"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("8 warnings (--strict)"), "{}", strict.stderr);
}

#[test]
fn test_runs_examples_and_reports_failures_by_line() {
    let work = Workdir::new();
    work.write(
        "t.toml",
        r#"name = "t"
language = "en"
version = "1"

[[frames]]
id = "ties"
label = "Ties"

[[frames.motifs]]
id = "common_roots"
label = "Common roots"
patterns = ["(common|shared) (roots|history)"]
exclude = ["common history textbook*"]
examples = [
  "We share common roots.",
  "Our peoples have deep roots in common.",
]
counter_examples = [
  "A common history textbook appeared.",
  "Our shared history is long.",
]
"#,
    );
    let run = work.run(&["lexicon", "test", "t.toml"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "t.toml:16: common_roots: \"Our peoples have deep roots in common.\" — expected a hit, got none\n\
         t.toml:20: common_roots: \"Our shared history is long.\" — unexpected hit \"shared history\"\n\
         2 examples and 2 counter-examples of 1 motif in 1 lexicon (0 motifs without examples)\n\
         examples: 2 passed, 2 failed\n"
    );
}
#[test]
fn the_bundled_lexicons_pass_their_examples() {
    let work = Workdir::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    let run = work.run(&["lexicon", "test", dir.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("(0 motifs without examples)"), "{}", run.stdout);
}

#[test]
fn list_shows_frames_motifs_and_pattern_counts() {
    let work = Workdir::new();
    work.write("lex.toml", ONE_FRAME_LEXICON);
    let run = work.run(&["lexicon", "list", "--lexicon", "lex.toml"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("security  Security"), "{}", run.stdout);
    assert!(run.stdout.contains("nato_expansion") && run.stdout.contains("  2 patterns"), "{}", run.stdout);
    let bundled = work.run(&["lexicon", "list"]);
    assert!(bundled.stdout.contains("bundled:kremlin-ru.toml"), "{}", bundled.stdout);
}

/// A lexicon of `count` motifs, each with one regex `re:\w{<width>} x<i>`.
fn regex_lexicon(count: usize, width: usize) -> String {
    let mut text =
        String::from("name = \"gen\"\nlanguage = \"en\"\nversion = \"1\"\n[[frames]]\nid = \"g\"\nlabel = \"G\"\n");
    for i in 0..count {
        text +=
            &format!("[[frames.motifs]]\nid = \"m{i}\"\nlabel = \"M{i}\"\npatterns = [\"re:\\\\w{{{width}}} x{i}\"]\n");
    }
    text
}

/// Issue 8: eight regexes that compile one by one but not as one set within one regex's size limit
/// were approved by `lexicon check` and rejected by `scan` (without a file or line).
#[test]
fn issue8_check_and_scan_accept_regexes_too_large_only_together() {
    let work = Workdir::new();
    work.write("lex.toml", regex_lexicon(8, 60));
    let check = work.run(&["lexicon", "check", "lex.toml"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    work.write("in.txt", format!("Words before {} x3 and after.", "a".repeat(60)));
    let scan = work.run(&["scan", "in.txt", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    assert_eq!(work.table("out/hits.csv").column("motif"), ["m3"]);
}

/// Issue 8: a regex too large to compile is named at its file, line and column by both commands.
#[test]
fn issue8_a_regex_too_large_is_named_at_its_place_by_check_and_scan() {
    let work = Workdir::new();
    let mut lexicon = regex_lexicon(3, 10);
    lexicon = lexicon.replace(r#""re:\\w{10} x1""#, r#""re:\\w{1000} x1""#);
    work.write("lex.toml", &lexicon);
    let line = lexicon.lines().position(|l| l.contains("1000")).unwrap() + 1;
    let expected =
        format!("lex.toml:{line}:17: pattern 're:\\w{{1000}} x1': invalid regex: Compiled regex exceeds size limit");
    let check = work.run(&["lexicon", "check", "lex.toml"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.starts_with(&expected), "{}", check.stdout);
    work.write("in.txt", "Some text.");
    let scan = work.run(&["scan", "in.txt", "--lexicon", "lex.toml", "--out", "out"]);
    assert_eq!(scan.code, 2, "{}", scan.stderr);
    assert!(scan.stderr.contains(&expected), "{}", scan.stderr);
}
